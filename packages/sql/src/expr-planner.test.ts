import { DataTypes, typeToString } from '@quiver/common';
import { planToString } from '@quiver/planner';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planOne, planText } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

/** The output column types of `select <exprs>`. */
function types(exprs: string): string[] {
  return planOne(`select ${exprs}`).schema.fields.map((f) => typeToString(f.type));
}

describe('literals', () => {
  it('types numbers exactly and folds a leading minus', () => {
    expect(types('1, -2147483648, 3000000000, 0.06, 123.450, 1e3')).toEqual(['INTEGER', 'INTEGER', 'BIGINT', 'DECIMAL(3,2)', 'DECIMAL(6,3)', 'DOUBLE']);
    expect(planText('select -5, - 0.5')).toBe('Projection: -5, -0.5\n  EmptyRelation: rows=1');
  });

  it('types strings, booleans, NULL, dates, timestamps and intervals', () => {
    expect(types("'x', true, null, date '1998-12-01', timestamp '2020-01-01 10:00:00', interval '3' month")).toEqual([
      'VARCHAR', 'BOOLEAN', 'NULL', 'DATE', 'TIMESTAMP', 'INTERVAL',
    ]);
    expect(planText("select date '1998-12-01' - interval '90' day (3), interval '1 year 2 months'")).toBe(
      "Projection: DATE '1998-12-01' - INTERVAL '90 days', INTERVAL '1 year 2 mons'\n  EmptyRelation: rows=1",
    );
  });

  it('reports time-zone timestamp literals as not implemented', () => {
    const err = planError("select timestamp with time zone '2020-01-01 00:00:00+00'");
    expect(err.code).toBe('NOT_IMPLEMENTED');
    expect(err.message).toBe('TIMESTAMP WITH TIME ZONE literal is not supported');
  });

  it('places an invalid typed literal at its string', () => {
    const err = planError("select 1,\n  date '1998-02-30'");
    expect(err.code).toBe('TYPE');
    expect(err.message).toBe("invalid DATE literal '1998-02-30': expected YYYY-MM-DD");
    expect(err.location).toEqual({ line: 2, column: 8 });
  });
});

describe('operators and special forms', () => {
  it('maps arithmetic, comparison, boolean and string operators', () => {
    expect(planText("select id % 2 = 0 or not (name || 'x' <> 'y') and salary / 2 >= 1 from emp")).toBe(
      "Projection: ((emp.id % 2) = 0) OR (NOT ((emp.name || 'x') <> 'y') AND ((emp.salary / 2) >= 1))\n  TableScan: emp",
    );
  });

  it('maps the bitwise operators and IS [NOT] UNKNOWN', () => {
    expect(planText('select id & 6, id | 1, id ^ 3, id << 2, id >> 1, (id > 1) is unknown, (id > 1) is not unknown from emp').split('\n')[0]).toBe(
      'Projection: emp.id & 6, emp.id | 1, emp.id ^ 3, emp.id << 2, emp.id >> 1, (emp.id > 1) IS NULL, (emp.id > 1) IS NOT NULL',
    );
    expect(types('1 & 2::bigint, 2::smallint << 1::smallint')).toEqual(['BIGINT', 'SMALLINT']);
  });

  it('maps the PostgreSQL pattern operators, SIMILAR TO and OVERLAY', () => {
    expect(planText("select name ~ 'a.', name !~* 'b', name ~~ 'c%', name !~~* 'd%', overlay(name placing 'x' from 2 for 1) from emp").split('\n')[0]).toBe(
      "Projection: regexp_like(emp.name, 'a.'), NOT regexp_like(emp.name, 'b', 'i'), emp.name LIKE 'c%', emp.name NOT ILIKE 'd%', overlay(emp.name, 'x', 2, 1)",
    );
    expect(planText("select name similar to 'p[12]%' , name not similar to 'a!_b|c_' escape '!' from emp").split('\n')[0]).toBe(
      "Projection: regexp_like(emp.name, '^(?:p[12].*)$'), NOT regexp_like(emp.name, '^(?:a_b|c.)$')",
    );
  });

  it('maps IS tests, CAST forms, CASE, IN, BETWEEN and LIKE', () => {
    const sql = `select name is null, hired is not true is false, id::bigint, try_cast(name as int), cast(salary as decimal(10,1)),
      case when id > 1 then 'a' else 'b' end, case id when 1 then 'one' end,
      id not in (1, 2), id between 1 and 3, name like 'a%', name not ilike 'b!%' escape '!' from emp`;
    expect(planText(sql).split('\n')[0]).toBe(
      "Projection: emp.name IS NULL, emp.hired IS NOT TRUE IS FALSE, CAST(emp.id AS BIGINT), TRY_CAST(emp.name AS INTEGER), CAST(emp.salary AS DECIMAL(10,1)), " +
        "CASE WHEN emp.id > 1 THEN 'a' ELSE 'b' END, CASE emp.id WHEN 1 THEN 'one' END, emp.id NOT IN (1, 2), emp.id BETWEEN 1 AND 3, " +
        "emp.name LIKE 'a%', emp.name NOT ILIKE 'b!%' ESCAPE '!'",
    );
  });

  it('re-associates IS DISTINCT FROM with a following AND', () => {
    expect(planText('select 1 from emp where id is not distinct from dept_id and id is distinct from 2').split('\n')[1]).toBe(
      '  Filter: (emp.id IS NOT DISTINCT FROM emp.dept_id) AND (emp.id IS DISTINCT FROM 2)',
    );
  });

  it('maps EXTRACT and SUBSTRING to date_part and substring', () => {
    expect(planText('select extract(year from hired), substring(name from 2 for 3), substring(name from 2), upper(name) from emp').split('\n')[0]).toBe(
      "Projection: date_part('year', emp.hired), substring(emp.name, 2, 3), substring(emp.name, 2), upper(emp.name)",
    );
  });

  it('maps the TRIM forms to trim, ltrim and rtrim', () => {
    expect(planText("select trim(name), trim(both 'x' from name), trim(leading 'y' from name), trim(trailing 'z' from name), trim(name, 'xy') from emp").split('\n')[0]).toBe(
      "Projection: trim(emp.name), trim(emp.name, 'x'), ltrim(emp.name, 'y'), rtrim(emp.name, 'z'), trim(emp.name, 'xy')",
    );
  });

  it('types SQL type names like DuckDB', () => {
    const casts = 'x::int, x::integer, x::bigint, x::smallint, x::tinyint, x::real, x::float4, x::double, x::float8, x::float, x::decimal, x::numeric(10,2), x::varchar(3), x::text, x::char(2), x::string, x::date, x::timestamp, x::boolean';
    expect(planOne(`select ${casts} from (select null as x) t`).schema.fields.map((f) => f.type)).toEqual([
      DataTypes.int32, DataTypes.int32, DataTypes.int64, DataTypes.int16, DataTypes.int8, DataTypes.float32, DataTypes.float32,
      DataTypes.float64, DataTypes.float64, DataTypes.float64, DataTypes.decimal(18, 3), DataTypes.decimal(10, 2),
      DataTypes.utf8, DataTypes.utf8, DataTypes.utf8, DataTypes.utf8, DataTypes.date32, DataTypes.timestamp('microsecond'), DataTypes.boolean,
    ]);
  });
});

describe('name resolution errors', () => {
  it('suggests the closest column and places the error at the identifier', () => {
    const err = planError('select id,\n       salry from emp');
    expect(err.code).toBe('PLAN');
    expect(err.message).toBe("column 'salry' not found (did you mean 'salary'?)");
    expect(err.location).toEqual({ line: 2, column: 8 });
  });

  it('names an unknown qualifier', () => {
    const err = planError('select emq.id from emp');
    expect(err.message).toBe("table or alias 'emq' not found in FROM (did you mean 'emp'?)");
    expect(err.location).toEqual({ line: 1, column: 8 });
  });

  it('rejects an ambiguous column at its position', () => {
    const err = planError('select name from emp, dept');
    expect(err.message).toBe("column reference 'name' is ambiguous: it could be emp.name or dept.name");
    expect(err.location).toEqual({ line: 1, column: 8 });
  });

  it('suggests the closest function', () => {
    const err = planError('select uper(name) from emp');
    expect(err.message).toBe("function 'uper' not found (did you mean 'upper'?)");
    expect(err.location).toEqual({ line: 1, column: 8 });
  });

  it('keeps quoted identifiers as written and lower-cases unquoted ones', () => {
    expect(planText('select "Col" from "Mixed Case"')).toBe('Projection: "Mixed Case"."Col"\n  TableScan: Mixed Case');
    expect(planError('select Col from "Mixed Case"').message).toBe("column 'col' not found (did you mean 'Col'?)");
  });
});

describe('type errors', () => {
  it('places an operator type error at its expression', () => {
    const err = planError('select id\nfrom emp where id + hired * 2 > 1');
    expect(err.code).toBe('TYPE');
    expect(err.message).toBe("cannot apply operator '*' to DATE and INTEGER");
    expect(err.location).toEqual({ line: 2, column: 21 });
  });

  it('rejects bitwise operators on non-integers, unary plus on booleans and LIKE on non-strings', () => {
    expect(planError('select 1.5 & 1').message).toBe("cannot apply operator '&' to DECIMAL(2,1) and INTEGER");
    expect(planError('select +true').message).toBe("cannot apply unary operator '+' to BOOLEAN");
    expect(planError("select name like 1 from emp").message).toBe('LIKE needs VARCHAR operands, got INTEGER');
  });

  it('places a function argument type error at the call', () => {
    const err = planError('select 1, upper(id) from emp');
    expect(err.message).toBe('upper does not accept INTEGER as argument 1');
    expect(err.location).toEqual({ line: 1, column: 11 });
  });

  it('rejects aggregates in WHERE', () => {
    const err = planError('select 1 from emp where sum(salary) > 1');
    expect(err.message).toBe('aggregate function sum is not allowed in WHERE');
    expect(err.location).toEqual({ line: 1, column: 25 });
  });
});

describe('subqueries', () => {
  it('plans scalar, EXISTS and IN subqueries as expressions with outer references', () => {
    const plan = planOne(`select name from emp e
      where exists (select 1 from dept d where d.id = e.dept_id)
        and dept_id not in (select id from dept where budget > e.salary)
        and salary > (select avg(salary) from emp where dept_id = e.dept_id)`);
    expect(planText(`select name from emp e where exists (select 1 from dept d where d.id = e.dept_id)`)).toBe(
      'Projection: e.name\n  Filter: EXISTS (<subquery>)\n    SubqueryAlias: e\n      TableScan: emp',
    );
    const filter = plan.kind === 'projection' ? plan.input : null;
    if (filter?.kind !== 'filter') throw new Error('expected a filter');
    const pred = filter.predicate;
    expect(pred.kind).toBe('binary');
    if (pred.kind !== 'binary' || pred.left.kind !== 'binary') throw new Error('expected AND');
    const [exists, notIn, scalar] = [pred.left.left, pred.left.right, pred.right];
    if (exists.kind !== 'exists' || notIn.kind !== 'inSubquery' || scalar.kind !== 'binary' || scalar.right.kind !== 'scalarSubquery') {
      throw new Error('unexpected subquery shapes');
    }
    expect(notIn.negated).toBe(true);
    // d.id resolves in the subquery; e.dept_id is an outer column carrying its type
    const existsFilter = exists.plan.kind === 'projection' ? exists.plan.input : null;
    if (existsFilter?.kind !== 'filter' || existsFilter.predicate.kind !== 'binary') throw new Error('expected a filter');
    expect(existsFilter.predicate.left).toEqual({ kind: 'column', qualifier: 'd', name: 'id' });
    expect(existsFilter.predicate.right).toEqual({ kind: 'outerColumn', qualifier: 'e', name: 'dept_id', type: DataTypes.int32 });
    // an unqualified name prefers the subquery's own FROM: dept_id here is the inner emp's
    expect(planText('select (select avg(salary) from emp where dept_id = e.dept_id) from emp e')).toContain('(<subquery>)');
    const inner = scalar.right.plan;
    expect(planToString(inner)).toContain('Filter: emp.dept_id = e.dept_id');
  });

  it('rejects an IN subquery with several columns', () => {
    const err = planError('select 1 from emp where id in (select id, name from dept)');
    expect(err.message).toBe('the subquery of IN must return one column, this one returns 2');
  });
});
