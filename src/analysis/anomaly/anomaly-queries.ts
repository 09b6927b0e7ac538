/**
 * SQL for anomaly detection and its evidence. All values, including time ranges,
 * code lists and window lengths, are bound parameters.
 */
import { IN_WINDOW } from '../window.js';

/**
 * Multiwindow burn rate (Google SRE workbook, ch. 5): server errors and requests summed
 * over a long and a short trailing window at every bucket, empty buckets included.
 * The per-bucket counts ($n requests, $e server errors, one element per bucket) are the
 * time series' own, so the requests are not read again.
 */
export const BURN_SQL = `
WITH filled AS (
  SELECT generate_subscripts($n::BIGINT[], 1) - 1 AS bucket, unnest($n::BIGINT[]) AS n, unnest($e::BIGINT[]) AS e
)
SELECT bucket, n, e,
       sum(n) OVER long_w AS n_long, sum(e) OVER long_w AS e_long,
       sum(n) OVER short_w AS n_short, sum(e) OVER short_w AS e_short
FROM filled
WINDOW long_w AS (ORDER BY bucket ROWS BETWEEN $long::BIGINT PRECEDING AND CURRENT ROW),
       short_w AS (ORDER BY bucket ROWS BETWEEN $short::BIGINT PRECEDING AND CURRENT ROW)
ORDER BY bucket`;

/** What the store holds before the window: the history new codes are judged against. */
export const HISTORY_CODES_SQL = `
SELECT status, count(*) AS count FROM requests WHERE ts < make_timestamp($from::BIGINT) GROUP BY status`;

/** Per hour of day and status, counts in the 28 days of history before the window. */
export const HISTORY_HOURLY_SQL = `
WITH h AS (
  SELECT hour(ts) AS hour, status, ts::DATE AS day FROM requests
  WHERE ts < make_timestamp($from::BIGINT) AND ts >= make_timestamp($from::BIGINT) - INTERVAL 28 DAY
), per_hour AS (
  SELECT hour, count(*) AS total, count(DISTINCT day) AS days FROM h GROUP BY hour
)
SELECT h.hour, h.status, count(*) AS count, p.total, p.days
FROM h JOIN per_hour p USING (hour)
GROUP BY ALL`;

/** `$codes` is never empty (DuckDB cannot type an empty list); `$all` widens to every code. */
const IN_RANGE = 'ts >= make_timestamp($start::BIGINT) AND ts < make_timestamp($end::BIGINT) AND ($all OR list_contains($codes, status))';

/** Columns of the requests. */
export const EVIDENCE_DIMENSIONS = {
  endpoint: 'endpoint',
  client: 'client_ip',
  userAgent: 'user_agent',
  host: 'host',
} as const;
export type EvidenceDimension = keyof typeof EVIDENCE_DIMENSIONS;

export function evidenceSql(dimension: EvidenceDimension): string {
  return `
SELECT ${EVIDENCE_DIMENSIONS[dimension]} AS value, count(*) AS count, count(*) / sum(count(*)) OVER () AS share
FROM requests WHERE ${IN_RANGE}
GROUP BY 1 ORDER BY count DESC, value NULLS LAST LIMIT $top::BIGINT`;
}

/** Round client and proxy timeouts that request times pile up against (seconds). */
export const ROUND_TIMEOUTS = [5, 10, 15, 20, 30, 45, 60, 90, 100, 120, 180, 300, 600];

export const EVIDENCE_FACTS_SQL = `
SELECT count(DISTINCT path) AS distinct_paths, count(DISTINCT client_ip) AS distinct_clients,
       count(request_time_s) AS timed, quantile_cont(request_time_s, [0.5, 0.9]) AS q,
       count(*) FILTER (WHERE upstream_status IS NULL) AS by_proxy,
       count(*) FILTER (WHERE upstream_status IS NOT NULL) AS by_upstream,
       [${ROUND_TIMEOUTS.map((t) => `count(*) FILTER (WHERE abs(request_time_s - ${t}) <= ${Math.max(0.05 * t, 0.5)})`).join(', ')}] AS near
FROM requests WHERE ${IN_RANGE}`;

/** Share of all requests in the window that each anomaly's top values carry normally. */
export const USUAL_SHARE_SQL = `
SELECT count(*) FILTER (WHERE ${EVIDENCE_DIMENSIONS.endpoint} = $endpoint) / count(*) AS endpoint,
       count(*) FILTER (WHERE client_ip = $client) / count(*) AS client,
       count(*) FILTER (WHERE user_agent = $userAgent) / count(*) AS userAgent,
       count(*) FILTER (WHERE host = $host) / count(*) AS host
FROM requests WHERE ${IN_WINDOW}`;
