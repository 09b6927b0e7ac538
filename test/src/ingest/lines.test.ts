import { describe, expect, it } from 'vitest';
import { eachLine, isBlank } from '../../../src/ingest/lines.js';

const collect = (text: string, stopAfter = Infinity): string[] => {
  const seen: string[] = [];
  eachLine(Buffer.from(text), (line) => { seen.push(line); return seen.length < stopAfter; });
  return seen;
};

describe('line rules shared by both ingest paths', () => {
  it('cuts at \\n, drops one \\r before it, and keeps a last line without \\n', () => {
    expect(collect('a\r\nb\n\nc\r\r\nlast')).toEqual(['a', 'b', '', 'c\r', 'last']);
  });

  it('yields nothing for an empty buffer and no phantom line after a final \\n', () => {
    expect(collect('')).toEqual([]);
    expect(collect('one\n')).toEqual(['one']);
  });

  it('decodes each line as UTF-8', () => {
    expect(collect('GET /caf\u00e9\n\u2603\n')).toEqual(['GET /caf\u00e9', '\u2603']);
  });

  it('stops when the visitor returns false', () => {
    expect(collect('1\n2\n3\n4\n', 2)).toEqual(['1', '2']);
  });

  it('calls a line of spaces, tabs and \\r blank, and nothing else', () => {
    expect(['', ' ', '\t \r', '\r'].map(isBlank)).toEqual([true, true, true, true]);
    expect([' -', '\u00a0', '\v', 'x'].map(isBlank)).toEqual([false, false, false, false]);
  });
});
