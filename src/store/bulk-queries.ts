/**
 * The bulk load of a CSV batch written by BulkWriter. Column order matches the writer;
 * every type is given so that nothing is guessed; `\N` is NULL and a quoted "\N" is
 * the text itself; the input path and format are bound once for the whole batch.
 * A row is at most about four times its log line (csv-rows.ts), and log lines are at
 * most MAX_LINE_BYTES_LIMIT, so max_line_size holds any row; the reader's buffer is
 * set rather than its default of 16 rows that long, which DuckDB must fit in its
 * memory limit.
 */
export const INSERT_FROM_CSV_SQL = `
INSERT INTO requests
SELECT make_timestamp(ts_us), $format, status, upstream_status, method, host, path, query, protocol, client_ip,
       user_agent, referer, bytes_sent, request_time_s, upstream_time_s, request_id, error_reason, cache_status,
       upstream_addr, actions_executed, classification, $input, line
FROM read_csv($file,
  columns = {
    'ts_us': 'BIGINT', 'status': 'SMALLINT', 'upstream_status': 'SMALLINT', 'method': 'VARCHAR', 'host': 'VARCHAR',
    'path': 'VARCHAR', 'query': 'VARCHAR', 'protocol': 'VARCHAR', 'client_ip': 'VARCHAR', 'user_agent': 'VARCHAR',
    'referer': 'VARCHAR', 'bytes_sent': 'BIGINT', 'request_time_s': 'DOUBLE', 'upstream_time_s': 'DOUBLE',
    'request_id': 'VARCHAR', 'error_reason': 'VARCHAR', 'cache_status': 'VARCHAR', 'upstream_addr': 'VARCHAR',
    'actions_executed': 'VARCHAR', 'classification': 'VARCHAR', 'line': 'INTEGER'
  },
  header = false, delim = ',', quote = '"', escape = '"', nullstr = '\\N', allow_quoted_nulls = false,
  auto_detect = false, strict_mode = true, parallel = true,
  max_line_size = 20000000, buffer_size = 20000000)`;
