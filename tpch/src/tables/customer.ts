/** CUSTOMER: name, random address, nation, phone, account balance, market segment, comment. */
import { BatchBuilder, putDecimal, putInt64, type TableGenerator } from '../batch.js';
import { marketSegments } from '../dists.js';
import { Distribution } from '../distribution.js';
import { RowStream } from '../random.js';
import { AddressStream, CommentStream, PhoneStream, PREFETCH_ROWS } from '../values.js';

const NAME_PREFIX = new TextEncoder().encode('Customer#');
const SEGMENTS = new Distribution(marketSegments);

export const customerBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const address = new AddressStream(881155353);
  const nation = new RowStream(1489529863, 1);
  const phone = new PhoneStream(1521138112);
  const balance = new RowStream(298370230, 1);
  const segment = new RowStream(1140279430, 1);
  const comment = new CommentStream(1335826707, 73, pool);
  for (const s of [address, nation, phone, balance, segment, comment]) s.advanceRows(range.start);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('customer', rows, [
      0, 20, AddressStream.MAX_LENGTH, 0, PhoneStream.LENGTH, 0, 10, comment.maxLength,
    ]);
    const keyCol = b.words(0);
    const nameCol = b.text(1);
    const addressCol = b.text(2);
    const nationCol = b.int32(3);
    const phoneCol = b.text(4);
    const balanceCol = b.words(5);
    const segmentCol = b.text(6);
    const commentCol = b.text(7);
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
      segmentCol.put(SEGMENTS.tokens[SEGMENTS.pick(segment)]!);
      segmentCol.end();
      comment.put(commentCol);
      commentCol.end();
      address.rowFinished();
      nation.rowFinished();
      phone.rowFinished();
      balance.rowFinished();
      segment.rowFinished();
    }
    yield b.finish(rows);
  }
};
