import { describe, expect, it } from 'vitest';
import { barChartSvg, markdownTable, textTable } from './report.js';

describe('report', () => {
  it('aligns a text table, numbers to the right', () => {
    expect(textTable(['query', 'ms'], [['Q1', '5.0'], ['Q10', '123']])).toBe('query   ms\n-----  ---\nQ1     5.0\nQ10    123');
  });
  it('writes a Markdown table', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
  it('draws one bar per query and series, scaled to the largest value', () => {
    const svg = barChartSvg('t <1>', ['Q1', 'Q2'], [
      { name: 'A', color: 'red', values: [100, 50] },
      { name: 'B', color: 'blue', values: [25, 0] },
    ]);
    expect(svg.match(/<rect x="\d+" y="[\d.]+" width="7"/g)).toHaveLength(4);
    expect(svg).toContain('height="300.0" fill="red"');
    expect(svg).toContain('height="75.0" fill="blue"');
    expect(svg).toContain('t &lt;1&gt;');
  });
});
