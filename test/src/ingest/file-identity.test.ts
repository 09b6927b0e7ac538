import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, identify } from '../../../src/ingest/file-identity.js';
import { seededRandom, tempDir } from '../../helpers.js';

/** Log-like text that compresses poorly enough to need many compressed kilobytes. */
function content(lines: number, seed = 7): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: lines }, (_, i) =>
    `198.51.100.${random(250)} - - [26/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${random(1e9)}/${random(1e9)} HTTP/1.1" 200 ${random(1e6)} "-" "ua-${random(1e6)}"\n`).join(''));
}

function fileOf(name: string, bytes: Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe('identifying a file by its head', () => {
  it('takes a plain file\'s first bytes', async () => {
    const text = content(200);
    const id = await identify(fileOf('a.log', text));
    expect(id.gzip).toBe(false);
    expect(id.head.equals(text.subarray(0, HEAD_BYTES))).toBe(true);
    expect(id.size).toBe(text.length);
  });

  it('takes a gzip file\'s first decompressed bytes, whatever its size', async () => {
    for (const lines of [3, 40, 200, 5000]) {
      const text = content(lines);
      const gz = gzipSync(text);
      const id = await identify(fileOf(`a-${lines}.log.gz`, gz));
      expect(id.gzip).toBe(true);
      expect(id.size).toBe(gz.length);
      expect(id.head.equals(text.subarray(0, HEAD_BYTES)), `${lines} lines, ${gz.length} compressed bytes`).toBe(true);
    }
  });

  it('reads the head of a truncated gzip, of concatenated members, and of one damaged past its head', async () => {
    const text = content(5000);
    const gz = gzipSync(text);
    const truncated = await identify(fileOf('cut.log.gz', gz.subarray(0, gz.length >> 1)));
    expect(truncated.head.equals(text.subarray(0, HEAD_BYTES))).toBe(true);
    const first = content(5, 1);
    const members = await identify(fileOf('two.log.gz', Buffer.concat([gzipSync(first), gz])));
    expect(members.head.equals(Buffer.concat([first, text]).subarray(0, HEAD_BYTES))).toBe(true);
    const damaged = Buffer.from(gz);
    damaged.fill(0xff, gz.length - 2000, gz.length - 1000);
    expect((await identify(fileOf('late.log.gz', damaged))).head.equals(text.subarray(0, HEAD_BYTES))).toBe(true);
  });

  it('keeps what decompresses before damage inside the first bytes', async () => {
    const text = content(5000);
    const gz = gzipSync(text);
    const damaged = Buffer.from(gz);
    damaged.fill(0xff, 3000, 3400);
    const { head } = await identify(fileOf('early.log.gz', damaged));
    expect(head.length).toBeLessThan(HEAD_BYTES);
    expect(head.equals(text.subarray(0, head.length))).toBe(true);
  });
});
