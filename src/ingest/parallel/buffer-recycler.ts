/**
 * Keeps buffers that went to a worker and came back, for the next chunk. Without it
 * every chunk allocated fresh memory on both sides: the garbage collector freed it
 * late (its heap barely moves while megabytes pass through buffers), so the resident
 * size grew by hundreds of MB and page faults cost kernel time (docs/performance.md).
 *
 * The memory is shared (SharedArrayBuffer): a message shares it with the other thread
 * instead of moving it. Moving an ArrayBuffer detaches it, and once a thread has
 * detached one, V8 checks every typed-array read in that thread for detachment: the
 * parsers ran 15-25% slower per line in a worker that moved its results back.
 */
export class BufferRecycler {
  private readonly free: ArrayBufferLike[] = [];

  /** capacity: the size of new buffers; keep: how many spare buffers to hold at most. */
  constructor(private readonly capacity: number, private readonly keep = 16) {}

  /**
   * A buffer of exactly `bytes` length over shared memory of its own. New memory has an
   * eighth more room: chunks and row groups vary by a few bytes, and a buffer made to
   * the byte was too small for the next one more often than not.
   */
  take(bytes: number): Buffer {
    for (let i = this.free.length - 1; i >= 0; i--) {
      if (this.free[i].byteLength >= bytes) {
        const [buffer] = this.free.splice(i, 1);
        return Buffer.from(buffer, 0, bytes);
      }
    }
    return Buffer.from(new SharedArrayBuffer(Math.max(bytes + (bytes >> 3), this.capacity)), 0, bytes);
  }

  give(buffer: ArrayBufferLike): void {
    if (this.free.length < this.keep && buffer.byteLength > 0) this.free.push(buffer);
  }

  /** The spare buffers, handed over (to be shared with another thread). */
  drain(): ArrayBufferLike[] {
    return this.free.splice(0);
  }
}
