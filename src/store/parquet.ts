/**
 * Parquet export and import. `exportParquet` writes `DIR/date=YYYY-MM-DD/format=NAME/
 * data.parquet` and re-exports only partitions whose rows changed since the last
 * export to that folder. `loadParquet` reads such a layout (from one or many machines)
 * into a store so that the report is the same as from the database.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { duckdb } from './duckdb-module.js';
import { LogcodesError } from '../errors.js';
import { expandGlob } from '../ingest/sources.js';
import { fillMissingEndpoints } from './endpoint-backfill.js';
import { queryRows } from './query.js';
import { COPY_PARTITION_SQL, CREATE_EXPORT_STATE, EXPORTED_SQL, FORGET_EXPORT_SQL, LOAD_PARQUET_SQL, PARTITIONS_SQL, RECORD_EXPORT_SQL } from './parquet-queries.js';
import type { LogStore } from './log-store.js';

const GLOB_CHARS = /[*?[]/;

export interface PartitionExport { day: string; format: string; rows: number; action: 'written' | 'unchanged' | 'kept' }

export async function exportParquet(store: LogStore, dir: string): Promise<PartitionExport[]> {
  const c = store.connection;
  await c.run(CREATE_EXPORT_STATE);
  const done = new Map((await queryRows(c, EXPORTED_SQL, { dir })).map((r) => [`${r.day}|${r.format}`, r]));
  const results: PartitionExport[] = [];
  for (const p of await queryRows(c, PARTITIONS_SQL)) {
    const day = p.day as string;
    const format = p.format as string;
    const rows = p.rows as number;
    const previous = done.get(`${day}|${format}`);
    if (previous && previous.signature === p.signature) { results.push({ day, format, rows, action: 'unchanged' }); continue; }
    // Retention may thin a day out in the store; the archive keeps what it had.
    if (previous && (previous.rows as number) > rows) { results.push({ day, format, rows: previous.rows as number, action: 'kept' }); continue; }
    const folder = join(dir, `date=${day}`, `format=${format}`);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'data.parquet');
    const temporary = `${file}.tmp-${process.pid}`;
    await c.run(COPY_PARTITION_SQL, { day, format, file: temporary });
    renameSync(temporary, file);
    await c.run(FORGET_EXPORT_SQL, { dir, day, format });
    await c.run(RECORD_EXPORT_SQL, { dir, day, format, rows: BigInt(rows), signature: p.signature as string });
    results.push({ day, format, rows, action: 'written' });
  }
  return results;
}

const PARTITION_DAY = /(?:^|\/)date=(\d{4}-\d{2}-\d{2})(?:\/|$)/;

/**
 * Loads the files a glob names, pruned by their `date=` partition to the given days
 * (inclusive, UTC; null for no bound) before any file is opened. Returns rows loaded.
 */
export async function loadParquet(store: LogStore, glob: string, fromDay: string | null = null, toDay: string | null = null): Promise<number> {
  const matched = GLOB_CHARS.test(glob) ? await expandGlob(glob) : [glob];
  // A glob that matches nothing is a mistyped path, not an empty store: a cron report must not pass on it.
  if (matched.length === 0) throw new LogcodesError('INPUT_NOT_FOUND', `--parquet: no files match ${glob}`);
  const files = matched.filter((file) => {
    const day = PARTITION_DAY.exec(file)?.[1];
    return day === undefined || ((fromDay === null || day >= fromDay) && (toDay === null || day <= toDay));
  });
  if (files.length === 0) return 0;
  const { LIST, listValue, VARCHAR } = duckdb();
  const result = await store.connection.run(LOAD_PARQUET_SQL, { files: listValue(files) }, { files: LIST(VARCHAR) });
  await fillMissingEndpoints(store.connection);
  return Number(result.rowsChanged);
}
