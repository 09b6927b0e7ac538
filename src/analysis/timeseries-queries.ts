/**
 * SQL for the time series: counts per bucket and status, and latency percentiles per
 * bucket. Buckets are numbered from `$origin` in steps of `$bucket` microseconds.
 */
import { IN_WINDOW } from './window.js';

const BUCKET = "(epoch_us(ts) - $origin::BIGINT) // $bucket::BIGINT";

export const BUCKET_CODE_COUNTS_SQL = `
SELECT ${BUCKET} AS bucket, status, count(*) AS count
FROM requests
WHERE ${IN_WINDOW}
GROUP BY ALL
ORDER BY 1, 2`;

/** The percentiles every latency figure reports, as `q` lists in this order. */
const QUANTILES = [0.5, 0.95, 0.99];

/**
 * Exact `quantile_cont` (linear interpolation between the closest ranks, DuckDB's own
 * method and arithmetic) from a histogram of `grp, v, c` rows. quantile_cont holds
 * every value of a group in memory, which DuckDB cannot spill: over 10M requests the
 * latency query alone took about 450 MB beyond the memory limit. Latencies repeat
 * (milliseconds in nginx, ALB and Cloudflare logs), so the histogram stays small and
 * its grouping spills like any other.
 */
function exactQuantiles(histogram: string): string {
  const rank = (q: number): string => `(n - 1)::DOUBLE * ${q}`;
  const ends = QUANTILES.map((q, i) =>
    `min(v) FILTER (WHERE upto > floor(${rank(q)})) AS lo${i}, min(v) FILTER (WHERE upto > ceil(${rank(q)})) AS hi${i}`).join(',\n         ');
  const fraction = (q: number): string => `(${rank(q)} - floor(${rank(q)}))`;
  // lo * (1 - d) + hi * d, in this order: the arithmetic of DuckDB's quantile_cont, to the last bit.
  const values = QUANTILES.map((q, i) => `lo${i} * (1 - ${fraction(q)}) + hi${i} * ${fraction(q)}`).join(', ');
  return `
WITH h AS (${histogram}),
cum AS (
  SELECT grp, v, sum(c) OVER (PARTITION BY grp ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto,
         sum(c) OVER (PARTITION BY grp) AS n
  FROM h
), ends AS (
  SELECT grp, any_value(n)::BIGINT AS n,
         ${ends}
  FROM cum GROUP BY grp
)
SELECT grp, n, [${values}] AS q FROM ends`;
}

export const BUCKET_LATENCY_SQL = `
SELECT grp AS bucket, n AS timed, q FROM (${exactQuantiles(`
  SELECT ${BUCKET} AS grp, request_time_s AS v, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} AND request_time_s IS NOT NULL GROUP BY ALL`)})
ORDER BY 1`;

/** Overall and per-class latency; ROLLUP's NULL class row is the overall figure. */
export const LATENCY_SQL = `
WITH stats AS (
  SELECT status // 100 AS class_digit, count(request_time_s) AS timed, avg(request_time_s) AS mean,
         count(upstream_time_s) AS upstream_timed
  FROM requests
  WHERE ${IN_WINDOW} AND (request_time_s IS NOT NULL OR upstream_time_s IS NOT NULL)
  GROUP BY ROLLUP (status // 100)
), request_q AS (${exactQuantiles(`
  SELECT status // 100 AS grp, request_time_s AS v, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} AND request_time_s IS NOT NULL
  GROUP BY GROUPING SETS ((status // 100, request_time_s), (request_time_s))`)}
), upstream_q AS (${exactQuantiles(`
  SELECT NULL AS grp, upstream_time_s AS v, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} AND upstream_time_s IS NOT NULL GROUP BY ALL`)}
)
SELECT stats.*, request_q.q, upstream_q.q AS uq
FROM stats
LEFT JOIN request_q ON request_q.grp IS NOT DISTINCT FROM stats.class_digit
LEFT JOIN upstream_q ON stats.class_digit IS NULL
ORDER BY 1 NULLS FIRST`;
