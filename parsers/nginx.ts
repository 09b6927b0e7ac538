/**
 * nginx access logs in the predefined `combined` format, the distribution `main`
 * format (combined + quoted `$http_x_forwarded_for`), an optional leading vhost, and
 * trailing timing fields (formats.md section 1):
 *
 *   [vhost] $remote_addr - $remote_user [$time_local] "$request" $status
 *     $body_bytes_sent "$http_referer" "$http_user_agent" ["$http_x_forwarded_for"]
 *     [key=value ... | $request_time $upstream_response_time]
 */
import { decodeNginxEscapes } from './escapes.js';
import { parseNginxLocalTime } from './time.js';
import { tokenize, TokenKind } from './tokenize.js';
import { emptyRecord, fail, shareParsed, type LogParser, type ParseResult } from './types.js';
import { setterFor } from './nginx-variables.js';
import { orNull, parseNumber, parseStatus, splitRequestLine, splitUrl, stripPort, sumUpstreamTimes } from './values.js';

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** A header value: `-` means absent (null); `""` is a header sent empty and stays ''. */
function headerValue(value: string): string | null {
  if (value === '-') return null;
  return decodeNginxEscapes(value);
}

const NUMERIC_LIST = /^[\d.,:-]+$/;

export function parseNginxLine(line: string): ParseResult {
  const tokens = tokenize(line);
  if (tokens === null) return fail('MISSING_FIELD', 'unterminated quote or bracket (truncated line?)');
  const { values, kinds } = tokens;
  const t = kinds.indexOf(TokenKind.Bracketed);
  if (t !== 3 && t !== 4) return fail('NOT_THIS_FORMAT', 'no [time_local] after address and user');
  if (values.length < t + 6) return fail('MISSING_FIELD', `expected request, status, bytes, referer and user agent after the time`);
  if (kinds[t + 1] !== TokenKind.Quoted || kinds[t + 4] !== TokenKind.Quoted || kinds[t + 5] !== TokenKind.Quoted) {
    return fail('NOT_THIS_FORMAT', 'request, referer and user agent must be quoted');
  }
  const ts = parseNginxLocalTime(values[t]);
  if (Number.isNaN(ts)) return fail('BAD_TIMESTAMP', `bad time_local [${values[t]}]`);
  const status = parseStatus(values[t + 2]);
  if (Number.isNaN(status)) return fail('BAD_STATUS', `status is not a number: ${JSON.stringify(values[t + 2])}`);

  const record = emptyRecord('nginx', ts, status);
  const base = t - 3;
  if (base === 1) record.host = stripPort(values[0]);
  record.client_ip = orNull(values[base]);
  const request = decodeNginxEscapes(values[t + 1]);
  const { method, uri, protocol } = splitRequestLine(request);
  const url = splitUrl(uri);
  record.method = method;
  record.protocol = protocol;
  record.path = url.path;
  record.query = url.query;
  if (url.host !== null && record.host === null) record.host = url.host;
  record.bytes_sent = parseNumber(values[t + 3]);
  record.referer = headerValue(values[t + 4]);
  record.user_agent = headerValue(values[t + 5]);

  let i = t + 6;
  if (i < values.length && kinds[i] === TokenKind.Quoted) i++; // `main`: X-Forwarded-For, not stored
  const bareNumbers: string[] = [];
  for (; i < values.length; i++) {
    if (kinds[i] !== TokenKind.Bare) continue;
    const token = values[i];
    const eq = token.indexOf('=');
    if (eq > 0) {
      const key = token.slice(0, eq);
      // Only extra fields: the line's own time and status are not overridden.
      const apply = key === 'status' || key.startsWith('time') ? undefined : setterFor(key);
      if (apply !== undefined) apply(record, decodeNginxEscapes(unquote(token.slice(eq + 1))));
    } else if (NUMERIC_LIST.test(token)) {
      bareNumbers.push(token);
    }
  }
  if (bareNumbers.length > 0) {
    // `$request_time $upstream_response_time`: the first number is the request time;
    // the rest is the upstream list, which nginx may have split with ", " or " : ".
    record.request_time_s = parseNumber(bareNumbers[0]);
    if (bareNumbers.length > 1) record.upstream_time_s = sumUpstreamTimes(bareNumbers.slice(1).join(' '));
  }
  return { ok: true, record };
}

export const nginxParser: LogParser = {
  name: 'nginx',
  description: 'nginx combined/main access log (optional vhost prefix, trailing timings)',
  detect: (sampleLines) => shareParsed(sampleLines, parseNginxLine),
  parse: parseNginxLine,
};
