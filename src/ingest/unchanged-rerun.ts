/**
 * The cron re-run that finds nothing new, answered without opening the store: when the
 * ledger snapshot is to be trusted (ledger-snapshot.ts) and it knows every input as
 * read to its end and untouched since, by the same stamp test the ledger itself makes
 * first (LedgerIndex.unchanged), the run reports them all unchanged, as a run through
 * DuckDB would. Anything else (a new or grown file, a rotated one, stdin, a missing
 * path, retention that would prune a request) and the run goes through the store as usual.
 */
import { LedgerSnapshot, type SnapshotEntry } from '../store/ledger-snapshot.js';
import { retentionCutoffUs, type StoreCounts } from '../store/maintenance.js';
import { stampOf } from './file-stamp.js';
import { STDIN_PATH } from './sources.js';
import { inputsFor, skippedInfo, type IncrementalInfo } from './store-inputs.js';

/** Every input of a run, each with the snapshot's entry that knows it unchanged. */
export interface UnchangedInputs {
  paths: string[];
  entries: SnapshotEntry[];
  store: StoreCounts;
}

export async function unchangedRerun(paths: readonly string[], db: string, retainUs?: number, nowMs: number = Date.now()): Promise<UnchangedInputs | null> {
  if (paths.includes(STDIN_PATH)) return null;
  const snapshot = LedgerSnapshot.read(db);
  if (snapshot === null) return null;
  const { oldestUs } = snapshot.facts;
  if (retainUs !== undefined && oldestUs !== null && oldestUs < retentionCutoffUs(retainUs, nowMs)) return null;
  const inputs = await inputsFor(paths, db);
  const entries: SnapshotEntry[] = [];
  for (const path of inputs) {
    const stamp = stampOf(path);
    const known = stamp === null ? undefined : snapshot.unchanged(stamp);
    if (known === undefined) return null;
    entries.push(known);
  }
  return { paths: inputs, entries, store: snapshot.facts.counts };
}

/**
 * What the run reports of each input: unchanged, as a run through the store would say.
 * Made only when asked: a quiet cron run prints none of it, and over thousands of files
 * these objects were a sixth of the re-run.
 */
export function unchangedInfos(unchanged: UnchangedInputs): IncrementalInfo[] {
  return unchanged.paths.map((path, i) => {
    const entry = unchanged.entries[i];
    return skippedInfo(path, entry, entry.size, entry.gzip, 'unchanged');
  });
}
