/**
 * Timestamp encodings seen in access logs, all normalized to UTC microseconds since
 * the epoch. Microseconds fit a double exactly until the year 2255, so records carry
 * plain numbers; nanosecond inputs are cut to microseconds as digit strings, never
 * through a float (Cloudflare unixnano exceeds 2^53: formats.md 3.1).
 */
import { epochIntegerAt, parseEpochDigits } from './epoch-time.js';
import { codeUnits, type Units } from './request-bounds.js';

/** Two decimal digits at i of a line's code units, or NaN. */
const unitDigits2 = (u: Units, i: number): number => {
  const a = u[i] - 48;
  const b = u[i + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
};

/** Month abbreviations by their three letters packed into a number: read from bytes or code units alike. */
const MONTH_BY_LETTERS = new Map<number, number>(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((name, month) => [
    (name.charCodeAt(0) * 65536) + (name.charCodeAt(1) * 256) + name.charCodeAt(2), month,
  ]),
);

let lastLocal = '';
let lastLocalValue = NaN;
/** The day and offset (`dd/Mon/yyyy` and ` ±hhmm`) of the last `$time_local` read, and that day's start. */
const lastLocalDay = new Uint16Array(17);
let lastLocalDayUs = NaN;

/**
 * nginx `$time_local`: `dd/Mon/yyyy:HH:MM:SS ±hhmm` in the server's local time with
 * its offset (formats.md 1.3), in u[from, to): a line's bytes or a string's code units.
 * It is read by position (a hot path: no string is made), and consecutive lines share
 * their day, so its conversion is remembered.
 */
export function localTimeAt(u: Units, from: number, to: number): number {
  if (to - from !== 26 || u[from + 2] !== 47 || u[from + 6] !== 47 || u[from + 11] !== 58 ||
    u[from + 14] !== 58 || u[from + 17] !== 58 || u[from + 20] !== 32) return NaN;
  let sameDay = !Number.isNaN(lastLocalDayUs);
  for (let i = 0; i < 11 && sameDay; i++) sameDay = u[from + i] === lastLocalDay[i];
  for (let i = 0; i < 6 && sameDay; i++) sameDay = u[from + 20 + i] === lastLocalDay[11 + i];
  if (!sameDay) {
    const letters = u[from + 3] < 256 && u[from + 4] < 256 && u[from + 5] < 256 ? u[from + 3] * 65536 + u[from + 4] * 256 + u[from + 5] : -1;
    const month = MONTH_BY_LETTERS.get(letters);
    const day = unitDigits2(u, from);
    const year = unitDigits2(u, from + 7) * 100 + unitDigits2(u, from + 9);
    const sign = u[from + 21];
    const offH = unitDigits2(u, from + 22);
    const offM = unitDigits2(u, from + 24);
    if (month === undefined || Number.isNaN(day + year + offH + offM) || (sign !== 43 && sign !== 45)) return NaN;
    const us = utcMicros(year, month, day, 0, 0, 0, 0, sign === 45 ? '-' : '+', offH, offM);
    if (Number.isNaN(us)) return NaN;
    for (let i = 0; i < 11; i++) lastLocalDay[i] = u[from + i];
    for (let i = 0; i < 6; i++) lastLocalDay[11 + i] = u[from + 20 + i];
    lastLocalDayUs = us;
  }
  const h = unitDigits2(u, from + 12);
  const m = unitDigits2(u, from + 15);
  const sec = unitDigits2(u, from + 18);
  if (Number.isNaN(h + m + sec) || h > 23 || m > 59 || sec > 60) return NaN;
  return lastLocalDayUs + ((h * 60 + m) * 60 + sec) * 1_000_000;
}

/** `$time_local` given as a string (see localTimeAt); the same string as the last costs one comparison. */
export function parseNginxLocalTime(value: string): number {
  if (value === lastLocal) return lastLocalValue;
  const us = localTimeAt(codeUnits(value), 0, value.length);
  if (!Number.isNaN(us)) {
    lastLocal = value;
    lastLocalValue = us;
  }
  return us;
}

/**
 * ISO 8601 / RFC 3339: `2018-07-02T22:23:00.186641Z`, `1970-09-28T12:00:00+06:00`,
 * with 0-9 fraction digits (fractions beyond microseconds are truncated).
 */
/** The day (`YYYY-MM-DD`) of the last ISO time read by position, and its start. */
const lastIsoDay = new Uint16Array(10);
let lastIsoDayUs = NaN;

/**
 * `YYYY-MM-DDTHH:MM:SS[.fffffffff]` in u[from, end), without a zone: a line's bytes or
 * a string's code units, read by position (a hot path), as UTC microseconds; NaN for
 * any other form (the regular expression in parseIsoTime then decides).
 */
function isoDateTimeAt(u: Units, from: number, end: number): number {
  const n = end - from;
  if (n < 19 || u[from + 10] !== 84 /* T */ || u[from + 4] !== 45 ||
    u[from + 7] !== 45 || u[from + 13] !== 58 || u[from + 16] !== 58) return NaN;
  let sameDay = !Number.isNaN(lastIsoDayUs);
  for (let i = 0; i < 10 && sameDay; i++) sameDay = u[from + i] === lastIsoDay[i];
  if (!sameDay) {
    const year = unitDigits2(u, from) * 100 + unitDigits2(u, from + 2);
    const us = utcMicros(year, unitDigits2(u, from + 5) - 1, unitDigits2(u, from + 8), 0, 0, 0, 0, '+', 0, 0);
    if (Number.isNaN(us)) return NaN;
    for (let i = 0; i < 10; i++) lastIsoDay[i] = u[from + i];
    lastIsoDayUs = us;
  }
  const h = unitDigits2(u, from + 11);
  const m = unitDigits2(u, from + 14);
  const sec = unitDigits2(u, from + 17);
  if (Number.isNaN(h + m + sec) || h > 23 || m > 59 || sec > 60) return NaN;
  let micros = 0;
  if (n > 19) {
    const digitsFrom = from + 20;
    if (u[from + 19] !== 46 /* . */ || n === 20 || n - 20 > 9) return NaN;
    for (let i = digitsFrom; i < Math.min(end, digitsFrom + 6); i++) {
      const d = u[i] - 48;
      if (d < 0 || d > 9) return NaN;
      micros = micros * 10 + d;
    }
    for (let i = Math.min(end, digitsFrom + 6); i < digitsFrom + 6; i++) micros *= 10;
    for (let i = digitsFrom + 6; i < end; i++) {
      const d = u[i] - 48;
      if (d < 0 || d > 9) return NaN;
    }
  }
  return lastIsoDayUs + ((h * 60 + m) * 60 + sec) * 1_000_000 + micros;
}

/** `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, the form ALB writes, in u[from, to); NaN for any other form. */
export function isoZuluAt(u: Units, from: number, to: number): number {
  return u[to - 1] === 90 /* Z */ ? isoDateTimeAt(u, from, to - 1) : NaN;
}

/** `…±hh:mm`, the form of nginx `$time_iso8601`, in u[from, to); NaN for any other form. */
function isoOffsetAt(u: Units, from: number, to: number): number {
  const zone = to - 6;
  if (zone < from || (u[zone] !== 43 /* + */ && u[zone] !== 45 /* - */) || u[to - 3] !== 58 /* : */) return NaN;
  const offsetMinutes = unitDigits2(u, zone + 1) * 60 + unitDigits2(u, zone + 4);
  return isoDateTimeAt(u, from, zone) - (u[zone] === 45 ? -offsetMinutes : offsetMinutes) * 60_000_000;
}

/**
 * The time forms read by position, in u[from, to) of a line's bytes: ISO 8601 with `Z`
 * or `±hh:mm`, and whole epoch digits. What it reads, parseAnyTime reads the same way
 * from a string; NaN for anything else, which parseAnyTime then decides.
 */
export function timeAt(u: Units, from: number, to: number): number {
  const iso = isoAt(u, from, to);
  return Number.isNaN(iso) ? epochIntegerAt(u, from, to) : iso;
}

/** ISO 8601 with `Z` or `±hh:mm`, read by position; NaN for other forms. */
function isoAt(u: Units, from: number, to: number): number {
  const zulu = isoZuluAt(u, from, to);
  return Number.isNaN(zulu) ? isoOffsetAt(u, from, to) : zulu;
}

export function parseIsoTime(value: string): number {
  const fast = isoAt(codeUnits(value), 0, value.length);
  if (!Number.isNaN(fast)) return fast;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|([+-])(\d{2}):?(\d{2}))?$/.exec(value);
  if (m === null) return NaN;
  const micros = m[7] === undefined ? 0 : Number((m[7] + '000000').slice(0, 6));
  if (m[8] === undefined || m[8] === 'Z' || m[8] === 'z') {
    return utcMicros(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], micros, '+', 0, 0);
  }
  return utcMicros(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], micros, m[9], +m[10], +m[11]);
}

function utcMicros(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  micros: number, sign: string, offsetHours: number, offsetMinutes: number,
): number {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === '-' ? -1 : 1);
  const ms = Date.UTC(year, month, day, hour, minute, second) - offsetMs;
  return ms * 1000 + micros;
}

/** Microseconds → ISO 8601 UTC with microseconds when they are not zero. */
export function microsToIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  const rest = micros - ms * 1000;
  if (rest === 0) return iso;
  return iso.slice(0, -1) + String(rest).padStart(3, '0') + 'Z';
}

/**
 * Any of the encodings above, for formats whose time field is not fixed: JSON numbers
 * or digit strings (epoch in s/ms/µs/ns), nginx `$time_local`, or ISO 8601.
 * Integers above 2^53 must arrive as digit strings to stay exact.
 */
export function parseAnyTime(value: string | number): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? parseEpochDigits(String(value)) : NaN;
  const v = value.trim();
  if (v.length === 0) return NaN;
  const first = v.charCodeAt(0);
  if (first >= 48 && first <= 57 && /^\d+(?:\.\d+)?$/.test(v)) return parseEpochDigits(v);
  if (v.charCodeAt(2) === 47 /* / */) return parseNginxLocalTime(v);
  return parseIsoTime(v);
}
