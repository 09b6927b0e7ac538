/**
 * Runs every analysis over a window of the store. Each part is SQL in its own query
 * module; this only sequences them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Row } from '../store/query.js';
import { detectAnomalies } from './anomaly/detect-anomalies.js';
import type { Anomaly, DetectionOptions } from './anomaly/types.js';
import { errorAttribution, type AttributionRow } from './attribution.js';
import type { Recommendation } from './playbook/match.js';
import { recommend } from './playbook/recommend.js';
import { endpointMatrix, errorBreakdowns, tallyEndpointCodes, type EndpointMatrix, type ErrorBreakdown } from './endpoints.js';
import { codeFacts, codeStats, reasons, topClients, topEndpoints, type Reasons, type TopClients } from './playbook/code-facts.js';
import { SharedWork } from './shared-work.js';
import { storedBounds, summarize, type Bounds, type Summary } from './summary.js';
import { latency, timeSeries, type Latency, type TimeSeries } from './timeseries.js';
import { trend, type Trend } from './trend.js';
import { chooseBucketUs, type AnalysisWindow } from './window.js';

export interface AnalysisOptions extends DetectionOptions {
  fromUs?: number;
  toUs?: number;
  /** Bucket size; chosen from the window's span when absent. */
  bucketUs?: number;
  /** Length of top lists (per error code). */
  top?: number;
  /** Endpoints listed in the matrix. */
  endpointLimit?: number;
}

export interface Analysis {
  window: AnalysisWindow;
  bounds: Bounds;
  summary: Summary;
  timeSeries: TimeSeries;
  latency: Latency;
  endpoints: EndpointMatrix;
  breakdowns: Map<number, ErrorBreakdown>;
  attribution: AttributionRow[];
  trend: Trend | null;
  anomalies: Anomaly[];
  recommendations: Recommendation[];
}

export const DEFAULT_TOP = 10;
export const DEFAULT_ENDPOINT_LIMIT = 100;

/** Both results, or the first failure once neither is still running. */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/**
 * side: a second connection to the same database. The endpoint tally, the matrix and
 * the error breakdowns run on it while the main connection works through the summary,
 * time series, latency, anomalies and playbook; the queries that need only the window
 * (SharedWork) go to whichever is free first. DuckDB leaves a core idle in parts of
 * most queries, and the two together fill it (docs/performance.md).
 */
export async function runAnalysis(connection: DuckDBConnection, options: AnalysisOptions = {}, side: DuckDBConnection = connection): Promise<Analysis> {
  const bounds = await storedBounds(connection);
  const fromUs = options.fromUs ?? bounds.firstUs ?? 0;
  const toUs = options.toUs ?? (bounds.lastUs === null ? fromUs + 1 : bounds.lastUs + 1);
  const window: AnalysisWindow = { fromUs, toUs: Math.max(toUs, fromUs + 1) };
  const bucketUs = options.bucketUs ?? chooseBucketUs(window.toUs - window.fromUs);
  const top = options.top ?? DEFAULT_TOP;
  const shared = new SharedWork<{ attribution: AttributionRow[]; stats: Row[]; clients: TopClients; reasons: Reasons }>({
    attribution: (c) => errorAttribution(c, window),
    stats: (c) => codeStats(c, window),
    clients: (c) => topClients(c, window),
    reasons: (c) => reasons(c, window),
  });
  // The endpoint tally is on `side`: the matrix, the breakdowns and the playbook's top endpoints read it.
  const endpointParts = (async () => {
    await tallyEndpointCodes(side, window);
    return { matrix: await endpointMatrix(side, options.endpointLimit ?? DEFAULT_ENDPOINT_LIMIT), tops: await topEndpoints(side) };
  })();
  const independent = async (): Promise<Pick<Analysis, 'endpoints' | 'breakdowns'>> => {
    const parts = { endpoints: (await endpointParts).matrix, breakdowns: await errorBreakdowns(side, window, top) };
    // The main connection needs the attribution first and the rest last: the side leaves the attribution for last.
    await shared.drain(side, ['stats', 'reasons', 'clients', 'attribution']);
    return parts;
  };
  const chained = async (): Promise<Omit<Analysis, 'endpoints' | 'breakdowns'>> => {
    const summary = await summarize(connection, window);
    const series = await timeSeries(connection, window, bucketUs);
    const latencies = await latency(connection, window, series);
    const attribution = await shared.take('attribution', connection);
    const empty = summary.totals.requests === 0;
    const anomalies = empty ? [] : await detectAnomalies(connection, window, series, options, Math.min(top, 5));
    const trendNow = await trend(connection, window, bounds, summary);
    const recommendations = empty ? [] : recommend(codeFacts(await shared.take('stats', connection), {
      endpoints: (await endpointParts).tops, clients: await shared.take('clients', connection), reasons: await shared.take('reasons', connection),
    }), summary, attribution, anomalies);
    return { window, bounds, summary, timeSeries: series, latency: latencies, attribution, trend: trendNow, anomalies, recommendations };
  };
  const [main, parts] = await both(chained(), independent());
  return { ...main, ...parts };
}
