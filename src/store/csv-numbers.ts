/**
 * Numbers as CSV text for the bulk loader (csv-rows.ts), written into a buffer without
 * String() where that can be avoided: integers digit by digit, timings with up to six
 * decimals as such, and the last timestamp's digits reused.
 */

const COMMA = 44;
const digits = new Uint8Array(24);
/** The last timestamp written, as CSV text: consecutive log lines mostly share their second. */
const lastTs = { value: NaN, text: new Uint8Array(24), length: 0 };

/** A timestamp and its comma; the last one's digits are reused. */
export function writeTimestamp(out: Buffer, p: number, ts: number): number {
  if (ts !== lastTs.value) {
    const end = writeNumber(out, p, ts);
    const fits = end - p <= lastTs.text.length;
    lastTs.value = fits ? ts : NaN;
    lastTs.length = fits ? end - p : 0;
    for (let i = 0; i < lastTs.length; i++) lastTs.text[i] = out[p + i];
    return end;
  }
  for (let i = 0; i < lastTs.length; i++) out[p + i] = lastTs.text[i];
  return p + lastTs.length;
}

/** A number and its comma; `\N` for null. */
export function writeNumber(out: Buffer, p: number, value: number | null): number {
  if (value === null) {
    out[p++] = 92; out[p++] = 78;
  } else if (Number.isSafeInteger(value)) {
    p = writeDigits(out, p, value);
  } else if (Math.abs(value) < 1e9 && Math.round(value * 1e6) / 1e6 === value) {
    // Timings have at most six decimals: written as such, they read back as the same
    // double (both sides round correctly), without String()'s shortest-form search.
    const micros = Math.round(Math.abs(value) * 1e6);
    if (value < 0) out[p++] = 45;
    const whole = Math.floor(micros / 1e6);
    p = writeDigits(out, p, whole);
    let fraction = micros - whole * 1e6;
    if (fraction > 0) {
      out[p++] = 46;
      for (let unit = 1e5; fraction > 0; unit /= 10) {
        const d = Math.floor(fraction / unit);
        out[p++] = 48 + d;
        fraction -= d * unit;
      }
    }
  } else {
    const s = String(value);
    for (let i = 0; i < s.length; i++) out[p++] = s.charCodeAt(i);
  }
  out[p++] = COMMA;
  return p;
}

/** An integer's digits: 32-bit integer arithmetic where it fits, as most values do. */
function writeDigits(out: Buffer, p: number, value: number): number {
  let v = value;
  if (v < 0) { out[p++] = 45; v = -v; }
  if (v >= 0x7fffffff) {
    // Timestamps (16 digits): the part above a million, then six digits.
    const high = Math.floor(v / 1e6);
    p = writeDigits(out, p, high);
    let low = v - high * 1e6;
    for (let unit = 100000; unit >= 1; unit = (unit / 10) | 0) {
      const d = (low / unit) | 0;
      out[p++] = 48 + d;
      low -= d * unit;
    }
    return p;
  }
  let n = 0;
  do { const q = (v / 10) | 0; digits[n++] = 48 + v - q * 10; v = q; } while (v > 0);
  while (n > 0) out[p++] = digits[--n];
  return p;
}
