/** REGION: the 5 regions of the distribution facts with a comment. */
import { BatchBuilder, type TableGenerator } from '../batch.js';
import { regions } from '../dists.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';

const encoder = new TextEncoder();
const NAMES = regions.map(([name]) => encoder.encode(name));

export const regionBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const comment = new CommentStream(1500869201, 72, pool);
  comment.advanceRows(range.start);
  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('region', rows, [0, 11, comment.maxLength]);
    const key = b.int32(0);
    const name = b.text(1);
    const text = b.text(2);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      const n = first + r;
      key[r] = n;
      name.put(NAMES[n]!);
      name.end();
      comment.put(text);
      text.end();
    }
    yield b.finish(rows);
  }
};
