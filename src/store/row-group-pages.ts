/**
 * Writes the columns an encoder collected (row-group-encoder.ts) as one Parquet row
 * group of a staging file: a page per column, each a header, then its definition
 * levels when the column is optional, then its PLAIN values (staging-format.ts).
 */
import type { WordView } from '../../parsers/byte-words.js';
import { numberStats, textStats } from './chunk-stats.js';
import { writeNumberPage } from './number-pages.js';
import { levelsLength, NUMBER_COLUMNS, pageHeader, Physical, STAGED_TEXTS, STAGING_COLUMNS, writeLevels, type EncodedRowGroup } from './staging-format.js';

/** A row group's columns as collected: numbers with NaN for null, texts as PLAIN byte arrays with validity bitmaps. */
export interface CollectedColumns {
  readonly numbers: readonly Float64Array[];
  readonly texts: readonly Buffer[];
  /** The bytes used in each text buffer. */
  readonly textBytes: Int32Array;
  /** One bitmap per text column, and a last one, scratch for the numeric columns' levels. */
  readonly valid: readonly Uint8Array[];
}

/** rows of columns as a row group, written into output when it is large enough (a recycled buffer). */
export function writeRowGroup(columns: CollectedColumns, rows: number, view: WordView, output?: Buffer): EncodedRowGroup {
  const stats = STAGING_COLUMNS.map((column, c) =>
    c < NUMBER_COLUMNS ? numberStats(columns.numbers[c], rows, column.bounded) : textStats(columns.valid[c - NUMBER_COLUMNS], rows));
  const sizes = STAGING_COLUMNS.map((column, c) => pageBytes(columns, rows, c, column.type, column.optional, stats[c].nulls));
  const headers = sizes.map((size) => pageHeader(rows, size));
  const total = sizes.reduce((sum, size, c) => sum + size + headers[c].length, 0);
  const out = output !== undefined && output.length >= total ? output.subarray(0, total) : Buffer.allocUnsafeSlow(total);
  const offsets: number[] = [];
  const lengths: number[] = [];
  let p = 0;
  STAGING_COLUMNS.forEach((column, c) => {
    offsets.push(p);
    p += headers[c].copy(out, p);
    p = writePage(columns, rows, view, out, p, c, column.type, column.optional, stats[c].nulls);
    lengths.push(p - offsets[c]);
  });
  return { bytes: out, layout: { rows, offsets, lengths, stats } };
}

/** Bytes of column c's page after its header: levels (optional columns) and values; nulls from the column's statistics. */
function pageBytes(columns: CollectedColumns, rows: number, c: number, type: Physical, optional: boolean, nulls: number): number {
  const levels = optional ? levelsLength(rows, nulls) : 0;
  if (type === Physical.ByteArray) return levels + columns.textBytes[c - NUMBER_COLUMNS];
  const present = optional ? rows - nulls : rows;
  return levels + present * (type === Physical.Int32 ? 4 : 8);
}

/** nulls: from the column's statistics. */
function writePage(columns: CollectedColumns, rows: number, view: WordView, out: Buffer, p: number, c: number, type: Physical, optional: boolean, nulls: number): number {
  if (type === Physical.ByteArray) {
    const f = c - NUMBER_COLUMNS;
    p = writeLevels(out, p, columns.valid[f], rows, nulls);
    return p + columns.texts[f].copy(out, p, 0, columns.textBytes[f]);
  }
  return writeNumberPage(out, view.of(out), p, columns.numbers[c], rows, type, optional ? { bits: columns.valid[STAGED_TEXTS.length], nulls } : null);
}
