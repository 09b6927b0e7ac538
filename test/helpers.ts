import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../src/cli/main.js';
import { Random } from '../src/demo/random.js';
import { queryRows } from '../src/store/query.js';
import type { ParseResult, RequestRecord } from '../parsers/types.js';

export const SAMPLES = new URL('../samples/', import.meta.url).pathname;
export const sample = (name: string): string => join(SAMPLES, name);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process through main(argv) with captured streams. */
export async function runMain(args: string[], options: { stdin?: string | Buffer; env?: Record<string, string> } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; }, isTTY: false },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A fresh folder inside the run's temporary folder (global-setup.ts), removed with it. */
export function tempDir(prefix = 'logcodes-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Rows of a query over one Parquet file, run by DuckDB's own reader ($FILE names the file). */
export async function queryParquetFile(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await queryRows(connection, sql.replaceAll('$FILE', `'${file}'`));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A JSON report without what differs between equal runs (its time, its store) and with
 * fractions rounded to ten digits (sums of doubles depend on row order).
 */
export function comparable(json: string): unknown {
  const { generatedAt, store, ...rest } = JSON.parse(json);
  return JSON.parse(JSON.stringify(rest, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v)));
}

/** The record of a successful parse; a failed parse fails the test with its reason. */
export function ok(result: ParseResult): RequestRecord {
  if (!result.ok) throw new Error(`expected a record, got ${result.code}: ${result.reason}`);
  return result.record;
}

/**
 * A seeded generator of whole numbers below n: the same sequence on every run, so
 * property tests are repeatable. It is the demo generator's PRNG (mulberry32).
 */
export function seededRandom(seed: number): (n: number) => number {
  const random = new Random(seed);
  return (n) => Math.floor(random.next() * n);
}

/** A line with up to `maxEdits` random edits: a piece inserted, or a character deleted. */
export function mutate(line: string, pieces: readonly string[], random: (n: number) => number, maxEdits = 2): string {
  let out = line;
  for (let edits = random(maxEdits + 1); edits > 0; edits--) {
    const at = random(out.length + 1);
    out = random(2) === 0 ? out.slice(0, at) + pieces[random(pieces.length)] + out.slice(at) : out.slice(0, at) + out.slice(at + 1);
  }
  return out;
}

const WORKER_POOL = new URL('../dist/src/ingest/parallel/worker-pool.js', import.meta.url).href;

/**
 * Parses chunks in a worker under V8's optimization and protector traces, handing
 * each chunk over as the parallel reader does (a buffer from the pool's recycler), and
 * returns what V8 printed. chunks: the text of each.
 */
export function traceWorkerParse(format: string, chunks: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'logcodes-trace-'));
  const script = `
    import { readFileSync } from 'node:fs';
    const { WorkerPool } = await import(${JSON.stringify(WORKER_POOL)});
    const pool = new WorkerPool({ formatOptions: {} }, 1);
    for (let i = 0; i < ${chunks.length}; i++) {
      const text = readFileSync(${JSON.stringify(dir)} + '/chunk' + i);
      const bytes = pool.inputs.take(text.length);
      text.copy(bytes);
      const chunk = await pool.run({ format: ${JSON.stringify(format)}, bytes, maxLineBytes: 65536 }, true);
      pool.recycle(chunk);
      if (chunk.records === 0) throw new Error('nothing parsed');
    }
    await pool.close();`;
  // A file rather than -e: workers inherit the process's flags, and --input-type would stop them.
  try {
    chunks.forEach((text, i) => writeFileSync(join(dir, `chunk${i}`), text));
    writeFileSync(join(dir, 'trace.mjs'), script);
    return execFileSync(process.execPath, ['--trace-opt', '--trace-deopt', '--trace-protector-invalidation', join(dir, 'trace.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
