/**
 * Runs a user's SQL over a store or exported Parquet. Read-only unless asked: every
 * statement is prepared and refused unless it is a SELECT or EXPLAIN, a database file
 * is opened READ_ONLY, and over Parquet the engine loses access to the file system
 * once the data is loaded, so no statement can write anywhere.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import { errorMessage, LogcodesError } from '../errors.js';
import { LogStore } from './log-store.js';
import { loadParquet } from './parquet.js';

export interface QueryResult { columns: string[]; rows: Record<string, unknown>[] }

async function runStatements(connection: DuckDBConnection, sql: string, allowWrite: boolean): Promise<QueryResult> {
  const { StatementType } = duckdb();
  const readOnlyTypes = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);
  const extracted = await connection.extractStatements(sql);
  if (extracted.count === 0) throw new LogcodesError('INVALID_ARGUMENT', 'no SQL statement given');
  let last: QueryResult = { columns: [], rows: [] };
  for (let i = 0; i < extracted.count; i++) {
    const statement = await extracted.prepare(i);
    if (!allowWrite && !readOnlyTypes.has(statement.statementType)) {
      throw new LogcodesError('INVALID_ARGUMENT', `statement ${i + 1} would change data (${StatementType[statement.statementType]}); queries are read-only unless --allow-write is given`);
    }
    const reader = await statement.runAndReadAll();
    // JSON-safe values, except that counts and sums stay numbers while they are exact.
    const js = reader.getRowObjectsJS();
    const json = reader.getRowObjectsJson() as Record<string, unknown>[];
    const rows = json.map((row, i) => {
      for (const [k, v] of Object.entries(js[i])) if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) row[k] = Number(v);
      return row;
    });
    last = { columns: reader.columnNames(), rows };
  }
  return last;
}

export async function userQuery(options: { sql: string; db?: string; parquet?: string; allowWrite?: boolean }): Promise<QueryResult> {
  if ((options.db === undefined) === (options.parquet === undefined)) throw new LogcodesError('INVALID_ARGUMENT', 'query needs --db FILE or --parquet GLOB (one of them)');
  try {
    const parquet = options.parquet;
    if (parquet !== undefined) {
      return await LogStore.use(undefined, {}, async (store) => {
        await loadParquet(store, parquet);
        if (!options.allowWrite) await store.connection.run("SET enable_external_access = false");
        return runStatements(store.connection, options.sql, options.allowWrite ?? false);
      });
    }
    const instance = await duckdb().DuckDBInstance.create(options.db!, options.allowWrite ? {} : { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      return await runStatements(connection, options.sql, options.allowWrite ?? false);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } catch (error) {
    if (error instanceof LogcodesError) throw error;
    throw new LogcodesError('INVALID_ARGUMENT', `query failed: ${errorMessage(error)}`);
  }
}
