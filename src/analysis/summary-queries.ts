/**
 * SQL for the status-code summary. Aggregation happens in DuckDB; only grouped
 * results come back to JavaScript. Times are returned as epoch microseconds.
 */
import { WINDOW_CODES } from './timeseries-queries.js';
import { IN_WINDOW } from './window.js';

/** The stored data's extent, which is the default window. */
export const BOUNDS_SQL = `
SELECT count(*) AS requests, epoch_us(min(ts)) AS first_us, epoch_us(max(ts)) AS last_us FROM requests`;

/**
 * The window's totals, classes and codes from `perFormat`, the window's requests
 * counted per status and format with their first and last time: each code is counted
 * once per format, and the codes, classes and totals are summed from those few rows
 * (three queries over the requests cost about twice as much; a code's formats as
 * list(DISTINCT format) kept a set per code over every row, 49 against 42 ms over 2M
 * nginx requests on one thread). Rows are told apart by `kind`; codes come by count,
 * descending, then code.
 */
function summarySql(perFormat: string): string {
  return `
WITH per_format AS (${perFormat}
), codes AS MATERIALIZED (
  SELECT status, sum(count)::BIGINT AS count, min(first_ts) AS first_ts, max(last_ts) AS last_ts,
         list(format ORDER BY format) AS formats
  FROM per_format GROUP BY status
)
SELECT 'total' AS kind, NULL AS key, coalesce(sum(count), 0) AS count,
       epoch_us(min(first_ts)) AS start_us, epoch_us(max(last_ts)) AS end_us,
       coalesce(sum(count) FILTER (WHERE status BETWEEN 200 AND 299), 0) AS success,
       coalesce(sum(count) FILTER (WHERE status BETWEEN 400 AND 499), 0) AS client_errors,
       coalesce(sum(count) FILTER (WHERE status BETWEEN 500 AND 599), 0) AS server_errors,
       NULL AS formats
FROM codes
UNION ALL
SELECT 'class', status // 100, sum(count), NULL, NULL, NULL, NULL, NULL, NULL FROM codes GROUP BY status // 100
UNION ALL
SELECT 'code', status, count, NULL, NULL, NULL, NULL, NULL, formats FROM codes
ORDER BY kind, count DESC, key`;
}

/** The summary of any window, from the requests. */
export const SUMMARY_SQL = summarySql(`
  SELECT status, format, count(*) AS count, min(ts) AS first_ts, max(ts) AS last_ts
  FROM requests WHERE ${IN_WINDOW} GROUP BY status, format`);

/** The summary of the window the connection's tally counted (TALLY_WINDOW_CODES_SQL), from the tally. */
export const TALLIED_SUMMARY_SQL = summarySql(`
  SELECT status, format, sum(c) AS count, min(first_ts) AS first_ts, max(last_ts) AS last_ts
  FROM ${WINDOW_CODES} GROUP BY status, format`);
