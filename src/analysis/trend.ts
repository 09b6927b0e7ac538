/**
 * Comparison with the previous period of the same length, when the stored data
 * reaches back that far (a persistent --db, or a --since window inside a longer log).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { summarize, type Bounds, type Summary } from './summary.js';
import type { AnalysisWindow } from './window.js';

export interface RateChange { current: number | null; previous: number | null; change: number | null }

export interface Trend {
  previous: AnalysisWindow & { requests: number };
  successRate: RateChange;
  clientErrorRate: RateChange;
  serverErrorRate: RateChange;
  /** Per code: share of all requests now and before; codes seen in either period. */
  codes: { code: number; share: number; previousShare: number; change: number }[];
}

/** The previous period counts as covered when its own data starts within 5% of its start. */
const COVERAGE_SLACK = 0.05;

const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const change = (current: number | null, previous: number | null): RateChange => ({
  current, previous, change: current === null || previous === null ? null : current - previous,
});

export async function trend(connection: DuckDBConnection, window: AnalysisWindow, bounds: Bounds, current: Summary): Promise<Trend | null> {
  const length = window.toUs - window.fromUs;
  const previous = { fromUs: window.fromUs - length, toUs: window.fromUs };
  if (bounds.firstUs === null || bounds.firstUs > previous.fromUs + length * COVERAGE_SLACK) return null;
  const before = await summarize(connection, previous);
  if (before.totals.requests === 0 || before.totals.startUs === null || before.totals.startUs > previous.fromUs + length * COVERAGE_SLACK) return null;
  const now = current.totals;
  const was = before.totals;
  const nowShares = new Map(current.codes.map((c) => [c.code, c.count / Math.max(now.requests, 1)]));
  const wasShares = new Map(before.codes.map((c) => [c.code, c.count / was.requests]));
  const codes = [...new Set([...nowShares.keys(), ...wasShares.keys()])].map((code) => {
    const share = nowShares.get(code) ?? 0;
    const previousShare = wasShares.get(code) ?? 0;
    return { code, share, previousShare, change: share - previousShare };
  }).sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.code - b.code);
  return {
    previous: { ...previous, requests: was.requests },
    successRate: change(rate(now.success, now.requests), rate(was.success, was.requests)),
    clientErrorRate: change(rate(now.clientErrors, now.requests), rate(was.clientErrors, was.requests)),
    serverErrorRate: change(rate(now.serverErrors, now.requests), rate(was.serverErrors, was.requests)),
    codes,
  };
}
