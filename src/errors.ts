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

/** A one-line message for anything thrown, for stderr. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error).split('\n')[0];
}
