import { describe, expect, it } from 'vitest';
import { DataTypes as T, Field, Schema } from '@quiver/common';
import { ColumnExpr } from '../expressions/column.js';
import { joinInputNeeds, joinOutputSchema } from './join-type.js';

const left = new Schema([new Field('a', T.int32, true), new Field('b', T.utf8, true)]);
const right = new Schema([new Field('x', T.int32, true), new Field('y', T.utf8, true), new Field('z', T.int64, true)]);
const on = [[new ColumnExpr('a', 0, T.int32), new ColumnExpr('x', 0, T.int32)] as const];

describe('mark join types', () => {
  it('output the kept side then a non-null Boolean mark', () => {
    expect(joinOutputSchema(left, right, 'leftMark').fields.map((f) => [f.name, f.type.kind, f.nullable])).toEqual([
      ['a', 'Int32', true], ['b', 'Utf8', true], ['mark', 'Boolean', false],
    ]);
    expect(joinOutputSchema(left, right, 'rightMark').fields.map((f) => f.name)).toEqual(['x', 'y', 'z', 'mark']);
  });

  it('read the keys and the kept columns asked for, and nothing for the mark', () => {
    // leftMark output: a b mark; reading b and the mark needs the left key and b, the right key only.
    expect(joinInputNeeds(new Set([1, 2]), 2, 3, 'leftMark', null, on)).toEqual({ left: new Set([0, 1]), right: new Set([0]) });
    // rightMark output: x y z mark; reading z and the mark.
    expect(joinInputNeeds(new Set([2, 3]), 2, 3, 'rightMark', null, on)).toEqual({ left: new Set([0]), right: new Set([0, 2]) });
  });
});
