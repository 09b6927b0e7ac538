/**
 * `--fail-on` thresholds, evaluated against the report model. Each expression names
 * what it measures, a comparison and a limit:
 *
 *   5xx>1%        share of requests in a class
 *   429>500       count of a code (a share when the limit ends in %)
 *   malformed>0.5%  malformed lines, as a share of lines read or a count
 *   anomaly>=high any anomaly at or above a severity
 *   new-code      any code that appeared for the first time
 */
import { LogcodesError } from '../errors.js';
import { SEVERITY_RANK } from '../analysis/anomaly/types.js';
import type { Report } from './model.js';

export interface Threshold { text: string; evaluate(report: Report): string | null }

type Op = '>' | '>=' | '<' | '<=';
const compare = (a: number, op: Op, b: number): boolean => (op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function parseThreshold(text: string): Threshold {
  const expr = text.trim().toLowerCase();
  if (expr === 'new-code') {
    return {
      text,
      evaluate: (r) => {
        const codes = r.anomalies.filter((a) => a.kind === 'new-code' || a.facts.newCode === true).flatMap((a) => a.codes);
        return codes.length > 0 ? `new code${codes.length > 1 ? 's' : ''} ${[...new Set(codes)].join(', ')}` : null;
      },
    };
  }
  const m = /^([0-9]xx|\d{1,3}|anomaly|malformed)\s*(>=|<=|>|<)\s*([0-9.]+%?|low|medium|high)$/.exec(expr);
  if (m === null) throw new LogcodesError('INVALID_ARGUMENT', `--fail-on: cannot read "${text}" (examples: 5xx>1%, 429>500, anomaly>=high, new-code)`);
  const [, target, op, raw] = m as unknown as [string, string, Op, string];
  if (target === 'anomaly') {
    if (!(raw in SEVERITY_RANK)) throw new LogcodesError('INVALID_ARGUMENT', `--fail-on: "${text}" compares anomalies with low, medium or high`);
    const limit = SEVERITY_RANK[raw as keyof typeof SEVERITY_RANK];
    return {
      text,
      evaluate: (r) => {
        const hit = r.anomalies.filter((a) => compare(SEVERITY_RANK[a.severity], op, limit));
        return hit.length > 0 ? `${hit.length} anomal${hit.length > 1 ? 'ies' : 'y'} (${hit.map((a) => `${a.id} ${a.severity}`).join(', ')})` : null;
      },
    };
  }
  if (raw in SEVERITY_RANK) throw new LogcodesError('INVALID_ARGUMENT', `--fail-on: "${text}" needs a number or a percentage`);
  const share = raw.endsWith('%');
  const limit = share ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  if (!Number.isFinite(limit)) throw new LogcodesError('INVALID_ARGUMENT', `--fail-on: "${text}" has no valid limit`);
  const measure = (r: Report): { count: number; whole: number; name: string } => {
    if (target === 'malformed') return { count: r.totals.malformed, whole: r.inputs.reduce((n, i) => n + i.lines - i.blank, 0), name: 'malformed lines' };
    if (target.endsWith('xx')) return { count: r.classes.find((c) => c.class === target)?.count ?? 0, whole: r.totals.requests, name: target };
    return { count: r.codes.find((c) => c.code === Number(target))?.count ?? 0, whole: r.totals.requests, name: target.padStart(3, '0') };
  };
  return {
    text,
    evaluate: (r) => {
      const { count, whole, name } = measure(r);
      const value = share ? (whole === 0 ? 0 : count / whole) : count;
      if (!compare(value, op, limit)) return null;
      return share ? `${name} is ${pct(value)} (${count} of ${whole})` : `${name} count is ${count}`;
    },
  };
}

export interface Breach { threshold: string; detail: string }

export function evaluateThresholds(report: Report, thresholds: readonly Threshold[]): Breach[] {
  return thresholds.flatMap((t) => {
    const detail = t.evaluate(report);
    return detail === null ? [] : [{ threshold: t.text, detail }];
  });
}
