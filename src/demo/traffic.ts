/**
 * A synthetic API's traffic: endpoints with realistic weights, a status mix per
 * endpoint, daily (diurnal) volume, bot noise and latencies. Format writers turn
 * each request into an nginx, ALB or Cloudflare line. Used for samples, the demo
 * command, tests and benchmarks.
 */
import { applyIncidents, injectedRequests, type Incident } from './incidents.js';
import { Random } from './random.js';

export interface SyntheticRequest {
  tsUs: number;
  method: string;
  host: string;
  path: string;
  query: string | null;
  protocol: string;
  status: number;
  /** The upstream/origin status; null when the proxy answered by itself. */
  upstreamStatus: number | null;
  clientIp: string;
  userAgent: string;
  referer: string | null;
  bytes: number;
  requestTimeS: number;
  upstreamTimeS: number | null;
  requestId: string;
  upstreamAddr: string | null;
  /** Set on requests an injected incident produced or changed. */
  incident?: string;
}

export interface TrafficOptions {
  seed: number;
  /** Start, UTC microseconds. */
  startUs: number;
  hours: number;
  /** Requests per hour at the daily peak. */
  peakPerHour: number;
  /** Fraction of peak traffic at the quietest hour (1 = flat). */
  troughRatio?: number;
  incidents?: readonly Incident[];
}

const HOSTS = ['api.example.com'];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'okhttp/4.12.0',
  'python-requests/2.32.3',
  'ExampleApp/5.2.1 (iPhone; iOS 18.1)',
  'Go-http-client/2.0',
];
const BOT_AGENTS = ['Mozilla/5.0 zgrab/0.x', 'masscan/1.3', '-'];

interface Endpoint {
  method: string;
  weight: number;
  make: (rng: Random) => { path: string; query: string | null };
  /** Status mix besides the default success code. */
  errors: readonly (readonly [number, number])[];
  ok: number;
  meanMs: number;
}

const id = (rng: Random): string => String(rng.int(1, 99999));
const uuid = (rng: Random): string =>
  [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('')).join('-');

export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', weight: 30, make: (r) => ({ path: `/api/v1/users/${id(r)}`, query: null }), ok: 200, meanMs: 40,
    errors: [[304, 3], [401, 1], [404, 1.5], [500, 0.1], [502, 0.1], [504, 0.05], [499, 0.3]] },
  { method: 'GET', weight: 22, make: (r) => ({ path: '/api/v1/products', query: `page=${r.int(1, 40)}&limit=50` }), ok: 200, meanMs: 80,
    errors: [[304, 5], [400, 0.4], [429, 0.2], [500, 0.1], [503, 0.05], [499, 0.4]] },
  { method: 'GET', weight: 12, make: (r) => ({ path: '/api/v1/search', query: `q=${r.pick(['shoes', 'red+hat', 'caf%C3%A9', 'laptop'])}` }), ok: 200, meanMs: 220,
    errors: [[400, 0.5], [429, 0.5], [499, 0.8], [504, 0.1], [500, 0.1]] },
  { method: 'POST', weight: 8, make: () => ({ path: '/api/v1/orders', query: null }), ok: 201, meanMs: 150,
    errors: [[400, 1], [401, 0.8], [403, 0.3], [409, 0.3], [415, 0.1], [422, 1.2], [500, 0.2], [502, 0.1]] },
  { method: 'PUT', weight: 4, make: (r) => ({ path: `/api/v1/users/${id(r)}`, query: null }), ok: 200, meanMs: 90,
    errors: [[400, 0.6], [401, 0.5], [403, 0.5], [404, 0.3], [422, 0.8], [500, 0.1]] },
  { method: 'DELETE', weight: 2, make: (r) => ({ path: `/api/v1/sessions/${uuid(r)}`, query: null }), ok: 204, meanMs: 30,
    errors: [[401, 0.5], [404, 1]] },
  { method: 'GET', weight: 10, make: (r) => ({ path: `/static/app.${r.int(0x10000000, 0xffffffff).toString(16)}.js`, query: null }), ok: 200, meanMs: 5,
    errors: [[304, 30], [404, 0.2]] },
  { method: 'GET', weight: 6, make: () => ({ path: '/health', query: null }), ok: 200, meanMs: 2, errors: [] },
  { method: 'GET', weight: 2, make: () => ({ path: '/docs', query: null }), ok: 301, meanMs: 1, errors: [] },
];

const SCANNER_PATHS = ['/wp-login.php', '/.env', '/phpmyadmin/', '/.git/config', '/admin.php', '/cgi-bin/luci'];

function clientIp(rng: Random): string {
  if (rng.chance(0.08)) return `2001:db8:${rng.int(0, 0xffff).toString(16)}::${rng.int(1, 0xffff).toString(16)}`;
  return `${rng.pick([198, 203, 192])}.${rng.pick([51, 0])}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Traffic volume at an hour of day (UTC), between troughRatio and 1 of the peak. */
export function diurnalFactor(hourOfDay: number, troughRatio: number): number {
  const wave = (1 + Math.cos(((hourOfDay - 15) / 24) * 2 * Math.PI)) / 2; // peak at 15:00 UTC
  return troughRatio + (1 - troughRatio) * wave;
}

export function synthesizeRequest(rng: Random, tsUs: number): SyntheticRequest {
  if (rng.chance(0.004)) return scannerRequest(rng, tsUs);
  const endpoint = rng.weighted(ENDPOINTS.map((e) => [e, e.weight] as const));
  const { path, query } = endpoint.make(rng);
  const errorWeight = endpoint.errors.reduce((n, e) => n + e[1], 0);
  const status = rng.chance(errorWeight / 100) ? rng.weighted(endpoint.errors) : endpoint.ok;
  const upstreamMs = rng.exponential(endpoint.meanMs);
  const proxyOnly = status === 499 || status === 504 || status === 502;
  const requestTimeS = status === 504 ? 60 + rng.next() * 0.01 : status === 499 ? rng.exponential(endpoint.meanMs * 8) / 1000 : (upstreamMs + rng.exponential(1)) / 1000;
  return {
    tsUs, method: endpoint.method, host: HOSTS[0], path, query, protocol: rng.chance(0.6) ? 'HTTP/2.0' : 'HTTP/1.1', status,
    upstreamStatus: proxyOnly ? (status === 502 ? 502 : null) : status,
    clientIp: clientIp(rng), userAgent: rng.pick(USER_AGENTS), referer: rng.chance(0.2) ? 'https://www.example.com/' : null,
    bytes: status === 204 || status === 304 ? 0 : rng.int(80, 24000), requestTimeS: round3(requestTimeS),
    upstreamTimeS: proxyOnly && status !== 502 ? null : round3(upstreamMs / 1000),
    requestId: Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join(''),
    upstreamAddr: status === 499 ? null : `10.0.${rng.int(1, 3)}.${rng.int(10, 12)}:8080`,
  };
}

function scannerRequest(rng: Random, tsUs: number): SyntheticRequest {
  return {
    tsUs, method: 'GET', host: HOSTS[0], path: rng.pick(SCANNER_PATHS), query: null, protocol: 'HTTP/1.1', status: 444,
    upstreamStatus: null, clientIp: `45.${rng.int(1, 250)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, userAgent: rng.pick(BOT_AGENTS),
    referer: null, bytes: 0, requestTimeS: 0, upstreamTimeS: null,
    requestId: Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join(''), upstreamAddr: null,
  };
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Requests in time order, minute by minute, following the diurnal curve. */
export function* generateTraffic(options: TrafficOptions): Generator<SyntheticRequest> {
  const rng = new Random(options.seed);
  const trough = options.troughRatio ?? 0.25;
  const minutes = Math.round(options.hours * 60);
  for (let m = 0; m < minutes; m++) {
    const minuteStartUs = options.startUs + m * 60_000_000;
    const hour = new Date(minuteStartUs / 1000).getUTCHours() + new Date(minuteStartUs / 1000).getUTCMinutes() / 60;
    const expected = (options.peakPerHour / 60) * diurnalFactor(hour, trough);
    // Poisson-ish count: expected plus a little noise, never negative.
    const count = Math.max(0, Math.round(expected + (rng.next() - 0.5) * 2 * Math.sqrt(expected)));
    const offsets = Array.from({ length: count }, () => Math.floor(rng.next() * 60_000_000)).sort((a, b) => a - b);
    const incidents = options.incidents ?? [];
    const minute = offsets.map((offset) => applyIncidents(synthesizeRequest(rng, minuteStartUs + offset), incidents, rng));
    if (incidents.length > 0) {
      minute.push(...injectedRequests(incidents, minuteStartUs, rng, (tsUs) => synthesizeRequest(rng, tsUs)));
      minute.sort((a, b) => a.tsUs - b.tsUs);
    }
    yield* minute;
  }
}
