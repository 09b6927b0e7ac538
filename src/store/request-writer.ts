/**
 * Loads records into `requests` through the DuckDB appender, one DataChunk of
 * columns at a time: columnar chunks avoid a native call per value.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import type { RequestRecord } from '../../parsers/types.js';
import type { RequestSink } from './request-sink.js';
import { endpointOf } from './endpoint-template.js';
import { REQUEST_COLUMNS } from './schema.js';

/** DuckDB's vector size: a chunk holds at most this many rows. */
export const CHUNK_ROWS = 2048;

const COLUMN_COUNT = REQUEST_COLUMNS.length;

/**
 * The appender path: one native call per chunk of 2048 rows. It is the reference the
 * faster BulkWriter is tested against, and the writer for callers that want rows
 * visible without a temporary file.
 */
export class RequestWriter implements RequestSink {
  private columns: DuckDBValue[][] = RequestWriter.emptyColumns();
  private rows = 0;
  private written = 0;

  private constructor(private readonly appender: DuckDBAppender) {}

  static async create(connection: DuckDBConnection): Promise<RequestWriter> {
    return new RequestWriter(await connection.createAppender('requests'));
  }

  private static emptyColumns(): DuckDBValue[][] {
    return Array.from({ length: COLUMN_COUNT }, () => []);
  }

  get rowsWritten(): number {
    return this.written + this.rows;
  }

  append(r: RequestRecord, input: string, line: number): void {
    const c = this.columns;
    c[0].push(new (duckdb().DuckDBTimestampValue)(BigInt(r.ts)));
    c[1].push(r.format);
    c[2].push(r.status);
    c[3].push(r.upstream_status);
    c[4].push(r.method);
    c[5].push(r.host);
    c[6].push(r.path);
    c[7].push(r.query);
    c[8].push(r.protocol);
    c[9].push(r.client_ip);
    c[10].push(r.user_agent);
    c[11].push(r.referer);
    c[12].push(r.bytes_sent === null ? null : BigInt(Math.trunc(r.bytes_sent)));
    c[13].push(r.request_time_s);
    c[14].push(r.upstream_time_s);
    c[15].push(r.request_id);
    c[16].push(r.error_reason);
    c[17].push(r.cache_status);
    c[18].push(r.upstream_addr);
    c[19].push(r.actions_executed);
    c[20].push(r.classification);
    c[21].push(input);
    c[22].push(line);
    c[23].push(endpointOf(r.method, r.path));
    if (++this.rows === CHUNK_ROWS) this.flushChunk();
  }

  private flushChunk(): void {
    if (this.rows === 0) return;
    const chunk = duckdb().DuckDBDataChunk.create(REQUEST_COLUMNS.map((c) => c.chunkType), this.rows);
    chunk.setColumns(this.columns);
    this.appender.appendDataChunk(chunk);
    this.written += this.rows;
    this.rows = 0;
    this.columns = RequestWriter.emptyColumns();
  }

  /** Pushes buffered rows into the table; they become visible to queries. */
  async flush(): Promise<void> {
    this.flushChunk();
    this.appender.flushSync();
  }

  async close(): Promise<void> {
    try {
      this.flushChunk();
    } finally {
      this.appender.closeSync();
    }
  }
}
