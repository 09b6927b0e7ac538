import { writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferRecycler } from '../../../../src/ingest/parallel/buffer-recycler.js';
import { CARRY_ROOM, join, parallelReading } from '../../../../src/ingest/parallel/chunk-memory.js';
import type { WorkerPool } from '../../../../src/ingest/parallel/worker-pool.js';
import { RecyclingFileStream } from '../../../../src/ingest/recycling-file-stream.js';
import { tempDir } from '../../../helpers.js';

/** A piece as the stream reads it: `text` in shared memory, after `room` free bytes. */
function pieceWithRoom(text: string, room: number): Buffer {
  const memory = Buffer.from(new SharedArrayBuffer(room + text.length + 10));
  memory.write(text, room, 'latin1');
  return memory.subarray(room, room + text.length);
}

/** roomBefore as RecyclingFileStream answers it, for the pieces given. */
const roomFor = (...pieces: Buffer[]) => (piece: Buffer): number => (pieces.some((p) => p.buffer === piece.buffer) ? piece.byteOffset : 0);

describe('join (pending pieces into one chunk)', () => {
  it('writes the carried line into the room before a piece, which becomes the chunk without a copy', () => {
    const piece = pieceWithRoom('rest of line 1\nline 2\n', 100);
    const head = Buffer.from('start of ');
    const chunk = join([head, piece], head.length + piece.length, new BufferRecycler(64), roomFor(piece));
    expect(chunk.toString()).toBe('start of rest of line 1\nline 2\n');
    expect(chunk.buffer).toBe(piece.buffer);
    expect(chunk.byteOffset).toBe(100 - head.length);
    // A piece alone is its own chunk.
    const alone = join([piece], piece.length, new BufferRecycler(64), roomFor(piece));
    expect(alone.buffer).toBe(piece.buffer);
    expect(alone.byteOffset).toBe(100);
  });

  it('copies into a recycled buffer when the piece has no room for the line, or the pieces are not a line and a piece', () => {
    const piece = pieceWithRoom('b\nc\n', 4);
    const cases: [Buffer[], ((p: Buffer) => number) | undefined][] = [
      [[Buffer.from('longer than four: a'), piece], roomFor(piece)],
      [[Buffer.from('a'), Buffer.from('b'), piece], roomFor(piece)],
      [[piece.subarray(0, 1), piece.subarray(1)], roomFor(piece)],
      [[Buffer.from('a'), piece], undefined],
      [[Buffer.from('a'), Buffer.from('b\nc\n')], roomFor()],
    ];
    for (const [pieces, roomBefore] of cases) {
      const total = pieces.reduce((n, p) => n + p.length, 0);
      const chunk = join(pieces, total, new BufferRecycler(64), roomBefore);
      expect(chunk.toString()).toBe(Buffer.concat(pieces).toString());
      expect(pieces.some((p) => p.buffer === chunk.buffer)).toBe(false);
      expect(chunk.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    expect(join([], 0, new BufferRecycler(64), roomFor()).length).toBe(0);
  });
});

describe('parallelReading with RecyclingFileStream', () => {
  it('reads a large file a chunk at a time into the pool\'s shared buffers, after room for the carried line', async () => {
    const inputs = new BufferRecycler(16);
    const pool = { inputs } as unknown as WorkerPool;
    expect(parallelReading({ minBytes: 1000, pool: () => pool }, 999)).toBeUndefined();
    const plan = parallelReading({ minBytes: 10, chunkBytes: 8, pool: () => pool }, 30)!;
    expect(plan.pieceBytes).toBe(8);
    expect(plan.memory.room).toBe(CARRY_ROOM);
    const file = joinPath(tempDir(), 'read.log');
    const text = 'abcdefghijklmnopqrstuvwxyz0123';
    writeFileSync(file, text);
    const stream = new RecyclingFileStream(file, 0, plan.pieceBytes, plan.memory);
    const pieces: string[] = [];
    for await (const piece of stream as AsyncIterable<Buffer>) {
      expect(piece.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(piece.byteOffset).toBe(CARRY_ROOM);
      expect(stream.roomBefore(piece)).toBe(CARRY_ROOM);
      expect(stream.roomBefore(piece.subarray(3))).toBe(CARRY_ROOM + 3);
      pieces.push(piece.toString());
    }
    expect(pieces).toEqual(['abcdefgh', 'ijklmnop', 'qrstuvwx', 'yz0123']);
    expect(stream.roomBefore(Buffer.from(new SharedArrayBuffer(8)))).toBe(0);
  });
});
