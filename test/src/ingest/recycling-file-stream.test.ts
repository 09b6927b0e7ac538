import { execFileSync } from 'node:child_process';
import { createWriteStream, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecyclingFileStream } from '../../../src/ingest/recycling-file-stream.js';
import { tempDir } from '../../helpers.js';

function fileOf(text: string): string {
  const file = join(tempDir(), 'pieces.log');
  writeFileSync(file, text);
  return file;
}

/** Reads the stream, copying each piece before (optionally) giving it back; returns the text and each piece's memory. */
async function readAll(stream: RecyclingFileStream, giveBack: boolean): Promise<{ text: string; memory: ArrayBufferLike[] }> {
  const copies: Buffer[] = [];
  const memory: ArrayBufferLike[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) {
    copies.push(Buffer.from(piece));
    memory.push(piece.buffer);
    if (giveBack) stream.giveBack(piece.buffer);
  }
  return { text: Buffer.concat(copies).toString('utf8'), memory };
}

describe('RecyclingFileStream', () => {
  const text = Array.from({ length: 40 }, (_, i) => `line ${i} caf\u00e9`).join('\n') + '\n';

  it('reads every byte from the start offset, in pieces', async () => {
    const file = fileOf(text);
    const stream = new RecyclingFileStream(file, 0, 7, undefined, Buffer.byteLength(text));
    const whole = await readAll(stream, false);
    expect(whole.text).toBe(text);
    expect(stream.readsSynchronously).toBe(false); // more than a piece to read
    expect(whole.memory.length).toBe(Math.ceil(Buffer.byteLength(text) / 7));
    expect((await readAll(new RecyclingFileStream(file, 12, 7), false)).text).toBe(Buffer.from(text).subarray(12).toString('utf8'));
  });

  it('reads into pieces given back, and never into pieces still held', async () => {
    const file = fileOf(text);
    const kept = await readAll(new RecyclingFileStream(file, 0, 7), false);
    expect(new Set(kept.memory).size).toBe(kept.memory.length);
    const recycled = await readAll(new RecyclingFileStream(file, 0, 7), true);
    expect(recycled.text).toBe(text);
    // The stream reads one piece ahead of the consumer, so a few buffers take turns.
    expect(new Set(recycled.memory).size).toBeLessThanOrEqual(3);
  });

  it('ignores memory it did not allocate and a piece given back twice', async () => {
    const stream = new RecyclingFileStream(fileOf(text), 0, 7);
    const pieces: Buffer[] = [];
    const foreign = new ArrayBuffer(7);
    for await (const piece of stream as AsyncIterable<Buffer>) {
      if (pieces.length === 0) {
        stream.giveBack(foreign);
        stream.giveBack(piece.buffer);
        stream.giveBack(piece.buffer);
      }
      pieces.push(piece);
    }
    // Given back twice, the first buffer is still read into only once at a time: every held piece is intact.
    const held = pieces.slice(1).map((p) => p.toString('latin1'));
    const expected = Buffer.from(text).toString('latin1');
    expect(held.join('')).toBe(expected.slice(7));
    expect(pieces.some((p) => p.buffer === foreign)).toBe(false);
  });

  it('reads a pipe from where it stands (process substitution, /dev/stdin)', async () => {
    const fifo = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(text);
    const piped = new RecyclingFileStream(fifo, 0, 1 << 20);
    expect((await readAll(piped, true)).text).toBe(text);
    expect(piped.readsSynchronously).toBe(false); // opening a pipe may wait for its writer
    const again = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [again]);
    const other = createWriteStream(again);
    await expect(readAll(new RecyclingFileStream(again, 5), false)).rejects.toThrow(/cannot start at byte 5 of a pipe/);
    other.destroy();
  });

  it('fails with the file system error', async () => {
    const stream = new RecyclingFileStream(join(tempDir(), 'missing.log'));
    await expect(readAll(stream, false)).rejects.toThrow(/ENOENT/);
  });

  it('reads a file with a piece or less left synchronously, and closes it however the read ends', async () => {
    const openFiles = (): number => readdirSync('/proc/self/fd').length;
    const file = fileOf(text);
    const size = Buffer.byteLength(text);
    const before = openFiles();
    const stream = new RecyclingFileStream(file, 10, size, undefined, size);
    await new Promise((resolve) => stream.once('readable', resolve));
    // Opened and read without waiting for the thread pool: the first piece is there at once.
    expect(stream.readsSynchronously).toBe(true);
    const first = stream.read() as Buffer;
    expect(first.toString('utf8')).toBe(Buffer.from(text).subarray(10).toString('utf8'));
    expect(openFiles()).toBe(before + 1);
    expect(stream.read()).toBeNull();
    await new Promise((resolve) => stream.once('close', resolve));
    expect(openFiles()).toBe(before);
    // Destroyed before the end: closed too.
    const early = new RecyclingFileStream(file, 0, size, undefined, size);
    await new Promise((resolve) => early.once('readable', resolve));
    early.destroy();
    await new Promise((resolve) => early.once('close', resolve));
    expect(openFiles()).toBe(before);
  });
});
