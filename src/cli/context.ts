/**
 * What a command needs from the outside world, injectable so tests can call
 * `main([...])` with captured streams. Only bin.ts touches `process.exit`.
 */
import type { Readable } from 'node:stream';
import { STDIN_PATH } from '../ingest/sources.js';
import { stripControl } from '../report/sanitize.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: Readable;
  env: Record<string, string | undefined>;
}

export interface CliContext {
  io: CliIo;
  /** Raises the exit code (never lowers it). */
  exit(code: number): void;
}

/** Exit codes, documented in the README. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_THRESHOLD = 2;

/** stdin is made on first use: node builds process.stdin when first asked (4 ms here), which a run over files never needs. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout, stderr: process.stderr, env: process.env,
    get stdin(): Readable { return process.stdin; },
  };
}

/** The command's stdin when one of its inputs is `-`; otherwise it is never touched. */
export function stdinFor(io: CliIo, inputs: readonly string[]): Readable | undefined {
  return inputs.includes(STDIN_PATH) ? io.stdin : undefined;
}

/**
 * One `logcodes: ...` line on stderr. Messages name paths and quote log text, so
 * control characters are removed as in every other terminal output.
 */
export function printError(io: CliIo, message: string): void {
  io.stderr.write(`logcodes: ${stripControl(message)}\n`);
}

/** Colour only for a terminal, never under NO_COLOR (https://no-color.org). */
export function useColor(io: CliIo, stream: OutStream = io.stdout): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Stands in for a positional `-` while yargs parses (see joinDashValues). */
export const STDIN_ARG = '\u0000-';

export function restoreStdinArgs(inputs: readonly string[]): string[] {
  return inputs.map((input) => (input === STDIN_ARG ? '-' : input));
}
