/**
 * Line rules shared by the line-by-line path (split2 + LineGuard) and the parallel
 * path, which cuts raw chunks itself: a line ends at `\n`, one `\r` before it is
 * dropped (CRLF logs), and a line of only spaces, tabs and `\r` is blank: counted,
 * never parsed. Pure; also runs inside the parse workers.
 */

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** isBlank over bytes[from, to). */
export function isBlankBytes(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Where the line of bytes that starts at `start` ends: its `\n`, or the end of bytes for a last line without one. */
export function lineEnd(bytes: Buffer, start: number): number {
  const end = bytes.indexOf(10, start);
  return end < 0 ? bytes.length : end;
}

/** The end of the line bytes[start, end) without its `\r`, if it has one. */
export function withoutCr(bytes: Buffer, start: number, end: number): number {
  return end > start && bytes[end - 1] === 13 ? end - 1 : end;
}

/**
 * Whether the line from `start` to its `\n` at `newline` is longer than maxBytes, by
 * LineGuard's measure: the bytes before the `\n`, a `\r` among them. The parallel path
 * applies it to lines LineGuard never saw (chunk-parser.ts, parallel-input.ts).
 */
export function overLimit(start: number, newline: number, maxBytes: number): boolean {
  return newline - start > maxBytes;
}

/**
 * Calls visit with the bounds of each line of bytes (the last may lack its `\n`),
 * without the line end, and where the line end is (its `\n`, or the end of bytes).
 * Stops early when visit returns false. (The parse workers' loop, chunk-parser.ts,
 * uses lineEnd and withoutCr itself.)
 */
export function eachLineRange(bytes: Buffer, visit: (from: number, to: number, newline: number) => boolean | void): void {
  for (let start = 0; start < bytes.length;) {
    const end = lineEnd(bytes, start);
    const from = start;
    start = end + 1;
    if (visit(from, withoutCr(bytes, from, end), end) === false) return;
  }
}

/** Calls visit with each line of bytes decoded as UTF-8; stops early when visit returns false. */
export function eachLine(bytes: Buffer, visit: (text: string) => boolean | void): void {
  eachLineRange(bytes, (from, to) => visit(bytes.toString('utf8', from, to)));
}
