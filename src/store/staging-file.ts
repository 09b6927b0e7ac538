/**
 * One staging Parquet file being written (staging-format.ts): the magic, row groups
 * each followed by its format and input run columns, and the footer on close.
 */
import { closeSync, openSync, writeSync, writevSync } from 'node:fs';
import { combineStats } from './chunk-stats.js';
import { fileFooter, rowGroupMetadata } from './staging-footer.js';
import { MAGIC, NumberColumn, runColumnChunk, STAGING_COLUMNS, type EncodedRowGroup, type RowGroupLayout, type RunChunk } from './staging-format.js';

/** A stretch of rows of one input and format. */
export interface InputRun { input: string; format: string; rows: number }

/** Appends rows of one input and format to runs: the last run grows when it is theirs. */
export function extendRuns(runs: InputRun[], input: string, format: string, rows: number): void {
  const last = runs[runs.length - 1];
  if (last !== undefined && last.input === input && last.format === format) last.rows += rows;
  else runs.push({ input, format, rows });
}

/**
 * The requests in staging files and their first and last `ts` (epoch microseconds; null
 * without rows), from the row groups' statistics: what a count(*), min(ts) and max(ts)
 * over them would give, in the shape of the analysis' bounds (summary.ts `Bounds`).
 */
export interface StagedExtent { requests: number; firstUs: number | null; lastUs: number | null }

/** The smaller (pick Math.min) or larger of two times, either of which may be missing. */
const either = (a: number | null, b: number | null, pick: (x: number, y: number) => number): number | null =>
  a === null ? b : b === null ? a : pick(a, b);

/** Two extents as one. */
export function combineExtents(a: StagedExtent, b: StagedExtent): StagedExtent {
  return { requests: a.requests + b.requests, firstUs: either(a.firstUs, b.firstUs, Math.min), lastUs: either(a.lastUs, b.lastUs, Math.max) };
}

/** Pieces per writev call (the usual IOV_MAX). */
const MAX_PIECES = 1024;

export class StagingFile {
  private readonly fd: number;
  private written = 0;
  /** Each row group's footer metadata, encoded as the group is written (rowGroupMetadata). */
  private readonly groups: Buffer[] = [];
  private extentSoFar: StagedExtent = { requests: 0, firstUs: null, lastUs: null };

  /** Creates the file; it must not exist yet ('wx': never through a planted link). */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx');
    this.write(MAGIC);
  }

  get byteLength(): number {
    return this.written;
  }

  get extent(): StagedExtent {
    return this.extentSoFar;
  }

  /**
   * Encoded row groups written as one row group, whose rows are the runs, in order.
   * Each column chunk is the parts' pages of that column one after another (a chunk
   * may hold many data pages), so that several small groups read as one: DuckDB's
   * Parquet reader pays for every row group it opens.
   */
  addGroup(parts: readonly EncodedRowGroup[], runs: readonly InputRun[]): void {
    const at = this.written;
    let layout: RowGroupLayout;
    if (parts.length === 1) {
      this.write(parts[0].bytes);
      layout = parts[0].layout;
    } else {
      const pieces: Buffer[] = [];
      const offsets: number[] = [];
      const lengths: number[] = [];
      let p = 0;
      for (let c = 0; c < STAGING_COLUMNS.length; c++) {
        offsets.push(p);
        for (const { bytes, layout: part } of parts) {
          pieces.push(bytes.subarray(part.offsets[c], part.offsets[c] + part.lengths[c]));
          p += part.lengths[c];
        }
        lengths.push(p - offsets[c]);
      }
      this.writePieces(pieces);
      const stats = STAGING_COLUMNS.map((_, c) => combineStats(parts.map((part) => part.layout.stats[c])));
      layout = { rows: parts.reduce((n, part) => n + part.layout.rows, 0), offsets, lengths, stats };
    }
    // The run columns, in RUN_COLUMNS order: format, then input.
    const runChunks: RunChunk[] = [];
    for (const pick of [(r: InputRun) => r.format, (r: InputRun) => r.input]) {
      const chunk = runColumnChunk(runs.map((r) => ({ value: pick(r), rows: r.rows })));
      runChunks.push({ at: this.written, dataAt: this.written + chunk.dataOffset, length: chunk.bytes.length });
      this.write(chunk.bytes);
    }
    this.groups.push(rowGroupMetadata({ at, layout, runs: runChunks }));
    const ts = layout.stats[NumberColumn.ts];
    const empty = layout.rows === 0 || Number.isNaN(ts.min);
    this.extentSoFar = combineExtents(this.extentSoFar, { requests: layout.rows, firstUs: empty ? null : ts.min, lastUs: empty ? null : ts.max });
  }

  /** Writes the footer and closes the file. */
  close(): void {
    this.write(fileFooter(this.groups, this.extentSoFar.requests));
    closeSync(this.fd);
  }

  private write(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.written += bytes.length;
  }

  /** Writes pieces in order, with few system calls (writev), finishing short writes piece by piece. */
  private writePieces(pieces: readonly Buffer[]): void {
    for (let first = 0; first < pieces.length; first += MAX_PIECES) {
      const batch = pieces.slice(first, first + MAX_PIECES);
      let done = writevSync(this.fd, batch);
      this.written += done;
      for (const piece of batch) {
        if (done >= piece.length) done -= piece.length;
        else {
          this.write(piece.subarray(done));
          done = 0;
        }
      }
    }
  }
}
