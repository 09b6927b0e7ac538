/**
 * The main job, as a library call: ingest inputs into DuckDB, then build the report.
 */
import type { Readable } from 'node:stream';
import { runAnalysis, type AnalysisOptions } from './analysis/run-analysis.js';
import type { InputInfo } from './ingest/info.js';
import { ingestAll } from './ingest/ingest-all.js';
import { chooseParsers, type FormatOptions } from './ingest/parser-options.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/model.js';
import { LogStore } from './store/log-store.js';
import { RequestWriter } from './store/request-writer.js';

export interface AnalyzeOptions extends FormatOptions, AnalysisOptions {
  /** Files, directories, globs, or `-` for stdin. */
  inputs: readonly string[];
  /** DuckDB file to keep the data in; in memory when absent. */
  db?: string;
  maxLineBytes?: number;
  stdin?: Readable;
  onProgress?: (info: InputInfo, index: number, total: number) => void;
  now?: Date;
}

export interface AnalyzeResult {
  report: Report;
  /** Inputs that failed or stopped early; the report still covers everything read. */
  failedInputs: InputInfo[];
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const { forced, candidates } = chooseParsers(options);
  const store = await LogStore.open(options.db);
  try {
    const writer = await RequestWriter.create(store.connection);
    let infos: InputInfo[];
    try {
      infos = await ingestAll(options.inputs, writer, {
        parser: forced, candidates, maxLineBytes: options.maxLineBytes, stdin: options.stdin, onProgress: options.onProgress,
      });
    } finally {
      writer.close();
    }
    const analysis = await runAnalysis(store.connection, options);
    const report = buildReport(infos, analysis, { now: options.now, sensitivity: options.sensitivity, slo: options.slo });
    return { report, failedInputs: infos.filter((i) => i.error !== null) };
  } finally {
    store.close();
  }
}
