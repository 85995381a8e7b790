/**
 * PART: a name of five distinct colours (partial Fisher–Yates over the 92 colours), manufacturer and
 * brand, type, size, container, the formula retail price and a comment. Also owns the retail price
 * formula, which lineitem and orders reuse.
 */
import { BatchBuilder, putDecimal, putInt64, type TableGenerator } from '../batch.js';
import { colors, containers, partTypes } from '../dists.js';
import { Distribution } from '../distribution.js';
import { RowStream } from '../random.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';

const encoder = new TextEncoder();
const COLORS = colors.map(([c]) => encoder.encode(c));
const NAME_WORDS = 5;
const MFGR_PREFIX = encoder.encode('Manufacturer#');
const BRAND_PREFIX = encoder.encode('Brand#');
const TYPES = new Distribution(partTypes);
const CONTAINERS = new Distribution(containers);

/** Retail price of a part in cents. */
export function partPrice(partKey: number): number {
  return 90000 + (Math.floor(partKey / 10) % 20001) + (partKey % 1000) * 100;
}

export const partBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const name = new RowStream(709314158, COLORS.length);
  const mfgr = new RowStream(1, 1);
  const brand = new RowStream(46831694, 1);
  const type = new RowStream(1841581359, 1);
  const size = new RowStream(1193163244, 1);
  const container = new RowStream(727633698, 1);
  const comment = new CommentStream(804159733, 14, pool);
  for (const s of [name, mfgr, brand, type, size, container, comment]) s.advanceRows(range.start);
  const order = Uint8Array.from(COLORS.keys());
  const swaps = new Uint8Array(NAME_WORDS);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('part', rows, [0, 60, 14, 8, 25, 0, 10, 0, comment.maxLength]);
    const keyCol = b.words(0);
    const nameCol = b.text(1);
    const mfgrCol = b.text(2);
    const brandCol = b.text(3);
    const typeCol = b.text(4);
    const sizeCol = b.int32(5);
    const containerCol = b.text(6);
    const priceCol = b.words(7);
    const commentCol = b.text(8);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      const key = first + r + 1;
      putInt64(keyCol, r, key);
      for (let i = 0; i < NAME_WORDS; i++) {
        const j = name.next(i, COLORS.length - 1);
        swaps[i] = j;
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
        if (i > 0) nameCol.byte(0x20);
        nameCol.put(COLORS[order[i]!]!);
      }
      for (let i = NAME_WORDS - 1; i >= 0; i--) {
        const j = swaps[i]!;
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      nameCol.end();
      const m = mfgr.next(1, 5);
      mfgrCol.put(MFGR_PREFIX);
      mfgrCol.digits(m, 1);
      mfgrCol.end();
      brandCol.put(BRAND_PREFIX);
      brandCol.digits(m * 10 + brand.next(1, 5), 2);
      brandCol.end();
      typeCol.put(TYPES.tokens[TYPES.pick(type)]!);
      typeCol.end();
      sizeCol[r] = size.next(1, 50);
      containerCol.put(CONTAINERS.tokens[CONTAINERS.pick(container)]!);
      containerCol.end();
      putDecimal(priceCol, r, partPrice(key));
      comment.put(commentCol);
      commentCol.end();
      name.rowFinished();
      mfgr.rowFinished();
      brand.rowFinished();
      type.rowFinished();
      size.rowFinished();
      container.rowFinished();
    }
    yield b.finish(rows);
  }
};
