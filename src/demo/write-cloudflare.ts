/**
 * Writes synthetic requests as Cloudflare Logpush http_requests NDJSON. Timestamps
 * rotate through the encodings Logpush jobs use (unixnano numbers above 2^53, unix
 * seconds, RFC 3339, digit strings) so one sample exercises them all. Origin trouble
 * becomes Cloudflare's own 52x codes with OriginResponseStatus 0.
 */
import type { Random } from './random.js';
import type { SyntheticRequest } from './traffic.js';

const ORIGIN_ERRORS = [[520, 3], [521, 1], [522, 3], [523, 1], [525, 1], [526, 1], [530, 1]] as const;

export function cloudflareOutcome(r: SyntheticRequest, rng: Random): { edge: number; origin: number } {
  // A steady trickle of Cloudflare's own origin-error codes.
  if (r.incident === undefined && rng.chance(0.008)) return { edge: rng.pick([520, 521, 522, 523, 524, 525, 526, 530]), origin: 0 };
  if (r.status === 504) return { edge: 524, origin: 0 };
  if (r.status === 502 && r.upstreamStatus === null) return { edge: rng.weighted(ORIGIN_ERRORS), origin: 0 };
  if (r.status === 444) return { edge: 403, origin: 0 };
  if (r.status === 499) return { edge: 499, origin: 0 };
  if (r.status === 304 && rng.chance(0.5)) return { edge: 304, origin: 0 };
  return { edge: r.status, origin: r.upstreamStatus ?? 0 };
}

function timestampField(tsUs: number, encoding: number): string {
  switch (encoding % 4) {
    case 0: return `${tsUs}${String((tsUs * 7) % 1000).padStart(3, '0')}`; // unixnano, a JSON number > 2^53
    case 1: return String(Math.floor(tsUs / 1e6)); // unix seconds
    case 2: return JSON.stringify(new Date(Math.floor(tsUs / 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z')); // rfc3339
    default: return JSON.stringify(`${tsUs}000`); // unixnano as a digit string
  }
}

export function cloudflareLine(r: SyntheticRequest, rng: Random, index: number): string {
  const { edge, origin } = cloudflareOutcome(r, rng);
  const fromCache = origin === 0 && edge < 400;
  const ttfb = Math.max(1, Math.round(r.requestTimeS * 1000));
  const parts = [
    `"ClientIP":${JSON.stringify(r.clientIp)}`,
    `"ClientRequestHost":${JSON.stringify(r.host)}`,
    `"ClientRequestMethod":${JSON.stringify(r.method)}`,
    `"ClientRequestURI":${JSON.stringify(r.query === null ? r.path : `${r.path}?${r.query}`)}`,
    `"ClientRequestProtocol":${JSON.stringify(r.protocol === 'HTTP/2.0' ? 'HTTP/2' : 'HTTP/1.1')}`,
    `"ClientRequestUserAgent":${JSON.stringify(r.userAgent === '-' ? '' : r.userAgent)}`,
    `"ClientRequestReferer":${JSON.stringify(r.referer ?? '')}`,
    `"EdgeStartTimestamp":${timestampField(r.tsUs, index)}`,
    `"EdgeResponseStatus":${index % 9 === 0 ? JSON.stringify(String(edge)) : edge}`,
    `"OriginResponseStatus":${origin}`,
    `"EdgeResponseBytes":${r.bytes + 300}`,
    `"EdgeTimeToFirstByteMs":${ttfb}`,
    `"OriginResponseDurationMs":${origin === 0 ? 0 : Math.round((r.upstreamTimeS ?? 0) * 1000)}`,
    `"CacheCacheStatus":${JSON.stringify(fromCache ? 'hit' : origin === 0 ? 'unknown' : 'dynamic')}`,
    `"OriginIP":${JSON.stringify(origin === 0 ? '' : '203.0.113.80')}`,
    `"SecurityAction":${JSON.stringify(edge === 403 ? 'block' : '')}`,
    `"RayID":"${r.requestId.slice(0, 16)}"`,
    `"EdgeColoCode":"${rng.pick(['FRA', 'AMS', 'IAD', 'SJC'])}"`,
  ];
  return `{${parts.join(index % 11 === 0 ? ', ' : ',')}}`;
}
