import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDays, daysFromCivil, daysInMonth, floorDiv } from './calendar.js';

const day = (text: string) => Math.round(Date.parse(`${text}T00:00:00Z`) / 86_400_000);

describe('calendar', () => {
  it('converts between day numbers and civil dates, before and after the epoch', () => {
    const out = new Int32Array(3);
    for (const text of ['1970-01-01', '1969-12-31', '2000-02-29', '1600-03-01', '2400-12-31', '1995-03-15']) {
      const d = day(text);
      expect(daysFromCivil(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8)))).toBe(d);
      civilFromDays(d, out);
      expect([...out]).toEqual([Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8))]);
    }
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths(day('1995-01-31'), 1)).toBe(day('1995-02-28'));
    expect(addMonths(day('1996-01-31'), 1)).toBe(day('1996-02-29'));
    expect(addMonths(day('1995-03-31'), -1)).toBe(day('1995-02-28'));
    expect(addMonths(day('1995-12-15'), 3)).toBe(day('1996-03-15'));
    expect(addMonths(day('1995-01-15'), -13)).toBe(day('1993-12-15'));
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('floor-divides bigints', () => {
    expect([floorDiv(-1n, 10n), floorDiv(10n, 10n), floorDiv(-10n, 10n), floorDiv(9n, 10n)]).toEqual([-1n, 1n, -1n, 0n]);
  });
});
