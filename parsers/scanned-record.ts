/**
 * A RequestRecord whose text fields may still be byte ranges of the input line. A
 * byte-level parser fills one of these per line (reused, never kept); the string API
 * turns it into a RequestRecord, and the ingest fast path copies the ranges straight
 * into the bulk loader's staging file without creating a string per field.
 */
import { numberAt } from './byte-text.js';
import { NONE } from './request-bounds.js';
import type { RequestRecord } from './types.js';

/** The text columns of RequestRecord, in the order of `TextField`. */
export const TEXT_FIELDS = [
  'method', 'host', 'path', 'query', 'protocol', 'client_ip', 'user_agent', 'referer',
  'request_id', 'error_reason', 'cache_status', 'upstream_addr', 'actions_executed', 'classification',
] as const satisfies readonly (keyof RequestRecord)[];

export const enum TextField {
  method, host, path, query, protocol, client_ip, user_agent, referer,
  request_id, error_reason, cache_status, upstream_addr, actions_executed, classification,
}

/** The numeric columns besides ts and status. */
export const NUMBER_FIELDS = ['upstream_status', 'bytes_sent', 'request_time_s', 'upstream_time_s'] as const satisfies readonly (keyof RequestRecord)[];

/** The bytes of a record that has no line to point into (every text field a string). */
export const NO_BYTES = Buffer.alloc(0);

export type TextFieldName = (typeof TEXT_FIELDS)[number];

/**
 * The text fields are also properties (accessors over get and set), so that the
 * string setters of nginx variables (nginx-variables.ts) can write a scanned record
 * in turn with fields read as byte ranges, in the order a line gives them.
 */
export interface ScannedRecord extends Record<TextFieldName, string | null> {}

export class ScannedRecord {
  ts = NaN;
  status = NaN;
  upstream_status: number | null = null;
  private sent: number | null = null;
  /** Where bytes_sent is in `bytes` until it is read (deferBytesSent); -1: `sent` holds it. */
  private sentFrom = -1;
  private sentTo = -1;
  request_time_s: number | null = null;
  upstream_time_s: number | null = null;
  /** The line's bytes that spans point into. */
  bytes: Buffer = Buffer.alloc(0);
  /**
   * Where the line's bytes also are in the tokenizer's WebAssembly memory, until the
   * next line is read there (ByteTokens, ByteMembers): a span's position plus this. The
   * staging encoder copies spans there (row-group-encoder.ts). NaN: the line is not
   * there (a record built from JSON.parse's object, or from strings).
   */
  memoryDelta = NaN;
  readonly from = new Int32Array(TEXT_FIELDS.length);
  readonly to = new Int32Array(TEXT_FIELDS.length);
  /** Per text field: its value, or undefined when the value is bytes[from, to) as UTF-8. */
  readonly text: (string | null | undefined)[] = TEXT_FIELDS.map(() => null);

  constructor() {
    // Each nullable number holds a number once before any code is compiled. V8 tracks
    // what kind of value a field has held: a field that held only null, then a small
    // integer, changes kind mid-run and throws away the compiled code that stores into
    // it (a parse worker's record builder and encoder, twice per worker on Cloudflare
    // lines, `--trace-deopt`). Widened here, nothing depends on it yet.
    for (const field of NUMBER_FIELDS) {
      this[field] = 0;
      this[field] = null;
    }
  }

  /**
   * The bytes sent, read from its byte range the first time it is asked for. A run whose
   * staging leaves the column out (no report reads it) never asks: reading it was 0.04
   * µs of an nginx line's 0.85 (docs/performance.md). A value set later (an nginx
   * `bytes_sent=` field after the positional one) replaces it, as before.
   */
  get bytes_sent(): number | null {
    if (this.sentFrom >= 0) {
      this.sent = numberAt(this.bytes, this.sentFrom, this.sentTo);
      this.sentFrom = -1;
    }
    return this.sent;
  }

  set bytes_sent(value: number | null) {
    this.sent = value;
    this.sentFrom = -1;
  }

  /** bytes_sent is bytes[from, to) as ByteTokens.number reads a token, when it is wanted. */
  deferBytesSent(from: number, to: number): void {
    this.sentFrom = from;
    this.sentTo = to;
  }

  /** Starts a new line: every field null. memoryDelta: see the field (the tokenizing parsers pass ByteTokens.memoryDelta). */
  reset(bytes: Buffer, ts: number, status: number, memoryDelta = NaN): void {
    this.bytes = bytes;
    this.memoryDelta = memoryDelta;
    this.ts = ts;
    this.status = status;
    this.upstream_status = null;
    this.bytes_sent = null;
    this.request_time_s = null;
    this.upstream_time_s = null;
    // A loop, not fill(): the builtin's call cost more than fourteen stores.
    const text = this.text;
    for (let f = 0; f < text.length; f++) text[f] = null;
  }

  span(field: TextField, from: number, to: number): void {
    this.from[field] = from;
    this.to[field] = to;
    this.text[field] = undefined;
  }

  /** A span, or null when from is NONE (request-bounds.ts). */
  spanOrNull(field: TextField, from: number, to: number): void {
    if (from === NONE) this.text[field] = null;
    else this.span(field, from, to);
  }

  set(field: TextField, value: string | null): void {
    this.text[field] = value;
  }

  get(field: TextField): string | null {
    const value = this.text[field];
    return value !== undefined ? value : this.bytes.toString('utf8', this.from[field], this.to[field]);
  }

  /** Takes a whole record (decoded by a slower path): every text field as a string. */
  assign(record: RequestRecord): void {
    this.reset(NO_BYTES, record.ts, record.status);
    for (const name of NUMBER_FIELDS) this[name] = record[name];
    TEXT_FIELDS.forEach((name, field) => { this.text[field] = record[name]; });
  }

  toRecord(format: string): RequestRecord {
    return {
      ts: this.ts, format, status: this.status, upstream_status: this.upstream_status,
      method: this.get(TextField.method), host: this.get(TextField.host), path: this.get(TextField.path),
      query: this.get(TextField.query), protocol: this.get(TextField.protocol), client_ip: this.get(TextField.client_ip),
      user_agent: this.get(TextField.user_agent), referer: this.get(TextField.referer), bytes_sent: this.bytes_sent,
      request_time_s: this.request_time_s, upstream_time_s: this.upstream_time_s, request_id: this.get(TextField.request_id),
      error_reason: this.get(TextField.error_reason), cache_status: this.get(TextField.cache_status),
      upstream_addr: this.get(TextField.upstream_addr), actions_executed: this.get(TextField.actions_executed),
      classification: this.get(TextField.classification),
    };
  }
}

TEXT_FIELDS.forEach((name, field) => {
  Object.defineProperty(ScannedRecord.prototype, name, {
    get(this: ScannedRecord) { return this.get(field); },
    set(this: ScannedRecord, value: string | null) { this.set(field, value); },
  });
});
