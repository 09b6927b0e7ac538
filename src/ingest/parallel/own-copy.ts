/**
 * Where a parse worker parses a chunk from: the shared buffer it came in, or a copy in
 * the worker's own memory. On shared memory, finding each line's end (Buffer.indexOf)
 * costs about 44 ns against 15 on a copy, and the parse reads a copy faster too; the
 * copy costs per byte. Measured in the CLI (docs/performance.md, thirteenth round):
 * nginx combined lines of about 200 bytes 2.3% faster with the copy; ALB, Cloudflare
 * and nginx JSON lines of 520-640 bytes 1.3-2.8% slower. So chunks are copied once the
 * lines parsed so far average under COPY_BELOW_BYTES_PER_LINE.
 */

export const COPY_BELOW_BYTES_PER_LINE = 360;

export class OwnCopy {
  private bytes = Buffer.allocUnsafeSlow(0);
  private bytesSeen = 0;
  private linesSeen = 0;

  /** The bytes to parse chunk from: chunk itself, or a copy in a buffer reused from chunk to chunk. */
  of(chunk: Uint8Array): Uint8Array {
    if (this.linesSeen === 0 || this.bytesSeen / this.linesSeen >= COPY_BELOW_BYTES_PER_LINE) return chunk;
    if (this.bytes.length < chunk.byteLength) this.bytes = Buffer.allocUnsafeSlow(Math.max(chunk.byteLength, 2 * this.bytes.length));
    this.bytes.set(chunk);
    return this.bytes.subarray(0, chunk.byteLength);
  }

  /** Counts a parsed chunk of `bytes` bytes and `lines` lines toward the next decisions. */
  parsed(bytes: number, lines: number): void {
    this.bytesSeen += bytes;
    this.linesSeen += lines;
  }
}
