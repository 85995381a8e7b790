/**
 * Logical plans as indented text, one node per line, as EXPLAIN prints them.
 */
import { exprToString, type Expr, type SortExpr } from './expr.js';
import { planInputs, type LogicalPlan } from './plan.js';

export function sortExprToString(s: SortExpr): string {
  return `${exprToString(s.expr)} ${s.asc ? 'ASC' : 'DESC'} NULLS ${s.nullsFirst ? 'FIRST' : 'LAST'}`;
}

/** One line describing `plan` without its inputs, e.g. `Filter: l_shipdate <= DATE '1998-09-02'`. */
export function describePlanNode(plan: LogicalPlan): string {
  switch (plan.kind) {
    case 'tableScan': {
      const parts = [`TableScan: ${plan.tableName}`];
      if (plan.projection !== null) parts.push(`projection=[${plan.schema.fields.map((f) => f.name).join(', ')}]`);
      if (plan.filters.length) parts.push(`filters=[${plan.filters.map(exprToString).join(', ')}]`);
      if (plan.fetch !== null) parts.push(`fetch=${plan.fetch}`);
      return parts.join(' ');
    }
    case 'projection':
      return `Projection: ${plan.exprs.map(exprToString).join(', ')}`;
    case 'filter':
      return `Filter: ${exprToString(plan.predicate)}`;
    case 'aggregate':
      return `Aggregate: groupBy=[${groupByToString(plan.groupExprs, plan.groupingSets)}], aggr=[${plan.aggrExprs.map(exprToString).join(', ')}]`;
    case 'window':
      return `WindowAggr: windowExpr=[${plan.windowExprs.map(exprToString).join(', ')}]`;
    case 'sort':
      return `Sort: ${plan.exprs.map(sortExprToString).join(', ')}${plan.fetch !== null ? ` fetch=${plan.fetch}` : ''}`;
    case 'limit':
      return `Limit: skip=${plan.skip}, fetch=${plan.fetch ?? 'None'}`;
    case 'join': {
      const on = plan.on.map(([l, r]) => `${exprToString(l)} = ${exprToString(r)}`).join(', ');
      const filter = plan.filter ? ` filter=${exprToString(plan.filter)}` : '';
      return `Join: type=${plan.joinType} on=[${on}]${filter}${plan.nullEqualsNull ? ' nullEqualsNull' : ''}`;
    }
    case 'crossJoin':
      return 'CrossJoin';
    case 'lateralTableFunction': {
      const qualifier = plan.functionSchema.fields[0]?.qualifier ?? plan.func.name;
      const columns = plan.functionSchema.fields.map((f) => f.name).join(', ');
      return `LateralTableFunction: ${plan.func.name}(${plan.args.map(exprToString).join(', ')}) AS ${qualifier}(${columns})${plan.outer ? ' outer' : ''}`;
    }
    case 'subqueryAlias':
      return `SubqueryAlias: ${plan.alias}`;
    case 'values':
      return `Values: ${plan.rows.length} row${plan.rows.length === 1 ? '' : 's'}`;
    case 'union':
      return 'Union';
    case 'distinct':
      return 'Distinct';
    case 'emptyRelation':
      return `EmptyRelation: rows=${plan.produceOneRow ? 1 : 0}`;
    case 'explain':
      return `Explain${plan.analyze ? ' analyze' : ''}`;
    case 'ddl':
      return `Ddl: ${plan.ddl.op} ${plan.ddl.name}`;
    case 'extension': {
      const params = plan.node.describe();
      return params ? `${plan.node.name}: ${params}` : plan.node.name;
    }
  }
}

/** The whole plan, indented two spaces per level. */
/** The group expressions, or `GROUPING SETS ((a), (a, b), ())` when the aggregate has grouping sets. */
function groupByToString(groupExprs: readonly Expr[], groupingSets: readonly (readonly number[])[] | undefined): string {
  if (!groupingSets) return groupExprs.map(exprToString).join(', ');
  return `GROUPING SETS (${groupingSets.map((set) => `(${set.map((i) => exprToString(groupExprs[i]!)).join(', ')})`).join(', ')})`;
}

export function planToString(plan: LogicalPlan, indent = 0): string {
  const lines = [`${'  '.repeat(indent)}${describePlanNode(plan)}`];
  for (const input of planInputs(plan)) lines.push(planToString(input, indent + 1));
  return lines.join('\n');
}
