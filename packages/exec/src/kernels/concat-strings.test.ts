import { describe, expect, it } from 'vitest';
import { DataTypes } from '@quiver/common';
import { concatStrings } from './concat-strings.js';
import { array, scalar, sliced, values } from './test-data.js';

describe('string concatenation', () => {
  it('concatenates with NULL propagation, on sliced data and scalars', () => {
    const t = DataTypes.utf8;
    const a = { kind: 'array', data: sliced(t, ['a', null, '', 'é']) } as const;
    expect(values(concatStrings(a, array(t, ['1', '2', '3', '']), 4))).toEqual(['a1', null, '3', 'é']);
    expect(values(concatStrings(scalar(t, '>'), a, 4))).toEqual(['>a', null, '>', '>é']);
    expect(values(concatStrings(a, scalar(t, null), 4))).toEqual([null, null, null, null]);
  });
});
