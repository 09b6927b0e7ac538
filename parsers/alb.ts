/**
 * AWS Application Load Balancer access logs, and Classic ELB lines found in the same
 * buckets (formats.md section 2). Fields are mapped by position after quote-aware
 * tokenizing; generations of 20, 25, 29 and 30 fields are accepted and fields added
 * later at the end are ignored, as AWS asks.
 *
 * ALB connection logs and NLB `tls 2.0` lines are well-formed records of another type:
 * they come back as OTHER_RECORD_TYPE and are counted as skipped, not malformed.
 *
 * The parser reads the line's bytes (scanAlb); long text fields (URL parts, user
 * agent, trace id, domain) stay byte ranges. `parse(line)` is the same scan.
 */
import { isDigitCode } from './byte-numbers.js';
import { sameBytes } from './byte-words.js';
import { ByteTokens, TokenFlag, TokenKind } from './byte-tokens.js';
import { findAddress } from './request-bounds.js';
import { fillRequestFields } from './request-fields.js';
import { type ScannedRecord, TextField } from './scanned-record.js';
import { isoZuluAt, parseIsoTime } from './time.js';
import { scanFail, scanningParser, type LogParser, type ScanFailure } from './types.js';
import { addressWithoutPort } from './values.js';

/** Request types in field 1 (ALBDOC "Syntax"). */
export const ALB_TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);
const ALB_TYPE_BYTES = [...ALB_TYPES].map((type) => Buffer.from(type, 'latin1'));

/** Whether bytes[from, to) is one of ALB_TYPES, without making a string of it (most lines). */
function isAlbType(bytes: Buffer, from: number, to: number): boolean {
  for (const type of ALB_TYPE_BYTES) if (sameBytes(type, bytes, from, to)) return true;
  return false;
}

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
function processingTime(k: number): number | null {
  const n = tokens.number(k);
  return n === null || n < 0 ? null : n;
}

/** Token k as a time: ALB's own form read from the bytes, any other through parseIsoTime. */
function isoTime(k: number): number {
  const ts = isoZuluAt(tokens.bytes, tokens.from[k], tokens.to[k]);
  return Number.isNaN(ts) ? parseIsoTime(tokens.text(k)) : ts;
}

/** parseOptionalStatus of token k: null when absent or not a status. */
function optionalStatus(k: number): number | null {
  const n = tokens.status(k);
  return Number.isNaN(n) ? null : n;
}

/**
 * addressWithoutPort of token k (findAddress's rule), kept as a range of the line
 * unless escaped quotes need decoding first.
 */
function clientAddress(out: ScannedRecord, k: number): void {
  if ((tokens.flags[k] & TokenFlag.EscapedQuote) !== 0) {
    out.set(TextField.client_ip, addressWithoutPort(tokens.text(k)));
    return;
  }
  const a = findAddress(tokens.bytes, tokens.from[k], tokens.to[k]);
  out.spanOrNull(TextField.client_ip, a[0], a[1]);
}

const tokens = new ByteTokens();

/** Token k, or null when absent (`-`, empty, or past the end of a short line): orNull's rule, tested on the bytes. */
function text(k: number): string | null {
  return k < tokens.count && !tokens.isAbsent(k) ? tokens.text(k) : null;
}

/**
 * The target's time is the upstream time; the three together are the time the load
 * balancer spent on the request, unknown when any of them is -1.
 */
function fillTimes(out: ScannedRecord, first: number): void {
  const request = processingTime(first);
  const target = processingTime(first + 1);
  const response = processingTime(first + 2);
  out.upstream_time_s = target;
  // Summed from 0 in field order, rounded to microseconds (float noise of the sum).
  out.request_time_s = request !== null && target !== null && response !== null ? Math.round((0 + request + target + response) * 1e6) / 1e6 : null;
}

/** `"METHOD scheme://host:port/path?query PROTOCOL"` (a `\"` in it means decoding first) and the user agent. */
function fillRequest(out: ScannedRecord, request: number, userAgent: number): void {
  const escaped = (tokens.flags[request] & TokenFlag.EscapedQuote) !== 0;
  fillRequestFields(out, tokens.from[request], tokens.to[request], escaped ? tokens.text(request) : undefined);
  tokens.toField(out, TextField.user_agent, userAgent);
}

/** Reads one line, bytes[start, end), into out; returns why it is not a record, or null. */
export function scanAlb(bytes: Buffer, start: number, end: number, out: ScannedRecord): ScanFailure | null {
  if (!tokens.read(bytes, start, end)) return scanFail('MISSING_FIELD', 'unterminated quote (truncated line?)');
  if (tokens.count === 0 || !isAlbType(bytes, tokens.from[0], tokens.to[0])) {
    const first = tokens.count > 0 ? tokens.text(0) : '';
    if (first === 'tls' && tokens.count > 1 && tokens.text(1) === '2.0') return scanFail('OTHER_RECORD_TYPE', 'NLB TLS access log line');
    if (isDigitCode(first.charCodeAt(0)) && ISO_START.test(first)) return scanClassicOrConnection(bytes, out);
    if (!/^[a-z0-9]{1,8}$/.test(first)) return scanFail('NOT_THIS_FORMAT', 'no ALB request type in field 1');
  }
  if (tokens.count < MIN_ALB_FIELDS) return scanFail('MISSING_FIELD', `${tokens.count} fields, an ALB line has at least ${MIN_ALB_FIELDS}`);
  if (tokens.kind[F.request] !== TokenKind.Quoted) return scanFail('NOT_THIS_FORMAT', 'field 13 (request) is not quoted');
  const ts = isoTime(F.time);
  if (Number.isNaN(ts)) return scanFail('BAD_TIMESTAMP', `bad time ${JSON.stringify(tokens.text(F.time))}`);
  const status = tokens.status(F.elbStatus);
  if (Number.isNaN(status)) return scanFail('BAD_STATUS', `elb_status_code is not a number: ${JSON.stringify(tokens.text(F.elbStatus))}`);

  out.reset(bytes, ts, status, tokens.memoryDelta);
  out.upstream_status = optionalStatus(F.targetStatus);
  clientAddress(out, F.client);
  tokens.toField(out, TextField.upstream_addr, F.target);
  fillTimes(out, F.requestProc);
  tokens.toBytesSent(out, F.sentBytes);
  fillRequest(out, F.request, F.userAgent);
  if (out.text[TextField.host] === null) tokens.toField(out, TextField.host, F.domain);
  tokens.toField(out, TextField.request_id, F.traceId);
  tokens.toField(out, TextField.actions_executed, F.actions);
  tokens.toField(out, TextField.error_reason, F.errorReason);
  const classification = text(F.classification);
  const reason = text(F.classificationReason);
  out.set(TextField.classification, classification === null ? null : reason === null ? classification : `${classification}:${reason}`);
  return null;
}

/**
 * Lines that start with the timestamp: Classic ELB access logs, or ALB connection logs
 * (`time client_ip client_port listener_port tls_protocol ...`, where fields 3 and 4
 * are bare port numbers).
 */
function scanClassicOrConnection(bytes: Buffer, out: ScannedRecord): ScanFailure | null {
  const n = tokens.count;
  if (/^\d+$/.test(text(2) ?? '') && /^\d+$/.test(text(3) ?? '')) return scanFail('OTHER_RECORD_TYPE', 'ALB connection log line');
  // timestamp elb client:port backend:port req backend resp elb_status backend_status rx tx "request" ["user_agent" cipher protocol]
  if (n < 12 || tokens.kind[11] !== TokenKind.Quoted) return scanFail('NOT_THIS_FORMAT', 'not a Classic ELB line');
  const ts = isoTime(0);
  if (Number.isNaN(ts)) return scanFail('BAD_TIMESTAMP', `bad time ${JSON.stringify(tokens.text(0))}`);
  // TCP/SSL listeners log `- -` statuses: a connection record, not an HTTP request.
  if (tokens.text(7) === '-') return scanFail('OTHER_RECORD_TYPE', 'Classic ELB TCP/SSL listener line');
  const status = tokens.status(7);
  if (Number.isNaN(status)) return scanFail('BAD_STATUS', `elb_status_code is not a number: ${JSON.stringify(tokens.text(7))}`);
  out.reset(bytes, ts, status, tokens.memoryDelta);
  out.upstream_status = optionalStatus(8);
  clientAddress(out, 2);
  tokens.toField(out, TextField.upstream_addr, 3);
  fillTimes(out, 4);
  tokens.toBytesSent(out, 10);
  fillRequest(out, 11, 12);
  return null;
}

export const albParser: LogParser = scanningParser('alb', 'AWS Application Load Balancer access log (also Classic ELB)', scanAlb);
export const parseAlbLine = albParser.parse;
