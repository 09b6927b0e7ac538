import { describe, expect, it } from 'vitest';
import { ByteTokens, TokenFlag, TokenKind } from '../../parsers/byte-tokens.js';

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

  it('grows past 64 tokens', () => {
    const many = Array.from({ length: 150 }, (_, i) => `t${i}`);
    expect(read(many.join(' '))?.texts).toEqual(many);
  });
});
