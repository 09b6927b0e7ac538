/**
 * nginx access logs in the predefined `combined` format, the distribution `main`
 * format (combined + quoted `$http_x_forwarded_for`), an optional leading vhost, and
 * trailing timing fields (formats.md section 1):
 *
 *   [vhost] $remote_addr - $remote_user [$time_local] "$request" $status
 *     $body_bytes_sent "$http_referer" "$http_user_agent" ["$http_x_forwarded_for"]
 *     [key=value ... | $request_time $upstream_response_time]
 *
 * The parser reads the line's bytes (scanNginx) and leaves text fields as byte ranges
 * where no decoding is needed; `parse(line)` is the same scan over a string's bytes.
 */
import { ByteTokens, TokenFlag, TokenKind } from './byte-tokens.js';
import { textOf } from './byte-text.js';
import { decodeNginxEscapes } from './escapes.js';
import { applyInPlace, NGINX_VARIABLES, setterFor, type Draft, type Setter } from './nginx-variables.js';
import { fillRequestFields } from './request-fields.js';
import { type ScannedRecord, TextField } from './scanned-record.js';
import { localTimeAt } from './time.js';
import { scanFail, scanningParser, type LogParser, type ScanFailure } from './types.js';
import { parseNumber, stripPort, sumUpstreamTimes } from './values.js';

const tokens = new ByteTokens();

/** A header value: `-` means absent (null); `""` is a header sent empty and stays ''. */
function header(out: ScannedRecord, field: TextField, k: number): void {
  const { from, to } = tokens;
  if (tokens.isDash(k)) out.set(field, null);
  else if ((tokens.flags[k] & TokenFlag.Backslash) !== 0) out.set(field, decodeNginxEscapes(tokens.text(k)));
  else out.span(field, from[k], to[k]);
}

/** `$request`; escaped bytes (`\xHH`) must be decoded first. */
function request(out: ScannedRecord, k: number): void {
  const escaped = (tokens.flags[k] & TokenFlag.Backslash) !== 0;
  fillRequestFields(out, tokens.from[k], tokens.to[k], escaped ? decodeNginxEscapes(tokens.text(k)) : undefined);
}

/**
 * `$time_local` of token k. Consecutive lines mostly share their second, so the bytes
 * of the last one read are kept and compared first (in WebAssembly:
 * ByteTokens.sameAsKept); another second is read from the bytes (localTimeAt).
 */
let lastTs = NaN;

function localTime(k: number): number {
  if (tokens.sameAsKept(k)) return lastTs;
  const ts = localTimeAt(tokens.bytes, tokens.from[k], tokens.to[k]);
  if (!Number.isNaN(ts)) {
    tokens.keep(k);
    lastTs = ts;
  }
  return ts;
}

const NUMERIC_LIST = /^[\d.,:-]+$/;

/**
 * Setters by key bytes (up to six, packed into a number with the length): no string per
 * key. A key known to have no setter (`uct=`, a key nobody defined) maps to NO_SETTER,
 * so that it costs one lookup per line, not a failed one and then has().
 */
const SETTERS_BY_KEY_BYTES = new Map<number, Setter>();
const NO_SETTER: Setter = () => {};

function setterAt(bytes: Buffer, from: number, to: number): Setter | undefined {
  if (to - from > 6) return setterFor(textOf(bytes, from, to));
  let packed = to - from;
  for (let j = from; j < to; j++) packed = packed * 256 + bytes[j];
  let setter = SETTERS_BY_KEY_BYTES.get(packed);
  if (setter === undefined) {
    setter = setterFor(textOf(bytes, from, to)) ?? NO_SETTER;
    if (SETTERS_BY_KEY_BYTES.size < 1000) SETTERS_BY_KEY_BYTES.set(packed, setter);
  }
  return setter === NO_SETTER ? undefined : setter;
}

/** After the user agent: `main`'s X-Forwarded-For, then `key=value` fields or bare timings. */
function trailingFields(out: ScannedRecord, first: number): void {
  let i = first;
  if (i < tokens.count && tokens.kind[i] === TokenKind.Quoted) i++; // `main`: X-Forwarded-For, not stored
  let bareNumbers: string[] | null = null;
  const bytes = tokens.bytes;
  for (; i < tokens.count; i++) {
    if (tokens.kind[i] !== TokenKind.Bare) continue;
    const from = tokens.from[i];
    const to = tokens.to[i];
    let eq = from;
    while (eq < to && bytes[eq] !== 61) eq++;
    if (eq > from && eq < to) {
      const apply = setterAt(bytes, from, eq);
      if (apply === undefined) continue;
      // `key="value"`: the quotes are cut from the bytes before any string is made.
      const quoted = to - eq > 2 && bytes[eq + 1] === 34 && bytes[to - 1] === 34;
      const valueFrom = quoted ? eq + 2 : eq + 1;
      const valueTo = quoted ? to - 1 : to;
      const escaped = (tokens.flags[i] & TokenFlag.Backslash) !== 0;
      // The line's own time and status stand: an `msec=` or `@timestamp=` field does not override them.
      if (apply === NGINX_VARIABLES.status || apply === NGINX_VARIABLES.time_local) continue;
      // Plain numbers (timings, upstream status) and values stored as they are come
      // from the bytes; the rest through the setter, onto the scanned record itself, in order.
      if (!escaped && applyInPlace(out, apply, valueFrom, valueTo, true)) continue;
      const raw = textOf(bytes, valueFrom, valueTo);
      apply(out as unknown as Draft, escaped ? decodeNginxEscapes(raw) : raw);
    } else {
      const token = tokens.text(i);
      if (NUMERIC_LIST.test(token)) (bareNumbers ??= []).push(token);
    }
  }
  if (bareNumbers !== null) {
    // `$request_time $upstream_response_time`: the first number is the request time;
    // the rest is the upstream list, which nginx may have split with ", " or " : ".
    out.request_time_s = parseNumber(bareNumbers[0]);
    if (bareNumbers.length > 1) out.upstream_time_s = sumUpstreamTimes(bareNumbers.slice(1).join(' '));
  }
}

/** Reads one line, bytes[start, end), into out; returns why it is not a record, or null. */
export function scanNginx(bytes: Buffer, start: number, end: number, out: ScannedRecord): ScanFailure | null {
  if (!tokens.read(bytes, start, end)) return scanFail('MISSING_FIELD', 'unterminated quote or bracket (truncated line?)');
  const { kind, count } = tokens;
  let t = -1;
  for (let k = 0; k < count && t < 0; k++) if (kind[k] === TokenKind.Bracketed) t = k;
  if (t !== 3 && t !== 4) return scanFail('NOT_THIS_FORMAT', 'no [time_local] after address and user');
  if (count < t + 6) return scanFail('MISSING_FIELD', 'expected request, status, bytes, referer and user agent after the time');
  if (kind[t + 1] !== TokenKind.Quoted || kind[t + 4] !== TokenKind.Quoted || kind[t + 5] !== TokenKind.Quoted) {
    return scanFail('NOT_THIS_FORMAT', 'request, referer and user agent must be quoted');
  }
  const ts = localTime(t);
  if (Number.isNaN(ts)) return scanFail('BAD_TIMESTAMP', `bad time_local [${tokens.text(t)}]`);
  const status = tokens.status(t + 2);
  if (Number.isNaN(status)) return scanFail('BAD_STATUS', `status is not a number: ${JSON.stringify(tokens.text(t + 2))}`);

  out.reset(bytes, ts, status, tokens.memoryDelta);
  const base = t - 3;
  if (base === 1) out.set(TextField.host, stripPort(tokens.text(0)));
  tokens.toField(out, TextField.client_ip, base);
  request(out, t + 1);
  tokens.toBytesSent(out, t + 3);
  header(out, TextField.referer, t + 4);
  header(out, TextField.user_agent, t + 5);
  if (count > t + 6) trailingFields(out, t + 6);
  return null;
}

export const nginxParser: LogParser = scanningParser('nginx', 'nginx combined/main access log (optional vhost prefix, trailing timings)', scanNginx);
export const parseNginxLine = nginxParser.parse;
