/**
 * The cron re-run that finds nothing new, answered without opening the store: when the
 * ledger snapshot is to be trusted (ledger-snapshot.ts) and it knows every input as
 * read to its end and untouched since, by the same stamp test the ledger itself makes
 * first (LedgerIndex.unchanged), the run reports them all unchanged, as a run through
 * DuckDB would. Anything else (a new or grown file, a rotated one, stdin, a missing
 * path, retention that would prune a request) and the run goes through the store as usual.
 */
import { LedgerSnapshot } from '../store/ledger-snapshot.js';
import { retentionCutoffUs, type StoreCounts } from '../store/maintenance.js';
import { stampOf } from './file-identity.js';
import { inputsFor, skippedInfo, type IncrementalInfo } from './incremental-ingest.js';
import { STDIN_PATH } from './open-input.js';

export async function unchangedRerun(paths: readonly string[], db: string, retainUs?: number, nowMs: number = Date.now()): Promise<{ inputs: IncrementalInfo[]; store: StoreCounts } | null> {
  if (paths.includes(STDIN_PATH)) return null;
  const snapshot = LedgerSnapshot.read(db);
  if (snapshot === null) return null;
  const { oldestUs } = snapshot.facts;
  if (retainUs !== undefined && oldestUs !== null && oldestUs < retentionCutoffUs(retainUs, nowMs)) return null;
  const inputs: IncrementalInfo[] = [];
  for (const path of await inputsFor(paths, db)) {
    const stamp = stampOf(path);
    const known = stamp === null ? undefined : snapshot.unchanged(stamp);
    if (known === undefined) return null;
    inputs.push(skippedInfo(path, known, known.size, known.gzip, 'unchanged'));
  }
  return { inputs, store: snapshot.facts.counts };
}
