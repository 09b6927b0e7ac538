/**
 * Loads records into `requests` through CSV files that DuckDB reads with its own
 * parallel reader. Profiling showed the appender spending most of an ingest in
 * per-value vector writes (docs/performance.md); encoding one line of text per record
 * into a buffer and bulk-loading it is several times cheaper. Records of one input go
 * together, so the input path and format are bound once per load, not written per row.
 *
 * A temporary file is handed to DuckDB once it holds loadBytes, while parsing goes on
 * into the next one: loading (DuckDB's threads) overlaps parsing (the JS thread).
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RequestRecord } from '../../parsers/types.js';
import { INSERT_FROM_CSV_SQL } from './bulk-queries.js';
import { CsvRows } from './csv-rows.js';

/** Encoded rows are buffered up to this size before a write to the file. */
const WRITE_CHUNK = 4 * 1024 * 1024;
/**
 * How much CSV one load reads. DuckDB reads a file's buffers in parallel, so small
 * loads use one thread (16 MB loads nearly doubled the load time of 2M nginx lines);
 * large ones use more memory at once. A store in memory loads 128 MB at a time (0.3 s
 * faster over 2M lines than 48 MB); a database file 48 MB, which keeps a 10M-line
 * ingest near 400 MB (its commits cut loads at least every 250k lines anyway).
 */
export const LOAD_BYTES = { inMemory: 128 * 1024 * 1024, file: 48 * 1024 * 1024 } as const;

/** Where records go: the bulk loader, or the appender (request-writer.ts). */
export interface RequestSink {
  append(record: RequestRecord, input: string, line: number): void;
  /** Makes every appended record visible to queries (within the current transaction). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Records handed to the sink so far. */
  readonly rowsWritten: number;
}

let fileCounter = 0;

export class BulkWriter implements RequestSink {
  private readonly rows = new CsvRows(WRITE_CHUNK);
  private fd: number | null = null;
  private file = '';
  private fileBytes = 0;
  private input: string | null = null;
  private format: string | null = null;
  /** Rows appended since the last flush (they share one input and format). */
  private unflushed = 0;
  private appended = 0;
  private loading: Promise<void> = Promise.resolve();
  private loadError: unknown = null;

  private constructor(private readonly connection: DuckDBConnection, private readonly directory: string, private readonly loadBytes: number) {}

  static async create(connection: DuckDBConnection, options: { directory?: string; loadBytes?: number } = {}): Promise<BulkWriter> {
    return new BulkWriter(connection, options.directory ?? tmpdir(), options.loadBytes ?? LOAD_BYTES.file);
  }

  get rowsWritten(): number {
    return this.appended;
  }

  append(r: RequestRecord, input: string, line: number): void {
    if (input !== this.input || r.format !== this.format) this.bind(input, r.format);
    this.rows.addRecord(r, line);
    if (this.rows.byteLength >= WRITE_CHUNK) this.writeBuffer();
    this.unflushed++;
    this.appended++;
  }

  /** Appends rows already encoded by CsvRows (the parallel parse path). */
  appendCsv(bytes: Buffer, rows: number, input: string, format: string): void {
    if (rows === 0) return;
    if (input !== this.input || format !== this.format) this.bind(input, format);
    this.writeBuffer();
    this.writeOut(bytes);
    this.unflushed += rows;
    this.appended += rows;
    if (this.fileBytes >= this.loadBytes) this.startLoad();
  }

  /** The input and format are bound once per load: callers flush between inputs. */
  private bind(input: string, format: string): void {
    if (this.unflushed > 0) throw new Error(`BulkWriter: flush ${this.input} before appending records of ${input}`);
    this.input = input;
    this.format = format;
  }

  private writeOut(bytes: Buffer): void {
    if (this.fd === null) {
      this.file = join(this.directory, `logcodes-${process.pid}-${++fileCounter}.csv`);
      this.fd = openSync(this.file, 'w');
      this.fileBytes = 0;
    }
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.fileBytes += bytes.length;
  }

  private writeBuffer(): void {
    if (this.rows.byteLength === 0) return;
    this.writeOut(this.rows.view());
    this.rows.clear();
    if (this.fileBytes >= this.loadBytes) this.startLoad();
  }

  /** Closes the current file and queues its load behind the previous one. */
  private startLoad(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    const params = { file: this.file, format: this.format, input: this.input };
    this.loading = this.loading.then(async () => {
      try {
        if (this.loadError === null) await this.connection.run(INSERT_FROM_CSV_SQL, params);
      } catch (error) {
        this.loadError = error;
      } finally {
        unlinkSync(params.file);
      }
    });
  }

  async flush(): Promise<void> {
    this.writeBuffer();
    this.startLoad();
    await this.loading;
    this.unflushed = 0;
    if (this.loadError !== null) {
      const error = this.loadError;
      this.loadError = null;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
