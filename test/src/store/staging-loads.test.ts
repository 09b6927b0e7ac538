import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { StagingLoads } from '../../../src/store/staging-loads.js';
import { tempDir } from '../../helpers.js';

describe('loading staging files in the background', () => {
  it('loads files in order, removes each, and reports a failure once, skipping the files behind it', async () => {
    const dir = tempDir();
    const store = await LogStore.open();
    try {
      const { connection } = store;
      // Parquet files with the table's own columns: rows of status 200, 201, ...
      const stage = async (name: string, statuses: number[]): Promise<string> => {
        const file = join(dir, name);
        for (const status of statuses) {
          await connection.run(`INSERT INTO requests (ts, status, input, line, format) VALUES (TIMESTAMP '2026-11-26 10:00:00', $status, 'in', $status, 'nginx')`, { status });
        }
        await connection.run('COPY requests TO $file (FORMAT parquet)', { file });
        await connection.run('DELETE FROM requests');
        return file;
      };
      const statuses = async (): Promise<number[]> =>
        (await queryRows(connection, 'SELECT status FROM requests ORDER BY status')).map((row) => Number(row.status));
      const first = await stage('first.parquet', [200, 201]);
      const skipped = await stage('skipped.parquet', [404]);
      const later = await stage('later.parquet', [500, 503]);
      const broken = join(dir, 'broken.parquet');
      writeFileSync(broken, 'not parquet');

      const loads = new StagingLoads(connection);
      loads.add(first);
      loads.add(broken);
      loads.add(skipped);
      await expect(loads.settle()).rejects.toThrow(/broken\.parquet/);
      expect(await statuses()).toEqual([200, 201]);
      expect([first, broken, skipped].map(existsSync)).toEqual([false, false, false]);

      // The failure was reported: the next loads go ahead.
      loads.add(later);
      await loads.settle();
      expect(await statuses()).toEqual([200, 201, 500, 503]);
      expect(existsSync(later)).toBe(false);
    } finally {
      store.close();
    }
  });
});
