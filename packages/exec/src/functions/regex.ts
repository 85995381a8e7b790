/**
 * Regular-expression functions as DataFusion has them: regexp_like(s, pattern [, flags]),
 * regexp_count(s, pattern [, start [, flags]]), regexp_replace(s, pattern, replacement [, flags])
 * (the first match only, unless the flags hold `g`; `\1`…`\9` in the replacement name groups) and
 * regexp_match(s, pattern [, flags]) (the first match's groups as a list).
 * Patterns run as JavaScript Unicode regular expressions, which agree with Rust's `regex` syntax for
 * the common constructs; flags i, m, s (and g for replace) are accepted, others are an error. A
 * pattern is compiled once per batch (once for all rows when it and the flags are constants).
 */
import { DataTypes, QuiverError } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { makeFixed, Utf8Builder } from '../kernels/builders.js';
import { makeList } from '../kernels/list.js';
import { allValid, clearBit } from '../kernels/validity.js';
import { anyNull, integerReader, stringReader } from './args.js';
import { defineFunction } from './signature.js';
import { booleanResult, sliceChars, stringResult } from './text.js';

/** Compiles patterns for one batch, reusing each (pattern, flags) pair. */
class PatternCache {
  private readonly compiled = new Map<string, RegExp>();

  constructor(
    private readonly name: string,
    private readonly allowGlobal: boolean,
  ) {}

  get(pattern: string, flags: string): RegExp {
    const key = `${flags}/${pattern}`;
    let re = this.compiled.get(key);
    if (re === undefined) {
      re = new RegExp(pattern, this.jsFlags(flags));
      this.compiled.set(key, re);
    }
    return re;
  }

  private jsFlags(flags: string): string {
    let out = 'u';
    for (const f of flags) {
      if (f === 'i' || f === 'm' || f === 's') out += out.includes(f) ? '' : f;
      else if (f === 'g' && this.allowGlobal) out += out.includes('g') ? '' : 'g';
      else throw new QuiverError('EXECUTION', `${this.name}: regular expression flag '${f}' is not supported`);
    }
    return out;
  }
}

function compileError(name: string, err: unknown): never {
  throw new QuiverError('EXECUTION', `${name}: invalid regular expression: ${(err as Error).message}`);
}

/** Row readers for the pattern and the flags (absent flags read as ''). */
function patternReader(name: string, args: readonly ColumnarValue[], patternAt: number, flagsAt: number, allowGlobal: boolean): (i: number) => RegExp {
  const cache = new PatternCache(name, allowGlobal);
  const pattern = stringReader(args[patternAt]!);
  const flags = args.length > flagsAt ? stringReader(args[flagsAt]!) : () => '';
  return (i) => {
    try {
      return cache.get(pattern(i), flags(i));
    } catch (err) {
      if (err instanceof QuiverError) throw err;
      return compileError(name, err);
    }
  };
}

const regexpLike = defineFunction({
  name: 'regexp_like',
  overloads: [['string', 'string'], ['string', 'string', 'string']],
  returnType: () => DataTypes.boolean,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const re = patternReader('regexp_like', args, 1, 2, false);
    return booleanResult(args, n, (i) => re(i).test(s(i)));
  },
});

const regexpCount = defineFunction({
  name: 'regexp_count',
  overloads: [['string', 'string'], ['string', 'string', 'integer'], ['string', 'string', 'integer', 'string']],
  returnType: () => DataTypes.int64,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const start = args.length > 2 ? integerReader(args[2]!) : () => 1;
    // Counting needs the global flag, which the shared cache keeps off: a second cache holds the 'g' forms.
    const re = patternReader('regexp_count', args, 1, 3, false);
    const global = new Map<RegExp, RegExp>();
    const isNull = anyNull(args);
    const out = new BigInt64Array(n);
    let valid: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (isNull(i)) {
        valid ??= allValid(n);
        clearBit(valid, i);
        continue;
      }
      const from = start(i);
      if (from < 1) throw new QuiverError('EXECUTION', `regexp_count: start position ${from} must be at least 1`);
      const plain = re(i);
      let g = global.get(plain);
      if (g === undefined) global.set(plain, (g = new RegExp(plain.source, `${plain.flags}g`)));
      let count = 0;
      for (const _ of sliceChars(s(i), from - 1, Infinity).matchAll(g)) count++;
      out[i] = BigInt(count);
    }
    return makeFixed(DataTypes.int64, n, out, valid);
  },
});

/** A regexp_replace replacement in JavaScript's syntax: `\1` becomes `$1`, a literal `$` becomes `$$`. */
export function jsReplacement(text: string): string {
  return text.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
}

const regexpReplace = defineFunction({
  name: 'regexp_replace',
  overloads: [['string', 'string', 'string'], ['string', 'string', 'string', 'string']],
  returnType: () => DataTypes.utf8,
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const replacement = stringReader(args[2]!);
    const re = patternReader('regexp_replace', args, 1, 3, true);
    let lastText: string | null = null;
    let lastJs = '';
    return stringResult(args, n, (i) => {
      const r = replacement(i);
      if (r !== lastText) {
        lastText = r;
        lastJs = jsReplacement(r);
      }
      return s(i).replace(re(i), lastJs);
    });
  },
});

/**
 * regexp_match(s, pattern [, flags]): the first match as a VARCHAR list, its capture groups when the
 * pattern has any (a group that took no part is a NULL item, as in PostgreSQL), else the whole match;
 * NULL when nothing matches.
 */
const regexpMatch = defineFunction({
  name: 'regexp_match',
  overloads: [['string', 'string'], ['string', 'string', 'string']],
  returnType: () => DataTypes.list(DataTypes.utf8),
  invoke: (args, n) => {
    const s = stringReader(args[0]!);
    const re = patternReader('regexp_match', args, 1, 2, false);
    const isNull = anyNull(args);
    const offsets = new Int32Array(n + 1);
    const found: (string | undefined)[] = [];
    let valid: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      const match = isNull(i) ? null : re(i).exec(s(i));
      if (match === null) {
        valid ??= allValid(n);
        clearBit(valid, i);
      } else if (match.length === 1) found.push(match[0]);
      else for (let g = 1; g < match.length; g++) found.push(match[g]);
      offsets[i + 1] = found.length;
    }
    const items = new Utf8Builder(found.length);
    for (const item of found) {
      if (item === undefined) items.appendNull();
      else items.appendString(item);
    }
    return makeList(DataTypes.utf8, n, offsets, items.finish(), valid);
  },
});

export function regexFunctions(): ScalarFunction[] {
  return [regexpLike, regexpCount, regexpReplace, regexpMatch];
}
