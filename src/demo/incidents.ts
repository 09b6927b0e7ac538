/**
 * Incidents injected into synthetic traffic, with the ground truth detection is
 * measured against. Each kind reproduces what the real thing looks like in a log:
 * an upstream outage turns a share of one endpoint's requests into 502/503; a timeout
 * makes them hang to 60 s and end in 504; a credential rotation gives everyone 401;
 * an abusive client floods one endpoint and gets 429; a scanner walks unique paths
 * and gets 404; a deploy starts answering 413; impatient clients abort at 30 s (499).
 */
import type { Random } from './random.js';
import type { SyntheticRequest } from './traffic.js';

export type IncidentKind = 'outage' | 'timeout' | 'auth' | 'rate-limit' | 'scanner' | 'new-code' | 'client-abort';

export interface Incident {
  id: string;
  kind: IncidentKind;
  startUs: number;
  endUs: number;
  /** Codes as the generic (nginx-like) traffic carries them. */
  codes: number[];
  /** Path prefix of the affected endpoint; all API endpoints when absent. */
  path?: string;
  /** Share of matching requests affected. */
  share?: number;
  /** For client-driven incidents: extra requests per minute from one client. */
  perMinute?: number;
  clientIp?: string;
}

export const INCIDENT_KINDS: readonly IncidentKind[] = ['outage', 'rate-limit', 'timeout', 'scanner', 'auth', 'new-code', 'client-abort'];

/** Places `count` non-overlapping incidents in the last 75% of the span (the start stays a clean baseline). */
export function scheduleIncidents(rng: Random, startUs: number, hours: number, count: number, peakPerHour: number): Incident[] {
  const spanUs = hours * 3600e6;
  const slots = Array.from({ length: count }, (_, i) => i);
  const slotUs = (spanUs * 0.75) / count;
  const perMinute = Math.max(peakPerHour / 60, 0.2);
  // On a quiet API an incident hits everything for hours, or it would leave too few
  // events to be an incident at all.
  const quiet = perMinute < 3;
  const minutes = Math.min(quiet ? 240 : 20, (slotUs / 60e6) * 0.6);
  return slots.map((i) => {
    const kind = INCIDENT_KINDS[(i + rng.int(0, INCIDENT_KINDS.length - 1)) % INCIDENT_KINDS.length];
    const lengthUs = Math.round(minutes * (1 + rng.next() * 0.5) * 60e6);
    let begin = startUs + spanUs * 0.25 + i * slotUs + rng.next() * Math.max(slotUs - lengthUs, 0);
    if (quiet) begin = daytime(begin);
    return makeIncident(`i${i + 1}`, kind, Math.round(begin), Math.round(begin + Math.min(lengthUs, slotUs)), rng, perMinute, quiet);
  });
}

/** The next 11:00-15:00 UTC stretch at or after a time: quiet APIs see their incidents by day. */
function daytime(us: number): number {
  const d = new Date(us / 1000);
  const hour = d.getUTCHours();
  if (hour >= 11 && hour < 15) return us;
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + (hour >= 15 ? 1 : 0), 11) * 1000;
  return next + (us % 3600e6);
}

function makeIncident(id: string, kind: IncidentKind, startUs: number, endUs: number, rng: Random, perMinute: number, quiet: boolean): Incident {
  const client = `198.51.100.${rng.int(100, 199)}`;
  const burst = Math.max(2, perMinute * 0.5);
  const scope = (path: string, share: number): { path?: string; share: number } => (quiet ? { share: 0.9 } : { path, share });
  switch (kind) {
    case 'outage': return { id, kind, startUs, endUs, codes: [rng.pick([502, 503])], ...scope('/api/v1/products', 0.6) };
    case 'timeout': return { id, kind, startUs, endUs, codes: [504], ...scope('/api/v1/search', 0.5) };
    case 'auth': return { id, kind, startUs, endUs, codes: [401], share: quiet ? 0.9 : 0.3 };
    case 'rate-limit': return { id, kind, startUs, endUs, codes: [429], path: '/api/v1/search', perMinute: burst, clientIp: client };
    case 'scanner': return { id, kind, startUs, endUs, codes: [404], perMinute: burst, clientIp: `45.155.${rng.int(0, 255)}.${rng.int(1, 254)}` };
    case 'new-code': return { id, kind, startUs, endUs, codes: [413], ...scope('/api/v1/orders', 0.5) };
    case 'client-abort': return { id, kind, startUs, endUs, codes: [499], ...scope('/api/v1/search', 0.5) };
  }
}

const active = (incident: Incident, tsUs: number): boolean => tsUs >= incident.startUs && tsUs < incident.endUs;

/** Rewrites a normal request when an incident that affects it is under way. */
export function applyIncidents(request: SyntheticRequest, incidents: readonly Incident[], rng: Random): SyntheticRequest {
  for (const incident of incidents) {
    if (incident.share === undefined || !active(incident, request.tsUs)) continue;
    const matches = incident.path === undefined ? request.path.startsWith('/api/') : request.path.startsWith(incident.path);
    if (!matches || !rng.chance(incident.share)) continue;
    const code = incident.codes[0];
    const proxyAnswered = code === 504 || code === 499;
    const requestTimeS = code === 504 ? 60 + rng.next() * 0.05 : code === 499 ? 30 + rng.next() * 0.4 : request.requestTimeS;
    return {
      ...request, status: code, upstreamStatus: proxyAnswered ? null : code, requestTimeS,
      upstreamTimeS: proxyAnswered ? null : request.upstreamTimeS, bytes: 150, incident: incident.id,
    };
  }
  return request;
}

/** Extra requests client-driven incidents add in one minute. */
export function injectedRequests(incidents: readonly Incident[], minuteStartUs: number, rng: Random, base: (tsUs: number) => SyntheticRequest): SyntheticRequest[] {
  const out: SyntheticRequest[] = [];
  for (const incident of incidents) {
    if (incident.perMinute === undefined || !active(incident, minuteStartUs)) continue;
    const n = Math.round(incident.perMinute * (0.6 + rng.next() * 0.8));
    for (let k = 0; k < n; k++) {
      const tsUs = minuteStartUs + Math.floor(rng.next() * 60e6);
      const r = base(tsUs);
      const path = incident.kind === 'scanner' ? `/${rng.pick(['admin', 'backup', 'old', 'wp', 'api/v0', 'config'])}/${rng.int(1, 1e6).toString(36)}.${rng.pick(['php', 'bak', 'zip', 'env'])}` : incident.path ?? r.path;
      out.push({
        ...r, tsUs, method: 'GET', path, query: incident.kind === 'rate-limit' ? 'q=shoes' : null, status: incident.codes[0], upstreamStatus: incident.codes[0],
        clientIp: incident.clientIp ?? r.clientIp, userAgent: incident.kind === 'scanner' ? 'Mozilla/5.0 (compatible; Nmap Scripting Engine)' : 'python-requests/2.31.0',
        bytes: 120, requestTimeS: 0.002, upstreamTimeS: 0.001, incident: incident.id,
      });
    }
  }
  return out;
}
