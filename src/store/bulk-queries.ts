/**
 * SQL over staging files written by BulkWriter (staging-format.ts): loading one into
 * the requests table, or serving them all as the requests view of an in-memory run.
 * Both read the staged columns by the table's own names and types (the staging
 * schema annotates them: staging-format.ts), through one projection generated from the
 * table's definition (schema.ts). Plain column names matter: DuckDB pushes a filter on
 * `ts` or `status` down to the row group statistics only through plain columns, not
 * through a cast or `make_timestamp`.
 */
import { REQUEST_COLUMNS } from './schema.js';

const STAGED_AS_REQUESTS = `SELECT ${REQUEST_COLUMNS.map((c) => c.name).join(', ')}`;

export const INSERT_FROM_STAGING_SQL = `INSERT INTO requests ${STAGED_AS_REQUESTS} FROM read_parquet($file)`;

/**
 * The staging files' paths, a list bound per connection: a view cannot take
 * parameters, and paths are never spliced into SQL (nor read as globs).
 */
export const SET_STAGING_FILES_SQL = 'SET VARIABLE logcodes_staging = $files';
export const DROP_REQUESTS_TABLE_SQL = 'DROP TABLE requests';
export const CREATE_REQUESTS_VIEW_SQL = `CREATE VIEW requests AS ${STAGED_AS_REQUESTS} FROM read_parquet(getvariable('logcodes_staging'))`;
