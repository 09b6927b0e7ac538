/**
 * Runs every analysis over a window of the store. Each part is SQL in its own query
 * module; this only sequences them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { detectAnomalies } from './anomaly/detect-anomalies.js';
import type { Anomaly, DetectionOptions } from './anomaly/types.js';
import { errorAttribution, type AttributionRow } from './attribution.js';
import type { Recommendation } from './playbook/match.js';
import { recommend } from './playbook/recommend.js';
import { defineMacros, endpointMatrix, errorBreakdowns, type EndpointMatrix, type ErrorBreakdown } from './endpoints.js';
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

export async function runAnalysis(connection: DuckDBConnection, options: AnalysisOptions = {}): Promise<Analysis> {
  await defineMacros(connection);
  const bounds = await storedBounds(connection);
  const fromUs = options.fromUs ?? bounds.firstUs ?? 0;
  const toUs = options.toUs ?? (bounds.lastUs === null ? fromUs + 1 : bounds.lastUs + 1);
  const window: AnalysisWindow = { fromUs, toUs: Math.max(toUs, fromUs + 1) };
  const bucketUs = options.bucketUs ?? chooseBucketUs(window.toUs - window.fromUs);
  const top = options.top ?? DEFAULT_TOP;
  const summary = await summarize(connection, window);
  const series = await timeSeries(connection, window, bucketUs);
  const attribution = await errorAttribution(connection, window);
  const empty = summary.totals.requests === 0;
  const anomalies = empty ? [] : await detectAnomalies(connection, window, series, options, Math.min(top, 5));
  return {
    window,
    bounds,
    summary,
    timeSeries: series,
    latency: await latency(connection, window),
    endpoints: await endpointMatrix(connection, window, options.endpointLimit ?? DEFAULT_ENDPOINT_LIMIT),
    breakdowns: await errorBreakdowns(connection, window, top),
    attribution,
    trend: await trend(connection, window, bounds, summary),
    anomalies,
    recommendations: empty ? [] : await recommend(connection, window, summary, attribution, anomalies),
  };
}
