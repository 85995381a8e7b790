/**
 * A generic reader and writer for Thrift's compact protocol, enough to decode a Parquet footer
 * (`FileMetaData`) into a field tree, change a few fields and encode it again unchanged otherwise.
 * Integers are kept as JS numbers (exact below 2^53, which every Parquet offset and count is).
 */

/** Compact-protocol type codes. */
export enum TType {
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

export type ThriftValue = number | boolean | Uint8Array | ThriftList | ThriftMap | ThriftStruct;

export interface ThriftField {
  readonly id: number;
  /** The type code as written (True/False for booleans). */
  type: TType;
  value: ThriftValue;
}

export interface ThriftStruct {
  readonly fields: ThriftField[];
}

export interface ThriftList {
  readonly elementType: TType;
  readonly items: ThriftValue[];
  readonly set: boolean;
}

export interface ThriftMap {
  readonly keyType: TType;
  readonly valueType: TType;
  readonly entries: [ThriftValue, ThriftValue][];
}

/** Decodes one struct starting at `start`; returns it and the offset after it. */
export function readStruct(bytes: Uint8Array, start: number): { struct: ThriftStruct; end: number } {
  const r = new Reader(bytes, start);
  const struct = r.struct();
  return { struct, end: r.pos };
}

/** Encodes a struct. */
export function writeStruct(struct: ThriftStruct): Uint8Array {
  const w = new Writer();
  w.struct(struct);
  return w.bytes();
}

/** The field with `id`, if present. */
export function field(struct: ThriftStruct, id: number): ThriftField | undefined {
  return struct.fields.find((f) => f.id === id);
}

class Reader {
  constructor(
    private readonly buf: Uint8Array,
    public pos: number,
  ) {}

  private byte(): number {
    if (this.pos >= this.buf.length) throw new Error('truncated Thrift data');
    return this.buf[this.pos++]!;
  }

  private varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
  }

  private zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  struct(): ThriftStruct {
    const fields: ThriftField[] = [];
    let lastId = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return { fields };
      const type = (header & 0x0f) as TType;
      const delta = header >> 4;
      const id = delta === 0 ? this.zigzag() : lastId + delta;
      lastId = id;
      fields.push({ id, type, value: this.value(type) });
    }
  }

  private value(type: TType): ThriftValue {
    switch (type) {
      case TType.True:
        return true;
      case TType.False:
        return false;
      case TType.Byte:
        return (this.byte() << 24) >> 24;
      case TType.I16:
      case TType.I32:
      case TType.I64:
        return this.zigzag();
      case TType.Double: {
        const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
        this.pos += 8;
        return v;
      }
      case TType.Binary: {
        const length = this.varint();
        const v = this.buf.slice(this.pos, this.pos + length);
        this.pos += length;
        return v;
      }
      case TType.List:
      case TType.Set: {
        const header = this.byte();
        const elementType = (header & 0x0f) as TType;
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        const items: ThriftValue[] = [];
        for (let i = 0; i < size; i++) items.push(this.element(elementType));
        return { elementType, items, set: type === TType.Set };
      }
      case TType.Map: {
        const size = this.varint();
        const types = size > 0 ? this.byte() : 0;
        const keyType = (types >> 4) as TType;
        const valueType = (types & 0x0f) as TType;
        const entries: [ThriftValue, ThriftValue][] = [];
        for (let i = 0; i < size; i++) entries.push([this.element(keyType), this.element(valueType)]);
        return { keyType, valueType, entries };
      }
      case TType.Struct:
        return this.struct();
      default:
        throw new Error(`unsupported Thrift compact type ${type as number}`);
    }
  }

  /** Collection elements: booleans are a whole byte there (1 = true). */
  private element(type: TType): ThriftValue {
    if (type === TType.True || type === TType.False) return this.byte() === 1;
    return this.value(type);
  }
}

class Writer {
  private buf = new Uint8Array(1024);
  private pos = 0;

  bytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private byte(b: number): void {
    if (this.pos === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.pos++] = b & 0xff;
  }

  private varint(v: number): void {
    while (v >= 128) {
      this.byte((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }

  private zigzag(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  struct(s: ThriftStruct): void {
    let lastId = 0;
    for (const f of s.fields) {
      const delta = f.id - lastId;
      if (delta > 0 && delta <= 15) this.byte((delta << 4) | f.type);
      else {
        this.byte(f.type);
        this.zigzag(f.id);
      }
      lastId = f.id;
      this.value(f.type, f.value);
    }
    this.byte(0);
  }

  private value(type: TType, v: ThriftValue): void {
    switch (type) {
      case TType.True:
      case TType.False:
        return;
      case TType.Byte:
        this.byte(v as number);
        return;
      case TType.I16:
      case TType.I32:
      case TType.I64:
        this.zigzag(v as number);
        return;
      case TType.Double: {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v as number, true);
        for (const x of b) this.byte(x);
        return;
      }
      case TType.Binary: {
        const b = v as Uint8Array;
        this.varint(b.length);
        for (const x of b) this.byte(x);
        return;
      }
      case TType.List:
      case TType.Set: {
        const list = v as ThriftList;
        const size = list.items.length;
        if (size < 15) this.byte((size << 4) | list.elementType);
        else {
          this.byte(0xf0 | list.elementType);
          this.varint(size);
        }
        for (const item of list.items) this.element(list.elementType, item);
        return;
      }
      case TType.Map: {
        const map = v as ThriftMap;
        this.varint(map.entries.length);
        if (map.entries.length > 0) this.byte((map.keyType << 4) | map.valueType);
        for (const [k, x] of map.entries) {
          this.element(map.keyType, k);
          this.element(map.valueType, x);
        }
        return;
      }
      case TType.Struct:
        this.struct(v as ThriftStruct);
        return;
    }
  }

  private element(type: TType, v: ThriftValue): void {
    if (type === TType.True || type === TType.False) this.byte(v ? 1 : 2);
    else this.value(type, v);
  }
}
