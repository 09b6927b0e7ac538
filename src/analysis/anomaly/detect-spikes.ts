/**
 * Spikes of an error code or class, judged against total traffic: a bucket expects
 * `requests × baseline rate` events, so daily volume swings do not fire. Windows of
 * 1 to 32 buckets are scanned so that short sharp spikes and longer moderate ones are
 * both found; each window is a Poisson count test with a Bonferroni-split alpha and
 * minimum-volume and effect-size guards.
 *
 * The baseline rate is robust: buckets that are themselves significantly high are left
 * out and the rate re-estimated, so an incident does not raise its own baseline.
 */
import { poissonUpperTail, surprise, upperTailForTest } from './stats.js';
import type { CountSeries } from './series.js';
import type { Candidate, Sensitivity, Severity } from './types.js';

const WINDOWS = [1, 2, 4, 8, 16, 32];
/** Looser test used only to decide which buckets to leave out of the baseline. */
const BASELINE_EXCLUSION_ALPHA = 0.01;

/** Rate of the series in the buckets that are not themselves anomalous. */
export function robustRate(counts: readonly number[], totals: readonly number[]): number {
  const excluded = new Set<number>();
  let rate = 0;
  for (let round = 0; round < 5; round++) {
    let x = 0;
    let n = 0;
    counts.forEach((c, t) => { if (!excluded.has(t)) { x += c; n += totals[t]; } });
    rate = n === 0 ? 0 : x / n;
    let changed = false;
    counts.forEach((c, t) => {
      const high = c >= 2 && upperTailForTest(c, totals[t] * rate) < BASELINE_EXCLUSION_ALPHA;
      if (high && !excluded.has(t)) { excluded.add(t); changed = true; }
    });
    if (!changed) break;
  }
  // Half an event over the whole window: a code never seen before still has a tiny expectation.
  const all = totals.reduce((a, b) => a + b, 0);
  return Math.max(rate, all === 0 ? 0 : 0.5 / all);
}

export function spikeSeverity(cls: string, observed: number, expected: number, s: Sensitivity): Severity {
  const ratio = observed / Math.max(expected, 1e-9);
  if ((ratio >= 10 && observed >= 3 * s.minEvents) || (cls === '5xx' && ratio >= 5 && observed >= 2 * s.minEvents)) return 'high';
  if (ratio >= 5 || (cls === '5xx' && ratio >= 3)) return 'medium';
  return 'low';
}

export interface SpikeInput {
  series: readonly CountSeries[];
  totals: readonly number[];
  /** Per series key, per bucket expected rate (history by hour of day); robust rate when absent. */
  baselineRates?: Map<string, number[]>;
}

export function detectSpikes(input: SpikeInput, s: Sensitivity): Candidate[] {
  const T = input.totals.length;
  const windows = WINDOWS.filter((w) => w <= T);
  const alpha = s.alpha / Math.max(1, T * windows.length * input.series.length);
  const found: Candidate[] = [];
  for (const series of input.series) {
    const rates = input.baselineRates?.get(series.key) ?? Array(T).fill(robustRate(series.counts, input.totals));
    const lambda = input.totals.map((n, t) => n * rates[t]);
    const passes = (x: number, l: number): boolean => x >= s.minEvents && x >= s.minRatio * l && poissonUpperTail(x, l) < alpha;
    // Every passing window, most surprising first (a scan statistic over 1..32 buckets).
    const hits: { from: number; to: number; score: number }[] = [];
    for (const w of windows) {
      let x = 0;
      let l = 0;
      for (let t = 0; t < T; t++) {
        x += series.counts[t];
        l += lambda[t];
        if (t >= w) { x -= series.counts[t - w]; l -= lambda[t - w]; }
        if (t >= w - 1 && passes(x, l)) hits.push({ from: t - w + 1, to: t, score: surprise(poissonUpperTail(x, l)) });
      }
    }
    hits.sort((a, b) => b.score - a.score || (a.to - a.from) - (b.to - b.from));
    // Greedily keep the best windows that do not overlap one already kept, trimmed to
    // their elevated buckets, then join those that touch.
    const chosen: [number, number][] = [];
    for (const hit of hits) {
      const [from, to] = trim(hit.from, hit.to, series.counts, lambda);
      if (chosen.some(([a, b]) => from <= b && a <= to)) continue;
      chosen.push([from, to]);
    }
    for (const [from, to] of joinTouching(chosen)) {
      const x = sum(series.counts, from, to);
      const l = sum(lambda, from, to);
      if (!passes(x, l)) continue;
      found.push({
        kind: 'spike', codes: series.codes, class: series.class, fromBucket: from, toBucket: to, observed: x,
        expected: l, score: surprise(poissonUpperTail(x, l)), severity: spikeSeverity(series.class, x, l, s),
        facts: { baselineRate: rates[from], series: series.key, baseline: input.baselineRates ? 'same hours of history' : 'window' },
      });
    }
  }
  return found;
}

const sum = (values: readonly number[], from: number, to: number): number => {
  let total = 0;
  for (let i = from; i <= to; i++) total += values[i];
  return total;
};

/** An edge bucket stays only when it is notable on its own (P(X >= x) below this). */
const EDGE_NOTABLE = 0.05;

/** Drops edge buckets that ordinary noise explains. */
export function trim(from: number, to: number, counts: readonly number[], lambda: readonly number[]): [number, number] {
  const plain = (t: number): boolean => upperTailForTest(counts[t], lambda[t]) > EDGE_NOTABLE;
  while (from < to && plain(from)) from++;
  while (to > from && plain(to)) to--;
  return [from, to];
}

/** Joins runs that overlap, touch, or have at most `gap` buckets between them. */
export function joinTouching(runs: readonly [number, number][], gap = 1): [number, number][] {
  const sorted = [...runs].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1] + 1 + gap) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Each flagged bucket as a run of one, for joinTouching to join into stretches. */
export function flaggedBuckets(flags: readonly boolean[]): [number, number][] {
  return flags.flatMap((flag, t) => (flag ? [[t, t] as [number, number]] : []));
}
