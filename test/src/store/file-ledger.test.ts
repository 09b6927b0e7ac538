import { describe, expect, it } from 'vitest';
import { fingerprint, headPrints } from '../../../src/ingest/file-identity.js';
import { FileLedger, type LedgerWrite } from '../../../src/store/file-ledger.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';

const content = Buffer.from(Array.from({ length: 120 }, (_, i) => `203.0.113.${i % 250} - - [01/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /a HTTP/1.1" 200 5 "-" "curl"\n`).join(''));
const head = content.subarray(0, 4096);

/** A ledger row for the first `length` bytes of content, read up to offset. */
function write(path: string, length: number, offset: number): LedgerWrite {
  const own = content.subarray(0, Math.min(length, 4096));
  return {
    path, format: 'nginx', gzip: false, size: length, mtimeUs: 1, inode: 1, device: 1, headLen: own.length, fingerprint: fingerprint(own),
    offset, lines: 1, records: 1, malformed: 0, skipped: 0, gzipSize: null,
  };
}

/** Runs a test against a new ledger in a store in memory. */
async function withLedger(test: (ledger: FileLedger, store: LogStore) => Promise<void>): Promise<void> {
  const store = await LogStore.open();
  try {
    await test(new FileLedger(store.connection), store);
  } finally {
    store.close();
  }
}

describe('the file ledger in memory', () => {
  it('fingerprints prefixes in one pass as a fresh hash would', () => {
    const prints = headPrints(head);
    expect(prints.length).toBe(4096);
    expect(prints.whole).toBe(fingerprint(head));
    expect([100, 300, 4000].map((n) => prints.prefix(n))).toEqual([100, 300, 4000].map((n) => fingerprint(head, n)));
    // Out of order it hashes afresh.
    expect(prints.prefix(50)).toBe(fingerprint(head, 50));
  });

  it('matches a head exactly or by a shorter head it begins with, the entry read furthest first', () => withLedger(async (ledger, store) => {
    expect(await ledger.match(headPrints(head))).toBeUndefined();
    const small = await ledger.insert(write('small.log', 300, 300)); // a small file that will grow
    const other = Buffer.from('something else entirely\n'.repeat(200)).subarray(0, 4096);
    await ledger.insert({ ...write('other.log', 5000, 5000), fingerprint: fingerprint(other) });
    // The grown file begins with the small one's 300 bytes: that entry is the match.
    expect((await ledger.match(headPrints(head)))?.fileId).toBe(small);
    // Read further under the full head: the full entry wins.
    const full = await ledger.insert(write('big.log', 9000, 8000));
    expect((await ledger.match(headPrints(head)))?.fileId).toBe(full);
    // An update moves the entry in memory as in the table.
    await ledger.update(small, write('small.log', 9500, 9500));
    expect((await ledger.match(headPrints(head)))?.fileId).toBe(small);
    await ledger.flush();
    const rows = await queryRows(store.connection, 'SELECT file_id, head_len, offset_bytes FROM ingested_files ORDER BY file_id');
    expect(rows.map((r) => [Number(r.head_len), Number(r.offset_bytes)])).toEqual([[4096, 9500], [4096, 5000], [4096, 8000]]);
    // A head that is only a prefix of the recorded ones matches none of them.
    expect(await ledger.match(headPrints(content.subarray(0, 200)))).toBeUndefined();
  }));

  it('takes a shorter head read further than the exact match, and looks at shorter heads only then', () => withLedger(async (ledger) => {
    // Small files of many sizes, none the start of this head.
    const other = Buffer.from('x'.repeat(4096));
    for (let size = 100; size < 4000; size += 130) {
      await ledger.insert({ ...write(`other-${size}.log`, size, size), headLen: size, fingerprint: fingerprint(other, size) });
    }
    expect(await ledger.match(headPrints(head))).toBeUndefined();
    // Read only partly under the full head (a line held back), while a copy that was
    // small when identified was read on as it grew.
    const partial = await ledger.insert(write('held.log', 9000, 100));
    const grown = await ledger.insert({ ...write('grown.log', 600, 6000), headLen: 600, fingerprint: fingerprint(head, 600) });
    expect((await ledger.match(headPrints(head)))?.fileId).toBe(grown);
    // The exact match read further than any shorter head: no prefix is hashed.
    await ledger.update(partial, write('held.log', 9000, 9000));
    const prints = headPrints(head);
    let prefixes = 0;
    const counted = { ...prints, prefix: (length: number): string => { prefixes++; return prints.prefix(length); } };
    expect((await ledger.match(counted))?.fileId).toBe(partial);
    expect(prefixes).toBe(0);
  }));

  it('knows a file read to its end and untouched since by its stamp alone', () => withLedger(async (ledger) => {
    const read = { ...write('big.log', 9000, 9000), mtimeUs: 1_700_000_000_000_000, inode: 42, device: 7 };
    await ledger.insert(read);
    const stamp = { size: 9000, mtimeUs: read.mtimeUs, inode: 42, device: 7 };
    expect((await ledger.unchanged(stamp))?.path).toBe('big.log');
    // Written since, grown, or another file: the head decides.
    expect(await ledger.unchanged({ ...stamp, mtimeUs: stamp.mtimeUs + 1 })).toBeUndefined();
    expect(await ledger.unchanged({ ...stamp, size: 9100 })).toBeUndefined();
    expect(await ledger.unchanged({ ...stamp, inode: 43 })).toBeUndefined();
    // Read only partly (a line held back): not unchanged by its stamp either.
    await ledger.insert({ ...write('held.log', 5000, 4900), mtimeUs: 5, inode: 44, device: 7 });
    expect(await ledger.unchanged({ size: 5000, mtimeUs: 5, inode: 44, device: 7 })).toBeUndefined();
    // A gzip file is read to its end when its compressed size was recorded.
    await ledger.insert({ ...write('old.log.gz', 800, 30000), gzip: true, gzipSize: 800, mtimeUs: 6, inode: 45, device: 7 });
    expect((await ledger.unchanged({ size: 800, mtimeUs: 6, inode: 45, device: 7 }))?.path).toBe('old.log.gz');
  }));

  it('reads the table again after a rollback, forgetting rows that were never committed', () => withLedger(async (ledger, store) => {
    expect(await ledger.match(headPrints(head))).toBeUndefined();
    await store.connection.run('BEGIN TRANSACTION');
    await ledger.insert(write('big.log', 9000, 9000));
    expect(await ledger.match(headPrints(head))).toBeDefined();
    await store.connection.run('ROLLBACK');
    ledger.forget();
    expect(await ledger.match(headPrints(head))).toBeUndefined();
  }));

  it('writes new entries at flush, in one statement, with ids from the sequence; an update before it changes what is written', () => withLedger(async (ledger, store) => {
    const count = async (): Promise<number> => Number((await queryRows(store.connection, 'SELECT count(*) AS n FROM ingested_files'))[0].n);
    const ids = [];
    for (let i = 0; i < 70; i++) ids.push(await ledger.insert({ ...write(`f${i}.log`, 300, 300), inode: 100 + i }));
    expect(new Set(ids).size).toBe(70);
    expect(await count()).toBe(0); // nothing written before the flush, but known in memory
    expect((await ledger.unchanged({ size: 300, mtimeUs: 1, inode: 169, device: 1 }))?.path).toBe('f69.log');
    // An update of an entry not yet written: an unknown format keeps the one given first.
    await ledger.update(ids[3], { ...write('f3.log', 9000, 9000), inode: 103, format: null });
    await ledger.flush();
    expect(await count()).toBe(70);
    const [third] = await queryRows(store.connection, 'SELECT format, offset_bytes, first_ingested IS NOT NULL AS stamped FROM ingested_files WHERE file_id = $id', { id: BigInt(ids[3]) });
    expect(third).toEqual({ format: 'nginx', offset_bytes: 9000, stamped: true });
    // Later ids come after these, from the same sequence, whoever inserts.
    await store.connection.run("INSERT INTO ingested_files (path, gzip, size, mtime_us, inode, device, head_len, fingerprint, offset_bytes, lines, records, malformed, skipped, first_ingested, last_ingested) VALUES ('x', false, 0, 0, 0, 0, 0, '', 0, 0, 0, 0, 0, now(), now())");
    const later = await new FileLedger(store.connection).insert(write('later.log', 10, 10));
    expect(later).toBeGreaterThan(Math.max(...ids));
    // After a flush, updates go to the table.
    await ledger.update(ids[5], { ...write('f5.log', 700, 700), inode: 105 });
    expect((await queryRows(store.connection, 'SELECT offset_bytes FROM ingested_files WHERE file_id = $id', { id: BigInt(ids[5]) }))[0].offset_bytes).toBe(700);
  }));

  it('reads back every field of what it wrote: odd paths, unknown formats, gzip sizes, large numbers, and an empty table', () => withLedger(async (ledger, store) => {
    expect(await new FileLedger(store.connection).unchanged({ size: 1, mtimeUs: 1, inode: 1, device: 1 })).toBeUndefined();
    const plain: LedgerWrite = {
      ...write('/var/log/"quoted" \\back\\slash/é\ttab\nline.log', 4000, 4000), format: null,
      mtimeUs: 1_793_491_200_123_456, inode: 2 ** 40 + 7, device: 66306, lines: 123_456_789, records: 2 ** 40, malformed: 3, skipped: 4,
    };
    const gzip: LedgerWrite = { ...write('/var/log/access.log.2.gz', 9000, 9000), gzip: true, size: 1234, gzipSize: 1234, inode: 9, headLen: 4096 };
    const ids = [await ledger.insert(plain), await ledger.insert(gzip)];
    await ledger.flush();
    const again = new FileLedger(store.connection);
    expect(await again.unchanged({ size: plain.size, mtimeUs: plain.mtimeUs, inode: plain.inode, device: plain.device })).toEqual({ ...plain, fileId: ids[0] });
    expect(await again.unchanged({ size: 1234, mtimeUs: 1, inode: 9, device: 1 })).toEqual({ ...gzip, fileId: ids[1] });
  }));

  it('forgets entries not yet written when their transaction rolls back', () => withLedger(async (ledger, store) => {
    await store.connection.run('BEGIN TRANSACTION');
    await ledger.insert(write('big.log', 9000, 9000));
    await ledger.flush();
    await ledger.insert({ ...write('lost.log', 600, 600), fingerprint: fingerprint(Buffer.from('lost')) }); // never flushed
    await store.connection.run('ROLLBACK');
    ledger.forget();
    await ledger.insert({ ...write('other.log', 500, 500), fingerprint: fingerprint(Buffer.from('another file')) });
    await ledger.flush();
    const rows = await queryRows(store.connection, 'SELECT path FROM ingested_files');
    expect(rows).toEqual([{ path: 'other.log' }]);
    expect(await ledger.match(headPrints(head))).toBeUndefined();
  }));
});
