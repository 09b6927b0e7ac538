import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputInfo } from '../../../src/ingest/info.js';
import { ingestAll } from '../../../src/ingest/ingest-all.js';
import { WorkerPool } from '../../../src/ingest/parallel/worker-pool.js';
import { chooseParsers } from '../../../src/ingest/parser-options.js';
import { expandInputs } from '../../../src/ingest/sources.js';
import { BulkWriter } from '../../../src/store/bulk-writer.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { sample, tempDir } from '../../helpers.js';

const COUNTERS = ['path', 'format', 'lines', 'blank', 'records', 'malformed', 'skipped', 'malformedByCode', 'samples', 'offset', 'partial', 'error'] as const;

let pool: WorkerPool;
beforeAll(() => { pool = new WorkerPool({ formatOptions: {}, maxLineBytes: 4096 }, 2); });
afterAll(async () => { await pool.close(); });

async function run(files: string[], chunkBytes: number | null): Promise<{ rows: unknown[]; infos: Partial<InputInfo>[] }> {
  const store = await LogStore.open();
  try {
    const writer = await BulkWriter.create(store.connection);
    const infos = await ingestAll(files, writer, {
      candidates: chooseParsers({}).candidates, maxLineBytes: 4096,
      parallel: chunkBytes === null ? undefined : { writer, pool: () => pool, minBytes: 0, chunkBytes },
    });
    await writer.close();
    const rows = await queryRows(store.connection, 'SELECT * EXCLUDE (ts), epoch_us(ts) AS ts_us FROM requests ORDER BY input, line');
    return { rows, infos: infos.map((i) => Object.fromEntries(COUNTERS.map((k) => [k, i[k]]))) };
  } finally {
    store.close();
  }
}

describe('parallel parsing (the fast path) equals the line-by-line path', () => {
  it.each([64, 1000, 4096, 65536, 1 << 20])('over every sample and edge case, with %i-byte chunks', async (chunkBytes) => {
    const dir = tempDir();
    // Extra edge cases: CRLF, blank lines, an over-long line, no final newline, a line split by every chunk size.
    const edge = join(dir, 'edge.log');
    const line = (n: number): string => `192.0.2.${n} - - [26/Nov/2026:10:00:${String(n % 60).padStart(2, '0')} +0000] "GET /p/${n} HTTP/1.1" 200 1 "-" "ua"`;
    writeFileSync(edge, [line(1), '', line(2) + '\r', 'x'.repeat(9000), '   ', line(3), line(4)].join('\n'));
    writeFileSync(join(dir, 'copy.gz'), gzipSync(Buffer.from([line(5), line(6), 'junk'].join('\n') + '\n')));
    const files = [...(await expandInputs([sample('')])).filter((f) => !f.includes('logpush-batch')), edge, join(dir, 'copy.gz')];
    const reference = await run(files, null);
    const fast = await run(files, chunkBytes);
    expect(fast.infos).toEqual(reference.infos);
    expect(fast.rows).toEqual(reference.rows);
    expect(reference.infos.find((i) => i.path === edge)).toMatchObject({ lines: 7, blank: 2, records: 4, malformed: 1, malformedByCode: { LINE_TOO_LONG: 1 } });
  });

  it('reports a detection failure the same way', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, Array.from({ length: 80 }, (_, i) => (i % 7 === 0 ? '' : `note ${i}`)).join('\n') + '\n');
    const reference = await run([file], null);
    const fast = await run([file], 200);
    expect(fast.infos).toEqual(reference.infos);
    expect(fast.infos[0].error).toMatch(/could not detect the log format from the first 50 lines/);
  });
});

describe('parallel parsing of a damaged input', () => {
  // How much of the last decompressed block zlib hands over before reporting the cut
  // depends on timing, so the two paths are compared on what they must share.
  it('keeps the records before a corrupt gzip tail, as the line-by-line path does', async () => {
    const dir = tempDir();
    const file = join(dir, 'cut.log.gz');
    const text = Array.from({ length: 30000 }, (_, i) => `192.0.2.${i % 250} - - [26/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /item/${i} HTTP/1.1" 200 10 "-" "t"`).join('\n') + '\n';
    const gz = gzipSync(text);
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const reference = await run([file], null);
    const fast = await run([file], 4096);
    for (const result of [reference, fast]) {
      const info = result.infos[0];
      expect(info.partial).toBe(true);
      expect(info.records).toBeGreaterThan(15000);
      expect(info.records).toBe(info.lines);
      expect(result.rows).toHaveLength(info.records!);
      expect(info.error).toMatch(new RegExp(`cut\\.log\\.gz: reading stopped after line ${info.lines} \\(byte \\d+\\): unexpected end of file`));
    }
    // Both hold the same rows for the lines both read.
    const common = Math.min(reference.rows.length, fast.rows.length);
    expect(fast.rows.slice(0, common)).toEqual(reference.rows.slice(0, common));
  });
});
