/**
 * Housekeeping of a persistent store: retention and figures about what it holds.
 * Deleted rows free their blocks for reuse at the checkpoint, so a store kept with a
 * retention window stops growing once the window is full. The ledger keeps its rows,
 * so files whose requests were pruned are not ingested again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './query.js';
import { LEDGER_STATS_SQL } from './ledger-queries.js';

const PRUNE_SQL = 'DELETE FROM requests WHERE ts < make_timestamp($cutoff::BIGINT)';
const OLDEST_SQL = 'SELECT epoch_us(min(ts)) AS oldest FROM requests';

/** Requests before this time (µs since the epoch) are pruned by retention of retainUs at nowMs. */
export const retentionCutoffUs = (retainUs: number, nowMs: number): number => Math.round(nowMs * 1000 - retainUs);

export async function applyRetention(connection: DuckDBConnection, retainUs: number, nowMs: number = Date.now()): Promise<number> {
  const cutoff = BigInt(retentionCutoffUs(retainUs, nowMs));
  const result = await connection.run(PRUNE_SQL, { cutoff });
  await connection.run('CHECKPOINT');
  return Number(result.rowsChanged);
}

/** The time of the store's oldest request (µs since the epoch), null when it holds none: what retention would prune first. */
export async function oldestRequestUs(connection: DuckDBConnection): Promise<number | null> {
  const [row] = await queryRows(connection, OLDEST_SQL);
  return (row.oldest as number | null) ?? null;
}

/** What a store holds: its ledger's files and its requests. */
export interface StoreCounts {
  files: number;
  requests: number;
}

export async function storeStats(connection: DuckDBConnection): Promise<StoreCounts> {
  const [ledger] = await queryRows(connection, LEDGER_STATS_SQL);
  const [rows] = await queryRows(connection, 'SELECT count(*) AS n FROM requests');
  return { files: ledger.files as number, requests: rows.n as number };
}
