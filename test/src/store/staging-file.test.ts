import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../../parsers/types.js';
import { RowGroupEncoder } from '../../../src/store/row-group-encoder.js';
import { combineExtents, StagingFile } from '../../../src/store/staging-file.js';
import type { EncodedRowGroup } from '../../../src/store/staging-format.js';
import { queryParquetFile, tempDir } from '../../helpers.js';

const T0 = 1_793_491_200_000_000; // 2026-11-01T00:00:00Z in microseconds

/** A group of rows with the given statuses, one second apart from `first`, lines from `line`. */
function group(statuses: number[], first: number, line: number): EncodedRowGroup {
  const encoder = new RowGroupEncoder();
  statuses.forEach((status, i) => encoder.addRecord({
    ...emptyRecord('nginx', T0 + (first + i) * 1_000_000, status),
    path: `/r${line + i}`,
    user_agent: (line + i) % 3 === 0 ? null : 'curl/8.5.0',
  }, line + i));
  return encoder.finish();
}

describe('StagingFile', () => {
  it('writes parts as one row group whose chunks hold a page per part, with the same rows', async () => {
    const parts = [group([200, 201, 204], 0, 1), group([200], 10, 4), group([304, 200], 20, 5)];
    const file = join(tempDir(), 'merged.parquet');
    const staging = new StagingFile(file);
    staging.addGroup(parts, [{ input: 'a.log', format: 'nginx', rows: 4 }, { input: 'b.log', format: 'nginx', rows: 2 }]);
    staging.addGroup([group([500], 30, 7)], [{ input: 'b.log', format: 'nginx', rows: 1 }]);
    // What count(*), min(ts) and max(ts) would give, from the groups' statistics.
    expect(staging.extent).toEqual({ requests: 7, firstUs: T0, lastUs: T0 + 30_000_000 });
    staging.close();
    expect(await queryParquetFile(file, 'SELECT line, status, path, user_agent, input, epoch_us(ts) - ' + T0 + ' AS us FROM read_parquet($FILE) ORDER BY line')).toEqual([
      { line: 1, status: 200, path: '/r1', user_agent: 'curl/8.5.0', input: 'a.log', us: 0 },
      { line: 2, status: 201, path: '/r2', user_agent: 'curl/8.5.0', input: 'a.log', us: 1_000_000 },
      { line: 3, status: 204, path: '/r3', user_agent: null, input: 'a.log', us: 2_000_000 },
      { line: 4, status: 200, path: '/r4', user_agent: 'curl/8.5.0', input: 'a.log', us: 10_000_000 },
      { line: 5, status: 304, path: '/r5', user_agent: 'curl/8.5.0', input: 'b.log', us: 20_000_000 },
      { line: 6, status: 200, path: '/r6', user_agent: null, input: 'b.log', us: 21_000_000 },
      { line: 7, status: 500, path: '/r7', user_agent: 'curl/8.5.0', input: 'b.log', us: 30_000_000 },
    ]);
    // Two row groups; the footer bounds status and ts, and counts nulls.
    const meta = await queryParquetFile(file, `SELECT row_group_id AS g, path_in_schema AS col, row_group_num_rows::INTEGER AS n, stats_min_value AS min, stats_max_value AS max, stats_null_count::INTEGER AS nulls
      FROM parquet_metadata($FILE) WHERE path_in_schema IN ('status', 'ts', 'user_agent') ORDER BY g, col`);
    expect(meta).toEqual([
      { g: 0, col: 'status', n: 6, min: '200', max: '304', nulls: 0 },
      { g: 0, col: 'ts', n: 6, min: '2026-11-01 00:00:00', max: '2026-11-01 00:00:21', nulls: 0 },
      { g: 0, col: 'user_agent', n: 6, min: null, max: null, nulls: 2 },
      { g: 1, col: 'status', n: 1, min: '500', max: '500', nulls: 0 },
      { g: 1, col: 'ts', n: 1, min: '2026-11-01 00:00:30', max: '2026-11-01 00:00:30', nulls: 0 },
      { g: 1, col: 'user_agent', n: 1, min: null, max: null, nulls: 0 },
    ]);
  });

  it('gives filters the right answers when DuckDB skips row groups by their statistics', async () => {
    const file = join(tempDir(), 'skip.parquet');
    const staging = new StagingFile(file);
    // Ordinary groups of 2xx, and one of errors and 0xx in the middle of the time range.
    for (let g = 0; g < 4; g++) staging.addGroup([group(Array.from({ length: 50 }, (_, i) => 200 + (i % 5)), g * 100, g * 100 + 1)], [{ input: 'a.log', format: 'nginx', rows: 50 }]);
    staging.addGroup([group([404, 0, 503, 302, 0, 499], 150, 1000)], [{ input: 'a.log', format: 'nginx', rows: 6 }]);
    staging.close();
    const counts = await queryParquetFile(file, `SELECT
        (SELECT count(*) FROM read_parquet($FILE) WHERE status >= 400 OR status < 100)::INTEGER AS errors,
        (SELECT count(*) FROM read_parquet($FILE) WHERE status >= 300 OR status < 100)::INTEGER AS notable,
        (SELECT count(*) FROM read_parquet($FILE) WHERE status = 203)::INTEGER AS s203,
        (SELECT count(*) FROM read_parquet($FILE) WHERE ts >= make_timestamp(${T0 + 150_000_000}::BIGINT) AND ts < make_timestamp(${T0 + 250_000_000}::BIGINT))::INTEGER AS windowed`);
    // windowed: the error group (150-155 s) and rows 200-249 s of the third ordinary group.
    expect(counts).toEqual([{ errors: 5, notable: 6, s203: 40, windowed: 56 }]);
  });

  it('has no first or last time before it has rows', () => {
    const staging = new StagingFile(join(tempDir(), 'empty.parquet'));
    expect(staging.extent).toEqual({ requests: 0, firstUs: null, lastUs: null });
    staging.close();
    expect(combineExtents({ requests: 2, firstUs: 5, lastUs: 9 }, staging.extent)).toEqual({ requests: 2, firstUs: 5, lastUs: 9 });
    expect(combineExtents(staging.extent, { requests: 2, firstUs: 5, lastUs: 9 })).toEqual({ requests: 2, firstUs: 5, lastUs: 9 });
    expect(combineExtents({ requests: 2, firstUs: 5, lastUs: 9 }, { requests: 1, firstUs: 3, lastUs: 4 })).toEqual({ requests: 3, firstUs: 3, lastUs: 9 });
  });

  it('writes a group of more pieces than one writev call takes', async () => {
    const parts = Array.from({ length: 60 }, (_, i) => group([200 + (i % 3)], i, i + 1));
    const file = join(tempDir(), 'many.parquet');
    const staging = new StagingFile(file);
    staging.addGroup(parts, [{ input: 'a.log', format: 'nginx', rows: 60 }]);
    staging.close();
    const rows = await queryParquetFile(file, 'SELECT count(*)::INTEGER AS n, sum(line)::INTEGER AS lines, count(DISTINCT path)::INTEGER AS paths, max(status) AS top FROM read_parquet($FILE)');
    expect(rows).toEqual([{ n: 60, lines: 1830, paths: 60, top: 202 }]);
  });
});
