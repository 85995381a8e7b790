/**
 * Joins Parquet files that share one schema into a single file, streaming: the row groups (with
 * their pages and page indexes) are copied as they are and one new footer lists them all, with every
 * absolute file offset shifted to where its bytes now sit. Lets worker threads encode row groups in
 * parallel while the output is still one ordinary Parquet file.
 */
import { field, readStruct, TType, writeStruct, type ThriftList, type ThriftStruct } from './thrift.js';

const MAGIC = new TextEncoder().encode('PAR1');

// FileMetaData / RowGroup / ColumnChunk / ColumnMetaData field ids (parquet.thrift).
const FILE_NUM_ROWS = 3;
const FILE_ROW_GROUPS = 4;
const GROUP_COLUMNS = 1;
const GROUP_FILE_OFFSET = 5;
const GROUP_ORDINAL = 7;
const CHUNK_OFFSETS = [2, 4, 6]; // file_offset, offset_index_offset, column_index_offset
const CHUNK_META = 3;
const META_OFFSETS = [9, 10, 11, 14]; // data_page, index_page, dictionary_page, bloom_filter offsets

/** Splits a complete Parquet file into its body (between the magic numbers) and decoded footer. */
function parse(file: Uint8Array): { body: Uint8Array; footer: ThriftStruct } {
  const n = file.length;
  const tail = file.subarray(n - 4);
  if (n < 12 || MAGIC.some((b, i) => file[i] !== b || tail[i] !== b)) throw new Error('not a Parquet file');
  const footerLength = new DataView(file.buffer, file.byteOffset + n - 8, 4).getUint32(0, true);
  const footerStart = n - 8 - footerLength;
  return { body: file.subarray(4, footerStart), footer: readStruct(file, footerStart).struct };
}

function shift(struct: ThriftStruct, ids: readonly number[], delta: number): void {
  for (const f of struct.fields) {
    if (ids.includes(f.id) && typeof f.value === 'number' && f.value > 0) f.value += delta;
  }
}

/** Writes Parquet parts to `write` as one file. */
export class ParquetStitcher {
  private position = 0;
  private first: ThriftStruct | undefined;
  private readonly groups: ThriftStruct[] = [];
  private rows = 0;

  constructor(private readonly write: (bytes: Uint8Array) => Promise<void>) {}

  /** Appends the row groups of one complete Parquet file. */
  async add(file: Uint8Array): Promise<void> {
    const { body, footer } = parse(file);
    if (this.position === 0) {
      await this.write(MAGIC);
      this.position = MAGIC.length;
      this.first = footer;
    }
    const delta = this.position - MAGIC.length;
    const groups = field(footer, FILE_ROW_GROUPS)?.value as ThriftList | undefined;
    for (const group of (groups?.items ?? []) as ThriftStruct[]) {
      shift(group, [GROUP_FILE_OFFSET], delta);
      for (const chunk of (field(group, GROUP_COLUMNS)!.value as ThriftList).items as ThriftStruct[]) {
        shift(chunk, CHUNK_OFFSETS, delta);
        const meta = field(chunk, CHUNK_META)?.value as ThriftStruct | undefined;
        if (meta) shift(meta, META_OFFSETS, delta);
      }
      const ordinal = field(group, GROUP_ORDINAL);
      if (ordinal) ordinal.value = this.groups.length;
      this.groups.push(group);
    }
    this.rows += field(footer, FILE_NUM_ROWS)!.value as number;
    await this.write(body);
    this.position += body.length;
  }

  /** Writes the combined footer. At least one part must have been added. */
  async finish(): Promise<void> {
    if (!this.first) throw new Error('no Parquet parts to join');
    const fields = this.first.fields.map((f) => {
      if (f.id === FILE_NUM_ROWS) return { ...f, value: this.rows };
      if (f.id === FILE_ROW_GROUPS) return { ...f, value: { elementType: TType.Struct, items: this.groups, set: false } };
      return f;
    });
    const footer = writeStruct({ fields });
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, footer.length, true);
    await this.write(footer);
    await this.write(length);
    await this.write(MAGIC);
  }
}
