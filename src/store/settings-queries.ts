/** DuckDB settings changed for a phase of a run (log-store.ts). */
export const ONE_THREAD_SQL = 'SET threads = 1';
export const DEFAULT_THREADS_SQL = 'RESET threads';
export const SET_MEMORY_LIMIT_SQL = 'SET memory_limit = $limit';
/**
 * A store in memory reports from its staging files with some twenty queries, and each
 * read and parsed every file's footer again: 2-3 ms a query over 2M staged requests.
 * (Set once the view has loaded DuckDB's Parquet reader: the setting is the reader's.)
 */
export const CACHE_PARQUET_METADATA_SQL = 'SET GLOBAL parquet_metadata_cache = true';
