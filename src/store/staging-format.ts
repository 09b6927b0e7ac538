/**
 * The staging files between the parsers and DuckDB: plain, uncompressed Parquet
 * (apache/parquet-format, parquet.thrift) that DuckDB bulk-loads with its own parallel
 * reader (bulk-queries.ts). Parquet replaced CSV text here: DuckDB reads it without
 * parsing (2M nginx rows: 0.13 core-seconds to scan against 0.75 for the CSV), and
 * numbers are written as binary instead of digits (docs/performance.md).
 *
 * Each row group holds one data page per column, PLAIN-encoded. Optional columns carry
 * definition levels as one bit-packed run of bit width 1, which is exactly a validity
 * bitmap (least significant bit first). The footer is staging-footer.ts.
 */
import { TEXT_FIELDS } from '../../parsers/scanned-record.js';
import { ThriftWriter, varintLength, writeVarint } from './thrift-compact.js';

/** Parquet physical types (parquet.thrift `Type`). */
export const enum Physical { Int32 = 1, Int64 = 2, Double = 5, ByteArray = 6 }
/** Encodings (parquet.thrift `Encoding`) and converted types (`ConvertedType`) the staging uses. */
export const PLAIN = 0;
export const RLE = 3;
export const RLE_DICTIONARY = 8;
export const UTF8 = 0;
export const INT_16 = 16;
const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;

/**
 * How DuckDB should read a column (parquet.thrift `LogicalType` and `ConvertedType`):
 * the staged columns then have the table's own types, and the requests view is plain
 * column names, through which DuckDB pushes filters down to the row group statistics.
 */
export const enum Annotation { None, TimestampMicros, Int16 }

/** bounded: the footer keeps the column's minimum and maximum per row group (ChunkStats). */
export interface StagingColumn { name: string; type: Physical; optional: boolean; annotation: Annotation; bounded: boolean }

export const stagingColumn = (name: string, type: Physical, optional: boolean, annotation = Annotation.None, bounded = false): StagingColumn =>
  ({ name, type, optional, annotation, bounded });

/**
 * The staged text columns: the records' text fields in TEXT_FIELDS order, then the
 * endpoint the store derives from method and path (endpoint-template.ts).
 */
export const STAGED_TEXTS = [...TEXT_FIELDS, 'endpoint'] as const;
/** The endpoint's index among STAGED_TEXTS. */
export const ENDPOINT_TEXT = TEXT_FIELDS.length;

/** Numeric columns first (indexes below), then STAGED_TEXTS. */
export const STAGING_COLUMNS: readonly StagingColumn[] = [
  stagingColumn('ts', Physical.Int64, false, Annotation.TimestampMicros, true),
  stagingColumn('status', Physical.Int32, false, Annotation.Int16, true),
  stagingColumn('line', Physical.Int32, false),
  stagingColumn('upstream_status', Physical.Int32, true, Annotation.Int16),
  stagingColumn('bytes_sent', Physical.Int64, true),
  stagingColumn('request_time_s', Physical.Double, true),
  stagingColumn('upstream_time_s', Physical.Double, true),
  ...STAGED_TEXTS.map((name) => stagingColumn(name, Physical.ByteArray, true)),
];
export const enum NumberColumn { ts, status, line, upstream_status, bytes_sent, request_time_s, upstream_time_s }
export const NUMBER_COLUMNS = 7;

/**
 * Columns whose values come in long runs (the input and format of each row), added by
 * the writer after each row group's own columns: a dictionary of the group's values,
 * and one RLE run of indices per stretch of rows that share a value.
 */
export const RUN_COLUMNS = ['format', 'input'] as const;

/** Where a run column's chunk is in the file: its dictionary page, its data page, its length. */
export interface RunChunk { at: number; dataAt: number; length: number }

/**
 * The 4-byte little-endian length before each PLAIN byte array value and before a
 * page's definition levels, stored byte by byte: Buffer's writeUInt32LE checks its
 * arguments on every call, and the encoder's text columns change buffers too often
 * for a cached DataView.
 */
export function writeLength(out: Uint8Array, at: number, length: number): void {
  out[at] = length;
  out[at + 1] = length >>> 8;
  out[at + 2] = length >>> 16;
  out[at + 3] = length >>> 24;
}

/** A run of rows sharing one value. */
export interface ValueRun { value: string; rows: number }

/** A run-valued column's chunk (dataOffset: where its data page starts in it). */
export function runColumnChunk(runs: readonly ValueRun[]): { bytes: Buffer; dataOffset: number } {
  const dictionary = [...new Set(runs.map((r) => r.value))];
  const values = Buffer.concat(dictionary.flatMap((value) => {
    const text = Buffer.from(value, 'utf8');
    const length = Buffer.alloc(4);
    writeLength(length, 0, text.length);
    return [length, text];
  }));
  const dictionaryHeader = new ThriftWriter().structBody((w) => {
    w.i32(1, DICTIONARY_PAGE).i32(2, values.length).i32(3, values.length);
    w.struct(7, (d) => d.i32(1, dictionary.length).i32(2, PLAIN));
  }).toBuffer();
  // Bit width, then per run an RLE header (count << 1) and the index in whole bytes.
  const width = Math.max(1, Math.ceil(Math.log2(dictionary.length)));
  const indices: number[] = [width];
  let rows = 0;
  for (const run of runs) {
    writeVarint(indices, indices.length, run.rows * 2);
    const index = dictionary.indexOf(run.value);
    for (let b = 0; b < Math.ceil(width / 8); b++) indices.push((index >> (8 * b)) & 255);
    rows += run.rows;
  }
  const dataHeader = new ThriftWriter().structBody((w) => {
    w.i32(1, DATA_PAGE).i32(2, indices.length).i32(3, indices.length);
    w.struct(5, (d) => d.i32(1, rows).i32(2, RLE_DICTIONARY).i32(3, RLE).i32(4, RLE));
  }).toBuffer();
  return { bytes: Buffer.concat([dictionaryHeader, values, dataHeader, Buffer.from(indices)]), dataOffset: dictionaryHeader.length + values.length };
}

/**
 * What the footer says of a column chunk: its nulls, and for a bounded column its least
 * and greatest value (NaN otherwise). DuckDB skips a row group whose statistics rule
 * out a query's filter: the error breakdowns read only the groups that hold errors
 * (row-group-split.ts).
 */
export interface ChunkStats { nulls: number; min: number; max: number }

/** Where a row group's column chunks are, relative to the group's first byte. */
export interface RowGroupLayout {
  rows: number;
  /** Per column: offset and byte length (page header included), and statistics. */
  offsets: number[];
  lengths: number[];
  stats: ChunkStats[];
}

/** A row group as a RowGroupEncoder encoded it: its bytes, and where its columns are in them. */
export interface EncodedRowGroup { bytes: Buffer; layout: RowGroupLayout }

export const MAGIC = Buffer.from('PAR1', 'latin1');

/** A DATA_PAGE header (v1) for `rows` values whose encoded levels and values take pageBytes. */
export function pageHeader(rows: number, pageBytes: number): Buffer {
  return new ThriftWriter().structBody((w) => {
    w.i32(1, DATA_PAGE).i32(2, pageBytes).i32(3, pageBytes);
    w.struct(5, (d) => d.i32(1, rows).i32(2, PLAIN).i32(3, RLE).i32(4, RLE));
  }).toBuffer();
}

/** Whether a column of `rows` values, `nulls` of them null, has one definition level throughout (writeLevels needs no bitmap then). */
export const uniformLevels = (rows: number, nulls: number): boolean => rows > 0 && (nulls === 0 || nulls === rows);

/**
 * Definition levels (bit width 1), after their length: a column with both values and
 * nulls as one bit-packed run of its validity bitmap; a column without nulls (or of
 * nulls only) as one RLE run, which DuckDB reads without looking at each row (the
 * report's queries over 2M nginx requests, replayed on one thread: 463-466 ms against
 * 472-473; the endpoint tally 62-64 against 69-70).
 */
export function writeLevels(out: Buffer, p: number, bits: Uint8Array, rows: number, nulls: number): number {
  const start = p;
  if (uniformLevels(rows, nulls)) {
    p = writeVarint(out, p + 4, rows * 2);
    out[p++] = nulls === 0 ? 1 : 0;
  } else {
    const groups = (rows + 7) >> 3;
    p = writeVarint(out, p + 4, groups * 2 + 1);
    for (let i = 0; i < groups; i++) out[p++] = bits[i];
  }
  writeLength(out, start, p - start - 4);
  return p;
}

/** The bytes writeLevels takes for `rows` values, `nulls` of them null. */
export function levelsLength(rows: number, nulls: number): number {
  if (uniformLevels(rows, nulls)) return 4 + varintLength(rows * 2) + 1;
  const groups = (rows + 7) >> 3;
  return 4 + varintLength(groups * 2 + 1) + groups;
}
