/**
 * `$request` / ALB's request field (and Cloudflare's URI) into a scanned record:
 * method, protocol, path, query, and the host of an absolute URI when the record has
 * none yet. The bytes are used in place; a request that had to be decoded first (nginx
 * `\xHH` escapes, ALB `\"`, JSON escapes) goes through the same rules as a string.
 */
import { findHost, findRequestLine, findUrl, NONE } from './request-bounds.js';
import { type ScannedRecord, TextField } from './scanned-record.js';
import { splitRequestLine, splitUrl } from './values.js';

export function fillRequestFields(out: ScannedRecord, from: number, to: number, decoded?: string | null): void {
  if (decoded !== undefined) {
    const { method, uri, protocol } = splitRequestLine(decoded);
    out.set(TextField.method, method);
    out.set(TextField.protocol, protocol);
    fillUrlFields(out, NONE, NONE, uri);
    return;
  }
  const r = findRequestLine(out.bytes, from, to);
  out.spanOrNull(TextField.method, r[0], r[1]);
  out.spanOrNull(TextField.protocol, r[4], r[5]);
  if (r[2] !== NONE) fillUrlFields(out, r[2], r[3]);
}

/**
 * A URI (out.bytes[from, to), or decoded when given) into path and query, and the
 * host of an absolute URI when the record has none yet.
 */
export function fillUrlFields(out: ScannedRecord, from: number, to: number, decoded?: string | null): void {
  if (decoded !== undefined) {
    const url = splitUrl(decoded);
    out.set(TextField.path, url.path);
    out.set(TextField.query, url.query);
    if (url.host !== null && out.text[TextField.host] === null) out.set(TextField.host, url.host);
    return;
  }
  const bytes = out.bytes;
  const u = findUrl(bytes, from, to);
  if (u[6] === 1) out.set(TextField.path, '/');
  else out.spanOrNull(TextField.path, u[2], u[3]);
  out.spanOrNull(TextField.query, u[4], u[5]);
  if (u[0] !== NONE && out.text[TextField.host] === null) {
    const h = findHost(bytes, u[0], u[1]);
    out.spanOrNull(TextField.host, h[0], h[1]);
  }
}
