/**
 * `npm run bench`: generates large inputs with the demo generator, then runs logcodes
 * and the baselines of each format alternately, several times, as child processes,
 * and prints medians, ratios and peak RSS (of the process tree). Not part of `npm test`.
 *
 *   node dist/src/bench/run.js [--scale 1] [--runs 3] [--dir bench-data] [--only nginx,alb,cloudflare,nginx-json,linear,rerun,folder]
 *
 * At scale 1: nginx 2M lines, ALB 1M, Cloudflare 1M, nginx JSON 1M, 10M nginx lines for linearity
 * and memory (the --db on disk case), and a folder of 3,000 small logs for the cron re-run over
 * many files.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerSnapshot } from '../store/ledger-snapshot.js';
import { BASELINES, measure, type Measurement } from './measure.js';
import { ensureFolder, ensureInput } from './inputs.js';
import type { DemoFormat } from '../demo/write-sample.js';

interface Args { scale: number; runs: number; dir: string; only: Set<string> }

function parseArgs(argv: string[]): Args {
  const get = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  return {
    scale: Number(get('scale', '1')), runs: Number(get('runs', '3')), dir: get('dir', 'bench-data'),
    only: new Set(get('only', 'nginx,alb,cloudflare,nginx-json,linear,rerun,folder').split(',')),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s: number): string => `${s.toFixed(2)} s`;

async function compare(title: string, commands: Record<string, string[]>, runs: number): Promise<Record<string, Measurement[]>> {
  const results: Record<string, Measurement[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    // Alternate the commands in every round so that machine noise hits all of them.
    for (const [name, argv] of Object.entries(commands)) results[name].push(await measure(argv));
  }
  console.log(`\n${title}`);
  const base = Object.keys(commands)[0];
  for (const [name, ms] of Object.entries(results)) {
    const t = median(ms.map((m) => m.seconds));
    const rss = Math.max(...ms.map((m) => m.maxRssMb));
    const ratio = name === base ? '' : `  logcodes takes ${(median(results[base].map((m) => m.seconds)) / t).toFixed(2)}× as long${pairedRange(results[base], ms)}`;
    console.log(`  ${name.padEnd(34)} ${fmt(t).padStart(9)}  peak RSS ${rss.toFixed(0).padStart(5)} MB${ratio}`);
  }
  return results;
}

/**
 * The ratios of each round's two runs, which ran minutes apart at most: on a machine
 * whose speed drifts (a single-threaded baseline took 1.87 s in one bench and 2.41 s in
 * the next, an hour later), their spread shows how far one bench's ratio can be trusted.
 */
function pairedRange(logcodes: readonly Measurement[], baseline: readonly Measurement[]): string {
  if (logcodes.length < 2) return '';
  const ratios = logcodes.map((m, r) => m.seconds / baseline[r].seconds);
  return ` (each round: ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}×)`;
}

/** Each format against the bare tools that read the same file (issue 8's baselines). */
const COMPARISONS: { format: DemoFormat; title: string; lines: number; baselines: Record<string, (file: string) => string[]> }[] = [
  { format: 'nginx', title: 'nginx combined', lines: 2_000_000, baselines: { 'split2 line count': BASELINES.split2, 'DuckDB SQL (regexp + strptime)': BASELINES.duckdbNginx, 'split2 + one regex per line': BASELINES.split2Regex } },
  { format: 'alb', title: 'ALB', lines: 1_000_000, baselines: { 'DuckDB read_csv': BASELINES.duckdbAlb, 'split2 line count': BASELINES.split2 } },
  { format: 'cloudflare', title: 'Cloudflare NDJSON', lines: 1_000_000, baselines: { 'DuckDB read_json': BASELINES.duckdbJson, 'split2 line count': BASELINES.split2, 'split2 + JSON.parse': BASELINES.split2JsonParse } },
  // Not among issue 8's targets; measured so that the JSON flavour of nginx is tracked too.
  { format: 'nginx-json', title: 'nginx JSON', lines: 1_000_000, baselines: { 'DuckDB read_json': BASELINES.duckdbJson, 'split2 line count': BASELINES.split2, 'split2 + JSON.parse': BASELINES.split2JsonParse } },
];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.dir, { recursive: true });
  // The package's bin (`npx logcodes`): the CLI bundled into one file by the build.
  const bin = new URL('../../logcodes.mjs', import.meta.url).pathname;
  const logcodes = (file: string, ...extra: string[]): string[] => [process.execPath, bin, 'analyze', file, '--json', join(args.dir, 'out.json'), '--quiet', ...extra];
  console.log(`logcodes benchmark: scale ${args.scale}, ${args.runs} runs each, data in ${args.dir}`);

  for (const c of COMPARISONS) {
    if (!args.only.has(c.format)) continue;
    const file = await ensureInput(args.dir, c.format, Math.round(c.lines * args.scale));
    const baselines = Object.fromEntries(Object.entries(c.baselines).map(([name, make]) => [name, make(file)]));
    await compare(`${c.title}, ${(statSync(file).size / 1e6).toFixed(0)} MB`, { logcodes: logcodes(file), ...baselines }, args.runs);
  }
  if (args.only.has('linear')) {
    const smallLines = Math.round(2_000_000 * args.scale);
    const largeLines = Math.round(10_000_000 * args.scale);
    const small = await ensureInput(args.dir, 'nginx', smallLines);
    const large = await ensureInput(args.dir, 'nginx', largeLines);
    const db = join(args.dir, 'linear.duckdb');
    // Like for like: both runs store into a fresh database file.
    removeStore(db);
    const a = await measure(logcodes(small, '--db', db));
    removeStore(db);
    const b = await measure(logcodes(large, '--db', db));
    console.log(`\nLinearity and memory (--db on disk, a fresh store each)`);
    const peaks = (m: Measurement): string => `peak RSS ${m.maxRssMb.toFixed(0)} MB (largest process ${m.processRssMb.toFixed(0)} MB, process tree ${m.treeRssMb.toFixed(0)} MB)`;
    const lines = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-US'));
    console.log(`  ${lines(smallLines)} lines: ${fmt(a.seconds)}, ${peaks(a)}`);
    console.log(`  ${lines(largeLines)} lines: ${fmt(b.seconds)} (${(b.seconds / a.seconds).toFixed(2)}× the ${lines(smallLines)}-line run), ${peaks(b)}`);
    if (args.only.has('rerun')) {
      // The cron job's re-run is `ingest` over the same archive: the ledger finds nothing new.
      const again = await measure([process.execPath, bin, 'ingest', large, '--db', db, '--quiet']);
      const report = await measure([process.execPath, bin, 'report', '--db', db, '--json', join(args.dir, 'out.json')]);
      console.log(`  cron re-run (ingest) over the ingested archive: ${fmt(again.seconds)} (${((again.seconds / b.seconds) * 100).toFixed(1)}% of the first run), peak RSS ${again.maxRssMb.toFixed(0)} MB`);
      console.log(`  report from the store: ${fmt(report.seconds)}, peak RSS ${report.maxRssMb.toFixed(0)} MB`);
    }
    removeStore(db);
  }
  if (args.only.has('folder')) {
    const files = Math.max(1, Math.round(3000 * args.scale));
    const folder = await ensureFolder(args.dir, files, 30);
    const db = join(args.dir, 'folder.duckdb');
    removeStore(db);
    const ingest = (): string[] => [process.execPath, bin, 'ingest', folder, '--db', db, '--quiet'];
    const first = await measure(ingest());
    // The re-runs, and what no re-run can go below: node's own start. (The CLI's full
    // start, --version, is above a re-run now: that is answered before yargs loads.)
    const floors: Record<string, Measurement[]> = { again: [], node: [] };
    for (let r = 0; r < args.runs; r++) {
      floors.again.push(await measure(ingest()));
      floors.node.push(await measure([process.execPath, '-e', '0']));
    }
    const seconds = (name: string): number => median(floors[name].map((m) => m.seconds));
    const share = (name: string): string => `${((seconds(name) / first.seconds) * 100).toFixed(1)}%`;
    console.log(`\nA folder of ${files} small logs (30 lines each), --db`);
    console.log(`  first ingest: ${fmt(first.seconds)}, peak RSS ${first.maxRssMb.toFixed(0)} MB`);
    console.log(`  cron re-run: ${fmt(seconds('again'))} (${share('again')} of the first), peak RSS ${median(floors.again.map((m) => m.maxRssMb)).toFixed(0)} MB`);
    console.log(`  of which no re-run avoids: node's start ${fmt(seconds('node'))} (${share('node')})`);
    removeStore(db);
  }
}

/** Removes a bench's database file, its write-ahead log and its ledger snapshot, for a fresh store. */
function removeStore(db: string): void {
  for (const f of [db, `${db}.wal`, LedgerSnapshot.pathOf(db)]) if (existsSync(f)) rmSync(f);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
