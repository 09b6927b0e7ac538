/**
 * Value rules shared by every format: status codes, numbers with `-` for missing,
 * request lines, URLs and nginx's multi-upstream lists.
 */
import { codeUnits, findAddress, findHost, findRequestLine, findUrl, NONE } from './request-bounds.js';

/** `-` and the empty string both mean "not logged" in access logs. */
export function orNull(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === '' || value === '-') return null;
  return value;
}

/**
 * A status field must be all digits (nginx writes exactly three, `000` when no
 * status was set: formats.md 1.3). Anything else makes the line malformed, so this
 * returns NaN and the caller reports BAD_STATUS.
 */
export function parseStatus(value: string | undefined): number {
  if (value === undefined || value.length === 0 || value.length > 4) return NaN;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Optional status (upstream/target): `-`, empty, 0-as-"none" handled by callers. */
export function parseOptionalStatus(value: string | undefined | null): number | null {
  const v = orNull(value);
  if (v === null) return null;
  const n = parseStatus(v);
  return Number.isNaN(n) ? null : n;
}

/** A decimal number, or null for `-`, empty or junk; `-1` stays -1 (callers decide). */
export function parseNumber(value: string | undefined | null): number | null {
  const v = orNull(value);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * nginx logs one value per upstream tried, `, ` between servers and ` : ` between
 * upstream groups (ngx_http_upstream_module, `$upstream_status`). logcodes keeps the
 * LAST status, the one whose response reached nginx, and SUMS the times, the total
 * spent upstream. Entries that are `-` are skipped.
 */
export function splitUpstreamList(value: string | null | undefined): string[] {
  const v = orNull(value);
  if (v === null) return [];
  if (v.indexOf(',') < 0 && v.indexOf(':') < 0) return [v];
  return v.split(/\s*[,:]\s*/).filter((part) => part !== '' && part !== '-');
}

export function lastUpstreamStatus(value: string | null | undefined): number | null {
  const parts = splitUpstreamList(value);
  return parts.length === 0 ? null : parseOptionalStatus(parts[parts.length - 1]);
}

export function sumUpstreamTimes(value: string | null | undefined): number | null {
  const parts = splitUpstreamList(value);
  let total: number | null = null;
  for (const part of parts) {
    const n = Number(part);
    if (Number.isFinite(n)) total = (total ?? 0) + n;
  }
  return total === null ? null : Math.round(total * 1e6) / 1e6;
}

export interface RequestLine {
  method: string | null;
  uri: string | null;
  protocol: string | null;
}

const part = (text: string, from: number, to: number): string | null => (from === NONE ? null : text.slice(from, to));

/** `METHOD URI PROTOCOL` as strings; the rules are findRequestLine's (request-bounds.ts). */
export function splitRequestLine(request: string | null): RequestLine {
  if (request === null) return { method: null, uri: null, protocol: null };
  const b = findRequestLine(codeUnits(request), 0, request.length);
  return { method: part(request, b[0], b[1]), uri: part(request, b[2], b[3]), protocol: part(request, b[4], b[5]) };
}

export interface SplitUrl {
  host: string | null;
  path: string | null;
  query: string | null;
}

/**
 * Splits a request URI into path and query; an absolute URI also yields the host,
 * without the port. The rules are findUrl's (request-bounds.ts).
 */
export function splitUrl(uri: string | null): SplitUrl {
  if (uri === null) return { host: null, path: null, query: null };
  const u = codeUnits(uri);
  const b = findUrl(u, 0, uri.length);
  let host: string | null = null;
  if (b[0] !== NONE) {
    const h = findHost(u, b[0], b[1]);
    host = part(uri, h[0], h[1]);
  }
  if (b[6] === 1) return { host, path: '/', query: null };
  return { host, path: part(uri, b[2], b[3]), query: part(uri, b[4], b[5]) };
}

/** `host:443` → `host`; `[2001:db8::1]:443` → `2001:db8::1`; `-` → null. The rule is findHost's. */
export function stripPort(authority: string): string | null {
  const h = findHost(codeUnits(authority), 0, authority.length);
  return part(authority, h[0], h[1]);
}

/** `client:port` → `client`, also for unbracketed IPv6; `-` gives null. The rule is findAddress's. */
export function addressWithoutPort(value: string | undefined): string | null {
  if (value === undefined) return null;
  const a = findAddress(codeUnits(value), 0, value.length);
  return part(value, a[0], a[1]);
}
