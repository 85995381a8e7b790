/** `quiver tpch generate|run|bench …`: the TPC-H command, entered through `runTpchCli` from the `quiver` CLI. */
import { GENERATE_USAGE, runGenerate } from '../cli/generate.js';
import { BENCH_USAGE, runBench } from './bench-command.js';
import { RUN_USAGE, runRun } from './run-command.js';

export const TPCH_USAGE = [GENERATE_USAGE.replace('usage: generate', 'usage: quiver tpch generate'), RUN_USAGE, BENCH_USAGE].join('\n');

const out = (text: string) => process.stdout.write(`${text}\n`);

/** Runs `quiver tpch <argv>`; the process exit code. Errors are printed, not thrown. */
export async function runTpchCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'generate':
        await runGenerate(rest);
        return 0;
      case 'run':
        return await runRun(rest, out);
      case 'bench':
        return await runBench(rest, out);
      default:
        process.stderr.write(`${command === undefined || command === '--help' ? '' : `unknown tpch command '${command}'\n`}${TPCH_USAGE}\n`);
        return command === undefined || command === '--help' ? 0 : 1;
    }
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
