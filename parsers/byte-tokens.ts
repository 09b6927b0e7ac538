/**
 * Quote-aware tokenizer over the bytes of one line, shared by the nginx and ALB
 * parsers. It records where each token is instead of cutting strings, so that the
 * ingest fast path can copy fields from the input to the bulk loader without decoding
 * them (docs/performance.md); parsers decode only the tokens they must read as text.
 *
 * A token is one of:
 *  - `"..."`: a quoted field; `\"` inside it is an escaped quote (ALB docs; nginx
 *    `escape=default` never writes a raw quote, it writes `\x22`);
 *  - `[...]`: a bracketed field (nginx `$time_local`);
 *  - a bare run of non-space bytes, which may contain a quoted part such as
 *    `uct="0.000"` (nginx key=value timings).
 *
 * Token bounds exclude the quotes/brackets; `kind` tells which it was, so that a parser
 * can tell `"-"` from `-` where that matters. Delimiters are ASCII, which never occurs
 * inside a multi-byte UTF-8 sequence, so byte bounds cut text exactly where character
 * positions would.
 */

import { statusAt } from './byte-numbers.js';
import { isAbsentAt, numberAt, textOf } from './byte-text.js';
import { hasByte, repeated, WordView } from './byte-words.js';
import { isDash } from './request-bounds.js';
import type { ScannedRecord, TextField } from './scanned-record.js';

export const enum TokenKind { Bare = 0, Quoted = 1, Bracketed = 2 }

/** What a token holds beyond plain bytes: decoding it needs more than a copy. */
export const enum TokenFlag { None = 0, Backslash = 1, EscapedQuote = 2 }

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const SPACES = repeated(SPACE), TABS = repeated(TAB), QUOTES = repeated(QUOTE), BACKSLASHES = repeated(BACKSLASH);

export class ByteTokens {
  private readonly words = new WordView();
  count = 0;
  bytes: Buffer = Buffer.alloc(0);
  kind = new Uint8Array(64);
  from = new Int32Array(64);
  to = new Int32Array(64);
  flags = new Uint8Array(64);

  /** Tokenizes bytes[start, end). False when a quote or bracket is left open (a truncated line). */
  read(bytes: Buffer, start: number, end: number): boolean {
    this.bytes = bytes;
    this.count = 0;
    let i = start;
    while (i < end) {
      const c = bytes[i];
      if (c === SPACE || c === TAB) { i++; continue; }
      let flags = TokenFlag.None;
      let j: number;
      if (c === QUOTE) {
        // Whole words without a quote or backslash first, then byte by byte.
        const view = this.words.of(bytes);
        for (j = i + 1; j + 4 <= end; j += 4) {
          const x = view.getUint32(j, true);
          if (hasByte(x, QUOTES) || hasByte(x, BACKSLASHES)) break;
        }
        // A quote right after a backslash is escaped, not the end of the field.
        for (; ; j++) {
          if (j >= end) return false;
          const d = bytes[j];
          if (d === QUOTE) {
            if (bytes[j - 1] !== BACKSLASH) break;
            flags |= TokenFlag.EscapedQuote;
          } else if (d === BACKSLASH) {
            flags |= TokenFlag.Backslash;
          }
        }
        this.push(TokenKind.Quoted, i + 1, j, flags);
        i = j + 1;
      } else if (c === 91 /* [ */) {
        for (j = i + 1; ; j++) {
          if (j >= end) return false;
          const d = bytes[j];
          if (d === 93 /* ] */) break;
          if (d === BACKSLASH) flags |= TokenFlag.Backslash;
        }
        this.push(TokenKind.Bracketed, i + 1, j, flags);
        i = j + 1;
      } else {
        const view = this.words.of(bytes);
        for (j = i; j + 4 <= end; j += 4) {
          const x = view.getUint32(j, true);
          if (hasByte(x, SPACES) || hasByte(x, TABS) || hasByte(x, QUOTES) || hasByte(x, BACKSLASHES)) break;
        }
        for (; j < end; j++) {
          const d = bytes[j];
          if (d === SPACE || d === TAB) break;
          if (d === BACKSLASH) flags |= TokenFlag.Backslash;
          else if (d === QUOTE) {
            // key="value with spaces" belongs to the bare token.
            for (j++; ; j++) {
              if (j >= end) return false;
              const e = bytes[j];
              if (e === QUOTE) break;
              if (e === BACKSLASH) flags |= TokenFlag.Backslash;
            }
          }
        }
        this.push(TokenKind.Bare, i, j, flags);
        i = j;
      }
    }
    return true;
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

  private push(kind: TokenKind, from: number, to: number, flags: number): void {
    const k = this.count++;
    if (k === this.kind.length) this.grow();
    this.kind[k] = kind;
    this.from[k] = from;
    this.to[k] = to;
    this.flags[k] = flags;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const kind = new Uint8Array(size); kind.set(this.kind); this.kind = kind;
    const from = new Int32Array(size); from.set(this.from); this.from = from;
    const to = new Int32Array(size); to.set(this.to); this.to = to;
    const flags = new Uint8Array(size); flags.set(this.flags); this.flags = flags;
  }
}
