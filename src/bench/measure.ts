/**
 * Runs one command as a child process and measures wall time and peak RSS: GNU time's
 * figure (the largest single process) when it is installed, or the resident sizes of the
 * whole process tree summed (GNU time's own included), sampled every 20 ms from /proc,
 * when that is higher. A large input runs in two processes (cli/relaunch.ts), and both
 * count.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface Measurement {
  seconds: number;
  /** The higher of the two below. */
  maxRssMb: number;
  /** GNU time's figure: the largest single process's peak (0 without GNU time). */
  processRssMb: number;
  /** The process tree's resident sizes summed, at the sample where that sum peaked. */
  treeRssMb: number;
}

const GNU_TIME = '/usr/bin/time';
const SAMPLE_MS = 20;

export async function measure(argv: string[]): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? [GNU_TIME, '-f', '%e %M', ...argv] : argv;
  const start = process.hrtime.bigint();
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
  let treeKb = 0;
  const sampler = setInterval(() => { treeKb = Math.max(treeKb, treeRssKb(child.pid ?? 0)); }, SAMPLE_MS);
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearInterval(sampler));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (status !== 0 && status !== 2) throw new Error(`${argv.join(' ')} failed: ${stderr}`);
  const last = useTime ? stderr.trim().split('\n').pop() ?? '' : '';
  const [, processKb] = last.split(' ').map(Number);
  return { seconds, maxRssMb: Math.max(processKb || 0, treeKb) / 1024, processRssMb: (processKb || 0) / 1024, treeRssMb: treeKb / 1024 };
}

/** The resident size of pid and its descendants, summed (0 where /proc is missing). */
function treeRssKb(pid: number): number {
  let total = rssKb(pid);
  for (const child of childrenOf(pid)) total += treeRssKb(child);
  return total;
}

/** The processes pid's main thread started (node and GNU time start them from there). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const line = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line === null ? 0 : Number(line[1]);
  } catch {
    return 0;
  }
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
