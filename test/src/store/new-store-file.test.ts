import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStoreFile } from '../../../src/store/new-store-file.js';
import { LogStore } from '../../../src/store/log-store.js';
import { tempDir } from '../../helpers.js';

/** Whether the file begins as a DuckDB database does: "DUCK" after the header's checksum. */
const isDuckdbFile = (path: string): boolean => readFileSync(path).subarray(8, 12).toString('latin1') === 'DUCK';

describe('a new store file', () => {
  it('appears whole, and only once, however many runs make it at once', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.duckdb');
    await Promise.all(Array.from({ length: 6 }, () => createStoreFile(path)));
    expect(readdirSync(dir)).toEqual(['store.duckdb']);
    expect(isDuckdbFile(path)).toBe(true);
    const store = await LogStore.open(path);
    store.close();
  });

  it('leaves a file that is there alone, and does nothing where it cannot make one', async () => {
    const dir = tempDir();
    const path = join(dir, 'not-a-store.duckdb');
    writeFileSync(path, 'hello');
    await createStoreFile(path);
    expect(readFileSync(path, 'utf8')).toBe('hello');
    await createStoreFile(join(dir, 'missing', 'store.duckdb'));
    expect(readdirSync(dir)).toEqual(['not-a-store.duckdb']);
  });
});
