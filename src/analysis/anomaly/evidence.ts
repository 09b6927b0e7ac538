/**
 * What an anomaly consists of: its top endpoints, clients, user agents and hosts with
 * their shares, whether one of them dominates, and the request times of its requests.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from '../../store/duckdb-module.js';
import { queryRows } from '../../store/query.js';
import { windowParams, type AnalysisWindow } from '../window.js';
import { EVIDENCE_DIMENSIONS, EVIDENCE_FACTS_SQL, evidenceSql, ROUND_TIMEOUTS, USUAL_SHARE_SQL, type EvidenceDimension } from './anomaly-queries.js';
import type { Evidence, ShareRow } from './types.js';

/** A value is said to dominate an anomaly at this share of its requests. */
export const CONCENTRATION_SHARE = 0.5;
/** ...and at least this many times its share of all traffic. */
export const OVER_REPRESENTATION = 2;
/** Request times "pile up" at a timeout when this share sits within 5% of it. */
export const TIMEOUT_PILE_SHARE = 0.3;

export async function gatherEvidence(
  connection: DuckDBConnection, window: AnalysisWindow, startUs: number, endUs: number, codes: readonly number[], top: number,
): Promise<Evidence> {
  const range = { start: BigInt(startUs), end: BigInt(endUs), codes: duckdb().listValue(codes.length > 0 ? [...codes] : [-1]), all: codes.length === 0 };
  const params = { ...range, top: BigInt(top) };
  const rows: Record<EvidenceDimension, ShareRow[]> = { endpoint: [], client: [], userAgent: [], host: [] };
  for (const dimension of Object.keys(EVIDENCE_DIMENSIONS) as EvidenceDimension[]) {
    rows[dimension] = (await queryRows(connection, evidenceSql(dimension), params)).map((r) => ({
      value: (r.value as string | null) ?? null, count: r.count as number, share: r.share as number,
    }));
  }
  // A value that dominates the anomaly only tells something if it does not dominate
  // all traffic too (one host serving everything is not news).
  const dimensions = Object.keys(EVIDENCE_DIMENSIONS) as EvidenceDimension[];
  const [usual] = await queryRows(connection, USUAL_SHARE_SQL, {
    ...windowParams(window), ...Object.fromEntries(dimensions.map((d) => [d, rows[d][0]?.value ?? ''])),
  });
  let concentration: Evidence['concentration'] = null;
  for (const dimension of ['client', 'endpoint', 'userAgent', 'host'] as EvidenceDimension[]) {
    const first = rows[dimension][0];
    if (first === undefined || first.value === null || first.share < CONCENTRATION_SHARE) continue;
    if ((usual[dimension] as number | null ?? 0) * OVER_REPRESENTATION > first.share) continue;
    // First qualifying dimension wins: a client is the most actionable, then the endpoint.
    concentration = { dimension, value: first.value, share: first.share };
    break;
  }
  const [facts] = await queryRows(connection, EVIDENCE_FACTS_SQL, range);
  const timed = facts.timed as number;
  let timing: Evidence['timing'] = null;
  if (timed > 0) {
    const [p50, p90] = facts.q as number[];
    const near = (facts.near as number[]).map((n, i) => ({ seconds: ROUND_TIMEOUTS[i], share: n / timed }));
    const best = near.reduce((a, b) => (b.share > a.share ? b : a));
    timing = { timed, p50, p90, nearTimeout: best.share >= TIMEOUT_PILE_SHARE ? best : null };
  }
  return {
    endpoints: rows.endpoint, clients: rows.client, userAgents: rows.userAgent, hosts: rows.host, concentration,
    distinctPaths: facts.distinct_paths as number, distinctClients: facts.distinct_clients as number, timing,
    generatedBy: { proxy: facts.by_proxy as number, upstream: facts.by_upstream as number },
  };
}
