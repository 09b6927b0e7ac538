/**
 * The terminal summary: a pure function of the report model. Every log-derived
 * string passes through stripControl; colour is applied only when asked for.
 */
import type { Report } from './model.js';
import { formatBytes, formatCode, formatCount, formatShare } from './format.js';
import { stripControl } from './sanitize.js';

export interface TextOptions {
  color: boolean;
  /** Length of long lists (codes, samples). */
  top: number;
}

const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36' } as const;
type Style = keyof typeof ANSI;

const CLASS_STYLE: Record<string, Style> = { '1xx': 'blue', '2xx': 'green', '3xx': 'cyan', '4xx': 'yellow', '5xx': 'red' };

export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const { totals } = report;

  out.push(paint('bold', 'logcodes') + ` — ${formatCount(totals.requests)} requests` +
    (totals.start ? ` from ${totals.start} to ${totals.end}` : ''));
  for (const input of report.inputs) {
    const what = `${input.format ?? 'unknown format'}${input.gzip ? ', gzip' : ''}`;
    out.push(`  ${stripControl(input.path)} (${what}): ${formatCount(input.records)} records, ` +
      `${formatCount(input.malformed)} malformed, ${formatCount(input.lines)} lines, ${formatBytes(input.bytes)}` +
      (input.skipped > 0 ? `, ${formatCount(input.skipped)} skipped (other record type)` : '') +
      (input.partial ? paint('red', ' [partial]') : ''));
  }
  out.push('');
  out.push(`Success ${paint('green', formatShare(totals.successRate))}   ` +
    `client errors ${paint('yellow', formatShare(totals.clientErrorRate))}   ` +
    `server errors ${paint('red', formatShare(totals.serverErrorRate))}`);
  out.push('');

  out.push(paint('bold', 'Classes'));
  for (const c of report.classes) {
    const bar = '█'.repeat(Math.round(c.share * 30));
    out.push(`  ${c.class}  ${formatCount(c.count).padStart(12)}  ${formatShare(c.share).padStart(7)}  ${paint(CLASS_STYLE[c.class] ?? 'magenta', bar)}`);
  }
  out.push('');

  const shown = report.codes.slice(0, Math.max(options.top, 0));
  out.push(paint('bold', `Status codes (${report.codes.length})`));
  for (const c of shown) {
    const vendor = c.vendor === 'standard' ? '' : paint('dim', ` [${c.vendorLabel}]`);
    const name = c.known ? c.name : paint('magenta', 'unknown code');
    out.push(`  ${paint(CLASS_STYLE[c.class] ?? 'magenta', formatCode(c.code))}  ${formatCount(c.count).padStart(12)}  ${formatShare(c.share).padStart(7)}  ${name}${vendor}`);
  }
  if (report.codes.length > shown.length) {
    const rest = report.codes.slice(shown.length).reduce((n, c) => n + c.count, 0);
    out.push(paint('dim', `  … ${report.codes.length - shown.length} more codes with ${formatCount(rest)} requests (--top to show more)`));
  }

  if (totals.malformed > 0) {
    out.push('');
    out.push(paint('bold', `Malformed lines: ${formatCount(totals.malformed)}`));
    for (const s of report.malformedSamples.slice(0, options.top)) {
      out.push(`  ${stripControl(s.path)}:${s.line}  ${s.code}: ${stripControl(s.reason)}`);
      out.push(paint('dim', `    ${stripControl(s.text)}`));
    }
  }
  const failed = report.inputs.filter((i) => i.error !== null);
  if (failed.length > 0) {
    out.push('');
    out.push(paint('red', paint('bold', `Inputs with errors: ${failed.length}`)));
    for (const i of failed) out.push(`  ${stripControl(i.error ?? '')}`);
  }
  return out.join('\n') + '\n';
}
