/**
 * SQL for the time series: counts per bucket and status, and latency percentiles per
 * bucket. Buckets are numbered from `$origin` in steps of `$bucket` microseconds.
 */
import { IN_WINDOW } from './window.js';

const BUCKET = "(epoch_us(ts) - $origin::BIGINT) // $bucket::BIGINT";

/**
 * The window's requests counted per bucket, status and format, with each group's first
 * and last time, as the temporary table WINDOW_CODES of the connection that runs this.
 * The time series and the summary both read it, rather than each grouping the requests:
 * that cost a scan of the window more (summary and series 70 and 86 ms over 2M nginx
 * requests on one thread, replayed from a run's staging; the tally 107 ms, its readers
 * 3 and 6 ms).
 */
export const WINDOW_CODES = 'window_codes';
export const TALLY_WINDOW_CODES_SQL = `
CREATE OR REPLACE TEMP TABLE ${WINDOW_CODES} AS
SELECT ${BUCKET} AS bucket, status, format, count(*) AS c, min(ts) AS first_ts, max(ts) AS last_ts
FROM requests
WHERE ${IN_WINDOW}
GROUP BY ALL`;

/** From the window's tally (TALLY_WINDOW_CODES_SQL), on the connection that made it. */
export const BUCKET_CODE_COUNTS_SQL = `
SELECT bucket, status, sum(c)::BIGINT AS count
FROM ${WINDOW_CODES}
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

/**
 * GROUPING(bucket, class_digit, v, u) of a grouping set, the columns listed grouped:
 * one bit per column, the first the highest, set when the column is not grouped.
 */
function groupingId(grouped: readonly string[]): number {
  return ['bucket', 'class_digit', 'v', 'u'].reduce((id, column) => id * 2 + (grouped.includes(column) ? 0 : 1), 0);
}
const BUCKET_HISTOGRAM = groupingId(['bucket', 'v']);
const CLASS_HISTOGRAM = groupingId(['class_digit', 'v']);
const UPSTREAM_HISTOGRAM = groupingId(['u']);

/**
 * Every latency figure in one pass over the timed requests: per bucket and per class
 * and overall, the request-time percentiles (`kind` 'bucket' and 'class'; the class row
 * with a NULL class is the overall figure), with the mean and the upstream-time
 * percentiles. The grouping sets count the three histograms in a single scan (separate
 * queries read the requests four times, about 40% more work). The per-class and overall
 * counts and means are summed from the per-class histogram, and so is the overall
 * histogram: two more grouping sets for them cost a tenth of the query (226 against
 * 203 ms on one thread over 2M nginx requests). A mean summed in another order may
 * differ in its last digits, as DuckDB's parallel avg() already did from run to run.
 */
export const LATENCY_SQL = `
WITH timed AS (
  SELECT ${BUCKET} AS bucket, status // 100 AS class_digit, request_time_s AS v, upstream_time_s AS u
  FROM requests
  WHERE ${IN_WINDOW} AND (request_time_s IS NOT NULL OR upstream_time_s IS NOT NULL)
), sets AS MATERIALIZED (
  SELECT GROUPING(bucket, class_digit, v, u) AS set_id, bucket, class_digit, v, u,
         count(v) AS timed, sum(v) AS total, count(u) AS upstream_timed
  FROM timed
  GROUP BY GROUPING SETS ((bucket, v), (class_digit, v), (u))
), per_class AS (
  SELECT class_digit, sum(timed)::BIGINT AS timed, sum(total) / nullif(sum(timed), 0) AS mean,
         sum(upstream_timed)::BIGINT AS upstream_timed
  FROM sets WHERE set_id = ${CLASS_HISTOGRAM}
  GROUP BY ROLLUP (class_digit)
), bucket_q AS (${exactQuantiles(`
  SELECT bucket AS grp, v, timed AS c FROM sets WHERE set_id = ${BUCKET_HISTOGRAM} AND v IS NOT NULL`)}
), class_q AS (${exactQuantiles(`
  SELECT class_digit AS grp, v, timed AS c FROM sets WHERE set_id = ${CLASS_HISTOGRAM} AND v IS NOT NULL
  UNION ALL
  SELECT NULL, v, sum(timed) FROM sets WHERE set_id = ${CLASS_HISTOGRAM} AND v IS NOT NULL GROUP BY v`)}
), upstream_q AS (${exactQuantiles(`
  SELECT NULL AS grp, u AS v, upstream_timed AS c FROM sets WHERE set_id = ${UPSTREAM_HISTOGRAM} AND u IS NOT NULL`)}
)
SELECT 'bucket' AS kind, grp AS key, n AS timed, NULL AS mean, NULL AS upstream_timed, q, NULL AS uq FROM bucket_q
UNION ALL
SELECT 'class', s.class_digit, s.timed, s.mean, s.upstream_timed, class_q.q, upstream_q.q
FROM per_class s
LEFT JOIN class_q ON class_q.grp IS NOT DISTINCT FROM s.class_digit
LEFT JOIN upstream_q ON s.class_digit IS NULL
ORDER BY kind, key NULLS FIRST`;
