import { describe, expect, it } from 'vitest';
import { isAbsentAt, numberAt, textOf } from '../../parsers/byte-text.js';
import { parseNumber } from '../../parsers/values.js';

/** bytes with the value at [from, to), between other bytes. */
function framed(value: string | Buffer): { bytes: Buffer; from: number; to: number } {
  const inner = typeof value === 'string' ? Buffer.from(value) : value;
  return { bytes: Buffer.concat([Buffer.from('xx '), inner, Buffer.from(' yy')]), from: 3, to: 3 + inner.length };
}

describe('text from bytes', () => {
  it('decodes short, middling and long runs, ASCII or not, as UTF-8 does', () => {
    const values = ['', 'GET', 'rt', '0.123', 'abcdefg', 'caf\u00e9', 'x'.repeat(64), 'y'.repeat(65), `${'z'.repeat(70)}\u00fc`];
    for (const value of values) {
      const { bytes, from, to } = framed(value);
      expect(textOf(bytes, from, to)).toBe(value);
    }
  });

  it('turns invalid UTF-8 into U+FFFD at every length', () => {
    for (const length of [3, 10, 80]) {
      const raw = Buffer.concat([Buffer.alloc(length - 1, 0x61), Buffer.from([0xff])]);
      const { bytes, from, to } = framed(raw);
      expect(textOf(bytes, from, to)).toBe(`${'a'.repeat(length - 1)}\ufffd`);
    }
  });
});

describe('numbers from bytes', () => {
  it('reads what parseNumber reads, and null for "-", empty and non-numbers', () => {
    for (const value of ['0', '0.001', '12.5', '-3', '1e3', '0x10', ' 7', '1.', '.5', 'abc', 'Infinity', '-', '']) {
      const { bytes, from, to } = framed(value);
      expect(numberAt(bytes, from, to), value).toBe(parseNumber(value));
    }
  });

  it('calls "-" and an empty range absent, and nothing else', () => {
    const absent = (value: string): boolean => { const { bytes, from, to } = framed(value); return isAbsentAt(bytes, from, to); };
    expect([absent('-'), absent(''), absent('--'), absent('0'), absent(' ')]).toEqual([true, true, false, false, false]);
  });
});
