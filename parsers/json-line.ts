/**
 * JSON object lines, parsed without losing precision and forgiving one nginx quirk.
 *
 * - Integers with 16+ digits (Cloudflare unixnano timestamps exceed 2^53:
 *   formats.md 3.1) are turned into digit strings before JSON.parse, but only when
 *   they are a key's whole value, so that text inside strings is never touched.
 * - nginx does not validate JSON templates: an unquoted variable that is empty
 *   renders as `"k":,` (formats.md 1.4). Such a line is retried with `null` there.
 */
import { isJsonObject } from './types.js';

export type JsonObject = Record<string, unknown>;

const BIG_INTEGER_VALUE = /("(?:[^"\\]|\\.)*"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g;
const EMPTY_VALUE = /("(?:[^"\\]|\\.)*"\s*:\s*)(?=[,}])/g;

/** Whether a decoded JSON value holds an integer of 16 digits or more, anywhere in it. */
function holdsLongInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e15;
  if (value === null || typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (holdsLongInteger(item)) return true;
  return false;
}

const asObject = (value: unknown): JsonObject | null => (isJsonObject(value) ? value : null);

export function parseJsonObject(line: string): JsonObject | null {
  // Plain JSON.parse first: a line without 16-digit integers gives the same object
  // either way, and scanning every line for them cost more than parsing it.
  let plain: unknown;
  try {
    plain = JSON.parse(line);
  } catch {
    return parseRejectedJsonObject(line);
  }
  return holdsLongInteger(plain) ? forgivingParse(line, false) : asObject(plain);
}

/** parseJsonObject for a line that JSON.parse has already rejected as it stands. */
export function parseRejectedJsonObject(line: string): JsonObject | null {
  return forgivingParse(line, true);
}

/**
 * The line with its 16-digit integers kept as digit strings, retried with nginx's
 * empty values as null. rejected: JSON.parse already failed on the line as it stands,
 * so the same text is not parsed again.
 */
function forgivingParse(line: string, rejected: boolean): JsonObject | null {
  const text = line.indexOf('"') >= 0 && /\d{16}/.test(line) ? line.replace(BIG_INTEGER_VALUE, '$1"$2"') : line;
  if (!rejected || text !== line) {
    try {
      return asObject(JSON.parse(text));
    } catch {
      // retried below
    }
  }
  try {
    return asObject(JSON.parse(text.replace(EMPTY_VALUE, '$1null')));
  } catch {
    return null;
  }
}

/** A JSON value as text: strings as they are, numbers and booleans formatted, else null. */
export function jsonText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
