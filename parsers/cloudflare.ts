/**
 * Cloudflare Logpush `http_requests` records (formats.md section 3). Only the fields
 * a job configured are present, in any order; numbers may arrive as strings; missing
 * values are '', 0, false or [] rather than `-`.
 *
 * - status = EdgeResponseStatus (what the client got);
 * - upstream_status = OriginResponseStatus, 0 meaning "no origin response" → null;
 * - ts from EdgeStartTimestamp, else EdgeEndTimestamp, else Datetime, in any of
 *   unixnano / unix / rfc3339 / digit strings;
 * - request_time_s = EdgeTimeToFirstByteMs / 1000 (Logpush has no total time);
 * - upstream_time_s = OriginResponseDurationMs / 1000, else the deprecated
 *   OriginResponseTime (nanoseconds).
 *
 * The rules read the fields through JsonMembers (json-members.ts): from the line's
 * bytes in place on the ingest path, or from a decoded object for JSON array batches
 * and for lines only JSON.parse can settle.
 */
import { parseRejectedJsonObject, type JsonObject } from './json-line.js';
import { JsonKind, ObjectMembers, type JsonMembers } from './json-members.js';
import { ByteMembers } from './json-scan.js';
import { KeyTable } from './key-table.js';
import { NONE } from './request-bounds.js';
import { fillUrlFields } from './request-fields.js';
import { NO_BYTES, ScannedRecord, TextField } from './scanned-record.js';
import { parseAnyTime, timeAt } from './time.js';
import { fail, isJsonObject, scanFail, scanningParser, scanToResult, type LogParser, type ParseResult, type ScanFailure } from './types.js';
import { parseStatus } from './values.js';

/** The fields read, by index (K). */
const KEYS = [
  'EdgeResponseStatus', 'EdgeStartTimestamp', 'EdgeEndTimestamp', 'Datetime', 'OriginResponseStatus',
  'ClientRequestMethod', 'ClientRequestHost', 'ClientRequestURI', 'ClientRequestPath', 'ClientRequestProtocol',
  'ClientIP', 'ClientRequestUserAgent', 'ClientRequestReferer', 'EdgeResponseBytes', 'EdgeTimeToFirstByteMs',
  'OriginResponseDurationMs', 'OriginResponseTime', 'RayID', 'CacheCacheStatus', 'OriginIP', 'SecurityAction',
] as const;
const enum K {
  status, start, end, datetime, originStatus, method, host, uri, path, protocol, clientIp, userAgent, referer,
  bytes, ttfb, originMs, originNs, rayId, cache, originIp, action,
}
const TIME_KEYS = [K.start, K.end, K.datetime] as const;

/** Security actions that end a request at the edge (SecurityAction field). */
const TERMINATING_ACTIONS = new Set(['block', 'challenge', 'jschallenge', 'managedChallenge', 'challengeFailed', 'jschallengeFailed', 'managedChallengeFailed', 'rateLimit', 'connectionClose']);

function status(m: JsonMembers): number {
  if (m.kind(K.status) === JsonKind.Number) {
    const n = m.numberValue(K.status);
    return Number.isInteger(n) && n >= 0 && n <= 9999 ? n : NaN;
  }
  return parseStatus(m.text(K.status) ?? '');
}

/**
 * The first time field that is set; 0 and '' are unset. Whole digits (a unixnano
 * beyond 2^53 too) and ISO times are read where they stand (timeAt); other forms
 * through parseAnyTime, with the digits of a number JSON.parse rounded.
 */
function timestamp(m: JsonMembers, bytes: Buffer): number {
  for (const k of TIME_KEYS) {
    const kind = m.kind(k);
    if (kind === JsonKind.String && m.hasText(k)) {
      const inPlace = m.isPlainString(k) ? timeAt(bytes, m.stringFrom(k), m.stringTo(k)) : NaN;
      return Number.isNaN(inPlace) ? parseAnyTime(m.text(k)!) : inPlace;
    }
    if (kind !== JsonKind.Number) continue;
    // Whole digits (a unixnano) are read where they stand; 0 is unset.
    const micros = m.epochMicros(k);
    if (!Number.isNaN(micros)) {
      if (micros === 0) continue;
      return micros;
    }
    const value = m.numberValue(k);
    if (value === 0) continue;
    const digits = Number.isInteger(value) && !Number.isSafeInteger(value) ? m.integerDigits(k) : undefined;
    return parseAnyTime(digits ?? value);
  }
  return NaN;
}

/**
 * The record of one Logpush object, whichever source reads it; bytes: the line that
 * out's ranges point into, memoryDelta where it is in the WebAssembly memory (NaN: not there).
 */
function cloudflareRecord(m: JsonMembers, bytes: Buffer, out: ScannedRecord, memoryDelta: number): ScanFailure | null {
  if (m.kind(K.status) === JsonKind.Absent) return scanFail('MISSING_FIELD', 'no EdgeResponseStatus');
  const code = status(m);
  if (Number.isNaN(code)) return scanFail('BAD_STATUS', `EdgeResponseStatus is not a number: ${m.json(K.status)}`);
  const ts = timestamp(m, bytes);
  if (Number.isNaN(ts)) return scanFail('BAD_TIMESTAMP', 'no parsable EdgeStartTimestamp, EdgeEndTimestamp or Datetime');

  out.reset(bytes, ts, code, memoryDelta);
  const origin = m.number(K.originStatus);
  out.upstream_status = origin === null || origin <= 0 || origin > 9999 || !Number.isInteger(origin) ? null : origin;
  m.toField(out, TextField.method, K.method);
  m.toField(out, TextField.host, K.host);
  if (m.isPlainString(K.uri)) fillUrlFields(out, m.stringFrom(K.uri), m.stringTo(K.uri));
  else fillUrlFields(out, NONE, NONE, m.hasText(K.uri) ? m.text(K.uri) : null);
  if (m.hasText(K.path)) m.toField(out, TextField.path, K.path);
  m.toField(out, TextField.protocol, K.protocol);
  m.toField(out, TextField.client_ip, K.clientIp);
  m.toField(out, TextField.user_agent, K.userAgent);
  m.toField(out, TextField.referer, K.referer);
  out.bytes_sent = m.number(K.bytes);
  const ttfb = m.number(K.ttfb);
  out.request_time_s = ttfb === null ? null : ttfb / 1000;
  const originMs = m.number(K.originMs);
  const originNs = m.number(K.originNs);
  out.upstream_time_s = originMs !== null && originMs > 0 ? originMs / 1000 : originNs !== null && originNs > 0 ? originNs / 1e9 : null;
  m.toField(out, TextField.request_id, K.rayId);
  m.toField(out, TextField.cache_status, K.cache);
  m.toField(out, TextField.upstream_addr, K.originIp);
  if (m.hasText(K.action)) {
    const action = m.text(K.action)!;
    if (TERMINATING_ACTIONS.has(action)) out.set(TextField.error_reason, `security:${action}`);
  }
  return null;
}

const byteMembers = new ByteMembers(new KeyTable(KEYS));
const objectMembers = new ObjectMembers(KEYS);

/** A line's object: plain JSON.parse first, the forgiving parse (json-line.ts) only when that fails. */
function parseLineObject(line: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(line);
    return isJsonObject(value) ? value : null;
  } catch {
    return parseRejectedJsonObject(line);
  }
}

/** Reads one line in place; a line the byte reader cannot vouch for is decoded and parsed by JSON.parse. */
export function scanCloudflare(bytes: Buffer, start: number, end: number, out: ScannedRecord): ScanFailure | null {
  if (byteMembers.read(bytes, start, end)) return cloudflareRecord(byteMembers, bytes, out, byteMembers.memoryDelta);
  const line = bytes.toString('utf8', start, end);
  const object = parseLineObject(line);
  if (object === null) return scanFail('BAD_JSON', 'not a JSON object');
  objectMembers.reset(object, line);
  return cloudflareRecord(objectMembers, NO_BYTES, out, NaN);
}

const scratch = new ScannedRecord();

/** An already-decoded record (an element of a JSON array batch); line: its raw text, if known. */
export function recordFromCloudflare(object: JsonObject, line?: string): ParseResult {
  objectMembers.reset(object, line);
  return scanToResult(cloudflareRecord(objectMembers, NO_BYTES, scratch, NaN), scratch, 'cloudflare');
}

const scanning = scanningParser('cloudflare', 'Cloudflare Logpush http_requests (NDJSON or a JSON array batch)', scanCloudflare);
export const parseCloudflareLine = scanning.parse;

export const cloudflareParser: LogParser = {
  ...scanning,
  parseValue: (value) => (isJsonObject(value) ? recordFromCloudflare(value) : fail('BAD_JSON', 'array element is not an object')),
};
