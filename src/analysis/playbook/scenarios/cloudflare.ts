/**
 * Cloudflare scenarios: the 52x family and 530 that Cloudflare's edge generates about
 * the origin (OriginResponseStatus 0), origin errors passed through, and rate limiting
 * (error 1015, HTTP 429). Facts: Cloudflare's 5xx and 1xxx troubleshooting pages.
 */
import type { Scenario } from '../types.js';

const CF = ['cloudflare'];
const ERR = (code: number): string => `https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-${code}/`;
const edge = (code: number, title: string, explain: string, server: string[]): Scenario => ({
  id: `cf-${code}`, title, group: 'cloudflare',
  when: { codes: [code], formats: CF, generatedBy: 'proxy', minCount: 3 },
  explain: `Cloudflare's edge answered {count} requests with ${code} between {start} and {end} UTC with no origin response, most on {endpoint} ({endpointShare}). ${explain}`,
  actions: { client: ['Retry later; report the Ray ID if it persists.'], server },
  fields: ['request_id', 'upstream_addr', 'host', 'ts'], sources: [ERR(code)],
});

export const CLOUDFLARE_SCENARIOS: Scenario[] = [
  edge(520, 'Origin returned an empty or unknown response (520)', 'The origin answered with something Cloudflare could not use: an empty or malformed response, headers over 128 KB, or a crash mid-response.',
    ['Check the origin\'s error logs at those times; look for crashes and very large cookies or headers.', 'If the origin speaks HTTP/2, try disabling HTTP/2 to origin.']),
  edge(521, 'Origin refused the connection (521)', 'The origin refused Cloudflare\'s connection: the web server is down, or a firewall blocks Cloudflare\'s addresses.',
    ['Make sure the web server runs and listens on 80/443.', 'Allow all Cloudflare IP ranges in the origin firewall and rate limiter.']),
  edge(522, 'Connection to the origin timed out (522)', 'No TCP handshake completed within 19 s, or the request was not acknowledged within 90 s: the origin is overloaded, offline, or dropping Cloudflare\'s packets.',
    ['Allow Cloudflare IP ranges; check origin load, keep-alive settings and the DNS origin address.']),
  edge(523, 'Origin unreachable (523)', 'Cloudflare found no route to the origin address.',
    ['Check the A/AAAA records point at the right origin and that routing (e.g. VPC routes covering Cloudflare ranges) reaches it.']),
  {
    ...edge(524, 'Origin too slow: Cloudflare timed out waiting (524)', 'The origin accepted the connection but sent no HTTP response within the proxy read timeout (120 s by default).',
      ['Move long-running work to asynchronous jobs with status polling, or serve it from a DNS-only subdomain.', 'On Enterprise plans the proxy read timeout can be raised.']),
    when: { codes: [524], formats: CF, minCount: 3 },
  },
  edge(525, 'TLS handshake with the origin failed (525)', 'Cloudflare (Full or Full strict SSL) could not complete a TLS handshake with the origin.',
    ['Check the origin serves a certificate on 443, supports SNI and shares a cipher with Cloudflare.']),
  edge(526, 'Origin certificate invalid (526)', 'In Full (strict) mode the origin certificate was expired, self-signed, revoked or for another host name.',
    ['Install a valid certificate (or a Cloudflare Origin CA certificate) on the origin.']),
  edge(530, 'Origin DNS or tunnel error (530)', 'Cloudflare could not resolve or reach the origin host name; the page carries a 1xxx error such as 1016 (origin DNS) or 1033 (tunnel).',
    ['Check the origin host name resolves; for Cloudflare Tunnel, check the connector is running.']),
  {
    id: 'cf-origin-5xx', title: 'The origin itself is failing (5xx passed through Cloudflare)', group: 'cloudflare',
    when: { codes: [500, 502, 503, 504], formats: CF, generatedBy: 'upstream', minCount: 5 },
    explain: 'The origin produced {upstream} of {count} {code} responses between {start} and {end} UTC (OriginResponseStatus {code}); Cloudflare only passed them on. Most on {endpoint} ({endpointShare}).',
    actions: {
      client: ['Retry idempotent requests with backoff.'],
      server: ['Debug the origin (and any load balancer between Cloudflare and it) with the Ray IDs and times.'],
    },
    fields: ['upstream_status', 'request_id', 'path'], sources: ['https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/'],
  },
  {
    id: 'cf-rate-limit-1015', title: 'Cloudflare rate limiting rule blocking clients (1015 / 429)', group: 'cloudflare',
    when: { codes: [429], formats: CF, generatedBy: 'proxy', minCount: 5 },
    explain: 'Cloudflare\'s edge answered {proxy} of {count} 429s itself between {start} and {end} UTC (error 1015), {clientShare} to {client}: a rate limiting rule of the zone matched.',
    actions: {
      client: ['Wait and slow down; honour Retry-After.'],
      server: ['Review the rate limiting rule\'s threshold and period against real traffic (a longer period smooths bursts).'],
    },
    fields: ['client_ip', 'error_reason', 'path'], sources: ['https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1015/'],
  },
];
