/**
 * SQL over staging files written by BulkWriter (staging-format.ts): loading one into
 * the requests table, or serving them all as the requests view of an in-memory run.
 * Both read the staged columns through one projection, generated from the table's
 * definition (schema.ts): microseconds become the TIMESTAMP, the Parquet integers the
 * table's narrower types.
 */
import { REQUEST_COLUMNS } from './schema.js';

const STAGED_AS_REQUESTS = `SELECT ${REQUEST_COLUMNS.map((c) =>
  c.name === 'ts' ? 'make_timestamp(ts_us) AS ts' : c.sqlType === 'SMALLINT' ? `${c.name}::SMALLINT AS ${c.name}` : c.name).join(', ')}`;

export const INSERT_FROM_STAGING_SQL = `INSERT INTO requests ${STAGED_AS_REQUESTS} FROM read_parquet($file)`;

/**
 * The staging files' paths, a list bound per connection: a view cannot take
 * parameters, and paths are never spliced into SQL (nor read as globs).
 */
export const SET_STAGING_FILES_SQL = 'SET VARIABLE logcodes_staging = $files';
export const DROP_REQUESTS_TABLE_SQL = 'DROP TABLE requests';
export const CREATE_REQUESTS_VIEW_SQL = `CREATE VIEW requests AS ${STAGED_AS_REQUESTS} FROM read_parquet(getvariable('logcodes_staging'))`;
