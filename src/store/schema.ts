/**
 * The DuckDB schema. `REQUEST_COLUMNS` is the single definition of the `requests`
 * table: the DDL and the appender are both generated from it. docs/schema.md
 * documents every column.
 */
import { BIGINT, DOUBLE, INTEGER, SMALLINT, TIMESTAMP, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import type { RequestRecord } from '../../parsers/types.js';

export interface ColumnSpec {
  name: string;
  sqlType: string;
  chunkType: DuckDBType;
}

type RecordColumn = Exclude<keyof RequestRecord, never>;

const column = (name: RecordColumn | 'input' | 'line', sqlType: string, chunkType: DuckDBType): ColumnSpec => ({ name, sqlType, chunkType });

export const REQUEST_COLUMNS: readonly ColumnSpec[] = [
  column('ts', 'TIMESTAMP', TIMESTAMP),
  column('format', 'VARCHAR', VARCHAR),
  column('status', 'SMALLINT', SMALLINT),
  column('upstream_status', 'SMALLINT', SMALLINT),
  column('method', 'VARCHAR', VARCHAR),
  column('host', 'VARCHAR', VARCHAR),
  column('path', 'VARCHAR', VARCHAR),
  column('query', 'VARCHAR', VARCHAR),
  column('protocol', 'VARCHAR', VARCHAR),
  column('client_ip', 'VARCHAR', VARCHAR),
  column('user_agent', 'VARCHAR', VARCHAR),
  column('referer', 'VARCHAR', VARCHAR),
  column('bytes_sent', 'BIGINT', BIGINT),
  column('request_time_s', 'DOUBLE', DOUBLE),
  column('upstream_time_s', 'DOUBLE', DOUBLE),
  column('request_id', 'VARCHAR', VARCHAR),
  column('error_reason', 'VARCHAR', VARCHAR),
  column('cache_status', 'VARCHAR', VARCHAR),
  column('upstream_addr', 'VARCHAR', VARCHAR),
  column('actions_executed', 'VARCHAR', VARCHAR),
  column('classification', 'VARCHAR', VARCHAR),
  column('input', 'VARCHAR', VARCHAR),
  column('line', 'INTEGER', INTEGER),
];

export const CREATE_REQUESTS_TABLE = `CREATE TABLE IF NOT EXISTS requests (\n  ${REQUEST_COLUMNS.map((c) => `${c.name} ${c.sqlType}`).join(',\n  ')}\n)`;
