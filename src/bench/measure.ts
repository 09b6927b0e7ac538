/**
 * Runs one command as a child process and measures wall time and peak RSS (through
 * GNU time when it is installed; otherwise RSS is reported as 0).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measurement { seconds: number; maxRssMb: number }

const GNU_TIME = '/usr/bin/time';

export function measure(argv: string[]): Measurement {
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? [GNU_TIME, '-f', '%e %M', ...argv] : argv;
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 2) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  if (!useTime) return { seconds, maxRssMb: 0 };
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [, kb] = last.split(' ').map(Number);
  return { seconds, maxRssMb: (kb ?? 0) / 1024 };
}

const node = (script: string, ...args: string[]): string[] => [process.execPath, '--input-type=module', '-e', script, ...args];

/** Baselines: what the same input costs with the bare tools. */
export const BASELINES = {
  split2: (file: string): string[] => node(
    `import split2 from 'split2'; import fs from 'node:fs'; let n = 0;
     for await (const _ of fs.createReadStream(process.argv[1]).pipe(split2())) n++; console.log(n);`, file),
  /** The least JavaScript can do per line: split2 and one regex (nginx) or JSON.parse (Cloudflare). */
  split2Regex: (file: string): string[] => node(
    `import split2 from 'split2'; import fs from 'node:fs'; let n = 0;
     const re = /^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] "([^"]*)" (\\d{3}) /;
     for await (const line of fs.createReadStream(process.argv[1]).pipe(split2())) if (re.exec(line) !== null) n++; console.log(n);`, file),
  split2JsonParse: (file: string): string[] => node(
    `import split2 from 'split2'; import fs from 'node:fs'; let n = 0;
     for await (const line of fs.createReadStream(process.argv[1]).pipe(split2())) { try { JSON.parse(line); n++; } catch {} } console.log(n);`, file),
  duckdbNginx: (file: string): string[] => node(
    `import { DuckDBInstance } from '@duckdb/node-api'; const c = await (await DuckDBInstance.create(':memory:')).connect();
     await c.run("SET threads = 2");
     await c.run(\`CREATE TABLE r AS SELECT regexp_extract(line, '^(\\\\S+)', 1) AS ip,
       try_strptime(regexp_extract(line, '\\\\[([^\\\\]]+)\\\\]', 1), '%d/%b/%Y:%H:%M:%S %z') AS ts,
       TRY_CAST(regexp_extract(line, '" (\\\\d{3}) ', 1) AS SMALLINT) AS status,
       regexp_extract(line, '"(\\\\S+) (\\\\S+)', 2) AS path
       FROM read_csv($f, columns = {'line': 'VARCHAR'}, header = false, delim = '\\u0001', quote = '', escape = '', auto_detect = false, strict_mode = false, ignore_errors = true)\`, { f: process.argv[1] });`, file),
  duckdbAlb: (file: string): string[] => node(
    `import { DuckDBInstance } from '@duckdb/node-api'; const c = await (await DuckDBInstance.create(':memory:')).connect();
     const columns = '{' + Array.from({ length: 30 }, (_, i) => "'c" + i + "': 'VARCHAR'").join(', ') + '}';
     await c.run("CREATE TABLE r AS SELECT * FROM read_csv($f, columns = " + columns + ", delim = ' ', quote = '\\"', escape = '\\\\', header = false, auto_detect = false, strict_mode = false, ignore_errors = true)", { f: process.argv[1] });`, file),
  /** NDJSON (Cloudflare, nginx JSON) into a table with DuckDB's own reader. */
  duckdbJson: (file: string): string[] => node(
    `import { DuckDBInstance } from '@duckdb/node-api'; const c = await (await DuckDBInstance.create(':memory:')).connect();
     await c.run("CREATE TABLE r AS SELECT * FROM read_json($f, format = 'newline_delimited', ignore_errors = true)", { f: process.argv[1] });`, file),
};
