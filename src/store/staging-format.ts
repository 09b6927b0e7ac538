/**
 * The staging files between the parsers and DuckDB: plain, uncompressed Parquet
 * (apache/parquet-format, parquet.thrift) that DuckDB bulk-loads with its own parallel
 * reader (bulk-queries.ts). Parquet replaced CSV text here: DuckDB reads it without
 * parsing (2M nginx rows: 0.13 core-seconds to scan against 0.75 for the CSV), and
 * numbers are written as binary instead of digits (docs/performance.md).
 *
 * Each row group holds one data page per column, PLAIN-encoded. Optional columns carry
 * definition levels as one bit-packed run of bit width 1, which is exactly a validity
 * bitmap (least significant bit first).
 */
import { TEXT_FIELDS } from '../../parsers/scanned-record.js';
import { ThriftWriter, varintLength, writeVarint } from './thrift-compact.js';

/** Parquet physical types (parquet.thrift `Type`). */
export const enum Physical { Int32 = 1, Int64 = 2, Double = 5, ByteArray = 6 }
const PLAIN = 0;
const RLE = 3;
const RLE_DICTIONARY = 8;
const UTF8 = 0;
const INT_16 = 16;
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

const stagingColumn = (name: string, type: Physical, optional: boolean, annotation = Annotation.None, bounded = false): StagingColumn =>
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

export const MAGIC = Buffer.from('PAR1', 'latin1');

/** A DATA_PAGE header (v1) for `rows` values whose encoded levels and values take pageBytes. */
export function pageHeader(rows: number, pageBytes: number): Buffer {
  return new ThriftWriter().structBody((w) => {
    w.i32(1, DATA_PAGE).i32(2, pageBytes).i32(3, pageBytes);
    w.struct(5, (d) => d.i32(1, rows).i32(2, PLAIN).i32(3, RLE).i32(4, RLE));
  }).toBuffer();
}

/**
 * The footer of a staging file whose row groups start at the given offsets, each
 * followed by its run columns' chunks: the FileMetaData, its length and the closing
 * magic.
 */
export function fileFooter(groups: readonly { at: number; layout: RowGroupLayout; runs: readonly RunChunk[] }[]): Buffer {
  const runColumns = RUN_COLUMNS.map((name) => stagingColumn(name, Physical.ByteArray, false));
  const columns = [...STAGING_COLUMNS, ...runColumns];
  const meta = new ThriftWriter().structBody((w) => {
    w.i32(1, 1);
    w.listOfStructs(2, [null, ...columns], (s, column) => {
      if (column === null) {
        s.string(4, 'schema').i32(5, columns.length);
        return;
      }
      s.i32(1, column.type).i32(3, column.optional ? 1 : 0).string(4, column.name);
      if (column.type === Physical.ByteArray) s.i32(6, UTF8);
      else if (column.annotation === Annotation.Int16) s.i32(6, INT_16);
      // TIMESTAMP(isAdjustedToUTC = false, MICROS): a plain TIMESTAMP, as the table's.
      else if (column.annotation === Annotation.TimestampMicros) s.struct(10, (l) => l.struct(8, (t) => t.bool(1, false).struct(2, (u) => u.struct(2, () => {}))));
    });
    w.i64(3, groups.reduce((n, g) => n + g.layout.rows, 0));
    w.listOfStructs(4, groups, (g, { at, layout, runs }) => {
      // Every chunk: where it starts, its data page, its length; a run column's starts
      // with its dictionary page.
      const chunks = [
        ...STAGING_COLUMNS.map((column, i) => {
          const start = at + layout.offsets[i];
          return { column, at: start, dataAt: start, length: layout.lengths[i], encodings: column.optional ? [PLAIN, RLE] : [PLAIN], dictionary: false, stats: layout.stats[i] };
        }),
        ...runColumns.map((column, i) => ({ column, ...runs[i], encodings: [PLAIN, RLE, RLE_DICTIONARY], dictionary: true, stats: undefined })),
      ];
      g.listOfStructs(1, chunks, (c, chunk) => {
        c.i64(2, chunk.at);
        c.struct(3, (m) => {
          m.i32(1, chunk.column.type).listOfI32(2, chunk.encodings).listOfStrings(3, [chunk.column.name]);
          m.i32(4, 0).i64(5, layout.rows).i64(6, chunk.length).i64(7, chunk.length).i64(9, chunk.dataAt);
          if (chunk.dictionary) m.i64(11, chunk.at);
          const stats = chunk.stats;
          if (stats !== undefined) m.struct(12, (st) => writeStatistics(st, chunk.column, stats));
        });
      });
      g.i64(2, chunks.reduce((total, chunk) => total + chunk.length, 0)).i64(3, layout.rows);
    });
    w.string(6, 'logcodes');
  }).toBuffer();
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(meta.length, 0);
  MAGIC.copy(tail, 4);
  return Buffer.concat([meta, tail]);
}

/** parquet.thrift `Statistics`: null_count, and max_value and min_value in their PLAIN encoding. */
function writeStatistics(w: ThriftWriter, column: StagingColumn, stats: ChunkStats): void {
  w.i64(3, stats.nulls);
  if (!column.bounded || Number.isNaN(stats.min)) return;
  w.bytesField(5, plainNumber(column.type, stats.max)).bytesField(6, plainNumber(column.type, stats.min));
}

function plainNumber(type: Physical, value: number): Buffer {
  const bytes = Buffer.alloc(type === Physical.Int32 ? 4 : 8);
  if (type === Physical.Int32) bytes.writeInt32LE(value);
  else if (type === Physical.Int64) bytes.writeBigInt64LE(BigInt(value));
  else bytes.writeDoubleLE(value);
  return bytes;
}

/** Definition levels (bit width 1) as one bit-packed run: length, run header, bitmap. */
export function writeLevels(out: Buffer, p: number, bits: Uint8Array, groups: number): number {
  const start = p;
  p = writeVarint(out, p + 4, groups * 2 + 1);
  for (let i = 0; i < groups; i++) out[p++] = bits[i];
  writeLength(out, start, p - start - 4);
  return p;
}

/** The bytes writeLevels takes for `rows` values. */
export function levelsLength(rows: number): number {
  const groups = (rows + 7) >> 3;
  return 4 + varintLength(groups * 2 + 1) + groups;
}
