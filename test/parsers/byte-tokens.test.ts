import { describe, expect, it } from 'vitest';
import { ByteTokens, TokenFlag, TokenKind } from '../../parsers/byte-tokens.js';
import { TOKEN_CAP } from '../../parsers/token-memory.js';
import { parseNumber, parseStatus } from '../../parsers/values.js';
import { seededRandom } from '../helpers.js';

const shared = new ByteTokens();

/** The line's tokens, read from the middle of a buffer (`prefix` bytes before it, two after). */
function read(line: string, prefix = 2, tokens = shared): { texts: string[]; kinds: TokenKind[]; flags: number[] } | null {
  const bytes = Buffer.from(`${'>'.repeat(prefix)}${line}<<`);
  if (!tokens.read(bytes, prefix, bytes.length - 2)) return null;
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
    let open = 0;
    for (let n = 0; n < 20000; n++) {
      // Runs of ordinary bytes between delimiters, short and longer than the sixteen bytes
      // the tokenizer compares at once, so that its loads stop at every offset and run
      // past the end of the line; the line starts at every offset of the buffer too.
      const run = n % 4 === 0 ? 40 : 11;
      const line = Array.from({ length: 1 + random(12) }, () => 'abcdefghij'.repeat(4).slice(0, random(run)) + alphabet[random(alphabet.length)]).join('');
      const expected = oracle(line);
      if (expected === null) open++;
      expect(read(line, random(20)), JSON.stringify(line)).toEqual(expected);
    }
    // Both outcomes were exercised.
    expect(open).toBeGreaterThan(1000);
    expect(open).toBeLessThan(19000);
  });

  it('reads lines of more tokens than one call of the tokenizer has room for', () => {
    for (const length of [TOKEN_CAP - 1, TOKEN_CAP, TOKEN_CAP + 1, 2 * TOKEN_CAP, 1000]) {
      const many = Array.from({ length }, (_, i) => (i % 3 === 0 ? `"q ${i}"` : i % 3 === 1 ? `[b${i}]` : `t${i}\\`));
      const tokens = read(many.join(' '));
      expect(tokens?.texts, `${length} tokens`).toEqual(many.map((t) => t.replace(/^["[]|["\]]$/g, '')));
      expect(tokens?.kinds[length - 1]).toBe([TokenKind.Quoted, TokenKind.Bracketed, TokenKind.Bare][(length - 1) % 3]);
    }
    // Left open after the first call's room: still refused.
    expect(read(`${'x '.repeat(TOKEN_CAP + 10)}"open`)).toBeNull();
    // And the next, short line is read from the slot again, not from the long line's copy.
    expect(read('a "b"')?.texts).toEqual(['a', 'b']);
  });

  it('reads a line longer than its scratch memory, then short lines again, in every tokenizer', () => {
    const other = new ByteTokens();
    expect(read('first "line"', 2, other)?.texts).toEqual(['first', 'line']);
    const long = `${'a'.repeat(300_000)} "${'b '.repeat(100_000)}" end`;
    const tokens = read(long);
    expect(tokens?.texts.map((t) => t.length)).toEqual([300_000, 200_000, 3]);
    expect(read('short "one" [x]')?.texts).toEqual(['short', 'one', 'x']);
    // Memory grew under the other tokenizer: its views are remade on its next read.
    expect(read('second "line"', 2, other)?.texts).toEqual(['second', 'line']);
  });

  it('keeps each tokenizer\'s tokens apart', () => {
    const a = new ByteTokens(), b = new ByteTokens();
    const first = Buffer.from('one "two" three'), second = Buffer.from('[four]');
    a.read(first, 0, first.length);
    b.read(second, 0, second.length);
    expect([a.count, a.text(0), a.text(1), a.text(2), a.bytes === first]).toEqual([3, 'one', 'two', 'three', true]);
    expect([b.count, b.text(0), b.kind[0]]).toEqual([1, 'four', TokenKind.Bracketed]);
  });
});

describe('a kept token (nginx\'s time, compared with the last line\'s)', () => {
  it('matches the same bytes in a later line, anywhere in it, and nothing else', () => {
    const tokens = new ByteTokens();
    const read = (line: string, prefix = 0): void => {
      const bytes = Buffer.from(`${'#'.repeat(prefix)}${line}`);
      expect(tokens.read(bytes, prefix, bytes.length)).toBe(true);
    };
    read('a [01/Nov/2026:00:00:00 +0000] b');
    expect(tokens.sameAsKept(1)).toBe(false); // nothing kept yet
    tokens.keep(1);
    read('x y [01/Nov/2026:00:00:00 +0000]', 37);
    expect(tokens.sameAsKept(2)).toBe(true);
    expect(tokens.sameAsKept(0)).toBe(false);
    read('[01/Nov/2026:00:00:01 +0000]');
    expect(tokens.sameAsKept(0)).toBe(false); // one byte differs, the last of the second
    read('[01/Nov/2026:00:00:00 +000]');
    expect(tokens.sameAsKept(0)).toBe(false); // a prefix
    // Thirty-two bytes and more: compared over both of the tokenizer's sixteen-byte steps.
    const long = `[${'t'.repeat(40)}]`;
    read(long);
    tokens.keep(0);
    read(` ${long}`, 5);
    expect(tokens.sameAsKept(0)).toBe(true);
    read(`[${'t'.repeat(39)}u]`);
    expect(tokens.sameAsKept(0)).toBe(false);
    // Longer than it keeps: nothing is kept, nothing matches.
    const longest = `[${'v'.repeat(65)}]`;
    read(longest);
    tokens.keep(0);
    read(longest);
    expect(tokens.sameAsKept(0)).toBe(false);
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
