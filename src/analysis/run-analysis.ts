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
import type { BreakdownDimension } from './endpoint-queries.js';
import { breakdownRows, endpointMatrix, errorBreakdowns, tallyEndpointCodes, type EndpointMatrix, type ErrorBreakdown } from './endpoints.js';
import { codeFacts, codeStats, reasons, topClients, topEndpoints, type Reasons, type TopClients } from './playbook/code-facts.js';
import { SharedWork } from './shared-work.js';
import { storedBounds, summarize, type Bounds, type Summary } from './summary.js';
import { latencyRows, timeSeries, withLatency, type Latency, type TimeSeries } from './timeseries.js';
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
  /**
   * The stored requests' count and first and last time, when the caller knows them
   * (a run's staging files, from their statistics): the report then starts without
   * that query, which both connections waited for (13-16 ms over 2M requests).
   */
  bounds?: Bounds;
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

/** What the queries over the window give: the shared ones run on either connection (SharedWork). */
interface WindowWork {
  latency: Row[];
  attribution: AttributionRow[];
  stats: Row[];
  clients: TopClients;
  reasons: Reasons;
  clientBreakdown: Row[];
  userAgentBreakdown: Row[];
  hostBreakdown: Row[];
}

/** Both results, or the first failure once neither is still running. */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/**
 * side: a second connection to the same database. It starts with the latency, then the
 * endpoint tally and what reads it (the matrix, the endpoint breakdown, the playbook's
 * top endpoints), while the main connection works through the time series, summary,
 * anomalies, trend and playbook; the other queries that need only the window
 * (SharedWork) go to whichever connection is free first. Each of two queries at once
 * gets a core, and the two connections' shares of the work stay close
 * (docs/performance.md).
 */
export async function runAnalysis(connection: DuckDBConnection, options: AnalysisOptions = {}, side: DuckDBConnection = connection): Promise<Analysis> {
  const bounds = options.bounds ?? await storedBounds(connection);
  const fromUs = options.fromUs ?? bounds.firstUs ?? 0;
  const toUs = options.toUs ?? (bounds.lastUs === null ? fromUs + 1 : bounds.lastUs + 1);
  const window: AnalysisWindow = { fromUs, toUs: Math.max(toUs, fromUs + 1) };
  const bucketUs = options.bucketUs ?? chooseBucketUs(window.toUs - window.fromUs);
  const top = options.top ?? DEFAULT_TOP;
  const breakdown = (dimension: BreakdownDimension) => (c: DuckDBConnection) => breakdownRows(c, window, dimension, top);
  const shared = new SharedWork<WindowWork>({
    latency: (c) => latencyRows(c, window, bucketUs),
    attribution: (c) => errorAttribution(c, window),
    stats: (c) => codeStats(c, window),
    clients: (c) => topClients(c, window),
    reasons: (c) => reasons(c, window),
    clientBreakdown: breakdown('clients'),
    userAgentBreakdown: breakdown('userAgents'),
    hostBreakdown: breakdown('hosts'),
  });
  // The endpoint tally is on `side`: the matrix, the endpoint breakdown and the playbook's top endpoints read it.
  const endpointParts = (async () => {
    // The latency query is the report's heaviest and the main connection needs it
    // only after the time series: the side starts with it.
    await shared.take('latency', side);
    await tallyEndpointCodes(side, window);
    const matrix = await endpointMatrix(side, options.endpointLimit ?? DEFAULT_ENDPOINT_LIMIT);
    return { matrix, tops: await topEndpoints(side), breakdown: await breakdownRows(side, window, 'endpoints', top) };
  })();
  const independent = async (): Promise<void> => {
    await endpointParts;
    // The main connection needs the attribution first and the breakdowns last: the side takes them the other way round.
    await shared.drain(side, ['hostBreakdown', 'userAgentBreakdown', 'clientBreakdown', 'clients', 'reasons', 'stats', 'attribution']);
  };
  const chained = async (): Promise<Analysis> => {
    const series = await timeSeries(connection, window, bucketUs);
    const summary = await summarize(connection, window, true);
    const attribution = await shared.take('attribution', connection);
    // Work the side may not have reached, while it computes the latency.
    const stats = await shared.take('stats', connection);
    const codeReasons = await shared.take('reasons', connection);
    const clients = await shared.take('clients', connection);
    const latencies = withLatency(await shared.take('latency', connection), series);
    const empty = summary.totals.requests === 0;
    const anomalies = empty ? [] : await detectAnomalies(connection, window, series, options, Math.min(top, 5));
    const trendNow = await trend(connection, window, bounds, summary);
    const endpoints = await endpointParts;
    const recommendations = empty ? [] : recommend(codeFacts(stats, { endpoints: endpoints.tops, clients, reasons: codeReasons }), summary, attribution, anomalies);
    const breakdowns = errorBreakdowns({
      endpoints: endpoints.breakdown,
      clients: await shared.take('clientBreakdown', connection),
      userAgents: await shared.take('userAgentBreakdown', connection),
      hosts: await shared.take('hostBreakdown', connection),
    });
    return { window, bounds, summary, timeSeries: series, latency: latencies, endpoints: endpoints.matrix, breakdowns, attribution, trend: trendNow, anomalies, recommendations };
  };
  const [analysis] = await both(chained(), independent());
  return analysis;
}
