/**
 * SQL for the status-code summary. Aggregation happens in DuckDB; only grouped
 * results come back to JavaScript. Times are returned as epoch microseconds.
 */
import { IN_WINDOW } from './window.js';

/** The stored data's extent, which is the default window. */
export const BOUNDS_SQL = `
SELECT count(*) AS requests, epoch_us(min(ts)) AS first_us, epoch_us(max(ts)) AS last_us FROM requests`;

export const TOTALS_SQL = `
SELECT count(*) AS requests,
       epoch_us(min(ts)) AS start_us,
       epoch_us(max(ts)) AS end_us,
       count(*) FILTER (WHERE status BETWEEN 200 AND 299) AS success,
       count(*) FILTER (WHERE status BETWEEN 400 AND 499) AS client_errors,
       count(*) FILTER (WHERE status BETWEEN 500 AND 599) AS server_errors
FROM requests
WHERE ${IN_WINDOW}`;

export const CLASSES_SQL = `
SELECT status // 100 AS class_digit, count(*) AS count
FROM requests
WHERE ${IN_WINDOW}
GROUP BY 1
ORDER BY 1`;

export const CODES_SQL = `
SELECT status AS code, count(*) AS count, list(DISTINCT format ORDER BY format) AS formats
FROM requests
WHERE ${IN_WINDOW}
GROUP BY status
ORDER BY count DESC, status`;
