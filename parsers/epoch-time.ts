/**
 * Epoch numbers in an unknown unit (seconds, milliseconds, microseconds or
 * nanoseconds), to UTC microseconds. Nanoseconds exceed 2^53, so their last digits are
 * cut as digits, never through a float (Cloudflare unixnano: formats.md 3.1).
 */
import { isDigitCode } from './byte-numbers.js';
import { codeUnits, type Units } from './request-bounds.js';

/**
 * An epoch number given as a digit string (possibly with a fraction), in an unknown
 * unit. Following the magnitudes real exports use (Elastic's Cloudflare pipeline):
 * more than 18 integer digits or above 1e17 → nanoseconds, above 1e14 → microseconds,
 * above 1e11 → milliseconds, otherwise seconds. nginx `$msec` is seconds with a
 * millisecond fraction (`1700000000.123`).
 */
export function parseEpochDigits(value: string): number {
  // `\d{1,20}(\.\d{1,9})?`, read by position (every Cloudflare line has one).
  const v = value.trim();
  const n = v.length;
  const integer = epochIntegerAt(codeUnits(v), 0, n);
  if (!Number.isNaN(integer)) return integer;
  let dot = 0;
  while (dot < n && isDigitCode(v.charCodeAt(dot))) dot++;
  if (dot === 0 || dot > 20) return NaN;
  let frac = '';
  if (dot < n) {
    if (v.charCodeAt(dot) !== 46 /* . */ || n - dot - 1 < 1 || n - dot - 1 > 9) return NaN;
    for (let i = dot + 1; i < n; i++) if (!isDigitCode(v.charCodeAt(i))) return NaN;
    frac = v.slice(dot + 1);
  }
  let zeros = 0;
  while (zeros < dot - 1 && v.charCodeAt(zeros) === 48) zeros++;
  const int = v.slice(zeros, dot);
  if (int.length >= 18) {
    // nanoseconds: drop the last three integer digits as text, no float rounding.
    return Number(int.slice(0, int.length - 3));
  }
  if (int.length >= 15) return Number(int) + Number(('0.' + (frac || '0')));
  if (int.length >= 12) return Number(int) * 1000 + Math.floor(Number('0.' + (frac || '0')) * 1000);
  return Number(int) * 1_000_000 + Number((frac + '000000').slice(0, 6));
}

/**
 * The number `count` digits at u[from] spell, as Number() reads them, through 16 digits:
 * fifteen make an exact integer, and m * 10 + d is then one correctly rounded step
 * (m * 10 is even and below 2^54, so exact). NaN beyond.
 */
function digitsValue(u: Units, from: number, count: number): number {
  if (count > 16) return NaN;
  let m = 0;
  for (let i = from; i < from + count; i++) m = m * 10 + (u[i] - 48);
  return m;
}

/**
 * Whole epoch digits in u[from, to) (no sign, no fraction; bytes or code units) by
 * parseEpochDigits's rules, without making strings: a Cloudflare unixnano is 19 digits.
 * NaN for other text, and for the few forms that need more than 16 digits kept (the
 * string rules then decide).
 */
export function epochIntegerAt(u: Units, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 20) return NaN;
  for (let i = from; i < to; i++) if (!isDigitCode(u[i])) return NaN;
  let zeros = from;
  while (zeros < to - 1 && u[zeros] === 48) zeros++;
  const length = to - zeros;
  if (length >= 18) return digitsValue(u, zeros, length - 3); // nanoseconds: the last three digits go
  if (length >= 15) return digitsValue(u, zeros, length);
  if (length >= 12) return digitsValue(u, zeros, length) * 1000;
  return digitsValue(u, zeros, length) * 1_000_000;
}
