/**
 * What each nginx variable means for the normalized record. One table serves the
 * three nginx parsers: trailing `key=value` fields of `combined`, JSON log keys
 * (`escape=json` templates) and custom `log_format` strings.
 *
 * Values arrive already unescaped. `-` and the empty string mean "not logged"
 * (escape=default logs a missing variable as `-`, escape=json as ``: formats.md 1.4).
 */
import { plainDecimalAt, statusAt } from './byte-numbers.js';
import { parseAnyTime, timeAt } from './time.js';
import { TEXT_FIELDS, type ScannedRecord, TextField } from './scanned-record.js';
import type { RequestRecord } from './types.js';
import {
  lastUpstreamStatus, orNull, parseNumber, parseStatus, splitRequestLine, splitUrl, stripPort, sumUpstreamTimes,
} from './values.js';

/** A record under construction: ts and status stay NaN until a variable sets them. */
export type Draft = RequestRecord;

export type Setter = (record: Draft, value: string) => void;

function lastListItem(value: string): string | null {
  const parts = value.split(/\s*,\s*|\s+:\s+/).filter((p) => p !== '' && p !== '-');
  return parts.length === 0 ? null : parts[parts.length - 1];
}

const setTime: Setter = (r, v) => { r.ts = parseAnyTime(v); };
const setStatus: Setter = (r, v) => { r.status = parseStatus(v); };
const setRequestTime: Setter = (r, v) => { r.request_time_s = parseNumber(v); };
const setUpstreamTime: Setter = (r, v) => { r.upstream_time_s = sumUpstreamTimes(v); };
const setUpstreamStatus: Setter = (r, v) => { r.upstream_status = lastUpstreamStatus(v); };
const setUpstreamAddr: Setter = (r, v) => { r.upstream_addr = lastListItem(v); };
const setHost: Setter = (r, v) => { r.host = orNull(v) === null ? r.host : stripPort(v); };
const setBytes: Setter = (r, v) => { r.bytes_sent = parseNumber(v); };

/** `$request_uri` / `$uri?$args`: the path and query, and the host of an absolute URI. */
const setUri: Setter = (r, v) => {
  const url = splitUrl(orNull(v));
  r.path = url.path;
  if (url.query !== null) r.query = url.query;
  if (url.host !== null && r.host === null) r.host = url.host;
};

const setRequest: Setter = (r, v) => {
  const { method, uri, protocol } = splitRequestLine(orNull(v));
  r.method = method;
  r.protocol = protocol;
  setUri(r, uri ?? '');
};

/**
 * A variable whose value is stored as it is in one text field, unless it is absent:
 * `-`, and also the empty string unless dashOnly (a referer or user agent logged as
 * "" was sent empty). Readers with the line's bytes apply the rule to a byte range
 * (applyInPlace); the setter built from it applies the same rule to a string.
 */
interface CopyRule { field: TextField; dashOnly: boolean }

const COPY_RULES = new Map<Setter, CopyRule>();

function copyInto(field: TextField, dashOnly = false): Setter {
  const name = TEXT_FIELDS[field];
  const setter: Setter = (r, v) => { r[name] = v === '-' || (!dashOnly && v === '') ? null : v; };
  COPY_RULES.set(setter, { field, dashOnly });
  return setter;
}

/** A copy rule applied to bytes[from, to) of out.bytes: a byte range, or null when absent. */
function applyCopyAt(out: ScannedRecord, rule: CopyRule, from: number, to: number): void {
  const absent = (to - from === 1 && out.bytes[from] === 45) || (!rule.dashOnly && to === from);
  if (absent) out.set(rule.field, null);
  else out.span(rule.field, from, to);
}

/**
 * A number setter applied to out.bytes[from, to) without making a string, when the
 * value is one plain decimal (byte-numbers.ts); false otherwise (and for other
 * setters). The results are the setters' own: one upstream time is rounded to
 * microseconds as sumUpstreamTimes rounds its sum, one upstream status must be all digits.
 */
function applyPlainNumber(out: ScannedRecord, setter: Setter, from: number, to: number): boolean {
  if (setter === setUpstreamStatus) {
    const status = statusAt(out.bytes, from, to);
    if (Number.isNaN(status)) return false;
    out.upstream_status = status;
    return true;
  }
  if (setter !== setRequestTime && setter !== setBytes && setter !== setUpstreamTime) return false;
  const n = plainDecimalAt(out.bytes, from, to);
  if (Number.isNaN(n)) return false;
  if (setter === setRequestTime) out.request_time_s = n;
  else if (setter === setBytes) out.bytes_sent = n;
  else out.upstream_time_s = Math.round((0 + n) * 1e6) / 1e6;
  return true;
}

/**
 * A setter applied to out.bytes[from, to) without making a string, where its own rule
 * allows: a copy rule as a byte range and a time read by position (timeAt), both only
 * when the bytes are the value's text as it is (asText), a status or one plain number
 * read from the bytes. False when the setter must be given the text. The results are
 * the setters' own (tests compare both paths).
 */
export function applyInPlace(out: ScannedRecord, setter: Setter, from: number, to: number, asText: boolean): boolean {
  // The number setters first: comparing a function is cheaper than the copy rules'
  // map lookup, and timings are what most trailing fields hold.
  if (setter === setRequestTime || setter === setUpstreamTime || setter === setUpstreamStatus || setter === setBytes) {
    return applyPlainNumber(out, setter, from, to);
  }
  if (asText) {
    const copy = COPY_RULES.get(setter);
    if (copy !== undefined) {
      applyCopyAt(out, copy, from, to);
      return true;
    }
    if (setter === setTime) {
      const ts = timeAt(out.bytes, from, to);
      if (Number.isNaN(ts)) return false;
      out.ts = ts;
      return true;
    }
  }
  if (setter === setStatus) {
    const status = statusAt(out.bytes, from, to);
    if (Number.isNaN(status)) return false;
    out.status = status;
    return true;
  }
  return false;
}

/** nginx variable name (without `$`) → how it fills the record. */
export const NGINX_VARIABLES: Readonly<Record<string, Setter>> = {
  remote_addr: copyInto(TextField.client_ip),
  time_local: setTime,
  time_iso8601: setTime,
  msec: setTime,
  request: setRequest,
  request_method: copyInto(TextField.method),
  request_uri: setUri,
  uri: copyInto(TextField.path),
  args: copyInto(TextField.query),
  query_string: copyInto(TextField.query),
  server_protocol: copyInto(TextField.protocol),
  status: setStatus,
  body_bytes_sent: setBytes,
  bytes_sent: setBytes,
  http_referer: copyInto(TextField.referer, true),
  http_user_agent: copyInto(TextField.user_agent, true),
  host: setHost,
  http_host: setHost,
  server_name: setHost,
  request_time: setRequestTime,
  upstream_status: setUpstreamStatus,
  upstream_response_time: setUpstreamTime,
  upstream_addr: setUpstreamAddr,
  upstream_cache_status: copyInto(TextField.cache_status),
  request_id: copyInto(TextField.request_id),
};

/**
 * Short names teams commonly give these in `key=value` suffixes and JSON templates.
 * `uct`/`uht` (`$upstream_connect_time`, `$upstream_header_time`) are recognised and
 * deliberately not stored: the record keeps total and upstream response time only.
 */
export const NGINX_KEY_ALIASES: Readonly<Record<string, string>> = {
  rt: 'request_time',
  urt: 'upstream_response_time',
  us: 'upstream_status',
  ua: 'upstream_addr',
  cs: 'upstream_cache_status',
  rid: 'request_id',
  time: 'time_iso8601',
  timestamp: 'time_iso8601',
  '@timestamp': 'time_iso8601',
  remote_ip: 'remote_addr',
  client_ip: 'remote_addr',
  client: 'remote_addr',
  method: 'request_method',
  user_agent: 'http_user_agent',
  referer: 'http_referer',
  referrer: 'http_referer',
  protocol: 'server_protocol',
  vhost: 'host',
};

export const KNOWN_UNSTORED_VARIABLES = new Set(['remote_user', 'http_x_forwarded_for', 'upstream_connect_time', 'upstream_header_time', 'request_length', 'uct', 'uht']);

const SETTER_CACHE = new Map<string, Setter | undefined>();

/** The setter for a variable or alias name; looked up once per name, then cached (hot path). */
export function setterFor(name: string): Setter | undefined {
  let setter = SETTER_CACHE.get(name);
  if (setter === undefined && !SETTER_CACHE.has(name)) {
    setter = Object.hasOwn(NGINX_VARIABLES, name) ? NGINX_VARIABLES[name]
      : Object.hasOwn(NGINX_KEY_ALIASES, name) ? NGINX_VARIABLES[NGINX_KEY_ALIASES[name]] : undefined;
    if (SETTER_CACHE.size < 1000) SETTER_CACHE.set(name, setter);
  }
  return setter;
}
