/**
 * One sentence per anomaly that cites its numbers, for the terminal and the reports.
 */
import type { Anomaly } from './types.js';

const pct = (share: number): string => `${Math.round(share * 100)}%`;
const hhmm = (iso: string): string => iso.slice(11, 16);
const DIMENSION_WORDS = { endpoint: 'to', client: 'from client', userAgent: 'from user agent', host: 'on host' } as const;

export function describeAnomaly(a: Anomaly, iso: (us: number) => string): string {
  const start = iso(a.startUs);
  const end = iso(a.endUs);
  const when = start.slice(0, 10) === end.slice(0, 10) ? `${start.slice(0, 10)} ${hhmm(start)}–${hhmm(end)} UTC` : `${start.slice(0, 16)}Z – ${end.slice(0, 16)}Z`;
  const codes = a.codes.length > 0 ? a.codes.map((c) => String(c).padStart(3, '0')).join('/') : a.class;
  let text: string;
  switch (a.kind) {
    case 'spike': {
      const expected = a.expected < 0.1 ? a.expected.toPrecision(1) : a.expected.toFixed(1);
      const ratio = a.expected > 0 ? ` (${(a.observed / a.expected).toFixed(a.observed / a.expected >= 10 ? 0 : 1)}× the ${expected} expected)` : '';
      text = `${codes} spike: ${a.observed} requests${ratio}, ${when}`;
      break;
    }
    case 'burn':
      text = `Server errors burning the ${a.facts.slo}% SLO budget at up to ${a.facts.peakBurnRate}× : ${a.observed} errors, ${when}`;
      break;
    case 'new-code':
      text = `New code ${codes}: ${a.observed} requests, first seen ${when}`;
      break;
    case 'latency':
      text = `Latency p95 up to ${Number(a.facts.p95Peak).toFixed(2)} s against a norm of ${Number(a.facts.p95Norm).toFixed(2)} s, ${when}`;
      break;
  }
  const c = a.evidence.concentration;
  if (c !== null) text += `; ${pct(c.share)} ${DIMENSION_WORDS[c.dimension]} ${c.value}`;
  if (a.facts.peakBurnRate !== undefined && a.kind === 'spike') text += `; burn rate ${a.facts.peakBurnRate}×`;
  const t = a.evidence.timing;
  if (t?.nearTimeout) text += `; ${pct(t.nearTimeout.share)} took about ${t.nearTimeout.seconds} s`;
  return text;
}
