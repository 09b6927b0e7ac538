/**
 * A new database file appears whole. DuckDB creates a store by checking that the file
 * does not exist, creating it, then writing its headers; two runs doing that at once
 * (cron jobs that overlap on a new store) could each find the other's file existing
 * and still empty, call it "not a valid DuckDB database file", and both fail, however
 * long they waited (it happened in the test of two runs at once). So a missing store is
 * made under a name of its own and linked into place, which fails if another run got
 * there first; either way the file under the store's name is complete.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { duckdb } from './duckdb-module.js';

/**
 * Makes an empty DuckDB database at `path` unless a file is there already. When the
 * database cannot be made (a missing folder, no permission), nothing is done: opening
 * `path` then fails with DuckDB's reason, naming the store rather than this file.
 */
export async function createStoreFile(path: string): Promise<void> {
  if (existsSync(path)) return;
  const made = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    let instance;
    try {
      instance = await duckdb().DuckDBInstance.create(made);
    } catch {
      return;
    }
    instance.closeSync();
    putInPlace(made, path);
  } finally {
    rmSync(made, { force: true });
    rmSync(`${made}.wal`, { force: true });
  }
}

/** Links made to path, unless path exists (another run's, kept); a file system without hard links renames it instead. */
function putInPlace(made: string, path: string): void {
  try {
    linkSync(made, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    if (!existsSync(path)) renameSync(made, path);
  }
}
