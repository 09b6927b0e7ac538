/**
 * logcodes as a library. The CLI is a thin layer over these functions.
 */
export { analyze, ingest, report, type AnalyzeOptions, type AnalyzeResult, type IngestOptions as StoreIngestOptions } from './analyze.js';
export { chooseParsers, FORMAT_NAMES, type FormatOptions } from './ingest/parser-options.js';
export { describeCode, listCodes, statusClass, type CodeInfo } from './codes/registry.js';
export { LogcodesError, ERROR_CODES, type ErrorCode } from './errors.js';
export type { InputInfo, MalformedSample } from './ingest/info.js';
export { ingestInput, type RecordSink, type IngestOptions } from './ingest/ingest-input.js';
export { ingestAll } from './ingest/ingest-all.js';
export { expandInputs } from './ingest/sources.js';
export { LogStore } from './store/log-store.js';
export { RequestWriter } from './store/request-writer.js';
export { BulkWriter } from './store/bulk-writer.js';
export type { RequestSink } from './store/request-sink.js';
export { REQUEST_COLUMNS } from './store/schema.js';
export { endpointOf, NO_REQUEST_LINE } from './store/endpoint-template.js';
export { summarize } from './analysis/summary.js';
export { runAnalysis, type Analysis, type AnalysisOptions } from './analysis/run-analysis.js';
export { parseDuration, chooseBucketUs } from './analysis/window.js';
export { buildReport } from './report/build-report.js';
export { SCHEMA_VERSION, type Report } from './report/model.js';
export { renderText, type TextOptions } from './report/render-text.js';
export { renderJson } from './report/render-json.js';
export { renderHtml } from './report/html/render-html.js';
export { exportStore } from './analyze.js';
export { userQuery } from './store/user-query.js';
export { parseThreshold, evaluateThresholds } from './report/thresholds.js';
export * from '../parsers/index.js';
