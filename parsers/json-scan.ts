/**
 * Reads the members of a one-line JSON object from its bytes, in place. The whole
 * line is checked against the JSON grammar (RFC 8259: whitespace, strings with
 * their escapes and no raw control characters, numbers, literals, nested values) by
 * the WebAssembly reader (`members` in byte-tokens.wat, the grammar's only
 * definition), and only the members a format asks for are recorded, as byte ranges.
 * String values without escapes stay bytes all the way to the staging file, which is
 * what makes this faster than JSON.parse followed by re-encoding every string
 * (docs/performance.md).
 *
 * read() answers false whenever it cannot vouch for giving JSON.parse's answers: not
 * JSON, a key spelled with escapes (it could name a wanted key), a wanted key given
 * twice (JSON.parse keeps the last), nesting deeper than 32, more than MEMBER_CAP
 * members, or no WebAssembly (node --jitless). The caller then decodes the line and
 * lets JSON.parse decide (ObjectMembers), so the two sources never disagree.
 */
import { isDigitCode, plainDecimalAt } from './byte-numbers.js';
import { textOf } from './byte-text.js';
import { JsonKind, numberInText, type JsonMembers } from './json-members.js';
import type { KeyTable } from './key-table.js';
import type { ScannedRecord, TextField } from './scanned-record.js';
import { epochIntegerAt } from './epoch-time.js';
import { MEMO_POSITIONS, MemberSlot } from './member-slot.js';

/** In a member's kind byte (byte-tokens.wat): the value is a string with an escape; the key is the memo's at its position. */
const ESCAPED = 128, SAME_KEY = 64;

export class ByteMembers implements JsonMembers {
  /** The buffer being read (a chunk of lines). */
  bytes: Buffer = Buffer.alloc(0);
  private readonly kinds: Uint8Array;
  /** Each member's value: [from, to) of its JSON text, quotes included. */
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly escaped: Uint8Array;
  /**
   * The key found for each of the first MEMO_POSITIONS member positions, in step with
   * the reader's memo of their bytes: lines of one log repeat their keys in order, and
   * a key the reader calls the same as the memo's is this one without a lookup.
   */
  private readonly lastKeys = new Int32Array(MEMO_POSITIONS).fill(-1);
  /** The wanted members of the last line read, in the line's order: order[0 .. count). */
  readonly order: Int32Array;
  count = 0;
  /** Where the last line read is in the WebAssembly memory: its position in `bytes` plus this (ScannedRecord.memoryDelta). */
  memoryDelta = NaN;

  constructor(private readonly keys: KeyTable) {
    const n = keys.wanted;
    this.kinds = new Uint8Array(n);
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    this.escaped = new Uint8Array(n);
    this.order = new Int32Array(n);
  }

  /** Reads bytes[start, end); false when JSON.parse must decide (see the top of this file). */
  read(bytes: Buffer, start: number, end: number): boolean {
    this.bytes = bytes;
    const kinds = this.kinds;
    for (let k = 0; k < kinds.length; k++) kinds[k] = JsonKind.Absent; // fill()'s call cost more than the stores
    this.count = 0;
    const slot = MemberSlot.get();
    if (slot === null) return false;
    // Another reader used the memo since this one: the keys kept for its positions are not this reader's.
    if (!slot.owns(this)) this.lastKeys.fill(-1);
    const n = slot.read(this, bytes, start, end);
    this.memoryDelta = slot.delta;
    if (n < 0) return false;
    const { keyFrom, keyTo, memberFrom, memberTo, memberKinds } = slot;
    const { lastKeys, keys } = this;
    const wanted = keys.wanted;
    // Every member's key is settled, even after a wanted key repeats: the memo has taken the line's keys.
    let repeated = false;
    for (let member = 0; member < n; member++) {
      const kind = memberKinds[member];
      let k: number;
      if ((kind & SAME_KEY) !== 0) k = lastKeys[member];
      else {
        k = keys.find(bytes, keyFrom[member], keyTo[member]);
        if (member < MEMO_POSITIONS) lastKeys[member] = k;
      }
      if (k >= 0 && k < wanted) {
        if (kinds[k] !== JsonKind.Absent) { repeated = true; continue; }
        kinds[k] = kind & 7;
        this.from[k] = memberFrom[member];
        this.to[k] = memberTo[member];
        this.escaped[k] = (kind & ESCAPED) === 0 ? 0 : 1;
        this.order[this.count++] = k;
      }
    }
    return !repeated;
  }

  kind(k: number): JsonKind {
    return this.kinds[k];
  }

  /** A string member decoded: escapes resolved by JSON.parse, else the bytes as UTF-8. */
  private stringValue(k: number): string {
    if (this.escaped[k] !== 0) return JSON.parse(this.bytes.toString('utf8', this.from[k], this.to[k])) as string;
    return textOf(this.bytes, this.from[k] + 1, this.to[k] - 1);
  }

  private numberAt(from: number, to: number): number {
    const plain = plainDecimalAt(this.bytes, from, to);
    return Number.isNaN(plain) ? Number(textOf(this.bytes, from, to)) : plain;
  }

  text(k: number): string | null {
    switch (this.kinds[k]) {
      case JsonKind.String: return this.stringValue(k);
      case JsonKind.Number: return String(this.numberValue(k));
      case JsonKind.True: return 'true';
      case JsonKind.False: return 'false';
      default: return null;
    }
  }

  hasText(k: number): boolean {
    const kind = this.kinds[k];
    if (kind === JsonKind.String) return this.to[k] - this.from[k] > 2;
    return kind === JsonKind.Number || kind === JsonKind.True || kind === JsonKind.False;
  }

  toField(out: ScannedRecord, field: TextField, k: number): void {
    if (this.isPlainString(k)) {
      if (this.to[k] - this.from[k] > 2) out.span(field, this.from[k] + 1, this.to[k] - 1);
      else out.set(field, null);
    } else {
      const text = this.text(k);
      out.set(field, text === '' ? null : text);
    }
  }

  number(k: number): number | null {
    const kind = this.kinds[k];
    if (kind === JsonKind.Number) {
      const n = this.numberValue(k);
      return Number.isFinite(n) ? n : null;
    }
    if (kind !== JsonKind.String) return null;
    if (this.escaped[k] === 0) {
      const plain = plainDecimalAt(this.bytes, this.from[k] + 1, this.to[k] - 1);
      if (!Number.isNaN(plain)) return plain;
    }
    return numberInText(this.stringValue(k));
  }

  numberValue(k: number): number {
    return this.numberAt(this.from[k], this.to[k]);
  }

  integerDigits(k: number): string | undefined {
    if (this.kinds[k] !== JsonKind.Number) return undefined;
    for (let i = this.from[k]; i < this.to[k]; i++) if (!isDigitCode(this.bytes[i])) return undefined;
    return textOf(this.bytes, this.from[k], this.to[k]);
  }

  epochMicros(k: number): number {
    return this.kinds[k] === JsonKind.Number ? epochIntegerAt(this.bytes, this.from[k], this.to[k]) : NaN;
  }

  json(k: number): string {
    return JSON.stringify(JSON.parse(this.bytes.toString('utf8', this.from[k], this.to[k])));
  }

  isPlainString(k: number): boolean {
    return this.kinds[k] === JsonKind.String && this.escaped[k] === 0;
  }

  /** A member's JSON text: [valueFrom, valueTo), quotes included. */
  valueFrom(k: number): number {
    return this.from[k];
  }

  valueTo(k: number): number {
    return this.to[k];
  }

  stringFrom(k: number): number {
    return this.from[k] + 1;
  }

  stringTo(k: number): number {
    return this.to[k] - 1;
  }
}
