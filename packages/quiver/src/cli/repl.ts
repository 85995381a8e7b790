/**
 * The interactive shell: multi-line statements ended by `;`, history kept in ~/.quiver_history,
 * and dot-commands (.tables, .schema, .format, .timing, .help, .quit).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as readline from 'node:readline';
import { typeToString } from '@quiver/common';
import type { SessionContext } from '../session/context.js';
import { runSql, type Printer, type RunOptions } from './run.js';
import { isCompleteStatement } from './statement-buffer.js';

const HISTORY_FILE = join(homedir(), '.quiver_history');
const HELP = `Enter SQL ending with ';'. Commands:
  .tables              list tables and views
  .schema <table>      show a table's columns
  .format table|csv|json
  .timing on|off
  .quit                leave (or Ctrl-D)`;

function loadHistory(): string[] {
  try {
    return readFileSync(HISTORY_FILE, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

export async function startRepl(ctx: SessionContext, initial: RunOptions, print: Printer): Promise<void> {
  let opts: RunOptions = initial;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, history: loadHistory(), historySize: 1000, terminal: process.stdin.isTTY });
  print.out('Quiver SQL shell. Type .help for help.');
  let buffer = '';
  rl.setPrompt('quiver> ');
  rl.prompt();
  for await (const line of rl) {
    if (buffer === '' && line.trim().startsWith('.')) {
      const [cmd, arg] = line.trim().split(/\s+/, 2);
      if (cmd === '.quit' || cmd === '.exit') break;
      else if (cmd === '.help') print.out(HELP);
      else if (cmd === '.tables') print.out(ctx.tableNames().sort().join('\n') || '(no tables)');
      else if (cmd === '.schema') {
        const schema = arg ? ctx.tableSchema(arg) : undefined;
        print.out(schema ? schema.fields.map((f) => `${f.name} ${typeToString(f.type)}${f.nullable ? '' : ' NOT NULL'}`).join('\n') : `no table '${arg ?? ''}'`);
      } else if (cmd === '.format' && (arg === 'table' || arg === 'csv' || arg === 'json')) opts = { ...opts, format: arg };
      else if (cmd === '.timing' && (arg === 'on' || arg === 'off')) opts = { ...opts, timing: arg === 'on' };
      else print.err(`unknown command '${line.trim()}' (try .help)`);
      rl.prompt();
      continue;
    }
    buffer += (buffer ? '\n' : '') + line;
    if (isCompleteStatement(buffer)) {
      const sql = buffer;
      buffer = '';
      try {
        appendFileSync(HISTORY_FILE, `${sql.replace(/\n/g, ' ')}\n`);
      } catch {
        // History is a convenience: an unwritable home directory must not stop the shell.
      }
      await runSql(ctx, sql, opts, print);
      rl.setPrompt('quiver> ');
    } else if (buffer.trim() !== '') {
      rl.setPrompt('     -> ');
    } else {
      buffer = '';
    }
    rl.prompt();
  }
  rl.close();
}
