/**
 * `quiver slt <files|dirs…> [--json] [--by-folder]`: runs sqllogictest files (directories are searched
 * for `.test` and `.slt` files) and reports per file, per folder with `--by-folder`, and in total. The
 * last line of the plain output is `N passed, N failed, N skipped` (not-applicable records count as
 * skipped there). Exit code 1 when any record failed.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { dialectOf, runSltFile, type SltFileResult } from './runner.js';

const EXAMPLE_FAILURES = 3;

export const SLT_USAGE = `Usage: quiver slt <files|dirs…> [--json] [--by-folder]
Runs sqllogictest files (.test: SQLite's dialect; .slt: DataFusion's), each in a fresh session.`;

/** The test files under `path` (itself when it is a file), sorted. */
function sltFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? sltFiles(join(path, e.name)) : /\.(test|slt)$/.test(e.name) ? [join(path, e.name)] : []));
}

/** The folder a file is reported under with --by-folder: its directory, at most three levels deep. */
function folderOf(file: string): string {
  return dirname(file).split(sep).slice(0, 3).join('/') || '.';
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  notApplicable: number;
  ms: number;
}

function add(t: Totals, r: SltFileResult, ms: number): void {
  t.passed += r.passed;
  t.failed += r.failed;
  t.skipped += r.skipped;
  t.notApplicable += r.notApplicable;
  t.ms += ms;
}

function rate(t: Totals): string {
  const applicable = t.passed + t.failed;
  return applicable === 0 ? '-' : `${((100 * t.passed) / applicable).toFixed(2)}%`;
}

function indent(text: string, limit = 12): string {
  const lines = text.split('\n');
  const shown = lines.length > limit ? [...lines.slice(0, limit), `… (${lines.length - limit} more lines)`] : lines;
  return shown.map((l) => `      ${l}`).join('\n');
}

export async function runSltCli(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const json = argv.includes('--json');
  const byFolder = argv.includes('--by-folder');
  const paths = argv.filter((a) => !a.startsWith('--'));
  if (paths.length === 0 || argv.includes('--help')) {
    out(SLT_USAGE);
    return paths.length === 0 && !argv.includes('--help') ? 2 : 0;
  }
  const files = paths.flatMap(sltFiles);
  const total: Totals = { passed: 0, failed: 0, skipped: 0, notApplicable: 0, ms: 0 };
  const folders = new Map<string, Totals>();
  const results: Array<SltFileResult & { ms: number }> = [];
  for (const file of files) {
    const start = performance.now();
    let result: SltFileResult;
    try {
      result = await runSltFile(file);
    } catch (e) {
      // An unreadable or malformed file counts as one failed record, and the run goes on.
      const message = e instanceof Error ? e.message : String(e);
      result = { file, dialect: dialectOf(file), passed: 0, failed: 1, skipped: 0, notApplicable: 0, records: [{ file, line: 0, status: 'failed', expected: 'a readable file', actual: `error: ${message}` }] };
    }
    const ms = performance.now() - start;
    add(total, result, ms);
    const folder = folderOf(relative(paths.length === 1 ? paths[0]! : '.', file));
    if (!folders.has(folder)) folders.set(folder, { passed: 0, failed: 0, skipped: 0, notApplicable: 0, ms: 0 });
    add(folders.get(folder)!, result, ms);
    if (json) {
      results.push({ ...result, ms });
      continue;
    }
    out(`${file}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, ${result.notApplicable} not applicable (${rate({ ...result, ms })}, ${(ms / 1000).toFixed(1)} s)`);
    for (const f of result.records.filter((r) => r.status === 'failed').slice(0, EXAMPLE_FAILURES)) {
      out(`  ${f.file}:${f.line}\n${indent(f.sql ?? '')}\n    expected:\n${indent(f.expected ?? '')}\n    actual:\n${indent(f.actual ?? '')}`);
    }
  }
  if (json) {
    out(JSON.stringify({ files: results, total }, null, 1));
    return total.failed > 0 ? 1 : 0;
  }
  if (byFolder) {
    out('\nfolder | passed | failed | skipped | not applicable | pass rate | seconds');
    out('---|---|---|---|---|---|---');
    for (const [folder, t] of folders) out(`${folder} | ${t.passed} | ${t.failed} | ${t.skipped} | ${t.notApplicable} | ${rate(t)} | ${(t.ms / 1000).toFixed(1)}`);
  }
  out(`\n${files.length} files; pass rate ${rate(total)} of applicable records; ${total.notApplicable} not applicable; ${(total.ms / 1000).toFixed(1)} s`);
  out(`${total.passed} passed, ${total.failed} failed, ${total.skipped + total.notApplicable} skipped`);
  return total.failed > 0 ? 1 : 0;
}
