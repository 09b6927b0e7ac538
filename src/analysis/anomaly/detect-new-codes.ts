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
import { windowParams, type AnalysisWindow } from '../window.js';
import { CODE_SPAN_SQL, HISTORY_CODES_SQL } from './anomaly-queries.js';
import type { Candidate, Sensitivity } from './types.js';

export async function detectNewCodes(
  connection: DuckDBConnection, window: AnalysisWindow, bucketTotals: readonly number[], toBucket: (us: number) => number, s: Sensitivity,
): Promise<Candidate[]> {
  const history = await queryRows(connection, HISTORY_CODES_SQL, { from: BigInt(window.fromUs) });
  const historyTotal = history.reduce((n, r) => n + (r.count as number), 0);
  const seenBefore = new Set(history.map((r) => r.status as number));
  const spans = await queryRows(connection, CODE_SPAN_SQL, windowParams(window));
  const alpha = s.alpha / Math.max(1, spans.length);
  const found: Candidate[] = [];
  for (const row of spans) {
    const code = row.status as number;
    const count = row.count as number;
    if (seenBefore.has(code) || count < s.minEvents) continue;
    const first = toBucket(row.first_us as number);
    const last = toBucket(row.last_us as number);
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
