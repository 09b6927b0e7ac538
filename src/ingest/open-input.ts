/**
 * Opens one input as a stream of decompressed bytes. gzip is recognised by its magic
 * bytes (1f 8b), never by the file name: ALB objects end in `.log.gz`, but Logpush
 * batches and renamed rotations may not.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { PIECE_BYTES, RecyclingFileStream, type ReadMemory } from './recycling-file-stream.js';
import { createGunzip, gunzipSync } from 'node:zlib';
import { LogcodesError } from '../errors.js';
import { STDIN_PATH } from './sources.js';


export interface OpenedInput {
  stream: Readable;
  gzip: boolean;
  /** Total size on disk when known (files), for progress and ETA. */
  size: number | null;
  /**
   * For a plain file: the consumer is done with a piece of `stream` (any view of its
   * memory) and keeps no view of it, so it can be read into again (RecyclingFileStream).
   */
  giveBack?: (memory: ArrayBufferLike) => void;
  /** For a plain file: free bytes before a piece of `stream` (RecyclingFileStream.roomBefore). */
  roomBefore?: (piece: Buffer) => number;
  /**
   * The first piece `stream` delivers (null: none), when opening read it already: a plain
   * input's, or a small gzip file's content. The reader sniffs it (a JSON array, a BOM)
   * without wrapping the stream in another replay.
   */
  head?: Buffer | null;
}

/** How to read a plain file of a given size: the piece size and memory, or undefined for the defaults. */
export type ReadPlan = (size: number) => { pieceBytes: number; memory: ReadMemory } | undefined;

/**
 * Checks that a file input exists and is readable, with a one-line error naming it; its
 * stats. Synchronous: two trips through the thread pool per file were a good part of the
 * waiting in a first ingest of thousands of small files.
 */
export function checkReadable(path: string): Stats {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new LogcodesError('INPUT_UNREADABLE', `${path}: is a directory`, path);
    accessSync(path, constants.R_OK);
    return info;
  } catch (error) {
    if (error instanceof LogcodesError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LogcodesError('INPUT_NOT_FOUND', `${path}: no such file`, path);
    throw new LogcodesError('INPUT_UNREADABLE', `${path}: cannot read (${code ?? 'error'})`, path);
  }
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * Reads the first chunk of a stream and hands back a stream that still starts with
 * it. `onChunk` sees every chunk as it passes (byte counting).
 */
export async function peek(source: Readable, onChunk?: (chunk: Buffer) => void): Promise<{ head: Buffer | null; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await iterator.next();
  const head = first.done ? null : toBuffer(first.value);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (head === null) return;
      onChunk?.(head);
      yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const chunk = toBuffer(next.value);
        onChunk?.(chunk);
        yield chunk;
      }
    } finally {
      // A reader that stops early destroys this stream: the source (a file handle) goes with it.
      await iterator.return?.();
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

/** The smallest piece a file is read in. */
const MIN_PIECE_BYTES = 16 * 1024;

/**
 * The pieces a file is read in when no plan says: PIECE_BYTES, or for a smaller file
 * what is left of it (and a byte to see its end). A 256 KB piece per small file was
 * garbage that V8 ran a full mark-compact for every few dozen files: a first ingest of
 * 3,000 small logs spent a seventh of its time collecting it.
 */
function defaultPieceBytes(size: number | null, start: number): number {
  if (size === null || size === 0) return PIECE_BYTES; // a pipe's size says nothing
  return Math.min(PIECE_BYTES, Math.max(MIN_PIECE_BYTES, size - start + 1));
}

/**
 * `onBytes` is told how many raw (possibly compressed) bytes were read, as they are
 * read, so that callers can count and show progress. `startOffset` skips that many
 * decompressed bytes: a plain file is opened there, a gzip stream is decompressed and
 * the bytes dropped. `plan` may choose how a plain file is read (the parallel reader's
 * pieces); a gzip file is always read the default way. `stdin` is asked for the stream
 * only when `path` is `-`: node makes process.stdin on first use (4 ms here), which a
 * run over files never needs.
 */
export async function openInput(path: string, stdin: () => Readable, onBytes: (n: number) => void, startOffset = 0, plan?: ReadPlan): Promise<OpenedInput> {
  const info = path === STDIN_PATH ? null : checkReadable(path);
  const size = info?.size ?? null;
  // An empty size is a pipe's as well as an empty file's: nothing to plan for, and a pipe must not be sniffed.
  const planned = size === null || size === 0 ? undefined : plan?.(size);
  const gzipFile = path !== STDIN_PATH && (startOffset > 0 || planned !== undefined) && (await isGzipFile(path));
  const reading = gzipFile ? undefined : planned;
  const fileStart = startOffset > 0 && !gzipFile ? startOffset : 0;
  const file = info === null ? null
    : new RecyclingFileStream(path, fileStart, reading?.pieceBytes ?? defaultPieceBytes(size, fileStart), reading?.memory, info.isFile() ? info.size : null);
  const { head, stream } = await peek(file ?? stdin(), (chunk) => onBytes(chunk.length));
  const gzip = head !== null && hasGzipMagic(head) && (startOffset === 0 || gzipFile);
  if (!gzip) {
    if (file === null) return { stream, gzip, size, head };
    return { stream, gzip, size, head, giveBack: (memory) => file.giveBack(memory), roomBefore: (piece) => file.roomBefore(piece) };
  }
  const whole = file?.readsSynchronously === true && head.length === size ? gunzipWhole(head) : null;
  if (whole !== null) {
    stream.destroy(); // read to its end already: this closes the file
    onBytes(head.length); // the replay counts only what passes through it
    const content = whole.subarray(Math.min(startOffset, whole.length));
    return { stream: Readable.from(content.length > 0 ? [content] : [], { objectMode: false }), gzip, size, head: content.length > 0 ? content : null };
  }
  const gunzip = createGunzip();
  stream.on('error', (error) => gunzip.destroy(error));
  const decompressed = stream.pipe(gunzip);
  if (startOffset === 0) return { stream: decompressed, gzip, size };
  const skipper = skipBytes(startOffset);
  decompressed.on('error', (error) => skipper.destroy(error));
  return { stream: decompressed.pipe(skipper), gzip, size };
}

/** Content a small gzip file may decompress to in one piece; a larger one is streamed. */
const WHOLE_GZIP_MAX_BYTES = 16 * 1024 * 1024;

/**
 * A small gzip file read whole, decompressed in one synchronous call; null when that
 * fails (corrupt, truncated, or more than WHOLE_GZIP_MAX_BYTES), for the stream to
 * decompress it and report what it could read and where it stopped. Streaming each
 * small file through zlib took a turn of the thread pool per piece.
 */
function gunzipWhole(compressed: Buffer): Buffer | null {
  try {
    return gunzipSync(compressed, { maxOutputLength: WHOLE_GZIP_MAX_BYTES });
  } catch {
    return null;
  }
}

/** Whether bytes begin with gzip's magic number (RFC 1952: 0x1f 0x8b). */
export const hasGzipMagic = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    return bytesRead === 2 && hasGzipMagic(magic);
  } finally {
    await fh.close();
  }
}

/** Drops the first `count` bytes of a stream (resuming inside decompressed content). */
function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (left >= chunk.length) { left -= chunk.length; callback(); return; }
      const rest = chunk.subarray(left);
      left = 0;
      callback(null, rest);
    },
  });
}

/** The UTF-8 byte order mark, which some editors and exporters put before the first line. */
export function startsWithBom(head: Buffer | null): boolean {
  return head !== null && head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** The stream without its first `count` bytes; its errors pass through. */
export function withoutFirstBytes(stream: Readable, count: number): Readable {
  const skipper = skipBytes(count);
  stream.on('error', (error) => skipper.destroy(error));
  return stream.pipe(skipper);
}

/** The first byte that is not JSON whitespace, or -1. */
export function firstSignificantByte(head: Buffer | null): number {
  if (head === null) return -1;
  for (const byte of head) {
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09 && byte !== 0xef && byte !== 0xbb && byte !== 0xbf) return byte;
  }
  return -1;
}
