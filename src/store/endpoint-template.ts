/**
 * The `endpoint` column: a request's method and its path with the variable segments
 * collapsed to placeholders, so that `/users/123` and `/users/456` are one endpoint,
 * `GET /users/{id}`. The rules, in order:
 *   1. UUIDs anywhere in the path → {uuid}
 *   2. hashes between dots (`app.3f2a9c1b.js`, 8+ lowercase hex digits) → `app.{hash}.js`
 *   3. whole segments of 16+ hex digits → {hash}
 *   4. whole segments of digits → {id}
 *   5. whole segments of 24+ token characters (`A-Za-z0-9_=-`: API keys, base64 ids) → {token}
 * A segment is the text after a `/` up to the next `/` or the end. Each rule sees the
 * previous rules' output, whose placeholders have braces, which no rule's characters
 * include: a segment that holds one is left as it is. The first three rules shorten the
 * path; a digit segment grows by at most three bytes (`/1` → `/{id}`).
 *
 * The store derives the column as rows are written (row-group-encoder.ts, request-writer.ts)
 * so that a report counts endpoints by reading one short column: templating every path
 * group in SQL cost DuckDB 0.4 core-seconds over 2M nginx requests (docs/performance.md).
 * Rules read bytes, and every byte they match is ASCII, so a path's UTF-8 bytes and its
 * characters give the same template.
 */

/** The endpoint of requests whose line had no method and path (junk, or a bare `-`). */
export const NO_REQUEST_LINE = '(no request line)';

const SLASH = 47, DOT = 46, DASH = 45;

// Character classes as bits: a segment's class is the AND of its bytes' classes, and
// what a path holds (a dash, a dot, non-ASCII) the OR.
const HEX = 1, DIGIT = 2, TOKEN = 4, LOWER_HEX = 8, HAS_DASH = 16, HAS_DOT = 32, NON_ASCII = 64;
const SEGMENT_CLASSES = HEX | DIGIT | TOKEN;
/** Each byte's classes; endpoint-wasm.ts copies the table for the WebAssembly templating, whose bits are these. */
export const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (/[0-9a-fA-F]/.test(ch)) CLASS[c] |= HEX;
  if (/[0-9]/.test(ch)) CLASS[c] |= DIGIT;
  if (/[A-Za-z0-9_=-]/.test(ch)) CLASS[c] |= TOKEN;
  if (/[0-9a-f]/.test(ch)) CLASS[c] |= LOWER_HEX;
  if (c === DASH) CLASS[c] |= HAS_DASH;
  if (c === DOT) CLASS[c] |= HAS_DOT;
  if (c >= 0x80) CLASS[c] |= NON_ASCII;
}

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const UUID = bytesOf('{uuid}'), DOT_HASH = bytesOf('.{hash}.'), HASH = bytesOf('{hash}'), ID = bytesOf('{id}'), TOKEN_TEXT = bytesOf('{token}');

/** The most bytes templatePath writes for a path of this many bytes. */
export const templatedBound = (pathBytes: number): number => pathBytes + 3 * ((pathBytes + 1) >> 1);

// The UUID and dot-hash rules write here before the segment rules run again: they are
// rare enough that a second pass costs less than merging them into the first.
let scratch = Buffer.allocUnsafe(1024);
let scratch2 = Buffer.allocUnsafe(1024);

function put(out: Uint8Array, p: number, text: Uint8Array): number {
  for (let k = 0; k < text.length; k++) out[p++] = text[k];
  return p;
}

/** The 36 bytes at i are a UUID: 8-4-4-4-12 hex digits. */
function isUuidAt(s: Uint8Array, i: number): boolean {
  for (let k = 0; k < 36; k++) {
    const c = s[i + k];
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== DASH) return false;
    } else if ((CLASS[c] & HEX) === 0) return false;
  }
  return true;
}

/** Rule 1 over s[from, to) into out; returns the end. */
function replaceUuids(s: Uint8Array, from: number, to: number, out: Uint8Array): number {
  let p = 0;
  for (let i = from; i < to;) {
    if (i + 36 <= to && isUuidAt(s, i)) { p = put(out, p, UUID); i += 36; } else out[p++] = s[i++];
  }
  return p;
}

/** Rule 2 over s[from, to) into out: `.`, 8+ lowercase hex digits, `.`; returns the end. */
function replaceDotHashes(s: Uint8Array, from: number, to: number, out: Uint8Array): number {
  let p = 0;
  for (let i = from; i < to;) {
    if (s[i] === DOT) {
      let j = i + 1;
      while (j < to && (CLASS[s[j]] & LOWER_HEX) !== 0) j++;
      if (j - i - 1 >= 8 && j < to && s[j] === DOT) { p = put(out, p, DOT_HASH); i = j + 1; continue; }
    }
    out[p++] = s[i++];
  }
  return p;
}

/** The OR of the classes of the bytes templateSegments last read. */
let seenClasses = 0;

/**
 * Rules 3-5: copies s[from, to) to out at p, and writes a placeholder over each
 * segment that a rule matches as it ends; records the classes it saw.
 */
function templateSegments(s: Uint8Array, from: number, to: number, out: Uint8Array, p: number): number {
  let seen = 0;
  let i = from;
  // Up to the first slash: no segment.
  while (i < to) {
    const c = s[i++];
    out[p++] = c;
    seen |= CLASS[c];
    if (c === SLASH) break;
  }
  while (i < to) {
    const first = i, at = p;
    let kind = SEGMENT_CLASSES;
    for (; i < to; i++) {
      const c = s[i];
      if (c === SLASH) break;
      out[p++] = c;
      const k = CLASS[c];
      kind &= k;
      seen |= k;
    }
    const length = i - first;
    if (length > 0 && kind !== 0) {
      if ((kind & HEX) !== 0 && length >= 16) p = put(out, at, HASH);
      else if ((kind & DIGIT) !== 0) p = put(out, at, ID);
      else if ((kind & TOKEN) !== 0 && length >= 24) p = put(out, at, TOKEN_TEXT);
    }
    if (i < to) { out[p++] = SLASH; i++; }
  }
  seenClasses = seen;
  return p;
}

/**
 * Writes the template of the path s[from, to) into out at p (room for
 * templatedBound(to - from) bytes). Returns where it ends, or that end's bitwise
 * complement (negative) when the path has non-ASCII bytes, which the caller may want
 * to decode.
 */
export function templatePath(s: Uint8Array, from: number, to: number, out: Uint8Array, p: number): number {
  let end = templateSegments(s, from, to, out, p);
  const seen = seenClasses;
  // Rules 1 and 2 run only when the path has what they need, and the segments again over their output.
  const uuids = (seen & HAS_DASH) !== 0 && to - from >= 36, dotHashes = (seen & HAS_DOT) !== 0 && to - from >= 10;
  if (uuids || dotHashes) {
    if (scratch.length < to - from) { scratch = Buffer.allocUnsafe(2 * (to - from)); scratch2 = Buffer.allocUnsafe(2 * (to - from)); }
    let source = s;
    if (uuids) { to = replaceUuids(source, from, to, scratch); from = 0; source = scratch; }
    if (dotHashes) { const target = source === scratch ? scratch2 : scratch; to = replaceDotHashes(source, from, to, target); from = 0; source = target; }
    end = templateSegments(source, from, to, out, p);
  }
  return (seen & NON_ASCII) !== 0 ? ~end : end;
}

let templated = Buffer.allocUnsafe(1024);

/** The endpoint of a request given as strings: `METHOD /template`, `-` for a missing method. */
export function endpointOf(method: string | null, path: string | null): string {
  if (path === null) return NO_REQUEST_LINE;
  const bytes = Buffer.from(path, 'utf8');
  if (templated.length < templatedBound(bytes.length)) templated = Buffer.allocUnsafe(2 * templatedBound(bytes.length));
  const end = templatePath(bytes, 0, bytes.length, templated, 0);
  return `${method ?? '-'} ${templated.toString('utf8', 0, end < 0 ? ~end : end)}`;
}
