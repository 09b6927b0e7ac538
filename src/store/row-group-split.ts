/**
 * Rows are staged in two kinds of row group: ordinary answers (1xx and 2xx) and the
 * rest (redirects, errors, and the 0xx of requests never answered). The breakdowns,
 * attribution and playbook queries all filter on `status >= 300` or `>= 400` (or
 * `< 100`); with each group's status bounds in the footer (ChunkStats), DuckDB skips
 * the ordinary groups, most of a log's rows. Over 2M nginx requests those queries read
 * about a tenth of the rows (docs/performance.md).
 */
import type { ScannedRecord } from '../../parsers/scanned-record.js';
import type { RequestRecord } from '../../parsers/types.js';
import { INITIAL_ROWS, RowGroupEncoder, type OmittableField } from './row-group-encoder.js';
import type { EncodedRowGroup } from './staging-format.js';

export const enum GroupKind { Ordinary = 0, Notable = 1 }
export const GROUP_KINDS = 2;

export function groupKind(status: number): GroupKind {
  return status >= 100 && status < 300 ? GroupKind.Ordinary : GroupKind.Notable;
}

/** A row group of one kind. */
export interface StagedGroup extends EncodedRowGroup { kind: GroupKind }

/** Two RowGroupEncoders, one per kind; each row goes to its status's. */
export class SplitEncoder {
  private readonly encoders: RowGroupEncoder[];

  /** omitted: fields left null (RowGroupEncoder). */
  constructor(omitted: readonly OmittableField[] = []) {
    this.encoders = [new RowGroupEncoder(INITIAL_ROWS, omitted), new RowGroupEncoder(INITIAL_ROWS, omitted)];
  }

  /** Rows collected so far, of both kinds. */
  get rows(): number {
    return this.encoders[0].rows + this.encoders[1].rows;
  }

  get textByteLength(): number {
    return this.encoders[0].textByteLength + this.encoders[1].textByteLength;
  }

  addRecord(r: RequestRecord, line: number): GroupKind {
    const kind = groupKind(r.status);
    this.encoders[kind].addRecord(r, line);
    return kind;
  }

  addScanned(s: ScannedRecord, line: number): void {
    this.encoders[groupKind(s.status)].addScanned(s, line);
  }

  /**
   * The groups that have rows, ordinary first, written one after the other into output
   * (a recycled buffer) while it has room; the encoders start over.
   */
  finish(output?: Buffer): StagedGroup[] {
    const groups: StagedGroup[] = [];
    let free = output;
    for (const kind of [GroupKind.Ordinary, GroupKind.Notable]) {
      if (this.encoders[kind].rows === 0) continue;
      const group = this.encoders[kind].finish(free);
      groups.push({ kind, ...group });
      // The encoder wrote at the start of free when it fitted; the next group goes after it.
      if (free !== undefined && group.bytes.buffer === free.buffer && group.bytes.byteOffset === free.byteOffset) free = free.subarray(group.bytes.length);
    }
    return groups;
  }
}
