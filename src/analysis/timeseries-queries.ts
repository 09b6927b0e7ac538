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

export const BUCKET_LATENCY_SQL = `
SELECT ${BUCKET} AS bucket,
       count(*) AS timed,
       quantile_cont(request_time_s, [0.5, 0.95, 0.99]) AS q
FROM requests
WHERE ${IN_WINDOW} AND request_time_s IS NOT NULL
GROUP BY 1
ORDER BY 1`;

/** Overall and per-class latency; ROLLUP's NULL class row is the overall figure. */
export const LATENCY_SQL = `
SELECT status // 100 AS class_digit,
       count(request_time_s) AS timed,
       avg(request_time_s) AS mean,
       quantile_cont(request_time_s, [0.5, 0.95, 0.99]) AS q,
       count(upstream_time_s) AS upstream_timed,
       quantile_cont(upstream_time_s, [0.5, 0.95, 0.99]) AS uq
FROM requests
WHERE ${IN_WINDOW} AND (request_time_s IS NOT NULL OR upstream_time_s IS NOT NULL)
GROUP BY ROLLUP (status // 100)
ORDER BY 1 NULLS FIRST`;
