/**
 * Text and numbers read from a byte range of a line: what the byte-level parsers
 * (byte-tokens.ts, json-scan.ts, the nginx readers) decode of a field when they must
 * read it as a value rather than copy it.
 */
import { plainDecimalAt } from './byte-numbers.js';
import { isDash } from './request-bounds.js';
import { parseNumber } from './values.js';

/**
 * bytes[from, to) as UTF-8 text. Short ASCII runs (keys, numbers, times) skip the UTF-8
 * decoder: a few characters are joined in JavaScript, longer runs are read as Latin-1
 * (the same text when every byte is ASCII). The decoder's call cost dominated these.
 */
export function textOf(bytes: Buffer, from: number, to: number): string {
  const length = to - from;
  if (length <= 6) {
    let text = '';
    for (let i = from; i < to; i++) {
      const c = bytes[i];
      if (c >= 0x80) return bytes.toString('utf8', from, to);
      text += String.fromCharCode(c);
    }
    return text;
  }
  if (length > 64) return bytes.toString('utf8', from, to);
  for (let i = from; i < to; i++) if (bytes[i] >= 0x80) return bytes.toString('utf8', from, to);
  return bytes.toString('latin1', from, to);
}

/** `-` or empty: "not logged" in access logs. */
export const isAbsentAt = (bytes: Buffer, from: number, to: number): boolean => to === from || isDash(bytes, from, to);

/**
 * bytes[from, to) as a number, by parseNumber's rules: null when absent (`-` or empty)
 * or not a finite number. A plain decimal is read from the bytes, anything else from
 * its text.
 */
export function numberAt(bytes: Buffer, from: number, to: number): number | null {
  if (isAbsentAt(bytes, from, to)) return null;
  const plain = plainDecimalAt(bytes, from, to);
  return Number.isNaN(plain) ? parseNumber(textOf(bytes, from, to)) : plain;
}
