import { describe, expect, it } from 'vitest';
import { BufferRecycler } from '../../../src/ingest/parallel/buffer-recycler.js';

describe('BufferRecycler', () => {
  it('hands out buffers of the asked length over shared memory of their own, and reuses what comes back', () => {
    const buffers = new BufferRecycler(1000, 2);
    const a = buffers.take(600);
    expect(a.length).toBe(600);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a.buffer.byteLength).toBe(1000);
    buffers.give(a.buffer);
    const b = buffers.take(900);
    expect(b.buffer).toBe(a.buffer);
    // Too small to reuse for a larger request: a new buffer, with an eighth more room.
    buffers.give(b.buffer);
    const c = buffers.take(5000);
    expect(c.buffer).not.toBe(a.buffer);
    expect(c.length).toBe(5000);
    expect(c.buffer.byteLength).toBe(5625);
  });

  it('keeps at most the given number of spares, and drains them', () => {
    const buffers = new BufferRecycler(10, 2);
    for (let i = 0; i < 5; i++) buffers.give(new ArrayBuffer(10));
    expect(buffers.drain()).toHaveLength(2);
    expect(buffers.drain()).toHaveLength(0);
  });
});
