/**
 * Reads the members of a one-line JSON object from its bytes, in place. The whole
 * line is checked against the JSON grammar (RFC 8259: whitespace, strings with
 * their escapes and no raw control characters, numbers, literals, nested values),
 * and only the members a format asks for are recorded, as byte ranges. String values
 * without escapes stay bytes all the way to the staging file, which is what makes
 * this faster than JSON.parse followed by re-encoding every string
 * (docs/performance.md).
 *
 * read() answers false whenever it cannot vouch for giving JSON.parse's answers: not
 * JSON, a key spelled with escapes (it could name a wanted key), a wanted key given
 * twice (JSON.parse keeps the last), or nesting deeper than MAX_DEPTH. The caller
 * then decodes the line and lets JSON.parse decide (ObjectMembers), so the two
 * sources never disagree.
 */
import { plainDecimalAt } from './byte-numbers.js';
import { hasByte, hasControl, repeated, WordView } from './byte-words.js';
import { textOf } from './byte-tokens.js';
import { JsonKind, numberInText, type JsonMembers } from './json-members.js';
import type { ScannedRecord, TextField } from './scanned-record.js';

const SPACE = 32, TAB = 9, LF = 10, CR = 13;
const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, MINUS = 45, PLUS = 43, DOT = 46;
const OPEN_OBJECT = 123, CLOSE_OBJECT = 125, OPEN_ARRAY = 91, CLOSE_ARRAY = 93;
const MAX_DEPTH = 32;
const QUOTES = repeated(QUOTE), BACKSLASHES = repeated(BACKSLASH);

/** `"`, `\`, `/`, b, f, n, r, t: the characters a backslash may escape besides `u`. */
const SIMPLE_ESCAPES = new Uint8Array(128);
for (const c of '"\\/bfnrt') SIMPLE_ESCAPES[c.charCodeAt(0)] = 1;
const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const TRUE = Buffer.from('true'), FALSE = Buffer.from('false'), NULL = Buffer.from('null');

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether bytes[from, to) is word (a loop: Buffer.compare's call cost dominated short keys). */
function sameBytes(word: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let i = 0; i < word.length; i++) if (word[i] !== bytes[from + i]) return false;
  return true;
}

/** Keys a line's members may have besides the wanted ones, learned as they come (bounded). */
const MAX_LEARNED_KEYS = 512;

/**
 * Keys by their bytes, so that no key becomes a string: an open-addressing hash table
 * of the wanted keys (indexes 0 .. wanted - 1) and of other keys as they are met
 * (indexes from `wanted`), which lets a reader predict a line's keys from the last.
 */
export class KeyTable {
  readonly wanted: number;
  private readonly encoded: Buffer[] = [];
  /** Each key's first length & ~3 bytes as little-endian words, compared four bytes at a time. */
  private readonly words: Uint32Array[] = [];
  private readonly view = new WordView();
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(readonly keys: readonly string[]) {
    this.wanted = keys.length;
    let size = 16;
    while (size < (keys.length + MAX_LEARNED_KEYS) * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const key of keys) this.add(Buffer.from(key, 'utf8'));
  }

  private add(key: Buffer): number {
    let slot = KeyTable.hash(key, 0, key.length) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.encoded.push(key);
    const words = new Uint32Array(key.length >> 2);
    for (let w = 0; w < words.length; w++) words[w] = key.readUInt32LE(w * 4);
    this.words.push(words);
    this.slots[slot] = this.encoded.length;
    return this.encoded.length - 1;
  }

  private static hash(bytes: Uint8Array, from: number, to: number): number {
    let h = to - from;
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + bytes[i]) | 0;
    return h;
  }

  /** The index of the key bytes[from, to), learning it when new and there is room; else -1. */
  find(bytes: Uint8Array, from: number, to: number): number {
    for (let slot = KeyTable.hash(bytes, from, to) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      if (sameBytes(this.encoded[entry - 1], bytes, from, to)) return entry - 1;
    }
    return this.encoded.length < this.wanted + MAX_LEARNED_KEYS ? this.add(Buffer.from(bytes.subarray(from, to))) : -1;
  }

  /**
   * Whether key k, then a closing quote, is at bytes[from, end). A known key has no
   * quote, backslash or control character, so this also checks it as a JSON string.
   */
  isAt(k: number, bytes: Uint8Array, from: number, end: number): boolean {
    const key = this.encoded[k];
    if (from + key.length >= end || bytes[from + key.length] !== QUOTE) return false;
    const view = this.view.of(bytes);
    const words = this.words[k];
    for (let w = 0; w < words.length; w++) if (view.getUint32(from + w * 4, true) !== words[w]) return false;
    for (let i = words.length * 4; i < key.length; i++) if (key[i] !== bytes[from + i]) return false;
    return true;
  }

  /** After key k and its quotes, when it starts at the opening quote at i. */
  endAfter(k: number, i: number): number {
    return i + this.encoded[k].length + 2;
  }
}

export class ByteMembers implements JsonMembers {
  bytes: Buffer = Buffer.alloc(0);
  private readonly kinds: Uint8Array;
  /** Each member's value: [from, to) of its JSON text, quotes included. */
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly escaped: Uint8Array;
  /** Set by the value just read. */
  private valueKind = JsonKind.Absent;
  private stringEscaped = false;
  /**
   * The key of each member position in the last line that was read: lines of one log
   * repeat their keys in order, so one comparison usually finds and checks a key.
   */
  private readonly lastKeys = new Int32Array(64).fill(-1);
  private readonly words = new WordView();

  constructor(private readonly keys: KeyTable) {
    const n = keys.wanted;
    this.kinds = new Uint8Array(n);
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    this.escaped = new Uint8Array(n);
  }

  /** Reads bytes[start, end); false when JSON.parse must decide (see the top of this file). */
  read(bytes: Buffer, start: number, end: number): boolean {
    this.bytes = bytes;
    this.kinds.fill(JsonKind.Absent);
    let i = this.space(start, end);
    if (i >= end || bytes[i] !== OPEN_OBJECT) return false;
    i = this.space(i + 1, end);
    if (i < end && bytes[i] === CLOSE_OBJECT) return this.space(i + 1, end) === end;
    for (let member = 0; ; member++) {
      if (i >= end || bytes[i] !== QUOTE) return false;
      let k = member < 64 ? this.lastKeys[member] : -1;
      let keyEnd: number;
      if (k >= 0 && this.keys.isAt(k, bytes, i + 1, end)) {
        keyEnd = this.keys.endAfter(k, i);
      } else {
        keyEnd = this.string(i, end);
        if (keyEnd < 0 || this.stringEscaped) return false;
        k = this.keys.find(bytes, i + 1, keyEnd - 1);
        if (member < 64) this.lastKeys[member] = k;
      }
      i = this.space(keyEnd, end);
      if (i >= end || bytes[i] !== COLON) return false;
      const valueStart = this.space(i + 1, end);
      const valueEnd = this.value(valueStart, end, 1);
      if (valueEnd < 0) return false;
      if (k >= 0 && k < this.keys.wanted) {
        if (this.kinds[k] !== JsonKind.Absent) return false;
        this.kinds[k] = this.valueKind;
        this.from[k] = valueStart;
        this.to[k] = valueEnd;
        this.escaped[k] = this.valueKind === JsonKind.String && this.stringEscaped ? 1 : 0;
      }
      i = this.space(valueEnd, end);
      if (i >= end) return false;
      if (bytes[i] === CLOSE_OBJECT) return this.space(i + 1, end) === end;
      if (bytes[i] !== COMMA) return false;
      i = this.space(i + 1, end);
    }
  }

  private space(i: number, end: number): number {
    const bytes = this.bytes;
    while (i < end) {
      const c = bytes[i];
      if (c !== SPACE && c !== TAB && c !== LF && c !== CR) break;
      i++;
    }
    return i;
  }

  /** The end of the value at i (after it), or -1; sets valueKind. */
  private value(i: number, end: number, depth: number): number {
    if (i >= end) return -1;
    const c = this.bytes[i];
    if (c === QUOTE) {
      this.valueKind = JsonKind.String;
      return this.string(i, end);
    }
    if (c === MINUS || isDigit(c)) {
      this.valueKind = JsonKind.Number;
      return this.numberEnd(i, end);
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth >= MAX_DEPTH) return -1;
      const after = this.nested(i, end, depth, c === OPEN_OBJECT);
      this.valueKind = c === OPEN_OBJECT ? JsonKind.Object : JsonKind.Array;
      return after;
    }
    const word = c === 116 ? TRUE : c === 102 ? FALSE : c === 110 ? NULL : null;
    if (word === null || i + word.length > end || !sameBytes(word, this.bytes, i, i + word.length)) return -1;
    this.valueKind = word === TRUE ? JsonKind.True : word === FALSE ? JsonKind.False : JsonKind.Null;
    return i + word.length;
  }

  /** An object's members or an array's elements, checked and skipped. */
  private nested(i: number, end: number, depth: number, isObject: boolean): number {
    const bytes = this.bytes;
    const close = isObject ? CLOSE_OBJECT : CLOSE_ARRAY;
    i = this.space(i + 1, end);
    if (i < end && bytes[i] === close) return i + 1;
    for (;;) {
      if (isObject) {
        if (i >= end || bytes[i] !== QUOTE) return -1;
        i = this.string(i, end);
        if (i < 0) return -1;
        i = this.space(i, end);
        if (i >= end || bytes[i] !== COLON) return -1;
        i = this.space(i + 1, end);
      }
      i = this.value(i, end, depth + 1);
      if (i < 0) return -1;
      i = this.space(i, end);
      if (i >= end) return -1;
      if (bytes[i] === close) return i + 1;
      if (bytes[i] !== COMMA) return -1;
      i = this.space(i + 1, end);
    }
  }

  /** The end of the string whose opening quote is at i (after the closing quote), or -1; sets stringEscaped. */
  private string(i: number, end: number): number {
    const bytes = this.bytes;
    let escaped = false;
    // Whole words of plain characters first, then byte by byte.
    const view = this.words.of(bytes);
    let j = i + 1;
    for (; j + 4 <= end; j += 4) {
      const x = view.getUint32(j, true);
      if (hasByte(x, QUOTES) || hasByte(x, BACKSLASHES) || hasControl(x)) break;
    }
    for (; j < end; j++) {
      const c = bytes[j];
      if (c === QUOTE) {
        this.stringEscaped = escaped;
        return j + 1;
      }
      if (c === BACKSLASH) {
        escaped = true;
        const e = bytes[++j];
        if (j >= end) return -1;
        if (e === 117 /* u */) {
          if (j + 4 >= end || !HEX[bytes[j + 1]] || !HEX[bytes[j + 2]] || !HEX[bytes[j + 3]] || !HEX[bytes[j + 4]]) return -1;
          j += 4;
        } else if (e >= 128 || SIMPLE_ESCAPES[e] === 0) return -1;
      } else if (c < 0x20) return -1;
    }
    return -1;
  }

  /** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: the end of the number at i, or -1. */
  private numberEnd(i: number, end: number): number {
    const bytes = this.bytes;
    let j = bytes[i] === MINUS ? i + 1 : i;
    if (j >= end || !isDigit(bytes[j])) return -1;
    if (bytes[j++] !== 48) while (j < end && isDigit(bytes[j])) j++;
    if (j < end && bytes[j] === DOT) {
      const digits = ++j;
      while (j < end && isDigit(bytes[j])) j++;
      if (j === digits) return -1;
    }
    if (j < end && (bytes[j] === 101 || bytes[j] === 69)) {
      j++;
      if (j < end && (bytes[j] === PLUS || bytes[j] === MINUS)) j++;
      const digits = j;
      while (j < end && isDigit(bytes[j])) j++;
      if (j === digits) return -1;
    }
    return j;
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
    for (let i = this.from[k]; i < this.to[k]; i++) if (!isDigit(this.bytes[i])) return undefined;
    return textOf(this.bytes, this.from[k], this.to[k]);
  }

  json(k: number): string {
    return JSON.stringify(JSON.parse(this.bytes.toString('utf8', this.from[k], this.to[k])));
  }

  isPlainString(k: number): boolean {
    return this.kinds[k] === JsonKind.String && this.escaped[k] === 0;
  }

  stringFrom(k: number): number {
    return this.from[k] + 1;
  }

  stringTo(k: number): number {
    return this.to[k] - 1;
  }
}
