import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LazyPool } from '../../../../src/ingest/parallel/lazy-pool.js';
import { tempDir } from '../../../helpers.js';

describe('LazyPool', () => {
  const setup = { formatOptions: {}, maxLineBytes: 4096 };

  it('starts early only for a named file of at least the size', async () => {
    const dir = tempDir();
    const small = join(dir, 'small.log');
    const large = join(dir, 'large.log');
    writeFileSync(small, 'x'.repeat(99));
    writeFileSync(large, 'x'.repeat(100));
    mkdirSync(join(dir, 'folder'));
    const pool = new LazyPool(setup, 1);
    try {
      await pool.startIfLarge(['-', join(dir, 'folder'), join(dir, '*.log'), join(dir, 'missing.log'), small], 100);
      expect(pool.started).toBe(false);
      await pool.startIfLarge([small, large], 100);
      expect(pool.started).toBe(true);
    } finally {
      await pool.close();
    }
    expect(pool.started).toBe(false);
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
