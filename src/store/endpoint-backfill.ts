/**
 * Database files written before the `endpoint` column existed get it when they are
 * opened, and rows loaded from Parquet exported before it get theirs as they load.
 * `requests` is copied with the column appended (schema.ts keeps it last, so the table
 * again matches REQUEST_COLUMNS), computed from each row's method and path by the
 * templating the writers use (endpoint-template.ts), run as a scalar function. One
 * transaction: an interrupted upgrade leaves the file as it was.
 *
 * A copy rather than ALTER TABLE and UPDATE: DuckDB keeps updated values in memory until
 * the transaction commits, and 10M endpoints outgrew the 96 MB cap of a database file
 * (as did joining the rows to a table of their templated paths); the copy's rows go to
 * disk as it writes them. Over 10M requests the upgrade took 20-22 s and 270-320 MB.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import { endpointOf } from './endpoint-template.js';
import { queryRows } from './query.js';

/** pragma_table_info rather than duckdb_columns(), which lists every column of every table: 7-12 ms of each open, against 1-2. */
const HAS_ENDPOINT_SQL = "SELECT count(*) AS n FROM pragma_table_info('requests') WHERE name = 'endpoint'";
const ENDPOINT_FUNCTION = 'logcodes_endpoint';
const UPGRADE_SQL = [
  `CREATE TABLE requests_with_endpoints AS SELECT *, ${ENDPOINT_FUNCTION}(method, path) AS endpoint FROM requests`,
  'DROP TABLE requests',
  'ALTER TABLE requests_with_endpoints RENAME TO requests',
];

/** Whether the database's requests table lacks the endpoint column (a file from before it). */
export async function lacksEndpoint(connection: DuckDBConnection): Promise<boolean> {
  const [row] = await queryRows(connection, HAS_ENDPOINT_SQL);
  return row.n === 0;
}

const FILL_MISSING_SQL = `UPDATE requests SET endpoint = ${ENDPOINT_FUNCTION}(method, path) WHERE endpoint IS NULL`;

const registered = new WeakSet<DuckDBConnection>();

/** endpointOf as a SQL function of method and path, nulls included, on this connection. */
function registerEndpointFunction(connection: DuckDBConnection): void {
  if (registered.has(connection)) return;
  registered.add(connection);
  const { DuckDBScalarFunction, VARCHAR } = duckdb();
  connection.registerScalarFunction(DuckDBScalarFunction.create({
    name: ENDPOINT_FUNCTION,
    returnType: VARCHAR,
    parameterTypes: [VARCHAR, VARCHAR],
    // Called for null arguments too: a request without a method still has an endpoint.
    specialHandling: true,
    mainFunction: (_info, input, output) => {
      const methods = input.getColumnVector(0);
      const paths = input.getColumnVector(1);
      for (let row = 0; row < input.rowCount; row++) {
        output.setItem(row, endpointOf(methods.getItem(row) as string | null, paths.getItem(row) as string | null));
      }
      output.flush();
    },
  }));
}

export async function backfillEndpoints(connection: DuckDBConnection): Promise<void> {
  registerEndpointFunction(connection);
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const sql of UPGRADE_SQL) await connection.run(sql);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/**
 * Rows loaded without an endpoint (Parquet exported before the column existed, read
 * with the others by name: parquet-queries.ts) get theirs from their method and path.
 */
export async function fillMissingEndpoints(connection: DuckDBConnection): Promise<void> {
  registerEndpointFunction(connection);
  await connection.run(FILL_MISSING_SQL);
}
