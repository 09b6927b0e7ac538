import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../../parsers/types.js';
import type { OmittableField } from '../../../src/store/row-group-encoder.js';
import { GroupKind, groupKind, SplitEncoder } from '../../../src/store/row-group-split.js';
import { StagingFile } from '../../../src/store/staging-file.js';
import { queryParquetFile, tempDir } from '../../helpers.js';

describe('row groups split by status', () => {
  it('keeps 1xx and 2xx apart from everything else, 0xx included', () => {
    expect([0, 99, 100, 204, 299, 300, 304, 444, 499, 561].map(groupKind)).toEqual([
      GroupKind.Notable, GroupKind.Notable, GroupKind.Ordinary, GroupKind.Ordinary, GroupKind.Ordinary,
      GroupKind.Notable, GroupKind.Notable, GroupKind.Notable, GroupKind.Notable, GroupKind.Notable,
    ]);
  });

  it('encodes each kind as its own group, ordinary first, one after the other in the output', async () => {
    const encoder = new SplitEncoder();
    const statuses = [200, 404, 201, 0, 302, 200, 503];
    statuses.forEach((status, i) => encoder.addRecord({ ...emptyRecord('nginx', 1_000_000 * i, status), path: `/p${i}` }, i + 1));
    expect(encoder.rows).toBe(7);
    const output = Buffer.alloc(64 * 1024);
    const groups = encoder.finish(output);
    expect(groups.map((g) => [g.kind, g.layout.rows])).toEqual([[GroupKind.Ordinary, 3], [GroupKind.Notable, 4]]);
    expect(groups.every((g) => g.bytes.buffer === output.buffer)).toBe(true);
    expect(groups[1].bytes.byteOffset).toBe(output.byteOffset + groups[0].bytes.length);
    expect(groups.map((g) => [g.layout.stats[1].min, g.layout.stats[1].max])).toEqual([[200, 201], [0, 503]]);
    expect(encoder.rows).toBe(0);

    const file = join(tempDir(), 'split.parquet');
    const staging = new StagingFile(file);
    for (const g of groups) staging.addGroup([g], [{ input: 'a.log', format: 'nginx', rows: g.layout.rows }]);
    staging.close();
    const rows = await queryParquetFile(file, 'SELECT line, status, path FROM read_parquet($FILE) ORDER BY line');
    expect(rows).toEqual(statuses.map((status, i) => ({ line: i + 1, status, path: `/p${i}` })));
  });

  it('leaves omitted fields null, from records and from scanned lines alike', async () => {
    const { ScannedRecord, TextField } = await import('../../../parsers/scanned-record.js');
    const staged = async (omitted: OmittableField[]): Promise<Record<string, unknown>[]> => {
      const encoder = new SplitEncoder(omitted);
      encoder.addRecord({ ...emptyRecord('alb', 1_000_000, 502), path: '/a', referer: 'https://r.example', request_id: 'Root=1-a', user_agent: 'ua', bytes_sent: 12 }, 1);
      const line = Buffer.from('/b https://s.example Root=1-b agent 345');
      const scanned = new ScannedRecord();
      scanned.reset(line, 2_000_000, 200);
      scanned.span(TextField.path, 0, 2);
      scanned.span(TextField.referer, 3, 20);
      scanned.span(TextField.request_id, 21, 29);
      scanned.span(TextField.user_agent, 30, 35);
      scanned.deferBytesSent(36, 39);
      encoder.addScanned(scanned, 2);
      const file = join(tempDir(), 'omitted.parquet');
      const staging = new StagingFile(file);
      for (const g of encoder.finish()) staging.addGroup([g], [{ input: 'a.log', format: 'alb', rows: g.layout.rows }]);
      staging.close();
      return queryParquetFile(file, 'SELECT line, path, referer, request_id, user_agent, bytes_sent FROM read_parquet($FILE) ORDER BY line');
    };
    expect(await staged(['referer', 'request_id', 'bytes_sent'])).toEqual([
      { line: 1, path: '/a', referer: null, request_id: null, user_agent: 'ua', bytes_sent: null },
      { line: 2, path: '/b', referer: null, request_id: null, user_agent: 'agent', bytes_sent: null },
    ]);
    expect(await staged(['referer'])).toEqual([
      { line: 1, path: '/a', referer: null, request_id: 'Root=1-a', user_agent: 'ua', bytes_sent: 12 },
      { line: 2, path: '/b', referer: null, request_id: 'Root=1-b', user_agent: 'agent', bytes_sent: 345 },
    ]);
  });

  it('leaves out a kind without rows, and writes elsewhere when the output is too small', () => {
    const encoder = new SplitEncoder();
    encoder.addRecord(emptyRecord('nginx', 1, 200), 1);
    const tiny = Buffer.alloc(8);
    const [only, ...rest] = encoder.finish(tiny);
    expect(rest).toEqual([]);
    expect(only.kind).toBe(GroupKind.Ordinary);
    expect(only.bytes.buffer).not.toBe(tiny.buffer);
  });
});
