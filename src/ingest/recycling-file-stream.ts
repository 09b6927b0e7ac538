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
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** The read size of fs streams in this project (256 KB: fewer, larger reads of big archives). */
export const PIECE_BYTES = 256 * 1024;

export class RecyclingFileStream extends Readable {
  private handle: FileHandle | null = null;
  private position: number;
  /**
   * A regular file is read at explicit positions; a pipe or a device (`<(zcat …)`,
   * /dev/stdin) cannot seek, so it is read from wherever it stands.
   */
  private seekable = true;
  private readonly free: Buffer[] = [];
  /** The memory of the buffers this stream allocated (weakly: pieces never given back are the collector's). */
  private readonly owned = new WeakSet<ArrayBufferLike>();

  constructor(private readonly path: string, start = 0, private readonly pieceBytes = PIECE_BYTES) {
    super({ highWaterMark: pieceBytes });
    this.position = start;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, 'r').then(async (handle) => {
      this.handle = handle;
      this.seekable = (await handle.stat()).isFile();
      if (!this.seekable && this.position > 0) throw new Error(`${this.path}: cannot start at byte ${this.position} of a pipe or device`);
      callback();
    }).catch(callback);
  }

  override _read(): void {
    const buffer = this.free.pop() ?? this.allocate();
    this.handle!.read(buffer, 0, buffer.length, this.seekable ? this.position : null).then(({ bytesRead }) => {
      if (this.destroyed) return;
      if (bytesRead === 0) {
        this.free.push(buffer);
        this.push(null);
        return;
      }
      this.position += bytesRead;
      this.push(buffer.subarray(0, bytesRead));
    }, (error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
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
    if (this.owned.has(memory) && !this.free.some((b) => b.buffer === memory)) this.free.push(Buffer.from(memory, 0, this.pieceBytes));
  }

  private allocate(): Buffer {
    const buffer = Buffer.allocUnsafeSlow(this.pieceBytes);
    this.owned.add(buffer.buffer);
    return buffer;
  }
}
