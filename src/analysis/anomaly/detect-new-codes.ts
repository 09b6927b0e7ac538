/**
 * New codes: an error code absent from the baseline that shows up with meaningful
 * volume. The baseline is everything before the code's first appearance: stored
 * history (when there is some) plus the window up to that point. Absence is only news
 * when it is significant: at the rate the code ran at once it appeared, the baseline
 * would have expected enough events that seeing none is improbable (Poisson P(0) =
 * e^-λ below alpha). A rare steady code that simply had not come up yet is not new.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { statusClass } from '../../codes/registry.js';
import { queryRows } from '../../store/query.js';
import type { AnalysisWindow } from '../window.js';
import { HISTORY_CODES_SQL } from './anomaly-queries.js';
import type { CountSeries } from './series.js';
import type { Candidate, Sensitivity } from './types.js';

const lastNonZero = (counts: readonly number[]): number => {
  let i = counts.length - 1;
  while (i >= 0 && counts[i] === 0) i--;
  return i;
};

/**
 * Each error code's count in the window and the buckets it first and last appeared in,
 * from its count series: the time series holds them already, so the requests are not
 * read again for them.
 */
export function codeSpans(series: readonly CountSeries[]): { code: number; count: number; first: number; last: number }[] {
  return series.filter((x) => x.key.startsWith('code:')).map((x) => ({
    code: x.codes[0],
    count: x.counts.reduce((a, b) => a + b, 0),
    first: x.counts.findIndex((n) => n > 0),
    last: lastNonZero(x.counts),
  })).filter((span) => span.count > 0);
}

export async function detectNewCodes(
  connection: DuckDBConnection, window: AnalysisWindow, series: readonly CountSeries[], bucketTotals: readonly number[], s: Sensitivity,
): Promise<Candidate[]> {
  const history = await queryRows(connection, HISTORY_CODES_SQL, { from: BigInt(window.fromUs) });
  const historyTotal = history.reduce((n, r) => n + (r.count as number), 0);
  const seenBefore = new Set(history.map((r) => r.status as number));
  const spans = codeSpans(series);
  const alpha = s.alpha / Math.max(1, spans.length);
  const found: Candidate[] = [];
  for (const { code, count, first, last } of spans) {
    if (seenBefore.has(code) || count < s.minEvents) continue;
    const before = historyTotal + bucketTotals.slice(0, first).reduce((a, b) => a + b, 0);
    const during = bucketTotals.slice(first, last + 1).reduce((a, b) => a + b, 0);
    const lambdaBefore = (count / Math.max(during, 1)) * before;
    if (Math.exp(-lambdaBefore) >= alpha) continue;
    found.push({
      kind: 'new-code', codes: [code], class: statusClass(code), fromBucket: first, toBucket: last,
      observed: count, expected: 0, score: Math.round(lambdaBefore * 100) / 100 / Math.LN10, severity: count >= 5 * s.minEvents ? 'high' : 'medium',
      facts: { baseline: historyTotal > 0 ? 'history and window' : 'window before first appearance', absentExpected: Math.round(lambdaBefore * 10) / 10 },
    });
  }
  return found;
}
