/**
 * The terminal summary: a pure function of the report model. Every log-derived
 * string passes through stripControl; colour is applied only when asked for.
 */
import { SEVERITY_RANK } from '../analysis/anomaly/types.js';
import type { Report, ReportCode, ReportInput } from './model.js';
import { emptyWindowNote, formatBytes, formatCode, formatCount, formatCounted, formatSeconds, formatShare, formatSignedPoints } from './format.js';
import { stripControl } from './sanitize.js';

export interface TextOptions {
  color: boolean;
  /** Length of top lists (endpoints, samples). Every code is always listed. */
  top: number;
}

const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36' } as const;
type Style = keyof typeof ANSI;
type Paint = (style: Style, text: string) => string;

const CLASS_STYLE: Record<string, Style> = { '1xx': 'blue', '2xx': 'green', '3xx': 'cyan', '4xx': 'yellow', '5xx': 'red' };

function origin(c: ReportCode): string {
  const g = c.generatedBy;
  if (g === null || g.proxy + g.upstream === 0) return '';
  if (g.upstream === 0) return `by ${g.proxyLabel}`;
  if (g.proxy === 0) return `by ${g.upstreamLabel}`;
  return `${formatShare(g.proxy / (g.proxy + g.upstream + g.unknown))} by ${g.proxyLabel}`;
}

/** Inputs listed one by one up to this many; beyond it only those worth a look are. */
export const INPUTS_LISTED = 5;

type Counted = Pick<ReportInput, 'records' | 'malformed' | 'lines' | 'bytes' | 'skipped'>;

const counts = (c: Counted): string =>
  `${formatCount(c.records)} records, ${formatCount(c.malformed)} malformed, ${formatCount(c.lines)} lines, ${formatBytes(c.bytes)}` +
  (c.skipped > 0 ? `, ${formatCount(c.skipped)} skipped (other record type)` : '');

const kindOf = (input: ReportInput): string => `${input.format ?? 'unknown format'}${input.gzip ? ', gzip' : ''}`;

/**
 * A line per input, or with many inputs (a folder of rotated logs, a bucket of ALB
 * objects) a line per input that needs a look (malformed lines, stopped part-way, no
 * format) and one per kind for the rest: a report over 3,000 files began with 3,000
 * lines before its first status code. The JSON report lists every input.
 */
function inputLines(inputs: readonly ReportInput[], paint: Paint, out: string[]): void {
  const line = (input: ReportInput): string => `  ${stripControl(input.path)} (${kindOf(input)}): ${counts(input)}` + (input.partial ? paint('red', ' [partial]') : '');
  const notable = (i: ReportInput): boolean => inputs.length <= INPUTS_LISTED || i.malformed > 0 || i.partial || i.error !== null || i.format === null;
  const rest = new Map<string, ReportInput[]>();
  const linesBefore = out.length;
  for (const input of inputs) {
    if (notable(input)) {
      out.push(line(input));
      continue;
    }
    const group = rest.get(kindOf(input));
    if (group === undefined) rest.set(kindOf(input), [input]);
    else group.push(input);
  }
  const grouped = [...rest.values()].filter((group) => group.length > 1);
  for (const group of rest.values()) if (group.length === 1) out.push(line(group[0]));
  // "other" inputs when some were listed one by one above.
  const other = out.length > linesBefore ? 'other ' : '';
  for (const group of grouped) {
    const sum: Counted = { records: 0, malformed: 0, lines: 0, bytes: 0, skipped: 0 };
    for (const input of group) {
      sum.records += input.records;
      sum.lines += input.lines;
      sum.bytes += input.bytes;
      sum.skipped += input.skipped;
    }
    out.push(`  ${formatCount(group.length)} ${other}inputs (${kindOf(group[0])}): ${counts(sum)}`);
  }
}

function header(report: Report, paint: Paint, out: string[]): void {
  const { totals } = report;
  out.push(paint('bold', 'logcodes') + ` — ${formatCount(totals.requests)} requests` +
    (totals.start ? ` from ${totals.start} to ${totals.end}` : ''));
  if (report.store !== null) {
    out.push(paint('dim', `  store ${stripControl(report.store.path)}: ${formatCounted(report.store.files, 'file')}, ${formatCounted(report.store.requests, 'request')} stored`));
  }
  inputLines(report.inputs, paint, out);
  const empty = emptyWindowNote(report);
  if (empty !== null) out.push(paint('yellow', `  ${empty}`));
  out.push('');
  out.push(`Success ${paint('green', formatShare(totals.successRate))}   ` +
    `client errors ${paint('yellow', formatShare(totals.clientErrorRate))}   ` +
    `server errors ${paint('red', formatShare(totals.serverErrorRate))}`);
  const l = report.latency.overall;
  if (l !== null) out.push(`Latency p50 ${formatSeconds(l.p50)}   p95 ${formatSeconds(l.p95)}   p99 ${formatSeconds(l.p99)}   (${formatCount(l.timed)} timed requests)`);
  const t = report.trend;
  if (t !== null) {
    out.push(`vs previous ${formatCount(t.previousRequests)} requests (${t.previousFrom} – ${t.previousTo}): ` +
      `client errors ${formatSignedPoints(t.clientErrorRate.change)}, server errors ${formatSignedPoints(t.serverErrorRate.change)}`);
  }
}

function classesAndCodes(report: Report, paint: Paint, out: string[]): void {
  out.push('', paint('bold', 'Classes'));
  for (const c of report.classes) {
    const bar = '█'.repeat(Math.round(c.share * 30));
    out.push(`  ${c.class}  ${formatCount(c.count).padStart(12)}  ${formatShare(c.share).padStart(7)}  ${paint(CLASS_STYLE[c.class] ?? 'magenta', bar)}`);
  }
  out.push('', paint('bold', `Status codes (${report.codes.length})`));
  for (const c of report.codes) {
    const vendor = c.vendor === 'standard' ? '' : paint('dim', ` [${c.vendorLabel}]`);
    const name = c.known ? c.name : paint('magenta', 'unknown code');
    const by = origin(c);
    out.push(`  ${paint(CLASS_STYLE[c.class] ?? 'magenta', formatCode(c.code))}  ${formatCount(c.count).padStart(12)}  ` +
      `${formatShare(c.share).padStart(7)}  ${name}${vendor}${by ? paint('dim', `  — ${by}`) : ''}`);
  }
}

const SEVERITY_STYLE: Record<string, Style> = { high: 'red', medium: 'yellow', low: 'dim' };

function anomalies(report: Report, paint: Paint, top: number, out: string[]): void {
  if (report.anomalies.length === 0) {
    out.push('', paint('bold', 'Anomalies: none') + paint('dim', ` (sensitivity ${report.detection.sensitivity}, SLO ${report.detection.slo}%)`));
    return;
  }
  const ranked = [...report.anomalies].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  out.push('', paint('bold', `Anomalies (${report.anomalies.length})`));
  for (const a of ranked.slice(0, top)) {
    out.push(`  ${paint(SEVERITY_STYLE[a.severity], a.severity.toUpperCase().padEnd(6))} ${a.id.padEnd(4)} ${stripControl(a.summary)}`);
  }
  if (ranked.length > top) out.push(paint('dim', `  … ${ranked.length - top} more (--top to show more)`));
}

function recommendations(report: Report, paint: Paint, top: number, out: string[]): void {
  if (report.recommendations.length === 0) return;
  const shown = report.recommendations.slice(0, Math.min(top, 5));
  out.push('', paint('bold', `Recommendations (${report.recommendations.length})`));
  for (const r of shown) {
    out.push(`  ${paint(SEVERITY_STYLE[r.severity], r.severity.toUpperCase().padEnd(6))} ${r.id.padEnd(4)} ${paint('bold', r.title)}` +
      (r.anomalyIds.length > 0 ? paint('dim', ` (${r.anomalyIds.join(', ')})`) : ''));
    out.push(`         ${stripControl(r.evidence.summary)}`);
    const next = r.actions.server[0] ?? r.actions.client[0];
    if (next !== undefined) out.push(paint('dim', `         → ${next}`));
  }
  if (report.recommendations.length > shown.length) out.push(paint('dim', `  … ${report.recommendations.length - shown.length} more in --json / --html`));
}

function endpoints(report: Report, paint: Paint, top: number, out: string[]): void {
  const failing = report.endpoints.rows.filter((e) => e.clientErrors + e.serverErrors > 0).slice(0, top);
  if (failing.length === 0) return;
  out.push('', paint('bold', `Endpoints with the most errors (of ${formatCount(report.endpoints.distinct)} endpoints)`));
  for (const e of failing) {
    const errors = e.codes.filter((c) => c.code >= 400 || c.code < 100).slice(0, 4).map((c) => `${formatCode(c.code)}×${formatCount(c.count)}`);
    out.push(`  ${stripControl(e.endpoint).slice(0, 60).padEnd(60)} ${formatCount(e.total).padStart(9)}  ` +
      `${paint(e.serverErrors > 0 ? 'red' : 'yellow', formatShare(e.errorRate).padStart(7))} errors  ${errors.join(' ')}`);
  }
}

function problems(report: Report, paint: Paint, top: number, out: string[]): void {
  if (report.totals.malformed > 0) {
    out.push('', paint('bold', `Malformed lines: ${formatCount(report.totals.malformed)}`));
    for (const s of report.malformedSamples.slice(0, top)) {
      out.push(`  ${stripControl(s.path)}:${s.line}  ${s.code}: ${stripControl(s.reason)}`);
      out.push(paint('dim', `    ${stripControl(s.text)}`));
    }
  }
  const failed = report.inputs.filter((i) => i.error !== null);
  if (failed.length > 0) {
    out.push('', paint('red', paint('bold', `Inputs with errors: ${failed.length}`)));
    for (const i of failed) out.push(`  ${stripControl(i.error ?? '')}`);
  }
}

export function renderText(report: Report, options: TextOptions): string {
  const paint: Paint = (style, text) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  header(report, paint, out);
  anomalies(report, paint, options.top, out);
  recommendations(report, paint, options.top, out);
  classesAndCodes(report, paint, out);
  endpoints(report, paint, options.top, out);
  problems(report, paint, options.top, out);
  return out.join('\n') + '\n';
}
