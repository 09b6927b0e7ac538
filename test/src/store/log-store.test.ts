import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { tempDir } from '../../helpers.js';

async function settings(store: LogStore): Promise<{ memory: string; threads: number }> {
  const [row] = await queryRows(store.connection, "SELECT current_setting('memory_limit') AS memory, current_setting('threads')::INTEGER AS threads");
  return row as { memory: string; threads: number };
}

describe('LogStore memory and thread settings', () => {
  afterEach(() => { vi.unstubAllEnvs(); });

  it('gives a database file 96 MB, and 64 MB on one thread while ingesting', async () => {
    vi.stubEnv('LOGCODES_MEMORY_LIMIT', undefined);
    const store = await LogStore.open(join(tempDir(), 'a.duckdb'));
    try {
      const before = await settings(store);
      const during = await store.ingesting(() => settings(store));
      const after = await settings(store);
      expect(before.memory).toBe('91.5 MiB');
      expect(during).toEqual({ memory: '61.0 MiB', threads: 1 });
      expect(after).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('gives each store in memory a private spill directory, removed on close', async () => {
    const a = await LogStore.open();
    const b = await LogStore.open();
    const spill = async (store: LogStore): Promise<string> =>
      (await queryRows(store.connection, "SELECT current_setting('temp_directory') AS dir"))[0].dir as string;
    const [dirA, dirB] = [await spill(a), await spill(b)];
    expect(dirA).not.toBe(dirB);
    expect(statSync(dirA).mode & 0o777).toBe(0o700);
    a.close();
    b.close();
    expect(existsSync(dirA)).toBe(false);
    expect(existsSync(dirB)).toBe(false);
  });

  it('keeps a store in memory at 256 MB, and a user-set cap everywhere', async () => {
    vi.stubEnv('LOGCODES_MEMORY_LIMIT', undefined);
    const memory = await LogStore.open();
    try {
      expect((await memory.ingesting(() => settings(memory))).memory).toBe('244.1 MiB');
    } finally {
      memory.close();
    }
    vi.stubEnv('LOGCODES_MEMORY_LIMIT', '300MB');
    const file = await LogStore.open(join(tempDir(), 'b.duckdb'));
    try {
      expect((await file.ingesting(() => settings(file))).memory).toBe('286.1 MiB');
      expect((await settings(file)).memory).toBe('286.1 MiB');
    } finally {
      file.close();
    }
  });
});
