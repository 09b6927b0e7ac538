import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { prestartedWorkers, prestartWorkers } from '../../../../src/ingest/parallel/early-workers.js';
import { WorkerPool } from '../../../../src/ingest/parallel/worker-pool.js';

const LINE = '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /users/42 HTTP/1.1" 404 12 "-" "curl/8.5.0"\n';

describe('parse workers started before the command line is parsed', () => {
  it('hands prestarted workers to the next pool, which sets them up like its own', async () => {
    prestartWorkers(1);
    expect(prestartedWorkers()).toBe(1);
    const pool = new WorkerPool({ formatOptions: {} }, 2);
    try {
      expect(prestartedWorkers()).toBe(0);
      // Jobs alternate between the adopted worker and the new one.
      const results = await Promise.all([1, 2].map(() =>
        pool.run({ format: 'nginx', bytes: Buffer.from(LINE.repeat(3)), maxLineBytes: 4096 })));
      expect(results.map((r) => [r.records, r.malformed, r.groups.map((g) => g.layout.rows)])).toEqual([[3, 0, [3]], [3, 0, [3]]]);
    } finally {
      await pool.close();
    }
  });

  it('stages the text fields its setup omits as null', async () => {
    const { STAGING_COLUMNS } = await import('../../../../src/store/staging-format.js');
    const pool = new WorkerPool({ formatOptions: {}, omitted: ['user_agent', 'referer'] }, 1);
    try {
      const result = await pool.run({ format: 'nginx', bytes: Buffer.from(LINE.repeat(3)), maxLineBytes: 4096 });
      const nulls = (name: string): number => result.groups[0].layout.stats[STAGING_COLUMNS.findIndex((c) => c.name === name)].nulls;
      expect([nulls('user_agent'), nulls('referer'), nulls('path'), nulls('client_ip')]).toEqual([3, 3, 0, 0]);
    } finally {
      await pool.close();
    }
  });

  it('fails every job, waiting or later, once a worker stops on its own', async () => {
    const pool = new WorkerPool({ formatOptions: {} }, 1);
    try {
      const worker = (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0];
      const waiting = pool.run({ format: 'nginx', bytes: Buffer.from(LINE.repeat(2000)), maxLineBytes: 4096 });
      await worker.terminate();
      await expect(waiting).rejects.toThrow(/a parse worker stopped \(exit code \d+\)/);
      await expect(pool.run({ format: 'nginx', bytes: Buffer.from(LINE), maxLineBytes: 4096 })).rejects.toThrow(/a parse worker stopped/);
    } finally {
      await pool.close();
    }
  });

  it('lets a process end while prestarted workers wait unadopted', () => {
    const module = new URL('../../../../dist/src/ingest/parallel/early-workers.js', import.meta.url).pathname;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(module)}); m.prestartWorkers(2); console.log(m.prestartedWorkers());`], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('2');
  });
});
