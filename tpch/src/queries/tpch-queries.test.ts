import { describe, expect, it } from 'vitest';
import { q11SpecFraction, tpchQueries } from './tpch-queries.js';

describe('tpchQueries', () => {
  it('has 22 scripts in each spelling; Q15 is a view in one and a CTE in the other', () => {
    const interval = tpchQueries('interval');
    const literal = tpchQueries('literal');
    expect(interval).toHaveLength(22);
    expect(literal).toHaveLength(22);
    expect(interval[14]).toMatch(/^create view revenue0/);
    expect(literal[14]).toMatch(/^with revenue0/);
    expect(literal.join('\n')).not.toMatch(/interval/);
  });

  it("uses Q11's fraction 0.0001 unless given another", () => {
    expect(tpchQueries('literal')[10]).toContain('sum(ps_supplycost * ps_availqty) * 0.0001\n');
    expect(tpchQueries('literal', { q11Fraction: '0.01' })[10]).toContain('sum(ps_supplycost * ps_availqty) * 0.01\n');
    expect(() => tpchQueries('literal', { q11Fraction: '1; drop table x' })).toThrow('Q11 fraction must be a decimal number');
  });

  it('computes the specification fraction 0.0001 / SF as decimal text', () => {
    expect(q11SpecFraction(0.01)).toBe('0.01');
    expect(q11SpecFraction(0.1)).toBe('0.001');
    expect(q11SpecFraction(1)).toBe('0.0001');
    expect(q11SpecFraction(1000)).toBe('0.0000001');
    expect(() => q11SpecFraction(0)).toThrow('scale factor must be a positive number');
  });
});
