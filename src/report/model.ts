/**
 * The one report model. Every renderer (terminal, JSON, HTML) is a pure function of
 * it; the JSON renderer writes it as it is, and schema/report.schema.json describes it.
 * Bump SCHEMA_VERSION on any breaking change to this shape.
 */
export const SCHEMA_VERSION = 1;

export interface ReportInput {
  path: string;
  format: string | null;
  gzip: boolean;
  bytes: number;
  lines: number;
  blank: number;
  records: number;
  malformed: number;
  skipped: number;
  partial: boolean;
  error: string | null;
}

export interface ReportTotals {
  requests: number;
  malformed: number;
  skipped: number;
  /** ISO 8601 UTC of the first and last request, null when there are none. */
  start: string | null;
  end: string | null;
  /** Shares of all requests (0..1), null when there are no requests. */
  successRate: number | null;
  clientErrorRate: number | null;
  serverErrorRate: number | null;
}

export interface ReportClass {
  class: string;
  count: number;
  share: number;
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
  inputs: ReportInput[];
  totals: ReportTotals;
  classes: ReportClass[];
  codes: ReportCode[];
  malformedSamples: ReportMalformedSample[];
}
