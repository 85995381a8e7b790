/**
 * String functions DataFusion offers beyond the PostgreSQL core set in string.ts, counting code
 * points: ascii, bit_length, octet_length, initcap, contains, translate, overlay; the list also
 * carries digest.ts's hash functions.
 */
import { DataTypes } from '@quiver/common';
import type { ScalarFunction } from '@quiver/planner';
import { integerReader, stringReader } from './args.js';
import { digestFunctions } from './digest.js';
import { defineFunction } from './signature.js';
import { charLength, int32Result, sliceChars, stringMapFunction, stringResult, stringTestFunction } from './text.js';

const utf8Result = () => DataTypes.utf8;

/** ascii(s): the code point of the first character, 0 for ''. */
const ascii = defineFunction({
  name: 'ascii',
  overloads: [['string']],
  returnType: () => DataTypes.int32,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    return int32Result(args, n, (i) => s(i).codePointAt(0) ?? 0);
  },
});

/** Byte length of each UTF-8 string times `bitsPerByte`, from the offsets alone for columns. */
const byteLength = (name: string, bitsPerByte: number) =>
  defineFunction({
    name,
    overloads: [['string']],
    returnType: () => DataTypes.int32,
    invoke: (args, n) => {
      const a = args[0]!;
      if (a.kind === 'scalar') {
        const bytes = new TextEncoder().encode((a.value.value as string | null) ?? '').length;
        return int32Result(args, n, () => bytes * bitsPerByte);
      }
      const offsets = a.data.valueOffsets as Int32Array;
      return int32Result(args, n, (i) => (offsets[i + 1]! - offsets[i]!) * bitsPerByte);
    },
  });

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** initcap(s): each letter after a non-alphanumeric character (or at the start) upper-cased, the others lower-cased. */
function initcapText(s: string): string {
  let out = '';
  let startOfWord = true;
  for (const c of s) {
    out += startOfWord ? c.toUpperCase() : c.toLowerCase();
    startOfWord = !WORD_CHAR.test(c);
  }
  return out;
}

const initcap = stringMapFunction('initcap', initcapText);

const contains = stringTestFunction('contains', (s, needle) => s.includes(needle));

/** translate(s, from, to): each character of `from` replaced by the one at its position in `to`, or removed past its end. */
function translateText(s: string, from: string, to: string): string {
  const map = new Map<string, string>();
  const target = Array.from(to);
  Array.from(from).forEach((c, k) => {
    if (!map.has(c)) map.set(c, target[k] ?? '');
  });
  let out = '';
  for (const c of s) out += map.get(c) ?? c;
  return out;
}

const translate = defineFunction({
  name: 'translate',
  overloads: [['string', 'string', 'string']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const from = stringReader(args[1]!);
    const to = stringReader(args[2]!);
    return stringResult(args, n, (i) => translateText(s(i), from(i), to(i)));
  },
});

/** overlay(s, replacement, start [, count]): characters start..start+count-1 of s (count defaults to the replacement's length) replaced. */
const overlay = defineFunction({
  name: 'overlay',
  overloads: [['string', 'string', 'integer'], ['string', 'string', 'integer', 'integer']],
  returnType: utf8Result,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const r = stringReader(args[1]!);
    const start = integerReader(args[2]!);
    const count = args.length > 3 ? integerReader(args[3]!) : null;
    return stringResult(args, n, (i) => {
      const text = s(i);
      const replacement = r(i);
      const from = Math.max(start(i), 1) - 1;
      const len = count === null ? charLength(replacement) : count(i);
      return sliceChars(text, 0, from) + replacement + sliceChars(text, from + len, Infinity);
    });
  },
});

export function moreStringFunctions(): ScalarFunction[] {
  return [ascii, byteLength('bit_length', 8), byteLength('octet_length', 1), initcap, contains, translate, overlay, ...digestFunctions()];
}
