/** NATION: the 25 nations of the distribution facts with their region keys and a comment. */
import { BatchBuilder, type TableGenerator } from '../batch.js';
import { nations } from '../dists.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';

const encoder = new TextEncoder();
const NAMES = nations.map(([name]) => encoder.encode(name));
const REGION_KEYS = (() => {
  let sum = 0;
  return nations.map(([, weight]) => (sum += weight));
})();

export const nationBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const comment = new CommentStream(606179079, 72, pool);
  comment.advanceRows(range.start);
  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('nation', rows, [0, 14, 0, comment.maxLength]);
    const key = b.int32(0);
    const name = b.text(1);
    const region = b.int32(2);
    const text = b.text(3);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      const n = first + r;
      key[r] = n;
      name.put(NAMES[n]!);
      name.end();
      region[r] = REGION_KEYS[n]!;
      comment.put(text);
      text.end();
    }
    yield b.finish(rows);
  }
};
