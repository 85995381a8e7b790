/**
 * The six leading columns CUSTOMER and SUPPLIER share (key, "Name#000000001", address, nation key,
 * phone, account balance): dbgen draws them the same way from per-table seeds.
 */
import { putDecimal, putInt64, type BatchBuilder, type Utf8Builder } from '../batch.js';
import { RowStream } from '../random.js';
import { AddressStream, PhoneStream } from '../values.js';

/** The per-table seeds of the shared columns' random streams. */
export interface PartySeeds {
  readonly address: number;
  readonly nation: number;
  readonly phone: number;
  readonly balance: number;
}

/** Widest byte length per row of the shared columns, in column order (0 for fixed-width ones). */
export const PARTY_TEXT_WIDTHS = [0, 20, AddressStream.MAX_LENGTH, 0, PhoneStream.LENGTH, 0] as const;

/** Writes the shared columns of one table, row by row, into columns 0–5 of each batch. */
export class PartyColumns {
  private readonly namePrefix: Uint8Array;
  private readonly address: AddressStream;
  private readonly nation: RowStream;
  private readonly phone: PhoneStream;
  private readonly balance: RowStream;
  private keyCol!: Uint32Array;
  private nameCol!: Utf8Builder;
  private addressCol!: Utf8Builder;
  private nationCol!: Int32Array;
  private phoneCol!: Utf8Builder;
  private balanceCol!: Uint32Array;

  constructor(namePrefix: string, seeds: PartySeeds) {
    this.namePrefix = new TextEncoder().encode(namePrefix);
    this.address = new AddressStream(seeds.address);
    this.nation = new RowStream(seeds.nation, 1);
    this.phone = new PhoneStream(seeds.phone);
    this.balance = new RowStream(seeds.balance, 1);
  }

  /** Skips the streams past the first `rows` rows (for chunk k of n). */
  advanceRows(rows: number): void {
    for (const s of [this.address, this.nation, this.phone, this.balance]) s.advanceRows(rows);
  }

  /** Starts writing into a new batch. */
  startBatch(b: BatchBuilder): void {
    this.keyCol = b.words(0);
    this.nameCol = b.text(1);
    this.addressCol = b.text(2);
    this.nationCol = b.int32(3);
    this.phoneCol = b.text(4);
    this.balanceCol = b.words(5);
  }

  /** Writes row `r` of the current batch, whose key is `key`. */
  writeRow(r: number, key: number): void {
    putInt64(this.keyCol, r, key);
    this.nameCol.put(this.namePrefix);
    this.nameCol.digits(key, 9);
    this.nameCol.end();
    this.address.write(this.addressCol);
    this.addressCol.end();
    const nationKey = this.nation.next(0, 24);
    this.nationCol[r] = nationKey;
    this.phone.write(this.phoneCol, nationKey);
    this.phoneCol.end();
    putDecimal(this.balanceCol, r, this.balance.next(-99999, 999999));
    this.address.rowFinished();
    this.nation.rowFinished();
    this.phone.rowFinished();
    this.balance.rowFinished();
  }
}
