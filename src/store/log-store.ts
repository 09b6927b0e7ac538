/**
 * The embedded DuckDB database: in memory by default, a file with `--db`. Async
 * factory, explicit close (the duckdb-node-neo style). A database file is locked by
 * the process that opened it; a second run waits for it, up to a limit, and then
 * says who holds it.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import { makeTempDir, removeTempDir } from './temp-dirs.js';
import type { StagedExtent } from './staging-file.js';
import { errorMessage, LogcodesError } from '../errors.js';
import { CREATE_LEDGER } from './ledger-queries.js';
import { FileLedger } from './file-ledger.js';
import { contentionOf } from './open-contention.js';
import { createStoreFile } from './new-store-file.js';
import { CREATE_REQUESTS_TABLE } from './schema.js';
import { backfillEndpoints, lacksEndpoint } from './endpoint-backfill.js';
import { CREATE_REQUESTS_VIEW_SQL, DROP_REQUESTS_TABLE_SQL, SET_STAGING_FILES_SQL } from './bulk-queries.js';
import { CACHE_PARQUET_METADATA_SQL, DEFAULT_THREADS_SQL, ONE_THREAD_SQL, SET_MEMORY_LIMIT_SQL } from './settings-queries.js';

export const MEMORY = ':memory:';

/**
 * DuckDB takes up to 80% of RAM by default. logcodes caps it so that memory stays
 * bounded whatever the data size: beyond the cap DuckDB spills to a temporary
 * directory (next to a database file, or in the system's temporary folder). A store in
 * memory gets more room than a database file, whose cron runs over archives of any
 * size must stay small (docs/performance.md): it holds the requests itself when an
 * in-memory run loads them (with retention), and its reports run over all of them.
 * Ingesting into a file takes less still: loading Parquet holds about 70 MB outside
 * DuckDB's accounting, and a report's concurrent queries need the 96 MB (two of them
 * at 64 MB failed over 10M requests). LOGCODES_MEMORY_LIMIT overrides every cap (e.g.
 * 2GB for big reports on a big machine).
 */
export const DEFAULT_MEMORY_LIMIT = { inMemory: '256MB', file: '96MB', fileIngest: '64MB' } as const;

const memoryLimit = (path: string): string => process.env.LOGCODES_MEMORY_LIMIT ?? (path === MEMORY ? DEFAULT_MEMORY_LIMIT.inMemory : DEFAULT_MEMORY_LIMIT.file);

/**
 * spillDirectory: where DuckDB spills beyond its cap. A store in memory gets a private
 * directory of its own (mkdtemp): two stores in one process (a library running
 * analyses side by side) would otherwise spill into the same files, and a name known
 * in advance in the shared temporary folder could be planted by another user.
 */
function STORE_SETTINGS(path: string, spillDirectory: string): Record<string, string> {
  return {
    memory_limit: memoryLimit(path),
    temp_directory: spillDirectory,
    preserve_insertion_order: 'false',
    // Staging files are read once and deleted: caching their pages only held memory
    // (about 25 MB at the peak of an ingest into a file).
    enable_external_file_cache: 'false',
    // DuckDB's allocator keeps up to 512 MB freed by bulk loads for reuse, outside the
    // memory limit: a 10M-line ingest peaked about 100 MB higher with the default.
    allocator_bulk_deallocation_flush_threshold: '16MB',
  };
}

export interface OpenOptions {
  /** Seconds to wait for another run to release the database file (default 60). */
  waitSeconds?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class LogStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
    /** The spill directory this store created, removed on close (null for a database file's). */
    private readonly ownSpillDirectory: string | null,
  ) {}

  /** Staging files the requests view reads (serveStaged), their directory, removed on close, and their extent when known. */
  private staged: { files: string[]; directory: string; extent: StagedExtent | null } | null = null;

  get persistent(): boolean {
    return this.path !== MEMORY;
  }

  private fileLedger: FileLedger | null = null;

  /** The file ledger of this store, one for its life: it keeps the rows it has read and written (file-ledger.ts). */
  get ledger(): FileLedger {
    this.fileLedger ??= new FileLedger(this.connection);
    return this.fileLedger;
  }

  static async open(path: string = MEMORY, options: OpenOptions = {}): Promise<LogStore> {
    const deadline = Date.now() + (options.waitSeconds ?? 60) * 1000;
    for (;;) {
      try {
        return await LogStore.openOnce(path);
      } catch (error) {
        const contention = contentionOf(path, error);
        if (contention === null) throw new LogcodesError('INPUT_UNREADABLE', `${path}: cannot open the database: ${errorMessage(error)}`, path);
        if (Date.now() >= deadline) {
          const holder = /PID (\d+)/.exec(errorMessage(error));
          const state = contention === 'locked' ? 'in use by' : 'being created by';
          throw new LogcodesError('DATABASE_BUSY', `${path}: the database is ${state} another logcodes run${holder ? ` (pid ${holder[1]})` : ''}; gave up waiting`, path);
        }
        await sleep(250);
      }
    }
  }

  /** Opens a store (in memory without a path), runs work with it, and closes it however work ends. */
  static async use<T>(path: string | undefined, options: OpenOptions, work: (store: LogStore) => Promise<T>): Promise<T> {
    const store = await LogStore.open(path, options);
    try {
      return await work(store);
    } finally {
      store.close();
    }
  }

  private static async openOnce(path: string): Promise<LogStore> {
    const ownSpillDirectory = path === MEMORY ? makeTempDir('logcodes-spill-') : null;
    let instance: DuckDBInstance | undefined;
    let connection: DuckDBConnection | undefined;
    try {
      if (path !== MEMORY) await createStoreFile(path);
      instance = await duckdb().DuckDBInstance.create(path, STORE_SETTINGS(path, ownSpillDirectory ?? `${path}.tmp`));
      connection = await instance.connect();
      await connection.run(CREATE_REQUESTS_TABLE);
      if (path !== MEMORY && await lacksEndpoint(connection)) await backfillEndpoints(connection);
      for (const sql of CREATE_LEDGER) await connection.run(sql);
      return new LogStore(instance, connection, path, ownSpillDirectory);
    } catch (error) {
      connection?.closeSync();
      instance?.closeSync();
      if (ownSpillDirectory !== null) removeTempDir(ownSpillDirectory);
      throw error;
    }
  }

  /**
   * Runs an ingest with the settings that suit the store. A database file is loaded by
   * one DuckDB thread: its parallel inserts held about 50 MB more at a 10M-line ingest's
   * peak, and the parse workers need the cores anyway (one thread was no slower there).
   * It also gets the smaller ingest cap (DEFAULT_MEMORY_LIMIT) unless the user set one.
   * A store in memory keeps both threads, which load it faster.
   */
  async ingesting<T>(work: () => Promise<T>): Promise<T> {
    if (!this.persistent) return work();
    const ownLimit = process.env.LOGCODES_MEMORY_LIMIT === undefined;
    await this.connection.run(ONE_THREAD_SQL);
    if (ownLimit) await this.connection.run(SET_MEMORY_LIMIT_SQL, { limit: DEFAULT_MEMORY_LIMIT.fileIngest });
    try {
      return await work();
    } finally {
      await this.connection.run(DEFAULT_THREADS_SQL);
      if (ownLimit) await this.connection.run(SET_MEMORY_LIMIT_SQL, { limit: memoryLimit(this.path) });
    }
  }

  /**
   * A store in memory whose requests stay in the staging files of its ingest: the empty
   * table gives way to a view over them. Loading them into the table cost DuckDB about
   * as much CPU as parsing on one core, a report over the view took as long, and the
   * process holds half the memory (docs/performance.md). The store owns the directory
   * from now on.
   */
  async serveStaged(files: string[], directory: string, extent: StagedExtent | null = null): Promise<void> {
    if (this.persistent) throw new Error('LogStore: only a store in memory serves staging files');
    this.staged = { files, directory, extent };
    await this.bindStaged(this.connection);
    await this.connection.run(DROP_REQUESTS_TABLE_SQL);
    await this.connection.run(CREATE_REQUESTS_VIEW_SQL);
    await this.connection.run(CACHE_PARQUET_METADATA_SQL);
  }

  private async bindStaged(connection: DuckDBConnection): Promise<void> {
    if (this.staged === null) return;
    const { listValue, LIST, VARCHAR } = duckdb();
    await connection.run(SET_STAGING_FILES_SQL, { files: listValue(this.staged.files) }, { files: LIST(VARCHAR) });
  }

  /**
   * The requests' count and first and last `ts` when the store knows them without a
   * query: a view over staging files whose writer kept their statistics.
   */
  get knownExtent(): StagedExtent | null {
    return this.staged?.extent ?? null;
  }

  /** Another connection to the same database, for queries that run side by side; the caller closes it. */
  async connect(): Promise<DuckDBConnection> {
    const connection = await this.instance.connect();
    await this.bindStaged(connection);
    return connection;
  }

  close(): void {
    try {
      this.connection.closeSync();
      this.instance.closeSync();
    } finally {
      if (this.ownSpillDirectory !== null) removeTempDir(this.ownSpillDirectory);
      if (this.staged !== null) removeTempDir(this.staged.directory);
    }
  }
}
