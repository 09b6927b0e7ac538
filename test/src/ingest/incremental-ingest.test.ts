import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES_PER_COMMIT, ingestIncremental } from '../../../src/ingest/incremental-ingest.js';
import { chooseParsers } from '../../../src/ingest/parser-options.js';
import { BulkWriter } from '../../../src/store/bulk-writer.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { tempDir } from '../../helpers.js';

/** A folder of `count` small nginx logs of three distinct lines each. */
function smallLogs(count: number): string {
  const dir = join(tempDir(), 'logs');
  mkdirSync(dir);
  for (let i = 0; i < count; i++) {
    const lines = [0, 1, 2].map((k) => `198.51.100.${i % 250} - - [01/Nov/2026:10:${String(i % 60).padStart(2, '0')}:0${k} +0000] "GET /f/${i}/${k} HTTP/1.1" 200 5 "-" "curl/8.5.0"\n`);
    writeFileSync(join(dir, `access-${String(i).padStart(3, '0')}.log`), lines.join(''));
  }
  return dir;
}

/** Ingests dir into a new store, counting the COMMITs; `failAt` makes the n-th load of staged rows fail. */
async function ingestCounting(dir: string, options: { checkpointLines?: number; failAt?: number } = {}): Promise<{ commits: number; loads: number; error: unknown; files: number; requests: number }> {
  const path = join(tempDir(), 'store.duckdb');
  const store = await LogStore.open(path);
  let commits = 0;
  let error: unknown = null;
  try {
    const run = store.connection.run.bind(store.connection);
    let loads = 0;
    store.connection.run = (async (sql: string, ...rest: unknown[]) => {
      if (sql === 'COMMIT') commits++;
      if (sql.startsWith('INSERT INTO requests') && ++loads === options.failAt) throw new Error('disk full');
      return (run as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as typeof store.connection.run;
    const writer = await BulkWriter.create(store.connection);
    try {
      await ingestIncremental([dir], store, writer, { candidates: chooseParsers({}).candidates, checkpointLines: options.checkpointLines });
    } catch (caught) {
      error = caught;
    } finally {
      await writer.close().catch(() => {});
    }
    const [row] = await queryRows(store.connection, 'SELECT (SELECT count(*) FROM ingested_files) AS files, (SELECT count(*) FROM requests) AS requests');
    return { commits, loads, error, files: Number(row.files), requests: Number(row.requests) };
  } finally {
    store.close();
  }
}

describe('committing small files together', () => {
  it('commits after every FILES_PER_COMMIT files and at the end, loading each batch at once', async () => {
    expect(FILES_PER_COMMIT).toBe(256);
    const result = await ingestCounting(smallLogs(300));
    expect(result).toEqual({ commits: 2, loads: 2, error: null, files: 300, requests: 900 });
  });

  it('commits sooner when the batch holds checkpoint-lines lines', async () => {
    // Three lines a file, a commit every six lines: after every second file.
    const result = await ingestCounting(smallLogs(10), { checkpointLines: 6 });
    expect(result).toEqual({ commits: 5, loads: 5, error: null, files: 10, requests: 30 });
  });

  it('loads a batch at once, and loses the whole batch on a failure, ledger rows with their requests', async () => {
    // One load per batch: the second one fails, so the first 256 files stay and nothing of the other 44.
    const result = await ingestCounting(smallLogs(300), { failAt: 2 });
    expect(String(result.error)).toMatch(/disk full/);
    expect([result.commits, result.files, result.requests]).toEqual([1, 256, 768]);
  });
});
