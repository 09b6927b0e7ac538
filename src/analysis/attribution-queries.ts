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
 * ALB and Cloudflare always log the upstream's status (null when there was none). An
 * nginx input logs $upstream_status when any of its rows has one: an error row with
 * one settles it, so only the rows of inputs whose errors all lack it are scanned
 * (over 2M nginx requests, the whole query read every row and took 52 ms on one
 * thread; now it reads the error rows' groups, 18 ms).
 */
export const ATTRIBUTION_SQL = `
WITH errors AS (
  SELECT input, format, status, upstream_status FROM requests WHERE ${IN_WINDOW} AND ${IS_ERROR}
), from_errors AS (
  SELECT input, bool_or(upstream_status IS NOT NULL) AS known
  FROM errors WHERE format NOT IN ('alb', 'cloudflare') GROUP BY input
), logs_upstream AS (
  SELECT input, known FROM from_errors WHERE known
  UNION ALL
  SELECT input, bool_or(upstream_status IS NOT NULL)
  FROM requests WHERE ${IN_WINDOW} AND format NOT IN ('alb', 'cloudflare') AND input IN (SELECT input FROM from_errors WHERE NOT known)
  GROUP BY input
), attributed AS (
  SELECT e.format, e.status, e.upstream_status, e.format IN ('alb', 'cloudflare') OR coalesce(l.known, false) AS known
  FROM errors e LEFT JOIN logs_upstream l USING (input)
)
SELECT format, status,
       count(*) AS total,
       count(*) FILTER (WHERE upstream_status IS NOT NULL) AS upstream,
       count(*) FILTER (WHERE upstream_status IS NULL AND known) AS proxy,
       count(*) FILTER (WHERE upstream_status IS NULL AND NOT known) AS unknown
FROM attributed
GROUP BY ALL
ORDER BY total DESC, status, format`;
