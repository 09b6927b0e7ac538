/**
 * The ledger snapshot: a JSON file next to a database file (`<db>.ledger.json`) with the
 * stamps of the files the ledger holds read to their end, the store's counts, and the
 * stamp of the database file itself when they were written. A cron re-run over an
 * archive where nothing changed answers from it alone (unchanged-rerun.ts), without
 * loading DuckDB: over 3,000 small logs, opening the store, reading its ledger and
 * closing it were most of a 0.43 s re-run (docs/performance.md).
 *
 * It is only a cache of the ledger, trusted while the database file is exactly as it
 * was: same size, modification and change times, inode and device, and no write-ahead
 * log beside it (a run in progress, or one that died). Any run that writes the store
 * changes its file, so the next ingest reads the ledger itself and writes a new
 * snapshot. A snapshot that is missing, unreadable, written by another version of
 * logcodes, or stale is ignored.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { TOOL_VERSION } from '../version.js';
import { inodeKey, sameStamp, type FileStamp, type LedgerEntry } from './ledger-index.js';
import type { StoreCounts } from './maintenance.js';

export const SNAPSHOT_SUFFIX = '.ledger.json';

/** What a snapshot keeps of an entry: enough to tell its file unchanged and to report it. */
export type SnapshotEntry = Pick<LedgerEntry, 'device' | 'inode' | 'size' | 'mtimeUs' | 'offset' | 'gzip' | 'format'>;

/** What a snapshot knows of the store besides its ledger. */
export interface StoreFacts {
  counts: StoreCounts;
  /** Its oldest request's time (µs since the epoch), null when it holds none: whether retention would prune anything. */
  oldestUs: number | null;
}

type Columns = { [K in keyof SnapshotEntry]: SnapshotEntry[K][] };
const COLUMNS = ['device', 'inode', 'size', 'mtimeUs', 'offset', 'gzip', 'format'] as const satisfies readonly (keyof SnapshotEntry)[];

interface SnapshotFile extends StoreFacts {
  logcodes: string;
  store: string;
  entries: Columns;
}

/** The database file as the snapshot trusts it; null when it has a write-ahead log or is missing. */
function storeStamp(db: string): string | null {
  if (existsSync(`${db}.wal`)) return null;
  try {
    const s = statSync(db, { bigint: true });
    return [s.size, s.mtimeNs, s.ctimeNs, s.ino, s.dev].join(':');
  } catch {
    return null;
  }
}

/**
 * A test of whether a path is one of the store at db's own files (the database, its
 * log, spill folder and snapshot), which are never read as logs when the store sits in
 * a log folder.
 */
export function storeFileTest(db: string): (path: string) => boolean {
  const own = resolve(db);
  const snapshot = `${own}${SNAPSHOT_SUFFIX}`;
  const names = new Set([own, `${own}.wal`, `${own}.tmp`, snapshot]);
  const name = basename(own);
  // Each of their names contains the store's: other paths need no resolving (3,000 of them took 20 ms).
  return (path) => {
    if (!path.includes(name)) return false;
    const file = resolve(path);
    return names.has(file) || file.startsWith(`${snapshot}.`);
  };
}

export class LedgerSnapshot {
  private constructor(private readonly byInode: Map<string, SnapshotEntry>, readonly facts: StoreFacts) {}

  static pathOf(db: string): string {
    return `${db}${SNAPSHOT_SUFFIX}`;
  }

  /** The snapshot of db's ledger, or null when there is none to trust (see above). */
  static read(db: string): LedgerSnapshot | null {
    const stamp = storeStamp(db);
    if (stamp === null) return null;
    let file: SnapshotFile;
    try {
      file = JSON.parse(readFileSync(LedgerSnapshot.pathOf(db), 'utf8')) as SnapshotFile;
    } catch {
      return null;
    }
    if (file?.logcodes !== TOOL_VERSION || file.store !== stamp || typeof file.entries !== 'object' || file.entries === null) return null;
    if (typeof file.counts?.files !== 'number' || typeof file.counts.requests !== 'number') return null;
    const columns = file.entries;
    const byInode = new Map<string, SnapshotEntry>();
    const count = columns.device?.length ?? 0;
    if (!COLUMNS.every((c) => Array.isArray(columns[c]) && columns[c].length === count)) return null;
    const { device, inode, size, mtimeUs, offset, gzip, format } = columns;
    for (let i = 0; i < count; i++) {
      byInode.set(inodeKey(device[i], inode[i]), { device: device[i], inode: inode[i], size: size[i], mtimeUs: mtimeUs[i], offset: offset[i], gzip: gzip[i], format: format[i] });
    }
    return new LedgerSnapshot(byInode, { counts: file.counts, oldestUs: file.oldestUs ?? null });
  }

  /**
   * Writes db's snapshot after a run closed it: entries are the ledger's files read to
   * their end (FileLedger.readToEnd). Replaced in one rename, so a
   * reader sees a whole snapshot or the old one; a store left with a write-ahead log
   * gets none. A snapshot that cannot be written is no loss: the next run reads the
   * ledger itself.
   */
  static write(db: string, entries: readonly LedgerEntry[], facts: StoreFacts): void {
    const path = LedgerSnapshot.pathOf(db);
    const temporary = `${path}.${process.pid}.tmp`;
    const stamp = storeStamp(db);
    try {
      if (stamp === null) {
        rmSync(path, { force: true });
        return;
      }
      const columns = Object.fromEntries(COLUMNS.map((c) => [c, entries.map((e) => e[c])])) as Columns;
      const file: SnapshotFile = { logcodes: TOOL_VERSION, store: stamp, counts: facts.counts, oldestUs: facts.oldestUs, entries: columns };
      writeFileSync(temporary, JSON.stringify(file));
      renameSync(temporary, path);
    } catch {
      // Read-only folder or full disk: the store itself was written; the snapshot is a cache.
      rmSync(temporary, { force: true });
    }
  }

  /** The entry of a file read to its end and untouched since, as LedgerIndex.unchanged tells it. */
  unchanged(stamp: FileStamp): SnapshotEntry | undefined {
    const entry = this.byInode.get(inodeKey(stamp.device, stamp.inode));
    return entry !== undefined && sameStamp(entry, stamp) ? entry : undefined;
  }
}
