/**
 * Opens one input as a stream of decompressed bytes. gzip is recognised by its magic
 * bytes (1f 8b), never by the file name: ALB objects end in `.log.gz`, but Logpush
 * batches and renamed rotations may not.
 */
import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LogcodesError } from '../errors.js';

export const STDIN_PATH = '-';

export interface OpenedInput {
  stream: Readable;
  gzip: boolean;
  /** Total size on disk when known (files), for progress and ETA. */
  size: number | null;
}

/**
 * Checks that a file input exists and is readable, with a one-line error naming it.
 */
export async function checkReadable(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new LogcodesError('INPUT_UNREADABLE', `${path}: is a directory`, path);
    size = info.size;
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof LogcodesError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LogcodesError('INPUT_NOT_FOUND', `${path}: no such file`, path);
    throw new LogcodesError('INPUT_UNREADABLE', `${path}: cannot read (${code ?? 'error'})`, path);
  }
  return size;
}

/**
 * `onBytes` is told how many raw (possibly compressed) bytes were read, as they are
 * read, so that callers can count and show progress.
 */
export async function openInput(path: string, stdin: Readable, onBytes: (n: number) => void): Promise<OpenedInput> {
  const size = path === STDIN_PATH ? null : await checkReadable(path);
  const raw = path === STDIN_PATH ? stdin : createReadStream(path, { highWaterMark: 256 * 1024 });
  const iterator = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const head: Buffer | null = first.done ? null : toBuffer(first.value);
  const gzip = head !== null && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  async function* counted(): AsyncGenerator<Buffer> {
    if (head === null) return;
    onBytes(head.length);
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const chunk = toBuffer(next.value);
      onBytes(chunk.length);
      yield chunk;
    }
  }
  const bytes = Readable.from(counted(), { objectMode: false });
  if (!gzip) return { stream: bytes, gzip, size };
  const gunzip = createGunzip();
  bytes.on('error', (error) => gunzip.destroy(error));
  return { stream: bytes.pipe(gunzip), gzip, size };
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}
