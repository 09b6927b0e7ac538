/**
 * SQL for the open Parquet layout: Hive-style partitions by date and source format,
 * ZSTD-compressed, one file per partition, and the bookkeeping of incremental export.
 */
import { REQUEST_COLUMNS } from './schema.js';

export const CREATE_EXPORT_STATE = `CREATE TABLE IF NOT EXISTS exported_partitions (
  dir VARCHAR NOT NULL, day VARCHAR NOT NULL, format VARCHAR NOT NULL, rows BIGINT NOT NULL, signature VARCHAR NOT NULL, exported_at TIMESTAMP NOT NULL
)`;

/** Every partition in the store with a signature that changes when its rows change. */
export const PARTITIONS_SQL = `
SELECT strftime(ts::DATE, '%Y-%m-%d') AS day, format, count(*) AS rows, bit_xor(hash(input, line, ts))::VARCHAR AS signature
FROM requests GROUP BY ALL ORDER BY day, format`;

export const EXPORTED_SQL = 'SELECT day, format, rows, signature FROM exported_partitions WHERE dir = $dir';

/** Columns of a Parquet file: everything but `format`, which the partition path carries. */
export const PARQUET_COLUMNS = REQUEST_COLUMNS.map((c) => c.name).filter((n) => n !== 'format');

export const COPY_PARTITION_SQL = `
COPY (SELECT ${PARQUET_COLUMNS.join(', ')} FROM requests WHERE ts::DATE = $day::DATE AND format = $format ORDER BY ts)
TO $file (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`;

export const FORGET_EXPORT_SQL = 'DELETE FROM exported_partitions WHERE dir = $dir AND day = $day AND format = $format';
export const RECORD_EXPORT_SQL = 'INSERT INTO exported_partitions VALUES ($dir, $day, $format, $rows, $signature, now()::TIMESTAMP)';

/**
 * Loads exported Parquet files back into a `requests` table; the partition columns
 * come from the paths. The file list is already pruned to the wanted days. Columns are
 * matched by name, so that files exported before a column existed (`endpoint`) load
 * with it null (endpoint-backfill.ts then fills it).
 */
export const LOAD_PARQUET_SQL = `
INSERT INTO requests (${REQUEST_COLUMNS.map((c) => c.name).join(', ')})
SELECT ${REQUEST_COLUMNS.map((c) => c.name).join(', ')}
FROM read_parquet($files, hive_partitioning = true, hive_types = {'date': DATE, 'format': VARCHAR}, union_by_name = true)`;
