/**
 * Finds anomalies in a window: spikes of error codes and classes, sustained
 * server-error burn, new codes and latency degradation. Aggregates come from SQL;
 * only per-bucket figures are handled here. Overlapping findings about the same codes
 * are merged so that one incident is reported once, with all it showed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { microsToIso } from '../../../parsers/time.js';
import type { TimeSeries } from '../timeseries.js';
import type { AnalysisWindow } from '../window.js';
import { detectBurn } from './detect-burn.js';
import { detectLatency } from './detect-latency.js';
import { detectNewCodes } from './detect-new-codes.js';
import { detectSpikes, robustRate } from './detect-spikes.js';
import { gatherEvidence } from './evidence.js';
import { historyRates } from './history-baseline.js';
import { errorSeries, isErrorCode, totals } from './series.js';
import { describeAnomaly } from './summary-text.js';
import { SENSITIVITIES, SEVERITY_RANK as RANK, type Anomaly, type Candidate, type DetectionOptions } from './types.js';

const overlaps = (a: Candidate, b: Candidate): boolean => a.fromBucket <= b.toBucket + 1 && b.fromBucket <= a.toBucket + 1;

/** Code-level findings explain class-level ones; burn and new-code facts join the spike they overlap. */
export function mergeCandidates(candidates: Candidate[]): Candidate[] {
  const spikes = candidates.filter((c) => c.kind === 'spike');
  const codeSpikes = spikes.filter((c) => c.codes.length === 1 && String(c.facts.series).startsWith('code:'));
  const kept: Candidate[] = [...codeSpikes];
  for (const cls of spikes.filter((c) => String(c.facts.series).startsWith('class:'))) {
    if (!codeSpikes.some((c) => c.class === cls.class && overlaps(c, cls))) kept.push(cls);
  }
  for (const other of candidates.filter((c) => c.kind !== 'spike')) {
    const host = kept.find((k) => k.kind === 'spike' && overlaps(k, other) &&
      (other.kind === 'burn' ? k.class === '5xx' : other.kind === 'new-code' ? k.codes.includes(other.codes[0]) : true));
    if (host === undefined) { kept.push(other); continue; }
    if (other.kind === 'burn') host.facts.peakBurnRate = other.facts.peakBurnRate;
    if (other.kind === 'new-code') host.facts.newCode = true;
    if (other.kind === 'latency') Object.assign(host.facts, { p95Peak: other.facts.p95Peak, p95Norm: other.facts.p95Norm });
    if (RANK[other.severity] > RANK[host.severity]) host.severity = other.severity;
  }
  return kept.sort((a, b) => a.fromBucket - b.fromBucket || RANK[b.severity] - RANK[a.severity] || b.score - a.score);
}

/** Codes behind a finding that has none of its own (burn, latency): the errors of its stretch. */
function codesOf(c: Candidate, ts: TimeSeries): number[] {
  if (c.codes.length > 0) return c.codes;
  const counts = new Map<number, number>();
  for (const b of ts.buckets.slice(c.fromBucket, c.toBucket + 1)) {
    for (const [code, n] of Object.entries(b.codes)) {
      const num = Number(code);
      const wanted = c.kind === 'burn' ? num >= 500 && num <= 599 : isErrorCode(num);
      if (wanted) counts.set(num, (counts.get(num) ?? 0) + n);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.entries()].filter(([, n]) => n >= 3 && n >= total * 0.1).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([code]) => code);
}

export async function detectAnomalies(
  connection: DuckDBConnection, window: AnalysisWindow, ts: TimeSeries, options: DetectionOptions = {}, top = 5,
): Promise<Anomaly[]> {
  const s = SENSITIVITIES[options.sensitivity ?? 'normal'];
  const slo = options.slo ?? 99.9;
  const series = errorSeries(ts);
  const bucketTotals = totals(ts);
  const baselineRates = await historyRates(connection, window, ts, series);
  const server = series.find((x) => x.key === 'class:5xx');
  const serverRate = baselineRates?.get('class:5xx')?.reduce((a, b) => Math.max(a, b), 0)
    ?? (server === undefined ? 0 : robustRate(server.counts, bucketTotals));
  const candidates = [
    ...detectSpikes({ series, totals: bucketTotals, baselineRates: baselineRates ?? undefined }, s),
    ...(await detectBurn(connection, bucketTotals, server?.counts ?? bucketTotals.map(() => 0), slo, serverRate, s)),
    ...(await detectNewCodes(connection, window, series, bucketTotals, s)),
    ...detectLatency(ts.buckets, ts.buckets.map((b) => b.timed), s),
  ];
  const anomalies: Anomaly[] = [];
  for (const [i, c] of mergeCandidates(candidates).entries()) {
    const startUs = Math.max(window.fromUs, ts.originUs + c.fromBucket * ts.bucketUs);
    const endUs = Math.min(window.toUs, ts.originUs + (c.toBucket + 1) * ts.bucketUs);
    const codes = codesOf(c, ts);
    const evidence = await gatherEvidence(connection, window, startUs, endUs, codes, top);
    const anomaly: Anomaly = {
      id: `a${i + 1}`, kind: c.kind, codes, class: c.class, severity: c.severity, startUs, endUs,
      observed: c.observed, expected: c.expected, score: Math.round(c.score * 100) / 100, facts: c.facts, summary: '', evidence,
    };
    anomaly.summary = describeAnomaly(anomaly, microsToIso);
    anomalies.push(anomaly);
  }
  return anomalies;
}
