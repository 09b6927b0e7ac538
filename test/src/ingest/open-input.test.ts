import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../../src/ingest/open-input.js';
import { tempDir } from '../../helpers.js';

/** This process's open file descriptors (Linux's /proc). */
const openFiles = (): number => readdirSync('/proc/self/fd').length;

describe('opening an input', () => {
  it('closes the file of a gzip corrupt in its middle once the decompression fails', async () => {
    const file = join(tempDir(), 'damaged.log.gz');
    // Lines that compress poorly, so that most of the file is still unread when the damage is met.
    const text = Array.from({ length: 200000 }, (_, i) => `198.51.100.${i % 250} - - [26/Nov/2026:10:00:00 +0000] "GET /${(i * 7919) % 100003}/${i} HTTP/1.1" 200 ${i} "-" "t"\n`).join('');
    const gz = gzipSync(text);
    expect(gz.length).toBeGreaterThan(1 << 20);
    gz.fill(0xff, 100000, 100400);
    writeFileSync(file, gz);
    const before = openFiles();
    const { stream, gzip } = await openInput(file, () => Readable.from([]), () => {});
    expect(gzip).toBe(true);
    let failure: unknown = null;
    try {
      for await (const _ of stream) { /* read on until it fails */ }
    } catch (error) {
      failure = error;
    }
    expect(failure).not.toBeNull();
    // The handle closes asynchronously after the failure.
    for (let i = 0; i < 50 && openFiles() > before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openFiles()).toBe(before);
  });

  it('closes the file when a reader stops early', async () => {
    const file = join(tempDir(), 'access.log');
    writeFileSync(file, '198.51.100.7 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "t"\n'.repeat(50000));
    const before = openFiles();
    const { stream } = await openInput(file, () => Readable.from([]), () => {});
    for await (const _ of stream) break; // a for-await that stops destroys the stream
    for (let i = 0; i < 50 && openFiles() > before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openFiles()).toBe(before);
  });

  it('reads a small file in a piece fitted to it, a large one in 256 KB pieces', async () => {
    const dir = tempDir();
    /** The memory behind each piece read from a file of `bytes` bytes, started at `start`, and the bytes read. */
    const pieces = async (bytes: number, start = 0): Promise<{ memory: number[]; read: number }> => {
      const file = join(dir, `${bytes}-${start}.log`);
      writeFileSync(file, Buffer.alloc(bytes, 0x61));
      const { stream } = await openInput(file, () => Readable.from([]), () => {}, start);
      const memory: number[] = [];
      let read = 0;
      for await (const piece of stream) { memory.push((piece as Buffer).buffer.byteLength); read += (piece as Buffer).length; }
      return { memory, read };
    };
    expect(await pieces(3000)).toEqual({ memory: [16 * 1024], read: 3000 });
    expect(await pieces(100_000)).toEqual({ memory: [100_001], read: 100_000 });
    expect(await pieces(200_000, 150_000)).toEqual({ memory: [50_001], read: 50_000 });
    const large = await pieces(600_000);
    expect(large.read).toBe(600_000);
    expect(new Set(large.memory)).toEqual(new Set([256 * 1024]));
  });

  it('decompresses a small gzip file at once, from an offset too, and leaves a damaged one to the stream', async () => {
    const dir = tempDir();
    const text = Buffer.from(Array.from({ length: 300 }, (_, i) => `198.51.100.${i % 250} - - [26/Nov/2026:10:00:00 +0000] "GET /${i} HTTP/1.1" 200 ${i} "-" "t"\n`).join(''));
    const file = join(dir, 'small.log.gz');
    writeFileSync(file, gzipSync(text));
    /** The input's bytes, the error it ended with, and how many pieces they came in. */
    const read = async (path: string, start = 0): Promise<{ bytes: Buffer; error: unknown; pieces: number }> => {
      let counted = 0;
      const { stream, gzip } = await openInput(path, () => Readable.from([]), (n) => { counted += n; }, start);
      expect(gzip).toBe(true);
      const pieces: Buffer[] = [];
      let error: unknown = null;
      try {
        for await (const piece of stream) pieces.push(piece as Buffer);
      } catch (failure) {
        error = failure;
      }
      expect(counted).toBe(statSync(path).size); // every compressed byte counted, for progress
      return { bytes: Buffer.concat(pieces), error, pieces: pieces.length };
    };
    const before = openFiles();
    const whole = await read(file);
    expect(whole).toEqual({ bytes: text, error: null, pieces: 1 });
    expect((await read(file, 1000)).bytes.equals(text.subarray(1000))).toBe(true);
    expect(openFiles()).toBe(before);
    // Cut short: the stream gives what it could decompress, then the error.
    const cut = join(dir, 'cut.log.gz');
    const gz = gzipSync(text);
    writeFileSync(cut, gz.subarray(0, gz.length - 20));
    const truncated = await read(cut);
    expect(truncated.error).toBeInstanceOf(Error);
    expect(text.subarray(0, truncated.bytes.length).equals(truncated.bytes)).toBe(true);
    for (let i = 0; i < 50 && openFiles() > before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openFiles()).toBe(before);
  });
});
