/**
 * What `logcodes ingest` prints on stdout about a run: the per-input rows as JSON with
 * --json, else a line per input and one for the store unless --quiet. Written by the
 * command (commands/ingest.ts) and by the re-run the CLI answers before it loads
 * (quick-rerun.ts): both print it from here, so they cannot differ.
 */
import type { IncrementalInfo } from '../ingest/store-inputs.js';
import { formatBytes, formatCount, formatCounted } from '../report/format.js';
import { stripControl } from '../report/sanitize.js';
import type { StoreCounts } from '../store/maintenance.js';
import type { OutStream } from './context.js';

/** Unchanged inputs listed one by one up to this many; more are counted in one line. */
export const UNCHANGED_LISTED = 5;

type SummaryRow = { path: string; action: string; records: number; malformed: number; bytes: number; error: string | null };

/**
 * The text summary: a line per input read (new, resumed, truncated, stdin) or failed,
 * and the unchanged ones in one line when there are many: a cron run over a folder of
 * thousands of rotated logs mailed a line for every one of them, each saying nothing.
 */
export function summaryLines(rows: readonly SummaryRow[]): string[] {
  const line = (r: SummaryRow): string =>
    `${r.action.padEnd(9)} ${stripControl(r.path)}: ${formatCount(r.records)} new records, ${formatCount(r.malformed)} malformed, ${formatBytes(r.bytes)} read`;
  const unchanged = new Set(rows.filter((r) => r.action === 'unchanged' && r.error === null));
  if (unchanged.size <= UNCHANGED_LISTED) return rows.map(line);
  return [...rows.filter((r) => !unchanged.has(r)).map(line), `unchanged ${formatCount(unchanged.size)} inputs: nothing new`];
}

export interface SummaryStyle {
  json: boolean;
  quiet: boolean;
  /** The store as the command line named it. */
  db: string;
}

/** Whether a run prints a summary at all: --json wins over --quiet. */
export const printsSummary = (style: SummaryStyle): boolean => style.json || !style.quiet;

export function writeIngestSummary(stdout: OutStream, inputs: readonly IncrementalInfo[], store: StoreCounts, style: SummaryStyle): void {
  if (!printsSummary(style)) return;
  const rows = inputs.map((i) => ({
    path: i.path, action: i.action, format: i.format, records: i.records, malformed: i.malformed, skipped: i.skipped,
    lines: i.lines, bytes: i.bytes, offset: i.offset, partial: i.partial, error: i.error,
  }));
  if (style.json) {
    stdout.write(JSON.stringify({ inputs: rows, store }, null, 2) + '\n');
  } else {
    for (const line of summaryLines(rows)) stdout.write(`${line}\n`);
    stdout.write(`store ${stripControl(style.db)}: ${formatCounted(store.files, 'file')}, ${formatCounted(store.requests, 'request')}\n`);
  }
}
