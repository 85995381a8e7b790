/**
 * A minimal reader of Thrift's compact protocol, enough to walk a Parquet footer: structs are read
 * field by field (`fields`), and any field the caller does not want is skipped by its type.
 */
import { QuiverError } from '@quiver/common';

export const enum CType {
  True = 1,
  False = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
}

export class CompactReader {
  pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  private byte(): number {
    if (this.pos >= this.bytes.length) throw new QuiverError('IO', 'truncated Parquet footer');
    return this.bytes[this.pos++]!;
  }

  /** Unsigned varint as a number (exact below 2^53). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
  }

  /** Zigzag-encoded integer (i16/i32/i64) as a number. */
  int(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  binary(): Uint8Array {
    const n = this.varint();
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Calls `onField(id, type)` for each field of a struct; `onField` must consume the value or return false to skip it. */
  fields(onField: (id: number, type: number) => boolean): void {
    let last = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return;
      const type = header & 0x0f;
      const delta = header >> 4;
      const id = delta === 0 ? this.int() : last + delta;
      last = id;
      if (!onField(id, type)) this.skip(type);
    }
  }

  /** Calls `onElement(type)` for each element of a list; returns the element count. */
  list(onElement: (type: number) => void): number {
    const header = this.byte();
    const size = header >> 4 === 15 ? this.varint() : header >> 4;
    const type = header & 0x0f;
    for (let i = 0; i < size; i++) onElement(type);
    return size;
  }

  skip(type: number): void {
    switch (type) {
      case CType.True:
      case CType.False:
        return;
      case CType.Byte:
        this.pos++;
        return;
      case CType.I16:
      case CType.I32:
      case CType.I64:
        this.varint();
        return;
      case CType.Double:
        this.pos += 8;
        return;
      case CType.Binary:
        this.binary();
        return;
      case CType.List:
      case CType.Set:
        this.list((t) => (t === CType.True || t === CType.False ? this.pos++ : this.skip(t)));
        return;
      case CType.Map: {
        const size = this.varint();
        if (size === 0) return;
        const kinds = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4);
          this.skip(kinds & 0x0f);
        }
        return;
      }
      case CType.Struct:
        this.fields(() => false);
        return;
      default:
        throw new QuiverError('IO', `corrupt Parquet footer: unknown Thrift type ${type}`);
    }
  }
}
