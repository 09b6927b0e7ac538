/**
 * A run through a store: the paths it reads (its inputs expanded, without the store's
 * own files) and what it reports of an input the ledger lets it skip. Shared by the run
 * itself (incremental-ingest.ts) and the re-run answered from the ledger snapshot
 * (unchanged-rerun.ts), which says the same without loading the ingest path.
 */
import type { LedgerEntry } from '../store/ledger-index.js';
import { storeFileTest } from '../store/ledger-snapshot.js';
import { newInputInfo, type InputInfo } from './info.js';
import { expandInputs } from './sources.js';

/** What the ledger made of an input. */
export type LedgerAction = 'new' | 'resumed' | 'unchanged' | 'truncated' | 'stdin';

export interface IncrementalInfo extends InputInfo {
  action: LedgerAction;
}

/** The inputs to read into the store at db: paths expanded, without the store's own files (when it sits in a log folder). */
export async function inputsFor(paths: readonly string[], db: string): Promise<string[]> {
  const isStoreFile = storeFileTest(db);
  return (await expandInputs(paths)).filter((p) => !isStoreFile(p));
}

/** What an input reports when nothing of it is read: unchanged or truncated. */
export function skippedInfo(path: string, entry: Pick<LedgerEntry, 'format' | 'offset'> | undefined, size: number, gzip: boolean, action: LedgerAction): IncrementalInfo {
  return { ...newInputInfo(path), format: entry?.format ?? null, gzip, size, offset: entry?.offset ?? 0, action };
}
