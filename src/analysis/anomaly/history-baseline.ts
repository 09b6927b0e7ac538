/**
 * With a persisted store, the baseline of a series comes from history: its rate at the
 * same hour of the day over up to 28 days before the window, once every hour the
 * window touches has been seen on at least 3 days with some volume. Otherwise the
 * window's own robust rate is used (detect-spikes.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../store/query.js';
import type { TimeSeries } from '../timeseries.js';
import type { AnalysisWindow } from '../window.js';
import { HISTORY_HOURLY_SQL } from './anomaly-queries.js';
import type { CountSeries } from './series.js';

export const MIN_HISTORY_DAYS = 3;
export const MIN_HISTORY_REQUESTS_PER_HOUR = 50;

export async function historyRates(
  connection: DuckDBConnection, window: AnalysisWindow, ts: TimeSeries, series: readonly CountSeries[],
): Promise<Map<string, number[]> | null> {
  const rows = await queryRows(connection, HISTORY_HOURLY_SQL, { from: BigInt(window.fromUs) });
  if (rows.length === 0) return null;
  const hours = new Map<number, { total: number; days: number; counts: Map<number, number> }>();
  for (const r of rows) {
    const hour = r.hour as number;
    let h = hours.get(hour);
    if (h === undefined) {
      h = { total: r.total as number, days: r.days as number, counts: new Map() };
      hours.set(hour, h);
    }
    h.counts.set(r.status as number, r.count as number);
  }
  const bucketHours = ts.buckets.map((b) => new Date(b.startUs / 1000).getUTCHours());
  const enough = bucketHours.every((hour) => {
    const h = hours.get(hour);
    return h !== undefined && h.days >= MIN_HISTORY_DAYS && h.total >= MIN_HISTORY_REQUESTS_PER_HOUR;
  });
  if (!enough) return null;
  const allHistory = [...hours.values()].reduce((n, h) => n + h.total, 0);
  const floor = 0.5 / allHistory;
  const rates = new Map<string, number[]>();
  for (const s of series) {
    rates.set(s.key, bucketHours.map((hour) => {
      const h = hours.get(hour)!;
      const count = s.codes.reduce((n, code) => n + (h.counts.get(code) ?? 0), 0);
      return Math.max(count / h.total, floor);
    }));
  }
  return rates;
}
