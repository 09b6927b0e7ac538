/**
 * `$request` / ALB's request field into a scanned record: method, protocol, path,
 * query, and the host of an absolute URI when the record has none yet. The bytes are
 * used in place; a request that had to be decoded first (nginx `\xHH` escapes, ALB
 * `\"`) goes through the same rules as a string.
 */
import { findRequestLine, findUrl, NONE } from './request-bounds.js';
import { type ScannedRecord, TextField } from './scanned-record.js';
import { splitRequestLine, splitUrl, stripPort } from './values.js';

export function fillRequestFields(out: ScannedRecord, from: number, to: number, decoded?: string | null): void {
  if (decoded !== undefined) {
    const { method, uri, protocol } = splitRequestLine(decoded);
    const url = splitUrl(uri);
    out.set(TextField.method, method);
    out.set(TextField.protocol, protocol);
    out.set(TextField.path, url.path);
    out.set(TextField.query, url.query);
    if (url.host !== null && out.text[TextField.host] === null) out.set(TextField.host, url.host);
    return;
  }
  const bytes = out.bytes;
  const r = findRequestLine(bytes, from, to);
  out.spanOrNull(TextField.method, r[0], r[1]);
  out.spanOrNull(TextField.protocol, r[4], r[5]);
  if (r[2] === NONE) return;
  const u = findUrl(bytes, r[2], r[3]);
  if (u[6] === 1) out.set(TextField.path, '/');
  else out.spanOrNull(TextField.path, u[2], u[3]);
  out.spanOrNull(TextField.query, u[4], u[5]);
  if (u[0] !== NONE && out.text[TextField.host] === null) hostWithoutPort(out, u[0], u[1]);
}

/**
 * stripPort of bytes[from, to) into the host field, kept as a range of the line: the
 * port goes when it is the only colon's all-digit tail. A bracketed IPv6 authority
 * goes through stripPort itself.
 */
function hostWithoutPort(out: ScannedRecord, from: number, to: number): void {
  const bytes = out.bytes;
  if (bytes[from] === 91 /* [ */) {
    out.set(TextField.host, stripPort(bytes.toString('utf8', from, to)));
    return;
  }
  let colon = -1;
  let colons = 0;
  for (let i = from; i < to; i++) if (bytes[i] === 58 /* : */) { colon = i; colons++; }
  let end = to;
  if (colons === 1 && colon > from) {
    let digits = true;
    for (let i = colon + 1; i < to && digits; i++) digits = bytes[i] >= 48 && bytes[i] <= 57;
    if (digits) end = colon;
  }
  // `-` or nothing is "not logged"; what is left of `-:80` is not.
  if (to === from || (to === from + 1 && bytes[from] === 45 /* - */)) out.set(TextField.host, null);
  else out.span(TextField.host, from, end);
}
