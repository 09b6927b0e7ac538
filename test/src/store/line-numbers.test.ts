import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../../parsers/types.js';
import { shiftLineNumbers } from '../../../src/store/line-numbers.js';
import { RowGroupEncoder } from '../../../src/store/row-group-encoder.js';
import { NumberColumn } from '../../../src/store/staging-format.js';

/** A row group of the given line numbers, as a worker encodes it. */
function encoded(lines: number[]) {
  const encoder = new RowGroupEncoder();
  for (const line of lines) encoder.addRecord({ ...emptyRecord('nginx', 1_700_000_000_000_000, 200), request_time_s: 0.5 }, line);
  return encoder.finish();
}

/** The line column's values, read back from the encoded page. */
function linesOf(group: ReturnType<typeof encoded>): number[] {
  const end = group.layout.offsets[NumberColumn.line] + group.layout.lengths[NumberColumn.line];
  return Array.from({ length: group.layout.rows }, (_, i) => group.bytes.readInt32LE(end - 4 * (group.layout.rows - i)));
}

describe('shiftLineNumbers', () => {
  it('moves every line of every group by the lines before the chunk, leaving the other columns alone', () => {
    const groups = [encoded([1, 2, 5]), encoded([3, 4])];
    const before = groups.map((g) => Buffer.from(g.bytes));
    expect(groups.map(linesOf)).toEqual([[1, 2, 5], [3, 4]]);
    shiftLineNumbers(groups, 1000);
    expect(groups.map(linesOf)).toEqual([[1001, 1002, 1005], [1003, 1004]]);
    // Only the line values changed: 4 bytes per row.
    const changed = groups.map((g, i) => g.bytes.reduce((n, byte, p) => n + (byte !== before[i][p] ? 1 : 0), 0));
    expect(changed.every((n, i) => n > 0 && n <= 4 * groups[i].layout.rows)).toBe(true);
  });

  it('refuses a line number beyond 32 bits instead of wrapping it', () => {
    expect(() => shiftLineNumbers([encoded([1, 2])], 2 ** 31 - 2)).toThrow(/line 2147483648 is not a 32-bit integer/);
  });
});
