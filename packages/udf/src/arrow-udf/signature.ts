/**
 * arrow-udf (RisingWave/Databend, ABI v3) export names: `arrowudf_` + base64 of the signature with
 * the alphabet A–Z a–z 0–9 `$` `_` and no padding, e.g. `gcd(int32,int32)->int32`; `->>` marks a
 * table function. Decoding, and the arrow-udf type names Quiver can pass.
 */
import { DataTypes, type DataType } from '@quiver/common';
import { ARROW_NAMED_TYPES } from '../wasm/manifest.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$_';
export const EXPORT_PREFIX = 'arrowudf_';

/** The text of an arrow-udf base64 name (null when it is not valid base64 in that alphabet). */
export function decodeName(encoded: string): string | null {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of encoded) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** The export name for a signature text (the inverse of `decodeName`). */
export function encodeName(signature: string): string {
  const bytes = new TextEncoder().encode(signature);
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (6 - bits)) & 63];
  return EXPORT_PREFIX + out;
}

const TYPES: Record<string, DataType> = {
  ...ARROW_NAMED_TYPES,
  timestamp: DataTypes.timestamp('microsecond'),
  string: DataTypes.utf8,
  // Arbitrary-precision text in arrow-udf; Quiver passes DECIMAL(38,10) (see ipc-columns.ts).
  decimal: DataTypes.decimal(38, 10),
};

export interface ArrowUdfSignature {
  readonly name: string;
  readonly args: readonly string[];
  readonly ret: string;
  readonly table: boolean;
}

/** `name(t1,t2)->ret` or `name(t)->>ret`, or null when the text is not a signature. */
export function parseSignature(text: string): ArrowUdfSignature | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\(([^()]*)\)->(>?)(.+)$/.exec(text);
  if (!m) return null;
  return { name: m[1]!, args: m[2] === '' ? [] : m[2]!.split(','), ret: m[4]!, table: m[3] === '>' };
}

/** The Quiver type of an arrow-udf type name, or null for types Quiver cannot pass. */
export function arrowUdfType(name: string): DataType | null {
  return TYPES[name] ?? null;
}
