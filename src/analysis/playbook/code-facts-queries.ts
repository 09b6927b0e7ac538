/**
 * SQL for the facts scenarios are matched on: per status code in the window, its
 * volume and span, clients, timing, and the busiest client and endpoint.
 */
import { ROUND_TIMEOUTS } from '../anomaly/anomaly-queries.js';
import { ENDPOINT_CODES } from '../endpoint-queries.js';
import { IN_WINDOW } from '../window.js';

/** Codes the playbook looks at: redirects, client and server errors, and 0xx. */
const RELEVANT = '(status >= 300 OR status < 100)';

export const CODE_FACTS_SQL = `
SELECT status, count(*) AS count, epoch_us(min(ts)) AS first_us, epoch_us(max(ts)) AS last_us,
       count(request_time_s) AS timed, quantile_cont(request_time_s, 0.5) AS p50,
       [${ROUND_TIMEOUTS.map((t) => `count(*) FILTER (WHERE abs(request_time_s - ${t}) <= ${Math.max(0.05 * t, 0.5)})`).join(', ')}] AS near
FROM requests WHERE ${IN_WINDOW} AND ${RELEVANT}
GROUP BY status`;

/**
 * Per status, the row of `counted` (a relation of status, value and count c) with the
 * highest count; a tie goes to the smallest value, a null one last, as with ORDER BY c
 * DESC, value NULLS LAST (min ignores nulls). Two aggregations rather than ranking every
 * row: a window over the 180,000 client groups of 2M nginx requests took 60 of the top
 * client query's 100 ms.
 */
const busiestPerStatus = (counted: string): string => `
SELECT status, min(value) AS value, any_value(c) AS c FROM ${counted}
SEMI JOIN (SELECT status, max(c) AS c FROM ${counted} GROUP BY status) best USING (status, c)
GROUP BY status`;

/**
 * Each code's distinct clients and its busiest client, with how many paths that client
 * asked for. The clients are counted from the same (status, client) groups, rather
 * than by count(DISTINCT) in the code's statistics (20 of their 58 ms over 2M nginx
 * requests, on one thread). The paths are counted for the one client per code only:
 * counting distinct paths for every client first cost a fifth more, over mostly
 * one-request clients.
 */
export const TOP_CLIENT_SQL = `
WITH g AS (
  SELECT status, client_ip AS value, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} AND ${RELEVANT} GROUP BY ALL
), clients AS (
  SELECT status, count(value) AS clients FROM g GROUP BY status
), top AS (${busiestPerStatus('g')}
), paths AS (
  SELECT r.status, count(DISTINCT r.path) AS paths
  FROM (SELECT status, client_ip, path FROM requests WHERE ${IN_WINDOW} AND ${RELEVANT}) r
  JOIN top ON r.status = top.status AND r.client_ip IS NOT DISTINCT FROM top.value
  GROUP BY r.status
)
SELECT top.status, top.value, top.c AS count, coalesce(paths.paths, 0) AS paths, clients.clients
FROM top JOIN clients USING (status) LEFT JOIN paths USING (status)`;

/** From the window's endpoint tally (endpoint-queries.ts), on the connection that made it. */
export const TOP_ENDPOINT_SQL = `
WITH e AS (SELECT status, endpoint AS value, c FROM ${ENDPOINT_CODES} WHERE ${RELEVANT})
SELECT status, value, c AS count FROM (${busiestPerStatus('e')})`;

/**
 * ALB error_reason and desync classification (without its reason) per relevant code
 * (the facts are of those codes; the filter also lets the scan skip the 1xx/2xx row
 * groups of staging files).
 */
export const REASONS_SQL = `
SELECT status, 'error_reason' AS field, error_reason AS value, count(*) AS count
FROM requests WHERE ${IN_WINDOW} AND ${RELEVANT} AND error_reason IS NOT NULL GROUP BY ALL
UNION ALL
SELECT status, 'classification', split_part(classification, ':', 1), count(*)
FROM requests WHERE ${IN_WINDOW} AND ${RELEVANT} AND classification IS NOT NULL GROUP BY ALL
ORDER BY count DESC, value`;
