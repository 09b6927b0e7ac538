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

/**
 * ALB and Cloudflare always log the upstream's status (null when there was none); only
 * an nginx input's rows need scanning to learn whether it logs $upstream_status, so
 * the others' rows are left out of logs_upstream (a tenth of the query over 1M
 * Cloudflare requests).
 */
export const ATTRIBUTION_SQL = `
WITH logs_upstream AS (
  SELECT input, bool_or(upstream_status IS NOT NULL) AS known
  FROM requests WHERE ${IN_WINDOW} AND format NOT IN ('alb', 'cloudflare') GROUP BY input
), errors AS (
  SELECT r.format, r.status, r.upstream_status, r.format IN ('alb', 'cloudflare') OR coalesce(l.known, false) AS known
  FROM (SELECT input, format, status, upstream_status FROM requests WHERE ${IN_WINDOW} AND ${IS_ERROR}) r
  LEFT JOIN logs_upstream l USING (input)
)
SELECT format, status,
       count(*) AS total,
       count(*) FILTER (WHERE upstream_status IS NOT NULL) AS upstream,
       count(*) FILTER (WHERE upstream_status IS NULL AND known) AS proxy,
       count(*) FILTER (WHERE upstream_status IS NULL AND NOT known) AS unknown
FROM errors
GROUP BY ALL
ORDER BY total DESC, status, format`;
