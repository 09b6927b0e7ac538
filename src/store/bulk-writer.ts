/**
 * Loads records into `requests` through staging Parquet files (staging-file.ts) that
 * DuckDB reads with its own parallel reader. Profiling showed the appender spending
 * most of an ingest in per-value vector writes (docs/performance.md); encoding records
 * by column into a buffer and bulk-loading the file is several times cheaper. Each row
 * group carries its rows' input and format as run columns, so one load may hold many
 * inputs: an exactly-once ingest loads a batch of small files at once.
 *
 * A file is handed to DuckDB once it holds loadBytes, while parsing goes on into the
 * next one: loading (DuckDB's threads) overlaps parsing (the workers). In keep mode
 * (a run without --db) everything goes into one file, kept for a view over it instead:
 * DuckDB's planner reads column statistics from the footer of a lone Parquet file only,
 * not from several, and with them drops the window's timestamp filter and the
 * IS NOT NULL tests the statistics rule out (the latency query over 2M nginx requests:
 * 196 against 181 ms on one thread).
 */

import type { DuckDBConnection } from '@duckdb/node-api';
import type { RequestRecord } from '../../parsers/types.js';
import { GroupMerger } from './group-merger.js';
import type { OmittableField } from './row-group-encoder.js';
import { GROUP_KINDS, SplitEncoder, type StagedGroup } from './row-group-split.js';
import { extendRuns, type InputRun, type StagedExtent } from './staging-file.js';
import { StagingFiles } from './staging-files.js';
import { makeTempDir, removeTempDir } from './temp-dirs.js';
import { GROUP_ROWS, GROUP_TEXT_BYTES, LOAD_BYTES, MERGE_BYTES } from './staging-sizes.js';
import type { RequestSink } from './request-sink.js';
import { StagingLoads } from './staging-loads.js';

export class BulkWriter implements RequestSink {
  private readonly encoder: SplitEncoder;
  private readonly mergers: GroupMerger[];
  private readonly staging: StagingFiles;
  private released = false;
  /** Per group kind: runs of input and format of the rows in the encoder, oldest first. */
  private runs: InputRun[][] = Array.from({ length: GROUP_KINDS }, () => []);
  private appended = 0;

  private constructor(
    /** Null in keep mode: nothing is loaded. */
    private readonly loads: StagingLoads | null,
    private readonly directory: string,
    private readonly loadBytes: number,
    omitted: readonly OmittableField[],
  ) {
    this.encoder = new SplitEncoder(omitted);
    this.staging = new StagingFiles(directory, loads === null);
    this.mergers = Array.from({ length: GROUP_KINDS }, () => new GroupMerger(MERGE_BYTES, (group) => this.staging.write(group)));
  }

  private get keep(): boolean {
    return this.loads === null;
  }

  /**
   * Staging files go to a directory of their own (mkdtemp: owner-only, unpredictable
   * name) under `directory`, so that nobody else can plant a file or a symlink where
   * one will be written; close() removes it unless it was released.
   * keep: the files are kept for a view over them (LogStore.serveStaged) instead of
   * being loaded into the table; such a writer needs no connection (null), so that a run
   * can read while its store opens.
   * omitted: fields to leave null in every row this writer encodes (a run whose
   * staging only its report reads; the workers get the same list in their setup).
   */
  static async create(connection: DuckDBConnection | null, options: { directory?: string; loadBytes?: number; keep?: boolean; omitted?: readonly OmittableField[] } = {}): Promise<BulkWriter> {
    const keep = options.keep ?? false;
    let loads: StagingLoads | null = null;
    if (!keep) {
      if (connection === null) throw new Error('BulkWriter: only a writer that keeps its files can do without a connection');
      loads = new StagingLoads(connection);
    }
    const staging = makeTempDir('logcodes-', options.directory);
    return new BulkWriter(loads, staging, options.loadBytes ?? LOAD_BYTES.file, options.omitted ?? []);
  }

  /**
   * Keep mode: closes the staging file and returns it (as a list: the files a view
   * reads). Inputs share it (each row group carries its own input and format), so that a
   * folder of many small logs does not become as many files for every query to open.
   */
  finishStaging(): string[] {
    this.writeEncoded();
    this.closeFile();
    return [...this.staging.kept];
  }

  /** The rows of the files finishStaging returned, and their first and last `ts`. */
  get stagedExtent(): StagedExtent {
    return this.staging.extent;
  }

  /** Hands the staging directory over to the caller, who removes it; close() will not. */
  release(): string {
    this.released = true;
    return this.directory;
  }

  get rowsWritten(): number {
    return this.appended;
  }

  append(r: RequestRecord, input: string, line: number): void {
    extendRuns(this.runs[this.encoder.addRecord(r, line)], input, r.format, 1);
    if (this.encoder.rows >= GROUP_ROWS || this.encoder.textByteLength >= GROUP_TEXT_BYTES) this.writeEncoded();
    this.appended++;
  }

  /**
   * Appends the row groups of a chunk already encoded by a SplitEncoder (the parallel
   * parse path). Their bytes are written or copied before this returns: the buffers
   * can go back to the workers.
   */
  appendRowGroups(groups: readonly StagedGroup[], input: string, format: string): void {
    const rows = groups.reduce((n, g) => n + g.layout.rows, 0);
    if (rows === 0) return;
    this.writeEncoded();
    for (const group of groups) this.mergers[group.kind].add(group, [{ input, format, rows: group.layout.rows }]);
    this.appended += rows;
    if (this.full) this.startLoad();
  }

  /** Whether the open file holds a load (never in keep mode: one file for a view). */
  private get full(): boolean {
    return !this.keep && this.staging.openBytes >= this.loadBytes;
  }

  /** The records appended one by one so far, as row groups. */
  private writeEncoded(): void {
    if (this.encoder.rows === 0) return;
    for (const group of this.encoder.finish()) this.mergers[group.kind].add(group, this.runs[group.kind]);
    this.runs = this.runs.map(() => []);
    if (this.full) this.startLoad();
  }

  /** Writes the groups still being joined and closes the open staging file; returns its path (null when none was open). */
  private closeFile(): string | null {
    for (const merger of this.mergers) merger.flush();
    return this.staging.close();
  }

  /** Closes the open file and queues its load behind the previous one (not in keep mode). */
  private startLoad(): void {
    if (this.loads === null) return;
    const file = this.closeFile();
    if (file !== null) this.loads.add(file);
  }

  /**
   * Makes the rows appended so far visible: loads them (keep mode: writes them out,
   * and the file stays open for the next input until finishStaging).
   */
  async flush(): Promise<void> {
    // Kept rows become visible only through finishStaging: small inputs share groups.
    if (!this.keep) {
      this.writeEncoded();
      this.startLoad();
    }
    await this.loads?.settle();
  }

  async discard(): Promise<void> {
    // Loads already queued finish first, inside the transaction that is about to roll back.
    await this.loads?.drain();
    this.encoder.finish();
    this.runs = this.runs.map(() => []);
    for (const merger of this.mergers) merger.discard();
    this.staging.drop();
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      this.closeFile();
    } finally {
      if (!this.released) removeTempDir(this.directory);
    }
  }
}
