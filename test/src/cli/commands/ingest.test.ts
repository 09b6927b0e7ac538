import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryLines, UNCHANGED_LISTED } from '../../../../src/cli/ingest-summary.js';
import { runMain, sample, tempDir } from '../../../helpers.js';

const row = (path: string, action: string, records = 0) => ({ path, action, records, malformed: 0, bytes: records * 100, error: null });

describe('the ingest summary', () => {
  it('lists every input while few are unchanged', () => {
    const rows = [row('a.log', 'unchanged'), row('b.log', 'new', 12), row('c.log', 'unchanged')];
    expect(summaryLines(rows)).toEqual([
      'unchanged a.log: 0 new records, 0 malformed, 0 B read',
      'new       b.log: 12 new records, 0 malformed, 1.2 KiB read',
      'unchanged c.log: 0 new records, 0 malformed, 0 B read',
    ]);
  });

  it('counts many unchanged inputs in one line, and still lists what was read or failed', () => {
    const rows = [
      ...Array.from({ length: UNCHANGED_LISTED + 2 }, (_, i) => row(`old-${i}.log`, 'unchanged')),
      row('grown.log', 'resumed', 3),
      { ...row('gone.log', 'new'), error: 'gone.log: no such file' },
    ];
    expect(summaryLines(rows)).toEqual([
      'resumed   grown.log: 3 new records, 0 malformed, 300 B read',
      'new       gone.log: 0 new records, 0 malformed, 0 B read',
      `unchanged ${UNCHANGED_LISTED + 2} inputs: nothing new`,
    ]);
  });

  it('says so in one line when a cron run finds a folder unchanged', async () => {
    const dir = tempDir();
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    for (let i = 0; i < 8; i++) copyFileSync(sample('nginx-access.log'), join(logs, `access-${i}.log`));
    const db = join(dir, 'store.duckdb');
    const first = await runMain(['ingest', logs, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').filter((l) => l.startsWith('new '))).toHaveLength(1); // the copies are one content
    const again = await runMain(['ingest', logs, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^unchanged 8 inputs: nothing new\nstore .*store\.duckdb: 1 file, [\d,]+ requests\n$/);
  });
});
