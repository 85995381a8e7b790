import { DataTypes, Scalars } from '@quiver/common';
import { describe, expect, it } from 'vitest';
import { castScalar } from './cast-scalar.js';

describe('castScalar', () => {
  it('rounds decimals half away from zero, as PostgreSQL NUMERIC does', () => {
    expect(castScalar(Scalars.decimal(25n, 3, 1), DataTypes.int32)).toEqual(Scalars.int32(3)); // 2.5 → 3
    expect(castScalar(Scalars.decimal(-25n, 3, 1), DataTypes.int32)).toEqual(Scalars.int32(-3));
    expect(castScalar(Scalars.decimal(12345n, 6, 3), DataTypes.decimal(5, 2))).toEqual(Scalars.decimal(1235n, 5, 2));
    expect(castScalar(Scalars.decimal(12344n, 6, 3), DataTypes.decimal(5, 2))).toEqual(Scalars.decimal(1234n, 5, 2));
  });

  it('refuses results that do not fit the target type', () => {
    expect(castScalar(Scalars.decimal(99999n, 5, 0), DataTypes.decimal(6, 2))).toBeUndefined();
    expect(castScalar(Scalars.int64(2n ** 40n), DataTypes.int32)).toBeUndefined();
    expect(castScalar(Scalars.utf8('1e3'), DataTypes.int32)).toBeUndefined();
  });

  it('reads text as booleans, floats and dates, and formats values as text', () => {
    expect(castScalar(Scalars.utf8(' Yes '), DataTypes.boolean)).toEqual(Scalars.boolean(true));
    expect(castScalar(Scalars.utf8('maybe'), DataTypes.boolean)).toBeUndefined();
    expect(castScalar(Scalars.utf8('-1.5e2'), DataTypes.float64)).toEqual(Scalars.float64(-150));
    expect(castScalar(Scalars.utf8('2024-02-29'), DataTypes.date32)).toEqual(Scalars.date32(19782));
    expect(castScalar(Scalars.decimal(-5n, 3, 2), DataTypes.utf8)).toEqual(Scalars.utf8('-0.05'));
    expect(castScalar(Scalars.date32(0), DataTypes.utf8)).toEqual(Scalars.utf8('1970-01-01'));
  });

  it('widens dates to timestamps in the target unit and decimals to doubles', () => {
    expect(castScalar(Scalars.date32(1), DataTypes.timestamp('millisecond'))).toEqual({ type: DataTypes.timestamp('millisecond'), value: 86_400_000n });
    expect(castScalar(Scalars.decimal(1n, 2, 1), DataTypes.float64)).toEqual(Scalars.float64(0.1));
  });

  it('leaves float to integer casts to execution (rounding differs by engine)', () => {
    expect(castScalar(Scalars.float64(2.5), DataTypes.int32)).toBeUndefined();
  });
});
