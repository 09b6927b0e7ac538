/**
 * Response-time degradation: buckets whose p95 request time stands far above the
 * robust norm of the window (median of bucket p95s plus 6 scaled MADs, and at least
 * twice the median). Buckets with few timed requests are ignored.
 */
import { flaggedBuckets, joinTouching } from './detect-spikes.js';
import { mad, median } from './stats.js';
import type { Candidate, Sensitivity } from './types.js';
import type { Bucket } from '../timeseries.js';

export function detectLatency(buckets: readonly Bucket[], timedCounts: readonly number[], s: Sensitivity): Candidate[] {
  const usable = buckets.map((b, t) => (b.latency !== null && timedCounts[t] >= s.minTimed ? b.latency.p95 : null));
  const values = usable.filter((v): v is number => v !== null);
  if (values.length < 10) return [];
  const norm = median(values);
  const spread = mad(values);
  const limit = Math.max(2 * norm, norm + 6 * spread);
  const high = usable.map((v) => v !== null && v > limit);
  const found: Candidate[] = [];
  // One quiet bucket inside a slow stretch does not end it.
  for (const [t, end] of joinTouching(flaggedBuckets(high), 1)) {
    const peak = Math.max(...usable.slice(t, end + 1).filter((v): v is number => v !== null));
    const length = end - t + 1;
    // A single bucket must be far out to count; two or more in a row are a pattern.
    if (length >= 2 || peak >= 4 * norm) {
      found.push({
        kind: 'latency', codes: [], class: 'latency', fromBucket: t, toBucket: end, observed: peak, expected: norm,
        score: Math.round((peak / Math.max(norm, 1e-6)) * 10) / 10, severity: peak >= 10 * norm && length >= 2 ? 'high' : peak >= 4 * norm ? 'medium' : 'low',
        facts: { p95Peak: peak, p95Norm: norm },
      });
    }
  }
  return found;
}
