/**
 * The JSON grammar (RFC 8259) over a line's bytes: whitespace, strings with their
 * escapes and no raw control characters, numbers, the three literals, and nested
 * objects and arrays, each checked and skipped. Each method returns where the value
 * read ends, or -1 when the bytes are not JSON; ByteMembers (json-scan.ts) reads an
 * object's members with it. Ordinary string bytes are skipped four at a time
 * (byte-words.ts).
 */
import { isDigitCode } from './byte-numbers.js';
import { hasByte, hasControl, repeated, sameBytes, WordView } from './byte-words.js';
import { JsonKind } from './json-members.js';

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

export class JsonGrammar {
  /** The buffer being read (a chunk of lines). */
  bytes: Buffer = Buffer.alloc(0);
  /** Set by the value just read. */
  protected valueKind = JsonKind.Absent;
  /** Set by the string just read: whether it holds escapes. */
  protected stringEscaped = false;
  private readonly words = new WordView();

  protected space(i: number, end: number): number {
    const bytes = this.bytes;
    while (i < end) {
      const c = bytes[i];
      if (c !== SPACE && c !== TAB && c !== LF && c !== CR) break;
      i++;
    }
    return i;
  }

  /** The end of the value at i (after it), or -1; sets valueKind. */
  protected value(i: number, end: number, depth: number): number {
    if (i >= end) return -1;
    const c = this.bytes[i];
    if (c === QUOTE) {
      this.valueKind = JsonKind.String;
      return this.string(i, end);
    }
    if (c === MINUS || isDigitCode(c)) {
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
  protected string(i: number, end: number): number {
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
    if (j >= end || !isDigitCode(bytes[j])) return -1;
    if (bytes[j++] !== 48) while (j < end && isDigitCode(bytes[j])) j++;
    if (j < end && bytes[j] === DOT) {
      const digits = ++j;
      while (j < end && isDigitCode(bytes[j])) j++;
      if (j === digits) return -1;
    }
    if (j < end && (bytes[j] === 101 || bytes[j] === 69)) {
      j++;
      if (j < end && (bytes[j] === PLUS || bytes[j] === MINUS)) j++;
      const digits = j;
      while (j < end && isDigitCode(bytes[j])) j++;
      if (j === digits) return -1;
    }
    return j;
  }
}
