/**
 * The staging files of a bulk writer (bulk-writer.ts), one open at a time, numbered in
 * its private directory. In keep mode the closed files are kept for a view, with the
 * extent of their rows; otherwise the writer hands each to a load.
 */
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { MergedGroup } from './group-merger.js';
import { combineExtents, StagingFile, type StagedExtent } from './staging-file.js';

export class StagingFiles {
  private open: StagingFile | null = null;
  private count = 0;
  private readonly keptFiles: string[] = [];
  private keptExtent: StagedExtent = { requests: 0, firstUs: null, lastUs: null };

  constructor(private readonly directory: string, private readonly keep: boolean) {}

  /** The bytes written to the open file so far. */
  get openBytes(): number {
    return this.open?.byteLength ?? 0;
  }

  /** The closed files kept for a view (keep mode). */
  get kept(): readonly string[] {
    return this.keptFiles;
  }

  /** The rows of the kept files, and their first and last `ts`. */
  get extent(): StagedExtent {
    return this.keptExtent;
  }

  write(group: MergedGroup): void {
    this.open ??= new StagingFile(join(this.directory, `${++this.count}.parquet`));
    this.open.addGroup(group.parts, group.runs);
  }

  /** Closes the open file and returns its path (null when none was open); keep mode keeps it. */
  close(): string | null {
    if (this.open === null) return null;
    const { path, extent } = this.open;
    this.open.close();
    this.open = null;
    if (this.keep) {
      this.keptFiles.push(path);
      this.keptExtent = combineExtents(this.keptExtent, extent);
    }
    return path;
  }

  /** Closes the open file and removes it unread (not in keep mode, whose files are the view's). */
  drop(): void {
    const path = this.keep ? null : this.close();
    if (path !== null) unlinkSync(path);
  }
}
