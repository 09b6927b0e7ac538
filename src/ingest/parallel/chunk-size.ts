/** Bytes of whole lines handed to a parse worker at a time. */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Chunks for a run that reports from its staging files (analyze without --db): each
 * chunk is one Parquet row group, and DuckDB's reader pays per row group, so 1 MB of
 * ALB lines (1,600 rows) made every report query 1.5-2× slower than the table did.
 * 2 MB: ALB 3.4 -> 3.2 s, nginx 3.7 -> 3.4 s (4 MB: no faster, more memory). A --db
 * ingest keeps 1 MB: the groups are loaded into the table, and 2 MB raised its 10M-line
 * peak from about 375 to 392 MB.
 */
export const SERVED_CHUNK_BYTES = 2 * CHUNK_BYTES;

/** Files smaller than this are parsed on the main thread: starting workers costs more. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
