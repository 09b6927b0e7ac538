/**
 * Operational errors: one class with a closed set of codes (as csv-parse does), each
 * with a one-line message that names the input. Per-line problems are not errors:
 * they are parse results, counted and sampled.
 */
export const ERROR_CODES = [
  'INPUT_NOT_FOUND',
  'INPUT_UNREADABLE',
  'INPUT_READ_FAILED',
  'FORMAT_UNDETECTED',
  'UNKNOWN_FORMAT',
  'INVALID_ARGUMENT',
  'OUTPUT_FAILED',
  'DATABASE_BUSY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class LogcodesError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly input?: string,
  ) {
    super(message);
    this.name = 'LogcodesError';
  }
}

/** DuckDB's message when a query needs more than its memory cap (log-store.ts) and cannot spill. */
const OUT_OF_MEMORY = /^(Error: )?Out of Memory Error/;

/** A one-line message for anything thrown, for stderr; running out of DuckDB's cap says how to raise it. */
export function errorMessage(error: unknown): string {
  const line = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return OUT_OF_MEMORY.test(line) ? `${line} (DuckDB's memory cap: raise it with LOGCODES_MEMORY_LIMIT, e.g. LOGCODES_MEMORY_LIMIT=1GB)` : line;
}
