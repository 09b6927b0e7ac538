/**
 * The count series anomaly detection tests, taken from the SQL time series: one per
 * error class (4xx, 5xx, 0xx) and one per error code, each with the bucket totals.
 */
import { statusClass } from '../../codes/registry.js';
import type { TimeSeries } from '../timeseries.js';

export interface CountSeries {
  /** `code:502` or `class:5xx`. */
  key: string;
  codes: number[];
  class: string;
  counts: number[];
}

export const isErrorCode = (code: number): boolean => code >= 400 || code < 100;
const ERROR_CLASSES = ['0xx', '4xx', '5xx'];

export function errorSeries(ts: TimeSeries): CountSeries[] {
  const codes = new Set<number>();
  for (const b of ts.buckets) for (const c of Object.keys(b.codes)) if (isErrorCode(Number(c))) codes.add(Number(c));
  const perCode = [...codes].sort((a, b) => a - b).map((code) => ({
    key: `code:${code}`, codes: [code], class: statusClass(code), counts: ts.buckets.map((b) => b.codes[String(code)] ?? 0),
  }));
  const perClass = ERROR_CLASSES.map((cls) => ({
    key: `class:${cls}`, codes: [...codes].filter((c) => statusClass(c) === cls), class: cls, counts: ts.buckets.map((b) => b.classes[cls] ?? 0),
  })).filter((s) => s.counts.some((n) => n > 0));
  return [...perCode, ...perClass];
}

export const totals = (ts: TimeSeries): number[] => ts.buckets.map((b) => b.total);
