/**
 * SUPPLIER, including dbgen's "Better Business Bureau" rows: about 10 in 10000 comments get
 * "Customer … Complaints" or "Customer … Recommends" written over them (TPC-H Q16 looks for these).
 */
import { BatchBuilder, putDecimal, putInt64, type TableGenerator } from '../batch.js';
import { RowStream } from '../random.js';
import { AddressStream, CommentStream, PhoneStream, PREFETCH_ROWS } from '../values.js';

const encoder = new TextEncoder();
const NAME_PREFIX = encoder.encode('Supplier#');
const BBB_CUSTOMER = encoder.encode('Customer ');
const BBB_COMPLAINTS = encoder.encode('Complaints');
const BBB_RECOMMENDS = encoder.encode('Recommends');
const BBB_LENGTH = BBB_CUSTOMER.length + BBB_COMPLAINTS.length;

export const supplierBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const address = new AddressStream(706178559);
  const nation = new RowStream(110356601, 1);
  const phone = new PhoneStream(884434366);
  const balance = new RowStream(962338209, 1);
  const comment = new CommentStream(1341315363, 63, pool);
  const bbbPick = new RowStream(202794285, 1);
  const bbbJunk = new RowStream(263032577, 1);
  const bbbOffset = new RowStream(715851524, 1);
  const bbbType = new RowStream(753643799, 1);
  const streams = [address, nation, phone, balance, bbbPick, bbbJunk, bbbOffset, bbbType];
  for (const s of [...streams, comment]) s.advanceRows(range.start);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('supplier', rows, [0, 20, AddressStream.MAX_LENGTH, 0, PhoneStream.LENGTH, 0, comment.maxLength]);
    const keyCol = b.words(0);
    const nameCol = b.text(1);
    const addressCol = b.text(2);
    const nationCol = b.int32(3);
    const phoneCol = b.text(4);
    const balanceCol = b.words(5);
    const commentCol = b.text(6);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      const key = first + r + 1;
      putInt64(keyCol, r, key);
      nameCol.put(NAME_PREFIX);
      nameCol.digits(key, 9);
      nameCol.end();
      address.write(addressCol);
      addressCol.end();
      const nationKey = nation.next(0, 24);
      nationCol[r] = nationKey;
      phone.write(phoneCol, nationKey);
      phoneCol.end();
      putDecimal(balanceCol, r, balance.next(-99999, 999999));

      const start = commentCol.pos;
      comment.put(commentCol);
      if (bbbPick.next(1, 10000) <= 10) {
        const length = commentCol.pos - start;
        const noise = bbbJunk.next(0, length - BBB_LENGTH);
        const offset = bbbOffset.next(0, length - (BBB_LENGTH + noise));
        const verdict = bbbType.next(0, 100) < 50 ? BBB_COMPLAINTS : BBB_RECOMMENDS;
        const at = start + offset;
        commentCol.data.set(BBB_CUSTOMER, at);
        commentCol.data.set(verdict, at + BBB_CUSTOMER.length + noise);
      }
      commentCol.end();
      for (const s of streams) s.rowFinished();
    }
    yield b.finish(rows);
  }
};
