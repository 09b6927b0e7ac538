/**
 * nginx scenarios. Facts: nginx docs (core, proxy, upstream, rewrite, limit_req, ssl
 * modules) and source; see shared/reference/playbook-facts.md. Note that 494-497 are
 * logged as 400 unless error_page remaps them, and limit_req rejects with 503 by default.
 */
import type { Scenario } from '../types.js';

const NGINX = ['nginx', 'nginx-json', 'nginx-custom'];
const DOC = 'https://nginx.org/en/docs/http/';

export const NGINX_SCENARIOS: Scenario[] = [
  {
    id: 'nginx-444-drops', title: 'nginx is dropping connections on purpose (444)', group: 'nginx',
    when: { codes: [444], formats: NGINX, minCount: 5, unless: ['scanner-404'] },
    explain: 'nginx closed {count} connections without answering (444) between {start} and {end} UTC, from {clients} clients; top target {endpoint} ({endpointShare}). 444 comes from a `return 444` rule, usually aimed at bots and unknown Host headers.',
    actions: {
      client: [],
      server: ['Confirm the rule that returns 444 only matches unwanted traffic (check the user agents and hosts listed).', 'If real users appear here, narrow the server_name/default_server rule that drops them.'],
    },
    fields: ['client_ip', 'user_agent', 'host', 'path'], sources: [`${DOC}ngx_http_rewrite_module.html#return`],
  },
  {
    id: 'nginx-499-client-timeout', title: 'Clients give up before nginx answers (499)', group: 'nginx',
    when: { codes: [499], formats: NGINX, timingNear: [5, 10, 15, 20, 30, 45, 60, 90, 100, 120], minCount: 5 },
    explain: '{count} requests ended with 499 between {start} and {end} UTC, and {timeoutShare} of them were closed after about {timeout} s: a client-side timeout of {timeout} s is shorter than the time the backend needs. Top endpoint {endpoint} ({endpointShare}).',
    actions: {
      client: ['Raise the client timeout above the endpoint\'s real latency, or make the call asynchronous.'],
      server: ['Speed up the endpoint or return 202 with a job URL for long work.', 'Consider proxy_ignore_client_abort only if the work must finish even when the client leaves.'],
    },
    fields: ['request_time_s', 'upstream_time_s', 'path', 'user_agent'], sources: [`${DOC}ngx_http_proxy_module.html`, 'https://github.com/nginx/nginx/blob/master/src/http/ngx_http_request.h'],
  },
  {
    id: 'nginx-499-impatient', title: 'Clients closing connections early (499)', group: 'nginx',
    when: { codes: [499], formats: NGINX, anomaly: true, minCount: 10, unless: ['nginx-499-client-timeout'] },
    explain: '499s rose to {count} between {start} and {end} UTC (median request time {p50}), most on {endpoint} ({endpointShare}). Clients abandon requests when responses slow down, so 499 usually rises together with latency.',
    actions: {
      client: ['Check client timeouts and retry storms: a retry that cancels the previous request multiplies load.'],
      server: ['Look at upstream response times of the endpoint for the same period.'],
    },
    fields: ['request_time_s', 'upstream_time_s', 'path'], sources: [`${DOC}ngx_http_upstream_module.html#variables`],
  },
  {
    id: 'nginx-504-read-timeout', title: 'nginx timed out reading from the upstream (504 at 60 s)', group: 'nginx',
    when: { codes: [504], formats: NGINX, timingNear: [60, 120, 180, 300], minCount: 3 },
    explain: '{count} requests ended in 504 between {start} and {end} UTC and {timeoutShare} of them took about {timeout} s: nginx\'s proxy_read_timeout (60 s by default, measured between two reads) expired while the upstream was still working. Top endpoint {endpoint} ({endpointShare}).',
    actions: {
      client: ['Retry idempotent calls with backoff; avoid synchronous calls that take a minute.'],
      server: ['Find why the upstream stalls (locks, slow queries, exhausted pools) on that endpoint.', 'Raise proxy_read_timeout only for endpoints that legitimately stream slowly; prefer async jobs.'],
    },
    fields: ['request_time_s', 'upstream_time_s', 'upstream_addr', 'path'], sources: [`${DOC}ngx_http_proxy_module.html#proxy_read_timeout`],
  },
  {
    id: 'nginx-502-upstream', title: 'nginx could not get a valid answer from the upstream (502)', group: 'nginx',
    when: { codes: [502], formats: NGINX, minCount: 5 },
    explain: '{count} requests got 502 between {start} and {end} UTC ({proxy} without an upstream status, {upstream} with one), most on {endpoint} ({endpointShare}). nginx returns 502 when the upstream refuses the connection, resets it, closes early or sends an invalid header.',
    actions: {
      client: ['Retry idempotent requests with backoff.'],
      server: ['Read the nginx error log for "connect() failed", "upstream prematurely closed" or "no live upstreams" at those times.', 'Check the upstream processes and their keep-alive timeout (it must exceed nginx\'s keepalive_timeout to the upstream).'],
    },
    fields: ['upstream_addr', 'upstream_status', 'path', 'ts'], sources: [`${DOC}ngx_http_upstream_module.html`],
  },
  {
    id: 'nginx-413-body-size', title: 'Uploads larger than nginx accepts (413)', group: 'nginx',
    when: { codes: [413], formats: NGINX, minCount: 5 },
    explain: '{count} requests were rejected as too large (413) between {start} and {end} UTC, most on {endpoint} ({endpointShare}). nginx\'s client_max_body_size is 1 MB unless set.',
    actions: {
      client: ['Compress or split large payloads; use multipart or resumable uploads for files.'],
      server: ['Raise client_max_body_size for the upload location only, in line with what the application accepts.'],
    },
    fields: ['path', 'method', 'bytes_sent'], sources: [`${DOC}ngx_http_core_module.html#client_max_body_size`],
  },
  {
    id: 'nginx-header-size', title: 'Request line or headers too large', group: 'nginx',
    when: { codes: [414, 431, 400], formats: NGINX, generatedBy: 'proxy', minCount: 5 },
    explain: 'nginx itself answered {count} requests with {code} between {start} and {end} UTC. A request line longer than one large_client_header_buffers buffer (8 KB by default) gives 414; an oversized header or cookie gives 400 (internally 494, logged as 400).',
    actions: {
      client: ['Trim cookies and long query strings; move large parameters into the body.'],
      server: ['Raise large_client_header_buffers deliberately if big headers are legitimate; otherwise find what sets huge cookies.'],
    },
    fields: ['path', 'query', 'user_agent'], sources: [`${DOC}ngx_http_core_module.html#large_client_header_buffers`],
  },
  {
    id: 'nginx-limit-req-503', title: 'nginx rate limiting answers 503 instead of 429', group: 'nginx',
    when: { codes: [503], formats: NGINX, generatedBy: 'proxy', timingBelow: 0.05, minCount: 10 },
    explain: 'nginx answered {count} requests with 503 by itself between {start} and {end} UTC, instantly (median {p50}) and without asking the upstream, {clientShare} to {client}. That is the signature of limit_req/limit_conn, which reject with 503 by default.',
    actions: {
      client: ['Back off when limited; spread requests over time.'],
      server: ['Set limit_req_status 429 (and limit_conn_status 429) so clients can tell rate limiting from an outage, and add a Retry-After header.'],
    },
    fields: ['client_ip', 'path', 'request_time_s'], sources: [`${DOC}ngx_http_limit_req_module.html#limit_req_status`],
  },
];
