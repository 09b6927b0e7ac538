import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCandidates } from '../../../src/analysis/anomaly/detect-anomalies.js';
import { codeSpans } from '../../../src/analysis/anomaly/detect-new-codes.js';
import { detectSpikes, flaggedBuckets, joinTouching, robustRate, trim } from '../../../src/analysis/anomaly/detect-spikes.js';
import { mad, median, poissonUpperTail, upperTailForTest } from '../../../src/analysis/anomaly/stats.js';
import { SENSITIVITIES, type Candidate } from '../../../src/analysis/anomaly/types.js';
import { runMain, tempDir } from '../../helpers.js';

describe('statistics', () => {
  it('computes Poisson upper tails', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(10, 2)).toBeCloseTo(4.6498e-5, 8);
    expect(poissonUpperTail(5, 0)).toBe(0);
  });

  it('gives a count at or below its expectation an upper tail of at least 1/2, which the spike tests skip computing', () => {
    // A Poisson median is at least the mean less ln 2 (robustRate and trim rely on it).
    for (const lambda of [0.3, 1, 1.5, 2.5, 7, 10, 33.3, 100, 512.5, 1400]) {
      for (let k = 0; k <= lambda; k += Math.max(1, Math.floor(lambda / 50))) expect(poissonUpperTail(k, lambda), `${k} of ${lambda}`).toBeGreaterThanOrEqual(0.5);
      if (lambda >= 1) expect(poissonUpperTail(Math.floor(lambda), lambda)).toBeLessThan(0.8); // near the bound, not trivially above it
    }
    // upperTailForTest gives 1/2 there, and the tail itself above the mean.
    expect(upperTailForTest(7, 7)).toBe(0.5);
    expect(upperTailForTest(12, 7)).toBe(poissonUpperTail(12, 7));
  });

  it('computes median and scaled MAD', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 10);
  });
});

describe('new codes', () => {
  it('takes each error code\'s count and first and last bucket from its count series, not the class series', () => {
    const series = [
      { key: 'code:499', codes: [499], class: '4xx', counts: [0, 0, 3, 0, 2, 0] },
      { key: 'code:502', codes: [502], class: '5xx', counts: [7, 0, 0, 0, 0, 1] },
      { key: 'code:504', codes: [504], class: '5xx', counts: [0, 0, 0, 0, 0, 0] },
      { key: 'class:4xx', codes: [499], class: '4xx', counts: [0, 0, 3, 0, 2, 0] },
    ];
    expect(codeSpans(series)).toEqual([
      { code: 499, count: 5, first: 2, last: 4 },
      { code: 502, count: 8, first: 0, last: 5 },
    ]);
  });
});

describe('spike detection', () => {
  const totals = Array(48).fill(1000);
  it('leaves the incident out of the baseline rate', () => {
    const counts = Array(48).fill(2);
    for (let t = 20; t < 24; t++) counts[t] = 80;
    expect(robustRate(counts, totals)).toBeCloseTo(0.002, 6);
  });

  it('finds the spike with tight bounds and ignores noise', () => {
    const counts = [2, 1, 3, 2, 0, 2, 4, 1, 2, 3, 2, 1, 2, 2, 1, 3, 2, 2, 1, 2, 60, 75, 58, 2, 1, 2, 3, 2, 1, 2, 2, 2, 1, 3, 2, 2, 1, 2, 2, 3, 1, 2, 2, 1, 2, 3, 2, 2];
    const found = detectSpikes({ series: [{ key: 'code:502', codes: [502], class: '5xx', counts }], totals }, SENSITIVITIES.normal);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ fromBucket: 20, toBucket: 22, observed: 193, severity: 'high' });
    const quiet = detectSpikes({ series: [{ key: 'code:502', codes: [502], class: '5xx', counts: counts.map((c) => (c > 10 ? 2 : c)) }], totals }, SENSITIVITIES.normal);
    expect(quiet).toEqual([]);
  });

  it('does not call one error in ten requests at night an incident', () => {
    const night = [...Array(40).fill(1000), ...Array(8).fill(10)];
    const counts = [...Array(40).fill(1), 1, 1, 0, 1, 0, 1, 1, 0];
    expect(detectSpikes({ series: [{ key: 'code:500', codes: [500], class: '5xx', counts }], totals: night }, SENSITIVITIES.normal)).toEqual([]);
  });

  it('trims and joins runs', () => {
    expect(trim(0, 5, [0, 1, 9, 9, 1, 0], [1, 1, 1, 1, 1, 1])).toEqual([2, 3]);
    expect(joinTouching([[10, 12], [0, 2], [4, 5]])).toEqual([[0, 5], [10, 12]]);
  });

  it('turns flagged buckets into stretches, bridging a gap only as wide as asked', () => {
    const flags = [false, true, true, false, true, false, false, true];
    expect(flaggedBuckets(flags)).toEqual([[1, 1], [2, 2], [4, 4], [7, 7]]);
    expect(joinTouching(flaggedBuckets(flags), 0)).toEqual([[1, 2], [4, 4], [7, 7]]);
    expect(joinTouching(flaggedBuckets(flags), 1)).toEqual([[1, 4], [7, 7]]);
  });
});

describe('merging findings about one incident', () => {
  const base = { observed: 10, expected: 1, score: 5, severity: 'medium' as const, facts: {} };
  it('keeps code spikes over their class, and folds burn and new-code facts into the spike', () => {
    const merged = mergeCandidates([
      { ...base, kind: 'spike', codes: [502], class: '5xx', fromBucket: 10, toBucket: 12, facts: { series: 'code:502' } },
      { ...base, kind: 'spike', codes: [502, 503], class: '5xx', fromBucket: 9, toBucket: 12, facts: { series: 'class:5xx' } },
      { ...base, kind: 'burn', codes: [], class: '5xx', fromBucket: 8, toBucket: 12, severity: 'high', facts: { peakBurnRate: 40 } },
      { ...base, kind: 'new-code', codes: [502], class: '5xx', fromBucket: 10, toBucket: 30, facts: {} },
      { ...base, kind: 'spike', codes: [404], class: '4xx', fromBucket: 40, toBucket: 41, facts: { series: 'code:404' } },
    ] as Candidate[]);
    expect(merged.map((c) => [c.kind, c.codes, c.severity])).toEqual([['spike', [502], 'high'], ['spike', [404], 'medium']]);
    expect(merged[0].facts).toMatchObject({ peakBurnRate: 40, newCode: true });
  });
});

describe('history baseline', () => {
  it('uses the same hours of stored history when a --db holds enough of it', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const history = join(dir, 'history.log');
    const today = join(dir, 'today.log');
    expect((await runMain(['demo', '--seed', '41', '--start', '2026-11-20T00:00:00Z', '--hours', '96', '--peak', '800', '--out', history])).code).toBe(0);
    expect((await runMain(['demo', '--seed', '42', '--start', '2026-11-24T00:00:00Z', '--hours', '24', '--peak', '800', '--incidents', '2', '--out', today])).code).toBe(0);
    expect((await runMain(['analyze', history, '--db', db, '--json', join(dir, 'h.json')])).code).toBe(0);
    const { stdout } = await runMain(['analyze', today, '--db', db, '--from', '2026-11-24T00:00:00Z', '--json', '-']);
    const report = JSON.parse(stdout);
    expect(report.anomalies.length).toBeGreaterThanOrEqual(1);
    expect(report.anomalies.filter((a: { kind: string }) => a.kind === 'spike').every((a: { facts: { baseline: string } }) => a.facts.baseline === 'same hours of history')).toBe(true);
    expect(report.trend).not.toBeNull();
  });
});

describe('burn-rate detection', () => {
  it('sums the series\' own counts over the long and short windows, and flags a burn', async () => {
    const { detectBurn, burnWindows } = await import('../../../src/analysis/anomaly/detect-burn.js');
    const { LogStore } = await import('../../../src/store/log-store.js');
    // 288 five-minute buckets of 1,000 requests; 40% server errors from bucket 200 to 215.
    const totals = Array(288).fill(1000);
    const errors = totals.map((_, t) => (t >= 200 && t <= 215 ? 400 : 1));
    expect(burnWindows(288)).toEqual({ longBuckets: 12, shortBuckets: 1 });
    await LogStore.use(undefined, {}, async (store) => {
      const found = await detectBurn(store.connection, totals, errors, 99.9, 0.001, SENSITIVITIES.normal);
      expect(found).toHaveLength(1);
      // The stretch starts a long window before the first burning bucket, where the errors began to count.
      expect(found[0]).toMatchObject({ kind: 'burn', class: '5xx', fromBucket: 189, toBucket: 215, severity: 'high' });
      expect(found[0].observed).toBe(16 * 400 + 11);
      expect(found[0].facts).toMatchObject({ longWindowBuckets: 12, shortWindowBuckets: 1, slo: 99.9 });
      expect(await detectBurn(store.connection, totals, totals.map(() => 1), 99.9, 0.001, SENSITIVITIES.normal)).toEqual([]);
    });
  });
});
