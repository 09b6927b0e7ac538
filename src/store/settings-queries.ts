/** DuckDB settings changed for a phase of a run (log-store.ts). */
export const ONE_THREAD_SQL = 'SET threads = 1';
export const DEFAULT_THREADS_SQL = 'RESET threads';
export const SET_MEMORY_LIMIT_SQL = 'SET memory_limit = $limit';
