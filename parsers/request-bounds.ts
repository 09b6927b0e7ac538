/**
 * Where the parts of a request line and of a URI are, as byte bounds of a line. The
 * byte-level parsers use the bounds directly; values.ts wraps them for strings, so
 * each rule is written once.
 */
import { isDigitCode } from './byte-numbers.js';

/**
 * Code units of a line: its UTF-8 bytes, or a string's UTF-16 units (values.ts). The
 * rules compare ASCII only, so both give the same parts.
 */
export type Units = Uint8Array | Uint16Array;

/** Bounds are [from, to) pairs; NONE marks a part that is null. */
export const NONE = -1;

/** A string's UTF-16 code units, in a reused array: the rules here run on them directly. */
let units = new Uint16Array(1024);
export function codeUnits(text: string): Uint16Array {
  if (text.length > units.length) units = new Uint16Array(text.length * 2);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** `[methodFrom, methodTo, uriFrom, uriTo, protocolFrom, protocolTo]` of the last call. */
const requestBounds = new Int32Array(6);

/** `-`: "not logged" in access logs. */
export const isDash = (bytes: Units, from: number, to: number): boolean => to - from === 1 && bytes[from] === 45;

/** `[A-Z][A-Z_-]*`: what a method looks like; junk requests (`"hello"`, TLS bytes) fail it. */
function isMethod(bytes: Units, from: number, to: number): boolean {
  if (from >= to || bytes[from] < 65 || bytes[from] > 90) return false;
  for (let i = from + 1; i < to; i++) {
    const c = bytes[i];
    if (!((c >= 65 && c <= 90) || c === 95 || c === 45)) return false;
  }
  return true;
}

function startsWithHttp(bytes: Units, from: number, to: number): boolean {
  return to - from >= 5 && bytes[from] === 72 && bytes[from + 1] === 84 && bytes[from + 2] === 84 && bytes[from + 3] === 80 && bytes[from + 4] === 47;
}

function setRequest(method: number, methodTo: number, uri: number, uriTo: number, protocol: number, protocolTo: number): Int32Array {
  const b = requestBounds;
  b[0] = method; b[1] = methodTo; b[2] = uri; b[3] = uriTo; b[4] = protocol; b[5] = protocolTo;
  return b;
}

/**
 * `METHOD URI PROTOCOL`. The URI may contain raw spaces (ALB logs the URL as sent),
 * so the method ends at the first space and the protocol starts after the last.
 * Empty requests and junk give nulls, not an error: nginx logs them with status 400
 * and they are real requests. A `-` URI or protocol is null.
 */
export function findRequestLine(bytes: Units, from: number, to: number): Int32Array {
  if (from >= to || isDash(bytes, from, to)) return setRequest(NONE, NONE, NONE, NONE, NONE, NONE);
  // A loop, not indexOf: a method is a few bytes, and Buffer.indexOf's call into C++
  // cost more than the search (about 10 ns a line).
  let first = from;
  while (first < to && bytes[first] !== 32) first++;
  if (first >= to) return setRequest(NONE, NONE, NONE, NONE, NONE, NONE);
  let last = to - 1;
  while (bytes[last] !== 32) last--;
  if (!isMethod(bytes, from, first)) return setRequest(NONE, NONE, NONE, NONE, NONE, NONE);
  if (last === first) {
    // HTTP/0.9 style `GET /path` has no protocol.
    return first + 1 < to ? setRequest(from, first, first + 1, to, NONE, NONE) : setRequest(from, first, NONE, NONE, NONE, NONE);
  }
  if (!startsWithHttp(bytes, last + 1, to) && !isDash(bytes, last + 1, to)) return setRequest(from, first, first + 1, to, NONE, NONE);
  const uriAbsent = first + 1 === last || isDash(bytes, first + 1, last);
  const protocolAbsent = isDash(bytes, last + 1, to);
  return setRequest(from, first, uriAbsent ? NONE : first + 1, uriAbsent ? NONE : last, protocolAbsent ? NONE : last + 1, protocolAbsent ? NONE : to);
}

/**
 * `[authorityFrom, authorityTo, pathFrom, pathTo, queryFrom, queryTo, pathIsRoot]` of
 * the last call. An absolute URI (`scheme://host:port/path`: ALB always logs one,
 * proxies may) has an authority; one without a path has the path `/` (pathIsRoot = 1).
 * An empty path or query is null.
 */
const urlBounds = new Int32Array(7);

export function findUrl(bytes: Units, from: number, to: number): Int32Array {
  const b = urlBounds;
  b[0] = NONE; b[1] = NONE; b[6] = 0;
  let rest = from;
  // A scheme starts with a letter (RFC 3986 section 3.1), so a path (`/...`, most
  // requests) has none and skips the search; a scheme is short: the first `://`
  // within the first ten characters.
  const mayHaveScheme = to - from >= 4 && ((bytes[from] | 0x20) >= 97 && (bytes[from] | 0x20) <= 122);
  for (let i = mayHaveScheme ? from + 1 : to; i < to - 2 && i < from + 10; i++) {
    if (bytes[i] === 58 && bytes[i + 1] === 47 && bytes[i + 2] === 47) {
      const authority = i + 3;
      let pathStart = authority;
      while (pathStart < to && bytes[pathStart] !== 47) pathStart++;
      b[0] = authority;
      b[1] = pathStart;
      if (pathStart === to) {
        b[2] = NONE; b[3] = NONE; b[4] = NONE; b[5] = NONE; b[6] = 1;
        return b;
      }
      rest = pathStart;
      break;
    }
  }
  let q = rest;
  while (q < to && bytes[q] !== 63) q++;
  b[2] = q > rest ? rest : NONE;
  b[3] = q > rest ? q : NONE;
  b[4] = q + 1 < to ? q + 1 : NONE;
  b[5] = q + 1 < to ? to : NONE;
  return b;
}

/** `[from, to]` of the last findHost or findAddress call; from is NONE for "not logged". */
const partBounds = new Int32Array(2);

function setPart(from: number, to: number): Int32Array {
  partBounds[0] = from;
  partBounds[1] = to;
  return partBounds;
}

/**
 * The host of an authority without its port: `host:443` → `host`, `[2001:db8::1]:443`
 * → `2001:db8::1`; `-` or nothing is null. The port goes only when it is the only
 * colon's all-digit tail, so an unbracketed IPv6 address stays whole.
 */
export function findHost(u: Units, from: number, to: number): Int32Array {
  if (from === to || isDash(u, from, to)) return setPart(NONE, NONE);
  if (u[from] === 91 /* [ */) {
    let end = from + 1;
    while (end < to && u[end] !== 93 /* ] */) end++;
    return end < to ? setPart(from + 1, end) : setPart(from, to);
  }
  let colon = NONE;
  let colons = 0;
  for (let i = from; i < to; i++) if (u[i] === 58 /* : */) { colon = i; colons++; }
  if (colons !== 1 || colon === from) return setPart(from, to);
  for (let i = colon + 1; i < to; i++) if (!isDigitCode(u[i])) return setPart(from, to);
  return setPart(from, colon);
}

/**
 * A client's `address:port` without the port, where the address may be unbracketed
 * IPv6 (ALB: formats.md 2.1, field 4), so it is cut at the last colon; a bracketed
 * address follows findHost. `-` or nothing is null.
 */
export function findAddress(u: Units, from: number, to: number): Int32Array {
  if (from === to || isDash(u, from, to)) return setPart(NONE, NONE);
  if (u[from] === 91 /* [ */) return findHost(u, from, to);
  let colon = to - 1;
  while (colon > from && u[colon] !== 58 /* : */) colon--;
  return setPart(from, colon > from ? colon : to);
}
