import { describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import { like } from './like.js';
import { array, scalar, sliced, values } from './test-data.js';

const utf8 = DataTypes.utf8;

function matchAll(texts: (string | null)[], pattern: string, opts: { escape?: string | null; ci?: boolean; negated?: boolean } = {}) {
  const v = { kind: 'array', data: sliced(utf8, texts) } as const;
  return values(like(v, scalar(utf8, pattern), opts.escape ?? null, opts.ci ?? false, opts.negated ?? false, texts.length));
}

describe('LIKE', () => {
  const texts = ['abc', 'ab', '', 'xabcx', 'ABC', null];
  it.each([
    ['abc', [true, false, false, false, false, null]],
    ['ab%', [true, true, false, false, false, null]],
    ['%bc', [true, false, false, false, false, null]],
    ['%b%', [true, true, false, true, false, null]],
    ['%', [true, true, true, true, true, null]],
    ['', [false, false, true, false, false, null]],
    ['a_c', [true, false, false, false, false, null]],
    ['_%', [true, true, false, true, true, null]],
    ['%a%c%', [true, false, false, true, false, null]],
    ['%ab%bc', [false, false, false, false, false, null]],
  ])('matches %s', (pattern, expected) => {
    expect(matchAll(texts, pattern as string)).toEqual(expected);
  });

  it('handles TPC-H style multi-segment patterns', () => {
    const t = ['foo special bar requests', 'requests special', 'specialrequests', null];
    expect(matchAll(t, '%special%requests%')).toEqual([true, false, true, null]);
    expect(matchAll(t, '%special%requests%', { negated: true })).toEqual([false, true, false, null]);
  });

  it('finds inner segments within their own row, short or long (a row never matches on the bytes of the next)', () => {
    const long = 'x'.repeat(300);
    const t = ['Customer only', 'then Complaints', `${long} Customer ${long}`, `Complaints ${long} Customer Complaints`, `${long}Customer`, 'Complaints'];
    expect(matchAll(t, '%Customer%Complaints%')).toEqual([false, false, false, true, false, false]);
    expect(matchAll(t, '%Customer%')).toEqual([true, false, true, true, true, false]);
  });

  it('treats _ as one UTF-8 character and matches unicode literally', () => {
    const t = ['héllo', 'hello', 'h€llo', '日本語', 'h😀llo'];
    expect(matchAll(t, 'h_llo')).toEqual([true, true, true, false, true]);
    expect(matchAll(t, '__語')).toEqual([false, false, false, true, false]);
    expect(matchAll(t, '%é%')).toEqual([true, false, false, false, false]);
    expect(matchAll(['ab'], 'a__')).toEqual([false]);
  });

  it('honours the escape character (backslash by default)', () => {
    const t = ['100%', '100x', 'a_b', 'axb', 'a\\b'];
    expect(matchAll(t, '100\\%')).toEqual([true, false, false, false, false]);
    expect(matchAll(t, 'a#_b', { escape: '#' })).toEqual([false, false, true, false, false]);
    expect(matchAll(t, 'a\\b', { escape: '' })).toEqual([false, false, false, false, true]);
    // A trailing escape character stands for itself; an escaped ordinary character is that character.
    expect(matchAll(['\\', '\\\\', 'a', '\\a'], '\\')).toEqual([true, false, false, false]);
    expect(matchAll(['\\', '\\\\', 'a', '\\a'], '\\a')).toEqual([false, false, true, false]);
    expect(matchAll(['a\\', 'a'], 'a%\\')).toEqual([true, false]);
  });

  it('ILIKE folds case, including non-ASCII', () => {
    expect(matchAll(['ABC', 'aBc', 'ÉCOLE', 'école', 'x'], 'abc', { ci: true })).toEqual([true, true, false, false, false]);
    expect(matchAll(['ÉCOLE', 'école', 'ECOLE'], 'éc_le', { ci: true })).toEqual([true, true, false]);
    expect(matchAll(['PROMO BRUSHED', 'promo'], 'promo%', { ci: true })).toEqual([true, true]);
  });

  it('takes patterns per row and propagates NULL', () => {
    const v = array(utf8, ['abc', 'abc', 'abc', null]);
    const p = array(utf8, ['a%', 'b%', null, '%']);
    expect(values(like(v, p, null, false, false, 4))).toEqual([true, false, null, null]);
    expect(values(like(v, scalar(utf8, null), null, false, false, 4))).toEqual([null, null, null, null]);
  });
});
