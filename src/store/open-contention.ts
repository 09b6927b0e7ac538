/**
 * Why opening a database file failed, when the reason is another run: cron jobs that
 * overlap open the same store, and the later one must wait for it rather than fail.
 * Two states are transient:
 *  - another process holds the file's lock (it is ingesting or reporting);
 *  - another process has just created the file and not yet written DuckDB's headers:
 *    DuckDB then calls the file "not a valid DuckDB database file". logcodes makes its
 *    new stores whole (new-store-file.ts), so this is left for files made otherwise
 *    (a DuckDB client, an older logcodes). By the time the error comes back the
 *    headers may be written, so a file that is DuckDB's now counts as well as one
 *    still too short to be.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { errorMessage } from '../errors.js';

export type Contention = 'locked' | 'being created' | null;

/**
 * A DuckDB file starts with its main header and two database headers of 4 KiB each;
 * the main header holds "DUCK" after its 8-byte checksum (DuckDB's storage docs).
 */
const DUCKDB_HEADERS_BYTES = 3 * 4096;
const MAGIC = Buffer.from('DUCK');
const MAGIC_OFFSET = 8;
/**
 * A shorter file this recent is taken to be another run's new store; an older one is
 * left over (a run killed while creating it) or not DuckDB's, and fails at once.
 */
const CREATION_SECONDS = 10;

const isLockConflict = (message: string): boolean => /Could not set lock|Conflicting lock/i.test(message);
const isInvalidFile = (message: string): boolean => /not a valid DuckDB database file/i.test(message);

/** Whether path was modified in the last CREATION_SECONDS and is either too short for DuckDB's headers or DuckDB's now. */
function isBeingCreated(path: string, nowMs: number): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (nowMs - stat.mtimeMs >= CREATION_SECONDS * 1000) return false;
    if (stat.size < DUCKDB_HEADERS_BYTES) return true;
    const head = Buffer.alloc(MAGIC_OFFSET + MAGIC.length);
    readSync(fd, head, 0, head.length, 0);
    return head.subarray(MAGIC_OFFSET).equals(MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What kept `path` from opening (error: DuckDB's), when waiting may cure it; null otherwise. */
export function contentionOf(path: string, error: unknown, nowMs = Date.now()): Contention {
  const message = errorMessage(error);
  if (isLockConflict(message)) return 'locked';
  if (isInvalidFile(message) && isBeingCreated(path, nowMs)) return 'being created';
  return null;
}
