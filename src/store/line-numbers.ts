/**
 * Moves the line numbers of encoded row groups. A parse worker numbers the lines of a
 * chunk from 1, because only the main thread learns, chunk after chunk, where each one
 * starts in its input (parallel-input.ts); it adds the lines before the chunk here,
 * before the groups are written.
 *
 * `line` is a required INT32 column written as a single PLAIN page (row-group-encoder.ts),
 * so its values are the last 4 × rows bytes of its column chunk.
 */
import { NumberColumn } from './staging-format.js';
import type { EncodedRowGroup } from './staging-format.js';

const INT32_MAX = 2 ** 31 - 1;

export function shiftLineNumbers(groups: readonly EncodedRowGroup[], by: number): void {
  if (by === 0) return;
  for (const { bytes, layout } of groups) {
    const end = layout.offsets[NumberColumn.line] + layout.lengths[NumberColumn.line];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let p = end - 4 * layout.rows; p < end; p += 4) {
      const line = view.getInt32(p, true) + by;
      // As the encoder does for any value (number-pages.ts): a wrapped number would be a wrong line.
      if (line > INT32_MAX) throw new RangeError(`staging: line ${line} is not a 32-bit integer`);
      view.setInt32(p, line, true);
    }
  }
}
