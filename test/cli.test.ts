/**
 * The `quiver` command end to end: -c, -f, --table, files queried by path, output formats,
 * EXPLAIN, errors with positions and exit codes. Runs the built CLI (`npm test` builds first).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../packages/quiver/dist/cli/main.js', import.meta.url));

async function quiver(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('quiver CLI', () => {
  let dir: string;
  let csv: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quiver-cli-'));
    csv = join(dir, 'people.csv');
    writeFileSync(csv, 'id,name,score\n1,ann,3.5\n2,"bob, jr",\n3,cy,-1\n');
  });

  it('runs -c over a file registered with --table, as CSV', async () => {
    const r = await quiver('--no-timing', '--format', 'csv', '-t', `p=${csv}`, '-c', 'SELECT id, name FROM p WHERE id < 3 ORDER BY id');
    expect(r).toEqual({ code: 0, stdout: 'id,name\r\n1,ann\r\n2,"bob, jr"\r\n', stderr: '' });
  });

  it('queries a file by its path and prints JSON lines', async () => {
    const r = await quiver('--no-timing', '--format', 'json', '-c', `SELECT name, score FROM '${csv}' ORDER BY id`);
    expect(r.stdout).toBe('{"name":"ann","score":3.5}\n{"name":"bob, jr","score":null}\n{"name":"cy","score":-1}\n');
  });

  it('runs every statement of a -f file, views included, and prints a timing line per statement', async () => {
    const script = join(dir, 'script.sql');
    writeFileSync(script, `CREATE VIEW good AS SELECT * FROM '${csv}' WHERE score > 0;\nSELECT count(*) AS n FROM good;\nSELECT max(id) AS m FROM '${csv}';\n`);
    const r = await quiver('-f', script);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK');
    expect(r.stdout).toMatch(/│ n +│\n├─+┤\n│ +1 │/);
    expect(r.stdout).toMatch(/│ +3 │/);
    expect(r.stdout.match(/Run Time: \d+\.\d{3} s/g)).toHaveLength(3);
  });

  it('prints EXPLAIN as indented logical and physical plans', async () => {
    const r = await quiver('--no-timing', '-c', `EXPLAIN SELECT name FROM '${csv}' WHERE id = 2`);
    expect(r.stdout).toMatch(/│ logical_plan +│ Projection: /);
    expect(r.stdout).toMatch(/\n│ +│ +Filter: /);
    expect(r.stdout).toMatch(/│ physical_plan +│ ProjectionExec/);
  });

  it('reports errors with position and suggestion, exit code 1', async () => {
    const r = await quiver('-t', `people=${csv}`, '-c', 'SELECT nam FROM people');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error (PLAN): column 'nam' not found (did you mean 'name'?) at line 1, column 8\n1 | SELECT nam FROM people\n  |        ^\n");
    const parse = await quiver('-c', 'SELEC 1');
    expect(parse.stderr).toContain('Error (SQL_PARSE): syntax error: expected an SQL statement, found SELEC at line 1, column 1');
  });

  it('explains bad options and missing files', async () => {
    expect((await quiver('--format', 'xml')).stderr).toContain("--format must be table, csv or json, got 'xml'");
    expect((await quiver('-t', `x=${join(dir, 'missing.parquet')}`, '-c', 'SELECT 1')).stderr).toContain('missing.parquet: no such file');
    expect((await quiver('--help')).stdout).toContain('Usage: quiver [options]');
  });
});
