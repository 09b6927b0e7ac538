/**
 * The one report model. Every renderer (terminal, JSON, HTML) is a pure function of
 * it; the JSON renderer writes it as it is, and schema/report.schema.json describes it.
 * Bump SCHEMA_VERSION on any breaking change to this shape. Times are ISO 8601 UTC;
 * shares and rates are fractions (0..1) of all requests in the window unless named
 * otherwise; durations in seconds.
 */
import type { Evidence } from '../analysis/anomaly/types.js';
import type { InputInfo } from '../ingest/info.js';

export const SCHEMA_VERSION = 1;

/** Per-input counters as the ingest stage keeps them (see ingest/info.ts). */
export type ReportInput = Pick<InputInfo, (typeof REPORT_INPUT_FIELDS)[number]>;

export const REPORT_INPUT_FIELDS = ['path', 'format', 'gzip', 'bytes', 'lines', 'blank', 'records', 'malformed', 'skipped', 'partial', 'error'] as const;

export interface ReportTotals {
  requests: number;
  malformed: number;
  skipped: number;
  /** First and last request in the window, null when there are none. */
  start: string | null;
  end: string | null;
  successRate: number | null;
  clientErrorRate: number | null;
  serverErrorRate: number | null;
}

export interface ReportClass { class: string; count: number; share: number }

export interface ReportShare { value: string | null; count: number; share: number }

export interface ReportGeneratedBy {
  proxy: number;
  upstream: number;
  unknown: number;
  proxyLabel: string;
  upstreamLabel: string;
}

export interface ReportCode {
  code: number;
  count: number;
  share: number;
  class: string;
  name: string;
  vendor: string;
  vendorLabel: string;
  known: boolean;
  meaning: string;
  /** For error codes: who generated them, summed over formats. */
  generatedBy: ReportGeneratedBy | null;
  /** For error codes: where they concentrate; shares are of this code's count. */
  top: { endpoints: ReportShare[]; clients: ReportShare[]; userAgents: ReportShare[]; hosts: ReportShare[] } | null;
}

export interface ReportPercentiles { p50: number; p95: number; p99: number }

export interface ReportBucket {
  start: string;
  total: number;
  classes: Record<string, number>;
  codes: Record<string, number>;
  successRate: number | null;
  clientErrorRate: number | null;
  serverErrorRate: number | null;
  latency: ReportPercentiles | null;
}

export interface ReportLatency {
  available: boolean;
  overall: (ReportPercentiles & { timed: number; mean: number }) | null;
  upstream: (ReportPercentiles & { timed: number }) | null;
  byClass: (ReportPercentiles & { class: string; timed: number; mean: number })[];
}

export interface ReportEndpoint {
  endpoint: string;
  total: number;
  clientErrors: number;
  serverErrors: number;
  errorRate: number;
  codes: { code: number; count: number; share: number }[];
}

export interface ReportAttribution extends ReportGeneratedBy {
  format: string;
  code: number;
  total: number;
}

export interface ReportRateChange { current: number | null; previous: number | null; change: number | null }

export interface ReportTrend {
  previousFrom: string;
  previousTo: string;
  previousRequests: number;
  successRate: ReportRateChange;
  clientErrorRate: ReportRateChange;
  serverErrorRate: ReportRateChange;
  codes: { code: number; share: number; previousShare: number; change: number }[];
}

export interface ReportAnomaly {
  id: string;
  kind: 'spike' | 'burn' | 'new-code' | 'latency';
  codes: number[];
  /** `4xx`, `5xx`, `0xx`, or `latency`. */
  class: string;
  severity: 'low' | 'medium' | 'high';
  start: string;
  end: string;
  /** Events seen (for latency: peak bucket p95 in seconds). */
  observed: number;
  /** Events the baseline expects (for latency: the window's norm p95). */
  expected: number;
  score: number;
  summary: string;
  facts: Record<string, number | string | boolean>;
  /** Top values with their shares, a dominant value if any, distinct counts, timing and origin. */
  evidence: Evidence;
}

export interface ReportRecommendation {
  id: string;
  /** Playbook scenario id (see `logcodes codes CODE`). */
  scenario: string;
  group: 'general' | 'nginx' | 'aws-alb' | 'cloudflare';
  codes: number[];
  title: string;
  severity: 'low' | 'medium' | 'high';
  /** A sentence that cites the figures, and the figures themselves. */
  evidence: { summary: string; figures: Record<string, string | number> };
  actions: { client: string[]; server: string[] };
  /** Log fields (requests table columns) worth a look. */
  fields: string[];
  anomalyIds: string[];
  sources: string[];
}

export interface ReportMalformedSample {
  path: string;
  line: number;
  text: string;
  code: string;
  reason: string;
}

export interface Report {
  schemaVersion: number;
  generatedAt: string;
  tool: { name: string; version: string };
  window: { from: string | null; to: string | null; bucket: string; bucketSeconds: number };
  /** The persistent store the report was made from: its file, ingested files and stored requests. */
  store: { path: string; files: number; requests: number } | null;
  /** Inputs read by this run (empty for `logcodes report`). */
  inputs: ReportInput[];
  totals: ReportTotals;
  classes: ReportClass[];
  codes: ReportCode[];
  timeseries: ReportBucket[];
  latency: ReportLatency;
  endpoints: { distinct: number; rows: ReportEndpoint[] };
  attribution: ReportAttribution[];
  trend: ReportTrend | null;
  detection: { sensitivity: string; slo: number };
  anomalies: ReportAnomaly[];
  recommendations: ReportRecommendation[];
  malformedSamples: ReportMalformedSample[];
}
