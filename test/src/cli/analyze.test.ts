import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { comparable, runMain, sample, tempDir } from '../../helpers.js';
import { repeatedOption } from '../../../src/cli/main.js';

const BIN = new URL('../../../dist/src/cli/bin.js', import.meta.url).pathname;

/** Per-code counts of samples/nginx-access.log, checked independently with grep -P. */
const NGINX_SAMPLE_CODES: [number, number][] = [
  [200, 3180], [201, 313], [304, 189], [301, 77], [204, 71], [444, 23], [404, 19], [401, 15],
  [400, 14], [499, 12], [422, 3], [500, 3], [504, 2], [415, 1], [429, 1], [502, 1],
];

describe('logcodes analyze (in process)', () => {
  it('reports a window the same from its staging files, whose row groups it skips by their statistics, as from a database', async () => {
    const inputs = [sample('nginx-incidents.log'), sample('alb'), sample('cloudflare')];
    const window = ['--from', '2026-11-24T09:00:00Z', '--to', '2026-11-24T11:30:00Z'];
    const inMemory = await runMain(['analyze', ...inputs, ...window, '--json', '-']);
    const stored = await runMain(['analyze', ...inputs, ...window, '--db', join(tempDir(), 'w.duckdb'), '--json', '-']);
    expect(inMemory.code).toBe(stored.code);
    const report = JSON.parse(inMemory.stdout);
    // The window holds errors and ordinary answers alike, so both kinds of row group are read or skipped.
    expect(report.totals.requests).toBe(3831);
    expect(report.classes.map((c: { count: number }) => c.count)).toEqual([0, 3400, 288, 121, 22]);
    expect(comparable(inMemory.stdout)).toEqual(comparable(stored.stdout));
  });

  it('reports every sample the same from a run\'s own staging, which leaves out the columns no query reads, as from a database', async () => {
    const inputs = [sample('')];
    const inMemory = await runMain(['analyze', ...inputs, '--json', '-']);
    const stored = await runMain(['analyze', ...inputs, '--db', join(tempDir(), 'all.duckdb'), '--json', '-']);
    expect(inMemory.code).toBe(stored.code);
    expect(JSON.parse(inMemory.stdout).totals.requests).toBe(17635);
    expect(comparable(inMemory.stdout)).toEqual(comparable(stored.stdout));
  });

  it('reports exact totals, codes and malformed lines of the nginx sample as JSON', async () => {
    const { code, stdout, stderr } = await runMain(['analyze', sample('nginx-access.log'), '--json', '-']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.totals).toMatchObject({
      requests: 3924, malformed: 8, start: '2026-11-24T06:00:03.000Z', end: '2026-11-24T13:59:59.000Z',
    });
    expect(report.totals.successRate).toBeCloseTo(3564 / 3924, 12);
    expect(report.totals.clientErrorRate).toBeCloseTo(88 / 3924, 12);
    expect(report.totals.serverErrorRate).toBeCloseTo(6 / 3924, 12);
    expect(report.codes.map((c: { code: number; count: number }) => [c.code, c.count])).toEqual(NGINX_SAMPLE_CODES);
    expect(report.codes.find((c: { code: number }) => c.code === 444)).toMatchObject({ class: '4xx', vendor: 'nginx', known: true, name: 'No Response' });
    expect(report.classes).toEqual([
      { class: '1xx', count: 0, share: 0 },
      { class: '2xx', count: 3564, share: 3564 / 3924 },
      { class: '3xx', count: 266, share: 266 / 3924 },
      { class: '4xx', count: 88, share: 88 / 3924 },
      { class: '5xx', count: 6, share: 6 / 3924 },
    ]);
    expect(report.inputs).toEqual([{
      path: sample('nginx-access.log'), format: 'nginx', gzip: false, bytes: readFileSync(sample('nginx-access.log')).length,
      lines: 3932, blank: 0, records: 3924, malformed: 8, skipped: 0, partial: false, error: null,
    }]);
    expect(report.malformedSamples).toHaveLength(8);
    expect(report.malformedSamples[0]).toMatchObject({ path: sample('nginx-access.log'), line: expect.any(Number), reason: expect.any(String) });
  });

  it('prints a terminal summary with every code, its name and vendor, and malformed samples', async () => {
    const { code, stdout } = await runMain(['analyze', sample('nginx-edge-cases.log')]);
    expect(code).toBe(0);
    expect(stdout).toContain('10 requests from 2026-11-26T10:00:00.000Z to 2026-11-26T10:00:09.000Z');
    expect(stdout).toMatch(/000\s+1\s+10\.0%\s+No Status \[nginx\]/);
    expect(stdout).toMatch(/561\s+1\s+10\.0%\s+Unauthorized \[AWS ELB\/ALB\]/);
    expect(stdout).toMatch(/499\s+1\s+10\.0%\s+Client Closed Request \[nginx\]/);
    expect(stdout).toContain('Malformed lines: 2');
    expect(stdout).toContain(`${sample('nginx-edge-cases.log')}:12  BAD_STATUS`);
    expect(stdout).not.toContain('\u001b[');
  });

  it('writes the JSON report to a file', async () => {
    const out = join(tempDir(), 'report.json');
    const { code } = await runMain(['analyze', sample('nginx-edge-cases.log'), '--json', out]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).totals.requests).toBe(10);
  });

  it('reads gzip and stdin', async () => {
    const dir = tempDir();
    const gz = join(dir, 'access.log.2.gz');
    writeFileSync(gz, gzipSync(readFileSync(sample('nginx-access.log'))));
    const fromGz = JSON.parse((await runMain(['analyze', gz, '--json', '-'])).stdout);
    expect(fromGz.totals.requests).toBe(3924);
    expect(fromGz.inputs[0].gzip).toBe(true);
    const fromStdin = JSON.parse((await runMain(['analyze', '-', '--json', '-'], { stdin: readFileSync(sample('nginx-edge-cases.log')) })).stdout);
    expect(fromStdin.totals).toMatchObject({ requests: 10, malformed: 2 });
    expect(fromStdin.inputs[0].path).toBe('-');
  });

  it('reads a pipe named as a file, as `analyze <(zcat access.log.gz)` does', async () => {
    const fifo = join(tempDir(), 'substituted');
    execFileSync('mkfifo', [fifo]);
    createWriteStream(fifo).end(gzipSync(readFileSync(sample('nginx-access.log'))));
    const result = await runMain(['analyze', fifo, '--json', '-']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.totals.requests).toBe(3924);
    expect(report.inputs[0]).toMatchObject({ path: fifo, gzip: true, lines: 3932, records: 3924 });
  });

  it('exits 1 with a one-line error naming a missing file', async () => {
    const { code, stdout, stderr } = await runMain(['analyze', '/no/such/access.log']);
    expect(code).toBe(1);
    expect(stderr).toBe('logcodes: /no/such/access.log: no such file\n');
    expect(stdout).toBe('');
  });

  it('answers a bad argument with one line, not the whole help', async () => {
    const bad = await runMain(['analyze', sample('nginx-access.log'), '--format', 'bogus']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('logcodes: Invalid values: Argument: format, Given: "bogus", Choices: "auto", "nginx", "alb", "cloudflare", "nginx-json", "nginx-custom" (see logcodes --help)\n');
    const unknown = await runMain(['analyze', sample('nginx-access.log'), '--colour', '--bogus-flag']);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'logcodes: Unknown arguments: colour, bogus-flag (see logcodes --help)\n']);
    // Help itself still goes to stdout, with exit 0.
    const help = await runMain(['analyze', '--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain('--fail-on');
  });

  it('refuses an option given twice, naming it, and keeps every --fail-on', async () => {
    // yargs would pass both values as an array, or add a repeated 1 to the number before it.
    for (const [argv, name] of [
      [['analyze', sample('nginx-access.log'), '--top', '50', '--top', '1'], '--top'],
      [['report', '--db', 'x.duckdb', '--to', '2026-11-24T10:00:00Z', '--to=2026-11-25T10:00:00Z'], '--to'],
      [['ingest', sample('nginx-access.log'), '--db', 'a.duckdb', '-q', '--quiet'], '--quiet'],
    ] as const) {
      const result = await runMain([...argv]);
      expect([result.code, result.stdout, result.stderr]).toEqual([1, '', `logcodes: ${name} was given more than once; give it once (see logcodes --help)\n`]);
    }
    const alerts = await runMain(['analyze', sample('nginx-access.log'), '--fail-on', 'malformed>0.01%', '--fail-on', '5xx>0%', '-q']);
    expect(alerts.code).toBe(2);
    expect(alerts.stderr.split('\n').filter((l) => l.startsWith('logcodes: threshold breached'))).toHaveLength(2);
    // Negative numbers and a lone dash are values, not options given twice.
    expect(repeatedOption(['analyze', '-', '--top', '-1', '--checkpoint-lines', '-1'])).toBeNull();
  });

  it('strips control characters from errors that stop a command', async () => {
    const { code, stderr } = await runMain(['report', '--db', '/no/such/dir/x\u001b[2J.duckdb']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^logcodes: \/no\/such\/dir\/x\[2J\.duckdb: cannot open the database: /);
    expect(stderr).not.toContain('\u001b');
  });

  it('still reports the inputs it could read when another is missing', async () => {
    const { code, stdout, stderr } = await runMain(['analyze', sample('nginx-edge-cases.log'), '/no/such.log', '--json', '-']);
    expect(code).toBe(1);
    expect(stderr).toContain('/no/such.log: no such file');
    expect(JSON.parse(stdout).totals.requests).toBe(10);
  });

  it('gives an empty file a valid zero report', async () => {
    const file = join(tempDir(), 'empty.log');
    writeFileSync(file, '');
    const { code, stdout } = await runMain(['analyze', file, '--json', '-']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals).toMatchObject({ requests: 0, malformed: 0, start: null, successRate: null });
  });

  it('says so when the folders named hold no log files', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty', '.hidden'), { recursive: true });
    writeFileSync(join(dir, 'empty', '.hidden', 'skipped.log'), 'dot-folders are not read\n');
    const { code, stdout, stderr } = await runMain(['analyze', join(dir, 'empty'), '--json', '-']);
    expect([code, stdout, stderr]).toEqual([1, '', `logcodes: no log files in ${join(dir, 'empty')}\n`]);
  });

  it('rejects unknown options and formats with exit 1', async () => {
    expect((await runMain(['analyze', 'x', '--bogus'])).code).toBe(1);
    expect((await runMain(['analyze', 'x', '--format', 'apache'])).code).toBe(1);
    expect((await runMain([])).code).toBe(1);
  });

  it('rejects a line limit the bulk loader cannot hold, naming the range', async () => {
    const tooLong = await runMain(['analyze', sample('nginx-access.log'), '--max-line-bytes', '5000000']);
    expect([tooLong.code, tooLong.stderr]).toEqual([1, 'logcodes: --max-line-bytes must be a whole number from 1 to 4194304, not 5000000\n']);
    expect((await runMain(['analyze', sample('nginx-access.log'), '--max-line-bytes', '4194304', '--json', '-', '-q'])).code).toBe(0);
  });

  it('strips control characters from log text in the terminal', async () => {
    const file = join(tempDir(), 'evil.log');
    writeFileSync(file, '192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 2\u001b[31m0 0 "-" "-"\n'.repeat(3));
    const { stdout } = await runMain(['analyze', file, '--format', 'nginx']);
    expect(stdout).toContain('Malformed lines: 3');
    expect(stdout).not.toContain('\u001b');
  });
});

describe('logcodes analyze (child process)', () => {
  it("runs as the README's quick start does: npx logcodes from the repository root", () => {
    // npx executes the bin file itself, so the build must leave it executable.
    const root = new URL('../../../', import.meta.url).pathname;
    const run = spawnSync('npx', ['--no-install', 'logcodes', 'analyze', 'samples/nginx-access.log', '--json', '-'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).totals.requests).toBe(3924);
  });

  it('runs the one-file CLI (the package bin) with its parse workers on a large file', () => {
    const bundle = new URL('../../../dist/logcodes.mjs', import.meta.url).pathname;
    // Past the 8 MB at which the workers start early and parse (early-workers.ts).
    const text = readFileSync(sample('nginx-access.log'));
    const copies = Math.ceil((9 * 1024 * 1024) / text.length);
    const large = join(tempDir(), 'large.log');
    writeFileSync(large, Buffer.concat(Array.from({ length: copies }, () => text)));
    const run = spawnSync(process.execPath, [bundle, 'analyze', large, '--json', '-'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).totals).toMatchObject({ requests: 3924 * copies, malformed: 8 * copies });
    const version = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version);
  });

  it('carries its dependencies inside the one-file CLI: stream-json for JSON arrays, yargs in English', () => {
    const bundle = new URL('../../../dist/logcodes.mjs', import.meta.url).pathname;
    const records = readFileSync(sample('cloudflare/http_requests_20261124.ndjson'), 'utf8').trim().split('\n').slice(0, 3);
    const array = join(tempDir(), 'batch.json');
    writeFileSync(array, `[${records.join(',')}]`);
    const run = spawnSync(process.execPath, [bundle, 'analyze', array, '--json', '-'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).totals.requests).toBe(3);
    // yargs's messages follow LANG unless told otherwise (dist/src has its locale
    // files, the bundle does not); the tool's are English.
    for (const entry of [bundle, BIN]) {
      const german = spawnSync(process.execPath, [entry, 'analyze'], { encoding: 'utf8', env: { ...process.env, LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } });
      expect(german.status).toBe(1);
      expect(german.stderr.trim()).toBe('logcodes: Not enough non-option arguments: got 0, need at least 1 (see logcodes --help)');
    }
  });

  it('runs the built bin with exact totals and exit codes', () => {
    const out = execFileSync(process.execPath, [BIN, 'analyze', sample('nginx-access.log'), '--json', '-'], { encoding: 'utf8' });
    expect(JSON.parse(out).totals.requests).toBe(3924);
    const missing = spawnSync(process.execPath, [BIN, 'analyze', '/no/such.log'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('logcodes: /no/such.log: no such file');
    const piped = spawnSync(process.execPath, [BIN, 'analyze', '-'], { input: readFileSync(sample('nginx-edge-cases.log')), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain('10 requests');
  });
});
