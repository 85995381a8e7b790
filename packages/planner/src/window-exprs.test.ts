import { describe, expect, it } from 'vitest';
import { DataTypes, Field, Schema } from '@quiver/common';
import { binary, col, exprToString, lit, type Expr, type SortExpr } from './expr.js';
import { builtinWindowFunction, defaultFrame, type WindowFrame } from './window.js';
import { collectWindows, frameError, rebaseOnWindow } from './window-exprs.js';

const byX: SortExpr[] = [{ expr: col('t.x'), asc: true, nullsFirst: false }];
const rowNumber = (orderBy: SortExpr[]): Expr => ({
  kind: 'window', func: builtinWindowFunction('row_number')!, args: [], partitionBy: [], orderBy, frame: defaultFrame(orderBy.length > 0), distinct: false, filter: null,
});

describe('window calls in expressions', () => {
  it('collects each call once, in order of first appearance, and reads them back as the window columns', () => {
    const a = rowNumber(byX);
    const b = rowNumber([]);
    const exprs = [binary(a, '+', lit(1)), b, binary(rowNumber(byX), '*', b)];
    expect(collectWindows(exprs).map(exprToString)).toEqual([exprToString(a), exprToString(b)]);
    const schema = new Schema([new Field('x', DataTypes.int32, true, 't'), new Field('w0', DataTypes.int64, false), new Field('w1', DataTypes.int64, false)]);
    expect(exprs.map((e) => exprToString(rebaseOnWindow(e, [a, b], schema, 1)))).toEqual(['w0 + 1', 'w1', 'w0 * w1']);
  });

  it('explains frames that cannot be computed', () => {
    const rows = (start: WindowFrame['start'], end: WindowFrame['end'] = { kind: 'currentRow' }): WindowFrame => ({ units: 'rows', start, end });
    const keyType = () => DataTypes.int32;
    expect(frameError(rows({ kind: 'preceding', offset: 2 }, { kind: 'following', offset: 1 }), byX, keyType)).toBeNull();
    expect(frameError(rows({ kind: 'unboundedFollowing' }), [], keyType)).toBe('frame start cannot be UNBOUNDED FOLLOWING');
    expect(frameError(rows({ kind: 'currentRow' }, { kind: 'preceding', offset: 1 }), [], keyType)).toBe('frame starting from current row cannot have preceding rows');
    expect(frameError(rows({ kind: 'following', offset: 1 }), [], keyType)).toBe('frame starting from following row cannot have preceding rows');
    expect(frameError(rows({ kind: 'preceding', offset: -1 }), [], keyType)).toBe('a window frame offset must be a non-negative integer constant');
    const range: WindowFrame = { units: 'range', start: { kind: 'preceding', offset: 0.5 }, end: { kind: 'currentRow' } };
    expect(frameError(range, byX, keyType)).toBeNull();
    expect(frameError(range, [], keyType)).toBe('RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column');
    expect(frameError(range, byX, () => DataTypes.date32)).toBe('RANGE with offset PRECEDING/FOLLOWING is supported only for a numeric ORDER BY column, not DATE');
    expect(frameError({ units: 'groups', start: { kind: 'unboundedPreceding' }, end: { kind: 'currentRow' } }, [], keyType)).toBe('GROUPS mode requires an ORDER BY clause');
  });
});
