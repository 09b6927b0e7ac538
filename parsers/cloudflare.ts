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
 */
import { jsonText, parseJsonObject, type JsonObject } from './json-line.js';
import { parseAnyTime } from './time.js';
import { emptyRecord, fail, isJsonObject, shareParsed, type LogParser, type ParseResult } from './types.js';
import { parseStatus, splitUrl } from './values.js';

const TIME_KEYS = ['EdgeStartTimestamp', 'EdgeEndTimestamp', 'Datetime'] as const;
/** Where each time key's digits stand in the raw JSON text. */
const TIME_DIGITS = Object.fromEntries(TIME_KEYS.map((key) => [key, new RegExp(`"${key}"\\s*:\\s*(\\d+)`)])) as Record<(typeof TIME_KEYS)[number], RegExp>;

/** Security actions that end a request at the edge (SecurityAction field). */
const TERMINATING_ACTIONS = new Set(['block', 'challenge', 'jschallenge', 'managedChallenge', 'challengeFailed', 'jschallengeFailed', 'managedChallengeFailed', 'rateLimit', 'connectionClose']);

function text(object: JsonObject, key: string): string | null {
  const value = jsonText(object[key]);
  return value === null || value === '' ? null : value;
}

function number(object: JsonObject, key: string): number | null {
  const value = object[key];
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * The time of a record. `line` is the raw JSON when there is one: a number beyond
 * 2^53 (unixnano) was rounded by JSON.parse, so its digits are read from the text.
 */
function timestamp(object: JsonObject, line?: string): number {
  for (const key of TIME_KEYS) {
    const value = object[key];
    if (value === undefined || value === null || value === '' || value === 0) continue;
    if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value) && line !== undefined) {
      const digits = TIME_DIGITS[key].exec(line)?.[1];
      if (digits !== undefined) return parseAnyTime(digits);
    }
    if (typeof value === 'number' || typeof value === 'string') return parseAnyTime(value);
  }
  return NaN;
}

export function recordFromCloudflare(object: JsonObject, line?: string): ParseResult {
  const rawStatus = object.EdgeResponseStatus;
  if (rawStatus === undefined) return fail('MISSING_FIELD', 'no EdgeResponseStatus');
  const status = typeof rawStatus === 'number' ? (Number.isInteger(rawStatus) && rawStatus >= 0 && rawStatus <= 9999 ? rawStatus : NaN) : parseStatus(jsonText(rawStatus) ?? '');
  if (Number.isNaN(status)) return fail('BAD_STATUS', `EdgeResponseStatus is not a number: ${JSON.stringify(rawStatus)}`);
  const ts = timestamp(object, line);
  if (Number.isNaN(ts)) return fail('BAD_TIMESTAMP', 'no parsable EdgeStartTimestamp, EdgeEndTimestamp or Datetime');

  const record = emptyRecord('cloudflare', ts, status);
  const origin = number(object, 'OriginResponseStatus');
  record.upstream_status = origin === null || origin <= 0 || origin > 9999 || !Number.isInteger(origin) ? null : origin;
  record.method = text(object, 'ClientRequestMethod');
  record.host = text(object, 'ClientRequestHost');
  const uri = splitUrl(text(object, 'ClientRequestURI'));
  record.path = text(object, 'ClientRequestPath') ?? uri.path;
  record.query = uri.query;
  record.protocol = text(object, 'ClientRequestProtocol');
  record.client_ip = text(object, 'ClientIP');
  record.user_agent = text(object, 'ClientRequestUserAgent');
  record.referer = text(object, 'ClientRequestReferer');
  record.bytes_sent = number(object, 'EdgeResponseBytes');
  const ttfb = number(object, 'EdgeTimeToFirstByteMs');
  record.request_time_s = ttfb === null ? null : ttfb / 1000;
  const originMs = number(object, 'OriginResponseDurationMs');
  const originNs = number(object, 'OriginResponseTime');
  record.upstream_time_s = originMs !== null && originMs > 0 ? originMs / 1000 : originNs !== null && originNs > 0 ? originNs / 1e9 : null;
  record.request_id = text(object, 'RayID');
  record.cache_status = text(object, 'CacheCacheStatus');
  record.upstream_addr = text(object, 'OriginIP');
  const action = text(object, 'SecurityAction');
  if (action !== null && TERMINATING_ACTIONS.has(action)) record.error_reason = `security:${action}`;
  return { ok: true, record };
}

export function parseCloudflareLine(line: string): ParseResult {
  // Plain JSON.parse first (the hot path); unixnano digits are recovered from the text.
  let object: JsonObject | null = null;
  try {
    const value: unknown = JSON.parse(line);
    if (isJsonObject(value)) object = value;
  } catch {
    object = parseJsonObject(line);
  }
  if (object === null) return fail('BAD_JSON', 'not a JSON object');
  return recordFromCloudflare(object, line);
}

export const cloudflareParser: LogParser = {
  name: 'cloudflare',
  description: 'Cloudflare Logpush http_requests (NDJSON or a JSON array batch)',
  detect: (sampleLines) => shareParsed(sampleLines, parseCloudflareLine),
  parse: parseCloudflareLine,
  parseValue: (value) => (isJsonObject(value) ? recordFromCloudflare(value) : fail('BAD_JSON', 'array element is not an object')),
};
