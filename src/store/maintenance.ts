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

export async function applyRetention(connection: DuckDBConnection, retainUs: number, nowMs: number = Date.now()): Promise<number> {
  const cutoff = BigInt(Math.round(nowMs * 1000 - retainUs));
  const result = await connection.run(PRUNE_SQL, { cutoff });
  await connection.run('CHECKPOINT');
  return Number(result.rowsChanged);
}

export async function storeStats(connection: DuckDBConnection): Promise<{ files: number; requests: number }> {
  const [ledger] = await queryRows(connection, LEDGER_STATS_SQL);
  const [rows] = await queryRows(connection, 'SELECT count(*) AS n FROM requests');
  return { files: ledger.files as number, requests: rows.n as number };
}
