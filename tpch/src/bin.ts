#!/usr/bin/env node
/** Command-line entry: `node tpch/dist/bin.js generate ...` (see `cli/generate.ts`). */
import { GENERATE_USAGE, runGenerate } from './cli/generate.js';

const [command, ...rest] = process.argv.slice(2);
if (command === 'generate') {
  runGenerate(rest).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  process.stderr.write(`${GENERATE_USAGE}\n`);
  process.exitCode = command === undefined || command === '--help' ? 0 : 1;
}
