/**
 * Scenarios any HTTP API shows, from the seed guide's playbook (401, 403, 429, 504, 422,
 * 415) and its best practices per class, with RFC 9110 / RFC 6585 semantics.
 */
import type { Scenario } from '../types.js';

const RFC9110 = 'https://www.rfc-editor.org/rfc/rfc9110#section-15';
const RFC6585 = 'https://www.rfc-editor.org/rfc/rfc6585#section-4';

export const GENERAL_SCENARIOS: Scenario[] = [
  {
    id: 'auth-rotation', title: 'Credentials rejected across many clients', group: 'general',
    when: { codes: [401], clients: 'many', anomaly: true, minCount: 10 },
    explain: '{count} requests got 401 between {start} and {end} UTC from {clients} different clients (the busiest carries only {clientShare}). Failures spread this wide point at the server side: a rotated signing key, an expired shared secret or an identity-provider outage, not one broken client.',
    actions: {
      client: ['Refresh tokens on 401 and retry once; do not loop on failures.', 'Check the clock: token validity checks fail under clock skew.'],
      server: ['Check recent key, certificate or secret rotations and whether old tokens are still accepted during the changeover.', 'Check the identity provider and token-validation service for errors at the same time.', 'Send WWW-Authenticate with an error description so clients can tell expiry from rejection.'],
    },
    fields: ['status', 'client_ip', 'user_agent', 'path', 'ts'], sources: [RFC9110],
  },
  {
    id: 'auth-one-client', title: 'One client keeps sending bad credentials', group: 'general',
    when: { codes: [401], clients: 'one', minCount: 10 },
    explain: '{clientShare} of the {count} 401 responses went to one client, {client}, between {start} and {end} UTC. The credentials are fine for everyone else: that client\'s token or API key has expired, been revoked or is missing.',
    actions: {
      client: ['Renew the token or key of this client and add a token-refresh step before expiry.', 'Make sure the Authorization header is actually sent (proxies and redirects can drop it).'],
      server: ['Contact the owner of the client; consider throttling repeated failures to protect the auth service.'],
    },
    fields: ['client_ip', 'user_agent', 'status', 'path'], sources: [RFC9110],
  },
  {
    id: 'forbidden', title: 'Requests refused for lack of permission', group: 'general',
    when: { codes: [403], generatedBy: 'upstream', minCount: 10, unless: ['scanner-404'] },
    explain: '{count} requests got 403 from the application between {start} and {end} UTC, most on {endpoint} ({endpointShare}). The callers are authenticated but not allowed.',
    actions: {
      client: ['Do not retry a 403 unchanged; check the scopes and role the token carries and the plan the account is on.'],
      server: ['Review recent changes to authorization rules and roles for the endpoint.', 'Return a body that says which permission is missing.'],
    },
    fields: ['path', 'client_ip', 'status'], sources: [RFC9110],
  },
  {
    id: 'rate-limit-one-client', title: 'One client is being rate limited', group: 'general',
    when: { codes: [429], clients: 'one', minCount: 10, unless: ['cf-rate-limit-1015'] },
    explain: '{count} requests from {client} to {endpoint} got 429 between {start} and {end} UTC, {clientShare} of all 429s in that time. This is one client exceeding its quota, not a capacity problem.',
    actions: {
      client: ['Honour Retry-After and back off exponentially with jitter.', 'Queue and batch requests instead of bursting; cache results that do not change.'],
      server: ['Make sure 429 responses carry Retry-After.', 'Contact the owner of the client or move it to a quota that fits its use.'],
    },
    fields: ['client_ip', 'user_agent', 'path', 'status', 'ts'], sources: [RFC6585],
  },
  {
    id: 'rate-limit-broad', title: 'Rate limits hit by many clients', group: 'general',
    when: { codes: [429], clients: 'many', anomaly: true, minCount: 20, unless: ['cf-rate-limit-1015'] },
    explain: '{count} requests got 429 between {start} and {end} UTC, spread over {clients} clients. When many well-behaved clients are limited at once, the limits are tighter than real traffic.',
    actions: {
      client: ['Honour Retry-After and back off exponentially with jitter.'],
      server: ['Review the limits against current traffic; raise them or scale the protected service.', 'Send Retry-After and rate-limit headers so clients can pace themselves.'],
    },
    fields: ['client_ip', 'path', 'status', 'ts'], sources: [RFC6585],
  },
  {
    id: 'gateway-timeout', title: 'Upstream too slow: gateway timeouts', group: 'general',
    when: { codes: [504], minCount: 5, unless: ['nginx-504-read-timeout', 'alb-lb-504'] },
    explain: '{count} requests ended in 504 between {start} and {end} UTC, most on {endpoint} ({endpointShare}); median request time {p50}. A proxy gave up waiting for the application.',
    actions: {
      client: ['Retry idempotent requests with exponential backoff; split large requests into smaller ones.'],
      server: ['Profile the slow endpoint (database queries, downstream calls) and add caching where results repeat.', 'Move long work to an asynchronous job with a status URL instead of holding the request open.', 'Set timeouts deliberately along the chain: each hop a little longer than the one behind it.'],
    },
    fields: ['path', 'request_time_s', 'upstream_time_s', 'upstream_addr', 'ts'], sources: [RFC9110],
  },
  {
    id: 'unprocessable', title: 'Payloads failing validation (422)', group: 'general',
    when: { codes: [422], minCount: 10 },
    explain: '{count} requests got 422 between {start} and {end} UTC, most on {endpoint} ({endpointShare}): the JSON parses but breaks the API\'s rules.',
    actions: {
      client: ['Validate payloads against the published schema before sending; check required fields and types.'],
      server: ['Return which field failed and why; publish the schema and check whether a recent change made validation stricter.'],
    },
    fields: ['path', 'method', 'client_ip', 'user_agent'], sources: [RFC9110],
  },
  {
    id: 'unsupported-media', title: 'Wrong Content-Type (415)', group: 'general',
    when: { codes: [415], minCount: 5 },
    explain: '{count} requests got 415 between {start} and {end} UTC, most on {endpoint} ({endpointShare}).',
    actions: {
      client: ['Send the Content-Type (and Content-Encoding) the endpoint documents, e.g. application/json.'],
      server: ['Advertise accepted types (Accept / Accept-Post) and say in the error which types are supported.'],
    },
    fields: ['path', 'method', 'user_agent'], sources: [RFC9110],
  },
  {
    id: 'bad-request', title: 'Malformed requests (400) from the application', group: 'general',
    when: { codes: [400], generatedBy: 'upstream', minCount: 20, minShare: 0.002 },
    explain: '{count} requests got 400 from the application between {start} and {end} UTC, most on {endpoint} ({endpointShare}).',
    actions: {
      client: ['Validate input before sending; log the request bodies that fail.'],
      server: ['Return a precise error body; check whether a client release started sending a new shape.'],
    },
    fields: ['path', 'user_agent', 'client_ip'], sources: [RFC9110],
  },
  {
    id: 'scanner-404', title: 'A scanner is probing for paths', group: 'general',
    when: { codes: [404, 444, 403], clients: 'one', minDistinctPathsOfTopClient: 20, minCount: 20 },
    explain: '{client} asked for {paths} different paths and got {code} {count} times between {start} and {end} UTC ({clientShare} of all {code}s in that time): a scanner looking for known weaknesses, not broken links.',
    actions: {
      client: [],
      server: ['Block or rate-limit the address at the edge (WAF, firewall, fail2ban).', 'Check that none of the probed paths (admin pages, .env, backups) exist.'],
    },
    fields: ['client_ip', 'user_agent', 'path'], sources: [RFC9110],
  },
  {
    id: 'not-found-regression', title: 'A known route started returning 404', group: 'general',
    when: { codes: [404], clients: 'many', oneEndpoint: true, anomaly: true, minCount: 20 },
    explain: '404s jumped on {endpoint} ({endpointShare} of {count}) between {start} and {end} UTC, from {clients} clients. Many clients failing on one route suggests a deploy removed or renamed it, or a link points to it.',
    actions: {
      client: ['Check the URL and resource identifiers the client builds.'],
      server: ['Compare the route table before and after the last deploy; add a redirect if the route moved.'],
    },
    fields: ['path', 'referer', 'ts'], sources: [RFC9110],
  },
  {
    id: 'server-errors', title: 'Application errors (500)', group: 'general',
    when: { codes: [500], minCount: 10, unless: ['cf-origin-5xx', 'alb-waf', 'alb-auth-errors'] },
    explain: '{count} requests failed with 500 between {start} and {end} UTC, most on {endpoint} ({endpointShare}).',
    actions: {
      client: ['Retry idempotent requests with exponential backoff; stop after a few attempts (circuit breaker).'],
      server: ['Correlate the start time with deploys and configuration changes; read the application logs by request id.', 'Return user-friendly errors and alert on the 5xx rate.'],
    },
    fields: ['path', 'request_id', 'upstream_addr', 'ts'], sources: [RFC9110],
  },
  {
    id: 'unavailable', title: 'Service unavailable (503) from the application', group: 'general',
    when: { codes: [503], generatedBy: 'upstream', minCount: 10, unless: ['cf-origin-5xx'] },
    explain: '{count} requests got 503 from the application between {start} and {end} UTC, most on {endpoint} ({endpointShare}).',
    actions: {
      client: ['Honour Retry-After; open a circuit breaker after repeated failures instead of hammering.'],
      server: ['Check capacity, health checks and dependencies of the service; send Retry-After while overloaded or in maintenance.'],
    },
    fields: ['path', 'upstream_addr', 'ts'], sources: [RFC9110],
  },
  {
    id: 'redirect-heavy', title: 'Many redirects: check for loops and stale links', group: 'general',
    when: { codes: [301, 302, 307, 308], clients: 'one', minShare: 0.05, minCount: 50 },
    explain: '{client} received {count} redirects ({code}) between {start} and {end} UTC, {clientShare} of them. One client following redirects this often is either looping or using an outdated URL.',
    actions: {
      client: ['Limit the number of redirects followed; update stored URLs after a permanent redirect (301/308).'],
      server: ['Check for redirect loops (http↔https, trailing slash, www) on the affected paths.'],
    },
    fields: ['client_ip', 'path', 'status'], sources: [RFC9110],
  },
];
