import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { backfillEndpoints, lacksEndpoint } from '../../../src/store/endpoint-backfill.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { REQUEST_COLUMNS } from '../../../src/store/schema.js';
import { tempDir } from '../../helpers.js';

/** A database file as logcodes wrote it before the endpoint column, with these methods and paths. */
async function fileWithoutEndpoints(pairs: [string | null, string | null][]): Promise<string> {
  const file = join(tempDir(), 'old.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    const columns = REQUEST_COLUMNS.filter((c) => c.name !== 'endpoint').map((c) => `${c.name} ${c.sqlType}`);
    await connection.run(`CREATE TABLE requests (${columns.join(', ')})`);
    for (const [line, [method, path]] of pairs.entries()) {
      await connection.run("INSERT INTO requests (ts, format, status, method, path, input, line) VALUES ('2026-11-01 00:00:00', 'nginx', 200, $method, $path, 'a.log', $line)",
        { method, path, line });
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return file;
}

const PAIRS: [string | null, string | null][] = [
  ['GET', '/users/1'], ['GET', '/users/2'], ['POST', '/users/1'], [null, '/files/0f8fad5b-d9cb-469f-a165-70867728950e'],
  [null, null], ['GET', '/static/app.3f2a9c1b.js'], ['GET', '/users/1'],
];
const EXPECTED = ['GET /users/{id}', 'GET /users/{id}', 'POST /users/{id}', '- /files/{uuid}', '(no request line)', 'GET /static/app.{hash}.js', 'GET /users/{id}'];

describe('a database file from before the endpoint column', () => {
  it('gets the column, filled from each row\'s method and path, when a store opens it', async () => {
    const file = await fileWithoutEndpoints(PAIRS);
    const store = await LogStore.open(file);
    try {
      expect(await lacksEndpoint(store.connection)).toBe(false);
      const rows = await queryRows(store.connection, 'SELECT endpoint FROM requests ORDER BY line');
      expect(rows.map((r) => r.endpoint)).toEqual(EXPECTED);
      // The table matches the schema again, column for column.
      const columns = await queryRows(store.connection, 'SELECT column_name FROM (DESCRIBE requests)');
      expect(columns.map((c) => c.column_name)).toEqual(REQUEST_COLUMNS.map((c) => c.name));
    } finally {
      store.close();
    }
    // Opening it again changes nothing.
    const again = await LogStore.open(file);
    try {
      expect((await queryRows(again.connection, 'SELECT endpoint FROM requests ORDER BY line')).map((r) => r.endpoint)).toEqual(EXPECTED);
    } finally {
      again.close();
    }
  });

  it('leaves no other tables behind', async () => {
    const file = await fileWithoutEndpoints(PAIRS);
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    try {
      expect(await lacksEndpoint(connection)).toBe(true);
      await backfillEndpoints(connection);
      expect((await queryRows(connection, 'SELECT endpoint FROM requests ORDER BY line')).map((r) => r.endpoint)).toEqual(EXPECTED);
      expect(await queryRows(connection, 'SELECT table_name FROM duckdb_tables()')).toEqual([{ table_name: 'requests' }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
