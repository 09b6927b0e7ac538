import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
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

/** The record of a successful parse; a failed parse fails the test with its reason. */
export function ok(result: ParseResult): RequestRecord {
  if (!result.ok) throw new Error(`expected a record, got ${result.code}: ${result.reason}`);
  return result.record;
}
