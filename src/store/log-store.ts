/**
 * The embedded DuckDB database: in memory by default, a file with `--db`.
 * Async factory, explicit close (the duckdb-node-neo style).
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CREATE_REQUESTS_TABLE } from './schema.js';

export class LogStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string = ':memory:'): Promise<LogStore> {
    const instance = await DuckDBInstance.create(path);
    let connection: DuckDBConnection | undefined;
    try {
      connection = await instance.connect();
      await connection.run(CREATE_REQUESTS_TABLE);
      return new LogStore(instance, connection, path);
    } catch (error) {
      connection?.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
