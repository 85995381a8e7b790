/**
 * Synchronous generation in the calling thread: which generator makes which table, batch sizes,
 * and the raw batches of a whole table or of chunk k of n.
 */
import type { RawBatch, TableGenerator } from './batch.js';
import { textPool } from './pool.js';
import { chunkRange, type TpchTable, type UnitRange } from './schema.js';
import { customerBatches } from './tables/customer.js';
import { lineitemBatches } from './tables/lineitem.js';
import { nationBatches } from './tables/nation.js';
import { ordersBatches } from './tables/orders.js';
import { partBatches } from './tables/part.js';
import { partsuppBatches } from './tables/partsupp.js';
import { regionBatches } from './tables/region.js';
import { supplierBatches } from './tables/supplier.js';

const GENERATORS: Record<TpchTable, TableGenerator> = {
  region: regionBatches,
  nation: nationBatches,
  supplier: supplierBatches,
  customer: customerBatches,
  part: partBatches,
  partsupp: partsuppBatches,
  orders: ordersBatches,
  lineitem: lineitemBatches,
};

/** Generator units per batch: about 64 Ki rows (partsupp has 4 rows per part, lineitem ~4 per order). */
export const BATCH_UNITS: Record<TpchTable, number> = {
  region: 65_536,
  nation: 65_536,
  supplier: 65_536,
  customer: 65_536,
  part: 65_536,
  partsupp: 16_384,
  orders: 65_536,
  lineitem: 16_384,
};

/** Raw batches of a range of generator units of a table. */
export function rawBatches(table: TpchTable, sf: number, range: UnitRange, pool: Uint8Array = textPool()): Generator<RawBatch, void, undefined> {
  return GENERATORS[table](sf, range, BATCH_UNITS[table], pool);
}

/** Options choosing a part of a table: chunk `chunk` (1-based) of `chunks`; default the whole table. */
export interface ChunkOptions {
  readonly chunk?: number;
  readonly chunks?: number;
}

/** The unit range selected by chunk options. */
export function selectRange(table: TpchTable, sf: number, options: ChunkOptions = {}): UnitRange {
  return chunkRange(table, sf, options.chunk ?? 1, options.chunks ?? 1);
}
