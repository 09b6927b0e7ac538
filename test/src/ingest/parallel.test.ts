import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputInfo } from '../../../src/ingest/info.js';
import { ingestAll } from '../../../src/ingest/ingest-all.js';
import { CARRY_ROOM } from '../../../src/ingest/parallel/chunk-memory.js';
import { WorkerPool } from '../../../src/ingest/parallel/worker-pool.js';
import { chooseParsers } from '../../../src/ingest/parser-options.js';
import { expandInputs } from '../../../src/ingest/sources.js';
import { BulkWriter } from '../../../src/store/bulk-writer.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { sample, tempDir } from '../../helpers.js';

const COUNTERS = ['path', 'format', 'lines', 'blank', 'records', 'malformed', 'skipped', 'malformedByCode', 'samples', 'offset', 'partial', 'error'] as const;

let pool: WorkerPool;
beforeAll(() => { pool = new WorkerPool({ formatOptions: {} }, 2); });
afterAll(async () => { await pool.close(); });

async function run(files: string[], chunkBytes: number | null, maxLineBytes = 4096): Promise<{ rows: unknown[]; infos: Partial<InputInfo>[] }> {
  const store = await LogStore.open();
  try {
    const writer = await BulkWriter.create(store.connection);
    const infos = await ingestAll(files, writer, {
      candidates: chooseParsers({}).candidates, maxLineBytes,
      parallel: chunkBytes === null ? undefined : { writer, pool: () => pool, minBytes: 0, chunkBytes },
    });
    await writer.close();
    const rows = await queryRows(store.connection, 'SELECT * EXCLUDE (ts), epoch_us(ts) AS ts_us FROM requests ORDER BY input, line');
    return { rows, infos: infos.map((i) => Object.fromEntries(COUNTERS.map((k) => [k, i[k]]))) };
  } finally {
    store.close();
  }
}

/**
 * Lines whose fields the byte-level fast path cannot simply copy: raw and invalid UTF-8,
 * quotes, commas, `\N`, escapes, and key=value fields that set text.
 */
function awkwardNginx(dir: string): string {
  const at = (n: number): string => `[26/Nov/2026:10:01:${String(n).padStart(2, '0')} +0000]`;
  const lines = [
    Buffer.from(`192.0.2.1 - - ${at(1)} "GET /caf\u00e9?q=\u65e5\u672c HTTP/1.1" 200 5 "-" "Mozilla/5.0 (KHTML, like Gecko) \u2615"`),
    Buffer.concat([Buffer.from(`192.0.2.2 - - ${at(2)} "GET /bad HTTP/1.1" 200 5 "-" "broken `), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(' agent"')]),
    Buffer.from(`192.0.2.3 - - ${at(3)} "GET /x HTTP/1.1" 200 5 "\\N" "\\N" rt=0.5 us="502, 200" ua="10.0.0.1:80, 10.0.0.2:80" rid="a b" cs=HIT`),
    Buffer.from(`192.0.2.4 - - ${at(4)} "GET /say\\x22hi\\x22 HTTP/1.1" 200 5 "-" "q\\"uote" host=api.example.com:8443 msec=1.5`),
    Buffer.from(`192.0.2.5 - - ${at(5)} "GET http://proxy.example.net:8080 HTTP/1.1" 200 5 "" "-" request_uri=/over?ride=1 0.25 0.1 : 0.2`),
  ];
  const file = join(dir, 'awkward-nginx.log');
  writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
  return file;
}

/** ALB lines with raw and invalid UTF-8, a comma-laden user agent, `\N`, and a classification reason. */
function awkwardAlb(dir: string): string {
  const line = (ua: Buffer, url: string, classification = '"-" "-"'): Buffer => Buffer.concat([
    Buffer.from(`h2 2026-11-24T12:00:01.000001Z app/x/1 192.0.2.9:5000 10.0.0.1:80 0.001 0.002 0.000 200 200 10 20 "GET ${url} HTTP/2.0" "`),
    ua,
    Buffer.from(`" - - arn:tg "Root=1-a" "api.example.com" "-" 0 2026-11-24T12:00:00.000000Z "forward" "-" "-" "10.0.0.1:80" "200" ${classification}`),
  ]);
  const file = join(dir, 'awkward-alb.log');
  writeFileSync(file, Buffer.concat([
    line(Buffer.from('Mozilla/5.0 (KHTML, like Gecko) \u2615'), 'https://api.example.com:443/caf\u00e9?q=1,2'),
    line(Buffer.concat([Buffer.from('bad '), Buffer.from([0xfe, 0x41])]), 'https://api.example.com:443/x'),
    line(Buffer.from('\\N'), 'https://api.example.com:443', '"Ambiguous" "UndefinedContentLengthSemantics"'),
  ].flatMap((l) => [l, Buffer.from('\n')])));
  return file;
}

/**
 * Cloudflare lines read in place and lines left to JSON.parse: escapes, raw and invalid
 * UTF-8 in strings, numbers as strings, a repeated key, and an nginx-style empty value.
 */
function awkwardCloudflare(dir: string): string {
  const lines = [
    Buffer.from('{"EdgeStartTimestamp":1793491200225874118,"EdgeResponseStatus":200,"ClientRequestURI":"/caf\\u00e9?q=\\"x\\"","ClientRequestUserAgent":"Mozilla/5.0 \\u2615","RayID":"r1"}'),
    Buffer.concat([Buffer.from('{"EdgeStartTimestamp":"2026-11-24T10:00:01Z","EdgeResponseStatus":"404","ClientRequestURI":"/bad","ClientRequestUserAgent":"broken '), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(' agent","EdgeResponseBytes":" 12 "}')]),
    Buffer.from('{"EdgeStartTimestamp":1793491202000000000,"EdgeResponseStatus":502,"ClientRequestURI":"/first","ClientRequestURI":"/second?x","OriginResponseStatus":0,"ClientRequestHost":"api.example.com"}'),
    Buffer.from('{"EdgeStartTimestamp":1793491203000000000,"EdgeResponseStatus":429,"EdgeResponseBytes":,"ClientRequestURI":"/empty","SecurityAction":"rateLimit"}'),
  ];
  const file = join(dir, 'awkward-cloudflare.ndjson');
  writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
  return file;
}

describe('parallel parsing (the fast path) equals the line-by-line path', () => {
  it.each([64, 1000, 4096, 65536, 1 << 20])('over every sample and edge case, with %i-byte chunks', async (chunkBytes) => {
    const dir = tempDir();
    // Extra edge cases: CRLF, blank lines, an over-long line, no final newline, a line split by every chunk size.
    const edge = join(dir, 'edge.log');
    const line = (n: number): string => `192.0.2.${n} - - [26/Nov/2026:10:00:${String(n % 60).padStart(2, '0')} +0000] "GET /p/${n} HTTP/1.1" 200 1 "-" "ua"`;
    writeFileSync(edge, [line(1), '', line(2) + '\r', 'x'.repeat(9000), '   ', line(3), line(4)].join('\n'));
    writeFileSync(join(dir, 'copy.gz'), gzipSync(Buffer.from([line(5), line(6), 'junk'].join('\n') + '\n')));
    // A byte order mark before the first line, as some editors and exporters write.
    const bom = join(dir, 'bom.ndjson');
    const json = (n: number): string => `{"EdgeStartTimestamp":"2026-11-24T10:00:0${n}Z","EdgeResponseStatus":200,"ClientIP":"192.0.2.${n}"}`;
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([json(7), json(8)].join('\n') + '\n')]));
    const files = [...(await expandInputs([sample('')])).filter((f) => !f.includes('logpush-batch')), edge, join(dir, 'copy.gz'), bom, awkwardNginx(dir), awkwardAlb(dir), awkwardCloudflare(dir)];
    const reference = await run(files, null);
    const fast = await run(files, chunkBytes);
    expect(fast.infos).toEqual(reference.infos);
    expect(fast.rows).toEqual(reference.rows);
    expect(reference.infos.find((i) => i.path === edge)).toMatchObject({ lines: 7, blank: 2, records: 4, malformed: 1, malformedByCode: { LINE_TOO_LONG: 1 } });
    // The mark is not part of line 1 (which would not be JSON), and the resume offset still counts it.
    expect(reference.infos.find((i) => i.path === bom)).toMatchObject({ lines: 2, records: 2, malformed: 0, offset: 3 + 2 * (json(7).length + 1) });
    const awkward = fast.rows.filter((r) => (r as { input: string }).input.endsWith('awkward-nginx.log')) as Record<string, unknown>[];
    expect(awkward.map((r) => [r.path, r.query, r.user_agent, r.referer])).toEqual([
      ['/café', 'q=日本', 'Mozilla/5.0 (KHTML, like Gecko) ☕', null],
      ['/bad', null, 'broken \ufffd\ufffd( agent', null],
      ['/x', null, '\\N', '\\N'],
      ['/say"hi"', null, 'q"uote', null],
      ['/over', 'ride=1', null, ''],
    ]);
    expect(awkward.map((r) => [r.host, r.upstream_status, r.upstream_addr, r.request_id, r.cache_status, r.request_time_s, r.upstream_time_s])).toEqual([
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, 200, '10.0.0.2:80', 'a b', 'HIT', 0.5, null],
      ['api.example.com', null, null, null, null, null, null],
      ['proxy.example.net', null, null, null, null, 0.25, 0.3],
    ]);
    const alb = fast.rows.filter((r) => (r as { input: string }).input.endsWith('awkward-alb.log')) as Record<string, unknown>[];
    expect(alb.map((r) => [r.host, r.path, r.query, r.user_agent, r.classification])).toEqual([
      ['api.example.com', '/café', 'q=1,2', 'Mozilla/5.0 (KHTML, like Gecko) ☕', null],
      ['api.example.com', '/x', null, 'bad \ufffdA', null],
      ['api.example.com', '/', null, '\\N', 'Ambiguous:UndefinedContentLengthSemantics'],
    ]);
    const cloudflare = fast.rows.filter((r) => (r as { input: string }).input.endsWith('awkward-cloudflare.ndjson')) as Record<string, unknown>[];
    expect(cloudflare.map((r) => [r.ts_us, r.status, r.upstream_status, r.host, r.path, r.query, r.user_agent, r.bytes_sent, r.error_reason])).toEqual([
      [1793491200225874, 200, null, null, '/café', 'q="x"', 'Mozilla/5.0 ☕', null, null],
      [Date.UTC(2026, 10, 24, 10, 0, 1) * 1000, 404, null, null, '/bad', null, 'broken \ufffd\ufffd( agent', 12, null],
      [1793491202000000, 502, null, 'api.example.com', '/second', 'x', null, null, null],
      [1793491203000000, 429, null, null, '/empty', null, null, null, 'security:rateLimit'],
    ]);
    // msec= does not override the line's own time.
    expect(awkward[3].ts_us).toBe(Date.UTC(2026, 10, 26, 10, 1, 4) * 1000);
  });

  it('carries lines longer than the room left before each piece read (chunk-memory.ts)', async () => {
    const file = join(tempDir(), 'long.log');
    const line = (n: number, path: string): string => `192.0.2.${n} - - [26/Nov/2026:10:00:0${n} +0000] "GET ${path} HTTP/1.1" 200 1 "-" "ua"`;
    const long = `/long/${'a'.repeat(CARRY_ROOM + 5000)}`;
    writeFileSync(file, [line(1, '/a'), line(2, long), line(3, '/b'), line(4, long), line(5, '/c')].join('\n') + '\n');
    const reference = await run([file], null, 1 << 20);
    const fast = await run([file], 4096, 1 << 20);
    expect(fast.infos).toEqual(reference.infos);
    expect(fast.rows).toEqual(reference.rows);
    expect((fast.rows as { path: string }[]).map((r) => r.path.length)).toEqual([2, long.length, 2, long.length, 2]);
  });

  it('finds over-long lines the same way, inside one piece read or across many (gzip)', async () => {
    const dir = tempDir();
    const line = (n: number, path: string): string => `192.0.2.${n} - - [26/Nov/2026:10:00:0${n} +0000] "GET ${path} HTTP/1.1" 200 1 "-" "ua"`;
    // zlib hands over 16 KB at a time: a 50 KB line spans pieces; a 5 KB one mostly sits in one.
    const text = [line(1, '/a'), line(2, `/${'x'.repeat(50_000)}`), line(3, '/b'), line(4, `/${'y'.repeat(5_000)}`), line(5, '/c'), `${'z'.repeat(20_000)}\r`, line(6, '/d')].join('\n');
    writeFileSync(join(dir, 'long.log.gz'), gzipSync(Buffer.from(text + '\n' + line(7, `/${'w'.repeat(30_000)}`))));
    const [file] = await expandInputs([dir]);
    const reference = await run([file], null, 4096);
    expect(reference.infos[0]).toMatchObject({ lines: 8, records: 4, malformed: 4, malformedByCode: { LINE_TOO_LONG: 4 } });
    expect(reference.infos[0].samples!.map((s) => [s.line, s.text.length])).toEqual([[2, 201], [4, 201], [6, 201], [8, 201]]);
    for (const chunkBytes of [1, 4096, 65536]) {
      const fast = await run([file], chunkBytes, 4096);
      expect(fast.infos).toEqual(reference.infos);
      expect(fast.rows).toEqual(reference.rows);
    }
  });

  it('reports a detection failure the same way', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, Array.from({ length: 80 }, (_, i) => (i % 7 === 0 ? '' : `note ${i}`)).join('\n') + '\n');
    const reference = await run([file], null);
    const fast = await run([file], 200);
    expect(fast.infos).toEqual(reference.infos);
    expect(fast.infos[0].error).toMatch(/could not detect the log format from the first 50 lines/);
  });
});

describe('parallel parsing without its workers', () => {
  it('fails the input with the workers\' error instead of hanging or crashing', async () => {
    const broken = new WorkerPool({ formatOptions: {} }, 2);
    await Promise.all((broken as unknown as { workers: { terminate(): Promise<number> }[] }).workers.map((w) => w.terminate()));
    const file = join(tempDir(), 'many.log');
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET /p/${i} HTTP/1.1" 200 1 "-" "ua"`).join('\n') + '\n');
    const store = await LogStore.open();
    try {
      const writer = await BulkWriter.create(store.connection);
      const [info] = await ingestAll([file], writer, {
        candidates: chooseParsers({}).candidates, maxLineBytes: 4096,
        parallel: { writer, pool: () => broken, minBytes: 0, chunkBytes: 4096 },
      });
      await writer.close();
      expect(info.partial).toBe(true);
      expect(info.error).toMatch(/many\.log: reading stopped after line 0 \(byte \d+\): a parse worker stopped/);
    } finally {
      store.close();
      await broken.close();
    }
  });
});

describe('parallel parsing of a damaged input', () => {
  // How much of the last decompressed block zlib hands over before reporting the cut
  // depends on timing, so the two paths are compared on what they must share.
  it('keeps the records before a corrupt gzip tail, as the line-by-line path does', async () => {
    const dir = tempDir();
    const file = join(dir, 'cut.log.gz');
    const text = Array.from({ length: 30000 }, (_, i) => `192.0.2.${i % 250} - - [26/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /item/${i} HTTP/1.1" 200 10 "-" "t"`).join('\n') + '\n';
    const gz = gzipSync(text);
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const reference = await run([file], null);
    const fast = await run([file], 4096);
    for (const result of [reference, fast]) {
      const info = result.infos[0];
      expect(info.partial).toBe(true);
      expect(info.records).toBeGreaterThan(15000);
      expect(info.records).toBe(info.lines);
      expect(result.rows).toHaveLength(info.records!);
      expect(info.error).toMatch(new RegExp(`cut\\.log\\.gz: reading stopped after line ${info.lines} \\(byte \\d+\\): unexpected end of file`));
    }
    // Both hold the same rows for the lines both read.
    const common = Math.min(reference.rows.length, fast.rows.length);
    expect(fast.rows.slice(0, common)).toEqual(reference.rows.slice(0, common));
  });
});
