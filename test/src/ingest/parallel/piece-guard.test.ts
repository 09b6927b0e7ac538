import { describe, expect, it } from 'vitest';
import { PieceGuard } from '../../../../src/ingest/parallel/piece-guard.js';

/** What passes the guard, and its offsets, for the input cut into the given pieces. */
function guard(pieces: string[], maxBytes: number): { passed: string; finishedBytes: number; tailBytes: number; runs: number } {
  const g = new PieceGuard(maxBytes);
  const out: Buffer[] = [];
  for (const piece of pieces) g.feed(Buffer.from(piece), (bytes) => out.push(bytes));
  g.finish();
  return { passed: Buffer.concat(out).toString(), finishedBytes: g.finishedBytes, tailBytes: g.tailBytes, runs: out.length };
}

describe('PieceGuard', () => {
  it('passes whole pieces of short lines untouched, one run each', () => {
    expect(guard(['ab\ncd', 'e\nfg\n', 'h'], 4)).toEqual({ passed: 'ab\ncde\nfg\nh', finishedBytes: 10, tailBytes: 1, runs: 3 });
  });

  it('passes a long line inside one piece whole: the worker finds it too long', () => {
    expect(guard(['a\n0123456789\nb\n'], 4)).toEqual({ passed: 'a\n0123456789\nb\n', finishedBytes: 15, tailBytes: 0, runs: 1 });
  });

  it('keeps one byte over the limit of a line that spans pieces, and drops the rest up to its newline', () => {
    // The line "0123456789" arrives in three pieces; its newline, and the lines after it, pass.
    expect(guard(['a\n012', '3456', '789\nb\n'], 4)).toEqual({ passed: 'a\n01234\nb\n', finishedBytes: 15, tailBytes: 0, runs: 3 });
  });

  it('caps an unterminated last line and still counts all of its bytes', () => {
    expect(guard(['a\n0123', '456789'], 4)).toEqual({ passed: 'a\n01234', finishedBytes: 2, tailBytes: 10, runs: 2 });
  });

  it('passes a line of exactly the limit across pieces whole', () => {
    expect(guard(['01', '23\n'], 4)).toEqual({ passed: '0123\n', finishedBytes: 5, tailBytes: 0, runs: 2 });
  });
});
