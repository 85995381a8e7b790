/**
 * LINEITEM: 1 to 7 lines per order, generated and chunked by order (each order's date and line
 * count are re-drawn from the order streams). Prices, ship/commit/receipt dates, return flag and
 * line status follow dbgen's rules relative to CURRENTDATE.
 */
import { BatchBuilder, putDecimal, putInt64, type TableGenerator } from '../batch.js';
import { CURRENT_DAY, ORDER_DAY_MAX, START_EPOCH_DAY } from '../dates.js';
import { returnFlags, shipInstructions, shipModes } from '../dists.js';
import { Distribution } from '../distribution.js';
import { RowStream } from '../random.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';
import { MAX_LINES, orderKey, orderLineStreams } from './orders.js';
import { partPrice } from './part.js';
import { partSupplier } from './partsupp.js';

const FLAGS = new Distribution(returnFlags);
const INSTRUCTIONS = new Distribution(shipInstructions);
const MODES = new Distribution(shipModes);
const FLAG_N = 0x4e;
const STATUS_F = 0x46;
const STATUS_O = 0x4f;

export const lineitemBatches: TableGenerator = function* (sf, range, batchUnits, pool) {
  const s = orderLineStreams(sf, range.start);
  const suppliers = Math.trunc(10_000 * sf);
  const supplierNumber = new RowStream(2095021727, MAX_LINES);
  const commitDays = new RowStream(904914315, MAX_LINES);
  const receiptDays = new RowStream(373135028, MAX_LINES);
  const flag = new RowStream(717419739, MAX_LINES);
  const instruction = new RowStream(1371272478, MAX_LINES);
  const mode = new RowStream(675466456, MAX_LINES);
  const comment = new CommentStream(1095462486, 27, pool, MAX_LINES);
  for (const x of [supplierNumber, commitDays, receiptDays, flag, instruction, mode, comment]) {
    x.advanceRows(range.start);
  }

  const days = new Int32Array(batchUnits);
  const lineCounts = new Int32Array(batchUnits);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const orders = Math.min(batchUnits, end - first);
    // Order dates and line counts come from their own streams, so drawing them first gives the
    // exact row count of the batch.
    let rows = 0;
    for (let i = 0; i < orders; i++) {
      days[i] = s.orderDay.next(0, ORDER_DAY_MAX);
      lineCounts[i] = s.lineCount.next(1, MAX_LINES);
      s.orderDay.rowFinished();
      s.lineCount.rowFinished();
      rows += lineCounts[i]!;
    }
    const b = new BatchBuilder('lineitem', rows, [
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 17, 7, comment.maxLength,
    ]);
    const orderCol = b.words(0);
    const partCol = b.words(1);
    const suppCol = b.words(2);
    const lineCol = b.words(3);
    const quantityCol = b.words(4);
    const extendedCol = b.words(5);
    const discountCol = b.words(6);
    const taxCol = b.words(7);
    const flagCol = b.text(8);
    const statusCol = b.text(9);
    const shipCol = b.int32(10);
    const commitCol = b.int32(11);
    const receiptCol = b.int32(12);
    const instructionCol = b.text(13);
    const modeCol = b.text(14);
    const commentCol = b.text(15);
    let r = 0;
    for (let group = 0; group < orders; group += PREFETCH_ROWS) {
      const stop = Math.min(orders, group + PREFETCH_ROWS);
      for (let o = group; o < stop; o++) comment.prefetchRow(lineCounts[o]!);
      for (let o = group; o < stop; o++) {
        const key = orderKey(first + o + 1);
        const day = days[o]!;
        const lines = lineCounts[o]!;
        for (let l = 0; l < lines; l++, r++) {
          putInt64(orderCol, r, key);
          const quantity = s.quantity.next(1, 50);
          const discount = s.discount.next(0, 10);
          const tax = s.tax.next(0, 8);
          const partKey = s.partKey.next(1, s.parts);
          putInt64(partCol, r, partKey);
          putInt64(suppCol, r, partSupplier(partKey, supplierNumber.next(0, 3), suppliers));
          lineCol[2 * r] = l + 1;
          putDecimal(quantityCol, r, quantity * 100);
          putDecimal(extendedCol, r, partPrice(partKey) * quantity);
          discountCol[4 * r] = discount;
          taxCol[4 * r] = tax;
          const ship = day + s.shipDays.next(1, 121);
          const commit = day + commitDays.next(30, 90);
          const receipt = ship + receiptDays.next(1, 30);
          if (receipt <= CURRENT_DAY) flagCol.put(FLAGS.tokens[FLAGS.pick(flag)]!);
          else flagCol.byte(FLAG_N);
          flagCol.end();
          statusCol.byte(ship <= CURRENT_DAY ? STATUS_F : STATUS_O);
          statusCol.end();
          shipCol[r] = START_EPOCH_DAY + ship;
          commitCol[r] = START_EPOCH_DAY + commit;
          receiptCol[r] = START_EPOCH_DAY + receipt;
          instructionCol.put(INSTRUCTIONS.tokens[INSTRUCTIONS.pick(instruction)]!);
          instructionCol.end();
          modeCol.put(MODES.tokens[MODES.pick(mode)]!);
          modeCol.end();
          comment.put(commentCol);
          commentCol.end();
        }
        s.quantity.rowFinished();
        s.discount.rowFinished();
        s.tax.rowFinished();
        s.partKey.rowFinished();
        s.shipDays.rowFinished();
        supplierNumber.rowFinished();
        commitDays.rowFinished();
        receiptDays.rowFinished();
        flag.rowFinished();
        instruction.rowFinished();
        mode.rowFinished();
      }
    }
    yield b.finish(rows);
  }
};
