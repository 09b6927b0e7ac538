import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanNginx } from '../../../parsers/nginx.js';
import { ScannedRecord, TextField } from '../../../parsers/scanned-record.js';
import { tokenMemory } from '../../../parsers/token-memory.js';
import { emptyRecord } from '../../../parsers/types.js';
import { RowGroupEncoder } from '../../../src/store/row-group-encoder.js';
import { StagingFile, type InputRun } from '../../../src/store/staging-file.js';
import type { RowGroupLayout } from '../../../src/store/staging-format.js';
import { queryParquetFile, seededRandom, tempDir } from '../../helpers.js';

/**
 * Writes row groups as one staging file (StagingFile, as the writer does) and reads it
 * back with DuckDB's own Parquet reader. A group without runs is all format `alb` and
 * input `in-<its index>.log`.
 */
async function readBack(groups: { bytes: Buffer; layout: RowGroupLayout; runs?: InputRun[] }[], sql: string): Promise<Record<string, unknown>[]> {
  const file = join(tempDir(), 'staging.parquet');
  const staging = new StagingFile(file);
  groups.forEach((group, i) => staging.addGroup([group], group.runs ?? [{ format: 'alb', input: `in-${i}.log`, rows: group.layout.rows }]));
  staging.close();
  return queryParquetFile(file, sql);
}

describe('staging row groups (Parquet written by RowGroupEncoder)', () => {
  it('declares the column types DuckDB reads: the table\'s own', async () => {
    const encoder = new RowGroupEncoder();
    encoder.addRecord({ ...emptyRecord('nginx', 1, 200), path: '/' }, 1);
    const rows = await readBack([encoder.finish()], 'SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet($FILE)) WHERE name IN (\'ts\', \'status\', \'upstream_status\', \'line\', \'bytes_sent\', \'request_time_s\', \'path\', \'input\') ORDER BY name');
    expect(rows).toEqual([
      { name: 'bytes_sent', type: 'BIGINT' }, { name: 'input', type: 'VARCHAR' }, { name: 'line', type: 'INTEGER' }, { name: 'path', type: 'VARCHAR' },
      { name: 'request_time_s', type: 'DOUBLE' }, { name: 'status', type: 'SMALLINT' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'upstream_status', type: 'SMALLINT' },
    ]);
  });

  it('keeps every value and every null across row groups of many sizes', async () => {
    const encoder = new RowGroupEncoder(4);
    const groups = [];
    const expected: unknown[] = [];
    let line = 0;
    // 1, 8, 9 and 1,500 rows: partial and whole bitmap bytes, and a run header over 127 groups.
    for (const size of [1, 8, 9, 1500]) {
      for (let i = 0; i < size; i++) {
        line++;
        const record = {
          ...emptyRecord('alb', 1_790_000_000_000_000 + line * 1_000_003, 200 + (line % 300)),
          upstream_status: line % 3 === 0 ? null : 200,
          method: line % 2 === 0 ? 'GET' : null,
          user_agent: line % 5 === 0 ? null : `agent ${line} "quoted", café`,
          bytes_sent: line % 7 === 0 ? null : line * 1000,
          request_time_s: line % 4 === 0 ? null : line / 1000,
          classification: line % 11 === 0 ? '' : null,
        };
        encoder.addRecord(record, line);
        expected.push({ ts_us: String(record.ts), status: record.status, line, upstream_status: record.upstream_status, method: record.method,
          user_agent: record.user_agent, bytes_sent: record.bytes_sent === null ? null : String(record.bytes_sent), request_time_s: record.request_time_s,
          classification: record.classification });
      }
      groups.push(encoder.finish());
    }
    const rows = await readBack(groups, 'SELECT epoch_us(ts)::VARCHAR AS ts_us, status, line, upstream_status, method, user_agent, bytes_sent::VARCHAR AS bytes_sent, request_time_s, classification FROM read_parquet($FILE) ORDER BY line');
    expect(rows.length).toBe(1518);
    expect(rows).toEqual(expected);
    // The run columns: one format, and each group's own input.
    expect(await readBack(groups, 'SELECT format, input, count(*)::INTEGER AS n FROM read_parquet($FILE) GROUP BY ALL ORDER BY input')).toEqual([
      { format: 'alb', input: 'in-0.log', n: 1 }, { format: 'alb', input: 'in-1.log', n: 8 },
      { format: 'alb', input: 'in-2.log', n: 9 }, { format: 'alb', input: 'in-3.log', n: 1500 },
    ]);
  });

  it('stores run columns with dictionaries of any size (index widths of 1, 2 and 9 bits)', async () => {
    for (const inputs of [2, 3, 300]) {
      const encoder = new RowGroupEncoder();
      const runs = Array.from({ length: inputs }, (_, i) => ({ value: `file-${i % inputs}.log`, rows: 1 + (i % 3) }));
      let line = 0;
      for (const run of runs) for (let k = 0; k < run.rows; k++) encoder.addRecord(emptyRecord('nginx', 1, 200), ++line);
      const group = encoder.finish();
      const rows = await readBack([{ ...group, runs: runs.map((run) => ({ format: 'nginx', input: run.value, rows: run.rows })) }], 'SELECT line, input, format FROM read_parquet($FILE) ORDER BY line');
      const expected = runs.flatMap((run) => Array.from({ length: run.rows }, () => run.value));
      expect(rows.map((r) => r.input)).toEqual(expected);
      expect(new Set(rows.map((r) => r.format))).toEqual(new Set(['nginx']));
    }
  });

  it('refuses a 32-bit column value it cannot hold instead of wrapping it', () => {
    const tooFar = new RowGroupEncoder();
    tooFar.addRecord(emptyRecord('nginx', 1, 200), 2 ** 31);
    expect(() => tooFar.finish()).toThrow(RangeError);
    const last = new RowGroupEncoder();
    last.addRecord(emptyRecord('nginx', 1, 200), 2 ** 31 - 1);
    expect(last.finish().layout.rows).toBe(1);
  });

  it('writes numbers exactly, and nulls what a BIGINT cannot hold', async () => {
    const encoder = new RowGroupEncoder();
    const sent = [0, -5, 2 ** 53 - 1, 2 ** 60, 1e20, 12.9, Number.NaN];
    sent.forEach((bytes, i) => encoder.addRecord({ ...emptyRecord('nginx', -1_000_000 + i, 200), bytes_sent: bytes, upstream_time_s: 0.1 + 0.2 }, i + 1));
    const rows = await readBack([encoder.finish()], 'SELECT epoch_us(ts)::VARCHAR AS ts_us, bytes_sent::VARCHAR AS bytes_sent, upstream_time_s FROM read_parquet($FILE) ORDER BY ts');
    expect(rows.map((r) => r.bytes_sent)).toEqual(['0', '-5', '9007199254740991', '1152921504606846976', null, '12', null]);
    expect(rows[0].ts_us).toBe('-1000000');
    expect(rows.every((r) => r.upstream_time_s === 0.1 + 0.2)).toBe(true);
  });

  it('copies scanned byte ranges, and turns invalid UTF-8 into U+FFFD as the string path does', async () => {
    const line = Buffer.concat([Buffer.from('GET /caf\u00e9 '), Buffer.from([0x2f, 0xff, 0xfe, 0x41])]);
    const scanned = new ScannedRecord();
    scanned.reset(line, 5, 404);
    scanned.span(TextField.method, 0, 3);
    scanned.span(TextField.path, 4, 10);
    scanned.span(TextField.query, 11, line.length);
    scanned.set(TextField.host, 'example.com');
    const encoder = new RowGroupEncoder();
    encoder.addScanned(scanned, 9);
    const [row] = await readBack([encoder.finish()], 'SELECT method, path, query, host, referer, status, line FROM read_parquet($FILE)');
    expect(row).toEqual({ method: 'GET', path: '/café', query: '/\uFFFD\uFFFDA', host: 'example.com', referer: null, status: 404, line: 9 });
  });

  it('gives every row its endpoint, in row order, from byte ranges and from text alike', async () => {
    const line = (text: string | Buffer): Buffer => (typeof text === 'string' ? Buffer.from(text) : text);
    const scanned = new ScannedRecord();
    const encoder = new RowGroupEncoder(2);
    const scan = (bytes: Buffer, method: [number, number] | null, path: [number, number] | string | null, n: number): void => {
      scanned.reset(bytes, n, 200);
      if (method === null) scanned.set(TextField.method, null);
      else scanned.span(TextField.method, method[0], method[1]);
      if (path === null || typeof path === 'string') scanned.set(TextField.path, path);
      else scanned.span(TextField.path, path[0], path[1]);
      encoder.addScanned(scanned, n);
    };
    const first = line('GET /users/42 x'), second = line('POST /s/0f8fad5b-d9cb-469f-a165-70867728950e/7');
    scan(first, [0, 3], [4, 13], 1);
    encoder.addRecord({ ...emptyRecord('nginx', 2, 200), method: 'PUT', path: '/a/1/b' }, 2);
    scan(first, null, [4, 13], 3);
    // Rows read from other bytes: the rows so far are templated before their bytes change.
    scan(second, [0, 4], [5, second.length], 4);
    scan(second, [0, 4], null, 5);
    scan(second, [0, 4], '/decoded/99', 6);
    // Invalid UTF-8 in a path becomes U+FFFD, as in the path column.
    const invalid = Buffer.concat([Buffer.from('GET /x/'), Buffer.from([0xff]), Buffer.from('/12')]);
    scan(invalid, [0, 3], [4, invalid.length], 7);
    for (let n = 8; n <= 20; n++) scan(first, [0, 3], [4, 13], n);
    const rows = await readBack([encoder.finish()], 'SELECT line, path, endpoint FROM read_parquet($FILE) ORDER BY line');
    expect(rows.slice(0, 8)).toEqual([
      { line: 1, path: '/users/42', endpoint: 'GET /users/{id}' },
      { line: 2, path: '/a/1/b', endpoint: 'PUT /a/{id}/b' },
      { line: 3, path: '/users/42', endpoint: '- /users/{id}' },
      { line: 4, path: '/s/0f8fad5b-d9cb-469f-a165-70867728950e/7', endpoint: 'POST /s/{uuid}/{id}' },
      { line: 5, path: null, endpoint: '(no request line)' },
      { line: 6, path: '/decoded/99', endpoint: 'POST /decoded/{id}' },
      { line: 7, path: '/x/\uFFFD/12', endpoint: 'GET /x/\uFFFD/{id}' },
      { line: 8, path: '/users/42', endpoint: 'GET /users/{id}' },
    ]);
    expect(rows.length).toBe(20);
    // The encoder starts over: the next group has only its own rows.
    scan(first, [0, 3], [4, 6], 21);
    expect(await readBack([encoder.finish()], 'SELECT endpoint FROM read_parquet($FILE)')).toEqual([{ endpoint: 'GET /u' }]);
  });
});

describe('text columns in the tokenizer\'s memory (copyText)', () => {
  const random = seededRandom(8);
  // nginx lines whose user agents grow past every column's first room, some with
  // non-ASCII and invalid UTF-8 in the path and the user agent, and paths for every
  // templating rule (the endpoint is templated in WebAssembly from memory, except for
  // those and a path too long for its scratch, which come in between).
  const shapes = [(i: number) => `/p/${i}`, (i: number) => `/s/0f8fad5b-d9cb-469f-a165-70867728950e/${i}`,
    (i: number) => `/static/app.${(0x10000000 + i).toString(16)}.js`, (i: number) => `/k/AKIAIOSFODNN7EXAMPLE${i}XYZ`,
    (i: number) => `/d/${'a.12345678.'.repeat(400)}${i}`];
  const lines = Array.from({ length: 600 }, (_, i) => {
    const agent = `Agent/${i} ${'x'.repeat(random(i < 300 ? 40 : 3000))}${i % 7 === 0 ? ' caf\u00e9' : ''}`;
    const path = i % 11 === 0 ? Buffer.concat([Buffer.from('/p/'), Buffer.from([0xff, 0x41])]) : Buffer.from(`${shapes[i % shapes.length](i)}?q=${i}`);
    return Buffer.concat([Buffer.from(`10.0.0.${i % 250} - - [27/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET `), path,
      Buffer.from(` HTTP/1.1" 200 ${i} "-" "${agent}" rt=0.00${i % 10}`)]);
  });
  const SQL = 'SELECT client_ip, path, query, user_agent, endpoint, request_time_s FROM read_parquet($FILE) ORDER BY line';

  /** Adds nginx lines to encoder, numbered from firstLine; inMemory false: as if the tokenizer had not left them in its memory. */
  function feed(encoder: RowGroupEncoder, batch: readonly Buffer[], inMemory: boolean, firstLine = 1): void {
    const scanned = new ScannedRecord();
    batch.forEach((bytes, i) => {
      expect(scanNginx(bytes, 0, bytes.length, scanned)).toBeNull();
      // The tokenizer says where the line is in its memory: the encoder copies from there.
      expect(Number.isInteger(scanned.memoryDelta)).toBe(true);
      if (!inMemory) scanned.memoryDelta = NaN;
      encoder.addScanned(scanned, firstLine + i);
    });
  }

  /** Lines encoded as one group by a new encoder, read back with sql. */
  async function encoded(batch: readonly Buffer[], inMemory: boolean, sql = SQL): Promise<Record<string, unknown>[]> {
    const encoder = new RowGroupEncoder();
    feed(encoder, batch, inMemory);
    return readBack([encoder.finish()], sql);
  }

  const ENDPOINTS = 'SELECT line, endpoint FROM read_parquet($FILE) ORDER BY line';

  it('stores what the plain copy stores, growing, non-ASCII and invalid UTF-8 included', async () => {
    const copied = await encoded(lines, true);
    expect(copied).toEqual(await encoded(lines, false));
    expect(copied).toHaveLength(600);
    expect(copied[10]).toMatchObject({ client_ip: '10.0.0.10', path: '/p/10', query: 'q=10', endpoint: 'GET /p/{id}' });
    expect(copied.slice(1, 5).map((row) => row.endpoint)).toEqual(['GET /s/{uuid}/{id}', 'GET /static/app.{hash}.js', 'GET /k/{token}', `GET /d/${'a.{hash}.'.repeat(400)}4`]);
    expect(copied[11].path).toBe('/p/\uFFFDA');
    expect(String(copied[14].user_agent).endsWith(' café')).toBe(true);
  });

  it('keeps every endpoint when a row templated in JavaScript comes after hundreds templated in memory', async () => {
    // A row templated in memory takes no slot in the endpoint column's table of byte
    // ranges: a rare path that is not ASCII, far past the table's first room, must still
    // get a slot of its own (it once wrote past the table, and its group's endpoints came out empty).
    const line = (i: number): Buffer => Buffer.concat([Buffer.from(`10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET /a/${i}`),
      i % 400 === 399 ? Buffer.from([0xc3, 0xa9]) : Buffer.alloc(0), Buffer.from(` HTTP/1.1" 404 1 "-" "x"`)]);
    const batch = Array.from({ length: 1200 }, (_, i) => line(i));
    const rows = await encoded(batch, true, ENDPOINTS);
    expect(rows).toEqual(await encoded(batch, false, ENDPOINTS));
    expect(rows.filter((row) => row.endpoint === 'GET /a/{id}')).toHaveLength(1197);
    expect(rows[399]).toEqual({ line: 400, endpoint: 'GET /a/399\u00e9' });
  });

  it('keeps every endpoint when the tokenizer memory grows under the group (a library caller\'s 5 MB line)', async () => {
    // Growing detaches the views of memory made before: the endpoint column's view is
    // made again at its area's full size (a detached view says 0, and the values went).
    const line = (i: number): Buffer => Buffer.from(`10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET /a/${i}/app.1234abcd.js HTTP/1.1" 404 1 "-" "${i === 150 ? 'x'.repeat(5 * 1024 * 1024) : 'ua'}"`);
    const batch = Array.from({ length: 300 }, (_, i) => line(i));
    const before = tokenMemory().generation;
    const inMemory = await encoded(batch, true, ENDPOINTS);
    expect(tokenMemory().generation).toBeGreaterThan(before);
    expect(inMemory).toEqual(await encoded(batch, false, ENDPOINTS));
    expect(new Set(inMemory.map((row) => row.endpoint))).toEqual(new Set(['GET /a/{id}/app.{hash}.js']));
  });

  it('keeps columns in plain buffers once the arena is full, and stores the same', async () => {
    const expected = await encoded(lines, false);
    // Its columns move into the arena with its first rows.
    const started = new RowGroupEncoder();
    feed(started, lines.slice(0, 20), true);
    const memory = tokenMemory();
    let taken = 0;
    for (let size = 1 << 24; size >= 4096; size >>= 1) while (memory.area(size) >= 0) taken += size;
    expect(taken).toBeGreaterThan(0);
    // Its columns outgrow their areas and move to plain buffers; a new encoder's stay plain.
    feed(started, lines.slice(20), true, 21);
    expect(await readBack([started.finish()], SQL)).toEqual(expected);
    expect(await encoded(lines, true)).toEqual(expected);
  });
});
