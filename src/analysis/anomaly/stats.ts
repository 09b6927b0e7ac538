/**
 * Small statistics for count data (shared/reference/anomaly-methods.md): Poisson
 * upper tails for "this many events given that many expected", and robust location
 * and scale (median, MAD with the 1.4826 normal-consistency factor).
 */

const LOG_FACTORIAL_CACHE: number[] = [0];

function logFactorial(n: number): number {
  for (let k = LOG_FACTORIAL_CACHE.length; k <= n; k++) LOG_FACTORIAL_CACHE[k] = LOG_FACTORIAL_CACHE[k - 1] + Math.log(k);
  return LOG_FACTORIAL_CACHE[n];
}

/**
 * P(X >= k) for X ~ Poisson(lambda), summed in log space from k upwards until the
 * terms vanish (the upper tail converges fast when k > lambda, the case that matters).
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    // Below the mean the tail is large; take the complement of the lower sum.
    let lower = 0;
    for (let i = 0; i < k; i++) lower += Math.exp(i * Math.log(lambda) - lambda - logFactorial(i));
    return Math.min(1, Math.max(0, 1 - lower));
  }
  let total = 0;
  for (let i = k; ; i++) {
    const term = Math.exp(i * Math.log(lambda) - lambda - logFactorial(i));
    total += term;
    if (term < total * 1e-12 || i > k + 10000) break;
  }
  return Math.min(1, total);
}

/**
 * poissonUpperTail for a test against a level under 1/2: at or below its mean a count's
 * upper tail is at least 1/2 (a Poisson median is at least the mean less ln 2), so it is
 * given as 1/2 there instead of summed, a term per event (20 ms of a report over 2M
 * nginx lines). Not for scores: only which side of such a level the tail is on holds.
 */
export function upperTailForTest(k: number, lambda: number): number {
  return k <= lambda ? 0.5 : poissonUpperTail(k, lambda);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation scaled to estimate a normal standard deviation. */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

/** -log10(p), capped so that p = 0 still gives a finite score. */
export function surprise(p: number): number {
  return Math.min(-Math.log10(Math.max(p, 1e-300)), 300);
}
