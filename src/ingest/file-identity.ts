/**
 * Who a file is, independently of its name: its size, mtime, inode and a fingerprint
 * of its decompressed head. Rotation renames a file (same inode) and later compresses
 * it (new inode, same decompressed content); an ALB object may be copied elsewhere. The
 * head fingerprint recognizes all of them as content already seen.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { FileStamp, HeadPrints } from '../store/file-ledger.js';
import { hasGzipMagic } from './open-input.js';
import { stampOfStats } from './file-stamp.js';

/** Bytes of decompressed content the fingerprint covers (less for smaller files). */
export const HEAD_BYTES = 4096;

export interface FileIdentity extends FileStamp {
  path: string;
  gzip: boolean;
  /** The first HEAD_BYTES of decompressed content (or all of it, if shorter). */
  head: Buffer;
}

export function fingerprint(head: Buffer, length: number = head.length): string {
  return createHash('sha256').update(head.subarray(0, length)).digest('hex');
}

/**
 * head's fingerprints for the ledger: whole, and of its prefixes in ascending length,
 * one pass of the hash serving them all (a first run may compare a head with the
 * heads of many small files).
 */
export function headPrints(head: Buffer): HeadPrints {
  const hash = createHash('sha256');
  let hashed = 0;
  return {
    length: head.length,
    whole: fingerprint(head),
    prefix(length: number): string {
      if (length < hashed) return fingerprint(head, length);
      hash.update(head.subarray(hashed, length));
      hashed = length;
      return hash.copy().digest('hex');
    },
  };
}

/**
 * Compressed bytes read to find a gzip file's head. gzip never grows data by more
 * than a few bytes per block, so this much decompresses to at least HEAD_BYTES unless
 * the file ends first.
 */
const GZIP_HEAD_READ = 4 * HEAD_BYTES;

/**
 * The first HEAD_BYTES of a gzip file's content from its first compressed bytes
 * (`start`, or the whole file when `whole`), decompressed synchronously; null when they
 * do not say (an error inside them, or too little content), for readGzipHead to decide.
 * A sync flush ends the output where the input ends without calling the stream
 * truncated. Streaming each small file's head through zlib and the thread pool, and
 * abandoning the stream, took about a third of a first ingest over thousands of small
 * gzip files.
 */
function gzipHeadOf(start: Buffer, whole: boolean): Buffer | null {
  let content: Buffer;
  try {
    content = gunzipSync(start, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return null;
  }
  return whole || content.length >= HEAD_BYTES ? content.subarray(0, HEAD_BYTES) : null;
}

/** The first HEAD_BYTES of a gzip file's decompressed content, streamed. */
async function readGzipHead(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const source = createReadStream(path);
  const stream = source.pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= HEAD_BYTES) break;
    }
  } catch {
    // A truncated gzip still has a readable head; whatever was read is the head.
  } finally {
    source.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

/** Thrown for a pipe or device: the ledger cannot tell its content from another's, nor resume inside it. */
export class NotAFileError extends Error {}

/** Opening a FIFO for reading would wait for a writer; O_NONBLOCK does not (POSIX; 0 where it does not exist). */
const OPEN_WITHOUT_WAITING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A plain file's head is read with the gzip test in one synchronous read: a cron run
 * identifies every file of its folders, and over thousands of small files the
 * asynchronous stat, open, read and close of each took most of a re-run (3,000 files:
 * 1.45 s). Files are identified one at a time, so nothing waits behind these calls.
 */
export async function identify(path: string): Promise<FileIdentity> {
  const fd = openSync(path, OPEN_WITHOUT_WAITING);
  let info;
  let first: Buffer;
  try {
    info = fstatSync(fd);
    if (!info.isFile()) throw new NotAFileError('a pipe or device cannot be stored exactly once (--db); analyze it without --db, or store a file');
    first = readStart(fd, HEAD_BYTES, 0);
    // A gzip file's head is decompressed from its first compressed bytes, read now.
    if (hasGzipMagic(first) && first.length === HEAD_BYTES) first = Buffer.concat([first, readStart(fd, GZIP_HEAD_READ - HEAD_BYTES, HEAD_BYTES)]);
  } finally {
    closeSync(fd);
  }
  const stamp = stampOfStats(info);
  if (!hasGzipMagic(first)) return { path, ...stamp, gzip: false, head: first };
  const head = gzipHeadOf(first, first.length >= info.size) ?? await readGzipHead(path);
  return { path, ...stamp, gzip: true, head };
}

/** Up to `length` bytes of fd from `position`. */
function readStart(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  return bytes.subarray(0, readSync(fd, bytes, 0, length, position));
}
