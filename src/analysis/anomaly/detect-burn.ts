/**
 * Sustained server-error burn against an availability SLO (SRE workbook ch. 5): the
 * error budget is 1 - SLO; burn = error rate / budget. A stretch burns when both a long
 * and a short trailing window exceed the threshold (14.4 pages: "2% of a 30-day budget
 * in an hour"; 6 is a warning). Windows scale with the analysed span: the long one is
 * 1/24 of it, the short one 1/12 of the long one, as 1h and 5m are for a day.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from '../../store/duckdb-module.js';
import { queryRows } from '../../store/query.js';
import { BURN_SQL } from './anomaly-queries.js';
import { flaggedBuckets, joinTouching } from './detect-spikes.js';
import { poissonUpperTail, surprise } from './stats.js';
import type { Candidate, Sensitivity } from './types.js';

export const BURN_HIGH = 14.4;
export const BURN_MEDIUM = 6;

export interface BurnWindows { longBuckets: number; shortBuckets: number }

export function burnWindows(bucketCount: number): BurnWindows {
  const longBuckets = Math.max(2, Math.round(bucketCount / 24));
  return { longBuckets, shortBuckets: Math.max(1, Math.round(longBuckets / 12)) };
}

/** totals and serverErrors: per bucket of the time series, every bucket (at least one). */
export async function detectBurn(
  connection: DuckDBConnection, totals: readonly number[], serverErrors: readonly number[],
  slo: number, baselineRate: number, s: Sensitivity,
): Promise<Candidate[]> {
  const budget = 1 - slo / 100;
  const bucketCount = totals.length;
  const { longBuckets, shortBuckets } = burnWindows(bucketCount);
  const { listValue } = duckdb();
  const rows = await queryRows(connection, BURN_SQL, {
    n: listValue([...totals]), e: listValue([...serverErrors]),
    long: BigInt(longBuckets - 1), short: BigInt(shortBuckets - 1),
  });
  const alpha = s.alpha / Math.max(1, bucketCount);
  const burning = rows.map((r) => {
    const nl = r.n_long as number;
    const el = r.e_long as number;
    const ns = r.n_short as number;
    const es = r.e_short as number;
    const longBurn = nl === 0 ? 0 : el / nl / budget;
    const shortBurn = ns === 0 ? 0 : es / ns / budget;
    // Burning, with enough events, and more than the usual error rate explains.
    const real = el >= s.minEvents && poissonUpperTail(el, nl * baselineRate) < alpha;
    return { longBurn, shortBurn, on: real && longBurn >= BURN_MEDIUM && shortBurn >= BURN_MEDIUM };
  });
  const found: Candidate[] = [];
  for (const [t, end] of joinTouching(flaggedBuckets(burning.map((b) => b.on)), 0)) {
    // The long window reaching back: the stretch starts where its errors began.
    const from = Math.max(0, t - longBuckets + 1);
    const slice = rows.slice(from, end + 1);
    const observed = slice.reduce((a, r) => a + (r.e as number), 0);
    const requests = slice.reduce((a, r) => a + (r.n as number), 0);
    const peak = Math.max(...burning.slice(t, end + 1).map((b) => Math.min(b.longBurn, b.shortBurn)));
    const expected = requests * baselineRate;
    found.push({
      kind: 'burn', codes: [], class: '5xx', fromBucket: from, toBucket: end, observed, expected,
      score: surprise(poissonUpperTail(observed, expected)), severity: peak >= BURN_HIGH ? 'high' : 'medium',
      facts: { peakBurnRate: Math.round(peak * 10) / 10, slo, longWindowBuckets: longBuckets, shortWindowBuckets: shortBuckets },
    });
  }
  return found;
}
