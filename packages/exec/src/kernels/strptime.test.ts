import { describe, expect, it } from 'vitest';
import { strptime } from './strptime.js';

const SECOND = 1_000_000_000n;
const nanosOf = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

describe('strptime (chrono-style formats)', () => {
  it('reads fields, applies the zone offset and accepts RFC 3339 through %+', () => {
    expect(strptime('2020-09-08 12/00/00+00:00', '%Y-%m-%d %H/%M/%S%#z')).toEqual({ ok: true, nanos: nanosOf('2020-09-08T12:00:00Z') });
    expect(strptime('2031-01-19T23:33:25+05:00', '%+')).toEqual({ ok: true, nanos: nanosOf('2031-01-19T18:33:25Z') });
    expect(strptime('01-14-2023 01:01:30+05:30', '%m-%d-%Y %H:%M:%S%#z')).toEqual({ ok: true, nanos: nanosOf('2023-01-13T19:31:30Z') });
    expect(strptime('2023-01-10 12:34:56.250', '%Y-%m-%d %H:%M:%S%.f')).toEqual({ ok: true, nanos: nanosOf('2023-01-10T12:34:56.250Z') });
    expect(strptime('Sun Jul  8 00:34:59 2001', '%c')).toEqual({ ok: true, nanos: nanosOf('2001-07-08T00:34:59Z') });
    expect(strptime('1926632005', '%s')).toEqual({ ok: true, nanos: 1926632005n * SECOND });
  });

  it('says why text does not fit: unknown specifier, bad characters, trailing input, impossible dates', () => {
    expect(strptime('2020-09-08', '%q')).toEqual({ ok: false, reason: 'invalid format specifier %q' });
    expect(strptime('1926632005', '%d-%m-%Y')).toEqual({ ok: false, reason: 'input contains invalid characters' });
    expect(strptime('2020-09-08 12/00', '%Y-%m-%d')).toEqual({ ok: false, reason: 'trailing input' });
    expect(strptime('2023-02-30', '%Y-%m-%d')).toEqual({ ok: false, reason: 'input is out of range' });
    expect(strptime('2020/09/08', '%Y-%m-%d')).toEqual({ ok: false, reason: 'input contains invalid characters' });
  });
});
