/**
 * AWS Application Load Balancer access logs, and Classic ELB lines found in the same
 * buckets (formats.md section 2). Fields are mapped by position after quote-aware
 * tokenizing; generations of 20, 25, 29 and 30 fields are accepted and fields added
 * later at the end are ignored, as AWS asks.
 *
 * ALB connection logs and NLB `tls 2.0` lines are well-formed records of another type:
 * they come back as OTHER_RECORD_TYPE and are counted as skipped, not malformed.
 */
import { parseIsoTime } from './time.js';
import { tokenize, TokenKind } from './tokenize.js';
import { emptyRecord, fail, shareParsed, type LogParser, type ParseResult, type RequestRecord } from './types.js';
import { addressWithoutPort, orNull, parseNumber, parseOptionalStatus, parseStatus, splitRequestLine, splitUrl } from './values.js';

/** Request types in field 1 (ALBDOC "Syntax"). */
export const ALB_TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);

// 0-based positions in an ALB line.
const F = {
  type: 0, time: 1, elb: 2, client: 3, target: 4, requestProc: 5, targetProc: 6, responseProc: 7,
  elbStatus: 8, targetStatus: 9, receivedBytes: 10, sentBytes: 11, request: 12, userAgent: 13,
  sslCipher: 14, sslProtocol: 15, targetGroup: 16, traceId: 17, domain: 18, certArn: 19,
  rulePriority: 20, creationTime: 21, actions: 22, redirectUrl: 23, errorReason: 24,
  targetList: 25, targetStatusList: 26, classification: 27, classificationReason: 28, connTraceId: 29,
} as const;

/** The oldest ALB layout seen in the wild ends at chosen_cert_arn (20 fields). */
const MIN_ALB_FIELDS = 14;
const ISO_START = /^\d{4}-\d{2}-\d{2}T/;

/** `-1` marks a processing time that does not exist (request not dispatched, timed out). */
function processingTime(value: string | undefined): number | null {
  const n = parseNumber(value);
  return n === null || n < 0 ? null : n;
}

/**
 * The target's time is the upstream time; the three together are the time the load
 * balancer spent on the request, unknown when any of them is -1.
 */
function fillTimes(record: RequestRecord, request: string, target: string, response: string): void {
  const parts = [processingTime(request), processingTime(target), processingTime(response)];
  record.upstream_time_s = parts[1];
  record.request_time_s = parts.every((p) => p !== null) ? Math.round(parts.reduce((a, b) => a! + b!, 0)! * 1e6) / 1e6 : null;
}

function fillRequest(record: RequestRecord, request: string, userAgent: string | undefined): void {
  const { method, uri, protocol } = splitRequestLine(orNull(request));
  const url = splitUrl(uri);
  record.method = method;
  record.protocol = protocol;
  record.host = url.host;
  record.path = url.path;
  record.query = url.query;
  record.user_agent = orNull(userAgent);
}

export function parseAlbLine(line: string): ParseResult {
  const tokens = tokenize(line);
  if (tokens === null) return fail('MISSING_FIELD', 'unterminated quote (truncated line?)');
  const v = tokens.values;
  if (v[0] === 'tls' && v[1] === '2.0') return fail('OTHER_RECORD_TYPE', 'NLB TLS access log line');
  if (ISO_START.test(v[0] ?? '')) return parseClassicOrConnection(v, tokens.kinds);
  if (!ALB_TYPES.has(v[0] ?? '') && !/^[a-z0-9]{1,8}$/.test(v[0] ?? '')) return fail('NOT_THIS_FORMAT', 'no ALB request type in field 1');
  if (v.length < MIN_ALB_FIELDS) return fail('MISSING_FIELD', `${v.length} fields, an ALB line has at least ${MIN_ALB_FIELDS}`);
  if (tokens.kinds[F.request] !== TokenKind.Quoted) return fail('NOT_THIS_FORMAT', 'field 13 (request) is not quoted');
  const ts = parseIsoTime(v[F.time]);
  if (Number.isNaN(ts)) return fail('BAD_TIMESTAMP', `bad time ${JSON.stringify(v[F.time])}`);
  const status = parseStatus(v[F.elbStatus]);
  if (Number.isNaN(status)) return fail('BAD_STATUS', `elb_status_code is not a number: ${JSON.stringify(v[F.elbStatus])}`);

  const record = emptyRecord('alb', ts, status);
  record.upstream_status = parseOptionalStatus(v[F.targetStatus]);
  record.client_ip = addressWithoutPort(v[F.client]);
  record.upstream_addr = orNull(v[F.target]);
  fillTimes(record, v[F.requestProc], v[F.targetProc], v[F.responseProc]);
  record.bytes_sent = parseNumber(v[F.sentBytes]);
  fillRequest(record, v[F.request], v[F.userAgent]);
  if (record.host === null) record.host = orNull(v[F.domain]);
  record.request_id = orNull(v[F.traceId]);
  record.actions_executed = orNull(v[F.actions]);
  record.error_reason = orNull(v[F.errorReason]);
  const classification = orNull(v[F.classification]);
  const reason = orNull(v[F.classificationReason]);
  record.classification = classification === null ? null : reason === null ? classification : `${classification}:${reason}`;
  return { ok: true, record };
}

/**
 * Lines that start with the timestamp: Classic ELB access logs, or ALB connection logs
 * (`time client_ip client_port listener_port tls_protocol ...`, where fields 3 and 4
 * are bare port numbers).
 */
function parseClassicOrConnection(v: string[], kinds: TokenKind[]): ParseResult {
  if (/^\d+$/.test(v[2] ?? '') && /^\d+$/.test(v[3] ?? '')) return fail('OTHER_RECORD_TYPE', 'ALB connection log line');
  // timestamp elb client:port backend:port req backend resp elb_status backend_status rx tx "request" ["user_agent" cipher protocol]
  if (v.length < 12 || kinds[11] !== TokenKind.Quoted) return fail('NOT_THIS_FORMAT', 'not a Classic ELB line');
  const ts = parseIsoTime(v[0]);
  if (Number.isNaN(ts)) return fail('BAD_TIMESTAMP', `bad time ${JSON.stringify(v[0])}`);
  // TCP/SSL listeners log `- -` statuses: a connection record, not an HTTP request.
  if (v[7] === '-') return fail('OTHER_RECORD_TYPE', 'Classic ELB TCP/SSL listener line');
  const status = parseStatus(v[7]);
  if (Number.isNaN(status)) return fail('BAD_STATUS', `elb_status_code is not a number: ${JSON.stringify(v[7])}`);
  const record = emptyRecord('alb', ts, status);
  record.upstream_status = parseOptionalStatus(v[8]);
  record.client_ip = addressWithoutPort(v[2]);
  record.upstream_addr = orNull(v[3]);
  fillTimes(record, v[4], v[5], v[6]);
  record.bytes_sent = parseNumber(v[10]);
  fillRequest(record, v[11], v[12]);
  return { ok: true, record };
}

export const albParser: LogParser = {
  name: 'alb',
  description: 'AWS Application Load Balancer access log (also Classic ELB)',
  detect: (sampleLines) => shareParsed(sampleLines, parseAlbLine),
  parse: parseAlbLine,
};
