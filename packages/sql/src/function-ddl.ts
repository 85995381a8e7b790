/**
 * Function statements: CREATE [OR REPLACE] FUNCTION name(args) RETURNS type LANGUAGE wasm
 * [IMMUTABLE|STABLE|VOLATILE] AS 'module' [, 'export'] and DROP FUNCTION [IF EXISTS] name[(args)]
 * as `ddl` plans, and SHOW FUNCTIONS as a VALUES plan of the provider's functions.
 */
import { QuiverError, Scalars, type DataType } from '@quiver/common';
import { alias, col, LogicalPlanBuilder, lit, type Expr, type FunctionProvider, type LogicalPlan, type Volatility } from '@quiver/planner';
import { array, field, locationOf, objectNameParts, unsupported, variant, withLocation, type Node } from './ast.js';
import { sqlDataType } from './data-type.js';
import { normalizeIdent } from './scope.js';

const VOLATILITY: Record<string, Volatility> = { Immutable: 'immutable', Stable: 'stable', Volatile: 'volatile' };

function functionName(n: Node): string {
  return objectNameParts(n).map(normalizeIdent).join('.');
}

function argTypes(args: Node): DataType[] {
  return array(args).map((a) => {
    if (field(a, 'mode') !== undefined || field(a, 'default_expr') !== undefined) throw unsupported('argument modes and defaults', a);
    return sqlDataType(field(a, 'data_type'));
  });
}

/** The string of an `AS '...'` body part. */
function stringValue(n: Node, what: string, stmt: Node): string {
  const [tag, expr] = variant(n);
  const [kind, text] = tag === 'Value' ? variant(field(expr, 'value')) : ['', undefined];
  if (kind !== 'SingleQuotedString' && kind !== 'DoubleQuotedString') throw unsupported(`${what} other than a string literal`, stmt);
  return text as string;
}

export function planCreateFunction(p: Node, stmt: Node): LogicalPlan {
  const name = functionName(field(p, 'name'));
  const language = (field(field(p, 'language'), 'value') as string | undefined)?.toLowerCase();
  if (language !== 'wasm') {
    const location = locationOf(stmt);
    throw new QuiverError('NOT_IMPLEMENTED', `CREATE FUNCTION ${name}: only LANGUAGE wasm is supported${language ? `, not ${language}` : ' (the LANGUAGE clause is missing)'}`, location ? { location } : undefined);
  }
  for (const clause of ['called_on_null', 'parallel', 'security', 'using', 'determinism_specifier', 'options', 'remote_connection']) {
    if (field(p, clause) !== undefined) throw unsupported(`CREATE FUNCTION ... ${clause.replace(/_/g, ' ').toUpperCase()} (the module's manifest declares NULL handling)`, stmt);
  }
  if (field(p, 'temporary') === true || field(p, 'if_not_exists') === true || field(p, 'or_alter') === true) throw unsupported('CREATE FUNCTION modifiers', stmt);
  const returnNode = field(p, 'return_type');
  if (returnNode === undefined) throw new QuiverError('PLAN', `CREATE FUNCTION ${name} needs a RETURNS type`);
  const [returnTag, returnType] = variant(returnNode);
  if (returnTag !== 'DataType') throw unsupported(`RETURNS ${returnTag}`, stmt);
  const [bodyTag, body] = variant(field(p, 'function_body'));
  if (bodyTag !== 'AsBeforeOptions' && bodyTag !== 'AsAfterOptions') throw unsupported(`CREATE FUNCTION body ${bodyTag}`, stmt);
  const bodyNode = bodyTag === 'AsBeforeOptions' ? field(body, 'body') : body;
  const link = bodyTag === 'AsBeforeOptions' ? field(body, 'link_symbol') : undefined;
  const behavior = field(p, 'behavior') as string | undefined;
  return LogicalPlanBuilder.ddl({
    op: 'createFunction',
    name,
    args: withLocation(locationOf(stmt), () => argTypes(field(p, 'args'))),
    returns: sqlDataType(returnType),
    source: stringValue(bodyNode, 'a module path', stmt),
    handler: link === undefined ? null : stringValue(link, 'an export name', stmt),
    volatility: behavior === undefined ? null : VOLATILITY[behavior]!,
    orReplace: field(p, 'or_replace') === true,
  }).build();
}

export function planDropFunction(p: Node, stmt: Node): LogicalPlan {
  const descs = array(field(p, 'func_desc'));
  if (descs.length !== 1) throw unsupported('DROP FUNCTION of several functions', stmt);
  if (field(p, 'drop_behavior') !== undefined) throw unsupported('DROP FUNCTION ... CASCADE/RESTRICT', stmt);
  const desc = descs[0];
  const args = field(desc, 'args');
  return LogicalPlanBuilder.ddl({
    op: 'dropFunction',
    name: functionName(field(desc, 'name')),
    args: args === undefined ? null : argTypes(args),
    ifExists: field(p, 'if_exists') === true,
  }).build();
}

/** SHOW FUNCTIONS: name, kind, parameters, returns, volatility of every function (overload). */
export function planShowFunctions(p: Node, stmt: Node, functions: FunctionProvider): LogicalPlan {
  if (field(p, 'filter') !== undefined) throw unsupported('SHOW FUNCTIONS with a filter', stmt);
  const text = (v: string | null): Expr => lit(Scalars.utf8(v));
  const described = functions.describeFunctions?.() ?? [...functions.functionNames()].sort().map((name) => ({
    name,
    kind: functions.scalarFunction(name) ? ('scalar' as const) : ('aggregate' as const),
    parameters: null,
    returns: null,
    volatility: functions.scalarFunction(name)?.volatility ?? null,
  }));
  const rows = described.map((f) => [text(f.name), text(f.kind), text(f.parameters), text(f.returns), text(f.volatility)]);
  const values = LogicalPlanBuilder.values(rows).build();
  const columns = ['name', 'kind', 'parameters', 'returns', 'volatility'];
  return LogicalPlanBuilder.from(values)
    .project(values.schema.fields.map((f, i) => alias(col(f.name), columns[i]!)))
    .build();
}
