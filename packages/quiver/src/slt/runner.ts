/**
 * Runs sqllogictest files against a fresh `SessionContext` each: `runSltFile(path)` gives the outcome
 * of every record (passed, failed, skipped by `skipif`/`onlyif`, or not applicable).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type * as arrow from 'apache-arrow';
import { SessionContext } from '../session/context.js';
import { createdName, notApplicableReason } from './not-applicable.js';
import { appliesTo, parseSlt, type SltDialect, type SltRecord } from './records.js';
import { compareResult, renderTable } from './results.js';

/** The engine name `skipif`/`onlyif` lines are matched against. */
export const SLT_ENGINE = 'quiver';

export type RecordStatus = 'passed' | 'failed' | 'skipped' | 'notApplicable';

export interface SltRecordResult {
  readonly file: string;
  readonly line: number;
  readonly status: RecordStatus;
  readonly sql?: string;
  /** For failures: what the file expects and what Quiver gave (result lines or an error). */
  readonly expected?: string;
  readonly actual?: string;
  /** For not-applicable records: which DataFusion-only feature they test. */
  readonly reason?: string;
}

export interface SltFileResult {
  readonly file: string;
  readonly dialect: SltDialect;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly notApplicable: number;
  readonly records: readonly SltRecordResult[];
}

export interface SltOptions {
  /** The result dialect; by default `.test` files are SQLite's and others (`.slt`, `.slt.part`) DataFusion's. */
  readonly dialect?: SltDialect;
}

export function dialectOf(path: string): SltDialect {
  return path.endsWith('.test') ? 'sqlite' : 'datafusion';
}

/** Run every record of one file in a new session. */
export async function runSltFile(path: string, options: SltOptions = {}): Promise<SltFileResult> {
  const dialect = options.dialect ?? dialectOf(path);
  const run = new FileRun(await SessionContext.create(), dialect);
  await run.runFile(path);
  const count = (s: RecordStatus) => run.results.filter((r) => r.status === s).length;
  return { file: path, dialect, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), notApplicable: count('notApplicable'), records: run.results };
}

class FileRun {
  readonly results: SltRecordResult[] = [];
  private hashThreshold: number;
  /** Tables that not-applicable statements failed to create, with the reason they were not applicable. */
  private readonly unavailable = new Map<string, string>();
  private halted = false;

  constructor(
    private readonly ctx: SessionContext,
    private readonly dialect: SltDialect,
  ) {
    this.hashThreshold = dialect === 'sqlite' ? 8 : 0;
  }

  async runFile(path: string): Promise<void> {
    const records = parseSlt(readFileSync(path, 'utf8'), path);
    for (const record of records) {
      if (this.halted) return;
      await this.runRecord(record, path);
    }
  }

  private async runRecord(record: SltRecord, file: string): Promise<void> {
    if (!appliesTo(record.conditions, SLT_ENGINE)) {
      if (record.kind === 'statement' || record.kind === 'query') this.results.push({ file, line: record.line, status: 'skipped', sql: record.sql });
      return;
    }
    switch (record.kind) {
      case 'hashThreshold':
        this.hashThreshold = record.threshold;
        return;
      case 'halt':
        this.halted = true;
        return;
      case 'include':
        return this.runFile(resolve(dirname(file), record.path));
      case 'statement':
      case 'query': {
        const reason = notApplicableReason(record.sql) ?? this.readsUnavailable(record.sql);
        if (reason !== null) {
          // Statements still run: later portable records may need the tables they create. A table
          // they fail to create makes the records reading it not applicable too.
          if (record.kind === 'statement') {
            const created = createdName(record.sql);
            const ok = await this.execute(record.sql).then(() => true, () => false);
            if (!ok && created !== null) this.unavailable.set(created, reason);
          }
          this.results.push({ file, line: record.line, status: 'notApplicable', sql: record.sql, reason });
          return;
        }
        const failure = record.kind === 'statement' ? await this.statement(record) : await this.query(record);
        const created = record.kind === 'statement' ? createdName(record.sql) : null;
        if (created !== null && failure === null) this.unavailable.delete(created);
        this.results.push(failure === null ? { file, line: record.line, status: 'passed' } : { file, line: record.line, status: 'failed', sql: record.sql, ...failure });
        return;
      }
    }
  }

  /** Why `sql` is not applicable when it names a table a not-applicable statement failed to create; else null. */
  private readsUnavailable(sql: string): string | null {
    if (this.unavailable.size === 0) return null;
    for (const word of sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) {
      const reason = this.unavailable.get(word);
      if (reason !== undefined) return `reads '${word}', which a not-applicable record did not create (${reason})`;
    }
    return null;
  }

  /** Run every statement of `sql`; the result of the last one. */
  private async execute(sql: string): Promise<arrow.Table> {
    let last: arrow.Table | undefined;
    for await (const { dataframe } of this.ctx.executeScript(sql)) last = await dataframe.collect();
    if (!last) throw new Error('no statement');
    return last;
  }

  private async statement(record: Extract<SltRecord, { kind: 'statement' }>): Promise<{ expected: string; actual: string } | null> {
    let table: arrow.Table;
    try {
      table = await this.execute(record.sql);
    } catch (e) {
      return record.expect === 'error' ? null : { expected: record.expect === 'count' ? `count ${record.count}` : 'ok', actual: errorText(e) };
    }
    if (record.expect === 'error') return { expected: 'an error', actual: 'ok' };
    if (record.expect === 'count') {
      const count = table.numCols === 1 && table.numRows === 1 ? Number(table.getChildAt(0)!.get(0)) : NaN;
      if (count !== record.count) return { expected: `count ${record.count}`, actual: `count ${Number.isNaN(count) ? '(none)' : count}` };
    }
    return null;
  }

  private async query(record: Extract<SltRecord, { kind: 'query' }>): Promise<{ expected: string; actual: string } | null> {
    let table: arrow.Table;
    try {
      table = await this.execute(record.sql);
    } catch (e) {
      return record.expectError ? null : { expected: record.expected.join('\n'), actual: errorText(e) };
    }
    if (record.expectError) return { expected: 'an error', actual: 'a result' };
    const comparison = compareResult(renderTable(table, this.dialect, record.types), record, this.dialect, this.hashThreshold);
    return comparison.ok ? null : { expected: record.expected.join('\n'), actual: comparison.actual.join('\n') };
  }
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name === 'QuiverError' ? '' : `${e.name}: `}${e.message}` : String(e);
  return `error: ${text.split('\n')[0]}`;
}
