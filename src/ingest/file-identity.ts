/**
 * Who a file is, independently of its name: its size, mtime, inode and a fingerprint
 * of its decompressed head. Rotation renames a file (same inode) and later compresses
 * it (new inode, same decompressed content); an ALB object may be copied elsewhere. The
 * head fingerprint recognizes all of them as content already seen.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isGzipFile } from './open-input.js';
import { createGunzip } from 'node:zlib';

/** Bytes of decompressed content the fingerprint covers (less for smaller files). */
export const HEAD_BYTES = 4096;

export interface FileIdentity {
  path: string;
  size: number;
  mtimeUs: number;
  inode: number;
  device: number;
  gzip: boolean;
  /** The first HEAD_BYTES of decompressed content (or all of it, if shorter). */
  head: Buffer;
}

export function fingerprint(head: Buffer, length: number = head.length): string {
  return createHash('sha256').update(head.subarray(0, length)).digest('hex');
}

async function readHead(path: string, gzip: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const source = createReadStream(path, gzip ? {} : { end: HEAD_BYTES - 1 });
  const stream = gzip ? source.pipe(createGunzip()) : source;
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

export async function identify(path: string): Promise<FileIdentity> {
  const info = await stat(path);
  if (!info.isFile()) throw new NotAFileError('a pipe or device cannot be stored exactly once (--db); analyze it without --db, or store a file');
  const gzip = await isGzipFile(path);
  return {
    path, size: info.size, mtimeUs: Math.round(info.mtimeMs * 1000), inode: info.ino, device: info.dev, gzip,
    head: await readHead(path, gzip),
  };
}
