/**
 * `npm run bench:udf`: WebAssembly UDF costs per value at 8,192-row batches (tinybench medians):
 * a float64 scalar (x * 2 + 1) against the same expression as a built-in kernel, a string UDF
 * (ASCII upper case) against the built-in upper(), and a UDF SUM aggregate against the built-in SUM
 * over 64 groups; the same three through the Component Model path (a component of the
 * `quiver:udf/udf-component` world, transpiled by jco); and the arrow-udf adapter's host overhead
 * (an echo guest: IPC file encode, copy, decode) for the same float64 column. Targets (issue 6):
 * f64 ≤ 2 ns/value, strings ≤ 40 ns/row, aggregate ≤ 3× built-in.
 */
import * as arrow from 'apache-arrow';
import { Bench } from 'tinybench';
import { DataTypes, Schema, Field } from '@quiver/common';
import { binary, col, lit, type AggregateFunction, type ScalarFunction } from '@quiver/planner';
import { builtinAggregateFunctions, builtinScalarFunctions, createPhysicalExpr, makeBatch } from '@quiver/exec';
import { FunctionRegistry, registerWasmBytes, registerWasmFunctions, WasmUdfModule } from '@quiver/udf';
import { affine, arrowUdfGuest, buildGuest, componentGuest, shout, wsum } from '@quiver/udf/testing';

const ROWS = 8192;
const GROUPS = 64;

const guest = buildGuest({
  manifest: {
    abi: '1.0',
    functions: [
      { name: 'affine', args: ['float64'], ret: 'float64' },
      { name: 'shout', args: ['utf8'], ret: 'utf8' },
      { name: 'wsum', kind: 'aggregate', args: ['float64'], ret: 'float64', state_size: 8 },
    ],
  },
  functions: [affine, shout, ...wsum],
});
const registry = new FunctionRegistry();
registerWasmFunctions(registry, await WasmUdfModule.load(guest, { name: 'bench.wasm' }));
const components = new FunctionRegistry();
await registerWasmBytes(components, await componentGuest(), { name: 'bench.component.wasm' });
await registerWasmBytes(registry, arrowUdfGuest(new Uint8Array(0), { echo: 'echo(float64)->float64', canned: 'canned(int32)->int32', bad: 'bad(int32)->int32' }));

const x = Float64Array.from({ length: ROWS }, (_, i) => i * 0.5);
const names = Array.from({ length: ROWS }, (_, i) => `user_${i}_name`);
const schema = new Schema([new Field('x', DataTypes.float64, false), new Field('s', DataTypes.utf8, false)]);
const xData = arrow.makeData({ type: new arrow.Float64(), length: ROWS, data: x });
const sData = arrow.vectorFromArray(names, new arrow.Utf8()).data[0]!;
const batch = makeBatch(schema.toArrow(), [xData, sData], ROWS);
const groupIds = Int32Array.from({ length: ROWS }, (_, i) => i % GROUPS);

const builtinAffine = createPhysicalExpr(binary(binary(col('x'), '*', lit(2.0)), '+', lit(1.0)), schema);
const udfAffine = registry.scalarFunction('affine')!;
const builtinUpper = builtinScalarFunctions().find((f) => f.name === 'upper') as ScalarFunction;
const udfShout = registry.scalarFunction('shout')!;
const builtinSum = builtinAggregateFunctions().find((f) => f.name === 'sum') as AggregateFunction;
const udfSum = registry.aggregateFunction('wsum')!;
const arrowUdfEcho = registry.scalarFunction('echo')!;
const componentAffine = components.scalarFunction('affine')!;
const componentShout = components.scalarFunction('shout')!;
const componentSum = components.aggregateFunction('wsum')!;
const xArg = [{ kind: 'array' as const, data: xData }];
const sArg = [{ kind: 'array' as const, data: sData }];

// The answers agree before anything is timed.
const expectAffine = builtinAffine.evaluate(batch).values as Float64Array;
const gotAffine = udfAffine.invoke(xArg, ROWS, DataTypes.float64).values as Float64Array;
if (expectAffine.some((v, i) => v !== gotAffine[i])) throw new Error('affine UDF disagrees with the built-in expression');
const componentGot = componentAffine.invoke(xArg, ROWS, DataTypes.float64).values as Float64Array;
if (expectAffine.some((v, i) => v !== componentGot[i])) throw new Error('component affine disagrees with the built-in expression');

function aggregate(fn: AggregateFunction, batches: number): arrow.Data {
  const acc = fn.createAccumulator([DataTypes.float64], DataTypes.float64, false);
  for (let b = 0; b < batches; b++) acc.update([xData], groupIds, GROUPS);
  return acc.evaluate(GROUPS);
}
const AGG_BATCHES = 16;
const sums = [aggregate(builtinSum, 1), aggregate(udfSum, 1), aggregate(componentSum, 1)].map((d) => Array.from({ length: GROUPS }, (_, g) => Number(new arrow.Vector([d]).get(g))));
if (sums.slice(1).some((s) => sums[0]!.some((v, g) => Math.abs(v - s[g]!) > 1e-9 * Math.abs(v)))) throw new Error('UDF sum disagrees with SUM');

const bench = new Bench({ time: 1000, warmup: true });
bench
  .add('f64 built-in x*2+1', () => builtinAffine.evaluate(batch))
  .add('f64 UDF affine(x)', () => udfAffine.invoke(xArg, ROWS, DataTypes.float64))
  .add('utf8 built-in upper(s)', () => builtinUpper.invoke(sArg, ROWS, DataTypes.utf8))
  .add('utf8 UDF shout(s)', () => udfShout.invoke(sArg, ROWS, DataTypes.utf8))
  .add('agg built-in SUM', () => aggregate(builtinSum, AGG_BATCHES))
  .add('agg UDF wsum', () => aggregate(udfSum, AGG_BATCHES))
  .add('arrow-udf echo(x)', () => arrowUdfEcho.invoke(xArg, ROWS, DataTypes.float64))
  .add('f64 component affine(x)', () => componentAffine.invoke(xArg, ROWS, DataTypes.float64))
  .add('utf8 component shout(s)', () => componentShout.invoke(sArg, ROWS, DataTypes.utf8))
  .add('agg component wsum', () => aggregate(componentSum, AGG_BATCHES));
await bench.run();

function nsPerRow(name: string, rows: number): number {
  const result = bench.getTask(name)?.result;
  if (result === undefined || !('latency' in result)) throw new Error(`${name}: no timing`);
  return (result.latency.p50 * 1e6) / rows;
}

const lines: Array<[string, number, number, string]> = [
  ['float64 scalar, ns/value', nsPerRow('f64 UDF affine(x)', ROWS), nsPerRow('f64 built-in x*2+1', ROWS), '≤ 2 ns/value'],
  ['utf8 scalar, ns/row', nsPerRow('utf8 UDF shout(s)', ROWS), nsPerRow('utf8 built-in upper(s)', ROWS), '≤ 40 ns/row'],
  ['aggregate (64 groups), ns/row', nsPerRow('agg UDF wsum', ROWS * AGG_BATCHES), nsPerRow('agg built-in SUM', ROWS * AGG_BATCHES), '≤ 3× built-in'],
  ['arrow-udf echo vs v1, ns/value', nsPerRow('arrow-udf echo(x)', ROWS), nsPerRow('f64 UDF affine(x)', ROWS), '(adapter overhead)'],
  ['component float64, ns/value', nsPerRow('f64 component affine(x)', ROWS), nsPerRow('f64 built-in x*2+1', ROWS), '(jco path)'],
  ['component utf8, ns/row', nsPerRow('utf8 component shout(s)', ROWS), nsPerRow('utf8 built-in upper(s)', ROWS), '(jco path)'],
  ['component aggregate, ns/row', nsPerRow('agg component wsum', ROWS * AGG_BATCHES), nsPerRow('agg built-in SUM', ROWS * AGG_BATCHES), '(jco path)'],
];
console.log(`WebAssembly UDFs vs built-ins, ${ROWS}-row batches, tinybench medians`);
console.log(['case'.padEnd(32), 'UDF'.padStart(9), 'built-in'.padStart(9), 'ratio'.padStart(7), '  target'].join(''));
for (const [name, udf, builtin, target] of lines) {
  console.log([name.padEnd(32), udf.toFixed(2).padStart(9), builtin.toFixed(2).padStart(9), (udf / builtin).toFixed(2).padStart(7), `  ${target}`].join(''));
}
