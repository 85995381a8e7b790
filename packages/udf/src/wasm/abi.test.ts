import { DataTypes, QuiverError } from '@quiver/common';
import { describe, expect, it } from 'vitest';
import { TypeId, typeWord } from './abi.js';

describe('typeWord', () => {
  it('packs decimal precision and scale beside the type id', () => {
    expect(typeWord(DataTypes.decimal(15, 2))).toBe(TypeId.decimal128 | (15 << 8) | (2 << 16));
  });

  it('refuses a type the ABI has no descriptor for with a QuiverError naming it', () => {
    let error: unknown;
    try {
      typeWord(DataTypes.time);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuiverError);
    expect((error as QuiverError).code).toBe('NOT_IMPLEMENTED');
    expect((error as QuiverError).message).toMatch(/cannot take or return TIME values/);
  });
});
