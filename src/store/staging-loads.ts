/**
 * Loads closed staging files into `requests`, one after another in the background,
 * each file removed once loaded (bulk-writer.ts): parsing goes on meanwhile. After a
 * load fails, the files behind it are removed unloaded, and settle() reports the error.
 */
import { unlinkSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INSERT_FROM_STAGING_SQL } from './bulk-queries.js';

export class StagingLoads {
  private loading: Promise<void> = Promise.resolve();
  private error: unknown = null;

  constructor(private readonly connection: DuckDBConnection) {}

  /** Queues file's load behind the ones queued before. */
  add(file: string): void {
    this.loading = this.loading.then(async () => {
      try {
        if (this.error === null) await this.connection.run(INSERT_FROM_STAGING_SQL, { file });
      } catch (error) {
        this.error = error;
      } finally {
        unlinkSync(file);
      }
    });
  }

  /** Waits for the queued loads, whatever became of them: their failure is not reported. */
  async drain(): Promise<void> {
    await this.loading;
    this.error = null;
  }

  /** Waits for the queued loads; throws the first failure since the last settle. */
  async settle(): Promise<void> {
    await this.loading;
    if (this.error !== null) {
      const error = this.error;
      this.error = null;
      throw error;
    }
  }
}
