/**
 * Built-in string functions with PostgreSQL semantics, counting characters (code points):
 * upper, lower, length/char_length/character_length, trim/btrim/ltrim/rtrim, substring/substr,
 * concat, starts_with, strpos/position, replace, left, right, lpad, rpad, reverse, repeat; the list
 * also carries string-extra.ts's and regex.ts's functions.
 */
import type * as arrow from 'apache-arrow';
import { DataTypes, QuiverError } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { makeUtf8 } from '../kernels/builders.js';
import { validityOf } from '../kernels/validity.js';
import { integerReader, nullTest, stringReader } from './args.js';
import { regexFunctions } from './regex.js';
import { moreStringFunctions } from './string-extra.js';
import { defineFunction, noMatch } from './signature.js';
import { charLength, charsOf, int32Result, sliceChars, stringMapFunction, stringResult, stringTestFunction } from './text.js';

const utf8Result = () => DataTypes.utf8;

/** Whether every byte of an array's string data is ASCII. */
function asciiOnly(d: arrow.Data): boolean {
  const offsets = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  for (let i = offsets[0]!, end = offsets[d.length]!; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** upper/lower: byte-wise over ASCII-only arrays, through JS case mapping otherwise. */
function caseMapper(name: string, upper: boolean): ScalarFunction {
  return defineFunction({
    name,
    overloads: [['string']],
    returnType: utf8Result,
    invoke: (args, n) => {
      const a = args[0]!;
      if (a.kind === 'array' && a.data.type.typeId !== 1 && asciiOnly(a.data)) {
        const d = a.data;
        const offsets = d.valueOffsets as Int32Array;
        const src = d.values as Uint8Array;
        const base = offsets[0]!;
        const out = src.slice(base, offsets[n]!);
        const lo = upper ? 97 : 65;
        for (let i = 0; i < out.length; i++) {
          const b = out[i]!;
          if (b >= lo && b <= lo + 25) out[i] = b ^ 32;
        }
        const rebased = base === 0 ? offsets : offsets.map((o) => o - base);
        return makeUtf8(n, rebased, out, validityOf(d));
      }
      const s = stringReader(a);
      return stringResult(args, n, (i) => (upper ? s(i).toUpperCase() : s(i).toLowerCase()));
    },
  });
}

/** Character count from UTF-8 bytes (bytes that are not continuation bytes), without decoding. */
const lengthFn = (name: string) =>
  defineFunction({
    name,
    overloads: [['string']],
    returnType: () => DataTypes.int32,
    invoke: (args, n) => {
      const a = args[0]!;
      if (a.kind === 'scalar') return int32Result(args, n, () => charLength((a.value.value as string | null) ?? ''));
      const offsets = a.data.valueOffsets as Int32Array;
      const bytes = a.data.values as Uint8Array;
      return int32Result(args, n, (i) => {
        let count = 0;
        for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) if ((bytes[k]! & 0xc0) !== 0x80) count++;
        return count;
      });
    },
  });

type TrimSide = 'both' | 'leading' | 'trailing';

function trimChars(s: string, set: string, side: TrimSide): string {
  const chars = Array.from(s);
  const remove = new Set(Array.from(set));
  let a = 0;
  let b = chars.length;
  if (side !== 'trailing') while (a < b && remove.has(chars[a]!)) a++;
  if (side !== 'leading') while (b > a && remove.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

const trimFn = (name: string, side: TrimSide) =>
  defineFunction({
    name,
    overloads: [['string'], ['string', 'string']],
    returnType: utf8Result,
    invoke: (args, n) => {
      const s = stringReader(args[0]!);
      const set = args.length > 1 ? stringReader(args[1]!) : () => ' ';
      return stringResult(args, n, (i) => trimChars(s(i), set(i), side));
    },
  });

/** PostgreSQL substring(s FROM start FOR count): characters start..start+count-1 of the 1-based string. */
export function substring(s: string, start: number, count: number | null): string {
  if (count !== null && count < 0) throw new QuiverError('EXECUTION', 'negative substring length not allowed');
  const end = count === null ? Infinity : start + count; // exclusive, 1-based
  return sliceChars(s, Math.max(start, 1) - 1, end - 1);
}

/**
 * substring of every row of a Utf8 array by constant `start` and `count`, over the UTF-8 bytes:
 * characters are counted by their lead bytes and copied without decoding (TPC-H Q22's country codes).
 */
function substringBytes(d: arrow.Data, start: number, count: number | null): arrow.Data {
  if (count !== null && count < 0) throw new QuiverError('EXECUTION', 'negative substring length not allowed');
  const n = d.length;
  const offsets = d.valueOffsets as Int32Array;
  const src = d.values as Uint8Array;
  const skip = Math.max(start, 1) - 1;
  const take = count === null ? Infinity : Math.max(0, start + count - 1 - skip);
  const outOffsets = new Int32Array(n + 1);
  const out = new Uint8Array(offsets[n]! - offsets[0]!);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    let from = offsets[i]!;
    for (let c = 0; c < skip && from < end; c++) do from++; while (from < end && (src[from]! & 0xc0) === 0x80);
    let to = from;
    for (let c = 0; c < take && to < end; c++) do to++; while (to < end && (src[to]! & 0xc0) === 0x80);
    for (let k = from; k < to; k++) out[pos++] = src[k]!;
    outOffsets[i + 1] = pos;
  }
  return makeUtf8(n, outOffsets, out.subarray(0, pos), validityOf(d));
}

const substringFn = (name: string) =>
  defineFunction({
    name,
    overloads: [['string', 'integer'], ['string', 'integer', 'integer']],
    returnType: utf8Result,
    invoke: (args, n) => {
      const [text, from, length] = args as [ColumnarValue, ColumnarValue, ColumnarValue | undefined];
      const constant = (a: ColumnarValue | undefined) => a === undefined || (a.kind === 'scalar' && a.value.value !== null);
      if (text.kind === 'array' && text.data.valueOffsets !== undefined && constant(from) && constant(length)) {
        const value = (a: ColumnarValue) => Number((a as Extract<ColumnarValue, { kind: 'scalar' }>).value.value);
        return substringBytes(text.data, value(from), length === undefined ? null : value(length));
      }
      const s = stringReader(args[0]!);
      const start = integerReader(args[1]!);
      const count = args.length > 2 ? integerReader(args[2]!) : null;
      return stringResult(args, n, (i) => substring(s(i), start(i), count === null ? null : count(i)));
    },
  });

/** concat(...): the text of every non-NULL argument, in order; never NULL. */
const concatFn: ScalarFunction = {
  name: 'concat',
  volatility: 'immutable',
  coerceArgs: (argTypes) => (argTypes.length === 0 ? noMatch('concat', argTypes) : argTypes.map(() => DataTypes.utf8)),
  returnType: utf8Result,
  invoke: (args: readonly ColumnarValue[], n: number) => {
    const readers = args.map((a) => ({ isNull: nullTest(a), text: stringReader(a) }));
    return stringResult([], n, (i) => {
      let out = '';
      for (const r of readers) if (!r.isNull(i)) out += r.text(i);
      return out;
    });
  },
};

const startsWith = stringTestFunction('starts_with', (s, prefix) => s.startsWith(prefix));

/** 1-based character position of `needle` in `s`, 0 when absent. */
function position(s: string, needle: string): number {
  const at = s.indexOf(needle);
  return at < 0 ? 0 : charLength(s.slice(0, at)) + 1;
}

/** strpos(string, needle), and position(needle, string) in the argument order of `POSITION(needle IN string)`. */
const strposFn = (name: 'strpos' | 'position') =>
  defineFunction({
    name,
    overloads: [['string', 'string']],
    returnType: () => DataTypes.int32,
    invoke: (args, n) => {
      const [hay, needle] = name === 'strpos' ? [args[0]!, args[1]!] : [args[1]!, args[0]!];
      const s = stringReader(hay);
      const p = stringReader(needle);
      return int32Result(args, n, (i) => position(s(i), p(i)));
    },
  });

const replaceFn = defineFunction({
  name: 'replace',
  overloads: [['string', 'string', 'string']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const from = stringReader(args[1]!);
    const to = stringReader(args[2]!);
    return stringResult(args, n, (i) => {
      const f = from(i);
      return f === '' ? s(i) : s(i).split(f).join(to(i));
    });
  },
});

/** left(s, n): the first n characters, or all but the last |n| when n < 0; right mirrors it. */
const leftRight = (name: 'left' | 'right') =>
  defineFunction({
    name,
    overloads: [['string', 'integer']],
    returnType: utf8Result,
    invoke: (args, n) => {
      const s = stringReader(args[0]!);
      const count = integerReader(args[1]!);
      return stringResult(args, n, (i) => {
        const text = s(i);
        const len = charLength(text);
        const k = count(i);
        const keep = k >= 0 ? Math.min(k, len) : Math.max(0, len + k);
        return name === 'left' ? sliceChars(text, 0, keep) : sliceChars(text, len - keep, len);
      });
    },
  });

/** lpad/rpad(s, length [, fill]): pad with repeats of fill (default a space) or truncate to length characters. */
const padFn = (name: 'lpad' | 'rpad') =>
  defineFunction({
    name,
    overloads: [['string', 'integer'], ['string', 'integer', 'string']],
    returnType: utf8Result,
    invoke: (args, n) => {
      const s = stringReader(args[0]!);
      const length = integerReader(args[1]!);
      const fill = args.length > 2 ? stringReader(args[2]!) : () => ' ';
      return stringResult(args, n, (i) => {
        const target = Math.max(0, Math.min(length(i), 10_000_000));
        const text = s(i);
        const len = charLength(text);
        if (len >= target) return sliceChars(text, 0, target);
        const f = charsOf(fill(i));
        if (f.length === 0) return text;
        const padChars: string[] = [];
        for (let k = 0; k < target - len; k++) padChars.push(f[k % f.length]!);
        const pad = padChars.join('');
        return name === 'lpad' ? pad + text : text + pad;
      });
    },
  });

const reverseFn = stringMapFunction('reverse', (s) => Array.from(s).reverse().join(''));

const repeatFn = defineFunction({
  name: 'repeat',
  overloads: [['string', 'integer']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const count = integerReader(args[1]!);
    return stringResult(args, n, (i) => {
      const k = count(i);
      const text = s(i);
      if (k <= 0 || text === '') return '';
      if (text.length * k > 256 * 1024 * 1024) throw new QuiverError('EXECUTION', `repeat: result of ${k} copies is too large`);
      return text.repeat(k);
    });
  },
});

export function stringFunctions(): ScalarFunction[] {
  return [
    caseMapper('upper', true),
    caseMapper('lower', false),
    lengthFn('length'),
    lengthFn('char_length'),
    lengthFn('character_length'),
    trimFn('trim', 'both'),
    trimFn('btrim', 'both'),
    trimFn('ltrim', 'leading'),
    trimFn('rtrim', 'trailing'),
    substringFn('substring'),
    substringFn('substr'),
    concatFn,
    startsWith,
    strposFn('strpos'),
    strposFn('position'),
    replaceFn,
    leftRight('left'),
    leftRight('right'),
    padFn('lpad'),
    padFn('rpad'),
    reverseFn,
    repeatFn,
    ...moreStringFunctions(),
    ...regexFunctions(),
  ];
}
