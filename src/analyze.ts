/**
 * The main jobs as library calls: `analyze` (read logs and report), `ingest` (add new
 * data to a persistent store, exactly once) and `report` (report from a store).
 */
import type { Readable } from 'node:stream';
import { UNREPORTED_FIELDS } from './analysis/report-columns.js';
import { runAnalysis, type AnalysisOptions } from './analysis/run-analysis.js';
import type { InputInfo } from './ingest/info.js';
import { ingestAll } from './ingest/ingest-all.js';
import { ingestIncremental, type IncrementalOptions } from './ingest/incremental-ingest.js';
import type { IncrementalInfo } from './ingest/store-inputs.js';
import { chooseParsers, type FormatOptions, type ParserChoice } from './ingest/parser-options.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/model.js';
import { LogcodesError } from './errors.js';
import { LogStore } from './store/log-store.js';
import { LedgerSnapshot, type StoreFacts } from './store/ledger-snapshot.js';
import type { LedgerEntry } from './store/ledger-index.js';
import { unchangedInfos, unchangedRerun } from './ingest/unchanged-rerun.js';
import { exportParquet, loadParquet, type PartitionExport } from './store/parquet.js';
import { applyRetention, oldestRequestUs, storeStats, type StoreCounts } from './store/maintenance.js';
import { BulkWriter } from './store/bulk-writer.js';
import { LOAD_BYTES } from './store/staging-sizes.js';
import { checkMaxLineBytes } from './ingest/line-guard.js';
import { defaultWorkerCount, type WorkerPool } from './ingest/parallel/worker-pool.js';
import { LazyPool } from './ingest/parallel/lazy-pool.js';
import { IN_FLIGHT_PER_WORKER } from './ingest/parallel/parallel-input.js';
import { PARALLEL_MIN_BYTES, SERVED_CHUNK_BYTES } from './ingest/parallel/chunk-size.js';

export interface IngestOptions extends FormatOptions {
  /** Files, directories, globs, or `-` for stdin. */
  inputs: readonly string[];
  maxLineBytes?: number;
  stdin?: Readable;
  onProgress?: (info: InputInfo, index: number, total: number) => void;
  /** Drop requests older than this many microseconds before now. */
  retainUs?: number;
  /** Seconds to wait for another run holding the database. */
  waitSeconds?: number;
  /** With a store: commit every this many lines of a file (a killed run loses at most that much work). */
  checkpointLines?: number;
  /** Worker threads for parsing large files (0 parses on the main thread only). */
  workers?: number;
}

export { PARALLEL_MIN_BYTES };

export interface AnalyzeOptions extends IngestOptions, AnalysisOptions {
  /** DuckDB file to keep the data in (ledger, exactly-once); in memory when absent. */
  db?: string;
  now?: Date;
}

export interface AnalyzeResult {
  report: Report;
  inputs: (InputInfo | IncrementalInfo)[];
  /** Inputs that failed or stopped early; the report still covers everything read. */
  failedInputs: InputInfo[];
}

function formatOptionsOf(options: FormatOptions): FormatOptions {
  return { fieldMap: options.fieldMap, nginxLogFormat: options.nginxLogFormat };
}

/** What every ingest of a run shares: the parsers, the line cap and the parse workers. */
function ingestSettings(options: IngestOptions, { forced, candidates }: ParserChoice, pool: LazyPool | null, writer: BulkWriter, persistent: boolean, serve: boolean): IncrementalOptions {
  return {
    parser: forced, candidates, maxLineBytes: checkMaxLineBytes(options.maxLineBytes), stdin: options.stdin, onProgress: options.onProgress,
    checkpointLines: options.checkpointLines,
    parallel: pool !== null ? {
      writer, minBytes: PARALLEL_MIN_BYTES, inFlightPerWorker: persistent ? IN_FLIGHT_PER_WORKER.file : IN_FLIGHT_PER_WORKER.inMemory,
      chunkBytes: serve ? SERVED_CHUNK_BYTES : undefined,
      pool: (): WorkerPool => pool.get(),
    } : undefined,
  };
}

/** Ingests into an open store, loading the rows: a database file (with its ledger), or a run in memory with retention (which deletes rows). */
async function ingestInto(store: LogStore, options: IngestOptions, parsers: ParserChoice, pool: LazyPool | null): Promise<(InputInfo | IncrementalInfo)[]> {
  const writer = await BulkWriter.create(store.connection, { loadBytes: store.persistent ? LOAD_BYTES.file : LOAD_BYTES.inMemory });
  try {
    const settings = ingestSettings(options, parsers, pool, writer, store.persistent, false);
    return store.persistent ? await ingestIncremental(options.inputs, store, writer, settings) : await ingestAll(options.inputs, writer, settings);
  } finally {
    await writer.close();
    await pool?.close(); // idle from here on: the report needs the cores
  }
}

/**
 * A run in memory without retention keeps its staging files and reads them as the
 * requests view (LogStore.serveStaged) instead of loading them. Writing them needs no
 * database, so DuckDB opens while the inputs are read. Its module loads synchronously
 * (about 60 ms of this thread), so with the workers started it opens once they have
 * answered a first chunk: they have the next ones queued by then, rather than waiting
 * for their first.
 */
async function ingestServed<T>(options: IngestOptions, parsers: ParserChoice, pool: LazyPool | null, then: (store: LogStore, inputs: InputInfo[]) => Promise<T>): Promise<T> {
  const writer = await BulkWriter.create(null, { keep: true, omitted: UNREPORTED_FIELDS });
  const reading = ingestAll(options.inputs, writer, ingestSettings(options, parsers, pool, writer, false, true));
  const read = reading.then(() => undefined, () => undefined);
  const opening = (pool?.firstReply ? Promise.race([pool.firstReply, read]) : Promise.resolve()).then(() => LogStore.open());
  opening.catch(() => {}); // awaited below, after the reading, whose failure comes first
  let store: LogStore | null = null;
  let stopping: Promise<void> | undefined;
  try {
    const inputs = await reading;
    // Idle from here on (the report needs the cores): they stop while the staging files close.
    stopping = pool?.close();
    const staged = writer.finishStaging();
    store = await opening;
    if (staged.length > 0) await store.serveStaged(staged, writer.release(), writer.stagedExtent);
    return await then(store, inputs);
  } finally {
    await stopping;
    await writer.close();
    (store ?? (await opening.catch(() => null)))?.close();
  }
}

/** counts: the store's, when the caller has them already (withSnapshot); a store in a file is counted here otherwise. */
async function reportFrom(store: LogStore, inputs: InputInfo[], options: AnalysisOptions & { now?: Date }, counts: StoreCounts | null = null): Promise<Report> {
  const side = await store.connect();
  const analysis = await runAnalysis(store.connection, { ...options, bounds: store.knownExtent ?? undefined }, side).finally(() => side.closeSync());
  return buildReport(inputs, analysis, {
    now: options.now, sensitivity: options.sensitivity, slo: options.slo,
    store: store.persistent ? { path: store.path, ...(counts ?? (await storeStats(store.connection))) } : null,
  });
}

/** Ingests into the store (in memory without db), applies retention, then runs `then` on it. */
async function withIngested<T>(options: IngestOptions & { db?: string }, then: (store: LogStore, inputs: (InputInfo | IncrementalInfo)[]) => Promise<T>): Promise<T> {
  const parsers = chooseParsers(options); // bad format options fail before anything is opened
  checkMaxLineBytes(options.maxLineBytes);
  const workers = options.workers ?? defaultWorkerCount();
  // Without a database file or retention the store lives for the report alone (ingestServed).
  const served = options.db === undefined && options.retainUs === undefined;
  const setup = { formatOptions: formatOptionsOf(options), omitted: served ? UNREPORTED_FIELDS : [] };
  const pool = workers > 0 ? new LazyPool(setup, workers) : null;
  pool?.startIfLarge(options.inputs, PARALLEL_MIN_BYTES);
  try {
    if (served) {
      return await ingestServed(options, parsers, pool, then);
    }
    return await LogStore.use(options.db, { waitSeconds: options.waitSeconds }, async (store) => {
      const inputs = await store.ingesting(() => ingestInto(store, options, parsers, pool));
      if (options.retainUs !== undefined) await applyRetention(store.connection, options.retainUs);
      return then(store, inputs);
    });
  } finally {
    await pool?.close(); // when opening the store or reading failed
  }
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  return withSnapshot(options, async (store, inputs, counts) => {
    const report = await reportFrom(store, inputs, options, counts);
    return { report, inputs, failedInputs: inputs.filter((i) => i.error !== null) };
  });
}

/**
 * withIngested, and for a store in a file the ledger snapshot written after it closed
 * (ledger-snapshot.ts), so that the next `ingest` that finds nothing new answers from it
 * whichever command wrote the store last. `then` only reads the store.
 */
async function withSnapshot<T>(options: IngestOptions & { db?: string }, then: (store: LogStore, inputs: (InputInfo | IncrementalInfo)[], counts: StoreCounts | null) => Promise<T>): Promise<T> {
  let snapshot: { entries: LedgerEntry[]; facts: StoreFacts } | null = null;
  const result = await withIngested(options, async (store, inputs) => {
    if (!store.persistent) return then(store, inputs, null);
    const facts: StoreFacts = { counts: await storeStats(store.connection), oldestUs: await oldestRequestUs(store.connection) };
    snapshot = { entries: await store.ledger.readToEnd(), facts };
    return then(store, inputs, facts.counts);
  });
  if (options.db !== undefined && snapshot !== null) {
    const { entries, facts } = snapshot;
    LedgerSnapshot.write(options.db, entries, facts);
  }
  return result;
}

/**
 * Adds what is new in the inputs to the store at options.db, then applies retention. A
 * re-run that finds every input unchanged, with nothing for retention to prune, answers
 * from the ledger snapshot without opening the store (unchanged-rerun.ts); a run
 * through the store leaves a new snapshot after closing it.
 */
export async function ingest(options: IngestOptions & { db: string }): Promise<{ inputs: IncrementalInfo[]; failedInputs: IncrementalInfo[]; store: StoreCounts }> {
  chooseParsers(options); // bad format options fail on the quick path too
  checkMaxLineBytes(options.maxLineBytes);
  const quick = await unchangedRerun(options.inputs, options.db, options.retainUs);
  if (quick !== null) return { inputs: unchangedInfos(quick), failedInputs: [], store: quick.store };
  return withSnapshot(options, async (store, all, counts) => {
    const inputs = all as IncrementalInfo[]; // a store with a file is persistent: every input went through the ledger
    return { inputs, failedInputs: inputs.filter((i) => i.error !== null), store: counts ?? (await storeStats(store.connection)) };
  });
}

export interface ReportOptions extends AnalysisOptions {
  /** A store written by ingest or analyze --db ... */
  db?: string;
  /** ... or a glob of exported Parquet files (many machines' exports together). */
  parquet?: string;
  now?: Date;
  waitSeconds?: number;
}

/** Days of history before a window that anomaly baselines use (history-baseline.ts). */
const HISTORY_DAYS = 28;
const utcDay = (us: number): string => new Date(Math.floor(us / 1000)).toISOString().slice(0, 10);

export async function report(options: ReportOptions): Promise<Report> {
  if ((options.db === undefined) === (options.parquet === undefined)) throw new LogcodesError('INVALID_ARGUMENT', 'report needs --db FILE or --parquet GLOB (one of them)');
  const parquet = options.parquet;
  if (parquet !== undefined) {
    return LogStore.use(undefined, {}, async (store) => {
      // Only the partitions of the days the report needs are read (Hive partition pruning):
      // the window, and before it the history that the trend and anomaly baselines use.
      const historyUs = options.fromUs === undefined ? 0 : Math.max((options.toUs ?? Date.now() * 1000) - options.fromUs, HISTORY_DAYS * 86400e6);
      await loadParquet(store, parquet, options.fromUs === undefined ? null : utcDay(options.fromUs - historyUs), options.toUs === undefined ? null : utcDay(options.toUs - 1));
      return reportFrom(store, [], options);
    });
  }
  return LogStore.use(options.db, { waitSeconds: options.waitSeconds }, (store) => reportFrom(store, [], options));
}

/** Writes the store's requests as Hive-partitioned Parquet, re-exporting only what changed. */
export async function exportStore(options: { db: string; dir: string; waitSeconds?: number }): Promise<PartitionExport[]> {
  return LogStore.use(options.db, { waitSeconds: options.waitSeconds }, (store) => exportParquet(store, options.dir));
}
