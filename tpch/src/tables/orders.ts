/**
 * ORDERS: sparse order keys, customers that skip every third key, and the total price and status,
 * which dbgen derives by re-drawing each order's lines from the lineitem streams. Also owns the
 * streams an order shares with its lines (order date, line count and the per-line draws).
 */
import { BatchBuilder, putDecimal, putInt64, type TableGenerator } from '../batch.js';
import { CURRENT_DAY, ORDER_DAY_MAX, START_EPOCH_DAY } from '../dates.js';
import { orderPriorities } from '../dists.js';
import { Distribution } from '../distribution.js';
import { RowStream } from '../random.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';
import { partPrice } from './part.js';

/** Most lines an order can have; also the number of draws reserved per order in line streams. */
export const MAX_LINES = 7;
const CLERK_PREFIX = new TextEncoder().encode('Clerk#');
const STATUS_F = 0x46;
const STATUS_O = 0x4f;
const STATUS_P = 0x50;
const PRIORITIES = new Distribution(orderPriorities);

/** Order key of the `index`-th order (1-based): 8 of every 32 keys are used. */
export function orderKey(index: number): number {
  return Math.floor(index / 8) * 32 + (index % 8);
}

/** Streams that orders and lineitem both draw from, positioned at order `start` (0-based). */
export function orderLineStreams(sf: number, start: number) {
  const streams = {
    orderDay: new RowStream(1066728069, 1),
    lineCount: new RowStream(1434868289, 1),
    quantity: new RowStream(209208115, MAX_LINES),
    discount: new RowStream(554590007, MAX_LINES),
    tax: new RowStream(721958466, MAX_LINES),
    partKey: new RowStream(1808217256, MAX_LINES),
    shipDays: new RowStream(1769349045, MAX_LINES),
    parts: Math.trunc(200_000 * sf),
  };
  for (const s of [streams.orderDay, streams.lineCount, streams.quantity, streams.discount, streams.tax, streams.partKey, streams.shipDays]) {
    s.advanceRows(start);
  }
  return streams;
}

export const ordersBatches: TableGenerator = function* (sf, range, batchUnits, pool) {
  const s = orderLineStreams(sf, range.start);
  const customers = Math.trunc(150_000 * sf);
  const customer = new RowStream(851767375, 1);
  const priority = new RowStream(591449447, 1);
  const clerk = new RowStream(1171034773, 1);
  const clerks = Math.trunc(Math.max(sf * 1000, 1000));
  const comment = new CommentStream(276090261, 49, pool);
  for (const x of [customer, priority, clerk, comment]) x.advanceRows(range.start);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('orders', rows, [0, 0, 1, 0, 0, 15, 20, 0, comment.maxLength]);
    const keyCol = b.words(0);
    const customerCol = b.words(1);
    const statusCol = b.text(2);
    const totalCol = b.words(3);
    const dateCol = b.int32(4);
    const priorityCol = b.text(5);
    const clerkCol = b.text(6);
    const commentCol = b.text(8);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      putInt64(keyCol, r, orderKey(first + r + 1));
      const day = s.orderDay.next(0, ORDER_DAY_MAX);
      dateCol[r] = START_EPOCH_DAY + day;

      let c = customer.next(1, customers);
      for (let delta = 1; c % 3 === 0; delta = -delta) c = Math.min(c + delta, customers);
      putInt64(customerCol, r, c);

      const lines = s.lineCount.next(1, MAX_LINES);
      let total = 0;
      let shipped = 0;
      for (let l = 0; l < lines; l++) {
        const quantity = s.quantity.next(1, 50);
        const discount = s.discount.next(0, 10);
        const tax = s.tax.next(0, 8);
        const extended = partPrice(s.partKey.next(1, s.parts)) * quantity;
        total += Math.floor((Math.floor((extended * (100 - discount)) / 100) * (100 + tax)) / 100);
        if (day + s.shipDays.next(1, 121) <= CURRENT_DAY) shipped++;
      }
      statusCol.byte(shipped === lines ? STATUS_F : shipped > 0 ? STATUS_P : STATUS_O);
      statusCol.end();
      putDecimal(totalCol, r, total);

      clerkCol.put(CLERK_PREFIX);
      clerkCol.digits(clerk.next(1, clerks), 9);
      clerkCol.end();
      priorityCol.put(PRIORITIES.tokens[PRIORITIES.pick(priority)]!);
      priorityCol.end();
      comment.put(commentCol);
      commentCol.end();

      s.orderDay.rowFinished();
      s.lineCount.rowFinished();
      s.quantity.rowFinished();
      s.discount.rowFinished();
      s.tax.rowFinished();
      s.partKey.rowFinished();
      s.shipDays.rowFinished();
      customer.rowFinished();
      priority.rowFinished();
      clerk.rowFinished();
    }
    yield b.finish(rows);
  }
};
