/**
 * nginx JSON lines read in place: the byte path of nginx-json.ts. The members are
 * read by ByteMembers (json-scan.ts) and applied by their variables' setters
 * (nginx-variables.ts) in the order recordFromNginxJson applies them (`request`
 * first, then the line's order), onto a ScannedRecord: values that a setter copies
 * as they are stay byte ranges of the line, and plain numbers and times are read
 * from the bytes with the setters' own rules (applyInPlace). A line the reader cannot
 * vouch for, and every line that fails, is parsed the decoded way (`decoded`), whose
 * answer and message stand, so the two paths never disagree.
 */
import { textOf } from './byte-text.js';
import { JsonKind } from './json-members.js';
import { ByteMembers } from './json-scan.js';
import { KeyTable } from './key-table.js';
import { applyInPlace, NGINX_KEY_ALIASES, NGINX_VARIABLES, setterFor, type Draft, type Setter } from './nginx-variables.js';
import type { ScannedRecord } from './scanned-record.js';
import { scanFail, type LogParser, type ParseResult } from './types.js';

/** Keys JavaScript lists first (array indexes, below 2^32 - 1): with one of them the setters' order would differ. */
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
/** A whole number of 16 digits or more, which parseJsonObject keeps as its digits (json-line.ts). */
const LONG_INTEGER = /^-?\d{16,}$/;
const MINUS = 45;

export function nginxJsonByteScan(keyToVariable: ReadonlyMap<string, string>, decoded: (line: string) => ParseResult): NonNullable<LogParser['scan']> {
  const setterOf = (key: string): Setter | undefined => setterFor(keyToVariable.get(key) ?? key);
  const keys = [...new Set([...Object.keys(NGINX_VARIABLES), ...Object.keys(NGINX_KEY_ALIASES), ...keyToVariable.keys()])].filter((key) => setterOf(key) !== undefined);
  const setters = keys.map((key) => setterOf(key)!);
  const members = new ByteMembers(new KeyTable(keys));
  const request = keys.indexOf('request');
  const inPlace = !keys.some(isIndexKey);

  /** The member's text as jsonText gives it for parseJsonObject's object. */
  const text = (k: number): string | null => {
    if (members.kind(k) !== JsonKind.Number) return members.text(k);
    const raw = textOf(members.bytes, members.valueFrom(k), members.valueTo(k));
    return LONG_INTEGER.test(raw) ? raw : String(members.numberValue(k));
  };

  const apply = (out: ScannedRecord, k: number): void => {
    const setter = setters[k];
    const plain = members.isPlainString(k);
    // A number token written with a minus goes the decoded way: JSON.parse makes -0 of `-0`, whose text is "0".
    const number = members.kind(k) === JsonKind.Number && members.bytes[members.valueFrom(k)] !== MINUS;
    // A plain string's bytes are its text as it is; a number token's are only a number.
    if (plain && applyInPlace(out, setter, members.stringFrom(k), members.stringTo(k), true)) return;
    if (number && applyInPlace(out, setter, members.valueFrom(k), members.valueTo(k), false)) return;
    const value = text(k);
    if (value !== null) setter(out as unknown as Draft, value);
  };

  return (bytes, start, end, out) => {
    if (inPlace && members.read(bytes, start, end)) {
      out.reset(bytes, NaN, NaN, members.memoryDelta);
      if (request >= 0 && members.kind(request) !== JsonKind.Absent) apply(out, request);
      for (let i = 0; i < members.count; i++) if (members.order[i] !== request) apply(out, members.order[i]);
      if (!Number.isNaN(out.status) && !Number.isNaN(out.ts)) return null;
    }
    const result = decoded(bytes.toString('utf8', start, end));
    if (!result.ok) return scanFail(result.code, result.reason);
    out.assign(result.record);
    return null;
  };
}
