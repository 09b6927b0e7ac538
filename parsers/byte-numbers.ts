/**
 * Numbers read straight from a line's bytes, with the same results as the string
 * rules in values.ts (parseStatus, parseNumber), which a test checks over tricky and
 * random inputs. Making a string only to read a number back was a tenth of ALB's
 * parse time (docs/performance.md).
 */

/** Whether a byte (or code unit) is an ASCII digit. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** 10^0 .. 10^15, all exact doubles. */
const POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** parseStatus over bytes[from, to): one to four digits, else NaN. */
export function statusAt(bytes: Uint8Array, from: number, to: number): number {
  const length = to - from;
  if (length === 0 || length > 4) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A plain decimal in bytes[from, to): optional `-`, digits, optional `.` and digits,
 * fifteen digits at most. The digits make an exact integer m and the result is
 * m / 10^f, one correctly rounded division: the double Number() gives for the same
 * text. Anything else (exponents, `+`, more digits) is NaN, and the caller falls
 * back to Number().
 */
export function plainDecimalAt(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = i < to && bytes[i] === 45;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < to; i++) {
    const c = bytes[i];
    if (c === 46 && fraction < 0) { fraction = 0; continue; }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    m = m * 10 + d;
    digits++;
    if (fraction >= 0) fraction++;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = fraction > 0 ? m / POWERS[fraction] : m;
  return negative ? -value : value;
}
