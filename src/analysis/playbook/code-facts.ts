/**
 * Per-code facts for scenario matching, from SQL plus the report's attribution.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../store/query.js';
import { ROUND_TIMEOUTS } from '../anomaly/anomaly-queries.js';
import { windowParams, type AnalysisWindow } from '../window.js';
import { CODE_FACTS_SQL, REASONS_SQL, TOP_CLIENT_SQL, TOP_ENDPOINT_SQL } from './code-facts-queries.js';

export interface CodeFacts {
  code: number;
  count: number;
  firstUs: number;
  lastUs: number;
  clients: number;
  timed: number;
  p50: number | null;
  /** The round timeout most of the code's request times sit near, with that share. */
  nearTimeout: { seconds: number; share: number } | null;
  topClient: { value: string | null; count: number; paths: number } | null;
  topEndpoint: { value: string; count: number } | null;
  errorReasons: { value: string; count: number }[];
  classifications: { value: string; count: number }[];
}

export type TopEndpoints = ReadonlyMap<number, { value: string; count: number }>;

/** Each relevant code's busiest endpoint, from the endpoint tally on the connection that made it (tallyEndpointCodes). */
export async function topEndpoints(connection: DuckDBConnection): Promise<TopEndpoints> {
  const rows = await queryRows(connection, TOP_ENDPOINT_SQL);
  return new Map(rows.map((r) => [r.status as number, { value: r.value as string, count: r.count as number }]));
}

export async function codeFacts(connection: DuckDBConnection, window: AnalysisWindow, endpoints: TopEndpoints): Promise<Map<number, CodeFacts>> {
  const params = windowParams(window);
  const facts = new Map<number, CodeFacts>();
  for (const r of await queryRows(connection, CODE_FACTS_SQL, params)) {
    const timed = r.timed as number;
    const near = (r.near as number[]).map((n, i) => ({ seconds: ROUND_TIMEOUTS[i], share: timed === 0 ? 0 : n / timed }));
    const best = near.reduce((a, b) => (b.share > a.share ? b : a));
    facts.set(r.status as number, {
      code: r.status as number, count: r.count as number, firstUs: r.first_us as number, lastUs: r.last_us as number,
      clients: r.clients as number, timed, p50: (r.p50 as number | null) ?? null, nearTimeout: best.share > 0 ? best : null,
      topClient: null, topEndpoint: endpoints.get(r.status as number) ?? null, errorReasons: [], classifications: [],
    });
  }
  for (const r of await queryRows(connection, TOP_CLIENT_SQL, params)) {
    const f = facts.get(r.status as number);
    if (f) f.topClient = { value: (r.value as string | null) ?? null, count: r.count as number, paths: r.paths as number };
  }
  for (const r of await queryRows(connection, REASONS_SQL, params)) {
    const f = facts.get(r.status as number);
    if (!f) continue;
    const item = { value: r.value as string, count: r.count as number };
    (r.field === 'error_reason' ? f.errorReasons : f.classifications).push(item);
  }
  return facts;
}
