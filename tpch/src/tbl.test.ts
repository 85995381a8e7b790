/** Conformance: .tbl output at SF 0.01 has the official dbgen 2.14 SHA-256, bytes and row counts, also when generated as 7 chunks. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateTbl, tableRowCount } from './api.js';
import { OFFICIAL_TBL } from './check/official.js';
import { TPCH_TABLES } from './schema.js';

function digest(chunks: Iterable<Uint8Array>): { sha256: string; bytes: number; rows: number } {
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
    for (const b of chunk) if (b === 0x0a) rows++;
  }
  return { sha256: hash.digest('hex'), bytes, rows };
}

describe('.tbl output equals official dbgen 2.14 at SF 0.01', () => {
  for (const table of TPCH_TABLES) {
    it(table, () => {
      const official = OFFICIAL_TBL['0.01']![table];
      expect(digest(generateTbl(table, { sf: 0.01 }))).toEqual(official);
      expect(tableRowCount(table, { sf: 0.01 })).toBe(official.rows);
    });
  }

  it('7 chunks of every table concatenate to the whole table', () => {
    for (const table of TPCH_TABLES) {
      const chunks = function* () {
        for (let chunk = 1; chunk <= 7; chunk++) yield* generateTbl(table, { sf: 0.01, chunk, chunks: 7 });
      };
      expect(digest(chunks()).sha256, table).toBe(OFFICIAL_TBL['0.01']![table].sha256);
    }
  });

  it('rejects invalid chunks and scale factors', () => {
    expect(() => [...generateTbl('part', { sf: 0.01, chunk: 8, chunks: 7 })]).toThrow(RangeError);
    expect(() => [...generateTbl('part', { sf: 0 })]).toThrow(RangeError);
  });
});
