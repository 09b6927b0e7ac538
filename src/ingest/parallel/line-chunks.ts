/**
 * Cuts an input's byte stream into chunks of whole lines for the parse workers
 * (parallel-input.ts), each with the offset where it ends in the input.
 */
import type { Readable } from 'node:stream';
import type { InputInfo } from '../info.js';
import type { BufferRecycler } from './buffer-recycler.js';
import { join } from './chunk-memory.js';
import { CHUNK_BYTES } from './chunk-size.js';
import type { PieceGuard } from './piece-guard.js';

export interface ChunkingOptions {
  /** The size a chunk is cut at, in bytes (CHUNK_BYTES by default); it ends at the last newline before. */
  chunkBytes?: number;
  /** An unterminated last line is left unread (info.heldBack) for a later run, rather than parsed. */
  holdPartialTail?: boolean;
  /** Pieces of the stream the reader is done with go back to be read into again (OpenedInput.giveBack). */
  giveBack?: (memory: ArrayBufferLike) => void;
  /** Free bytes before a piece of the stream (OpenedInput.roomBefore), where join may write. */
  roomBefore?: (piece: Buffer) => number;
}

/** endOffset: where the chunk ends in the input, dropped bytes of over-long lines included. */
export interface Chunk { bytes: Buffer; endOffset: number }

/**
 * Cuts the guarded byte stream into chunks of whole lines, with exact original offsets.
 * A cut ends at the last newline seen, so the guard's running total of bytes finished
 * says where it ends.
 */
export async function* lineChunks(stream: Readable, guard: PieceGuard, info: InputInfo, options: ChunkingOptions, buffers: BufferRecycler): AsyncGenerator<Chunk> {
  const size = options.chunkBytes ?? CHUNK_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const startOffset = info.offset;
  const cut = (bytes: Buffer): Chunk => ({ bytes, endOffset: startOffset + guard.finishedBytes });
  /** Joins what is pending; whole lines go out as a chunk, the rest stays pending. */
  const cutPending = (): Chunk | null => {
    const all = join(pending, pendingBytes, buffers, options.roomBefore);
    const last = all.lastIndexOf(10);
    pending = last + 1 < all.length ? [Buffer.from(all.subarray(last + 1))] : [];
    pendingBytes = all.length - last - 1;
    return last < 0 ? null : cut(all.subarray(0, last + 1));
  };
  // The source is iterated directly: a failing source (a corrupt gzip tail) first hands
  // over everything it buffered, so every complete line read before the failure counts.
  let sourceError: unknown = null;
  const keep = (piece: Buffer): void => {
    pending.push(piece);
    pendingBytes += piece.length;
  };
  /** Pieces read since the last cut: a cut copies what is pending, so none is needed after it. */
  const read: Buffer[] = [];
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      guard.feed(raw, keep);
      if (options.giveBack !== undefined) read.push(raw);
      if (pendingBytes < size) continue;
      const chunk = cutPending();
      // A piece that became the chunk (join) is the worker's now, and comes back through the pool.
      for (const piece of read.splice(0)) if (piece.buffer !== chunk?.bytes.buffer) options.giveBack?.(piece.buffer);
      if (chunk !== null) yield chunk;
    }
  } catch (error) {
    sourceError = error;
  }
  guard.finish();
  const chunk = cutPending();
  if (chunk !== null) yield chunk;
  if (sourceError !== null) throw sourceError;
  if (pendingBytes > 0) {
    if (options.holdPartialTail) { info.heldBack = pendingBytes; return; }
    yield { bytes: join(pending, pendingBytes, buffers, options.roomBefore), endOffset: startOffset + guard.finishedBytes + guard.tailBytes };
  }
}
