/**
 * The `quiver` command: runs SQL given with -c or -f, or starts the interactive shell; `quiver tpch …`
 * is handed to the TPC-H package and `quiver slt …` runs sqllogictest files.
 */
import { readFileSync } from 'node:fs';
import { QuiverError } from '@quiver/common';
import { SessionContext } from '../session/context.js';
import { parseCliArgs, USAGE } from './args.js';
import { startRepl } from './repl.js';
import { runSltCli } from '../slt/cli.js';
import { formatError, runSql, type Printer } from './run.js';

const print: Printer = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'tpch') {
    // Resolved at run time: the TPC-H package builds on this one, so it cannot be a static dependency.
    const tpchCli = '@quiver/tpch/cli';
    const mod = (await import(tpchCli)) as { runTpchCli(argv: string[]): Promise<number> };
    return mod.runTpchCli(argv.slice(1));
  }
  if (argv[0] === 'slt') return runSltCli(argv.slice(1), print.out);
  const opts = parseCliArgs(argv);
  if (opts.help) {
    print.out(USAGE);
    return 0;
  }
  if (opts.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    print.out(`quiver ${pkg.version}`);
    return 0;
  }
  const ctx = await SessionContext.create();
  for (const t of opts.tables) await ctx.registerFile(t.name, t.path);
  const runOpts = { format: opts.format, timing: opts.timing };
  if (opts.commands.length === 0 && opts.files.length === 0) {
    await startRepl(ctx, runOpts, print);
    return 0;
  }
  for (const sql of opts.commands) if (!(await runSql(ctx, sql, runOpts, print))) return 1;
  for (const file of opts.files) {
    let sql: string;
    try {
      sql = readFileSync(file, 'utf8');
    } catch (e) {
      throw new QuiverError('IO', `cannot read SQL file '${file}': ${(e as Error).message}`);
    }
    if (!(await runSql(ctx, sql, runOpts, print))) return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    print.err(formatError(e));
    process.exitCode = 1;
  },
);
