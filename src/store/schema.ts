/**
 * The DuckDB schema. `REQUEST_COLUMNS` is the single definition of the `requests`
 * table: the DDL and the appender are both generated from it. docs/schema.md
 * documents every column.
 */
import type { DuckDBType } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import type { RequestRecord } from '../../parsers/types.js';

/** SQL types of the table, named as @duckdb/node-api names its type constants. */
type SqlType = 'TIMESTAMP' | 'VARCHAR' | 'SMALLINT' | 'BIGINT' | 'DOUBLE' | 'INTEGER';

export interface ColumnSpec {
  name: string;
  sqlType: SqlType;
  /** The appender's type for the column (loads DuckDB on first use: duckdb-module.ts). */
  readonly chunkType: DuckDBType;
}

type RecordColumn = Exclude<keyof RequestRecord, never>;

const column = (name: RecordColumn | 'input' | 'line' | 'endpoint', sqlType: SqlType): ColumnSpec => ({
  name,
  sqlType,
  get chunkType(): DuckDBType {
    return duckdb()[sqlType];
  },
});

export const REQUEST_COLUMNS: readonly ColumnSpec[] = [
  column('ts', 'TIMESTAMP'),
  column('format', 'VARCHAR'),
  column('status', 'SMALLINT'),
  column('upstream_status', 'SMALLINT'),
  column('method', 'VARCHAR'),
  column('host', 'VARCHAR'),
  column('path', 'VARCHAR'),
  column('query', 'VARCHAR'),
  column('protocol', 'VARCHAR'),
  column('client_ip', 'VARCHAR'),
  column('user_agent', 'VARCHAR'),
  column('referer', 'VARCHAR'),
  column('bytes_sent', 'BIGINT'),
  column('request_time_s', 'DOUBLE'),
  column('upstream_time_s', 'DOUBLE'),
  column('request_id', 'VARCHAR'),
  column('error_reason', 'VARCHAR'),
  column('cache_status', 'VARCHAR'),
  column('upstream_addr', 'VARCHAR'),
  column('actions_executed', 'VARCHAR'),
  column('classification', 'VARCHAR'),
  column('input', 'VARCHAR'),
  column('line', 'INTEGER'),
  // Derived by the store from method and path (endpoint-template.ts); last, because a
  // database file written before it had the column gets it appended (log-store.ts).
  column('endpoint', 'VARCHAR'),
];

export const CREATE_REQUESTS_TABLE = `CREATE TABLE IF NOT EXISTS requests (\n  ${REQUEST_COLUMNS.map((c) => `${c.name} ${c.sqlType}`).join(',\n  ')}\n)`;
