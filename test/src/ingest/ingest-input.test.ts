import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../parsers/types.js';
import { ingestInput } from '../../../src/ingest/ingest-input.js';
import { tempDir } from '../../helpers.js';

const LINE = (n: number, status = 200): string =>
  `192.0.2.${n % 250} - - [26/Nov/2026:10:00:${String(n % 60).padStart(2, '0')} +0000] "GET /item/${n} HTTP/1.1" ${status} 10 "-" "t"`;

function collector(): { records: { record: RequestRecord; line: number }[]; append(r: RequestRecord, _i: string, line: number): void } {
  const records: { record: RequestRecord; line: number }[] = [];
  return { records, append: (record, _input, line) => { records.push({ record, line }); } };
}

describe('ingestInput', () => {
  it('counts lines, blanks, records and malformed lines exactly', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.log');
    writeFileSync(file, [LINE(1), '', LINE(2, 404), 'garbage', '   ', LINE(3, 499)].join('\n') + '\n');
    const sink = collector();
    const info = await ingestInput(file, sink);
    expect(info).toMatchObject({ format: 'nginx', detectedBy: 'detection', lines: 6, blank: 2, records: 3, malformed: 1, partial: false, error: null });
    expect(sink.records.map((r) => [r.line, r.record.status])).toEqual([[1, 200], [3, 404], [6, 499]]);
    expect(info.samples).toEqual([{ path: file, line: 4, text: 'garbage', code: 'NOT_THIS_FORMAT', reason: expect.any(String) }]);
  });

  it('reads gzip by magic bytes whatever the name', async () => {
    const dir = tempDir();
    const file = join(dir, 'rotated.1');
    const text = Array.from({ length: 100 }, (_, i) => LINE(i)).join('\n') + '\n';
    writeFileSync(file, gzipSync(text));
    const info = await ingestInput(file, collector());
    expect(info).toMatchObject({ gzip: true, records: 100, lines: 100, malformed: 0 });
    expect(info.bytes).toBe(gzipSync(text).length);
  });

  it('reads stdin', async () => {
    const text = [LINE(1), LINE(2), LINE(3)].join('\n');
    const info = await ingestInput('-', collector(), { stdin: Readable.from([Buffer.from(text)]) });
    expect(info).toMatchObject({ path: '-', records: 3, lines: 3 });
  });

  it('counts an over-long line as malformed and goes on', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.log');
    const long = LINE(2).replace('/item/2', '/item/' + 'x'.repeat(5000));
    writeFileSync(file, [LINE(1), long, LINE(3)].join('\n') + '\n');
    const sink = collector();
    const info = await ingestInput(file, sink, { maxLineBytes: 1000 });
    expect(info).toMatchObject({ lines: 3, records: 2, malformed: 1, malformedByCode: { LINE_TOO_LONG: 1 } });
    expect(sink.records.map((r) => r.line)).toEqual([1, 3]);
    expect(info.samples[0].line).toBe(2);
  });

  it('gives an empty file a clean zero', async () => {
    const dir = tempDir();
    const file = join(dir, 'empty.log');
    writeFileSync(file, '');
    expect(await ingestInput(file, collector())).toMatchObject({ lines: 0, records: 0, malformed: 0, error: null, format: null });
  });

  it('names a missing file in a one-line error', async () => {
    const info = await ingestInput('/nonexistent/x.log', collector());
    expect(info.error).toBe('/nonexistent/x.log: no such file');
  });

  it('fails detection with a clear error when nothing fits', async () => {
    const dir = tempDir();
    const file = join(dir, 'junk.bin');
    writeFileSync(file, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)));
    const info = await ingestInput(file, collector());
    expect(info.records).toBe(0);
    expect(info.error).toMatch(/junk\.bin: could not detect the log format/);
  });

  it('keeps records read before a corrupt gzip tail and marks the input partial', async () => {
    const dir = tempDir();
    const file = join(dir, 'cut.log.gz');
    const text = Array.from({ length: 20000 }, (_, i) => LINE(i)).join('\n') + '\n';
    const gz = gzipSync(text);
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const info = await ingestInput(file, collector());
    expect(info.partial).toBe(true);
    expect(info.records).toBeGreaterThan(1000);
    expect(info.records).toBeLessThan(20000);
    expect(info.error).toMatch(/cut\.log\.gz: reading stopped after line \d+ \(byte \d+\)/);
  });
});
