/**
 * Chunk memory for the parallel reader: how a large plain file is read (straight into
 * the shared buffers the workers read), and how pending pieces become one chunk.
 */
import type { ReadPlan } from '../open-input.js';
import type { BufferRecycler } from './buffer-recycler.js';
import { CHUNK_BYTES } from './chunk-size.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Room left before each piece a large plain file is read into (parallelReading), for
 * the line the previous chunk left unfinished: lines are a few hundred bytes, and a
 * longer one is copied with the piece instead.
 */
export const CARRY_ROOM = 64 * 1024;

/**
 * How the parallel reader wants a plain file of this size read: a chunk's worth at a
 * time, into the pool's shared buffers, each piece after CARRY_ROOM free bytes (join).
 */
export function parallelReading(parallel: { minBytes: number; chunkBytes?: number; pool(): WorkerPool }, size: number): ReturnType<ReadPlan> {
  if (size < parallel.minBytes) return undefined;
  return { pieceBytes: parallel.chunkBytes ?? CHUNK_BYTES, memory: { allocate: (bytes) => parallel.pool().inputs.take(bytes), room: CARRY_ROOM } };
}

/**
 * The pending pieces as one buffer of shared memory, which the worker reads in place.
 * When they are a piece read with room before it (RecyclingFileStream's ReadMemory),
 * after at most the previous cut's unfinished line from other memory, that line is
 * written into the room and the piece's own memory becomes the chunk: only the line is
 * copied. Otherwise they are joined into a recycled buffer of their own.
 */
export function join(pieces: readonly Buffer[], total: number, buffers: BufferRecycler, roomBefore?: (piece: Buffer) => number): Buffer {
  const last = pieces.at(-1);
  const head = pieces.length === 2 ? pieces[0] : null;
  const headBytes = head?.length ?? 0;
  if (roomBefore !== undefined && last !== undefined && pieces.length <= 2 && last.buffer instanceof SharedArrayBuffer && head?.buffer !== last.buffer && roomBefore(last) >= headBytes) {
    const all = Buffer.from(last.buffer, last.byteOffset - headBytes, total);
    head?.copy(all, 0);
    return all;
  }
  const all = buffers.take(total);
  let at = 0;
  for (const piece of pieces) at += piece.copy(all, at);
  return all;
}
