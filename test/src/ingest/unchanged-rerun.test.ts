import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze, ingest } from '../../../src/analyze.js';
import { unchangedInfos, unchangedRerun } from '../../../src/ingest/unchanged-rerun.js';
import { LedgerSnapshot } from '../../../src/store/ledger-snapshot.js';
import { LogStore } from '../../../src/store/log-store.js';
import { tempDir } from '../../helpers.js';

const line = (i: number): string => `198.51.100.${i % 250} - - [01/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /r/${i} HTTP/1.1" 200 5 "-" "curl/8.5.0"\n`;

/** A folder of three small nginx logs (2, 3 and 4 lines, none the beginning of another), with the store in it as a cron job might put it. */
function folder(): { dir: string; db: string } {
  const dir = join(tempDir(), 'logs');
  mkdirSync(dir);
  for (const n of [2, 3, 4]) writeFileSync(join(dir, `access-${n}.log`), Array.from({ length: n }, (_, i) => line(n * 10 + i)).join(''));
  return { dir, db: join(dir, 'store.duckdb') };
}

const summary = (result: Awaited<ReturnType<typeof ingest>>): string[] => result.inputs.map((i) => `${i.action} ${i.path.split('/').pop()} ${i.records} ${i.format} ${i.offset}`);

afterEach(() => vi.restoreAllMocks());

describe('a re-run with nothing new', () => {
  it('answers from the ledger snapshot without opening the store, as a run through it would', async () => {
    const { dir, db } = folder();
    const first = await ingest({ inputs: [dir], db, workers: 0 });
    expect(first.store).toEqual({ files: 3, requests: 9 });
    expect(existsSync(LedgerSnapshot.pathOf(db))).toBe(true);
    // The same re-run through the store, for comparison (without a snapshot; it leaves one).
    rmSync(LedgerSnapshot.pathOf(db));
    const opened = vi.spyOn(LogStore, 'open');
    const through = await ingest({ inputs: [dir], db, workers: 0 });
    expect(opened).toHaveBeenCalledTimes(1);
    const quick = await ingest({ inputs: [dir], db, workers: 0 });
    expect(opened).toHaveBeenCalledTimes(1);
    expect(summary(quick)).toEqual(['unchanged access-2.log 0 nginx 182', 'unchanged access-3.log 0 nginx 273', 'unchanged access-4.log 0 nginx 364']);
    expect(quick).toEqual({ ...through, inputs: through.inputs.map((i) => ({ ...i })) });
    expect(quick.store).toEqual({ files: 3, requests: 9 });
  });

  it('goes through the store when a file grew, then answers from the new snapshot', async () => {
    const { dir, db } = folder();
    await ingest({ inputs: [dir], db, workers: 0 });
    appendFileSync(join(dir, 'access-3.log'), line(7));
    const opened = vi.spyOn(LogStore, 'open');
    const grown = await ingest({ inputs: [dir], db, workers: 0 });
    expect(opened).toHaveBeenCalledTimes(1);
    expect(summary(grown)).toEqual(['unchanged access-2.log 0 nginx 182', 'resumed access-3.log 1 nginx 362', 'unchanged access-4.log 0 nginx 364']);
    expect(grown.store).toEqual({ files: 3, requests: 10 });
    const again = await ingest({ inputs: [dir], db, workers: 0 });
    expect(opened).toHaveBeenCalledTimes(1);
    expect(again.store).toEqual({ files: 3, requests: 10 });
    expect(again.inputs.every((i) => i.action === 'unchanged')).toBe(true);
  });

  it('answers after analyze --db wrote the store, which leaves a snapshot too; analyze without a store leaves none', async () => {
    const { dir, db } = folder();
    const analyzed = await analyze({ inputs: [dir], db, workers: 0 });
    expect(analyzed.report.totals.requests).toBe(9);
    expect(existsSync(LedgerSnapshot.pathOf(db))).toBe(true);
    const opened = vi.spyOn(LogStore, 'open');
    const again = await ingest({ inputs: [dir], db, workers: 0 });
    expect(opened).toHaveBeenCalledTimes(0);
    expect(summary(again)).toEqual(['unchanged access-2.log 0 nginx 182', 'unchanged access-3.log 0 nginx 273', 'unchanged access-4.log 0 nginx 364']);
    expect(again.store).toEqual({ files: 3, requests: 9 });
    // A second analyze --db reads nothing new and still leaves a snapshot the next ingest trusts.
    await analyze({ inputs: [dir], db, workers: 0 });
    expect(await unchangedRerun([dir], db)).not.toBeNull();
    const other = folder();
    await analyze({ inputs: [other.dir], workers: 0 });
    expect(existsSync(LedgerSnapshot.pathOf(other.db))).toBe(false);
  });

  it('is not answered when an input is new, missing or stdin, nor when the store changed', async () => {
    const { dir, db } = folder();
    await ingest({ inputs: [dir], db, workers: 0 });
    expect(await unchangedRerun([dir], db)).not.toBeNull();
    expect(await unchangedRerun([dir, '-'], db)).toBeNull();
    expect(await unchangedRerun([dir, join(dir, 'nowhere.log')], db)).toBeNull();
    writeFileSync(join(dir, 'access-9.log'), line(9));
    expect(await unchangedRerun([dir], db)).toBeNull();
    expect(await unchangedRerun([join(dir, 'access-2.log')], db)).not.toBeNull();
    // Another run wrote the store (here: the new file): the snapshot it left stands, the old one would not.
    const snapshot = LedgerSnapshot.pathOf(db);
    const old = readFileSync(snapshot, 'utf8');
    await ingest({ inputs: [join(dir, 'access-9.log')], db, workers: 0 });
    expect((await unchangedRerun([dir], db))?.store).toEqual({ files: 4, requests: 10 });
    writeFileSync(snapshot, old);
    expect(await unchangedRerun([dir], db)).toBeNull();
  });

  it('goes through the store when retention would prune a request', async () => {
    const { dir, db } = folder();
    await ingest({ inputs: [dir], db, workers: 0 });
    const opened = vi.spyOn(LogStore, 'open');
    // The requests are of 2026-11-01 10:00 UTC: a year's retention keeps them all ...
    const kept = await ingest({ inputs: [dir], db, workers: 0, retainUs: 365 * 86400e6 });
    expect(opened).toHaveBeenCalledTimes(0);
    expect(kept.store).toEqual({ files: 3, requests: 9 });
    // ... an hour's prunes them all, through the store.
    const pruned = await ingest({ inputs: [dir], db, workers: 0, retainUs: 3600e6 });
    expect(opened).toHaveBeenCalledTimes(1);
    expect(pruned.store).toEqual({ files: 3, requests: 0 });
    const after = await unchangedRerun([dir], db, 3600e6);
    expect(after === null ? null : { inputs: unchangedInfos(after), store: after.store }).toEqual({ inputs: pruned.inputs, store: { files: 3, requests: 0 } });
    // At the cutoff's edge: retention prunes requests older than it, not one at it.
    const oldest = Date.UTC(2026, 10, 1, 10, 0, 20) * 1000; // access-2.log's first line, line(20)
    const edge = join(tempDir(), 'edge.duckdb');
    await ingest({ inputs: [join(dir, 'access-2.log')], db: edge, workers: 0 });
    expect(await unchangedRerun([join(dir, 'access-2.log')], edge, 3600e6, (oldest + 3600e6) / 1000)).not.toBeNull();
    expect(await unchangedRerun([join(dir, 'access-2.log')], edge, 3600e6, (oldest + 3600e6 + 1) / 1000)).toBeNull();
  });

  it('still fails on bad format options', async () => {
    const { dir, db } = folder();
    await ingest({ inputs: [dir], db, workers: 0 });
    await expect(ingest({ inputs: [dir], db, workers: 0, format: 'bogus' as never })).rejects.toThrow(/bogus/);
  });
});
