/**
 * A call of a `ScalarFunction` with its arguments evaluated as columnar values (literals as scalars).
 */
import type * as arrow from 'apache-arrow';
import { QuiverError, typeToString, type DataType } from '@quiver/common';
import type { ScalarFunction } from '@quiver/planner';
import type { PhysicalExpr } from '../physical-expr.js';
import { evaluateColumnar } from './columnar.js';

export class ScalarFunctionExpr implements PhysicalExpr {
  readonly type: DataType;

  constructor(
    readonly func: ScalarFunction,
    readonly args: readonly PhysicalExpr[],
  ) {
    this.type = func.returnType(args.map((a) => a.type));
  }

  evaluate(batch: arrow.RecordBatch): arrow.Data {
    const args = this.args.map((a) => evaluateColumnar(a, batch));
    const out = this.func.invoke(args, batch.numRows, this.type);
    if (out.length !== batch.numRows) {
      throw new QuiverError(
        'INTERNAL',
        `function ${this.func.name} returned ${out.length} values of ${typeToString(this.type)} for ${batch.numRows} rows`,
      );
    }
    return out;
  }

  toString(): string {
    return `${this.func.name}(${this.args.join(', ')})`;
  }
}
