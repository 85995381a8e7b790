/** CUSTOMER: name, random address, nation, phone, account balance, market segment, comment. */
import { BatchBuilder, type TableGenerator } from '../batch.js';
import { marketSegments } from '../dists.js';
import { Distribution } from '../distribution.js';
import { RowStream } from '../random.js';
import { CommentStream, PREFETCH_ROWS } from '../values.js';
import { PARTY_TEXT_WIDTHS, PartyColumns } from './party.js';

const SEGMENTS = new Distribution(marketSegments);

export const customerBatches: TableGenerator = function* (_sf, range, batchUnits, pool) {
  const party = new PartyColumns('Customer#', {
    address: 881155353,
    nation: 1489529863,
    phone: 1521138112,
    balance: 298370230,
  });
  const segment = new RowStream(1140279430, 1);
  const comment = new CommentStream(1335826707, 73, pool);
  party.advanceRows(range.start);
  segment.advanceRows(range.start);
  comment.advanceRows(range.start);

  for (let first = range.start, end = range.start + range.count; first < end; first += batchUnits) {
    const rows = Math.min(batchUnits, end - first);
    const b = new BatchBuilder('customer', rows, [...PARTY_TEXT_WIDTHS, 10, comment.maxLength]);
    party.startBatch(b);
    const segmentCol = b.text(6);
    const commentCol = b.text(7);
    for (let r = 0; r < rows; r++) {
      if (r % PREFETCH_ROWS === 0) comment.prefetchRows(Math.min(PREFETCH_ROWS, rows - r));
      party.writeRow(r, first + r + 1);
      segmentCol.put(SEGMENTS.tokens[SEGMENTS.pick(segment)]!);
      segmentCol.end();
      comment.put(commentCol);
      commentCol.end();
      segment.rowFinished();
    }
    yield b.finish(rows);
  }
};
