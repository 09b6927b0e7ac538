/**
 * The one record shape every format is normalized into, and the result type every
 * parser returns. Parsers are pure: a line (or a decoded JSON record) goes in, a
 * record or a typed error comes out. Nothing here touches streams, files or DuckDB.
 */
import { ScannedRecord } from './scanned-record.js';

/** One HTTP request as logcodes stores it. Column names match the `requests` table. */
export interface RequestRecord {
  /** Request time, UTC, in microseconds since the Unix epoch. */
  ts: number;
  /** Which parser produced the record (`nginx`, `alb`, `cloudflare`, ...). */
  format: string;
  /** What the client received: nginx `$status`, ALB `elb_status_code`, Cloudflare `EdgeResponseStatus`. */
  status: number;
  /** What the upstream/target/origin answered, or null when it did not answer. */
  upstream_status: number | null;
  method: string | null;
  host: string | null;
  /** URL path without the query string. */
  path: string | null;
  /** Query string without the leading `?`, or null when there is none. */
  query: string | null;
  protocol: string | null;
  client_ip: string | null;
  user_agent: string | null;
  referer: string | null;
  bytes_sent: number | null;
  request_time_s: number | null;
  upstream_time_s: number | null;
  /** ALB trace id, Cloudflare RayID or nginx `$request_id`. */
  request_id: string | null;
  /** ALB `error_reason`; Cloudflare security action when one terminated the request. */
  error_reason: string | null;
  cache_status: string | null;
  /** Which upstream/target answered (nginx `$upstream_addr`, ALB `target:port`, Cloudflare `OriginIP`). */
  upstream_addr: string | null;
  /** ALB `actions_executed`. */
  actions_executed: string | null;
  /** ALB desync-mitigation `classification` (with its reason when present). */
  classification: string | null;
}

/**
 * The closed set of reasons a line can fail to parse. `OTHER_RECORD_TYPE` is not a
 * failure: it marks a well-formed line of a neighbouring log type (ALB connection
 * logs, NLB TLS logs) that is counted as skipped rather than malformed.
 */
export const PARSE_ERROR_CODES = [
  'NOT_THIS_FORMAT',
  'MISSING_FIELD',
  'BAD_TIMESTAMP',
  'BAD_STATUS',
  'BAD_JSON',
  'LINE_TOO_LONG',
  'OTHER_RECORD_TYPE',
] as const;
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

export type ParseResult =
  | { ok: true; record: RequestRecord }
  | { ok: false; code: ParseErrorCode; reason: string };

/** Every format module exports one of these; `registry.ts` lists them all. */
export interface LogParser {
  /** Stable format name, stored in `requests.format` and shown in reports. */
  readonly name: string;
  /** One-line human description for `--help` and reports. */
  readonly description: string;
  /**
   * How well a sample of non-blank lines fits this format, from 0 (not at all) to
   * 1 (every line). Detection picks the best score above a threshold.
   */
  detect(sampleLines: readonly string[]): number;
  parse(line: string): ParseResult;
  /**
   * Byte-level parsers also read a line in place, bytes[start, end), into a reused
   * ScannedRecord, leaving text fields as byte ranges: the ingest fast path copies them
   * to the bulk loader without decoding. Returns why the line is not a record, or null.
   */
  scan?(bytes: Buffer, start: number, end: number, into: ScannedRecord): ScanFailure | null;
  /**
   * JSON formats also take an already-decoded value (an element of a JSON array
   * batch, such as a Logpush batch wrapped in `[...]`).
   */
  parseValue?(value: unknown): ParseResult;
}

export interface ScanFailure { code: ParseErrorCode; reason: string }

/** Why a scanned line is not a record (the byte-level twin of fail). */
export function scanFail(code: ParseErrorCode, reason: string): ScanFailure {
  return { code, reason };
}

/** The string API's result for a scan: the record decoded, or the failure. */
export function scanToResult(failure: ScanFailure | null, scanned: ScannedRecord, format: string): ParseResult {
  return failure === null ? { ok: true, record: scanned.toRecord(format) } : { ok: false, code: failure.code, reason: failure.reason };
}

/** A LogParser from a byte-level scan: `parse(line)` is the same scan over the string's bytes. */
export function scanningParser(name: string, description: string, scan: NonNullable<LogParser['scan']>): LogParser {
  const scratch = new ScannedRecord();
  const parse = (line: string): ParseResult => {
    const bytes = Buffer.from(line, 'utf8');
    return scanToResult(scan(bytes, 0, bytes.length, scratch), scratch, name);
  };
  return { name, description, detect: (sampleLines) => shareParsed(sampleLines, parse), parse, scan };
}

export function fail(code: ParseErrorCode, reason: string): ParseResult {
  return { ok: false, code, reason };
}

/** A record with every optional field null; parsers fill in what their format has. */
export function emptyRecord(format: string, ts: number, status: number): RequestRecord {
  return {
    ts, format, status,
    upstream_status: null, method: null, host: null, path: null, query: null, protocol: null,
    client_ip: null, user_agent: null, referer: null, bytes_sent: null,
    request_time_s: null, upstream_time_s: null, request_id: null, error_reason: null,
    cache_status: null, upstream_addr: null, actions_executed: null, classification: null,
  };
}

/** Share of sample lines a parse function accepts: the common `detect` for line formats. */
export function shareParsed(sampleLines: readonly string[], parse: (line: string) => ParseResult): number {
  if (sampleLines.length === 0) return 0;
  let ok = 0;
  for (const line of sampleLines) {
    const result = parse(line);
    if (result.ok || result.code === 'OTHER_RECORD_TYPE') ok++;
  }
  return ok / sampleLines.length;
}

/** Share of decoded values a parseValue function accepts: `detect` for JSON batches. */
export function shareParsedValues(values: readonly unknown[], parseValue: (value: unknown) => ParseResult): number {
  if (values.length === 0) return 0;
  return values.filter((v) => parseValue(v).ok).length / values.length;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
