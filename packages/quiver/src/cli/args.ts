/**
 * Command-line arguments of `quiver`: what to run (commands, files, or a REPL), which files to
 * register as tables, and how to print results.
 */
import { QuiverError } from '@quiver/common';
import type { OutputFormat } from '../format/render.js';

export interface CliOptions {
  /** SQL texts from `-c`, in order. */
  readonly commands: string[];
  /** SQL files from `-f`, in order. */
  readonly files: string[];
  /** `--table name=path` registrations. */
  readonly tables: Array<{ name: string; path: string }>;
  readonly format: OutputFormat;
  readonly timing: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `Usage: quiver [options]
       quiver tpch <generate|run|bench> [options]

Runs SQL over Parquet, CSV and Arrow files. Without -c or -f, starts an interactive shell.

Options:
  -c, --command <sql>      run SQL (every statement in it) and exit; repeatable
  -f, --file <path>        run every statement in a SQL file; repeatable
  -t, --table <name=path>  register a Parquet/CSV/Arrow file as a table; repeatable
      --format <fmt>       table (default), csv or json
      --no-timing          do not print the timing line
  -h, --help               show this help
  -v, --version            show the version

Files can also be queried by path: SELECT * FROM 'data/lineitem.parquet'`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const opts = { commands: [] as string[], files: [] as string[], tables: [] as Array<{ name: string; path: string }>, format: 'table' as OutputFormat, timing: true, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new QuiverError('PLAN', `option ${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '-c':
      case '--command':
        opts.commands.push(value());
        break;
      case '-f':
      case '--file':
        opts.files.push(value());
        break;
      case '-t':
      case '--table': {
        const spec = value();
        const eq = spec.indexOf('=');
        if (eq <= 0 || eq === spec.length - 1) throw new QuiverError('PLAN', `--table expects name=path, got '${spec}'`);
        opts.tables.push({ name: spec.slice(0, eq), path: spec.slice(eq + 1) });
        break;
      }
      case '--format': {
        const f = value();
        if (f !== 'table' && f !== 'csv' && f !== 'json') throw new QuiverError('PLAN', `--format must be table, csv or json, got '${f}'`);
        opts.format = f;
        break;
      }
      case '--no-timing':
        opts.timing = false;
        break;
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '-v':
      case '--version':
        opts.version = true;
        break;
      default:
        throw new QuiverError('PLAN', `unknown option '${arg}'\n\n${USAGE}`);
    }
  }
  return opts;
}
