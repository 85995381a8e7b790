/**
 * Test and benchmark guests (ABI v1, built with the binary encoder): arithmetic, identity for
 * every type, ASCII upper-casing of strings, a called-on-null function, a sum-of-squares
 * aggregate, and functions that fail by status, by the `fail` import and by trapping.
 */
import { descField, forRows, LAST_ERROR_AT, ROW_GLOBAL, type GuestFunction } from './guest-runtime.js';
import { op } from './wasm-builder.js';

// Descriptor field offsets (see docs/udf-abi.md).
export const D = { type: 0, length: 4, nullCount: 8, validity: 12, offsets: 16, data: 20, dataLen: 24 } as const;
// Scalar entry point parameters.
const ARGS = 0;
const NROWS = 2;
const OUT = 3;
const SCALAR = { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] } as const;

/** add_f64(a, b): out[i] = a[i] + b[i]. */
export const addF64: GuestFunction = {
  export: 'add_f64', ...SCALAR, locals: ['i32', 'i32', 'i32', 'i32'],
  body: () => [
    descField(ARGS, 0, D.data), op.localSet(5),
    descField(ARGS, 1, D.data), op.localSet(6),
    descField(OUT, 0, D.data), op.localSet(7),
    forRows(4, NROWS, [
      op.localGet(7), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add,
      op.localGet(5), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(),
      op.localGet(6), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(),
      op.f64Add, op.f64Store(),
    ]),
    op.i32Const(0),
  ],
};

/** echo_fixed(x): copies the argument's data buffer into the output's (every fixed-width type, Boolean included). */
export const echoFixed: GuestFunction = {
  export: 'echo_fixed', ...SCALAR,
  body: () => [descField(OUT, 0, D.data), descField(ARGS, 0, D.data), descField(OUT, 0, D.dataLen), op.memoryCopy, op.i32Const(0)],
};

/**
 * shout(s): ASCII upper case. Copies the offsets, writes into the host's data buffer when it is
 * large enough and into a block from qe_alloc otherwise.
 */
export const shout: GuestFunction = {
  export: 'shout', ...SCALAR, locals: ['i32', 'i32', 'i32', 'i32', 'i32'],
  body: (ctx) => [
    descField(OUT, 0, D.offsets), descField(ARGS, 0, D.offsets),
    op.localGet(NROWS), op.i32Const(1), op.i32Add, op.i32Const(2), op.i32Shl, op.memoryCopy,
    descField(ARGS, 0, D.dataLen), op.localSet(5), // len
    descField(ARGS, 0, D.data), op.localSet(6), // src
    op.localGet(5), descField(OUT, 0, D.dataLen), op.i32GtU,
    op.if,
    op.localGet(OUT), op.localGet(5), op.i32Const(1), op.call(ctx.alloc), op.localTee(7), op.i32Store(D.data),
    op.localGet(7), op.i32Eqz, op.if, op.i32Const(2), op.return, op.end,
    op.end,
    descField(OUT, 0, D.data), op.localSet(7), // dst
    op.localGet(OUT), op.localGet(5), op.i32Store(D.dataLen),
    forRows(4, 5, [
      op.localGet(6), op.localGet(4), op.i32Add, op.i32Load8u(), op.localSet(8),
      op.localGet(7), op.localGet(4), op.i32Add,
      op.localGet(8), op.i32Const(32), op.i32Sub, op.localGet(8),
      op.localGet(8), op.i32Const(97), op.i32Sub, op.i32Const(26), op.i32LtU, op.select,
      op.i32Store8(),
    ]),
    op.i32Const(0),
  ],
};

/** nz(x), called on NULL: 0 for a NULL argument, NULL for a negative one, x otherwise. */
export const nz: GuestFunction = {
  export: 'nz', ...SCALAR, locals: ['i32', 'i32', 'i32', 'i32', 'i32', 'f64'],
  body: () => [
    descField(ARGS, 0, D.data), op.localSet(5),
    descField(ARGS, 0, D.validity), op.localSet(6),
    descField(OUT, 0, D.data), op.localSet(7),
    descField(OUT, 0, D.validity), op.localSet(8),
    forRows(4, NROWS, [
      op.localGet(5), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), op.localSet(9),
      // a NULL argument (validity present and bit clear) reads as 0
      op.localGet(6),
      op.if,
      op.localGet(6), op.localGet(4), op.i32Const(3), op.i32ShrU, op.i32Add, op.i32Load8u(),
      op.localGet(4), op.i32Const(7), op.i32And, op.i32ShrU, op.i32Const(1), op.i32And, op.i32Eqz,
      op.if, op.f64Const(0), op.localSet(9), op.end,
      op.end,
      op.localGet(9), op.f64Const(0), op.f64Lt,
      op.if, // clear the output validity bit
      op.localGet(8), op.localGet(4), op.i32Const(3), op.i32ShrU, op.i32Add,
      op.localGet(8), op.localGet(4), op.i32Const(3), op.i32ShrU, op.i32Add, op.i32Load8u(),
      op.i32Const(1), op.localGet(4), op.i32Const(7), op.i32And, op.i32Shl, op.i32Const(-1), op.i32Xor, op.i32And,
      op.i32Store8(),
      op.end,
      op.localGet(7), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add, op.localGet(9), op.f64Store(),
    ]),
    op.i32Const(0),
  ],
};

/** Writes row `i` (local 4) of an int32 argument to the output, running `check` first with the value in local 5. */
function int32Map(exportName: string, check: (number | number[])[]): GuestFunction {
  return {
    export: exportName, ...SCALAR, locals: ['i32', 'i32'],
    body: () => [
      forRows(4, NROWS, [
        op.localGet(4), op.globalSet(ROW_GLOBAL),
        descField(ARGS, 0, D.data), op.localGet(4), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.localSet(5),
        ...check,
        descField(OUT, 0, D.data), op.localGet(4), op.i32Const(2), op.i32Shl, op.i32Add, op.localGet(5), op.i32Store(),
      ]),
      op.i32Const(0),
    ],
  };
}

/** boom(x): traps (unreachable) on x = 13, after recording the row in qe_row. */
export const boom = int32Map('boom', [op.localGet(5), op.i32Const(13), op.i32Eq, op.if, op.unreachable, op.end]);

export const NEGATIVE_MESSAGE = 'negative input';
const MESSAGE_AT = 600;
/** Data segments the `checked` guest needs: its error message. */
export const checkedData: Array<[number, Uint8Array]> = [[MESSAGE_AT, new TextEncoder().encode(NEGATIVE_MESSAGE)]];

/** checked(x): status 1 with qe_last_error = {"negative input", row} on a negative x. */
export const checked = int32Map('checked', [
  op.localGet(5), op.i32Const(0), op.i32LtS,
  op.if,
  op.i32Const(LAST_ERROR_AT), op.i32Const(MESSAGE_AT), op.i32Store(),
  op.i32Const(LAST_ERROR_AT), op.i32Const(NEGATIVE_MESSAGE.length), op.i32Store(4),
  op.i32Const(LAST_ERROR_AT), op.localGet(4), op.i32Store(8),
  op.i32Const(1), op.return,
  op.end,
]);

/** failing(x): calls the host's `qe_udf.fail` on a negative x (import index 0 must be `fail`). */
export const failing = int32Map('failing', [
  op.localGet(5), op.i32Const(0), op.i32LtS,
  op.if, op.i32Const(MESSAGE_AT), op.i32Const(NEGATIVE_MESSAGE.length), op.localGet(4), op.call(0), op.end,
]);

/** spin(x): never returns. */
export const spin: GuestFunction = { export: 'spin', ...SCALAR, body: () => [op.loop, op.br(0), op.end, op.i32Const(0)] };

/** bomb(x): grows memory until it cannot, then reports status 3. */
export const bomb: GuestFunction = {
  export: 'bomb', ...SCALAR,
  body: () => [op.block, op.loop, op.i32Const(16), op.memoryGrow, op.i32Const(-1), op.i32Eq, op.brIf(1), op.br(0), op.end, op.end, op.i32Const(3)],
};

/** Sets output descriptor field `field` to `value` and returns 0 (for bad-result tests). */
export function lying(exportName: string, field: number, value: number): GuestFunction {
  return { export: exportName, ...SCALAR, body: () => [op.localGet(OUT), op.i32Const(value), op.i32Store(field), op.i32Const(0)] };
}

/**
 * sumsq(x) aggregate over float64 with a 16-byte state {f64 sum, i64 count}: the sum of squares,
 * NULL for a group without values.
 */
export const sumsq: GuestFunction[] = [
  { export: 'sumsq_init', params: ['i32', 'i32'], results: ['i32'], body: () => [op.localGet(0), op.i32Const(0), op.localGet(1), op.i32Const(4), op.i32Shl, op.memoryFill, op.i32Const(0)] },
  {
    // (states, group_ids, args, nargs, nrows)
    export: 'sumsq_update', params: ['i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'], locals: ['i32', 'i32', 'i32', 'f64'],
    body: () => [
      descField(2, 0, D.data), op.localSet(6),
      forRows(5, 4, [
        op.localGet(1), op.localGet(5), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.localTee(7),
        op.i32Const(0), op.i32LtS, op.i32Eqz,
        op.if,
        op.localGet(0), op.localGet(7), op.i32Const(4), op.i32Shl, op.i32Add, op.localSet(7), // state
        op.localGet(6), op.localGet(5), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), op.localTee(8), op.localGet(8), op.f64Mul,
        op.localGet(7), op.f64Load(), op.f64Add, op.localSet(8),
        op.localGet(7), op.localGet(8), op.f64Store(),
        op.localGet(7), op.localGet(7), op.i64Load(8), op.i64Const(1), op.i64Add, op.i64Store(8),
        op.end,
      ]),
      op.i32Const(0),
    ],
  },
  {
    // (states, ngroups, out)
    export: 'sumsq_finalize', params: ['i32', 'i32', 'i32'], results: ['i32'], locals: ['i32', 'i32', 'i32'],
    body: () => [
      descField(2, 0, D.data), op.localSet(4),
      descField(2, 0, D.validity), op.localSet(5),
      forRows(3, 1, [
        op.localGet(4), op.localGet(3), op.i32Const(3), op.i32Shl, op.i32Add,
        op.localGet(0), op.localGet(3), op.i32Const(4), op.i32Shl, op.i32Add, op.f64Load(), op.f64Store(),
        op.localGet(0), op.localGet(3), op.i32Const(4), op.i32Shl, op.i32Add, op.i64Load(8), op.i64Eqz,
        op.if,
        op.localGet(5), op.localGet(3), op.i32Const(3), op.i32ShrU, op.i32Add,
        op.localGet(5), op.localGet(3), op.i32Const(3), op.i32ShrU, op.i32Add, op.i32Load8u(),
        op.i32Const(1), op.localGet(3), op.i32Const(7), op.i32And, op.i32Shl, op.i32Const(-1), op.i32Xor, op.i32And,
        op.i32Store8(),
        op.end,
      ]),
      op.i32Const(0),
    ],
  },
];

/** affine(x) = x * 2 + 1 over float64 (the benchmark's scalar). */
export const affine: GuestFunction = {
  export: 'affine', ...SCALAR, locals: ['i32', 'i32', 'i32'],
  body: () => [
    descField(ARGS, 0, D.data), op.localSet(5),
    descField(OUT, 0, D.data), op.localSet(6),
    forRows(4, NROWS, [
      op.localGet(6), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add,
      op.localGet(5), op.localGet(4), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(),
      op.f64Const(2), op.f64Mul, op.f64Const(1), op.f64Add, op.f64Store(),
    ]),
    op.i32Const(0),
  ],
};

/** wsum(x) aggregate over float64 with an 8-byte state: the sum (0 for a group without values). */
export const wsum: GuestFunction[] = [
  { export: 'wsum_init', params: ['i32', 'i32'], results: ['i32'], body: () => [op.localGet(0), op.i32Const(0), op.localGet(1), op.i32Const(3), op.i32Shl, op.memoryFill, op.i32Const(0)] },
  {
    export: 'wsum_update', params: ['i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'], locals: ['i32', 'i32', 'i32'],
    body: () => [
      descField(2, 0, D.data), op.localSet(6),
      forRows(5, 4, [
        op.localGet(1), op.localGet(5), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.localTee(7),
        op.i32Const(0), op.i32LtS, op.i32Eqz,
        op.if,
        op.localGet(0), op.localGet(7), op.i32Const(3), op.i32Shl, op.i32Add, op.localTee(7),
        op.localGet(7), op.f64Load(),
        op.localGet(6), op.localGet(5), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(),
        op.f64Add, op.f64Store(),
        op.end,
      ]),
      op.i32Const(0),
    ],
  },
  {
    export: 'wsum_finalize', params: ['i32', 'i32', 'i32'], results: ['i32'],
    body: () => [descField(2, 0, D.data), op.localGet(0), op.localGet(1), op.i32Const(3), op.i32Shl, op.memoryCopy, op.i32Const(0)],
  },
];

/**
 * series(n) table function: the int32s 0..n-1 in column `i`, at most `max_rows` per `series_next`.
 * The handle is an 8-byte {next, end} block from qe_alloc.
 */
export const series: GuestFunction[] = [
  {
    export: 'series_open', params: ['i32', 'i32', 'i32'], results: ['i32'], locals: ['i32'],
    body: (ctx) => [
      op.i32Const(8), op.i32Const(8), op.call(ctx.alloc), op.localTee(3),
      op.i32Const(0), op.i32Store(),
      op.localGet(3), descField(0, 0, D.data), op.i32Load(), op.i32Store(4),
      op.localGet(3),
    ],
  },
  {
    // (handle, max_rows, out_cols, row_index) -> rows
    export: 'series_next', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'], locals: ['i32', 'i32', 'i32', 'i32', 'i32'],
    body: () => [
      op.localGet(0), op.i32Load(), op.localSet(6), // next
      op.localGet(0), op.i32Load(4), op.localGet(6), op.i32Sub, op.localSet(4), // count = end - next
      op.localGet(1), op.localGet(4), op.localGet(1), op.localGet(4), op.i32LtS, op.select, op.localSet(4), // count = min(max, count)
      op.localGet(4), op.i32Const(1), op.i32LtS, op.if, op.i32Const(0), op.return, op.end,
      descField(2, 0, D.data), op.localSet(7),
      descField(3, 0, D.data), op.localSet(8),
      forRows(5, 4, [
        op.localGet(7), op.localGet(5), op.i32Const(2), op.i32Shl, op.i32Add, op.localGet(6), op.localGet(5), op.i32Add, op.i32Store(),
        op.localGet(8), op.localGet(5), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Const(0), op.i32Store(),
      ]),
      op.localGet(0), op.localGet(6), op.localGet(4), op.i32Add, op.i32Store(),
      op.localGet(4),
    ],
  },
  { export: 'series_close', params: ['i32'], results: ['i32'], body: () => [op.i32Const(0)] },
];

/**
 * row_series(n) table function over a whole batch of argument rows (LATERAL use): for input row r,
 * the int32s 0..n[r]-1 in column `i`, each with row index r. The handle is a 16-byte block
 * {data, nrows, row, i} from qe_alloc.
 */
export const rowSeries: GuestFunction[] = [
  {
    export: 'row_series_open', params: ['i32', 'i32', 'i32'], results: ['i32'], locals: ['i32'],
    body: (ctx) => [
      op.i32Const(16), op.i32Const(8), op.call(ctx.alloc), op.localTee(3),
      descField(0, 0, D.data), op.i32Store(),
      op.localGet(3), op.localGet(2), op.i32Store(4),
      op.localGet(3), op.i32Const(0), op.i32Store(8),
      op.localGet(3), op.i32Const(0), op.i32Store(12),
      op.localGet(3),
    ],
  },
  {
    // (handle, max_rows, out_cols, row_index) -> rows; locals: 4 rows, 5 row, 6 i, 7 out, 8 index, 9 data, 10 nrows
    export: 'row_series_next', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'], locals: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
    body: () => [
      op.i32Const(0), op.localSet(4),
      op.localGet(0), op.i32Load(8), op.localSet(5),
      op.localGet(0), op.i32Load(12), op.localSet(6),
      op.localGet(0), op.i32Load(), op.localSet(9),
      op.localGet(0), op.i32Load(4), op.localSet(10),
      descField(2, 0, D.data), op.localSet(7),
      descField(3, 0, D.data), op.localSet(8),
      op.block, op.loop,
      op.localGet(4), op.localGet(1), op.i32GeU, op.brIf(1),
      op.localGet(5), op.localGet(10), op.i32GeU, op.brIf(1),
      op.localGet(6), op.localGet(9), op.localGet(5), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.i32LtS,
      op.if,
      op.localGet(7), op.localGet(4), op.i32Const(2), op.i32Shl, op.i32Add, op.localGet(6), op.i32Store(),
      op.localGet(8), op.localGet(4), op.i32Const(2), op.i32Shl, op.i32Add, op.localGet(5), op.i32Store(),
      op.localGet(4), op.i32Const(1), op.i32Add, op.localSet(4),
      op.localGet(6), op.i32Const(1), op.i32Add, op.localSet(6),
      op.else,
      op.localGet(5), op.i32Const(1), op.i32Add, op.localSet(5),
      op.i32Const(0), op.localSet(6),
      op.end,
      op.br(0),
      op.end, op.end,
      op.localGet(0), op.localGet(5), op.i32Store(8),
      op.localGet(0), op.localGet(6), op.i32Store(12),
      op.localGet(4),
    ],
  },
  { export: 'row_series_close', params: ['i32'], results: ['i32'], body: () => [op.i32Const(0)] },
];

/**
 * sumsq_merge(states, others, group_map, n): folds partial sumsq states {f64 sum, i64 count} into
 * their groups (two-phase aggregation). Locals: 4 i, 5 dst, 6 src.
 */
export const sumsqMerge: GuestFunction = {
  export: 'sumsq_merge', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'], locals: ['i32', 'i32', 'i32'],
  body: () => [
    forRows(4, 3, [
      op.localGet(0), op.localGet(2), op.localGet(4), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.i32Const(4), op.i32Shl, op.i32Add, op.localSet(5),
      op.localGet(1), op.localGet(4), op.i32Const(4), op.i32Shl, op.i32Add, op.localSet(6),
      op.localGet(5), op.localGet(5), op.f64Load(), op.localGet(6), op.f64Load(), op.f64Add, op.f64Store(),
      op.localGet(5), op.localGet(5), op.i64Load(8), op.localGet(6), op.i64Load(8), op.i64Add, op.i64Store(8),
    ]),
    op.i32Const(0),
  ],
};

/**
 * taint(s): copies its string argument into the host's output buffers and overwrites byte 2 of
 * the data with 0xFF (never valid in UTF-8), for the host's UTF-8 check.
 */
export const taint: GuestFunction = {
  export: 'taint', ...SCALAR,
  body: () => [
    descField(OUT, 0, D.offsets), descField(ARGS, 0, D.offsets),
    op.localGet(NROWS), op.i32Const(1), op.i32Add, op.i32Const(2), op.i32Shl, op.memoryCopy,
    descField(OUT, 0, D.data), descField(ARGS, 0, D.data), descField(ARGS, 0, D.dataLen), op.memoryCopy,
    op.localGet(OUT), descField(ARGS, 0, D.dataLen), op.i32Store(D.dataLen),
    descField(OUT, 0, D.data), op.i32Const(0xff), op.i32Store8(2),
    op.i32Const(0),
  ],
};

/** spin_table(n) table function whose `_next` never returns (for deadline tests). */
export const spinTable: GuestFunction[] = [
  { export: 'spin_table_open', params: ['i32', 'i32', 'i32'], results: ['i32'], body: () => [op.i32Const(1)] },
  { export: 'spin_table_next', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'], body: () => [op.loop, op.br(0), op.end, op.i32Const(0)] },
  { export: 'spin_table_close', params: ['i32'], results: ['i32'], body: () => [op.i32Const(0)] },
];
