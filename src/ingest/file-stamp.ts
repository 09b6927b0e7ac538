/**
 * A file's stamp: what the ledger compares before anything else to tell a file it has
 * read to its end and that nobody touched since (ledger-index.ts). Taken from one stat,
 * without opening the file; file-identity.ts adds the head's fingerprint for the rest.
 * Apart from it because a re-run answered from the ledger snapshot needs only this, and
 * loads nothing of hashing or gzip to say so (unchanged-rerun.ts).
 */
import type { Stats } from 'node:fs';
import type { FileStamp } from '../store/ledger-index.js';
import { regularFile } from './sources.js';

export const stampOfStats = (info: Stats): FileStamp => ({ size: info.size, mtimeUs: Math.round(info.mtimeMs * 1000), inode: info.ino, device: info.dev });

/** A regular file's stamp, without opening it; null for anything else, or a file that cannot be stat'ed (identify says why). */
export function stampOf(path: string): FileStamp | null {
  const info = regularFile(path);
  return info === null ? null : stampOfStats(info);
}
