import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparable, runMain, sample, tempDir } from '../../helpers.js';

/** Reports compared without what legitimately differs: when and from where they were made. */
async function storeWithSamples(): Promise<{ dir: string; db: string; out: string }> {
  const dir = tempDir();
  const db = join(dir, 'store.duckdb');
  expect((await runMain(['ingest', sample(''), '--db', db, '--quiet'])).code).toBe(0);
  return { dir, db, out: join(dir, 'export') };
}

describe('Parquet export and reports over Parquet', () => {
  it('writes Hive partitions by date and format, and re-exports only what changed', async () => {
    const { dir, db, out } = await storeWithSamples();
    const first = JSON.parse((await runMain(['export', '--db', db, '--parquet', out, '--json'])).stdout).partitions;
    expect(first.every((p: { action: string }) => p.action === 'written')).toBe(true);
    expect(readdirSync(join(out, 'date=2026-11-24')).sort()).toEqual(['format=alb', 'format=cloudflare', 'format=nginx', 'format=nginx-json']);
    expect(readdirSync(join(out, 'date=2026-11-24', 'format=nginx'))).toEqual(['data.parquet']);
    const second = JSON.parse((await runMain(['export', '--db', db, '--parquet', out, '--json'])).stdout).partitions;
    expect(second.every((p: { action: string }) => p.action === 'unchanged')).toBe(true);
    const extra = join(dir, 'extra.log');
    writeFileSync(extra, '192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"\n');
    await runMain(['ingest', extra, '--db', db, '--quiet']);
    const third = JSON.parse((await runMain(['export', '--db', db, '--parquet', out, '--json'])).stdout).partitions;
    expect(third.filter((p: { action: string }) => p.action === 'written')).toEqual([{ day: '2026-11-27', format: 'nginx', rows: 1, action: 'written' }]);
  });

  it('gives the same report from Parquet as from the database', async () => {
    const { db, out } = await storeWithSamples();
    await runMain(['export', '--db', db, '--parquet', out, '--quiet']);
    const fromDb = await runMain(['report', '--db', db, '--json', '-']);
    const fromParquet = await runMain(['report', '--parquet', `${out}/**/*.parquet`, '--json', '-']);
    expect(fromParquet.code).toBe(0);
    expect(JSON.parse(fromParquet.stdout).totals.requests).toBe(17635);
    expect(comparable(fromParquet.stdout)).toEqual(comparable(fromDb.stdout));
    const window = ['--from', '2026-11-24T08:00:00Z', '--to', '2026-11-24T12:00:00Z'];
    expect(comparable((await runMain(['report', '--parquet', `${out}/**/*.parquet`, ...window, '--json', '-'])).stdout))
      .toEqual(comparable((await runMain(['report', '--db', db, ...window, '--json', '-'])).stdout));
  });

  it('reads Parquet exported before the endpoint column, templating the endpoints as it loads them', async () => {
    const { db, out } = await storeWithSamples();
    await runMain(['export', '--db', db, '--parquet', out, '--quiet']);
    const expected = comparable((await runMain(['report', '--parquet', `${out}/**/*.parquet`, '--json', '-'])).stdout);
    // Rewrite one partition as an older logcodes wrote it: without the column.
    const file = join(out, 'date=2026-11-24', 'format=nginx', 'data.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run('COPY (SELECT * EXCLUDE (endpoint) FROM read_parquet($file)) TO $old (FORMAT parquet)', { file, old: `${file}.old` });
      expect((await connection.runAndReadAll('SELECT count(*) AS n FROM (DESCRIBE SELECT * FROM read_parquet($old)) WHERE column_name = \'endpoint\'', { old: `${file}.old` })).getRowObjects()).toEqual([{ n: 0n }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    renameSync(`${file}.old`, file);
    expect(comparable((await runMain(['report', '--parquet', `${out}/**/*.parquet`, '--json', '-'])).stdout)).toEqual(expected);
  });

  it('prunes partitions by date: files of other days are never opened', async () => {
    const { db, out } = await storeWithSamples();
    await runMain(['export', '--db', db, '--parquet', out, '--quiet']);
    // Break every partition but 2026-11-24's: reading any of them would fail.
    for (const day of readdirSync(out).filter((d) => d !== 'date=2026-11-24')) {
      for (const format of readdirSync(join(out, day))) writeFileSync(join(out, day, format, 'data.parquet'), 'not parquet');
    }
    const pruned = await runMain(['report', '--parquet', `${out}/**/*.parquet`, '--from', '2026-11-24T00:00:00Z', '--to', '2026-11-25T00:00:00Z', '--json', '-']);
    expect(pruned.stderr).toBe('');
    // The day's four partitions: ALB 2,572 + Cloudflare 2,333 + nginx 3,924 + 7,630 + nginx JSON 1,148.
    expect(JSON.parse(pruned.stdout).totals.requests).toBe(17607);
    const all = await runMain(['report', '--parquet', `${out}/**/*.parquet`, '--json', '-']);
    expect(all.code).toBe(1);
  });

  it('fails on a glob that matches no file, but not on a window with no data', async () => {
    const { db } = await storeWithSamples();
    const out = join(tempDir(), 'export');
    await runMain(['export', '--db', db, '--parquet', out, '--quiet']);
    const mistyped = await runMain(['report', '--parquet', `${out}/**/*.parqet`, '--json', '-']);
    expect([mistyped.code, mistyped.stdout, mistyped.stderr]).toEqual([1, '', `logcodes: --parquet: no files match ${out}/**/*.parqet\n`]);
    expect((await runMain(['query', 'SELECT 1', '--parquet', `${out}/nowhere/*.parquet`])).code).toBe(1);
    const quiet = await runMain(['report', '--parquet', `${out}/**/*.parquet`, '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z', '--json', '-']);
    expect([quiet.code, JSON.parse(quiet.stdout).totals.requests]).toEqual([0, 0]);
  });
});

describe('logcodes query', () => {
  it('runs read-only SQL as a table, JSON or CSV', async () => {
    const { db } = await storeWithSamples();
    const sql = 'SELECT format, count(*) AS n FROM requests GROUP BY format ORDER BY format';
    expect(JSON.parse((await runMain(['query', sql, '--db', db, '--format', 'json'])).stdout)).toEqual([
      { format: 'alb', n: 2582 }, { format: 'cloudflare', n: 2341 }, { format: 'nginx', n: 11564 }, { format: 'nginx-json', n: 1148 },
    ]);
    expect((await runMain(['query', sql, '--db', db, '--format', 'csv'])).stdout).toBe('format,n\nalb,2582\ncloudflare,2341\nnginx,11564\nnginx-json,1148\n');
    expect((await runMain(['query', sql, '--db', db])).stdout).toContain('(4 rows)');
  });

  it('refuses statements that write unless --allow-write', async () => {
    const { db, out } = await storeWithSamples();
    const refused = await runMain(['query', 'DELETE FROM requests WHERE status = 200', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('logcodes: statement 1 would change data (DELETE); queries are read-only unless --allow-write is given\n');
    expect((await runMain(['query', 'SELECT 1; DROP TABLE requests', '--db', db])).code).toBe(1);
    await runMain(['export', '--db', db, '--parquet', out, '--quiet']);
    expect((await runMain(['query', "COPY requests TO 'x.csv'", '--parquet', `${out}/**/*.parquet`])).code).toBe(1);
    const count = async (): Promise<number> => JSON.parse((await runMain(['query', 'SELECT count(*) AS n FROM requests', '--db', db, '--format', 'json'])).stdout)[0].n;
    expect(await count()).toBe(17635);
    expect((await runMain(['query', 'DELETE FROM requests WHERE status = 200', '--db', db, '--allow-write'])).code).toBe(0);
    expect(await count()).toBeLessThan(17635);
  });
});
