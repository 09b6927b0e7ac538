/**
 * Collects small row groups of one kind (row-group-split.ts) until they are worth one
 * row group of a staging file. A 2 MB chunk's notable rows are a few hundred: DuckDB's
 * Parquet reader pays for every row group a query opens (docs/performance.md), so such
 * groups are joined before they are written.
 *
 * Small parts are copied into an arena of the merger's own, so that the buffer a part
 * came in goes back to its worker at once instead of waiting for its group.
 */
import { extendRuns, type InputRun } from './staging-file.js';
import type { EncodedRowGroup } from './staging-format.js';

/** Parts joined into one row group at most (each adds a page to every column chunk). */
const MAX_PARTS = 64;

export interface MergedGroup { parts: EncodedRowGroup[]; runs: InputRun[] }

export class GroupMerger {
  private readonly arena: Buffer;
  private used = 0;
  private parts: EncodedRowGroup[] = [];
  private runs: InputRun[] = [];

  /**
   * groupBytes: a group is complete at this size. write: writes a complete group; it is
   * called before the arena is reused, so the group's bytes are valid during the call only.
   */
  constructor(private readonly groupBytes: number, private readonly write: (group: MergedGroup) => void) {
    this.arena = Buffer.allocUnsafeSlow(groupBytes);
  }

  get pendingBytes(): number {
    return this.used;
  }

  /**
   * Adds a part whose rows are the runs. A part of a quarter of a group or more is
   * written as a group of its own, without a copy (a chunk's ordinary rows: copying
   * them cost the main thread more than joining them saved the report); a smaller one
   * is joined to the pending parts, which are written first if it does not fit.
   */
  add(part: EncodedRowGroup, runs: readonly InputRun[]): void {
    const size = part.bytes.length;
    if (size >= this.arena.length / 4) {
      this.write({ parts: [part], runs: [...runs] });
      return;
    }
    if (this.used + size > this.arena.length) this.flush();
    part.bytes.copy(this.arena, this.used);
    this.parts.push({ bytes: this.arena.subarray(this.used, this.used + size), layout: part.layout });
    this.used += size;
    for (const run of runs) extendRuns(this.runs, run.input, run.format, run.rows);
    if (this.used >= this.groupBytes || this.parts.length >= MAX_PARTS) this.flush();
  }

  /** Drops the pending parts unwritten. */
  discard(): void {
    this.parts = [];
    this.runs = [];
    this.used = 0;
  }

  /** Writes the pending parts as one group, if any. */
  flush(): void {
    if (this.parts.length === 0) return;
    const group = { parts: this.parts, runs: this.runs };
    this.parts = [];
    this.runs = [];
    this.used = 0;
    this.write(group);
  }
}
