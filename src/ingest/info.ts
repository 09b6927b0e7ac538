/**
 * Per-input counters, in the spirit of csv-parse's `info` object. Every line lands
 * in exactly one of: blank, records, malformed, skipped.
 */
import type { ParseErrorCode } from '../../parsers/types.js';

export interface MalformedSample {
  path: string;
  line: number;
  text: string;
  code: ParseErrorCode;
  reason: string;
}

export interface InputInfo {
  path: string;
  /** Detected or forced format, null when none could be found (see `error`). */
  format: string | null;
  detectedBy: 'detection' | 'option' | null;
  gzip: boolean;
  /** Bytes read from the source as stored (compressed bytes for gzip). */
  bytes: number;
  /** The file's size when known (not for stdin), for progress and ETA. */
  size: number | null;
  lines: number;
  blank: number;
  records: number;
  malformed: number;
  /** Well-formed lines of another record type (ALB connection logs, NLB TLS logs). */
  skipped: number;
  /** Decompressed bytes consumed from the start of the input, at a line boundary. */
  offset: number;
  /** Bytes of an unterminated last line left for a later run (ledger mode). */
  heldBack: number;
  /** True when reading stopped early; `error` says where and why. */
  partial: boolean;
  error: string | null;
  malformedByCode: Partial<Record<ParseErrorCode, number>>;
  samples: MalformedSample[];
}

export const SAMPLES_PER_INPUT = 10;
export const SAMPLE_TEXT_MAX = 200;

export function newInputInfo(path: string): InputInfo {
  return {
    path, format: null, detectedBy: null, gzip: false, bytes: 0, size: null, offset: 0, heldBack: 0, lines: 0, blank: 0, records: 0,
    malformed: 0, skipped: 0, partial: false, error: null, malformedByCode: {}, samples: [],
  };
}

/** Counters of malformed lines, kept per input (and per chunk by the parse workers). */
export interface MalformedCounters {
  malformed: number;
  malformedByCode: Partial<Record<ParseErrorCode, number>>;
  samples: Omit<MalformedSample, 'path'>[];
}

/** Counts a malformed line and keeps the first few as samples, their text clipped. */
export function countMalformed(counters: MalformedCounters, line: number, text: string, code: ParseErrorCode, reason: string, path?: string): void {
  counters.malformed++;
  counters.malformedByCode[code] = (counters.malformedByCode[code] ?? 0) + 1;
  if (counters.samples.length < SAMPLES_PER_INPUT) {
    const clipped = text.length > SAMPLE_TEXT_MAX ? text.slice(0, SAMPLE_TEXT_MAX) + '…' : text;
    counters.samples.push(path === undefined ? { line, text: clipped, code, reason } : { path, line, text: clipped, code, reason } as MalformedSample);
  }
}

/** Adds the counters of a part of an input (a worker's chunk) to the input's, under the same sample cap. */
export function addMalformed(info: InputInfo, part: MalformedCounters): void {
  info.malformed += part.malformed;
  for (const [code, n] of Object.entries(part.malformedByCode) as [ParseErrorCode, number][]) info.malformedByCode[code] = (info.malformedByCode[code] ?? 0) + n;
  for (const s of part.samples) if (info.samples.length < SAMPLES_PER_INPUT) info.samples.push({ path: info.path, ...s });
}

export function recordMalformed(info: InputInfo, line: number, text: string, code: ParseErrorCode, reason: string): void {
  countMalformed(info, line, text, code, reason, info.path);
}
