/**
 * Who generated each error: the proxy in front (ALB, Cloudflare's edge, nginx) or the
 * upstream behind it (target, origin, upstream server).
 *   - ALB: target_status_code `-` (null) → the load balancer answered by itself.
 *   - Cloudflare: OriginResponseStatus 0 (null) → the edge answered.
 *   - nginx: only when the input logs $upstream_status at all; then a null upstream
 *     status means nginx answered (444, 499, limit_req 503...). Otherwise unknown.
 */
import { IS_ERROR } from './endpoint-queries.js';
import { IN_WINDOW } from './window.js';

export const ATTRIBUTION_SQL = `
WITH logs_upstream AS (
  SELECT input, bool_or(upstream_status IS NOT NULL) OR bool_or(format IN ('alb', 'cloudflare')) AS known
  FROM requests WHERE ${IN_WINDOW} GROUP BY input
)
SELECT r.format, r.status,
       count(*) AS total,
       count(*) FILTER (WHERE r.upstream_status IS NOT NULL) AS upstream,
       count(*) FILTER (WHERE r.upstream_status IS NULL AND l.known) AS proxy,
       count(*) FILTER (WHERE r.upstream_status IS NULL AND NOT l.known) AS unknown
FROM (SELECT input, format, status, upstream_status FROM requests WHERE ${IN_WINDOW} AND ${IS_ERROR}) r
JOIN logs_upstream l USING (input)
GROUP BY ALL
ORDER BY total DESC, r.status, r.format`;
