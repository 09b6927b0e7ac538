/**
 * The file ledger: which file contents were ingested and how far. Content, not path,
 * is the identity, so rotated, renamed, compressed and copied files are recognized.
 *
 * A run reads the ledger once and keeps its rows in memory, indexed by head length and
 * fingerprint, in step with its own writes. Asking DuckDB per file cost about 1 ms for
 * the query, plus the rows of every shorter head read back into JavaScript: a re-run
 * over 3,000 files took 17 s, longer with every file the ledger gained.
 */
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { queryColumns } from './query.js';
import { ALL_ENTRIES_SQL, INSERT_ENTRY_SQL, UPDATE_ENTRY_SQL } from './ledger-queries.js';

export interface LedgerWrite {
  path: string;
  format: string | null;
  gzip: boolean;
  size: number;
  mtimeUs: number;
  inode: number;
  device: number;
  headLen: number;
  fingerprint: string;
  offset: number;
  lines: number;
  records: number;
  malformed: number;
  skipped: number;
  gzipSize: number | null;
}

/** A ledger row as read back: what was written, with its id. */
export interface LedgerEntry extends LedgerWrite {
  fileId: number;
}

/** A file's head as the ledger matches it: its length and fingerprint, and its prefixes' fingerprints. */
export interface HeadPrints {
  length: number;
  whole: string;
  /** The fingerprint of the first `length` bytes; asked for in ascending length. */
  prefix(length: number): string;
}

const contentKey = (headLen: number, fingerprint: string): string => `${headLen}:${fingerprint}`;
const inodeKey = (device: number, inode: number): string => `${device}:${inode}`;

/** What tells a file apart without reading it. */
export interface FileStamp {
  size: number;
  mtimeUs: number;
  inode: number;
  device: number;
}

/** The entry of a list read furthest (the first of equals). */
function furthest(entries: readonly LedgerEntry[] | undefined, than?: LedgerEntry): LedgerEntry | undefined {
  let best = than;
  for (const entry of entries ?? []) if (best === undefined || entry.offset > best.offset) best = entry;
  return best;
}

export class FileLedger {
  /** The rows by id; null until first needed, and again after a rollback. */
  private rows: Map<number, LedgerEntry> | null = null;
  private readonly byContent = new Map<string, LedgerEntry[]>();
  /** The rows by device and inode: the file each was last written for. */
  private readonly byInode = new Map<string, LedgerEntry>();
  /** The distinct head lengths of the rows, ascending. */
  private lengths: number[] = [];
  /**
   * reach[i]: how far the rows with heads of lengths[i] or shorter were read, at most.
   * An update leaves it as it was, which can only cost a needless look at the shorter
   * heads, never a wrong match.
   */
  private reach: number[] = [];
  /**
   * The insert, prepared once: a first ingest inserts a row per new file, and preparing
   * each took about 0.5 of its 1.3 ms. close() frees it.
   */
  private inserting: DuckDBPreparedStatement | null = null;

  constructor(private readonly connection: DuckDBConnection) {}

  /**
   * The entry for a head: one whose fingerprint covers exactly this head, or a shorter
   * head that this one begins with (a small file that grew, or its compressed copy);
   * of several, the one read furthest.
   */
  async match(head: HeadPrints): Promise<LedgerEntry | undefined> {
    await this.load();
    let best = furthest(this.byContent.get(contentKey(head.length, head.whole)));
    // Shorter heads are hashed for only when one of them was read further than the best
    // so far: a re-run over unchanged files needs one lookup each.
    const below = this.shorterThan(head.length);
    const shorterReach = below < 0 ? -1 : this.reach[below];
    if (shorterReach < 0 || (best !== undefined && best.offset >= shorterReach)) return best;
    for (const length of this.lengths) {
      if (length >= head.length) break;
      best = furthest(this.byContent.get(contentKey(length, head.prefix(length))), best);
    }
    return best;
  }

  /**
   * The entry of a file read to its end that has not changed since: the same inode and
   * device, size and modification time as recorded. A cron run over an archive finds
   * most files so, without opening them.
   */
  async unchanged(stamp: FileStamp): Promise<LedgerEntry | undefined> {
    await this.load();
    const entry = this.byInode.get(inodeKey(stamp.device, stamp.inode));
    if (entry === undefined || entry.size !== stamp.size || entry.mtimeUs !== stamp.mtimeUs) return undefined;
    return (entry.gzip ? entry.gzipSize === entry.size : entry.offset === entry.size) ? entry : undefined;
  }

  async insert(w: LedgerWrite): Promise<number> {
    this.inserting ??= await this.connection.prepare(INSERT_ENTRY_SQL);
    this.inserting.bind(this.params(w));
    const fileId = Number((await this.inserting.runAndReadAll()).getRowObjectsJS()[0].file_id);
    if (this.rows !== null) this.add(entryOf(fileId, w));
    return fileId;
  }

  async update(fileId: number, w: LedgerWrite): Promise<void> {
    await this.connection.run(UPDATE_ENTRY_SQL, { ...this.params(w), id: BigInt(fileId) });
    const old = this.rows?.get(fileId);
    if (old === undefined) return;
    this.remove(old);
    // As UPDATE_ENTRY_SQL: an unknown format or gzip size keeps the one recorded.
    this.add({ ...entryOf(fileId, w), format: w.format ?? old.format, gzipSize: w.gzipSize ?? old.gzipSize });
  }

  /** Frees the prepared insert; the ledger can still be used, and prepares it again. */
  close(): void {
    this.inserting?.destroySync();
    this.inserting = null;
  }

  /** After a rollback: what was written since the last commit is gone, so the rows are read again when next needed. */
  forget(): void {
    this.rows = null;
    this.byContent.clear();
    this.byInode.clear();
    this.lengths = [];
    this.reach = [];
  }

  /** The index of the longest head length below `length`, or -1. */
  private shorterThan(length: number): number {
    let low = 0;
    let high = this.lengths.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.lengths[middle] < length) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }

  private async load(): Promise<void> {
    if (this.rows !== null) return;
    // Marked as read only once read: a failed query must not leave the ledger looking empty.
    // By column: a ledger of thousands of files took 35 ms as row objects.
    const c = await queryColumns(this.connection, ALL_ENTRIES_SQL);
    this.rows = new Map();
    for (let i = 0; i < c.file_id.length; i++) {
      this.add({
        fileId: c.file_id[i] as number, path: c.path[i] as string, format: (c.format[i] as string | null) ?? null, gzip: c.gzip[i] as boolean,
        size: c.size[i] as number, mtimeUs: c.mtime_us[i] as number, inode: c.inode[i] as number, device: c.device[i] as number,
        headLen: c.head_len[i] as number, fingerprint: c.fingerprint[i] as string,
        offset: c.offset_bytes[i] as number, lines: c.lines[i] as number, records: c.records[i] as number, malformed: c.malformed[i] as number,
        skipped: c.skipped[i] as number, gzipSize: (c.gzip_size[i] as number | null) ?? null,
      });
    }
  }

  private add(entry: LedgerEntry): void {
    this.rows!.set(entry.fileId, entry);
    this.byInode.set(inodeKey(entry.device, entry.inode), entry);
    const key = contentKey(entry.headLen, entry.fingerprint);
    const same = this.byContent.get(key);
    if (same === undefined) this.byContent.set(key, [entry]);
    else same.push(entry);
    let at = this.shorterThan(entry.headLen) + 1;
    if (this.lengths[at] !== entry.headLen) {
      this.lengths.splice(at, 0, entry.headLen);
      this.reach.splice(at, 0, at > 0 ? this.reach[at - 1] : -1);
    }
    for (; at < this.reach.length; at++) if (this.reach[at] < entry.offset) this.reach[at] = entry.offset;
  }

  private remove(entry: LedgerEntry): void {
    this.rows!.delete(entry.fileId);
    const inode = inodeKey(entry.device, entry.inode);
    if (this.byInode.get(inode) === entry) this.byInode.delete(inode);
    const key = contentKey(entry.headLen, entry.fingerprint);
    const rest = (this.byContent.get(key) ?? []).filter((e) => e.fileId !== entry.fileId);
    if (rest.length > 0) this.byContent.set(key, rest);
    else this.byContent.delete(key);
  }

  private params(w: LedgerWrite): Record<string, string | number | boolean | bigint | null> {
    return {
      path: w.path, format: w.format, gzip: w.gzip, size: BigInt(w.size), mtime: BigInt(w.mtimeUs), inode: BigInt(w.inode), device: BigInt(w.device),
      len: w.headLen, fp: w.fingerprint, offset: BigInt(w.offset), lines: BigInt(w.lines), records: BigInt(w.records),
      malformed: BigInt(w.malformed), skipped: BigInt(w.skipped), gzip_size: w.gzipSize === null ? null : BigInt(w.gzipSize),
    };
  }
}

function entryOf(fileId: number, w: LedgerWrite): LedgerEntry {
  return { ...w, fileId };
}
