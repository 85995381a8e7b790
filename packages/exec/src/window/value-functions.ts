/**
 * The value window functions: lag/lead (offset and default read per row; offsets of any size) and
 * first_value/last_value/nth_value over the frame. Each finds, per sorted position, the input row
 * whose value it returns, then gathers the values with the take kernel (a default, where used, is
 * gathered from the same column appended after the values).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError } from '@quiver/common';
import type { BuiltinWindowName } from '@quiver/planner';
import { concatData } from '../selection/concat.js';
import { takeData } from '../selection/take.js';
import type { FrameRanges } from './frames.js';
import type { WindowLayout } from './layout.js';
import { int64Numbers, isValidAt } from './columns.js';

export function valueFunction(name: BuiltinWindowName, layout: WindowLayout, frames: FrameRanges | null, args: readonly arrow.Data[]): arrow.Data {
  const value = args[0]!;
  if (name === 'lag' || name === 'lead') return shifted(name === 'lag' ? -1 : 1, layout, value, args[1] ?? null, args[2] ?? null);
  const { length: n, perm } = layout;
  const { start, end } = frames!;
  const rows = new Int32Array(n);
  const nth = name === 'nth_value' ? int64Numbers(args[1]!) : null;
  for (let k = 0; k < n; k++) {
    const s = start[k]!;
    const e = end[k]!;
    let at = -1;
    if (name === 'first_value') at = s < e ? s : -1;
    else if (name === 'last_value') at = s < e ? e - 1 : -1;
    else if (isValidAt(args[1]!, perm[k]!)) {
      const i = nth![perm[k]!]!;
      if (i <= 0) throw new QuiverError('EXECUTION', `argument of nth_value must be greater than zero, got ${i}`);
      at = s + i - 1 < e ? s + i - 1 : -1;
    }
    rows[k] = at < 0 ? -1 : perm[at]!;
  }
  return takeData(value, rows);
}

/** lag (direction -1) / lead (+1): the row `offset` positions away in the partition, else the default (or NULL). */
function shifted(direction: number, layout: WindowLayout, value: arrow.Data, offsetArg: arrow.Data | null, defaultArg: arrow.Data | null): arrow.Data {
  const { length: n, perm, partStart, partEnd } = layout;
  const offsets = offsetArg === null ? null : int64Numbers(offsetArg);
  const rows = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const row = perm[k]!;
    if (offsetArg !== null && !isValidAt(offsetArg, row)) {
      rows[k] = -1;
      continue;
    }
    const target = k + direction * (offsets === null ? 1 : offsets[row]!);
    if (target >= partStart[k]! && target < partEnd[k]!) rows[k] = perm[target]!;
    else rows[k] = defaultArg === null ? -1 : n + row;
  }
  return takeData(defaultArg === null ? value : concatData(value.type, [value, defaultArg]), rows);
}
