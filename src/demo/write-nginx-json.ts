/**
 * Writes synthetic requests as nginx JSON lines, the shape of a typical
 * `log_format json escape=json '{...}'` template.
 */
import type { SyntheticRequest } from './traffic.js';
import { formatTimeLocal } from './write-nginx.js';

export function nginxJsonLine(r: SyntheticRequest): string {
  const iso = new Date(Math.floor(r.tsUs / 1000)).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return JSON.stringify({
    time_iso8601: iso,
    remote_addr: r.clientIp,
    request_method: r.method,
    request_uri: r.query === null ? r.path : `${r.path}?${r.query}`,
    server_protocol: r.protocol,
    status: r.status,
    body_bytes_sent: r.bytes,
    request_time: r.requestTimeS,
    upstream_status: r.upstreamStatus === null ? '' : String(r.upstreamStatus),
    upstream_response_time: r.upstreamTimeS === null ? '' : r.upstreamTimeS.toFixed(3),
    upstream_addr: r.upstreamAddr ?? '',
    http_user_agent: r.userAgent === '-' ? '' : r.userAgent,
    http_referer: r.referer ?? '',
    host: r.host,
    request_id: r.requestId,
    time_local: formatTimeLocal(r.tsUs, 0),
  });
}
