/** Number formatting shared by the terminal and HTML renderers. */
import type { Report } from './model.js';

let fractionFormatter: Intl.NumberFormat | null = null;

/**
 * Counts in the en-US style (`1,234,567`), grouped by hand: the first Intl.NumberFormat
 * loads ICU's locale data, 15-40 ms of every run that prints a count (a quiet cron
 * re-run's included), more than the rest of the terminal report takes.
 */
export function formatCount(n: number): string {
  // Not a whole number (no count is): Intl's rounding, its formatter made on first use.
  if (!Number.isSafeInteger(n)) return (fractionFormatter ??= new Intl.NumberFormat('en-US')).format(n);
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

/** A count and its noun, singular for one: `1 file`, `3,000 files`. */
export function formatCounted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** A 0..1 share as a percentage with precision that still shows small shares. */
export function formatShare(share: number | null): string {
  if (share === null) return '–';
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (pct < 0.01) return '<0.01%';
  if (pct < 10) return `${pct.toFixed(2)}%`;
  return `${pct.toFixed(1)}%`;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** Status codes are shown as three digits: nginx logs "no status" as 000. */
export function formatCode(code: number): string {
  return String(code).padStart(3, '0');
}

/** Seconds with a unit that suits their size: 850 µs, 35 ms, 1.25 s, 2m 05s. */
export function formatSeconds(s: number | null): string {
  if (s === null) return '–';
  if (s < 0.001) return `${Math.round(s * 1e6)} µs`;
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(2)} s`;
  return `${Math.floor(s / 60)}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

/** A change of a rate in percentage points, with its sign: +0.42 pp. */
export function formatSignedPoints(change: number | null): string {
  if (change === null) return '–';
  const pp = change * 100;
  return `${pp >= 0 ? '+' : '−'}${Math.abs(pp).toFixed(2)} pp`;
}

/**
 * Why a report over data shows no requests: its window (--since, --from/--to) missed
 * them all. Null when the window holds requests or there was nothing to read.
 */
export function emptyWindowNote(report: Pick<Report, 'totals' | 'window' | 'inputs' | 'store'>): string | null {
  if (report.totals.requests > 0 || report.window.from === null) return null;
  const available = report.store !== null ? report.store.requests : report.inputs.reduce((n, i) => n + i.records, 0);
  if (available === 0) return null;
  return `none of the ${formatCount(available)} requests read is in the window ${report.window.from} – ${report.window.to}; widen or drop --since/--from/--to`;
}
