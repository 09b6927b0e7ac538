/**
 * Statistics of a staging row group's column chunks (staging-format.ts `ChunkStats`):
 * counted by the encoder per group, and combined when the writer joins several groups
 * into one (staging-file.ts).
 */
import type { ChunkStats } from './staging-format.js';

/** A numeric column held as doubles, NaN for null; bounded: keep its least and greatest value. */
export function numberStats(values: Float64Array, rows: number, bounded: boolean): ChunkStats {
  let nulls = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < rows; row++) {
    const v = values[row];
    if (Number.isNaN(v)) nulls++;
    else if (bounded) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return bounded && nulls < rows ? { nulls, min, max } : { nulls, min: NaN, max: NaN };
}

/** A text column's nulls, from its validity bitmap (a set bit is a value). */
export function textStats(valid: Uint8Array, rows: number): ChunkStats {
  let present = 0;
  for (let i = 0; i < (rows + 7) >> 3; i++) {
    let bits = valid[i];
    while (bits !== 0) {
      bits &= bits - 1;
      present++;
    }
  }
  return { nulls: rows - present, min: NaN, max: NaN };
}

/** The statistics of chunks stored one after another as one chunk. */
export function combineStats(parts: readonly ChunkStats[]): ChunkStats {
  let nulls = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const part of parts) {
    nulls += part.nulls;
    // No bounds: an unbounded column, or a chunk of nulls only, which bounds nothing.
    if (Number.isNaN(part.min)) continue;
    min = Math.min(min, part.min);
    max = Math.max(max, part.max);
  }
  return min !== Infinity ? { nulls, min, max } : { nulls, min: NaN, max: NaN };
}
