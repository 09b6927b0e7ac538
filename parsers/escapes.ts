/**
 * nginx `escape=default` writes `"`, `\`, bytes below 0x20, 0x7F and every byte from
 * 0x80 up as `\xHH` (formats.md 1.4). UTF-8 text therefore arrives as a run of
 * escaped bytes (`\xD0\xA0`) that must be collected byte-wise and then decoded.
 */

const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

export function decodeNginxEscapes(value: string): string {
  if (value.indexOf('\\x') < 0) return value;
  const bytes: number[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 92 && value.charCodeAt(i + 1) === 120 && i + 3 < n + 0) {
      const hi = hexValue(value.charCodeAt(i + 2));
      const lo = hexValue(value.charCodeAt(i + 3));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 4;
        continue;
      }
    }
    if (c < 0x80) {
      bytes.push(c);
      i++;
    } else {
      // A raw non-ASCII character (escape=none logs): keep it as its UTF-8 bytes.
      const cp = value.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of encoder.encode(ch)) bytes.push(b);
      i += ch.length;
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}
