/**
 * PARTSUPP: four suppliers per part, spread over the supplier key space by dbgen's bridge formula
 * (which lineitem reuses to pick a line's supplier). Generated and chunked by part.
 */
import { BatchBuilder, putDecimal, putInt64, type TableGenerator } from '../batch.js';
import { RowStream } from '../random.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';

export const SUPPLIERS_PER_PART = 4;

/** Key of the `n`-th (0..3) supplier of a part, given the supplier count of the scale factor. */
export function partSupplier(partKey: number, n: number, suppliers: number): number {
  const spread = Math.floor(suppliers / SUPPLIERS_PER_PART) + Math.floor((partKey - 1) / suppliers);
  return ((partKey + n * spread) % suppliers) + 1;
}

export const partsuppBatches: TableGenerator = function* (sf, range, batchUnits, pool) {
  const suppliers = Math.trunc(10_000 * sf);
  const quantity = new RowStream(1671059989, SUPPLIERS_PER_PART);
  const cost = new RowStream(1051288424, SUPPLIERS_PER_PART);
  const comment = new CommentStream(1961692154, 124, pool, SUPPLIERS_PER_PART);
  for (const s of [quantity, cost, comment]) s.advanceRows(range.start);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const parts = Math.min(batchUnits, end - first);
    const rows = parts * SUPPLIERS_PER_PART;
    const b = new BatchBuilder('partsupp', rows, [0, 0, 0, 0, comment.maxLength]);
    const partCol = b.words(0);
    const suppCol = b.words(1);
    const quantityCol = b.words(2);
    const costCol = b.words(3);
    const commentCol = b.text(4);
    let r = 0;
    for (let p = 0; p < parts; p++) {
      if (p % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, parts - p));
      const partKey = first + p + 1;
      for (let n = 0; n < SUPPLIERS_PER_PART; n++, r++) {
        putInt64(partCol, r, partKey);
        putInt64(suppCol, r, partSupplier(partKey, n, suppliers));
        putInt64(quantityCol, r, quantity.next(1, 9999));
        putDecimal(costCol, r, cost.next(100, 100000));
        comment.put(commentCol);
        commentCol.end();
      }
      quantity.rowFinished();
      cost.rowFinished();
    }
    yield b.finish(rows);
  }
};
