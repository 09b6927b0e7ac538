/**
 * One staging Parquet file being written (staging-format.ts): the magic, row groups
 * each followed by its format and input run columns, and the footer on close.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileFooter, MAGIC, runColumnChunk, type RowGroupLayout, type RunChunk } from './staging-format.js';

/** A stretch of rows of one input and format. */
export interface InputRun { input: string; format: string; rows: number }

export class StagingFile {
  private readonly fd: number;
  private written = 0;
  private readonly groups: { at: number; layout: RowGroupLayout; runs: RunChunk[] }[] = [];

  /** Creates the file; it must not exist yet ('wx': never through a planted link). */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx');
    this.write(MAGIC);
  }

  get byteLength(): number {
    return this.written;
  }

  /** A row group encoded by a RowGroupEncoder, whose rows are the runs, in order. */
  addGroup(bytes: Buffer, layout: RowGroupLayout, runs: readonly InputRun[]): void {
    const at = this.written;
    this.write(bytes);
    // The run columns, in RUN_COLUMNS order: format, then input.
    const runChunks: RunChunk[] = [];
    for (const pick of [(r: InputRun) => r.format, (r: InputRun) => r.input]) {
      const chunk = runColumnChunk(runs.map((r) => ({ value: pick(r), rows: r.rows })));
      runChunks.push({ at: this.written, dataAt: this.written + chunk.dataOffset, length: chunk.bytes.length });
      this.write(chunk.bytes);
    }
    this.groups.push({ at, layout, runs: runChunks });
  }

  /** Writes the footer and closes the file. */
  close(): void {
    this.write(fileFooter(this.groups));
    closeSync(this.fd);
  }

  private write(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.written += bytes.length;
  }
}
