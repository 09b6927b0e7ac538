/**
 * Runs a query with bound parameters and returns plain row objects. BIGINT and
 * HUGEINT come back as bigint; counts are converted to numbers here (exact below
 * 2^53), and timestamps are returned as epoch microseconds by the queries themselves.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

export async function queryRows(connection: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params);
  const rows = reader.getRowObjectsJS() as Row[];
  for (const row of rows) {
    for (const key of Object.keys(row)) row[key] = plain(row[key]);
  }
  return rows;
}
