/**
 * Encodes records as CSV rows for the bulk loader (bulk-queries.ts), straight into a
 * growing buffer. Two inputs: a RequestRecord (the line-by-line path), or a
 * ScannedRecord whose text fields are still byte ranges of the input (the fast path),
 * copied without creating strings. Profiling showed string building and per-field
 * regexes costing as much as parsing (docs/performance.md).
 *
 * Every text value is quoted, with `"` doubled, so an unquoted `\N` is the only NULL
 * (read_csv: nullstr '\N', allow_quoted_nulls false). Non-ASCII bytes are decoded and
 * re-encoded as UTF-8, so invalid sequences in a log become U+FFFD as on the string
 * path instead of failing the load.
 */
import type { ScannedRecord } from '../../parsers/scanned-record.js';
import { TEXT_FIELDS } from '../../parsers/scanned-record.js';
import type { RequestRecord } from '../../parsers/types.js';

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const digits = new Uint8Array(24);
/** The last timestamp written, as CSV text: consecutive log lines mostly share their second. */
const lastTs = { value: NaN, text: new Uint8Array(24), length: 0 };

export class CsvRows {
  private buffer: Buffer;
  private used = 0;
  rows = 0;

  /**
   * Starts with a buffer of that size, or the given one. Buffers are never from Node's
   * shared pool, so that workers can hand them over.
   */
  constructor(initial: number | Buffer = 64 * 1024) {
    this.buffer = typeof initial === 'number' ? Buffer.allocUnsafeSlow(Math.max(1024, initial)) : initial;
  }

  get byteLength(): number {
    return this.used;
  }

  /** Hands over the rows so far (their buffer is not reused); the encoder starts over. */
  take(): Buffer {
    const rows = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.alloc(0);
    this.used = 0;
    this.rows = 0;
    return rows;
  }

  /** The rows so far, valid until the next add or clear. */
  view(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  /** Drops the rows so far, keeping the buffer. */
  clear(): void {
    this.used = 0;
    this.rows = 0;
  }

  addRecord(r: RequestRecord, line: number): void {
    let bound = 512;
    for (const name of TEXT_FIELDS) bound += 6 * (r[name]?.length ?? 0);
    this.reserve(bound);
    let p = this.used;
    p = this.number(this.number(this.timestamp(p, r.ts), r.status), r.upstream_status);
    p = this.text(p, r.method); p = this.text(p, r.host); p = this.text(p, r.path); p = this.text(p, r.query);
    p = this.text(p, r.protocol); p = this.text(p, r.client_ip); p = this.text(p, r.user_agent); p = this.text(p, r.referer);
    p = this.number(p, r.bytes_sent === null ? null : Math.trunc(r.bytes_sent));
    p = this.number(this.number(p, r.request_time_s), r.upstream_time_s);
    p = this.text(p, r.request_id); p = this.text(p, r.error_reason); p = this.text(p, r.cache_status);
    p = this.text(p, r.upstream_addr); p = this.text(p, r.actions_executed); p = this.text(p, r.classification);
    this.end(p, line);
  }

  /** lineBytes: the length of the scanned line, which bounds every field taken from it. */
  addScanned(s: ScannedRecord, line: number, lineBytes: number): void {
    this.reserve(4 * lineBytes + 512);
    let p = this.used;
    p = this.number(this.number(this.timestamp(p, s.ts), s.status), s.upstream_status);
    for (let f = 0; f < 8; f++) p = this.field(p, s, f); // method .. referer
    p = this.number(p, s.bytes_sent === null ? null : Math.trunc(s.bytes_sent));
    p = this.number(this.number(p, s.request_time_s), s.upstream_time_s);
    for (let f = 8; f < TEXT_FIELDS.length; f++) p = this.field(p, s, f); // request_id .. classification
    this.end(p, line);
  }

  private end(p: number, line: number): void {
    p = this.number(p, line);
    this.buffer[p - 1] = NEWLINE;
    this.used = p;
    this.rows++;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + bytes, 1024));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }

  private timestamp(p: number, ts: number): number {
    const out = this.buffer;
    if (ts !== lastTs.value) {
      const end = this.number(p, ts);
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
  private number(p: number, value: number | null): number {
    const out = this.buffer;
    if (value === null) {
      out[p++] = 92; out[p++] = 78;
    } else if (Number.isSafeInteger(value)) {
      p = this.digits(p, value);
    } else if (Math.abs(value) < 1e9 && Math.round(value * 1e6) / 1e6 === value) {
      // Timings have at most six decimals: written as such, they read back as the same
      // double (both sides round correctly), without String()'s shortest-form search.
      const micros = Math.round(Math.abs(value) * 1e6);
      if (value < 0) out[p++] = 45;
      const whole = Math.floor(micros / 1e6);
      p = this.digits(p, whole);
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
  private digits(p: number, value: number): number {
    const out = this.buffer;
    let v = value;
    if (v < 0) { out[p++] = 45; v = -v; }
    if (v >= 0x7fffffff) {
      // Timestamps (16 digits): the part above a million, then six digits.
      const high = Math.floor(v / 1e6);
      p = this.digits(p, high);
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

  /** A quoted string and its comma; `\N` for null. */
  private text(p: number, value: string | null): number {
    const out = this.buffer;
    if (value === null) {
      out[p++] = 92; out[p++] = 78; out[p++] = COMMA;
      return p;
    }
    const start = p;
    out[p++] = QUOTE;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        p = start + 1;
        p += out.write(value.indexOf('"') < 0 ? value : value.replace(/"/g, '""'), p, 'utf8');
        break;
      }
      if (c === QUOTE) out[p++] = QUOTE;
      out[p++] = c;
    }
    out[p++] = QUOTE; out[p++] = COMMA;
    return p;
  }

  /** A scanned text field: copied from the line's bytes when it is still a range. */
  private field(p: number, s: ScannedRecord, f: number): number {
    const value = s.text[f];
    if (value !== undefined) return this.text(p, value);
    const out = this.buffer;
    const bytes = s.bytes;
    const to = s.to[f];
    const start = p;
    out[p++] = QUOTE;
    for (let i = s.from[f]; i < to; i++) {
      const c = bytes[i];
      if (c >= 0x80) return this.text(start, s.get(f));
      if (c === QUOTE) out[p++] = QUOTE;
      out[p++] = c;
    }
    out[p++] = QUOTE; out[p++] = COMMA;
    return p;
  }
}
