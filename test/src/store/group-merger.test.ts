import { describe, expect, it } from 'vitest';
import { GroupMerger, type MergedGroup } from '../../../src/store/group-merger.js';
import type { EncodedRowGroup } from '../../../src/store/staging-file.js';

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
    const { merger, written } = recording(10);
    const sources = [part(3, 1), part(3, 2), part(4, 3)];
    merger.add(sources[0], [{ input: 'a.log', format: 'nginx', rows: 1 }]);
    merger.add(sources[1], [{ input: 'a.log', format: 'nginx', rows: 1 }]);
    // The merger copied the parts: their buffers can be reused at once.
    sources[0].bytes.fill(9);
    expect(written).toEqual([]);
    merger.add(sources[2], [{ input: 'b.log', format: 'nginx', rows: 1 }]);
    expect(written.map((w) => w.bytes)).toEqual([[[1, 1, 1], [2, 2, 2], [3, 3, 3, 3]]]);
    expect(written[0].runs).toEqual([{ input: 'a.log', format: 'nginx', rows: 2 }, { input: 'b.log', format: 'nginx', rows: 1 }]);
    expect(merger.pendingBytes).toBe(0);
  });

  it('writes the pending parts first when the next does not fit beside them', () => {
    const { merger, written } = recording(10);
    merger.add(part(6, 1), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    merger.add(part(6, 2), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    expect(written.map((w) => w.bytes)).toEqual([[[1, 1, 1, 1, 1, 1]]]);
    expect(merger.pendingBytes).toBe(6);
    merger.flush();
    merger.flush();
    expect(written.map((w) => w.bytes)).toEqual([[[1, 1, 1, 1, 1, 1]], [[2, 2, 2, 2, 2, 2]]]);
  });

  it('writes a part larger than its arena as a group of its own, without copying it', () => {
    const parts: EncodedRowGroup[][] = [];
    const merger = new GroupMerger(4, (group) => parts.push(group.parts));
    merger.add(part(2, 1), [{ input: 'a.log', format: 'alb', rows: 1 }]);
    const big = part(9, 2);
    merger.add(big, [{ input: 'a.log', format: 'alb', rows: 1 }]);
    expect(parts.length).toBe(2);
    expect([...parts[0][0].bytes]).toEqual([1, 1]);
    expect(parts[1][0]).toBe(big);
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
