/**
 * The time window a report covers and the bucket size of its time series. A report
 * covers every stored request unless `--since` or `--from/--to` narrow it.
 */
import { parseAnyTime } from '../../parsers/time.js';
import { LogcodesError } from '../errors.js';

export interface AnalysisWindow {
  /** Inclusive start, UTC microseconds. */
  fromUs: number;
  /** Exclusive end, UTC microseconds. */
  toUs: number;
}

const UNIT_US: Record<string, number> = { s: 1e6, m: 60e6, h: 3600e6, d: 86400e6, w: 604800e6 };

/** `90s`, `5m`, `1h`, `7d`, `2w` → microseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(text.trim());
  if (m === null) throw new LogcodesError('INVALID_ARGUMENT', `not a duration: "${text}" (use e.g. 30s, 5m, 1h, 7d)`);
  const us = Number(m[1]) * UNIT_US[m[2]];
  if (!(us > 0)) throw new LogcodesError('INVALID_ARGUMENT', `duration must be positive: "${text}"`);
  return Math.round(us);
}

export function formatDuration(us: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    if (us >= UNIT_US[unit] && us % UNIT_US[unit] === 0) return `${us / UNIT_US[unit]}${unit}`;
  }
  return `${us / 1e6}s`;
}

/** A time given on the command line: ISO 8601, nginx time_local, or epoch digits. */
export function parseTimeArgument(text: string, name: string): number {
  const us = parseAnyTime(text);
  if (Number.isNaN(us)) throw new LogcodesError('INVALID_ARGUMENT', `${name}: not a time: "${text}" (use ISO 8601, e.g. 2026-11-24T10:00:00Z)`);
  return us;
}

/** Bucket sizes a time series may use, smallest first. */
export const BUCKET_STEPS_US = [
  1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800,
].map((s) => s * 1e6);

/** At most this many buckets over a span when the size is chosen automatically. */
export const MAX_AUTO_BUCKETS = 300;

/**
 * The smallest step that keeps the span within MAX_AUTO_BUCKETS buckets; spans of
 * more than 100 steps then land between 100 and 300 buckets.
 */
export function chooseBucketUs(spanUs: number): number {
  for (const step of BUCKET_STEPS_US) {
    if (spanUs / step <= MAX_AUTO_BUCKETS) return step;
  }
  return Math.ceil(spanUs / MAX_AUTO_BUCKETS / 86400e6) * 86400e6;
}

/** Named SQL parameters for a window, as BIGINT microseconds. */
export function windowParams(window: AnalysisWindow): { from: bigint; to: bigint } {
  return { from: BigInt(window.fromUs), to: BigInt(window.toUs) };
}

/** The WHERE clause every windowed query uses. */
export const IN_WINDOW = 'ts >= make_timestamp($from::BIGINT) AND ts < make_timestamp($to::BIGINT)';
