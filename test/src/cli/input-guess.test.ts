import { mkdirSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimatedLogBytes, GZIP_EXPANSION, namedInputs, readsLargeFile, storeOf } from '../../../src/cli/input-guess.js';
import { tempDir } from '../../helpers.js';

const LINE = '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /users/42 HTTP/1.1" 404 12 "-" "curl/8.5.0"\n';

describe('the input guess made before the command line is parsed', () => {
  it('names the inputs of a reading command, leaving out options, their values and stdin', () => {
    const argv = ['analyze', 'a.log', '--json', '-', '--db', 'x.duckdb', '--quiet', 'b.log', '--since=24h', '-q', 'c.log', '-', '--', '--odd.log'];
    expect(namedInputs(argv)).toEqual(['a.log', 'b.log', 'c.log', '--odd.log']);
    // ingest's --json is a flag: the next argument is an input.
    expect(namedInputs(['ingest', '--json', 'a.log', '--db', 'x.duckdb', '--no-color', 'b.log'])).toEqual(['a.log', 'b.log']);
    expect(namedInputs(['report', '--db', 'x.duckdb'])).toEqual([]);
    expect(namedInputs(['codes', '499'])).toEqual([]);
    // A word that names an object's inherited property is no command (it crashed the CLI's entry).
    expect(namedInputs(['constructor', '--x', 'y'])).toEqual([]);
    expect(storeOf(['toString', '--db', 'x.duckdb'])).toBeNull();
  });

  it('finds the store of a reading command', () => {
    expect(storeOf(['ingest', 'a.log', '--db', 'x.duckdb', '--quiet'])).toBe('x.duckdb');
    expect(storeOf(['analyze', '--db=y.duckdb', 'a.log'])).toBe('y.duckdb');
    expect(storeOf(['analyze', 'a.log', '--', '--db', 'z.duckdb'])).toBeNull();
    expect(storeOf(['analyze', 'a.log'])).toBeNull();
    expect(storeOf(['report', '--db', 'x.duckdb'])).toBeNull();
  });

  it('says whether a reading command names a large regular file', () => {
    const dir = tempDir();
    const large = join(dir, 'large.log');
    const small = join(dir, 'small.log');
    writeFileSync(large, '');
    truncateSync(large, 9 * 1024 * 1024);
    writeFileSync(small, LINE);
    const min = 8 * 1024 * 1024;
    expect(readsLargeFile(['analyze', small, large, '--json', '-'], min)).toBe(true);
    expect(readsLargeFile(['ingest', '--db', join(dir, 'x.duckdb'), large], min)).toBe(true);
    // A large store is not a large input.
    expect(readsLargeFile(['ingest', '--db', large, small], min)).toBe(false);
    expect(readsLargeFile(['analyze', small, dir, join(dir, 'missing.log'), '-'], min)).toBe(false);
    expect(readsLargeFile(['report', large], min)).toBe(false);
    expect(readsLargeFile(['parse', large], min)).toBe(false);
  });

  it('estimates the log bytes behind files, folders and globs, gzip at its usual ratio', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rotated'));
    writeFileSync(join(dir, 'access.log'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'rotated', 'access.log.1.gz'), 'x'.repeat(100));
    writeFileSync(join(dir, 'rotated', '.hidden.log'), 'x'.repeat(500));
    // A store written before the logs: its own size never counts, and the logs are newer.
    const store = join(tempDir(), 'store.duckdb');
    writeFileSync(store, 'x'.repeat(7000));
    const past = Date.now() / 1000 - 3600;
    utimesSync(store, past, past);
    expect(GZIP_EXPANSION).toBe(10);
    expect(await estimatedLogBytes(['analyze', dir, '--db', store])).toBe(2000);
    expect(await estimatedLogBytes(['analyze', join(dir, 'access.log'), '--db', store])).toBe(1000);
    expect(await estimatedLogBytes(['ingest', join(dir, 'rotated', '*.gz'), '--db', store])).toBe(1000);
    expect(await estimatedLogBytes(['analyze', join(dir, 'rotated'), join(dir, 'missing.log'), '-'])).toBe(1000);
    expect(await estimatedLogBytes(['report', '--db', store])).toBe(0);
  });

  it('leaves out what was last modified before the store: a cron run reads only what changed', async () => {
    const dir = tempDir();
    const store = join(tempDir(), 'store.duckdb');
    const rotated = join(dir, 'access.log.1');
    const active = join(dir, 'access.log');
    writeFileSync(store, 'x');
    writeFileSync(rotated, 'x'.repeat(3000));
    writeFileSync(active, 'x'.repeat(500));
    const hour = 3600;
    const now = Date.now() / 1000;
    utimesSync(rotated, now - 2 * hour, now - 2 * hour);
    utimesSync(store, now - hour, now - hour);
    utimesSync(active, now, now);
    expect(await estimatedLogBytes(['ingest', dir, '--db', store])).toBe(500);
    expect(await estimatedLogBytes(['ingest', dir, `--db=${store}`])).toBe(500);
    // A new store holds nothing yet; without one, everything counts.
    expect(await estimatedLogBytes(['ingest', dir, '--db', join(dir, 'new.duckdb')])).toBe(3500);
    expect(await estimatedLogBytes(['analyze', rotated, active])).toBe(3500);
  });
});
