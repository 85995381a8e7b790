import { describe, expect, it } from 'vitest';
import { DataTypes, type DataType, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue, ScalarFunction } from '@quiver/planner';
import { scalar, sliced, values } from '../kernels/test-data.js';
import { regexFunctions } from './regex.js';
import { moreStringFunctions } from './string-extra.js';

const { int64, utf8 } = DataTypes;
const registry = new Map<string, ScalarFunction>([...moreStringFunctions(), ...regexFunctions()].map((f) => [f.name, f]));

function call(name: string, ...args: [DataType, ScalarRaw[] | { scalar: ScalarRaw }][]): ScalarRaw[] {
  const f = registry.get(name)!;
  const n = Math.max(1, ...args.map(([, v]) => (Array.isArray(v) ? v.length : 1)));
  const types = f.coerceArgs(args.map(([t]) => t));
  const cols: ColumnarValue[] = args.map(([, v], k) => (Array.isArray(v) ? { kind: 'array', data: sliced(types[k]!, v) } : scalar(types[k]!, v.scalar)));
  const ret = f.returnType(types);
  return values(f.invoke(cols, n, ret), ret);
}

describe('DataFusion string functions', () => {
  it('ascii, bit_length, octet_length count code points and bytes', () => {
    expect(call('ascii', [utf8, ['Andrew', '🔥x', '', null]])).toEqual([65, 128293, 0, null]);
    expect(call('bit_length', [utf8, ['Andrew', 'josé', '💖', null]])).toEqual([48, 40, 32, null]);
    expect(call('octet_length', [utf8, { scalar: 'datafusion数据融合' }])).toEqual([22]);
  });

  it('initcap starts every alphanumeric run with a capital', () => {
    expect(call('initcap', [utf8, ['under_score', 'un iść CORE', 'datafusion📊🔥', '']])).toEqual(['Under_Score', 'Un Iść Core', 'Datafusion📊🔥', '']);
  });

  it('contains, translate (code points; characters past the target are removed), overlay', () => {
    expect(call('contains', [utf8, ['datafusion🔥', 'x', null]], [utf8, { scalar: '🔥' }])).toEqual([true, false, null]);
    expect(call('translate', [utf8, ['Xiangpeng', 'e\u0301x']], [utf8, { scalar: 'e\u0301' }], [utf8, { scalar: 'E' }])).toEqual(['XiangpEng', 'Ex']);
    expect(call('overlay', [utf8, ['Andrew', '', 'd🔥tafusion']], [utf8, { scalar: 'foo' }], [int64, { scalar: 2n }])).toEqual(['Afooew', 'foo', 'dfoofusion']);
    expect(call('overlay', [utf8, ['Txxxxas']], [utf8, { scalar: 'hom' }], [int64, { scalar: 2n }], [int64, { scalar: 4n }])).toEqual(['Thomas']);
  });
});

describe('regular expressions', () => {
  it('regexp_like with and without flags, patterns per row', () => {
    expect(call('regexp_like', [utf8, ['Xiangpeng', 'Andrew', null]], [utf8, { scalar: 'an' }])).toEqual([true, false, null]);
    expect(call('regexp_like', [utf8, ['Andrew', 'datafusionДатаФусион']], [utf8, ['AN', 'таф']], [utf8, { scalar: 'i' }])).toEqual([true, true]);
    expect(() => call('regexp_like', [utf8, ['a']], [utf8, { scalar: 'a' }], [utf8, { scalar: 'z' }])).toThrow(/flag 'z' is not supported/);
    expect(() => call('regexp_like', [utf8, ['a']], [utf8, { scalar: '(' }])).toThrow(/invalid regular expression/);
  });

  it('regexp_replace replaces the first match unless g, with \\N group references', () => {
    expect(call('regexp_replace', [utf8, ['foobarbar', null]], [utf8, { scalar: 'bar' }], [utf8, { scalar: 'xx' }])).toEqual(['fooxxbar', null]);
    expect(call('regexp_replace', [utf8, ['foobarBar']], [utf8, { scalar: 'bar' }], [utf8, { scalar: 'x$' }], [utf8, { scalar: 'gi' }])).toEqual(['foox$x$']);
    expect(call('regexp_replace', [utf8, ['ab-cd']], [utf8, { scalar: '(\\w+)-(\\w+)' }], [utf8, { scalar: '\\2-\\1' }])).toEqual(['cd-ab']);
  });

  it('regexp_count counts matches from a start position', () => {
    expect(call('regexp_count', [utf8, ['abcabc', 'xyz', null]], [utf8, { scalar: 'b' }])).toEqual([2n, 0n, null]);
    expect(call('regexp_count', [utf8, ['abcABC']], [utf8, { scalar: 'b' }], [int64, { scalar: 3n }], [utf8, { scalar: 'i' }])).toEqual([1n]);
  });

  it('regexp_match gives the first match (or its groups, NULL for a group that took no part) as a list, NULL without a match', () => {
    expect(call('regexp_match', [utf8, ['Xiangpeng', 'Andrew', null, 'banana']], [utf8, { scalar: 'an' }])).toEqual([['an'], null, null, ['an']]);
    expect(call('regexp_match', [utf8, ['Andrew', 'таФ']], [utf8, ['AN', 'ТАФ']], [utf8, { scalar: 'i' }])).toEqual([['An'], ['таФ']]);
    expect(call('regexp_match', [utf8, ['k=v', 'k=', 'x']], [utf8, { scalar: '(\\w+)=(\\w+)?' }])).toEqual([['k', 'v'], ['k', null], null]);
    expect(() => call('regexp_match', [utf8, ['a']], [utf8, { scalar: 'a' }], [utf8, { scalar: 'g' }])).toThrow(/flag 'g' is not supported/);
  });
});
