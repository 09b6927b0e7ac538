import { describe, expect, it } from 'vitest';
import { GroupMerger, type MergedGroup } from '../../../src/store/group-merger.js';
import type { EncodedRowGroup } from '../../../src/store/staging-format.js';

/** A stand-in part: `size` bytes of `fill`, `rows` rows. */
const part = (size: number, fill: number, rows = 1): EncodedRowGroup =>
  ({ bytes: Buffer.alloc(size, fill), layout: { rows, offsets: [0], lengths: [size], stats: [] } });

/** A merger whose groups are recorded as copies of their bytes (valid only during the call). */
function recording(groupBytes: number): { merger: GroupMerger; written: { bytes: number[][]; runs: MergedGroup['runs'] }[] } {
  const written: { bytes: number[][]; runs: MergedGroup['runs'] }[] = [];
  const merger = new GroupMerger(groupBytes, (group) => written.push({ bytes: group.parts.map((p) => [...p.bytes]), runs: group.runs }));
  return { merger, written };
}

describe('GroupMerger', () => {
  it('joins small parts into one group at the size given, merging their runs', () => {
    const { merger, written } = recording(16);
    const sources = [part(3, 1), part(3, 2), part(3, 3), part(3, 4), part(3, 5), part(1, 6)];
    sources.slice(0, 3).forEach((p) => merger.add(p, [{ input: 'a.log', format: 'nginx', rows: 1 }]));
    // The merger copied the parts: their buffers can be reused at once.
    sources[0].bytes.fill(9);
    expect(written).toEqual([]);
    sources.slice(3).forEach((p) => merger.add(p, [{ input: 'b.log', format: 'nginx', rows: 1 }]));
    expect(written.map((w) => w.bytes)).toEqual([[[1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4], [5, 5, 5], [6]]]);
    expect(written[0].runs).toEqual([{ input: 'a.log', format: 'nginx', rows: 3 }, { input: 'b.log', format: 'nginx', rows: 3 }]);
    expect(merger.pendingBytes).toBe(0);
  });

  it('writes the pending parts first when the next does not fit beside them', () => {
    const { merger, written } = recording(10);
    [1, 2, 3, 4].forEach((fill) => merger.add(part(2, fill), [{ input: 'a.log', format: 'alb', rows: 1 }]));
    merger.add(part(2, 5), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    merger.add(part(2, 6), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    expect(written.map((w) => w.bytes)).toEqual([[[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]]);
    expect(merger.pendingBytes).toBe(2);
    merger.flush();
    merger.flush();
    expect(written.map((w) => w.bytes)).toEqual([[[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]], [[6, 6]]]);
  });

  it('writes a part of a quarter of a group or more as a group of its own, without copying it, leaving small parts pending', () => {
    const parts: EncodedRowGroup[][] = [];
    const merger = new GroupMerger(16, (group) => parts.push(group.parts));
    merger.add(part(2, 1), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    const big = part(4, 2);
    merger.add(big, [{ input: 'a.log', format: 'alb', rows: 1 }]);
    expect(parts.length).toBe(1);
    expect(parts[0][0]).toBe(big);
    expect(merger.pendingBytes).toBe(2);
    merger.flush();
    expect([...parts[1][0].bytes]).toEqual([1, 1]);
  });

  it('joins at most 64 parts into a group', () => {
    const { merger, written } = recording(1024);
    for (let i = 0; i < 65; i++) merger.add(part(1, i), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    expect(written.length).toBe(1);
    expect(written[0].bytes.length).toBe(64);
    expect(written[0].runs).toEqual([{ input: 'a.log', format: 'alb', rows: 64 }]);
    expect(merger.pendingBytes).toBe(1);
  });
});
