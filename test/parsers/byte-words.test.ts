import { describe, expect, it } from 'vitest';
import { hasByte, hasControl, repeated } from '../../parsers/byte-words.js';
import { seededRandom } from '../helpers.js';

const bytesOf = (x: number): number[] => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24];

describe('testing four bytes at once', () => {
  // Every byte value at every position, among neighbours that stress borrows (0x00, 0x01, 0x7f, 0x80, 0xff)
  // and ones close to the byte looked for; then random words.
  const words: number[] = [];
  const neighbours = [0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0x9c, 0xa2, 0xff];
  for (let position = 0; position < 4; position++) {
    for (let b = 0; b < 256; b++) {
      for (const n of neighbours) {
        const all = [n, n, n, n];
        all[position] = b;
        words.push((all[0] | (all[1] << 8) | (all[2] << 16) | (all[3] << 24)) >>> 0);
      }
    }
  }
  const random = seededRandom(3);
  for (let i = 0; i < 50000; i++) words.push(((random(65536) << 16) | random(65536)) >>> 0);

  it('hasByte says whether any of the four bytes is the one looked for, exactly', () => {
    for (const c of [0x09, 0x20, 0x22, 0x5c, 0x00, 0xff]) {
      const pattern = repeated(c);
      expect(words.filter((x) => hasByte(x, pattern) !== bytesOf(x).includes(c)).map((x) => x.toString(16)), `byte ${c}`).toEqual([]);
    }
  });

  it('hasControl says whether any byte is below 0x20, exactly', () => {
    expect(words.filter((x) => hasControl(x) !== bytesOf(x).some((b) => b < 0x20)).map((x) => x.toString(16))).toEqual([]);
  });
});
