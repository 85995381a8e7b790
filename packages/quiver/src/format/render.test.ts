import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { renderCsv, renderJson, renderTable } from './render.js';

const utf8 = (v: Array<string | null>) => arrow.vectorFromArray(v, new arrow.Utf8());
const table = new arrow.Table({
  name: utf8(['a,b', 'say "hi"', null]),
  n: arrow.vectorFromArray([1, -20, null], new arrow.Int32()),
  big: arrow.vectorFromArray([9007199254740993n, 1n, null], new arrow.Int64()),
});

describe('renderers', () => {
  it('draws a boxed table with numbers right-aligned and NULL shown', () => {
    expect(renderTable(table)).toBe(
      [
        '┌──────────┬──────┬──────────────────┐',
        '│ name     │ n    │ big              │',
        '├──────────┼──────┼──────────────────┤',
        '│ a,b      │    1 │ 9007199254740993 │',
        '│ say "hi" │  -20 │                1 │',
        '│ NULL     │ NULL │             NULL │',
        '└──────────┴──────┴──────────────────┘',
        '3 rows',
      ].join('\n'),
    );
  });

  it('shows lists as [a, b, NULL] (whole floats with .0) and as JSON arrays', () => {
    const lists = new arrow.Table({
      s: arrow.vectorFromArray([['a', null, ''], null], new arrow.List(new arrow.Field('item', new arrow.Utf8(), true))),
      f: arrow.vectorFromArray([[1, 2.5], []], new arrow.List(new arrow.Field('item', new arrow.Float64(), true))),
    });
    expect(renderCsv(lists).split('\r\n')).toEqual(['s,f', '"[a, NULL, ]","[1.0, 2.5]"', ',[]', '']);
    expect(renderJson(lists).split('\n')[0]).toBe('{"s":["a",null,""],"f":[1,2.5]}');
  });

  it('prints REAL values by their shortest float32 text', () => {
    const reals = new arrow.Table({ r: arrow.vectorFromArray([1.023, 0.1, NaN], new arrow.Float32()) });
    expect(renderCsv(reals).split('\r\n')).toEqual(['r', '1.023', '0.1', 'NaN', '']);
  });

  it('splits multi-line cells over several lines', () => {
    const t = new arrow.Table({ plan: utf8(['A\n  B']) });
    expect(renderTable(t).split('\n').slice(3, 5)).toEqual(['│ A    │', '│   B  │']);
  });

  it('writes RFC 4180 CSV with a header', () => {
    expect(renderCsv(table)).toBe('name,n,big\r\n"a,b",1,9007199254740993\r\n"say ""hi""",-20,1\r\n,,\r\n');
  });

  it('writes one JSON object per row, keeping unsafe integers exact', () => {
    expect(renderJson(table).split('\n')).toEqual([
      '{"name":"a,b","n":1,"big":"9007199254740993"}',
      '{"name":"say \\"hi\\"","n":-20,"big":1}',
      '{"name":null,"n":null,"big":null}',
      '',
    ]);
  });
});
