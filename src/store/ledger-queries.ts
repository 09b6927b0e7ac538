/**
 * SQL of the file ledger: one row per distinct file content, recording how far it was
 * read. Rows of `requests` and the ledger row of their file commit together.
 *
 * The table has no index and no PRIMARY KEY on purpose: DuckDB rewrites indexed
 * columns on UPDATE as delete + insert, and after replaying a write-ahead log left by
 * a killed run such an UPDATE failed ("Failed to delete all rows from index") and
 * invalidated the database. A ledger holds one row per file, so a scan is cheap.
 */
export const CREATE_LEDGER = [
  'CREATE SEQUENCE IF NOT EXISTS ingested_files_seq',
  `CREATE TABLE IF NOT EXISTS ingested_files (
  file_id BIGINT NOT NULL DEFAULT nextval('ingested_files_seq'),
  path VARCHAR NOT NULL,
  format VARCHAR,
  gzip BOOLEAN NOT NULL,
  size BIGINT NOT NULL,
  mtime_us BIGINT NOT NULL,
  inode BIGINT NOT NULL,
  device BIGINT NOT NULL,
  head_len INTEGER NOT NULL,
  fingerprint VARCHAR NOT NULL,
  offset_bytes BIGINT NOT NULL,
  lines BIGINT NOT NULL,
  records BIGINT NOT NULL,
  malformed BIGINT NOT NULL,
  skipped BIGINT NOT NULL,
  gzip_size BIGINT,
  first_ingested TIMESTAMP NOT NULL,
  last_ingested TIMESTAMP NOT NULL
)`,
];

/**
 * An entry's columns: read back by ALL_ENTRIES_SQL, and the values an entry is inserted
 * with, each bound to INSERT_ENTRIES_SQL as a list of one value per entry.
 */
export const ENTRY_VALUES = [
  'file_id', 'path', 'format', 'gzip', 'size', 'mtime_us', 'inode', 'device', 'head_len', 'fingerprint',
  'offset_bytes', 'lines', 'records', 'malformed', 'skipped', 'gzip_size',
] as const;

/**
 * Every entry, as one JSON text holding a list per column (null when there are no
 * entries): a run matches file heads against them in memory (file-ledger.ts). Each
 * list is ordered by file_id, so that they line up. Taking the values one by one
 * through the bindings cost a cron re-run over 3,000 files 25-80 ms (its first call
 * the slowest), against 13-18 ms for DuckDB's to_json and one JSON.parse, and more
 * with every file the ledger gains.
 */
export const ALL_ENTRIES_SQL = `
SELECT to_json({${ENTRY_VALUES.map((column) => `${column}: list(${column} ORDER BY file_id)`).join(', ')}})::VARCHAR AS entries
FROM ingested_files`;

/** Ids for new entries, taken from the sequence `$n` at a time (file-ledger.ts). */
export const TAKE_IDS_SQL = `SELECT nextval('ingested_files_seq') AS id FROM range($n::BIGINT)`;

/**
 * Inserts any number of entries: each parameter is a list (ENTRY_VALUES), unnested
 * side by side into rows. One VALUES tuple per entry with a parameter per value took
 * DuckDB 13 ms to bind for 64 entries; the lists take 3.
 */
export const INSERT_ENTRIES_SQL = `
INSERT INTO ingested_files (${ENTRY_VALUES.join(', ')}, first_ingested, last_ingested)
SELECT ${ENTRY_VALUES.map((column) => `unnest($${column})`).join(', ')}, now()::TIMESTAMP, now()::TIMESTAMP`;

/** Updates an entry: the parameters are ENTRY_VALUES (file_id picks the row); an unknown format or gzip size keeps the one recorded. */
export const UPDATE_ENTRY_SQL = `
UPDATE ingested_files SET path = $path, format = coalesce($format, format), gzip = $gzip, size = $size, mtime_us = $mtime_us, inode = $inode,
  device = $device, head_len = $head_len, fingerprint = $fingerprint, offset_bytes = $offset_bytes, lines = $lines, records = $records,
  malformed = $malformed, skipped = $skipped, gzip_size = coalesce($gzip_size, gzip_size), last_ingested = now()::TIMESTAMP
WHERE file_id = $file_id`;

export const LEDGER_STATS_SQL = `SELECT count(*) AS files, coalesce(sum(records), 0) AS records FROM ingested_files`;
