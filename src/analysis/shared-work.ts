/**
 * Queries that need nothing but the analysis window, run by whichever of the two
 * connections gets to them first. The side connection takes them in order once its
 * own work is done (drain); the main connection runs one itself when it needs the
 * result before the side has taken it (take). Which queries are heavy depends on the
 * format (upstream attribution for nginx, user agents for ALB...), so a fixed split
 * left one connection idle for up to a tenth of the report.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export type Tasks<T> = { [K in keyof T]: (connection: DuckDBConnection) => Promise<T[K]> };

export class SharedWork<T> {
  private readonly started = new Map<keyof T, Promise<unknown>>();

  constructor(private readonly tasks: Tasks<T>) {}

  /** A task's result: run on `connection` now unless a connection has taken it already. */
  take<K extends keyof T>(name: K, connection: DuckDBConnection): Promise<T[K]> {
    let result = this.started.get(name);
    if (result === undefined) {
      result = this.tasks[name](connection);
      this.started.set(name, result);
    }
    return result as Promise<T[K]>;
  }

  /** Runs the tasks not taken yet, in this order, one after another on `connection`. */
  async drain(connection: DuckDBConnection, order: readonly (keyof T)[]): Promise<void> {
    for (const name of order) if (!this.started.has(name)) await this.take(name, connection);
  }
}
