import { DataTypes } from '@quiver/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSql } from './parser.js';
import { planError, planOne } from './testdata/plan-text.js';

beforeAll(async () => {
  await initSql();
});

describe('function statements', () => {
  it('plans CREATE FUNCTION ... LANGUAGE wasm with a link symbol and volatility', () => {
    expect(planOne("create or replace function Mask(varchar, int) returns varchar language wasm stable as 'pii.wasm', 'mask_v2'")).toMatchObject({
      kind: 'ddl',
      ddl: { op: 'createFunction', name: 'mask', args: [DataTypes.utf8, DataTypes.int32], returns: DataTypes.utf8, source: 'pii.wasm', handler: 'mask_v2', volatility: 'stable', orReplace: true },
    });
    expect(planOne("create function f(x double) returns double language wasm as 'f.wasm'")).toMatchObject({
      ddl: { op: 'createFunction', name: 'f', args: [DataTypes.float64], handler: null, volatility: null, orReplace: false },
    });
  });

  it('rejects other languages and NULL-input clauses', () => {
    expect(planError("create function f(int) returns int language sql as 'select 1'").message).toMatch(/only LANGUAGE wasm is supported, not sql/);
    expect(planError("create function f(int) returns int language wasm called on null input as 'f.wasm'").message).toMatch(/CALLED ON NULL.*manifest declares NULL handling/);
  });

  it('plans DROP FUNCTION of one overload or all', () => {
    expect(planOne('drop function if exists f(int, varchar)')).toMatchObject({ ddl: { op: 'dropFunction', name: 'f', args: [DataTypes.int32, DataTypes.utf8], ifExists: true } });
    expect(planOne('drop function f')).toMatchObject({ ddl: { op: 'dropFunction', name: 'f', args: null, ifExists: false } });
  });

  it('plans SHOW FUNCTIONS as rows, from names and kinds when the provider cannot describe signatures', () => {
    const plan = planOne('show functions');
    expect(plan.schema.fields.map((f) => f.name)).toEqual(['name', 'kind', 'parameters', 'returns', 'volatility']);
    const values = plan.kind === 'projection' && plan.input.kind === 'values' ? plan.input.rows : [];
    const names = values.map((r) => (r[0]!.kind === 'literal' ? r[0]!.value.value : null));
    expect(names).toEqual([...names].sort());
    expect(values.length).toBeGreaterThan(1);
  });
});
