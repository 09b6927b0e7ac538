/**
 * The ledger's rows in memory, indexed for the questions a run asks per file: which
 * entry a file's head matches (by head length and fingerprint), and whether a file is
 * one the ledger knows read to its end and untouched since (by device and inode).
 * FileLedger keeps it in step with what it writes.
 */

export interface LedgerWrite {
  path: string;
  format: string | null;
  gzip: boolean;
  size: number;
  mtimeUs: number;
  inode: number;
  device: number;
  headLen: number;
  fingerprint: string;
  offset: number;
  lines: number;
  records: number;
  malformed: number;
  skipped: number;
  gzipSize: number | null;
}

/** A ledger row as read back: what was written, with its id. */
export interface LedgerEntry extends LedgerWrite {
  fileId: number;
}

/** A file's head as the ledger matches it: its length and fingerprint, and its prefixes' fingerprints. */
export interface HeadPrints {
  length: number;
  whole: string;
  /** The fingerprint of the first `length` bytes; asked for in ascending length. */
  prefix(length: number): string;
}

/** What tells a file apart without reading it. */
export interface FileStamp {
  size: number;
  mtimeUs: number;
  inode: number;
  device: number;
}

/** Whether an entry's file was read to its end: all of a plain file, or a whole gzip file (its compressed size recorded). */
export const readToEnd = (entry: LedgerEntry): boolean => (entry.gzip ? entry.gzipSize === entry.size : entry.offset === entry.size);

/** Whether a file with this stamp is the one entry was written for, untouched since. */
export const sameStamp = (entry: FileStamp, stamp: FileStamp): boolean =>
  entry.device === stamp.device && entry.inode === stamp.inode && entry.size === stamp.size && entry.mtimeUs === stamp.mtimeUs;

const contentKey = (headLen: number, fingerprint: string): string => `${headLen}:${fingerprint}`;
/** A file's key by device and inode: the ledger's and its snapshot's (ledger-snapshot.ts) index of files read to their end. */
export const inodeKey = (device: number, inode: number): string => `${device}:${inode}`;

/** The entry of a list read furthest (the first of equals). */
function furthest(entries: readonly LedgerEntry[] | undefined, than?: LedgerEntry): LedgerEntry | undefined {
  let best = than;
  for (const entry of entries ?? []) if (best === undefined || entry.offset > best.offset) best = entry;
  return best;
}

export class LedgerIndex {
  private readonly rows = new Map<number, LedgerEntry>();
  private readonly byContent = new Map<string, LedgerEntry[]>();
  /** The rows by device and inode: the file each was last written for. */
  private readonly byInode = new Map<string, LedgerEntry>();
  /** The distinct head lengths of the rows, ascending. */
  private readonly lengths: number[] = [];
  /**
   * reach[i]: how far the rows with heads of lengths[i] or shorter were read, at most.
   * An update leaves it as it was, which can only cost a needless look at the shorter
   * heads, never a wrong match.
   */
  private readonly reach: number[] = [];

  get(fileId: number): LedgerEntry | undefined {
    return this.rows.get(fileId);
  }

  /**
   * The entry for a head: one whose fingerprint covers exactly this head, or a shorter
   * head that this one begins with (a small file that grew, or its compressed copy);
   * of several, the one read furthest.
   */
  match(head: HeadPrints): LedgerEntry | undefined {
    let best = furthest(this.byContent.get(contentKey(head.length, head.whole)));
    // Shorter heads are hashed for only when one of them was read further than the best
    // so far: a re-run over unchanged files needs one lookup each.
    const below = this.shorterThan(head.length);
    const shorterReach = below < 0 ? -1 : this.reach[below];
    if (shorterReach < 0 || (best !== undefined && best.offset >= shorterReach)) return best;
    for (const length of this.lengths) {
      if (length >= head.length) break;
      best = furthest(this.byContent.get(contentKey(length, head.prefix(length))), best);
    }
    return best;
  }

  /**
   * The entry of a file read to its end that has not changed since: the same inode and
   * device, size and modification time as recorded. A cron run over an archive finds
   * most files so, without opening them.
   */
  unchanged(stamp: FileStamp): LedgerEntry | undefined {
    const entry = this.byInode.get(inodeKey(stamp.device, stamp.inode));
    return entry !== undefined && sameStamp(entry, stamp) && readToEnd(entry) ? entry : undefined;
  }

  /** The entries unchanged() can find: the last one of each file, if read to its end. */
  readToEnd(): LedgerEntry[] {
    return [...this.byInode.values()].filter(readToEnd);
  }

  add(entry: LedgerEntry): void {
    this.rows.set(entry.fileId, entry);
    this.byInode.set(inodeKey(entry.device, entry.inode), entry);
    const key = contentKey(entry.headLen, entry.fingerprint);
    const same = this.byContent.get(key);
    if (same === undefined) this.byContent.set(key, [entry]);
    else same.push(entry);
    let at = this.shorterThan(entry.headLen) + 1;
    if (this.lengths[at] !== entry.headLen) {
      this.lengths.splice(at, 0, entry.headLen);
      this.reach.splice(at, 0, at > 0 ? this.reach[at - 1] : -1);
    }
    for (; at < this.reach.length; at++) if (this.reach[at] < entry.offset) this.reach[at] = entry.offset;
  }

  remove(entry: LedgerEntry): void {
    this.rows.delete(entry.fileId);
    const inode = inodeKey(entry.device, entry.inode);
    if (this.byInode.get(inode) === entry) this.byInode.delete(inode);
    const key = contentKey(entry.headLen, entry.fingerprint);
    const rest = (this.byContent.get(key) ?? []).filter((e) => e.fileId !== entry.fileId);
    if (rest.length > 0) this.byContent.set(key, rest);
    else this.byContent.delete(key);
  }

  /** The index of the longest head length below `length`, or -1. */
  private shorterThan(length: number): number {
    let low = 0;
    let high = this.lengths.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.lengths[middle] < length) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }
}
