import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingest as ingestLibrary, report } from '../../../src/analyze.js';
import { LogStore } from '../../../src/store/log-store.js';
import { applyRetention } from '../../../src/store/maintenance.js';
import { runMain, sample, tempDir } from '../../helpers.js';

const BIN = new URL('../../../dist/src/cli/bin.js', import.meta.url).pathname;
const SAMPLE_LINES = readFileSync(sample('nginx-access.log'), 'utf8').split('\n').filter(Boolean);
const SAMPLE_RECORDS = 3924;

/** An old mtime: the file is settled, so an unterminated last line is read too. */
const settle = (file: string): void => utimesSync(file, new Date(Date.now() - 3600e3), new Date(Date.now() - 3600e3));

async function ingest(db: string, ...paths: string[]): Promise<{ code: number; rows: { path: string; action: string; records: number }[] }> {
  const { code, stdout, stderr } = await runMain(['ingest', ...paths, '--db', db, '--json']);
  if (code !== 0) throw new Error(`ingest exit ${code}: ${stderr}`);
  return { code, rows: JSON.parse(stdout).inputs };
}

const stored = async (db: string): Promise<number> => (await report({ db })).store!.requests;

describe('cron mode: exactly-once ingest', () => {
  it('refuses a pipe, which has no identity to resume from, with exit 1 and a one-line reason', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'substituted');
    spawnSync('mkfifo', [fifo]);
    const result = await runMain(['ingest', fifo, '--db', join(dir, 'store.duckdb')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`logcodes: ${fifo}: a pipe or device cannot be stored exactly once (--db); analyze it without --db, or store a file`);
  });

  it('ingests nothing new when re-run over the same folder', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    copyFileSync(sample('nginx-access.log'), join(dir, 'access.log'));
    settle(join(dir, 'access.log'));
    expect((await ingest(db, dir)).rows).toMatchObject([{ action: 'new', records: SAMPLE_RECORDS }]);
    expect((await ingest(db, dir)).rows).toMatchObject([{ action: 'unchanged', records: 0 }]);
    expect(await stored(db)).toBe(SAMPLE_RECORDS);
  });

  it('leaves the store it writes out of the inputs, and out of the progress count', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    copyFileSync(sample('nginx-access.log'), join(dir, 'access.log'));
    settle(join(dir, 'access.log'));
    await ingest(db, dir);
    copyFileSync(sample('nginx-edge-cases.log'), join(dir, 'other.log'));
    settle(join(dir, 'other.log'));
    const seen: string[] = [];
    const again = await ingestLibrary({ inputs: [dir], db, onProgress: (info, index, total) => seen.push(`${info.path.slice(dir.length + 1)} ${index + 1}/${total}`) });
    expect(again.inputs.map((i) => [i.path.slice(dir.length + 1), i.action])).toEqual([['access.log', 'unchanged'], ['other.log', 'new']]);
    expect([...new Set(seen)]).toEqual(['other.log 2/2']);
  });

  it('recognizes rotation, renaming and gzip copies by content', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'access.log');
    copyFileSync(sample('nginx-access.log'), log);
    settle(log);
    await ingest(db, dir);
    renameSync(log, join(dir, 'access.log.1'));
    writeFileSync(join(dir, 'access.log.2.gz'), gzipSync(readFileSync(join(dir, 'access.log.1'))));
    writeFileSync(log, '');
    const rows = (await ingest(db, dir)).rows;
    expect(rows.map((r) => [r.path.slice(dir.length + 1), r.action, r.records])).toEqual([
      ['access.log', 'unchanged', 0], ['access.log.1', 'unchanged', 0], ['access.log.2.gz', 'unchanged', 0],
    ]);
    expect(await stored(db)).toBe(SAMPLE_RECORDS);
  });

  it('resumes a growing file where it stopped, holding back a line still being written', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'access.log');
    writeFileSync(log, SAMPLE_LINES.slice(0, 1000).join('\n') + '\n' + SAMPLE_LINES[1000].slice(0, 40));
    expect((await ingest(db, log)).rows[0]).toMatchObject({ action: 'new' });
    const first = await stored(db);
    appendFileSync(log, SAMPLE_LINES[1000].slice(40) + '\n' + SAMPLE_LINES.slice(1001).join('\n') + '\n');
    expect((await ingest(db, log)).rows[0]).toMatchObject({ action: 'resumed' });
    expect(first).toBeGreaterThan(990);
    expect(await stored(db)).toBe(SAMPLE_RECORDS);
    // Line numbers continue across runs.
    const { stdout } = await runMain(['report', '--db', db, '--json', '-']);
    expect(JSON.parse(stdout).totals.requests).toBe(SAMPLE_RECORDS);
  });

  it('counts an over-long line in the resumed part under its own line number, on both read paths', async () => {
    for (const big of [false, true]) {
      const dir = tempDir();
      const db = join(dir, 'store.duckdb');
      const log = join(dir, 'access.log');
      const head = big ? 40_000 : 1000; // over 8 MB of lines takes the chunked, parallel path
      const lines = Array.from({ length: head + 3 }, (_, i) => SAMPLE_LINES[i % 1000]);
      writeFileSync(log, lines.slice(0, head).join('\n') + '\n');
      settle(log);
      await runMain(['ingest', log, '--db', db, '--max-line-bytes', '2048']);
      appendFileSync(log, [lines[head], 'x'.repeat(5000), lines[head + 1]].join('\n') + '\n');
      settle(log);
      const { stdout } = await runMain(['analyze', log, '--db', db, '--max-line-bytes', '2048', '--json', '-', '-q']);
      const report = JSON.parse(stdout);
      expect(report.inputs[0]).toMatchObject({ records: 2, malformed: 1, lines: 3 });
      expect(report.malformedSamples.map((m: { line: number; code: string }) => [m.line, m.code])).toEqual([[head + 2, 'LINE_TOO_LONG']]);
    }
  });

  it('a gzip copy of a partly ingested file adds only the rest', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'access.log');
    writeFileSync(log, SAMPLE_LINES.slice(0, 2000).join('\n') + '\n');
    settle(log);
    await ingest(db, log);
    const gz = join(dir, 'access.log.1.gz');
    writeFileSync(gz, gzipSync(SAMPLE_LINES.join('\n') + '\n'));
    const rows = (await ingest(db, gz)).rows;
    expect(rows[0].action).toBe('resumed');
    expect(await stored(db)).toBe(SAMPLE_RECORDS);
    expect((await ingest(db, gz)).rows[0].action).toBe('unchanged');
  });

  it('detects truncation and replacement', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'access.log');
    writeFileSync(log, SAMPLE_LINES.slice(0, 1000).join('\n') + '\n');
    settle(log);
    await ingest(db, log);
    // Truncated (copytruncate) and then written with new lines: new content, a new file.
    truncateSync(log, 0);
    writeFileSync(log, SAMPLE_LINES.slice(1000, 1500).join('\n') + '\n');
    settle(log);
    expect((await ingest(db, log)).rows[0]).toMatchObject({ action: 'new' });
    // Cut below what was read, same head: nothing new now.
    truncateSync(log, statSync(log).size - 5000);
    expect((await ingest(db, log)).rows[0]).toMatchObject({ action: 'truncated', records: 0 });
    const expected = SAMPLE_LINES.slice(0, 1500).filter((l) => /" \d{3} \d+ "/.test(l)).length;
    expect(await stored(db)).toBe(expected);
  });
});

describe('cron mode: processes', () => {
  it('a run killed with SIGKILL mid-file, then re-run, ends with exactly the right counts', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'big.log');
    expect((await runMain(['demo', '--seed', '9', '--hours', '12', '--peak', '30000', '--out', log])).code).toBe(0);
    settle(log);
    const expected = JSON.parse((await runMain(['analyze', log, '--json', '-'])).stdout).totals.requests;
    const child = spawn(process.execPath, [BIN, 'ingest', log, '--db', db, '--checkpoint-lines', '5000', '--quiet'], { stdio: 'ignore' });
    // Kill once the write-ahead log holds more than one commit (so the first one is complete).
    const deadline = Date.now() + 30_000;
    while (!(existsSync(`${db}.wal`) && statSync(`${db}.wal`).size > 2_500_000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const partial = await stored(db);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected);
    const rerun = spawnSync(process.execPath, [BIN, 'ingest', log, '--db', db, '--json'], { encoding: 'utf8' });
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    expect(JSON.parse(rerun.stdout).inputs[0].action).toBe('resumed');
    expect(await stored(db)).toBe(expected);
  }, 120_000);

  it('two runs at once: the second waits for the first; nothing is double-counted', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'access.log');
    copyFileSync(sample('nginx-access.log'), log);
    settle(log);
    // What a run printed travels with its code, so that a failure says why.
    const run = (): Promise<{ code: number; stderr: string }> => new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'ingest', log, '--db', db, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    });
    const runs = await Promise.all([run(), run()]);
    expect(runs.map((r) => r.code), runs.map((r) => r.stderr).join('')).toEqual([0, 0]);
    expect(await stored(db)).toBe(SAMPLE_RECORDS);
  }, 60_000);

  it('a run that cannot wait long enough exits 1 with a clear message', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'big.log');
    expect((await runMain(['demo', '--seed', '4', '--hours', '12', '--peak', '40000', '--out', log])).code).toBe(0);
    const first = spawn(process.execPath, [BIN, 'ingest', log, '--db', db, '--quiet'], { stdio: 'ignore' });
    while (!existsSync(db)) await new Promise((r) => setTimeout(r, 5));
    const second = spawnSync(process.execPath, [BIN, 'ingest', log, '--db', db, '--wait', '0'], { encoding: 'utf8' });
    await new Promise((r) => first.on('exit', r));
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/the database is in use by another logcodes run \(pid \d+\); gave up waiting/);
  }, 60_000);
});

describe('cron mode: thresholds and retention', () => {
  it('exits 2 naming each breached threshold, 0 when none is', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    await runMain(['ingest', sample('nginx-access.log'), '--db', db]);
    const breached = await runMain(['report', '--db', db, '--fail-on', '5xx>0.1%,444>20', '--fail-on', '499>1000']);
    expect(breached.code).toBe(2);
    expect(breached.stderr.trim().split('\n')).toEqual([
      'logcodes: threshold breached: 5xx>0.1% — 5xx is 0.15% (6 of 3924)',
      'logcodes: threshold breached: 444>20 — 444 count is 23',
    ]);
    expect((await runMain(['report', '--db', db, '--fail-on', '5xx>1%', '--fail-on', 'anomaly>=high', '--fail-on', 'new-code'])).code).toBe(0);
    expect((await runMain(['analyze', sample('nginx-access.log'), '--fail-on', 'malformed>0.1%'])).code).toBe(2);
    const bad = await runMain(['report', '--db', db, '--fail-on', '5xx>>1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--fail-on: cannot read "5xx>>1"');
  });

  it('fires anomaly and new-code thresholds on a log with incidents', async () => {
    const dir = tempDir();
    const log = join(dir, 'incidents.log');
    await runMain(['demo', '--seed', '3', '--hours', '24', '--peak', '1500', '--incidents', '4', '--out', log]);
    const { code, stderr } = await runMain(['analyze', log, '--fail-on', 'anomaly>=high']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/threshold breached: anomaly>=high — \d+ anomal/);
  });

  it('prunes with --retain: only the retained window stays', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const log = join(dir, 'week.log');
    const start = new Date(Date.now() - 6 * 86400e3).toISOString();
    await runMain(['demo', '--seed', '8', '--start', start, '--hours', String(6 * 24 - 1), '--peak', '600', '--junk', '0', '--out', log]);
    expect((await runMain(['ingest', log, '--db', db, '--retain', '2d', '--quiet'])).code).toBe(0);
    const cutoff = new Date(Date.now() - 2 * 86400e3 + 120e3).toISOString();
    const kept = JSON.parse((await runMain(['analyze', log, '--from', cutoff, '--json', '-'])).stdout).totals.requests;
    const r = await report({ db });
    expect(Date.parse(r.totals.start!)).toBeGreaterThanOrEqual(Date.now() - 2 * 86400e3 - 120e3);
    expect(r.store!.requests).toBeGreaterThanOrEqual(kept);
    expect(r.store!.requests).toBeLessThan(kept * 1.02);
    // The ledger remembers the file: its pruned requests do not come back.
    expect((await ingest(db, log)).rows[0].action).toBe('unchanged');
  }, 60_000);

  it('keeps a store with retention from growing once its window is full', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const day0 = Date.UTC(2026, 9, 1);
    const sizes: number[] = [];
    for (let day = 0; day < 8; day++) {
      const log = join(dir, `day${day}.log`);
      await runMain(['demo', '--seed', String(day), '--start', new Date(day0 + day * 86400e3).toISOString(), '--hours', '24', '--peak', '6000', '--junk', '0', '--out', log]);
      await ingest(db, log);
      const store = await LogStore.open(db);
      try {
        await applyRetention(store.connection, 2 * 86400e6, day0 + (day + 1) * 86400e3);
      } finally {
        store.close();
      }
      sizes.push(statSync(db).size);
    }
    expect(await stored(db)).toBeGreaterThan(0);
    // From the third day on, pruned blocks are reused: the file stops growing.
    expect(Math.max(...sizes.slice(4))).toBeLessThanOrEqual(sizes[3] * 1.3);
  }, 120_000);
});
