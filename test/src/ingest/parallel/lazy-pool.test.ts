import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LazyPool } from '../../../../src/ingest/parallel/lazy-pool.js';
import { tempDir } from '../../../helpers.js';

describe('LazyPool', () => {
  const setup = { formatOptions: {} };

  it('starts early only for a named file of at least the size', async () => {
    const dir = tempDir();
    const small = join(dir, 'small.log');
    const large = join(dir, 'large.log');
    writeFileSync(small, 'x'.repeat(99));
    writeFileSync(large, 'x'.repeat(100));
    mkdirSync(join(dir, 'folder'));
    const pool = new LazyPool(setup, 1);
    try {
      pool.startIfLarge(['-', join(dir, 'folder'), join(dir, '*.log'), join(dir, 'missing.log'), small], 100);
      expect(pool.firstReply).toBeNull();
      pool.startIfLarge([small, large], 100);
      expect(pool.firstReply).not.toBeNull();
    } finally {
      await pool.close();
    }
    expect(pool.firstReply).toBeNull();
  });

  it('tells when the started workers first answer a job', async () => {
    const pool = new LazyPool(setup, 1);
    expect(pool.firstReply).toBeNull();
    let answered = false;
    pool.get();
    void pool.firstReply!.then(() => { answered = true; });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    const line = '192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "t"\n';
    const chunk = await pool.get().run({ format: 'nginx', bytes: Buffer.from(line), maxLineBytes: 4096 });
    expect(chunk.records).toBe(1);
    await pool.firstReply;
    expect(answered).toBe(true);
    await pool.close();
  });

  it('hands out one pool until closed, and closes twice safely', async () => {
    const pool = new LazyPool(setup, 1);
    const first = pool.get();
    expect(pool.get()).toBe(first);
    await pool.close();
    await pool.close();
    const second = pool.get();
    expect(second).not.toBe(first);
    await pool.close();
  });
});
