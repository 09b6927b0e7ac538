/**
 * The file ledger: which file contents were ingested and how far. Content, not path,
 * is the identity, so rotated, renamed, compressed and copied files are recognized.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './query.js';
import { FIND_BY_CONTENT_SQL, INSERT_ENTRY_SQL, UPDATE_ENTRY_SQL } from './ledger-queries.js';

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
export interface LedgerEntry extends Omit<LedgerWrite, 'mtimeUs' | 'device'> {
  fileId: number;
}

export class FileLedger {
  constructor(private readonly connection: DuckDBConnection) {}

  /** Candidates for a head: exact fingerprint matches, and entries with shorter heads to check by prefix. */
  async candidates(headLen: number, fingerprint: string): Promise<LedgerEntry[]> {
    const rows = await queryRows(this.connection, FIND_BY_CONTENT_SQL, { len: headLen, fp: fingerprint });
    return rows.map((r) => ({
      fileId: r.file_id as number, path: r.path as string, format: (r.format as string | null) ?? null, gzip: r.gzip as boolean,
      size: r.size as number, inode: r.inode as number, headLen: r.head_len as number, fingerprint: r.fingerprint as string,
      offset: r.offset_bytes as number, lines: r.lines as number, records: r.records as number, malformed: r.malformed as number,
      skipped: r.skipped as number, gzipSize: (r.gzip_size as number | null) ?? null,
    }));
  }

  private params(w: LedgerWrite): Record<string, string | number | boolean | bigint | null> {
    return {
      path: w.path, format: w.format, gzip: w.gzip, size: BigInt(w.size), mtime: BigInt(w.mtimeUs), inode: BigInt(w.inode), device: BigInt(w.device),
      len: w.headLen, fp: w.fingerprint, offset: BigInt(w.offset), lines: BigInt(w.lines), records: BigInt(w.records),
      malformed: BigInt(w.malformed), skipped: BigInt(w.skipped), gzip_size: w.gzipSize === null ? null : BigInt(w.gzipSize),
    };
  }

  async insert(w: LedgerWrite): Promise<number> {
    const [row] = await queryRows(this.connection, INSERT_ENTRY_SQL, this.params(w));
    return row.file_id as number;
  }

  async update(fileId: number, w: LedgerWrite): Promise<void> {
    await this.connection.run(UPDATE_ENTRY_SQL, { ...this.params(w), id: BigInt(fileId) });
  }
}
