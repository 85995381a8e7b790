/** Arrow output: column types match the reference Parquet, row counts and sample values match dbgen, async/chunked/registered generation agree. */
import { DateDay, Decimal, Int32, Int64, Type, Utf8, type RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { generateBatches, generateBatchesAsync, generateTable } from './api.js';
import { OFFICIAL_TBL } from './check/official.js';
import { registerTpch } from './register.js';
import { COLUMNS, TPCH_TABLES, tpchSchema } from './schema.js';

const INT32_COLUMNS = ['n_nationkey', 'n_regionkey', 'r_regionkey', 's_nationkey', 'c_nationkey', 'p_size', 'o_shippriority'];

describe('Arrow batches', () => {
  it('have the reference Parquet types', () => {
    for (const table of TPCH_TABLES) {
      for (const field of tpchSchema(table).fields) {
        const name = field.name;
        if (INT32_COLUMNS.includes(name)) expect(field.type, name).toBeInstanceOf(Int32);
        else if (/(key|availqty|linenumber)$/.test(name)) expect(field.type, name).toBeInstanceOf(Int64);
        else if (/(acctbal|price|cost|quantity|discount|tax)$/.test(name)) {
          expect(field.type, name).toBeInstanceOf(Decimal);
          expect(field.type).toMatchObject({ precision: 15, scale: 2, bitWidth: 128 });
        } else if (/date$/.test(name)) expect(field.type, name).toBeInstanceOf(DateDay);
        else expect(field.type, name).toBeInstanceOf(Utf8);
      }
    }
  });

  it('have the official row counts and the schema of their table', () => {
    for (const table of TPCH_TABLES) {
      let rows = 0;
      for (const batch of generateBatches(table, { sf: 0.01 })) {
        expect(batch.schema.fields.map((f) => f.name)).toEqual(COLUMNS[table].map((c) => c.name));
        expect(batch.numCols).toBe(COLUMNS[table].length);
        rows += batch.numRows;
      }
      expect(rows, table).toBe(OFFICIAL_TBL['0.01']![table].rows);
    }
  });

  it('hold the values dbgen prints', () => {
    // dbgen SF 0.01 line 1: 1|1552|93|1|17|24710.35|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|egular courts above the|
    const [batch] = generateBatches('lineitem', { sf: 0.01 }) as Iterable<RecordBatch>;
    const row = batch!.get(0)!;
    expect(row['l_orderkey']).toBe(1n);
    expect(row['l_partkey']).toBe(1552n);
    expect(row['l_suppkey']).toBe(93n);
    const words = (name: string) => Array.from(batch!.getChild(name)!.data[0]!.values.subarray(0, 4));
    expect(words('l_quantity')).toEqual([1700, 0, 0, 0]);
    expect(words('l_extendedprice')).toEqual([2471035, 0, 0, 0]);
    expect(words('l_discount')).toEqual([4, 0, 0, 0]);
    expect(batch!.getChild('l_shipdate')!.data[0]!.values[0]).toBe(Date.UTC(1996, 2, 13) / 86_400_000);
    expect(batch!.getChild('l_shipdate')!.type.typeId).toBe(Type.Date);
    expect(row['l_shipinstruct']).toBe('DELIVER IN PERSON');
    expect(row['l_comment']).toBe('egular courts above the');

    const customers = [...generateBatches('customer', { sf: 0.01 })];
    const balance = customers[0]!.getChild('c_acctbal')!.data[0]!.values as Uint32Array;
    // customer 1: acctbal 711.56; customer 11: -272.60 (two's complement over all 128 bits)
    expect(Array.from(balance.subarray(0, 4))).toEqual([71156, 0, 0, 0]);
    expect(Array.from(balance.subarray(40, 44))).toEqual([-27260 >>> 0, 0xffffffff, 0xffffffff, 0xffffffff]);
  });

  it('async generation and chunks give the same table', async () => {
    const whole = await generateTable('orders', { sf: 0.01 });
    const parts: RecordBatch[] = [];
    for (let chunk = 1; chunk <= 3; chunk++) {
      for await (const batch of generateBatchesAsync('orders', { sf: 0.01, chunk, chunks: 3, threads: 0 })) parts.push(batch);
    }
    const key = (batches: readonly RecordBatch[]) => batches.flatMap((b) => [...b.getChild('o_comment')!]);
    expect(whole.numRows).toBe(15000);
    expect(key(parts)).toEqual(key(whole.batches));
  });

  it('registerTpch registers all eight tables', async () => {
    const registered = new Map<string, number>();
    await registerTpch({ registerTable: (name, table) => registered.set(name, table.numRows) }, { sf: 0.01, threads: 0 });
    expect(Object.fromEntries(registered)).toEqual(
      Object.fromEntries(TPCH_TABLES.map((t) => [t, OFFICIAL_TBL['0.01']![t].rows])),
    );
  });
});
