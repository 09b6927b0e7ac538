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
import { writeNumber, writeTimestamp } from './csv-numbers.js';

/**
 * Column order (bulk-queries.ts): ts, status, upstream_status, the first eight text
 * fields (method .. referer), bytes_sent, the two times, the other texts, line.
 */
const TEXTS_BEFORE_BYTES = 8;
type RowNumbers = Pick<RequestRecord, 'ts' | 'status' | 'upstream_status' | 'bytes_sent' | 'request_time_s' | 'upstream_time_s'>;

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;

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
    let p = this.leading(this.used, r);
    for (let f = 0; f < TEXTS_BEFORE_BYTES; f++) p = this.text(p, r[TEXT_FIELDS[f]]);
    p = this.middle(p, r);
    for (let f = TEXTS_BEFORE_BYTES; f < TEXT_FIELDS.length; f++) p = this.text(p, r[TEXT_FIELDS[f]]);
    this.end(p, line);
  }

  /** lineBytes: the length of the scanned line, which bounds every field taken from it. */
  addScanned(s: ScannedRecord, line: number, lineBytes: number): void {
    this.reserve(4 * lineBytes + 512);
    let p = this.leading(this.used, s);
    for (let f = 0; f < TEXTS_BEFORE_BYTES; f++) p = this.field(p, s, f);
    p = this.middle(p, s);
    for (let f = TEXTS_BEFORE_BYTES; f < TEXT_FIELDS.length; f++) p = this.field(p, s, f);
    this.end(p, line);
  }

  /** ts, status, upstream_status: the columns before the first text. */
  private leading(p: number, n: RowNumbers): number {
    return writeNumber(this.buffer, writeNumber(this.buffer, writeTimestamp(this.buffer, p, n.ts), n.status), n.upstream_status);
  }

  /** bytes_sent (BIGINT: a fraction from a sloppy log is cut), request and upstream time. */
  private middle(p: number, n: RowNumbers): number {
    p = writeNumber(this.buffer, p, n.bytes_sent === null ? null : Math.trunc(n.bytes_sent));
    return writeNumber(this.buffer, writeNumber(this.buffer, p, n.request_time_s), n.upstream_time_s);
  }

  private end(p: number, line: number): void {
    p = writeNumber(this.buffer, p, line);
    // Writes past a typed array's end are dropped silently: a row longer than reserved
    // must fail loudly rather than load a corrupt CSV.
    if (p > this.buffer.length) throw new Error(`CsvRows: the row of line ${line} outgrew its reserved space`);
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
