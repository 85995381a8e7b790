/**
 * Logical plans: a tagged union of immutable relational operators, each carrying its output schema.
 *
 * Build nodes with `LogicalPlanBuilder` (which derives schemas and checks names); the optimizer
 * rewrites them through `./tree.js`.
 */
import type { DataType, Schema } from '@quiver/common';
import type { TableFunction, Volatility } from './function.js';
import type { Expr, SortExpr } from './expr.js';
import type { TableSource } from './table-source.js';
import type { UserDefinedLogicalNode } from './extension.js';

/**
 * `leftMark` keeps every left row once and appends a non-null Boolean "mark" column (its last output
 * column, named by the plan that made it): whether some right row matches (on the keys, with the filter
 * TRUE). It is how a correlated EXISTS that is not a top-level WHERE conjunct becomes a join.
 */
export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'leftMark';

export type LogicalPlan =
  | {
      readonly kind: 'tableScan';
      readonly tableName: string;
      readonly source: TableSource;
      /** Indices into `source.schema` of the columns read; null for all. */
      readonly projection: readonly number[] | null;
      /** Predicates pushed into the scan (over the scan's output columns); the scan may use them to skip data. */
      readonly filters: readonly Expr[];
      /** At most this many rows are needed; null for all. */
      readonly fetch: number | null;
      readonly schema: Schema;
    }
  | { readonly kind: 'projection'; readonly input: LogicalPlan; readonly exprs: readonly Expr[]; readonly schema: Schema }
  | { readonly kind: 'filter'; readonly input: LogicalPlan; readonly predicate: Expr; readonly schema: Schema }
  | {
      readonly kind: 'aggregate';
      readonly input: LogicalPlan;
      readonly groupExprs: readonly Expr[];
      /** `aggregate` expressions, possibly aliased. Output: the group columns, then these. */
      readonly aggrExprs: readonly Expr[];
      /**
       * GROUPING SETS (also ROLLUP, CUBE): the positions in `groupExprs` each set groups by; absent
       * for a plain GROUP BY. A row of one set has NULL in the group columns the set lacks, and the
       * output ends with `GROUPING_ID_COLUMN`, whose bit `groupExprs.length - 1 - i` is 1 when group
       * expression i is not in the row's set (`grouping()`'s numbering).
       */
      readonly groupingSets?: readonly (readonly number[])[];
      readonly schema: Schema;
    }
  | {
      readonly kind: 'sort';
      readonly input: LogicalPlan;
      readonly exprs: readonly SortExpr[];
      /** Only the first `fetch` rows are needed (ORDER BY … LIMIT): a top-k. */
      readonly fetch: number | null;
      readonly schema: Schema;
    }
  | { readonly kind: 'limit'; readonly input: LogicalPlan; readonly skip: number; readonly fetch: number | null; readonly schema: Schema }
  | {
      readonly kind: 'join';
      readonly left: LogicalPlan;
      readonly right: LogicalPlan;
      readonly joinType: JoinType;
      /** Equi-join keys: pairs (expression over left, expression over right). */
      readonly on: readonly (readonly [Expr, Expr])[];
      /** Non-equi residual predicate over the combined left+right columns. */
      readonly filter: Expr | null;
      /** Whether NULL keys match each other (IS NOT DISTINCT FROM), as needed for NOT IN decorrelation. */
      readonly nullEqualsNull: boolean;
      /** Output: left then right columns; semi/anti output only the left columns; leftMark the left columns then the mark. */
      readonly schema: Schema;
    }
  | { readonly kind: 'crossJoin'; readonly left: LogicalPlan; readonly right: LogicalPlan; readonly schema: Schema }
  | {
      /**
       * A table function applied to every row of `input` (`FROM t, LATERAL f(t.x)`): each input row
       * joined with the rows the function returns for it. Output: the input's columns, then the function's.
       */
      readonly kind: 'lateralTableFunction';
      readonly input: LogicalPlan;
      readonly func: TableFunction;
      /** The arguments, over `input`'s columns, already cast to the types the function takes. */
      readonly args: readonly Expr[];
      /** LEFT JOIN LATERAL … ON true: an input row the function returns nothing for is kept once, with NULLs. */
      readonly outer: boolean;
      /** The function's output columns, qualified by the FROM item's name. */
      readonly functionSchema: Schema;
      readonly schema: Schema;
    }
  /** Window functions over `input`: output is the input's columns, then one column per expression. */
  | { readonly kind: 'window'; readonly input: LogicalPlan; readonly windowExprs: readonly Expr[]; readonly schema: Schema }
  | { readonly kind: 'subqueryAlias'; readonly input: LogicalPlan; readonly alias: string; readonly schema: Schema }
  | { readonly kind: 'values'; readonly rows: readonly (readonly Expr[])[]; readonly schema: Schema }
  /** UNION ALL of inputs with the same column types; UNION (distinct) is a Distinct over it. */
  | { readonly kind: 'union'; readonly inputs: readonly LogicalPlan[]; readonly schema: Schema }
  | { readonly kind: 'distinct'; readonly input: LogicalPlan; readonly schema: Schema }
  | { readonly kind: 'emptyRelation'; readonly produceOneRow: boolean; readonly schema: Schema }
  | {
      readonly kind: 'explain';
      readonly plan: LogicalPlan;
      readonly analyze: boolean;
      readonly verbose: boolean;
      readonly schema: Schema;
    }
  /** A user-defined operator; its schema is `node.schema`. */
  | { readonly kind: 'extension'; readonly node: UserDefinedLogicalNode; readonly schema: Schema }
  | {
      /** A statement with an effect on the session (views, tables); executed by the session, not by operators. */
      readonly kind: 'ddl';
      readonly ddl: DdlStatement;
      readonly schema: Schema;
    };

export type DdlStatement =
  | { readonly op: 'createView'; readonly name: string; readonly plan: LogicalPlan; readonly orReplace: boolean }
  | { readonly op: 'dropView'; readonly name: string; readonly ifExists: boolean }
  | { readonly op: 'createTableAs'; readonly name: string; readonly plan: LogicalPlan; readonly orReplace: boolean; readonly ifNotExists: boolean }
  | { readonly op: 'createTable'; readonly name: string; readonly schema: Schema; readonly ifNotExists: boolean; readonly orReplace: boolean }
  | { readonly op: 'dropTable'; readonly name: string; readonly ifExists: boolean }
  /** Append the rows of `plan` (in the table's column order and types) to in-memory table `name`. */
  | { readonly op: 'insert'; readonly name: string; readonly plan: LogicalPlan }
  /** Keep only the rows of `plan` (the rows not deleted). */
  | { readonly op: 'delete'; readonly name: string; readonly plan: LogicalPlan }
  /** Replace the rows by `plan`'s: the table's columns, then a Boolean saying whether the row was updated. */
  | { readonly op: 'update'; readonly name: string; readonly plan: LogicalPlan }
  /** Indexes are accepted and ignored (Quiver scans in memory). */
  | { readonly op: 'createIndex'; readonly name: string; readonly table: string }
  | { readonly op: 'dropIndex'; readonly name: string }
  /** CREATE FUNCTION name(args) RETURNS type LANGUAGE wasm AS 'module' [, 'export'] (PostgreSQL's link symbol). */
  | {
      readonly op: 'createFunction';
      readonly name: string;
      readonly args: readonly DataType[];
      readonly returns: DataType;
      /** The module's path or URL. */
      readonly source: string;
      /** The export to bind, or null for the manifest entry named `name`. */
      readonly handler: string | null;
      /** Overrides the manifest's volatility when given. */
      readonly volatility: Volatility | null;
      readonly orReplace: boolean;
    }
  /** DROP FUNCTION name [(args)]: every overload, or the one with these argument types. */
  | { readonly op: 'dropFunction'; readonly name: string; readonly args: readonly DataType[] | null; readonly ifExists: boolean };

/** The last output column of an aggregate with grouping sets: which set the row belongs to. */
export const GROUPING_ID_COLUMN = '__grouping_id';

export type PlanKind = LogicalPlan['kind'];
export type PlanOf<K extends PlanKind> = Extract<LogicalPlan, { kind: K }>;

/** The direct inputs of a plan node, in order. */
export function planInputs(plan: LogicalPlan): LogicalPlan[] {
  switch (plan.kind) {
    case 'projection':
    case 'filter':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'subqueryAlias':
    case 'distinct':
    case 'window':
    case 'lateralTableFunction':
      return [plan.input];
    case 'join':
    case 'crossJoin':
      return [plan.left, plan.right];
    case 'union':
      return [...plan.inputs];
    case 'explain':
      return [plan.plan];
    case 'extension':
      return [...plan.node.inputs];
    case 'tableScan':
    case 'values':
    case 'emptyRelation':
    case 'ddl':
      return [];
  }
}
