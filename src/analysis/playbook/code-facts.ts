/**
 * Per-code facts for scenario matching, from SQL plus the report's attribution.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Row } from '../../store/query.js';
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
/** Per relevant code: its distinct clients, and the busiest one with the paths it asked for. */
export type TopClients = ReadonlyMap<number, { distinct: number; busiest: { value: string | null; count: number; paths: number } }>;
export interface Reasons { errorReasons: Map<number, { value: string; count: number }[]>; classifications: Map<number, { value: string; count: number }[]> }

/** Each relevant code's busiest endpoint, from the endpoint tally on the connection that made it (tallyEndpointCodes). */
export async function topEndpoints(connection: DuckDBConnection): Promise<TopEndpoints> {
  const rows = await queryRows(connection, TOP_ENDPOINT_SQL);
  return new Map(rows.map((r) => [r.status as number, { value: r.value as string, count: r.count as number }]));
}

/** Each relevant code's distinct clients, and its busiest client with the paths it asked for. */
export async function topClients(connection: DuckDBConnection, window: AnalysisWindow): Promise<TopClients> {
  const rows = await queryRows(connection, TOP_CLIENT_SQL, windowParams(window));
  return new Map(rows.map((r) => [r.status as number, {
    distinct: r.clients as number,
    busiest: { value: (r.value as string | null) ?? null, count: r.count as number, paths: r.paths as number },
  }]));
}

/** ALB error reasons and desync classifications per code, most frequent first. */
export async function reasons(connection: DuckDBConnection, window: AnalysisWindow): Promise<Reasons> {
  const result: Reasons = { errorReasons: new Map(), classifications: new Map() };
  for (const r of await queryRows(connection, REASONS_SQL, windowParams(window))) {
    const byCode = r.field === 'error_reason' ? result.errorReasons : result.classifications;
    const item = { value: r.value as string, count: r.count as number };
    const list = byCode.get(r.status as number);
    if (list === undefined) byCode.set(r.status as number, [item]);
    else list.push(item);
  }
  return result;
}

/** What the other queries add to each code's facts. */
export interface FactParts { endpoints: TopEndpoints; clients: TopClients; reasons: Reasons }

/** Each relevant code's volume, span and timing (CODE_FACTS_SQL), as rows for codeFacts. */
export async function codeStats(connection: DuckDBConnection, window: AnalysisWindow): Promise<Row[]> {
  return queryRows(connection, CODE_FACTS_SQL, windowParams(window));
}

/** The facts of each relevant code: its stats, completed with the other queries' results. */
export function codeFacts(stats: readonly Row[], parts: FactParts): Map<number, CodeFacts> {
  const facts = new Map<number, CodeFacts>();
  for (const r of stats) {
    const timed = r.timed as number;
    const near = (r.near as number[]).map((n, i) => ({ seconds: ROUND_TIMEOUTS[i], share: timed === 0 ? 0 : n / timed }));
    const best = near.reduce((a, b) => (b.share > a.share ? b : a));
    const code = r.status as number;
    const clients = parts.clients.get(code);
    facts.set(code, {
      code, count: r.count as number, firstUs: r.first_us as number, lastUs: r.last_us as number,
      clients: clients?.distinct ?? 0, timed, p50: (r.p50 as number | null) ?? null, nearTimeout: best.share > 0 ? best : null,
      topClient: clients?.busiest ?? null, topEndpoint: parts.endpoints.get(code) ?? null,
      errorReasons: parts.reasons.errorReasons.get(code) ?? [], classifications: parts.reasons.classifications.get(code) ?? [],
    });
  }
  return facts;
}
