/**
 * Runs SQL text for the CLI: every statement in order, each result printed in the chosen format
 * with an optional timing line. Errors are printed with their position; the session stays usable.
 */
import { QuiverError } from '@quiver/common';
import type { SessionContext } from '../session/context.js';
import { render, type OutputFormat } from '../format/render.js';

export interface Printer {
  out(text: string): void;
  err(text: string): void;
}

export interface RunOptions {
  readonly format: OutputFormat;
  readonly timing: boolean;
}

/** Run every statement of `sql`; returns false if one failed (later statements are not run). */
export async function runSql(ctx: SessionContext, sql: string, opts: RunOptions, print: Printer): Promise<boolean> {
  try {
    for await (const { dataframe } of ctx.executeScript(sql)) {
      const start = performance.now();
      const table = await dataframe.collect();
      const elapsed = (performance.now() - start) / 1000;
      if (dataframe.isDdl) {
        if (opts.format === 'table') print.out('OK');
      } else {
        const text = render(table, opts.format);
        if (text.length) print.out(text.replace(/\n$/, ''));
      }
      if (opts.timing) {
        // Machine-readable formats keep stdout clean: the timing goes to stderr.
        const line = `Run Time: ${elapsed.toFixed(3)} s`;
        if (opts.format === 'table') print.out(line);
        else print.err(line);
      }
    }
    return true;
  } catch (e) {
    print.err(formatError(e));
    return false;
  }
}

export function formatError(e: unknown): string {
  if (e instanceof QuiverError) return `Error (${e.code}): ${e.message}`;
  if (e instanceof Error) return `Error: ${e.message}`;
  return `Error: ${String(e)}`;
}
