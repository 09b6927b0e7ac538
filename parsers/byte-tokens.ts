/**
 * Quote-aware tokenizer over the bytes of one line, shared by the nginx and ALB
 * parsers. It records where each token is instead of cutting strings, so that the
 * ingest fast path can copy fields from the input to the bulk loader without decoding
 * them (docs/performance.md); parsers decode only the tokens they must read as text.
 *
 * The tokens are found by WebAssembly (byte-tokens.wat, which defines them: quoted,
 * bracketed and bare tokens, and their flags), in this thread's tokenizer memory
 * (token-memory.ts); this class hands it a line and reads the tokens it wrote.
 *
 * Token bounds exclude the quotes/brackets; `kind` tells which it was, so that a parser
 * can tell `"-"` from `-` where that matters. Delimiters are ASCII, which never occurs
 * inside a multi-byte UTF-8 sequence, so byte bounds cut text exactly where character
 * positions would.
 */

import { statusAt } from './byte-numbers.js';
import { isAbsentAt, numberAt, textOf } from './byte-text.js';
import { isDash } from './request-bounds.js';
import type { ScannedRecord, TextField } from './scanned-record.js';
import { TOKEN_CAP, tokenMemory, type TokenMemory } from './token-memory.js';

export const enum TokenKind { Bare = 0, Quoted = 1, Bracketed = 2 }

/** What a token holds beyond plain bytes: decoding it needs more than a copy. */
export const enum TokenFlag { None = 0, Backslash = 1, EscapedQuote = 2 }

const OPEN = -1, FULL = -2;
/** The longest token keep() keeps. */
const KEPT_BYTES = 64;

export class ByteTokens {
  /** This thread's tokenizer memory, and where the tokenizer writes this object's tokens: taken on the first read (no WebAssembly is made for a module that only loads). */
  private memory: TokenMemory | null = null;
  private slot = 0;
  /** The memory growths the views below were made after. */
  private generation = -1;
  /** Where the kept token's bytes are in memory (-1: no room taken yet), and their length (-1: none kept). */
  private keptAt = -1;
  private keptLength = -1;
  /** Whether the arrays hold a line of more than TOKEN_CAP tokens (copied out of memory). */
  private long = false;
  count = 0;
  bytes: Buffer = Buffer.alloc(0);
  /** Where the last line read is in the tokenizer's memory: its position in `bytes` plus this (ScannedRecord.memoryDelta). */
  memoryDelta = 0;
  kind = new Uint8Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  flags = new Uint8Array(0);

  /** Tokenizes bytes[start, end). False when a quote or bracket is left open (a truncated line). */
  read(bytes: Buffer, start: number, end: number): boolean {
    this.bytes = bytes;
    const memory = this.memory ?? this.takeSlot();
    const at = memory.locate(bytes, start, end);
    const bias = start - at;
    this.memoryDelta = -bias;
    const count = memory.read(at, at + end - start, bias, this.slot, TOKEN_CAP);
    if (this.generation !== memory.generation || this.long) this.view();
    if (count >= 0) {
      this.count = count;
      return true;
    }
    return count === FULL && this.readLong(at + end - start, bias);
  }

  /** Token k decoded as UTF-8, with `\"` unescaped in quoted tokens. */
  text(k: number): string {
    const value = textOf(this.bytes, this.from[k], this.to[k]);
    return (this.flags[k] & TokenFlag.EscapedQuote) !== 0 ? value.replace(/\\"/g, '"') : value;
  }

  /** Token k as a status (parseStatus): NaN unless one to four digits. */
  status(k: number): number {
    return statusAt(this.bytes, this.from[k], this.to[k]);
  }

  /** Token k as parseNumber reads it: null when absent or not a finite number. */
  number(k: number): number | null {
    return k < this.count ? numberAt(this.bytes, this.from[k], this.to[k]) : null;
  }

  /** `-`: "not logged" in access logs. */
  isDash(k: number): boolean {
    return isDash(this.bytes, this.from[k], this.to[k]);
  }

  /** `-` or empty: "not logged" in access logs. */
  isAbsent(k: number): boolean {
    return isAbsentAt(this.bytes, this.from[k], this.to[k]);
  }

  /**
   * Token k as a text field of out: a byte range, unless it is absent (`-`, empty, or
   * past the end of a short line: null) or holds escaped quotes (decoded).
   */
  toField(out: ScannedRecord, field: TextField, k: number): void {
    if (k >= this.count || this.isAbsent(k)) out.set(field, null);
    else if ((this.flags[k] & TokenFlag.EscapedQuote) !== 0) out.set(field, this.text(k));
    else out.span(field, this.from[k], this.to[k]);
  }

  /** Token k as out's bytes sent (number()), read only if it is wanted (ScannedRecord.bytes_sent). */
  toBytesSent(out: ScannedRecord, k: number): void {
    if (k < this.count) out.deferBytesSent(this.from[k], this.to[k]);
    else out.bytes_sent = null;
  }

  private takeSlot(): TokenMemory {
    const memory = tokenMemory();
    this.slot = memory.slot();
    this.memory = memory;
    return memory;
  }

  /**
   * Whether token k has the bytes of the token last kept (keep), compared in
   * WebAssembly: nginx's time, which most lines share with the line before.
   */
  sameAsKept(k: number): boolean {
    const length = this.to[k] - this.from[k];
    return length === this.keptLength && this.memory!.same(this.from[k] + this.memoryDelta, this.keptAt, length) === 1;
  }

  /** Keeps token k's bytes (up to KEPT_BYTES; a longer token is not kept) for sameAsKept. */
  keep(k: number): void {
    const memory = this.memory!;
    const length = this.to[k] - this.from[k];
    if (this.keptAt < 0) this.keptAt = memory.area(KEPT_BYTES);
    if (length > KEPT_BYTES || this.keptAt < 0) { this.keptLength = -1; return; }
    memory.move(this.keptAt, this.from[k] + this.memoryDelta, length);
    this.keptLength = length;
  }

  /** Points the arrays at this object's slot in the current memory. */
  private view(): void {
    const { buffer, generation } = this.memory!;
    this.from = new Int32Array(buffer, this.slot, TOKEN_CAP);
    this.to = new Int32Array(buffer, this.slot + 4 * TOKEN_CAP, TOKEN_CAP);
    this.kind = new Uint8Array(buffer, this.slot + 8 * TOKEN_CAP, TOKEN_CAP);
    this.flags = new Uint8Array(buffer, this.slot + 9 * TOKEN_CAP, TOKEN_CAP);
    this.generation = generation;
    this.long = false;
  }

  /**
   * A line of more than TOKEN_CAP tokens: the first call filled the slot; the slot is
   * copied out and the tokenizer goes on where it stopped, until the line is done.
   */
  private readLong(end: number, bias: number): boolean {
    const memory = this.memory!;
    const slot = [this.from, this.to, this.kind, this.flags] as const;
    let copies = [new Int32Array(2 * TOKEN_CAP), new Int32Array(2 * TOKEN_CAP), new Uint8Array(2 * TOKEN_CAP), new Uint8Array(2 * TOKEN_CAP)] as const;
    let total = 0;
    for (let count = FULL; ;) {
      const n = count === FULL ? TOKEN_CAP : count;
      if (total + n > copies[0].length) copies = [grown(copies[0], total + n), grown(copies[1], total + n), grown(copies[2], total + n), grown(copies[3], total + n)] as const;
      for (let a = 0; a < 4; a++) copies[a].set(slot[a].subarray(0, n), total);
      total += n;
      if (count !== FULL) break;
      count = memory.read(memory.resume, end, bias, this.slot, TOKEN_CAP);
      if (count === OPEN) return false;
    }
    [this.from, this.to, this.kind, this.flags] = copies;
    this.long = true;
    this.count = total;
    return true;
  }
}

/** A copy of a with room for at least size elements. */
function grown<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const copy = new (a.constructor as new (length: number) => T)(2 * size);
  copy.set(a);
  return copy;
}
