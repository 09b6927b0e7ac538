/**
 * Endpoints with the codes they return, and for each error code its top endpoints,
 * clients, user agents and hosts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Row } from '../store/query.js';
import { BREAKDOWN_DIMENSIONS, breakdownSql, ENDPOINT_MATRIX_SQL, readsTally, TALLY_ENDPOINT_CODES_SQL, type BreakdownDimension } from './endpoint-queries.js';
import { windowParams, type AnalysisWindow } from './window.js';

export interface EndpointRow {
  endpoint: string;
  total: number;
  clientErrors: number;
  serverErrors: number;
  codes: { code: number; count: number }[];
}

export interface EndpointMatrix {
  /** Distinct endpoints in the window (the list may be cut to `limit`). */
  distinct: number;
  rows: EndpointRow[];
}

export interface Share { value: string | null; count: number; share: number }
export type ErrorBreakdown = Record<BreakdownDimension, Share[]>;

/**
 * Counts the window's requests per endpoint and status into this connection's
 * temporary table, which endpointMatrix, the endpoint breakdowns and the playbook's
 * top endpoints read (endpoint-queries.ts): run it first, on the same connection.
 */
export async function tallyEndpointCodes(connection: DuckDBConnection, window: AnalysisWindow): Promise<void> {
  await connection.run(TALLY_ENDPOINT_CODES_SQL, windowParams(window));
}

export async function endpointMatrix(connection: DuckDBConnection, limit: number): Promise<EndpointMatrix> {
  const rows = await queryRows(connection, ENDPOINT_MATRIX_SQL, { limit: BigInt(limit) });
  return {
    distinct: rows.length === 0 ? 0 : (rows[0].endpoints as number),
    rows: rows.map((r) => ({
      endpoint: r.endpoint as string,
      total: r.total as number,
      clientErrors: r.client_errors as number,
      serverErrors: r.server_errors as number,
      codes: r.codes as { code: number; count: number }[],
    })),
  };
}

/**
 * One dimension's breakdown rows (status, value, count, share). The endpoints' read the
 * tally on the connection that made it (tallyEndpointCodes); the others need only the
 * window, on any connection.
 */
export async function breakdownRows(connection: DuckDBConnection, window: AnalysisWindow, dimension: BreakdownDimension, top: number): Promise<Row[]> {
  const params = readsTally(dimension) ? { top: BigInt(top) } : { ...windowParams(window), top: BigInt(top) };
  return queryRows(connection, breakdownSql(dimension), params);
}

/** Per error code, the top values of each dimension with their shares of that code. */
export function errorBreakdowns(rows: Readonly<Record<BreakdownDimension, readonly Row[]>>): Map<number, ErrorBreakdown> {
  const result = new Map<number, ErrorBreakdown>();
  for (const dimension of Object.keys(BREAKDOWN_DIMENSIONS) as BreakdownDimension[]) {
    for (const row of rows[dimension]) {
      const code = row.status as number;
      let breakdown = result.get(code);
      if (breakdown === undefined) {
        breakdown = { endpoints: [], clients: [], userAgents: [], hosts: [] };
        result.set(code, breakdown);
      }
      breakdown[dimension].push({ value: (row.value as string | null) ?? null, count: row.count as number, share: row.share as number });
    }
  }
  return result;
}
