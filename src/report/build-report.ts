/**
 * Assembles the report model from ingest counters and the analysis results.
 */
import { microsToIso } from '../../parsers/time.js';
import { generatedByOf } from '../analysis/attribution.js';
import type { Analysis } from '../analysis/run-analysis.js';
import type { Bucket } from '../analysis/timeseries.js';
import { formatDuration } from '../analysis/window.js';
import type { InputInfo } from '../ingest/info.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { REPORT_INPUT_FIELDS, SCHEMA_VERSION, type Report, type ReportBucket, type ReportCode, type ReportInput } from './model.js';

/** At most this many malformed-line samples in a report, across all inputs. */
export const REPORT_MALFORMED_SAMPLES = 10;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const iso = (us: number | null): string | null => (us === null ? null : microsToIso(us));

function bucketRow(b: Bucket): ReportBucket {
  const c = b.classes;
  return {
    start: microsToIso(b.startUs), total: b.total, classes: c, codes: b.codes,
    successRate: ratio(c['2xx'] ?? 0, b.total), clientErrorRate: ratio(c['4xx'] ?? 0, b.total),
    serverErrorRate: ratio(c['5xx'] ?? 0, b.total), latency: b.latency,
  };
}

function codes(analysis: Analysis, requests: number): ReportCode[] {
  return analysis.summary.codes.map((c) => ({
    code: c.code, count: c.count, share: ratio(c.count, requests) ?? 0, class: c.info.class, name: c.info.name,
    vendor: c.info.vendor, vendorLabel: c.info.vendorLabel, known: c.info.known, meaning: c.info.meaning,
    generatedBy: generatedByOf(analysis.attribution, c.code),
    top: analysis.breakdowns.get(c.code) ?? null,
  }));
}

export interface BuildOptions {
  now?: Date;
  sensitivity?: string;
  slo?: number;
  store?: { path: string; files: number; requests: number } | null;
}

export function buildReport(inputs: readonly InputInfo[], analysis: Analysis, options: BuildOptions = {}): Report {
  const now = options.now ?? new Date();
  const { totals } = analysis.summary;
  const requests = totals.requests;
  const hasData = analysis.bounds.firstUs !== null;
  const t = analysis.trend;
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    window: {
      from: hasData ? microsToIso(analysis.window.fromUs) : null,
      to: hasData ? microsToIso(analysis.window.toUs) : null,
      bucket: formatDuration(analysis.timeSeries.bucketUs),
      bucketSeconds: analysis.timeSeries.bucketUs / 1e6,
    },
    store: options.store ?? null,
    inputs: inputs.map((i) => Object.fromEntries(REPORT_INPUT_FIELDS.map((f) => [f, i[f]])) as ReportInput),
    totals: {
      requests,
      malformed: inputs.reduce((n, i) => n + i.malformed, 0),
      skipped: inputs.reduce((n, i) => n + i.skipped, 0),
      start: iso(totals.startUs),
      end: iso(totals.endUs),
      successRate: ratio(totals.success, requests),
      clientErrorRate: ratio(totals.clientErrors, requests),
      serverErrorRate: ratio(totals.serverErrors, requests),
    },
    classes: analysis.summary.classes.map((c) => ({ class: c.class, count: c.count, share: ratio(c.count, requests) ?? 0 })),
    codes: codes(analysis, requests),
    timeseries: requests === 0 ? [] : analysis.timeSeries.buckets.map(bucketRow),
    latency: { available: analysis.latency.overall !== null, ...analysis.latency },
    endpoints: {
      distinct: analysis.endpoints.distinct,
      rows: analysis.endpoints.rows.map((e) => ({
        ...e, errorRate: (e.clientErrors + e.serverErrors) / e.total,
        codes: e.codes.map((c) => ({ ...c, share: c.count / e.total })),
      })),
    },
    attribution: analysis.attribution.map(({ format, code, total, proxy, upstream, unknown, proxyLabel, upstreamLabel }) =>
      ({ format, code, total, proxy, upstream, unknown, proxyLabel, upstreamLabel })),
    trend: t === null ? null : {
      previousFrom: microsToIso(t.previous.fromUs), previousTo: microsToIso(t.previous.toUs), previousRequests: t.previous.requests,
      successRate: t.successRate, clientErrorRate: t.clientErrorRate, serverErrorRate: t.serverErrorRate, codes: t.codes,
    },
    detection: { sensitivity: options.sensitivity ?? 'normal', slo: options.slo ?? 99.9 },
    anomalies: analysis.anomalies.map(({ startUs, endUs, ...a }) => ({ ...a, start: microsToIso(startUs), end: microsToIso(endUs) })),
    recommendations: analysis.recommendations,
    malformedSamples: inputs.flatMap((i) => i.samples).slice(0, REPORT_MALFORMED_SAMPLES)
      .map((s) => ({ path: s.path, line: s.line, text: s.text, code: s.code, reason: s.reason })),
  };
}
