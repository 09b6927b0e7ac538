import { renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentionOf } from '../../../src/store/open-contention.js';
import { LogStore } from '../../../src/store/log-store.js';
import { LogcodesError } from '../../../src/errors.js';
import { tempDir } from '../../helpers.js';

const INVALID = new Error('IO Error: The file "x.duckdb" exists, but it is not a valid DuckDB database file!');
const LOCKED = new Error('IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242).');

/** A file of `bytes` bytes last modified `ageSeconds` ago. */
function fileOf(bytes: number, ageSeconds: number): string {
  const path = join(tempDir(), 'store.duckdb');
  writeFileSync(path, Buffer.alloc(bytes));
  const at = Date.now() / 1000 - ageSeconds;
  utimesSync(path, at, at);
  return path;
}

describe('contentionOf', () => {
  it('calls a held lock "locked", whatever the file', () => {
    expect(contentionOf(fileOf(20_000, 3600), LOCKED)).toBe('locked');
  });

  it('calls a fresh file shorter than DuckDB\'s headers "being created"', () => {
    expect(contentionOf(fileOf(0, 0), INVALID)).toBe('being created');
    expect(contentionOf(fileOf(4096, 2), INVALID)).toBe('being created');
  });

  it('calls a fresh file that is DuckDB\'s by the time the error comes back "being created"', async () => {
    const path = join(tempDir(), 'made.duckdb');
    (await LogStore.open(path)).close();
    expect(statSync(path).size).toBeGreaterThanOrEqual(3 * 4096);
    expect(contentionOf(path, INVALID)).toBe('being created');
    const old = Date.now() / 1000 - 60;
    utimesSync(path, old, old);
    expect(contentionOf(path, INVALID)).toBeNull();
  });

  it('gives no contention for an old short file, a long invalid one, a missing one or another error', () => {
    expect(contentionOf(fileOf(0, 60), INVALID)).toBeNull();
    expect(contentionOf(fileOf(3 * 4096, 0), INVALID)).toBeNull();
    expect(contentionOf(join(tempDir(), 'missing.duckdb'), INVALID)).toBeNull();
    expect(contentionOf(fileOf(0, 0), new Error('IO Error: Permission denied'))).toBeNull();
  });
});

describe('LogStore.open and a store another run is creating', () => {
  it('waits for the file to become a database, then opens it', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.duckdb');
    const made = await LogStore.open(join(dir, 'made.duckdb'));
    made.close();
    writeFileSync(path, ''); // what another run's brand-new file looks like before DuckDB writes it
    const finished = new Promise<void>((resolve) => setTimeout(() => { renameSync(join(dir, 'made.duckdb'), path); resolve(); }, 400));
    const store = await LogStore.open(path, { waitSeconds: 10 });
    await finished;
    store.close();
  });

  it('gives up after the wait with DATABASE_BUSY, and fails at once over a stale empty file', async () => {
    const fresh = fileOf(0, 0);
    const busy = await LogStore.open(fresh, { waitSeconds: 0 }).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(LogcodesError);
    expect((busy as LogcodesError).code).toBe('DATABASE_BUSY');
    expect((busy as LogcodesError).message).toBe(`${fresh}: the database is being created by another logcodes run; gave up waiting`);
    const stale = fileOf(0, 60);
    const invalid = await LogStore.open(stale, { waitSeconds: 10 }).catch((error: unknown) => error);
    expect((invalid as LogcodesError).code).toBe('INPUT_UNREADABLE');
    expect((invalid as LogcodesError).message).toMatch(/cannot open the database: .*not a valid DuckDB database file/);
  });
});
