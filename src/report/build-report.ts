/**
 * Assembles the report model from ingest counters and the SQL summary.
 */
import { microsToIso } from '../../parsers/time.js';
import type { Summary } from '../analysis/summary.js';
import type { InputInfo } from '../ingest/info.js';
import { SCHEMA_VERSION, type Report } from './model.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

/** At most this many malformed-line samples in a report, across all inputs. */
export const REPORT_MALFORMED_SAMPLES = 10;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function buildReport(inputs: readonly InputInfo[], summary: Summary, now: Date = new Date()): Report {
  const { totals } = summary;
  const requests = totals.requests;
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    inputs: inputs.map((i) => ({
      path: i.path, format: i.format, gzip: i.gzip, bytes: i.bytes, lines: i.lines, blank: i.blank,
      records: i.records, malformed: i.malformed, skipped: i.skipped, partial: i.partial, error: i.error,
    })),
    totals: {
      requests,
      malformed: inputs.reduce((n, i) => n + i.malformed, 0),
      skipped: inputs.reduce((n, i) => n + i.skipped, 0),
      start: totals.startUs === null ? null : microsToIso(totals.startUs),
      end: totals.endUs === null ? null : microsToIso(totals.endUs),
      successRate: ratio(totals.success, requests),
      clientErrorRate: ratio(totals.clientErrors, requests),
      serverErrorRate: ratio(totals.serverErrors, requests),
    },
    classes: summary.classes.map((c) => ({ class: c.class, count: c.count, share: ratio(c.count, requests) ?? 0 })),
    codes: summary.codes.map((c) => ({
      code: c.code, count: c.count, share: ratio(c.count, requests) ?? 0, class: c.info.class, name: c.info.name,
      vendor: c.info.vendor, vendorLabel: c.info.vendorLabel, known: c.info.known, meaning: c.info.meaning,
    })),
    malformedSamples: inputs.flatMap((i) => i.samples).slice(0, REPORT_MALFORMED_SAMPLES)
      .map((s) => ({ path: s.path, line: s.line, text: s.text, code: s.code, reason: s.reason })),
  };
}
