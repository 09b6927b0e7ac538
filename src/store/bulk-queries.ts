/**
 * The bulk load of a staging file written by BulkWriter (staging-format.ts). Columns
 * are read by name; the input path and format are bound once for the whole file.
 * make_timestamp turns the microseconds into the TIMESTAMP column; the Parquet
 * integers are cast to the table's narrower types on insert.
 */
export const INSERT_FROM_STAGING_SQL = `
INSERT INTO requests
SELECT make_timestamp(ts_us), $format, status, upstream_status, method, host, path, query, protocol, client_ip,
       user_agent, referer, bytes_sent, request_time_s, upstream_time_s, request_id, error_reason, cache_status,
       upstream_addr, actions_executed, classification, $input, line
FROM read_parquet($file)`;
