/**
 * Error attribution rows, labelled in each format's own words.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/query.js';
import { ATTRIBUTION_SQL } from './attribution-queries.js';
import { windowParams, type AnalysisWindow } from './window.js';

export interface AttributionRow {
  format: string;
  code: number;
  total: number;
  proxy: number;
  upstream: number;
  unknown: number;
  proxyLabel: string;
  upstreamLabel: string;
}

const LABELS: Record<string, [string, string]> = {
  alb: ['load balancer', 'target'],
  cloudflare: ['Cloudflare edge', 'origin'],
};

export function attributionLabels(format: string): [string, string] {
  return LABELS[format] ?? ['nginx', 'upstream'];
}

export interface GeneratedBy {
  proxy: number;
  upstream: number;
  unknown: number;
  proxyLabel: string;
  upstreamLabel: string;
}

/**
 * Who generated a code, summed over the formats it was seen in, with the labels of
 * the format contributing most (the rows come ordered by total). Null when unattributed.
 */
export function generatedByOf(rows: readonly AttributionRow[], code: number): GeneratedBy | null {
  const mine = rows.filter((a) => a.code === code);
  if (mine.length === 0) return null;
  return {
    proxy: mine.reduce((n, r) => n + r.proxy, 0), upstream: mine.reduce((n, r) => n + r.upstream, 0),
    unknown: mine.reduce((n, r) => n + r.unknown, 0), proxyLabel: mine[0].proxyLabel, upstreamLabel: mine[0].upstreamLabel,
  };
}

export async function errorAttribution(connection: DuckDBConnection, window: AnalysisWindow): Promise<AttributionRow[]> {
  const rows = await queryRows(connection, ATTRIBUTION_SQL, windowParams(window));
  return rows.map((r) => {
    const [proxyLabel, upstreamLabel] = attributionLabels(r.format as string);
    return {
      format: r.format as string, code: r.status as number, total: r.total as number, proxy: r.proxy as number,
      upstream: r.upstream as number, unknown: r.unknown as number, proxyLabel, upstreamLabel,
    };
  });
}
