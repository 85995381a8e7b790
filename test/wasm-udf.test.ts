/**
 * WebAssembly UDFs through the session: `registerWasmModule` and CREATE FUNCTION ... LANGUAGE wasm,
 * used in SELECT, WHERE, GROUP BY, JOIN conditions and as aggregates; SHOW/DROP FUNCTION; errors
 * that leave the session working. Guests are built by the udf package's binary encoder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionContext } from 'quiver';
import { arrowUdfGuest } from '../packages/udf/src/testing/arrow-udf-guest.js';
import { buildGuest } from '../packages/udf/src/testing/guest-runtime.js';
import { addF64, boom, echoFixed, nz, rowSeries, series, shout, spin, sumsq, sumsqMerge } from '../packages/udf/src/testing/guests.js';
import { rows } from './support/sql-rows.js';

const manifest = {
  abi: '1.0',
  functions: [
    { name: 'add', args: ['float64', 'float64'], ret: 'float64', export: 'add_f64' },
    { name: 'echo', args: ['int32'], ret: 'int32', export: 'echo_fixed' },
    { name: 'echo', args: ['int64'], ret: 'int64', export: 'echo_fixed' },
    { name: 'shout', args: ['utf8'], ret: 'utf8' },
    { name: 'nz', args: ['float64'], ret: 'float64', nulls: 'called', volatility: 'volatile' },
    { name: 'boom', args: ['int32'], ret: 'int32' },
    { name: 'sumsq', kind: 'aggregate', args: ['float64'], ret: 'float64', state_size: 16 },
    { name: 'series', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] },
    { name: 'row_series', kind: 'table', args: ['int32'], columns: [{ name: 'i', type: 'int32' }] },
  ],
};
const guest = buildGuest({ manifest, functions: [addF64, echoFixed, shout, nz, boom, ...sumsq, sumsqMerge, ...series, ...rowSeries] });

async function sessionWithData(): Promise<SessionContext> {
  const ctx = await SessionContext.create();
  ctx.registerTable(
    't',
    arrow.tableFromArrays({
      id: Int32Array.from([1, 2, 3, 4, 5, 6]),
      grp: ['a', 'b', 'a', 'b', 'a', null],
      x: Float64Array.from([1, 2, 3, 4, 5, 6]),
      name: ['ann', 'bob', 'cy', 'dee', 'ed', 'flo'],
    }),
  );
  ctx.registerTable('u', arrow.tableFromArrays({ uid: Int32Array.from([2, 4, 6]), label: ['two', 'four', 'six'] }));
  return ctx;
}

describe('WebAssembly UDFs in SQL', () => {
  let path: string;
  beforeAll(() => {
    path = join(mkdtempSync(join(tmpdir(), 'quiver-udf-')), 'guest.wasm');
    writeFileSync(path, guest);
  });

  it('registerWasmModule registers every manifest function for SELECT, WHERE, GROUP BY and JOIN', async () => {
    const ctx = await sessionWithData();
    expect(await ctx.registerWasmModule(guest)).toContain('add(float64, float64) -> float64');
    expect(await rows(ctx, 'SELECT id, add(x, 0.5) AS y, shout(name) FROM t WHERE add(x, x) > 6 ORDER BY id')).toEqual([
      [4, 4.5, 'DEE'],
      [5, 5.5, 'ED'],
      [6, 6.5, 'FLO'],
    ]);
    expect(await rows(ctx, 'SELECT shout(grp) AS g, count(*) FROM t GROUP BY shout(grp) ORDER BY g NULLS LAST')).toEqual([
      ['A', 3n],
      ['B', 2n],
      [null, 1n],
    ]);
    expect(await rows(ctx, 'SELECT id, label FROM t JOIN u ON echo(t.id) = echo(u.uid) AND add(t.x, 1) > 3 ORDER BY id')).toEqual([
      [4, 'four'],
      [6, 'six'],
    ]);
    expect(await rows(ctx, 'SELECT echo(CAST(id AS BIGINT)), echo(CAST(id AS SMALLINT)) FROM t WHERE id = 2')).toEqual([[2n, 2]]);
  });

  it('runs aggregate UDFs in the hash aggregate, grouped and not, NULL for groups without values', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest);
    expect(await rows(ctx, 'SELECT grp, sumsq(x), sum(x * x) FROM t GROUP BY grp ORDER BY grp NULLS LAST')).toEqual([
      ['a', 35, 35],
      ['b', 20, 20],
      [null, 36, 36],
    ]);
    expect(await rows(ctx, 'SELECT sumsq(CASE WHEN id > 4 THEN x END), sumsq(x) FILTER (WHERE id < 3) FROM t')).toEqual([[61, 5]]);
    expect(await rows(ctx, 'SELECT sumsq(x) FROM t WHERE id > 100')).toEqual([[null]]);
    const many = Array.from({ length: 20000 }, (_, i) => i);
    ctx.registerTable('big', arrow.tableFromArrays({ k: Int32Array.from(many, (i) => i % 5000), v: Float64Array.from(many, (i) => (i % 7) - 3) }));
    expect(await rows(ctx, 'SELECT count(*) FROM (SELECT k, sumsq(v) AS s, sum(v * v) AS t FROM big GROUP BY k) q WHERE s = t')).toEqual([[5000n]]);
  });

  it('merges partial aggregate states with the guest’s _merge over UNION ALL branches', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest);
    const sql = 'SELECT grp, sumsq(x) FROM (SELECT * FROM t WHERE id <= 3 UNION ALL SELECT * FROM t WHERE id > 3 UNION ALL SELECT * FROM t WHERE id > 99) u GROUP BY grp ORDER BY grp NULLS LAST';
    const plan = (await (await ctx.sql(`EXPLAIN ${sql}`)).collect()).toArray().map((r) => Object.values(r.toJSON()).join('\n')).join('\n');
    expect(plan).toMatch(/mode=final[\s\S]*mode=partial/);
    // Group a has rows in both branches (1, 3 | 5), b too (2 | 4): right only if the states are merged.
    expect(await rows(ctx, sql)).toEqual([['a', 35], ['b', 20], [null, 36]]);
    expect(await rows(ctx, 'SELECT sumsq(x) FROM (SELECT x FROM t UNION ALL SELECT x FROM t WHERE id > 99) u')).toEqual([[91]]);
    const many = Array.from({ length: 20000 }, (_, i) => i);
    ctx.registerTable('big', arrow.tableFromArrays({ k: Int32Array.from(many, (i) => i % 5000), v: Float64Array.from(many, (i) => (i % 7) - 3) }));
    expect(await rows(ctx, 'SELECT count(*) FROM (SELECT k, sumsq(v) AS s, sum(v * v) AS t FROM (SELECT * FROM big WHERE k < 2500 UNION ALL SELECT * FROM big) u GROUP BY k) q WHERE s = t')).toEqual([[5000n]]);
  });

  it('runs table functions in FROM, joined with tables', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest);
    expect(await rows(ctx, 'SELECT sum(i), count(*) FROM series(10)')).toEqual([[45n, 10n]]);
    expect(await rows(ctx, 'SELECT t.name FROM series(3) AS s(k) JOIN t ON t.id = s.k ORDER BY 1')).toEqual([['ann'], ['bob']]);
    expect(await rows(ctx, 'SELECT count(*) FROM series(20000) WHERE i % 2 = 0')).toEqual([[10000n]]);
  });

  it('runs table functions with LATERAL, one call per input batch, rows joined to their input row', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest);
    // row_series(n) gives 0..n-1 for each input row; grp NULL (id 6) and ids filtered out give nothing.
    expect(await rows(ctx, "SELECT t.id, s.i FROM t, LATERAL row_series(t.id) AS s WHERE t.grp = 'b' ORDER BY 1, 2")).toEqual([
      [2, 0], [2, 1], [4, 0], [4, 1], [4, 2], [4, 3],
    ]);
    expect(await rows(ctx, 'SELECT u.label, count(s.i) FROM u LEFT JOIN LATERAL row_series(u.uid - 4) s ON true GROUP BY 1 ORDER BY 1')).toEqual([
      ['four', 0n], ['six', 2n], ['two', 0n],
    ]);
    expect(await rows(ctx, 'SELECT count(*), sum(s.i) FROM series(300) a, LATERAL row_series(a.i) s')).toEqual([[44850n, 4455100n]]);
  });

  it('CREATE FUNCTION binds one manifest function under a SQL name, with an export as link symbol', async () => {
    const ctx = await sessionWithData();
    await ctx.sql(`CREATE FUNCTION plus(DOUBLE, DOUBLE) RETURNS DOUBLE LANGUAGE wasm AS '${path}', 'add_f64'`);
    await ctx.sql(`CREATE FUNCTION shout(VARCHAR) RETURNS VARCHAR LANGUAGE wasm AS '${path}'`);
    expect(await rows(ctx, "SELECT plus(id, 10), shout('hi') FROM t WHERE id = 1")).toEqual([[11, 'HI']]);
    const shown = await rows(ctx, 'SHOW FUNCTIONS');
    expect(shown).toContainEqual(['plus', 'scalar', 'DOUBLE, DOUBLE', 'DOUBLE', 'immutable']);
    expect(shown).toContainEqual(['shout', 'scalar', 'VARCHAR', 'VARCHAR', 'immutable']);
    await expect(ctx.sql(`CREATE FUNCTION plus(DOUBLE, DOUBLE) RETURNS DOUBLE LANGUAGE wasm AS '${path}', 'add_f64'`)).rejects.toThrow(/already exists/);
    await ctx.sql(`CREATE OR REPLACE FUNCTION plus(DOUBLE, DOUBLE) RETURNS DOUBLE LANGUAGE wasm VOLATILE AS '${path}', 'add_f64'`);
    expect((await rows(ctx, 'SHOW FUNCTIONS')).find((r) => r[0] === 'plus')).toEqual(['plus', 'scalar', 'DOUBLE, DOUBLE', 'DOUBLE', 'volatile']);
    await ctx.sql('DROP FUNCTION plus(DOUBLE, DOUBLE)');
    await expect(ctx.sql('SELECT plus(1, 2)')).rejects.toThrow(/plus/);
    await ctx.sql('DROP FUNCTION IF EXISTS plus');
    await expect(ctx.sql('DROP FUNCTION plus')).rejects.toThrow(/function 'plus' not found/);
  });

  it('rejects CREATE FUNCTION statements that do not match the module', async () => {
    const ctx = await sessionWithData();
    await expect(ctx.sql(`CREATE FUNCTION add(INT, INT) RETURNS INT LANGUAGE wasm AS '${path}'`)).rejects.toThrow(
      /CREATE FUNCTION add\(INTEGER, INTEGER\) RETURNS INTEGER does not match guest.wasm's manifest: add\(float64, float64\) -> float64/,
    );
    await expect(ctx.sql(`CREATE FUNCTION nope(INT) RETURNS INT LANGUAGE wasm AS '${path}'`)).rejects.toThrow(/its manifest has no function 'nope'/);
    await expect(ctx.sql(`CREATE FUNCTION f(INT) RETURNS INT LANGUAGE wasm AS '${path}.missing'`)).rejects.toThrow(/cannot read WebAssembly module/);
    await expect(ctx.sql(`CREATE FUNCTION f(INT) RETURNS INT LANGUAGE python AS 'x'`)).rejects.toThrow(/only LANGUAGE wasm is supported, not python/);
    expect(await rows(ctx, 'SELECT count(*) FROM t')).toEqual([[6n]]);
  });

  it('lets the optimizer move immutable UDFs but keeps volatile ones where they are written', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest);
    const volatile = await (await ctx.sql('SELECT * FROM (SELECT id, nz(x) AS v FROM t) s WHERE v > 2')).explain();
    expect(volatile).toMatch(/Filter: v > 2\n\s+Projection: t.id, nz\(t.x\) AS v/);
    const immutable = await (await ctx.sql('SELECT * FROM (SELECT id, add(x, 1) AS v FROM t) s WHERE v > 2')).explain();
    expect(immutable).toMatch(/Projection: t.id, add\(t.x, 1\) AS v\n\s+Filter: add\(t.x, 1\) > 2/);
    expect(await rows(ctx, 'SELECT id FROM (SELECT id, nz(x) AS v FROM t) s WHERE v > 4 ORDER BY id')).toEqual([[5], [6]]);
  });

  it('fails a query whose UDF traps, naming the function and row, and keeps the session working', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest);
    ctx.registerTable('bad', arrow.tableFromArrays({ v: Int32Array.from([1, 13, 2]) }));
    const err = await (await ctx.sql('SELECT boom(v) FROM bad')).collect().then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'WASM' });
    expect(String((err as Error).message)).toMatch(/function boom\(int32\) -> int32 \(wasm module\) trapped at row 1 of the batch/);
    expect(await rows(ctx, 'SELECT boom(id) FROM t WHERE id < 3 ORDER BY 1')).toEqual([[1], [2]]);
  });
});

describe('untrusted WebAssembly UDFs in SQL', () => {
  it('stops an endless loop at the deadline, fails the query, and the session keeps serving', async () => {
    const ctx = await sessionWithData();
    const spinning = buildGuest({
      manifest: { abi: '1.0', functions: [{ name: 'spin', args: ['int32'], ret: 'int32' }, { name: 'add', args: ['float64', 'float64'], ret: 'float64', export: 'add_f64' }] },
      functions: [spin, addF64],
    });
    await ctx.registerWasmModule(spinning, { name: 'spin.wasm', deadlineMs: 300 });
    await expect((await ctx.sql('SELECT spin(id) FROM t')).collect()).rejects.toThrow(/function spin\(int32\) -> int32 \(spin.wasm\) exceeded the 300 ms deadline/);
    expect(await rows(ctx, 'SELECT add(x, 1) FROM t WHERE id = 1')).toEqual([[2]]);
    expect(await rows(ctx, 'SELECT count(*) FROM t')).toEqual([[6n]]);
  });

  it('merges partial aggregate states across the worker boundary over UNION ALL branches', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest, { name: 'guest.wasm', deadlineMs: 5000 });
    const sql = 'SELECT grp, sumsq(x) FROM (SELECT * FROM t WHERE id <= 3 UNION ALL SELECT * FROM t WHERE id > 3) u GROUP BY grp ORDER BY grp NULLS LAST';
    const plan = (await (await ctx.sql(`EXPLAIN ${sql}`)).collect()).toArray().map((r) => Object.values(r.toJSON()).join('\n')).join('\n');
    expect(plan).toMatch(/mode=final[\s\S]*mode=partial/);
    expect(await rows(ctx, sql)).toEqual([['a', 35], ['b', 20], [null, 36]]);
  });

  it('runs an arrow-udf module in the worker: its endless loop hits the deadline, the session keeps serving', async () => {
    const ctx = await sessionWithData();
    const canned = arrow.tableToIPC(new arrow.Table({ canned: arrow.vectorFromArray([1], new arrow.Int32()) }), 'file');
    const module = arrowUdfGuest(canned, { echo: 'echo(float64)->float64', canned: 'canned(int32)->int32', bad: 'bad(int32)->int32', spin: 'spin(int32)->int32' });
    await ctx.registerWasmModule(module, { name: 'rw.wasm', deadlineMs: 300 });
    await expect((await ctx.sql('SELECT spin(id) FROM t')).collect()).rejects.toThrow(/function spin\(int32\) -> int32 \(rw.wasm\) exceeded the 300 ms deadline/);
    expect(await rows(ctx, 'SELECT echo(x) FROM t WHERE id < 3 ORDER BY id')).toEqual([[1], [2]]);
    expect(await rows(ctx, 'SELECT count(*) FROM t')).toEqual([[6n]]);
  });

  it('runs table functions in the worker, in FROM and with LATERAL', async () => {
    const ctx = await sessionWithData();
    await ctx.registerWasmModule(guest, { name: 'guest.wasm', deadlineMs: 5000 });
    expect(await rows(ctx, 'SELECT sum(i), count(*) FROM series(10)')).toEqual([[45n, 10n]]);
    expect(await rows(ctx, "SELECT t.id, s.i FROM t, LATERAL row_series(t.id) AS s WHERE t.grp = 'b' ORDER BY 1, 2")).toEqual([
      [2, 0], [2, 1], [4, 0], [4, 1], [4, 2], [4, 3],
    ]);
  });
});
