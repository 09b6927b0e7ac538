import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { quickIngestArgs, quickRerun } from '../../../src/cli/quick-rerun.js';
import { LedgerSnapshot } from '../../../src/store/ledger-snapshot.js';
import { runMain, tempDir, type RunResult } from '../../helpers.js';

const BIN = new URL('../../../dist/logcodes.mjs', import.meta.url).pathname;

const line = (i: number): string => `198.51.100.${i % 250} - - [01/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /r/${i} HTTP/1.1" 200 5 "-" "curl/8.5.0"\n`;

/** A folder of `files` small nginx logs, none the beginning of another, and a store beside it. */
function folder(files: number): { dir: string; db: string } {
  const dir = join(tempDir(), 'logs');
  mkdirSync(dir);
  for (let n = 2; n < 2 + files; n++) writeFileSync(join(dir, `access-${n}.log`), Array.from({ length: n }, (_, i) => line(n * 10 + i)).join(''));
  return { dir, db: join(dirname(dir), 'store.duckdb') };
}

/** quickRerun with captured streams, as runMain runs main. */
async function runQuick(argv: string[]): Promise<RunResult | null> {
  let stdout = '';
  let stderr = '';
  const code = await quickRerun(argv, {
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; }, isTTY: false },
    stdin: Readable.from([]), env: {},
  });
  return code === null ? null : { code, stdout, stderr };
}

describe('the command lines the quick re-run takes', () => {
  it('takes a plain ingest with a store, quiet, JSON and retention', () => {
    expect(quickIngestArgs(['ingest', 'logs', '--db', 'store.duckdb'])).toEqual({ inputs: ['logs'], db: 'store.duckdb', quiet: false, json: false });
    expect(quickIngestArgs(['ingest', 'a.log', '--db=s.duckdb', 'b', '-q', '--json', '--retain', '30d'])).toEqual({ inputs: ['a.log', 'b'], db: 's.duckdb', quiet: true, json: true, retain: '30d' });
    expect(quickIngestArgs(['ingest', '--quiet', '--retain=7d', '--db', 's', 'x'])).toEqual({ inputs: ['x'], db: 's', quiet: true, json: false, retain: '7d' });
    // Inputs whose names are those of an object's inherited properties are inputs.
    expect(quickIngestArgs(['ingest', 'constructor', 'toString', '__proto__', '--db', 's'])?.inputs).toEqual(['constructor', 'toString', '__proto__']);
  });

  it('leaves every other command line to yargs', () => {
    for (const argv of [
      ['analyze', 'x', '--db', 's'], ['ingest', 'x'], ['ingest', '--db', 's'], ['ingest', '-', '--db', 's'],
      ['ingest', 'x', '--db', 's', '--format', 'nginx'], ['ingest', 'x', '--db', 's', '--db', 't'], ['ingest', 'x', '--db'],
      ['ingest', 'x', '--db', '-q'], ['ingest', 'x', '--db=', 's'], ['ingest', 'x', '--db', 's', '--quiet', 'true'],
      ['ingest', 'x', '--db', 's', '--json=false'], ['ingest', 'x', '--db', 's', '-q', '--quiet'], ['ingest', 'x', '--db', 's', '--help'],
      ['ingest', 'x', '--db', 's', '--', 'y'], ['ingest', 'x', '--db', 's', '--wait', '5'], ['ingest', 'x', '--db', 's', '-qj'],
    ]) expect(quickIngestArgs(argv), argv.join(' ')).toBeNull();
  });
});

describe('the quick re-run', () => {
  it('prints and ends as the command does through the store, for each way of asking', async () => {
    for (const files of [3, 8]) { // each input listed, and many counted in one line
      const { dir, db } = folder(files);
      expect((await runMain(['ingest', dir, '--db', db])).code).toBe(0);
      for (const argv of [
        ['ingest', dir, '--db', db], ['ingest', dir, `--db=${db}`, '-q'], ['ingest', dir, '--db', db, '--json'],
        ['ingest', '--retain', '3650d', dir, '--db', db], ['ingest', join(dir, 'access-3.log'), join(dir, 'access-2.log'), '--db', db],
      ]) {
        rmSync(LedgerSnapshot.pathOf(db)); // so that the command goes through the store, and leaves a new snapshot
        const through = await runMain(argv);
        const quick = await runQuick(argv);
        expect(quick, argv.join(' ')).toEqual(through);
      }
      expect((await runQuick(['ingest', dir, '--db', db]))?.stdout).toMatch(files === 3 ? /^unchanged .*access-2\.log: 0 new records/ : /^unchanged 8 inputs: nothing new\n/);
    }
  });

  it('leaves the run to the command when anything is new, retention would prune, or an option is bad', async () => {
    const { dir, db } = folder(3);
    await runMain(['ingest', dir, '--db', db]);
    expect(await runQuick(['ingest', dir, '--db', db, '--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runQuick(['ingest', dir, '--db', db, '--retain', '1h'])).toBeNull(); // the requests are of 2026-11-01
    expect(await runQuick(['ingest', dir, '--db', db, '--retain', 'soon'])).toBeNull();
    expect((await runMain(['ingest', dir, '--db', db, '--retain', 'soon'])).stderr).toMatch(/not a duration: "soon"/);
    expect(await runQuick(['ingest', dir, join(dir, 'missing.log'), '--db', db])).toBeNull();
    appendFileSync(join(dir, 'access-3.log'), line(99));
    expect(await runQuick(['ingest', dir, '--db', db])).toBeNull();
    const grown = await runMain(['ingest', dir, '--db', db]);
    expect(grown.stdout).toMatch(/^resumed {3}.*access-3\.log: 1 new records/m);
    expect(await runQuick(['ingest', dir, '--db', db])).not.toBeNull();
    rmSync(LedgerSnapshot.pathOf(db));
    expect(await runQuick(['ingest', dir, '--db', db])).toBeNull();
  });

  it('is what the CLI answers a re-run with, before its command modules load', () => {
    const { dir, db } = folder(3);
    const run = (): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [BIN, 'ingest', dir, '--db', db], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^new {7}.*access-2\.log: 2 new records/);
    const again = run();
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe([2, 3, 4].map((n) => `unchanged ${join(dir, `access-${n}.log`)}: 0 new records, 0 malformed, 0 B read\n`).join('') + `store ${db}: 3 files, 9 requests\n`);
    // The bundle's entry and what it imports up front hold neither the CLI's commands nor yargs nor DuckDB (src/build/bundle.ts).
    const modules = staticModulesOf(BIN);
    expect(modules).toContain('dist/src/cli/quick-rerun.js');
    expect(modules).toContain('dist/src/ingest/unchanged-rerun.js');
    for (const late of ['dist/src/cli/main.js', 'dist/src/analyze.js', 'dist/src/store/duckdb-module.js']) expect(modules).not.toContain(late);
    expect(modules.filter((m) => m.startsWith('node_modules/'))).toEqual([]);
  });
});

/** The source modules in a bundle file and the chunks it imports statically, by esbuild's `// path` comments. */
function staticModulesOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const own = [...text.matchAll(/^\/\/ ((?:dist|node_modules)\/\S+)$/gm)].map((m) => m[1]);
  const imported = [...text.matchAll(/^import\s(?:[^;]*?from\s+)?"(\.\/logcodes-[A-Z0-9]+\.mjs)";/gm)].map((m) => join(dirname(file), m[1]));
  return [...new Set([...own, ...imported.flatMap((chunk) => staticModulesOf(chunk, seen))])];
}
