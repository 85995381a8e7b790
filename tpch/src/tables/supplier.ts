/**
 * SUPPLIER, including dbgen's "Better Business Bureau" rows: about 10 in 10000 comments get
 * "Customer … Complaints" or "Customer … Recommends" written over them (TPC-H Q16 looks for these).
 */
import { BatchBuilder, type TableGenerator } from '../batch.js';
import { RowStream } from '../random.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';
import { PARTY_TEXT_WIDTHS, PartyColumns } from './party.js';

const encoder = new TextEncoder();
const BBB_CUSTOMER = encoder.encode('Customer ');
const BBB_COMPLAINTS = encoder.encode('Complaints');
const BBB_RECOMMENDS = encoder.encode('Recommends');
const BBB_LENGTH = BBB_CUSTOMER.length + BBB_COMPLAINTS.length;

export const supplierBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const party = new PartyColumns('Supplier#', {
    address: 706178559,
    nation: 110356601,
    phone: 884434366,
    balance: 962338209,
  });
  const comment = new CommentStream(1341315363, 63, pool);
  const bbbPick = new RowStream(202794285, 1);
  const bbbJunk = new RowStream(263032577, 1);
  const bbbOffset = new RowStream(715851524, 1);
  const bbbType = new RowStream(753643799, 1);
  const bbbStreams = [bbbPick, bbbJunk, bbbOffset, bbbType];
  party.advanceRows(range.start);
  for (const s of [...bbbStreams, comment]) s.advanceRows(range.start);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('supplier', rows, [...PARTY_TEXT_WIDTHS, comment.maxLength]);
    party.startBatch(b);
    const commentCol = b.text(6);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      party.writeRow(r, first + r + 1);

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
      for (const s of bbbStreams) s.rowFinished();
    }
    yield b.finish(rows);
  }
};
