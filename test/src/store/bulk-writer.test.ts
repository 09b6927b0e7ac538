import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRecord, type RequestRecord } from '../../../parsers/types.js';
import { ingestAll } from '../../../src/ingest/ingest-all.js';
import { chooseParsers } from '../../../src/ingest/parser-options.js';
import { expandInputs } from '../../../src/ingest/sources.js';
import { BulkWriter } from '../../../src/store/bulk-writer.js';
import type { RequestSink } from '../../../src/store/request-sink.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { storedBounds } from '../../../src/analysis/summary.js';
import { RequestWriter } from '../../../src/store/request-writer.js';
import { sample, tempDir } from '../../helpers.js';

async function load(paths: string[], makeSink: (store: LogStore) => Promise<RequestSink>): Promise<unknown[]> {
  const store = await LogStore.open();
  try {
    const sink = await makeSink(store);
    await ingestAll(paths, sink, { candidates: chooseParsers({}).candidates });
    await sink.close();
    return await queryRows(store.connection, 'SELECT * EXCLUDE (ts), epoch_us(ts) AS ts_us FROM requests ORDER BY input, line');
  } finally {
    store.close();
  }
}

/** Rows of records appended one by one through a sink, read back with sql. */
async function appendAndRead(makeSink: (store: LogStore) => Promise<RequestSink>, records: RequestRecord[], sql: string): Promise<unknown[]> {
  const store = await LogStore.open();
  try {
    const sink = await makeSink(store);
    records.forEach((record, i) => sink.append(record, 'in', i + 1));
    await sink.close();
    return await queryRows(store.connection, sql);
  } finally {
    store.close();
  }
}

describe('bulk loading (the fast path) equals the appender (the reference)', () => {
  it('gives the same rows for every sample and edge-case file', async () => {
    const files = await expandInputs([sample('')]);
    expect(files.length).toBeGreaterThanOrEqual(8);
    const viaAppender = await load(files, (s) => RequestWriter.create(s.connection));
    const viaBulk = await load(files, (s) => BulkWriter.create(s.connection));
    expect(viaBulk.length).toBe(17635);
    expect(viaBulk).toEqual(viaAppender);
  });

  it('serves kept staging files as a requests view with the same rows and types as loading them', async () => {
    const files = await expandInputs([sample('')]);
    const loaded = await load(files, (s) => BulkWriter.create(s.connection));
    const store = await LogStore.open();
    let staging = '';
    try {
      const describeTable = await queryRows(store.connection, 'SELECT column_name, column_type FROM (DESCRIBE requests)');
      // A load's size does not apply: a view is planned with a lone file's statistics.
      const writer = await BulkWriter.create(store.connection, { keep: true, loadBytes: 1 });
      await ingestAll(files, writer, { candidates: chooseParsers({}).candidates });
      // Every input shares the staging file: each row group carries its own input and format.
      const staged = writer.finishStaging();
      expect(staged.length).toBe(1);
      staging = writer.release();
      await store.serveStaged(staged, staging, writer.stagedExtent);
      await writer.close();
      // The extent kept from the row groups' statistics is what the bounds query gives.
      const bounds = await storedBounds(store.connection);
      expect(store.knownExtent).toEqual(bounds);
      expect(bounds.requests).toBe(17635);
      expect(await queryRows(store.connection, 'SELECT column_name, column_type FROM (DESCRIBE requests)')).toEqual(describeTable);
      const side = await store.connect();
      try {
        const viaView = await queryRows(side, 'SELECT * EXCLUDE (ts), epoch_us(ts) AS ts_us FROM requests ORDER BY input, line');
        expect(viaView.length).toBe(17635);
        expect(viaView).toEqual(loaded);
        // The report's many queries read the files' footers once.
        expect(await queryRows(side, "SELECT current_setting('parquet_metadata_cache') AS cached")).toEqual([{ cached: true }]);
      } finally {
        side.closeSync();
      }
    } finally {
      store.close();
    }
    expect(existsSync(staging)).toBe(false);
  });

  it('keeps awkward values exactly: delimiters, quotes, newlines, \\N, empty strings, Unicode', async () => {
    const awkward = ['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '\\N', '', 'café ☕ 日本', '"', ',', 'x'.repeat(100_000),
      // A 1.1 MB value of quotes (as CSV, it once outgrew DuckDB's 2 MB line limit).
      '"'.repeat(1_100_000)];
    const records = awkward.map((value, i) => ({ ...emptyRecord('nginx', 1_700_000_000_000_000 + i, 200), user_agent: value, path: value, bytes_sent: 10.7 }));
    const rows = (makeSink: (store: LogStore) => Promise<RequestSink>): Promise<unknown[]> =>
      appendAndRead(makeSink, records, 'SELECT user_agent, path, endpoint, bytes_sent, line FROM requests ORDER BY line');
    const bulk = await rows((s) => BulkWriter.create(s.connection));
    expect(bulk.map((r) => (r as { user_agent: string }).user_agent)).toEqual(awkward);
    expect((bulk[0] as { bytes_sent: number }).bytes_sent).toBe(10);
    // Paths, and the endpoints templated from them (without a method: '- path').
    const appended = await rows((s) => RequestWriter.create(s.connection));
    expect(bulk.map((r) => (r as { path: string }).path)).toEqual(appended.map((r) => (r as { path: string }).path));
    expect(bulk.map((r) => (r as { endpoint: string }).endpoint)).toEqual(appended.map((r) => (r as { endpoint: string }).endpoint));
    expect((bulk[6] as { endpoint: string }).endpoint).toBe('- café ☕ 日本');
  });

  it('keeps numbers exactly: timings with up to six decimals, others, negatives, large timestamps', async () => {
    const times = [0.002, 60.001, 0, 1e-7, 123456.789012, -1, 0.1 + 0.2, 1e20, 2.5e-3, 999999999.999999];
    const records = times.map((value, i) => ({ ...emptyRecord('nginx', 4_102_444_800_000_000 + i * 1_000_001, 200), request_time_s: value, upstream_time_s: 0 - value, bytes_sent: -i }));
    const rows = (makeSink: (store: LogStore) => Promise<RequestSink>): Promise<unknown[]> =>
      appendAndRead(makeSink, records, 'SELECT epoch_us(ts) AS ts_us, request_time_s, upstream_time_s, bytes_sent FROM requests ORDER BY line');
    const bulk = await rows((s) => BulkWriter.create(s.connection));
    expect(bulk.map((r) => (r as { request_time_s: number }).request_time_s)).toEqual(times);
    expect(bulk.map((r) => (r as { upstream_time_s: number }).upstream_time_s)).toEqual(times.map((t) => 0 - t));
    expect(bulk).toEqual(await rows((s) => RequestWriter.create(s.connection)));
    expect((bulk[9] as { ts_us: bigint }).ts_us).toBe(4_102_444_809_000_009);
  });

  it('stages in a private directory of its own, removed on close', async () => {
    const parent = tempDir();
    const store = await LogStore.open();
    try {
      const sink = await BulkWriter.create(store.connection, { directory: parent });
      const [staging] = readdirSync(parent);
      expect(staging).toMatch(/^logcodes-/);
      expect(statSync(join(parent, staging)).mode & 0o777).toBe(0o700);
      sink.append(emptyRecord('nginx', 1, 200), 'a.log', 1);
      await sink.close();
      expect(readdirSync(parent)).toEqual([]);
      expect((await queryRows(store.connection, 'SELECT count(*) AS n FROM requests'))[0].n).toBe(1);
    } finally {
      store.close();
    }
  });

  it('loads rows of several inputs and formats at once, each row keeping its own', async () => {
    const store = await LogStore.open();
    try {
      const sink = await BulkWriter.create(store.connection);
      sink.append(emptyRecord('nginx', 1, 200), 'a.log', 1);
      sink.append(emptyRecord('alb', 2, 503), 'b.log', 1);
      sink.append(emptyRecord('nginx', 3, 404), 'a.log', 2);
      await sink.flush();
      const rows = await queryRows(store.connection, 'SELECT input, format, line, status FROM requests ORDER BY input, line');
      expect(rows).toEqual([
        { input: 'a.log', format: 'nginx', line: 1, status: 200 },
        { input: 'a.log', format: 'nginx', line: 2, status: 404 },
        { input: 'b.log', format: 'alb', line: 1, status: 503 },
      ]);
      await sink.close();
    } finally {
      store.close();
    }
  });

  it('discards what was appended since the last flush, so that close() loads nothing more', async () => {
    const store = await LogStore.open();
    try {
      const directory = tempDir();
      const sink = await BulkWriter.create(store.connection, { directory });
      for (let i = 1; i <= 10; i++) sink.append(emptyRecord('nginx', i, 200), 'a.log', i);
      await sink.flush();
      for (let i = 11; i <= 15; i++) sink.append(emptyRecord('nginx', i, 500), 'a.log', i);
      await sink.discard();
      // Another input may follow at once: nothing of the first is pending.
      sink.append(emptyRecord('nginx', 16, 404), 'b.log', 1);
      await sink.close();
      const rows = await queryRows(store.connection, 'SELECT input, status, count(*) AS n FROM requests GROUP BY ALL ORDER BY input, status');
      expect(rows).toEqual([{ input: 'a.log', status: 200, n: 10 }, { input: 'b.log', status: 404, n: 1 }]);
      expect(readdirSync(directory)).toEqual([]);
    } finally {
      store.close();
    }
  });
});
