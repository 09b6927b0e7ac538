/**
 * Keeps buffers that went to a worker and came back, for the next chunk. Without it
 * every chunk allocated fresh memory on both sides: the garbage collector freed it
 * late (its heap barely moves while megabytes pass through buffers), so the resident
 * size grew by hundreds of MB and page faults cost kernel time (docs/performance.md).
 */
export class BufferRecycler {
  private readonly free: ArrayBuffer[] = [];

  /** capacity: the size of new buffers; keep: how many spare buffers to hold at most. */
  constructor(private readonly capacity: number, private readonly keep = 16) {}

  /** A buffer of exactly `bytes` length that owns its memory (so it can be moved). */
  take(bytes: number): Buffer {
    for (let i = this.free.length - 1; i >= 0; i--) {
      if (this.free[i].byteLength >= bytes) {
        const [buffer] = this.free.splice(i, 1);
        return Buffer.from(buffer, 0, bytes);
      }
    }
    return Buffer.allocUnsafeSlow(Math.max(bytes, this.capacity)).subarray(0, bytes);
  }

  give(buffer: ArrayBuffer): void {
    if (this.free.length < this.keep && buffer.byteLength > 0) this.free.push(buffer);
  }

  /** The spare buffers, handed over (to be moved to another thread). */
  drain(): ArrayBuffer[] {
    return this.free.splice(0);
  }
}
