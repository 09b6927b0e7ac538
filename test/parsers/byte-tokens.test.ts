import { describe, expect, it } from 'vitest';
import { ByteTokens, TokenFlag, TokenKind } from '../../parsers/byte-tokens.js';
import { parseNumber, parseStatus } from '../../parsers/values.js';
import { seededRandom } from '../helpers.js';

function read(line: string): { texts: string[]; kinds: TokenKind[]; flags: number[] } | null {
  const tokens = new ByteTokens();
  const bytes = Buffer.from(`>>${line}<<`);
  if (!tokens.read(bytes, 2, bytes.length - 2)) return null;
  const all = Array.from({ length: tokens.count }, (_, k) => k);
  return { texts: all.map((k) => tokens.text(k)), kinds: all.map((k) => tokens.kind[k]), flags: all.map((k) => tokens.flags[k]) };
}

describe('ByteTokens', () => {
  it('cuts quoted, bracketed and bare tokens within the bounds it is given', () => {
    expect(read('a  "b c"\t[d e] f="g h" "" -')).toEqual({
      texts: ['a', 'b c', 'd e', 'f="g h"', '', '-'],
      kinds: [TokenKind.Bare, TokenKind.Quoted, TokenKind.Bracketed, TokenKind.Bare, TokenKind.Quoted, TokenKind.Bare],
      flags: [0, 0, 0, 0, 0, 0],
    });
  });

  it('unescapes \\" in quoted tokens and flags backslashes for decoding', () => {
    expect(read('"say \\"hi\\"" "caf\\xC3\\xA9" x\\y')).toEqual({
      texts: ['say "hi"', 'caf\\xC3\\xA9', 'x\\y'],
      kinds: [TokenKind.Quoted, TokenKind.Quoted, TokenKind.Bare],
      flags: [TokenFlag.Backslash | TokenFlag.EscapedQuote, TokenFlag.Backslash, TokenFlag.Backslash],
    });
  });

  it('refuses a quote or bracket left open, however the line ends', () => {
    expect(read('a "b c')).toBeNull();
    expect(read('[26/Nov/2026:10:00:00')).toBeNull();
    expect(read('k="v')).toBeNull();
    expect(read('"ends with escaped \\"')).toBeNull();
  });

  it('keeps UTF-8 whole: delimiters are ASCII, never inside a multi-byte character', () => {
    expect(read('"日本 語" é')?.texts).toEqual(['日本 語', 'é']);
  });

  it('finds every delimiter at every offset, words of four bytes or not', () => {
    // The byte-by-byte rules, as an oracle for the word-at-a-time loops.
    const oracle = (line: string): { texts: string[]; kinds: TokenKind[]; flags: number[] } | null => {
      const texts: string[] = [], kinds: TokenKind[] = [], flags: number[] = [];
      let i = 0;
      while (i < line.length) {
        if (line[i] === ' ' || line[i] === '\t') { i++; continue; }
        let j = i;
        let flag = 0;
        if (line[i] === '"') {
          for (j = i + 1; ; j++) {
            if (j >= line.length) return null;
            if (line[j] === '"') { if (line[j - 1] !== '\\') break; flag |= TokenFlag.EscapedQuote; } else if (line[j] === '\\') flag |= TokenFlag.Backslash;
          }
          texts.push(line.slice(i + 1, j).replace(/\\"/g, '"')); kinds.push(TokenKind.Quoted); i = j + 1;
        } else if (line[i] === '[') {
          for (j = i + 1; ; j++) { if (j >= line.length) return null; if (line[j] === ']') break; if (line[j] === '\\') flag |= TokenFlag.Backslash; }
          texts.push(line.slice(i + 1, j)); kinds.push(TokenKind.Bracketed); i = j + 1;
        } else {
          for (; j < line.length && line[j] !== ' ' && line[j] !== '\t'; j++) {
            if (line[j] === '\\') flag |= TokenFlag.Backslash;
            else if (line[j] === '"') for (j++; ; j++) { if (j >= line.length) return null; if (line[j] === '"') break; if (line[j] === '\\') flag |= TokenFlag.Backslash; }
          }
          texts.push(line.slice(i, j)); kinds.push(TokenKind.Bare); i = j;
        }
        flags.push(flag);
      }
      return { texts, kinds, flags };
    };
    const alphabet = ['a', 'b', ' ', '\t', '"', '\\', '[', ']', '=', 'é', '\u0000', '\u007f'];
    const random = seededRandom(5);
    for (let n = 0; n < 20000; n++) {
      // Long runs of ordinary bytes between delimiters, so that words of four are skipped and stopped at every offset.
      const line = Array.from({ length: 1 + random(12) }, () => 'abcdefghij'.slice(0, random(11)) + alphabet[random(alphabet.length)]).join('');
      expect(read(line), JSON.stringify(line)).toEqual(oracle(line));
    }
  });

  it('grows past 64 tokens', () => {
    const many = Array.from({ length: 150 }, (_, i) => `t${i}`);
    expect(read(many.join(' '))?.texts).toEqual(many);
  });
});

describe('numbers read from token bytes equal the string rules (values.ts)', () => {
  const tricky = ['0', '-0', '200', '0200', '2000', '20000', '0.000', '0.323', '60.001', '-1', '-1.0', '5.', '.5', '-.5', '.', '-.', '--5',
    '5.5.5', '1e3', '1E-3', '+5', '0x10', 'Infinity', 'NaN', '123456789012345', '1234567890123456', '0.1234567890123456', '99999999999999.9',
    '2x0', 'OK', '', '-', '"-"', '"200"', '12\\3'];
  const random = seededRandom(42);
  const alphabet = '0123456789.-+eEx';
  const generated = Array.from({ length: 20000 }, () => Array.from({ length: random(18) }, () => alphabet[random(alphabet.length)]).join(''));

  it('status(k) is parseStatus and number(k) is parseNumber, for tricky and random tokens', () => {
    const tokens = new ByteTokens();
    let compared = 0;
    for (const value of [...tricky, ...generated]) {
      const bytes = Buffer.from(`x ${value === '' ? '""' : value} y`);
      expect(tokens.read(bytes, 0, bytes.length)).toBe(true);
      expect(tokens.count).toBe(3);
      const text = tokens.text(1);
      expect(Object.is(tokens.number(1), parseNumber(text)), `number of ${JSON.stringify(value)}`).toBe(true);
      expect(Object.is(tokens.status(1), parseStatus(text)), `status of ${JSON.stringify(value)}`).toBe(true);
      compared++;
    }
    expect(compared).toBe(tricky.length + 20000);
  });
});
