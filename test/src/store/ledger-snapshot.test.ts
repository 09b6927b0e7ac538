import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerSnapshot, storeFileTest } from '../../../src/store/ledger-snapshot.js';
import type { LedgerEntry } from '../../../src/store/ledger-index.js';
import { tempDir } from '../../helpers.js';

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  fileId: 1, path: '/logs/a.log', format: 'nginx', gzip: false, size: 100, mtimeUs: 1_700_000_000_000_000, inode: 11, device: 7,
  headLen: 100, fingerprint: 'f', offset: 100, lines: 2, records: 2, malformed: 0, skipped: 0, gzipSize: null, ...over,
});

/** A stand-in database file: the snapshot only looks at its stamp. */
function storeFile(): string {
  const db = join(tempDir(), 'store.duckdb');
  writeFileSync(db, 'database');
  return db;
}

describe('LedgerSnapshot', () => {
  it('reads back what it wrote: each file by its stamp, and what it knew of the store', () => {
    const db = storeFile();
    LedgerSnapshot.write(db, [entry({}), entry({ fileId: 2, inode: 12, gzip: true, size: 40, offset: 300, gzipSize: 40, format: 'alb' })], { counts: { files: 2, requests: 9 }, oldestUs: 5 });
    const snapshot = LedgerSnapshot.read(db)!;
    expect(snapshot.facts).toEqual({ counts: { files: 2, requests: 9 }, oldestUs: 5 });
    expect(snapshot.unchanged({ device: 7, inode: 11, size: 100, mtimeUs: 1_700_000_000_000_000 })).toEqual({ device: 7, inode: 11, size: 100, mtimeUs: 1_700_000_000_000_000, offset: 100, gzip: false, format: 'nginx' });
    expect(snapshot.unchanged({ device: 7, inode: 12, size: 40, mtimeUs: 1_700_000_000_000_000 })?.format).toBe('alb');
    // Grown, touched, another inode or device: not the file that was read.
    expect(snapshot.unchanged({ device: 7, inode: 11, size: 101, mtimeUs: 1_700_000_000_000_000 })).toBeUndefined();
    expect(snapshot.unchanged({ device: 7, inode: 11, size: 100, mtimeUs: 1_700_000_000_000_001 })).toBeUndefined();
    expect(snapshot.unchanged({ device: 7, inode: 13, size: 100, mtimeUs: 1_700_000_000_000_000 })).toBeUndefined();
    expect(snapshot.unchanged({ device: 8, inode: 11, size: 100, mtimeUs: 1_700_000_000_000_000 })).toBeUndefined();
  });

  it('is not trusted once the database file changed, or while it has a write-ahead log', () => {
    const db = storeFile();
    LedgerSnapshot.write(db, [entry({})], { counts: { files: 1, requests: 2 }, oldestUs: 5 });
    expect(LedgerSnapshot.read(db)).not.toBeNull();
    writeFileSync(`${db}.wal`, 'log');
    expect(LedgerSnapshot.read(db)).toBeNull();
    LedgerSnapshot.write(db, [entry({})], { counts: { files: 1, requests: 2 }, oldestUs: 5 }); // a run that left a log writes none
    expect(() => statSync(LedgerSnapshot.pathOf(db))).toThrow(/ENOENT/);
  });

  it('is not trusted after another write to the database file', () => {
    const db = storeFile();
    LedgerSnapshot.write(db, [entry({})], { counts: { files: 1, requests: 2 }, oldestUs: 5 });
    appendFileSync(db, 'x');
    expect(LedgerSnapshot.read(db)).toBeNull();
  });

  it('ignores a snapshot of another version, a damaged one, and none', () => {
    const db = storeFile();
    expect(LedgerSnapshot.read(db)).toBeNull();
    LedgerSnapshot.write(db, [entry({})], { counts: { files: 1, requests: 2 }, oldestUs: 5 });
    const path = LedgerSnapshot.pathOf(db);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/"logcodes":"[^"]*"/, '"logcodes":"0.0.0-other"'));
    expect(LedgerSnapshot.read(db)).toBeNull();
    writeFileSync(path, text.slice(0, 40));
    expect(LedgerSnapshot.read(db)).toBeNull();
    writeFileSync(path, text.replace(/"format":\[[^\]]*\]/, '"format":[]'));
    expect(LedgerSnapshot.read(db)).toBeNull();
    writeFileSync(path, text.replace(/"counts":\{[^}]*\}/, '"counts":{}'));
    expect(LedgerSnapshot.read(db)).toBeNull();
    writeFileSync(path, text);
    expect(LedgerSnapshot.read(db)).not.toBeNull();
  });

  it('tells the store\'s own files from logs beside it', () => {
    const dir = tempDir();
    const isStoreFile = storeFileTest(join(dir, 'store.duckdb'));
    for (const own of ['store.duckdb', 'store.duckdb.wal', 'store.duckdb.tmp', 'store.duckdb.ledger.json', 'store.duckdb.ledger.json.123.tmp']) expect(isStoreFile(join(dir, own))).toBe(true);
    for (const log of ['access.log', 'store.duckdb.log', 'other/store.duckdb']) expect(isStoreFile(join(dir, log))).toBe(false);
  });
});
