/**
 * The file ledger: which file contents were ingested and how far. Content, not path,
 * is the identity, so rotated, renamed, compressed and copied files are recognized.
 *
 * A run reads the ledger once and keeps its rows in memory (LedgerIndex), in step with
 * its own writes. Asking DuckDB per file cost about 1 ms for the query, plus the rows
 * of every shorter head read back into JavaScript: a re-run over 3,000 files took 17 s,
 * longer with every file the ledger gained. New entries wait in memory until the
 * transaction commits (flush) and go in one statement: a single-row INSERT took DuckDB
 * 0.9 ms, a third of a first ingest over thousands of small files.
 */
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import { queryColumns, queryRows } from './query.js';
import { ALL_ENTRIES_SQL, ENTRY_VALUES, INSERT_ENTRIES_SQL, TAKE_IDS_SQL, UPDATE_ENTRY_SQL } from './ledger-queries.js';
import { LedgerIndex, type FileStamp, type HeadPrints, type LedgerEntry, type LedgerWrite } from './ledger-index.js';

export type { FileStamp, HeadPrints, LedgerEntry, LedgerWrite } from './ledger-index.js';

/** Ids taken from the sequence at a time: a commit holds up to 256 new files (incremental-ingest.ts). */
const ID_BLOCK = 256;

type Param = string | number | boolean | bigint | null;

const big = (n: number | null): bigint | null => (n === null ? null : BigInt(n));

type EntryColumn = (typeof ENTRY_VALUES)[number];

/** An entry's values by column: INSERT_ENTRIES_SQL's lists hold them, UPDATE_ENTRY_SQL takes them as they are. */
function entryValues(e: LedgerEntry): Record<EntryColumn, Param> {
  return {
    file_id: BigInt(e.fileId), path: e.path, format: e.format, gzip: e.gzip, size: BigInt(e.size), mtime_us: BigInt(e.mtimeUs),
    inode: BigInt(e.inode), device: BigInt(e.device), head_len: e.headLen, fingerprint: e.fingerprint, offset_bytes: BigInt(e.offset),
    lines: BigInt(e.lines), records: BigInt(e.records), malformed: BigInt(e.malformed), skipped: BigInt(e.skipped), gzip_size: big(e.gzipSize),
  };
}

/** The list type of each column's parameter (an empty list has no type of its own). */
function entryListTypes(): Record<EntryColumn, DuckDBType> {
  const { LIST, BIGINT, BOOLEAN, INTEGER, VARCHAR } = duckdb();
  const text = new Set<EntryColumn>(['path', 'format', 'fingerprint']);
  return Object.fromEntries(ENTRY_VALUES.map((column) =>
    [column, LIST(text.has(column) ? VARCHAR : column === 'gzip' ? BOOLEAN : column === 'head_len' ? INTEGER : BIGINT)])) as Record<EntryColumn, DuckDBType>;
}

export class FileLedger {
  /** The rows; null until first needed, and again after a rollback. */
  private index: LedgerIndex | null = null;
  /** Entries inserted since the last flush, by id: not in the table yet. */
  private readonly pending = new Map<number, LedgerEntry>();
  /** Ids taken from the sequence and not used yet. */
  private freeIds: number[] = [];

  constructor(private readonly connection: DuckDBConnection) {}

  /** The entry for a head (LedgerIndex.match). */
  async match(head: HeadPrints): Promise<LedgerEntry | undefined> {
    return (await this.loaded()).match(head);
  }

  /** The entry of a file read to its end and untouched since (LedgerIndex.unchanged). */
  async unchanged(stamp: FileStamp): Promise<LedgerEntry | undefined> {
    return (await this.loaded()).unchanged(stamp);
  }

  /** The entries of files read to their end, as unchanged() knows them (for a LedgerSnapshot). */
  async readToEnd(): Promise<LedgerEntry[]> {
    return (await this.loaded()).readToEnd();
  }

  /** A new entry, written by the next flush(); its id now. */
  async insert(w: LedgerWrite): Promise<number> {
    if (this.freeIds.length === 0) {
      const taken = await queryColumns(this.connection, TAKE_IDS_SQL, { n: BigInt(ID_BLOCK) });
      this.freeIds = (taken.id as number[]).reverse();
    }
    const entry = { ...w, fileId: this.freeIds.pop()! };
    this.pending.set(entry.fileId, entry);
    this.index?.add(entry);
    return entry.fileId;
  }

  async update(fileId: number, w: LedgerWrite): Promise<void> {
    const old = this.pending.get(fileId) ?? this.index?.get(fileId);
    // As UPDATE_ENTRY_SQL: an unknown format or gzip size keeps the one recorded.
    const entry: LedgerEntry = { ...w, fileId, format: w.format ?? old?.format ?? null, gzipSize: w.gzipSize ?? old?.gzipSize ?? null };
    if (this.pending.has(fileId)) this.pending.set(fileId, entry);
    else await this.connection.run(UPDATE_ENTRY_SQL, entryValues({ ...w, fileId }));
    if (old !== undefined && this.index !== null) {
      this.index.remove(old);
      this.index.add(entry);
    }
  }

  /** Writes the entries inserted since the last flush: before their transaction commits. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()].map(entryValues);
    const { listValue } = duckdb();
    const lists: Record<string, DuckDBValue> = Object.fromEntries(ENTRY_VALUES.map((column) => [column, listValue(rows.map((row) => row[column]))]));
    await this.connection.run(INSERT_ENTRIES_SQL, lists, entryListTypes());
    this.pending.clear();
  }

  /** After a rollback: what was written since the last commit is gone, so the rows are read again when next needed. */
  forget(): void {
    this.index = null;
    this.pending.clear();
    this.freeIds = [];
  }

  private async loaded(): Promise<LedgerIndex> {
    if (this.index !== null) return this.index;
    // Kept only once read: a failed query must not leave the ledger looking empty.
    // By column (a ledger of thousands of files took 35 ms as row objects), as one JSON text (ALL_ENTRIES_SQL).
    const [{ entries }] = await queryRows(this.connection, ALL_ENTRIES_SQL);
    const lists = JSON.parse(entries as string) as Record<EntryColumn, unknown[] | null>;
    const c = Object.fromEntries(ENTRY_VALUES.map((column) => [column, lists[column] ?? []])) as Record<EntryColumn, unknown[]>;
    const index = new LedgerIndex();
    for (let i = 0; i < c.file_id.length; i++) {
      index.add({
        fileId: c.file_id[i] as number, path: c.path[i] as string, format: (c.format[i] as string | null) ?? null, gzip: c.gzip[i] as boolean,
        size: c.size[i] as number, mtimeUs: c.mtime_us[i] as number, inode: c.inode[i] as number, device: c.device[i] as number,
        headLen: c.head_len[i] as number, fingerprint: c.fingerprint[i] as string,
        offset: c.offset_bytes[i] as number, lines: c.lines[i] as number, records: c.records[i] as number, malformed: c.malformed[i] as number,
        skipped: c.skipped[i] as number, gzipSize: (c.gzip_size[i] as number | null) ?? null,
      });
    }
    for (const entry of this.pending.values()) index.add(entry);
    this.index = index;
    return index;
  }
}
