import { describe, expect, it } from 'vitest';
import { DataTypes, QuiverError, type DataType, type ScalarRaw } from '@quiver/common';
import type { ColumnarValue } from '@quiver/planner';
import { array, scalar, sliced, values } from '../kernels/test-data.js';
import { builtinScalarFunctions } from './index.js';

const { int32, int64, float64, utf8, date32, boolean } = DataTypes;
const registry = new Map(builtinScalarFunctions().map((f) => [f.name, f]));

function fn(name: string) {
  const f = registry.get(name);
  if (!f) throw new Error(`no function ${name}`);
  return f;
}

function typeOf(v: ColumnarValue, declared: DataType): DataType {
  return v.kind === 'scalar' ? v.value.type : declared;
}

/** Calls `name` the way the planner and executor do: coerce, type, invoke. Args are (type, values|scalar). */
function call(name: string, ...args: [DataType, ScalarRaw[] | { scalar: ScalarRaw }][]): ScalarRaw[] {
  const f = fn(name);
  const n = Math.max(1, ...args.map(([, v]) => (Array.isArray(v) ? v.length : 1)));
  const argTypes = args.map(([t]) => t);
  const coerced = f.coerceArgs(argTypes);
  expect(coerced).toEqual(argTypes); // tests pass arguments already of the coerced types
  const cols: ColumnarValue[] = args.map(([t, v]) =>
    Array.isArray(v) ? { kind: 'array', data: sliced(t, v) } : scalar(t, v.scalar),
  );
  const ret = f.returnType(cols.map((c, i) => typeOf(c, argTypes[i]!)));
  return values(f.invoke(cols, n, ret), ret);
}

const s = (v: ScalarRaw) => ({ scalar: v });

describe('function signatures', () => {
  it('coerces arguments and names the function and types when nothing fits', () => {
    expect(fn('substring').coerceArgs([utf8, int32])).toEqual([utf8, int64]);
    expect(fn('sqrt').coerceArgs([int32])).toEqual([float64]);
    expect(fn('coalesce').coerceArgs([int32, int64, DataTypes.null])).toEqual([int64, int64, int64]);
    expect(() => fn('upper').coerceArgs([int32])).toThrow(/function upper\(INTEGER\) does not exist/);
    expect(() => fn('upper').coerceArgs([int32])).toThrow(QuiverError);
    expect(() => fn('lpad').coerceArgs([utf8])).toThrow(/lpad\(VARCHAR\)/);
    expect(() => fn('coalesce').coerceArgs([int32, date32])).toThrow(/coalesce\(INTEGER, DATE\)/);
  });

  it('names every built-in in lower case and marks now/current_date stable', () => {
    for (const name of registry.keys()) expect(name).toBe(name.toLowerCase());
    expect(fn('now').volatility).toBe('stable');
    expect(fn('current_date').volatility).toBe('stable');
    expect(fn('upper').volatility).toBe('immutable');
  });
});

describe('string functions', () => {
  it('upper/lower over ASCII (byte path) and unicode, keeping NULL', () => {
    expect(call('upper', [utf8, ['abc', '', null, 'MiXed 1']])).toEqual(['ABC', '', null, 'MIXED 1']);
    expect(call('lower', [utf8, ['ÉCOLE', 'Straße', null]])).toEqual(['école', 'straße', null]);
    expect(call('upper', [utf8, s('straße')])).toEqual(['STRASSE']);
  });

  it('length counts characters, not bytes or UTF-16 units', () => {
    expect(call('length', [utf8, ['abc', '', 'héllo', '😀x', null]])).toEqual([3, 0, 5, 2, null]);
    expect(call('char_length', [utf8, s('日本')])).toEqual([2]);
  });

  it('trim, ltrim, rtrim with and without characters', () => {
    expect(call('trim', [utf8, ['  a b  ', '', null]])).toEqual(['a b', '', null]);
    expect(call('ltrim', [utf8, ['  x  ']])).toEqual(['x  ']);
    expect(call('rtrim', [utf8, ['  x  ']])).toEqual(['  x']);
    expect(call('trim', [utf8, ['xxhixyx']], [utf8, s('xy')])).toEqual(['hi']);
  });

  it('substring follows PostgreSQL rules for start <= 0, lengths and characters', () => {
    const h = [utf8, ['hello']] as [DataType, ScalarRaw[]];
    expect(call('substring', h, [int64, s(2n)])).toEqual(['ello']);
    expect(call('substring', h, [int64, s(2n)], [int64, s(3n)])).toEqual(['ell']);
    expect(call('substring', h, [int64, s(0n)], [int64, s(3n)])).toEqual(['he']);
    expect(call('substring', h, [int64, s(-5n)], [int64, s(3n)])).toEqual(['']);
    expect(call('substr', h, [int64, s(10n)])).toEqual(['']);
    expect(call('substr', [utf8, ['😀héllo']], [int64, s(2n)], [int64, s(2n)])).toEqual(['hé']);
    expect(() => call('substring', h, [int64, s(1n)], [int64, s(-1n)])).toThrow(/negative substring length/);
    expect(call('substring', [utf8, [null]], [int64, s(1n)])).toEqual([null]);
    // A column with constant bounds is cut on its UTF-8 bytes; per-row bounds go through strings.
    expect(call('substring', [utf8, ['13-555', 'é9x', null, '', '😀']], [int64, s(1n)], [int64, s(2n)])).toEqual(['13', 'é9', null, '', '😀']);
    expect(call('substring', [utf8, ['hello', 'wörld']], [int64, [2n, 3n]])).toEqual(['ello', 'rld']);
  });

  it('concat skips NULLs; starts_with, strpos and position', () => {
    expect(call('concat', [utf8, ['a', null, 'c']], [utf8, s('-')], [utf8, [null, null, 'd']])).toEqual(['a-', '-', 'c-d']);
    expect(call('starts_with', [utf8, ['apple', 'banana', null]], [utf8, s('ap')])).toEqual([true, false, null]);
    expect(call('strpos', [utf8, ['héllo', 'abc']], [utf8, s('l')])).toEqual([3, 0]);
    expect(call('position', [utf8, s('lo')], [utf8, ['hello', 'x']])).toEqual([4, 0]);
  });

  it('replace, left, right, lpad, rpad, reverse, repeat', () => {
    expect(call('replace', [utf8, ['aXbXc', 'abc']], [utf8, s('X')], [utf8, s('--')])).toEqual(['a--b--c', 'abc']);
    expect(call('left', [utf8, ['abcde', 'ab']], [int64, s(3n)])).toEqual(['abc', 'ab']);
    expect(call('left', [utf8, ['abcde']], [int64, s(-2n)])).toEqual(['abc']);
    expect(call('right', [utf8, ['abcde']], [int64, s(2n)])).toEqual(['de']);
    expect(call('right', [utf8, ['abcde']], [int64, s(-2n)])).toEqual(['cde']);
    expect(call('lpad', [utf8, ['hi', 'hello']], [int64, s(5n)], [utf8, s('xy')])).toEqual(['xyxhi', 'hello']);
    expect(call('lpad', [utf8, ['hello']], [int64, s(3n)])).toEqual(['hel']);
    expect(call('rpad', [utf8, ['hi']], [int64, s(4n)])).toEqual(['hi  ']);
    expect(call('reverse', [utf8, ['abc', '😀é', '']])).toEqual(['cba', 'é😀', '']);
    expect(call('repeat', [utf8, ['ab', 'x']], [int64, [3n, -1n]])).toEqual(['ababab', '']);
  });
});

describe('math functions', () => {
  const d = DataTypes.decimal(10, 2);
  it('abs and sign keep the type; abs of the minimum integer overflows', () => {
    expect(call('abs', [int32, [-3, 4, null]])).toEqual([3, 4, null]);
    expect(call('abs', [d, [-150n, 5n]])).toEqual([150n, 5n]);
    expect(call('abs', [int64, [-(2n ** 60n)]])).toEqual([2n ** 60n]);
    expect(() => call('abs', [int32, [-2147483648]])).toThrow(/INTEGER out of range/);
    expect(call('sign', [float64, [-2.5, 0, 3]])).toEqual([-1, 0, 1]);
    expect(call('sign', [d, [-150n, 0n, 7n]])).toEqual([-100n, 0n, 100n]);
  });

  it('round, floor and ceil: exact on decimals (half away from zero), half to even on floats', () => {
    expect(call('round', [d, [12345n, -12345n, 12344n]], [int64, s(1n)])).toEqual([12350n, -12350n, 12340n]);
    expect(call('round', [d, [250n, -250n, 249n]])).toEqual([3n, -3n, 2n]);
    expect(fn('round').returnType([d])).toEqual(DataTypes.decimal(9, 0));
    expect(call('floor', [d, [-150n, 150n]])).toEqual([-2n, 1n]);
    expect(call('ceil', [d, [-150n, 150n]])).toEqual([-1n, 2n]);
    expect(call('round', [float64, [2.5, 3.5, -2.5]])).toEqual([2, 4, -2]);
    expect(call('round', [float64, [1.234]], [int64, s(2n)])).toEqual([1.23]);
    expect(() => call('round', [float64, [3.14]], [int64, [2n ** 31n]])).toThrow(/decimal places 2147483648 are out of the INTEGER range/);
    const d381 = DataTypes.decimal(38, 1);
    expect(() => call('round', [d381, [10n ** 38n - 1n]], [int64, s(0n)])).toThrow(/numeric overflow: round/);
    expect(call('floor', [float64, [-1.5]])).toEqual([-2]);
    expect(call('round', [int32, [7]])).toEqual([7]);
  });

  it('sqrt with a domain error; ln, log10, exp, power as IEEE floats', () => {
    expect(call('sqrt', [float64, [9, null]])).toEqual([3, null]);
    expect(() => call('sqrt', [float64, [-1]])).toThrow(/square root of a negative/);
    expect(call('ln', [float64, [Math.E]])).toEqual([1]);
    expect(call('ln', [float64, [0, -1]])).toEqual([-Infinity, NaN]);
    expect(call('log', [float64, [1, 10, -2]], [float64, [64, -100, 8]])).toEqual([Infinity, NaN, NaN]);
    expect(call('log10', [float64, [1000]])).toEqual([3]);
    expect(call('exp', [float64, [0]])).toEqual([1]);
    expect(call('power', [float64, [2, 2, null]], [float64, [10, -1, 2]])).toEqual([1024, 0.5, null]);
    expect(call('power', [float64, [-2]], [float64, [-0.5]])).toEqual([NaN]);
    expect(() => call('power', [float64, [0]], [float64, [-1]])).toThrow(/zero raised to a negative power/);
  });

  it('mod truncates like %, with NULL on zero', () => {
    expect(call('mod', [int32, [-7, 7, 1]], [int32, [2, -2, 0]])).toEqual([-1, 1, null]);
  });
});

describe('conditional functions', () => {
  it('coalesce and nullif', () => {
    expect(call('coalesce', [int32, [null, 2, null]], [int32, [1, 5, null]])).toEqual([1, 2, null]);
    expect(call('nullif', [utf8, ['a', 'b']], [utf8, s('a')])).toEqual([null, 'b']);
  });

  it('greatest and least ignore NULLs', () => {
    expect(call('greatest', [int32, [1, null, 5, null]], [int32, [3, 2, 4, null]])).toEqual([3, 2, 5, null]);
    expect(call('least', [utf8, ['b', 'a']], [utf8, s('ab')])).toEqual(['ab', 'a']);
    expect(call('greatest', [date32, [1, 10]], [date32, s(5)], [date32, [7, null]])).toEqual([7, 10]);
  });
});

describe('date functions', () => {
  const day = (text: string) => Math.round(Date.parse(text) / 86_400_000);
  it('extracts fields of dates', () => {
    const dates = [date32, [day('1995-03-15'), day('2024-12-31'), null]] as [DataType, ScalarRaw[]];
    expect(call('date_part', [utf8, s('year')], dates)).toEqual([1995n, 2024n, null]);
    expect(call('extract', [utf8, s('MONTH')], dates)).toEqual([3n, 12n, null]);
    expect(call('date_part', [utf8, s('quarter')], dates)).toEqual([1n, 4n, null]);
    expect(call('date_part', [utf8, s('day')], dates)).toEqual([15n, 31n, null]);
    expect(call('date_part', [utf8, s('dow')], dates)).toEqual([3n, 2n, null]);
    expect(call('date_part', [utf8, s('doy')], dates)).toEqual([74n, 366n, null]);
    expect(call('date_part', [utf8, s('week')], dates)).toEqual([11n, 1n, null]);
    expect(call('date_part', [utf8, s('epoch')], [date32, [1]])).toEqual([86400n]);
    expect(call('date_part', [utf8, s('year')], [date32, [day('0001-01-01') - 1]])).toEqual([0n]);
    expect(() => call('date_part', [utf8, s('fortnight')], dates)).toThrow(/unit "fortnight" is not recognized/);
  });

  it('extracts time fields of timestamps', () => {
    const ts = DataTypes.timestamp('microsecond');
    const v = BigInt(Date.parse('1995-03-15T13:45:30.250Z')) * 1000n;
    const arg = [ts, [v, -1n]] as [DataType, ScalarRaw[]];
    expect(call('date_part', [utf8, s('hour')], arg)).toEqual([13n, 23n]);
    expect(call('date_part', [utf8, s('minute')], arg)).toEqual([45n, 59n]);
    expect(call('date_part', [utf8, s('second')], arg)).toEqual([30n, 59n]);
    expect(call('date_part', [utf8, s('year')], arg)).toEqual([1995n, 1969n]);
    expect(call('date_part', [utf8, s('epoch')], arg)).toEqual([v / 1_000_000n, -1n]);
    const secs = [DataTypes.timestamp('second'), [90061n]] as [DataType, ScalarRaw[]];
    expect(['hour', 'minute', 'second', 'day'].map((f) => call('date_part', [utf8, s(f)], secs)[0])).toEqual([1n, 1n, 1n, 2n]);
    const nanos = [DataTypes.timestamp('nanosecond'), [90061_000_000_001n, -1n]] as [DataType, ScalarRaw[]];
    expect(call('date_part', [utf8, s('second')], nanos)).toEqual([1n, 59n]);
    expect(call('date_part', [utf8, s('microsecond')], nanos)).toEqual([1_000_000n, 59_999_999n]);
  });

  it('now and current_date give the current time', () => {
    const before = BigInt(Date.now()) * 1000n;
    const [now] = call('now') as bigint[];
    expect(now! >= before && now! <= BigInt(Date.now()) * 1000n).toBe(true);
    expect(call('current_date')).toEqual([Math.floor(Date.now() / 86_400_000)]);
  });
});

describe('boolean arguments', () => {
  it('coalesce over booleans', () => {
    expect(call('coalesce', [boolean, [null, false]], [boolean, s(true)])).toEqual([true, false]);
  });
});
