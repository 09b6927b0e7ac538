/**
 * Writes synthetic requests as AWS ALB access-log lines (30 fields, the current
 * generation), turning proxy outcomes into what an ALB logs: 460 for a client that
 * gave up, LB-generated 502/504 with target status `-` and -1 timings, 464 for a
 * protocol mismatch, 561 with an Auth error_reason, 463 for an over-long XFF chain.
 */
import type { Random } from './random.js';
import type { SyntheticRequest } from './traffic.js';

const ELB = 'app/api-prod/50dc6c495c0c9188';
const TG = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/api-prod/73e2d6bc24d8a067';

function hex(rng: Random, n: number): string {
  return Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
}

function isoMicros(tsUs: number): string {
  const iso = new Date(Math.floor(tsUs / 1000)).toISOString();
  return iso.slice(0, 19) + '.' + String(tsUs % 1_000_000).padStart(6, '0') + 'Z';
}

/** Rewrites the generic outcome into ALB's vocabulary. */
export function albOutcome(r: SyntheticRequest, rng: Random): { status: number; target: string | null; errorReason: string | null } {
  if (r.status === 499) return { status: 460, target: null, errorReason: null };
  if (r.status === 444) return { status: 403, target: null, errorReason: null }; // WAF block stands in for nginx's drop
  if (r.status === 504 || (r.status === 502 && r.upstreamStatus === null)) return { status: r.status, target: null, errorReason: null };
  // A steady trickle of the load balancer's own codes, as real ALBs show.
  if (r.incident === undefined && rng.chance(0.006)) {
    const status = rng.pick([460, 463, 464, 561, 502, 503, 504]);
    return { status, target: null, errorReason: status === 561 ? rng.pick(['AuthInvalidIdToken', 'AuthUnhandledException']) : null };
  }
  return { status: r.status, target: r.upstreamStatus === null ? null : String(r.upstreamStatus), errorReason: null };
}

export function albLine(r: SyntheticRequest, rng: Random): string {
  const outcome = albOutcome(r, rng);
  const dispatched = outcome.target !== null;
  const targetAddr = outcome.status === 403 || outcome.status === 561 || outcome.status === 464 || outcome.status === 463 ? '-' : (r.upstreamAddr ?? '10.0.1.10:8080');
  const times = dispatched
    ? ['0.000', (r.upstreamTimeS ?? r.requestTimeS).toFixed(3), '0.000']
    : outcome.status === 403 || outcome.status === 464 || outcome.status === 463 || outcome.status === 561 ? ['-1', '-1', '-1'] : ['0.001', '-1', '-1'];
  const scheme = r.protocol === 'HTTP/2.0' ? 'h2' : 'https';
  const url = `https://${r.host}:443${r.path}${r.query === null ? '' : `?${r.query}`}`;
  const trace = `Root=1-${Math.floor(r.tsUs / 1e6).toString(16)}-${hex(rng, 24)}`;
  const endUs = r.tsUs + Math.round(r.requestTimeS * 1e6);
  const ua = r.userAgent === '-' ? '-' : r.userAgent.replace(/"/g, '\\"');
  const fields = [
    scheme, isoMicros(endUs), ELB, `${r.clientIp}:${rng.int(1024, 65535)}`, targetAddr, ...times,
    String(outcome.status), outcome.target ?? '-', String(rng.int(200, 900)), String(r.bytes + 250),
    `"${r.method} ${url} ${r.protocol === 'HTTP/2.0' ? 'HTTP/2.0' : 'HTTP/1.1'}"`, `"${ua}"`,
    'ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.2', targetAddr === '-' ? '-' : TG, `"${trace}"`, `"${r.host}"`,
    '"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012"',
    outcome.status === 403 ? '0' : '1', isoMicros(r.tsUs),
    outcome.status === 403 ? '"waf"' : outcome.status === 561 ? '"authenticate"' : '"forward"', '"-"',
    `"${outcome.errorReason ?? '-'}"`, `"${targetAddr}"`, `"${outcome.target ?? '-'}"`, '"-"', '"-"', `TID_${hex(rng, 32)}`,
  ];
  return fields.join(' ');
}
