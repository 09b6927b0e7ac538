/**
 * The top-level members of a JSON object that a format reads, looked up by key index,
 * from either of two sources that give the same answers:
 *  - ByteMembers (json-scan.ts) reads a line's bytes in place, so that string values
 *    can go to the staging file as byte ranges without becoming strings;
 *  - ObjectMembers reads a value JSON.parse or stream-json already decoded (elements
 *    of JSON array batches, and lines the byte reader leaves to JSON.parse).
 * A format's rules are written once, against JsonMembers (cloudflare.ts).
 */
import { jsonText, type JsonObject } from './json-line.js';
import type { ScannedRecord, TextField } from './scanned-record.js';

export const enum JsonKind { Absent = 0, String, Number, True, False, Null, Object, Array }

export interface JsonMembers {
  kind(k: number): JsonKind;
  /** jsonText of the member: a string as it is, a number or boolean formatted, else null. */
  text(k: number): string | null;
  /** Whether text(k) is neither null nor empty. */
  hasText(k: number): boolean;
  /** text(k) as a text field of out, '' as null; a byte range of out.bytes where possible. */
  toField(out: ScannedRecord, field: TextField, k: number): void;
  /** A number, or a string holding one (surrounding spaces allowed); null otherwise or when not finite. */
  number(k: number): number | null;
  /** A member of kind Number: its value. */
  numberValue(k: number): number;
  /**
   * The digits of an integer member too large for a double to hold exactly, when the
   * source still has them (Cloudflare unixnano times: formats.md 3.1).
   */
  integerDigits(k: number): string | undefined;
  /**
   * A number member written as whole digits, as epoch microseconds by parseEpochDigits's
   * rules (epochIntegerAt), when the source still has its digits; NaN otherwise.
   */
  epochMicros(k: number): number;
  /** The member as JSON, for error messages. */
  json(k: number): string;
  /** Whether member k is a string whose value is its bytes in place (stringFrom/stringTo of out.bytes). */
  isPlainString(k: number): boolean;
  stringFrom(k: number): number;
  stringTo(k: number): number;
}

/** A string holding a number, the way Number() reads it; blank is null. */
export function numberInText(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class ObjectMembers implements JsonMembers {
  private object: JsonObject = {};
  private line: string | undefined;
  /** Per key, where its digits stand in a line's raw text. */
  private readonly digitPatterns: RegExp[];

  constructor(private readonly keys: readonly string[]) {
    // The digits must be the whole value: `1.7e18` or `17e260` are not a string of digits cut short.
    this.digitPatterns = keys.map((key) => new RegExp(`"${escapeRegExp(key)}"\\s*:\\s*(\\d+)(?=\\s*[,}\\]])`));
  }

  /** line: the raw JSON the object was parsed from, when there is one. */
  reset(object: JsonObject, line?: string): void {
    this.object = object;
    this.line = line;
  }

  private value(k: number): unknown {
    return this.object[this.keys[k]];
  }

  kind(k: number): JsonKind {
    const value = this.value(k);
    switch (typeof value) {
      case 'undefined': return JsonKind.Absent;
      case 'string': return JsonKind.String;
      case 'number': return JsonKind.Number;
      case 'boolean': return value ? JsonKind.True : JsonKind.False;
      default: return value === null ? JsonKind.Null : Array.isArray(value) ? JsonKind.Array : JsonKind.Object;
    }
  }

  text(k: number): string | null {
    return jsonText(this.value(k));
  }

  hasText(k: number): boolean {
    const text = this.text(k);
    return text !== null && text !== '';
  }

  toField(out: ScannedRecord, field: TextField, k: number): void {
    const text = this.text(k);
    out.set(field, text === '' ? null : text);
  }

  number(k: number): number | null {
    const value = this.value(k);
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    return typeof value === 'string' ? numberInText(value) : null;
  }

  numberValue(k: number): number {
    return this.value(k) as number;
  }

  integerDigits(k: number): string | undefined {
    // JSON.parse rounded the number; its digits are still in the line's text.
    return this.line === undefined ? undefined : this.digitPatterns[k].exec(this.line)?.[1];
  }

  epochMicros(): number {
    return NaN;
  }

  json(k: number): string {
    return JSON.stringify(this.value(k));
  }

  isPlainString(): boolean {
    return false;
  }

  stringFrom(): number {
    return -1;
  }

  stringTo(): number {
    return -1;
  }
}
