/** Renders suite results: an aligned text table for the terminal, a Markdown table, and an SVG bar chart of per-query times. */

/** An aligned plain-text table; numeric-looking cells are right-aligned. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => /^[-\d.,×x]*$/.test(r[c]!)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  /** One value per category (milliseconds). */
  readonly values: readonly number[];
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A grouped bar chart (one group per category, one bar per series) on a linear millisecond axis. */
export function barChartSvg(title: string, categories: readonly string[], series: readonly ChartSeries[]): string {
  const bar = 8;
  const group = series.length * bar + 10;
  const left = 60;
  const top = 40;
  const plotHeight = 300;
  const width = left + categories.length * group + 20;
  const height = top + plotHeight + 60;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const step = 10 ** Math.floor(Math.log10(max));
  const tickStep = max / step > 5 ? step : max / step > 2 ? step / 2 : step / 5;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14">${escapeXml(title)}</text>`,
  ];
  for (let t = 0; t <= max; t += tickStep) {
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 4}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${Math.round(t)}</text>`);
  }
  parts.push(`<text x="12" y="${top + plotHeight / 2}" transform="rotate(-90 12 ${top + plotHeight / 2})" text-anchor="middle">ms</text>`);
  categories.forEach((category, i) => {
    const x0 = left + i * group + 5;
    series.forEach((s, k) => {
      const v = s.values[i]!;
      parts.push(`<rect x="${x0 + k * bar}" y="${y(v).toFixed(1)}" width="${bar - 1}" height="${(top + plotHeight - y(v)).toFixed(1)}" fill="${s.color}"><title>${escapeXml(`${category} ${s.name}: ${v.toFixed(1)} ms`)}</title></rect>`);
    });
    parts.push(`<text x="${x0 + (series.length * bar) / 2}" y="${top + plotHeight + 15}" text-anchor="middle">${escapeXml(category)}</text>`);
  });
  series.forEach((s, k) => {
    const x = left + k * 150;
    parts.push(`<rect x="${x}" y="${height - 25}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${x + 14}" y="${height - 16}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

/** Bytes as mebibytes. */
export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
