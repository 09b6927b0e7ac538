/**
 * Traffic over time: per bucket, the total, the count of each class and code, the
 * guide's rates, and latency percentiles where the format logs timing (latency, which
 * also gives the window's overall and per-class latency).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { statusClass } from '../codes/registry.js';
import { queryColumns, queryRows, type Row } from '../store/query.js';
import { BUCKET_CODE_COUNTS_SQL, LATENCY_SQL, TALLY_WINDOW_CODES_SQL } from './timeseries-queries.js';
import { windowParams, type AnalysisWindow } from './window.js';

export interface Percentiles { p50: number; p95: number; p99: number }

export interface Bucket {
  startUs: number;
  total: number;
  classes: Record<string, number>;
  codes: Record<string, number>;
  latency: Percentiles | null;
  /** Requests with a logged request time. */
  timed: number;
}

export interface TimeSeries {
  bucketUs: number;
  originUs: number;
  buckets: Bucket[];
}

export interface LatencyStats extends Percentiles {
  timed: number;
  mean: number;
}

export interface Latency {
  overall: LatencyStats | null;
  upstream: (Percentiles & { timed: number }) | null;
  byClass: (LatencyStats & { class: string })[];
}

const percentiles = (q: unknown): Percentiles => {
  const [p50, p95, p99] = q as number[];
  return { p50, p95, p99 };
};

const bucketParams = (window: AnalysisWindow, originUs: number, bucketUs: number) => ({ ...windowParams(window), origin: BigInt(originUs), bucket: BigInt(bucketUs) });

/** Where bucket 0 starts: the window's start rounded down to a whole bucket. */
const originOf = (window: AnalysisWindow, bucketUs: number): number => Math.floor(window.fromUs / bucketUs) * bucketUs;

/**
 * The counts per bucket; their latency comes from latencyRows() and withLatency().
 * Leaves the window's tally on the connection (TALLY_WINDOW_CODES_SQL), which
 * summarize(connection, window, true) reads.
 */
export async function timeSeries(connection: DuckDBConnection, window: AnalysisWindow, bucketUs: number): Promise<TimeSeries> {
  const originUs = originOf(window, bucketUs);
  const params = bucketParams(window, originUs, bucketUs);
  const count = Math.max(1, Math.ceil((window.toUs - originUs) / bucketUs));
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    startUs: originUs + i * bucketUs, total: 0, classes: {}, codes: {}, latency: null, timed: 0,
  }));
  await connection.run(TALLY_WINDOW_CODES_SQL, params);
  const counts = await queryColumns(connection, BUCKET_CODE_COUNTS_SQL);
  for (let i = 0; i < counts.bucket.length; i++) {
    const bucket = buckets[counts.bucket[i] as number];
    if (bucket === undefined) continue;
    const n = counts.count[i] as number;
    const code = counts.status[i] as number;
    const cls = statusClass(code);
    bucket.total += n;
    bucket.classes[cls] = (bucket.classes[cls] ?? 0) + n;
    bucket.codes[String(code)] = n;
  }
  return { bucketUs, originUs, buckets };
}

/**
 * The latency figures of the window and of each bucket, as the query gives them: they
 * need only the window and the bucket size, so they can be computed before, or beside,
 * the time series.
 */
export async function latencyRows(connection: DuckDBConnection, window: AnalysisWindow, bucketUs: number): Promise<Row[]> {
  return queryRows(connection, LATENCY_SQL, bucketParams(window, originOf(window, bucketUs), bucketUs));
}

/** The window's latency overall and per class from latencyRows, and each bucket's of the series (set in place). */
export function withLatency(rows: readonly Row[], series: TimeSeries): Latency {
  const result: Latency = { overall: null, upstream: null, byClass: [] };
  for (const row of rows) {
    const timed = row.timed as number;
    if (row.kind === 'bucket') {
      const bucket = series.buckets[row.key as number];
      if (bucket === undefined) continue;
      bucket.latency = percentiles(row.q);
      bucket.timed = timed;
      continue;
    }
    const stats = timed > 0 ? { timed, mean: row.mean as number, ...percentiles(row.q) } : null;
    if (row.key === null) {
      result.overall = stats;
      const upstreamTimed = row.upstream_timed as number;
      result.upstream = upstreamTimed > 0 ? { timed: upstreamTimed, ...percentiles(row.uq) } : null;
    } else if (stats !== null) {
      result.byClass.push({ class: `${row.key as number}xx`, ...stats });
    }
  }
  return result;
}
