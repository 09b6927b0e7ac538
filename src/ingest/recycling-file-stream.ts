/**
 * A file's bytes as a stream, read into buffers that the consumer may give back for
 * the next reads.
 *
 * Why: `fs.createReadStream` reads every piece into a new buffer. The parallel reader
 * holds a chunk's pieces (2 MB) until it joins them, long enough for V8 to promote
 * them, and V8 then runs a full mark-compact for every 64 MB or so of such memory: 29
 * of them in a 640 MB ALB run, most of the main thread's garbage-collection time
 * (`--trace-gc`, docs/performance.md). Pieces given back are read into again; pieces
 * never given back (the line-by-line and gzip paths) are left to the collector, as
 * before.
 *
 * The parallel reader has the stream read into shared memory with room left before
 * each piece (ReadMemory): the line the previous chunk left unfinished is written into
 * that room, and the piece becomes a chunk for a worker where it lies. Copying the
 * pieces into shared chunk buffers instead was the main thread's largest cost (V8
 * copies into shared memory several times slower than into its own).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** The read size of fs streams in this project (256 KB: fewer, larger reads of big archives). */
export const PIECE_BYTES = 256 * 1024;

/**
 * Where a stream's pieces are read: into buffers from `allocate` (each at the start of
 * memory of its own, which roomBefore relies on), each after `room` free bytes.
 */
export interface ReadMemory {
  allocate(bytes: number): Buffer;
  room: number;
}

const PLAIN_MEMORY: ReadMemory = { allocate: (bytes) => Buffer.allocUnsafeSlow(bytes), room: 0 };

export class RecyclingFileStream extends Readable {
  private handle: FileHandle | null = null;
  /**
   * A regular file with no more than a piece left to read is read synchronously, with
   * this descriptor: each asynchronous open, stat, read and close waits for the thread
   * pool and a turn of the event loop, and a first ingest of 3,000 small logs spent
   * most of its time waiting so.
   */
  private fd: number | null = null;
  /** Whether the file was opened for synchronous reads (fd). */
  readsSynchronously = false;
  private position: number;
  /**
   * A regular file is read at explicit positions; a pipe or a device (`<(zcat …)`,
   * /dev/stdin) cannot seek, so it is read from wherever it stands.
   */
  private seekable = true;
  private readonly free: Buffer[] = [];
  /** The memory of the buffers this stream allocated (weakly: pieces never given back are the collector's). */
  private readonly owned = new WeakSet<ArrayBufferLike>();

  /**
   * regularSize: the file's size when the caller has just stat'ed it and found a
   * regular file (openInput does); null (a pipe, a device, or not known) reads it
   * asynchronously.
   */
  constructor(
    private readonly path: string,
    start = 0,
    private readonly pieceBytes = PIECE_BYTES,
    private readonly memory = PLAIN_MEMORY,
    private readonly regularSize: number | null = null,
  ) {
    super({ highWaterMark: pieceBytes });
    this.position = start;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    if (this.openSmallFile()) {
      callback();
      return;
    }
    open(this.path, 'r').then(async (handle) => {
      this.handle = handle;
      this.seekable = (await handle.stat()).isFile();
      if (!this.seekable && this.position > 0) throw new Error(`${this.path}: cannot start at byte ${this.position} of a pipe or device`);
      callback();
    }).catch(callback);
  }

  override _read(): void {
    const buffer = this.free.pop() ?? this.allocate();
    const room = this.memory.room;
    if (this.fd !== null) {
      let bytesRead: number;
      try {
        bytesRead = readSync(this.fd, buffer, room, this.pieceBytes, this.position);
      } catch (error) {
        this.destroy(error as Error);
        return;
      }
      this.pushRead(buffer, room, bytesRead);
      return;
    }
    this.handle!.read(buffer, room, this.pieceBytes, this.seekable ? this.position : null).then(({ bytesRead }) => {
      if (!this.destroyed) this.pushRead(buffer, room, bytesRead);
    }, (error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.fd !== null) {
      const fd = this.fd;
      this.fd = null;
      try {
        closeSync(fd);
      } catch (closeError) {
        error ??= closeError as Error;
      }
      callback(error);
      return;
    }
    const handle = this.handle;
    this.handle = null;
    // FileHandle.close waits for a read in progress.
    if (handle === null) callback(error);
    else handle.close().then(() => callback(error), (closeError: Error) => callback(error ?? closeError));
  }

  /**
   * The consumer is done with a piece this stream gave it (any view of the piece's
   * memory will do), and holds no other view of it: its buffer is read into again.
   */
  giveBack(memory: ArrayBufferLike): void {
    if (this.owned.has(memory) && !this.free.some((b) => b.buffer === memory)) this.free.push(Buffer.from(memory, 0, this.memory.room + this.pieceBytes));
  }

  /**
   * Free bytes just before a piece this stream read (0 for other memory): its room,
   * and whatever of the piece a consumer dropped from its start. Nothing else of the
   * piece's buffer may be in use before it.
   */
  roomBefore(piece: Buffer): number {
    return this.owned.has(piece.buffer) ? piece.byteOffset : 0;
  }

  /** Opens the file for synchronous reads (fd) when it is a regular file with at most a piece left; false otherwise. */
  private openSmallFile(): boolean {
    try {
      // Not a pipe or a device: opening one may wait for a writer.
      if (this.regularSize === null || this.regularSize - this.position > this.pieceBytes) return false;
      this.fd = openSync(this.path, 'r');
      this.readsSynchronously = true;
      return true;
    } catch {
      return false; // the asynchronous open reports why
    }
  }

  /** A read's result: its bytes as the next piece, or the end. */
  private pushRead(buffer: Buffer, room: number, bytesRead: number): void {
    if (bytesRead === 0) {
      this.free.push(buffer);
      this.push(null);
      return;
    }
    this.position += bytesRead;
    this.push(buffer.subarray(room, room + bytesRead));
  }

  private allocate(): Buffer {
    const buffer = this.memory.allocate(this.memory.room + this.pieceBytes);
    this.owned.add(buffer.buffer);
    return buffer;
  }
}
