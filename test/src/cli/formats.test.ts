import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runMain, sample, tempDir } from '../../helpers.js';

const ALB_SAMPLE = 'alb/123456789012_elasticloadbalancing_us-east-2_app.api-prod.50dc6c495c0c9188_20261124T1200Z_10.0.1.5_4f2k9xq1.log.gz';
const CF_SAMPLE = 'cloudflare/http_requests_20261124.ndjson';

interface Code { code: number; count: number }
const countOf = (report: { codes: Code[] }, code: number): number => report.codes.find((c) => c.code === code)?.count ?? 0;

describe('all three sources', () => {
  it('reads the ALB sample (.log.gz) with its vendor codes', async () => {
    const report = JSON.parse((await runMain(['analyze', sample(ALB_SAMPLE), '--json', '-'])).stdout);
    expect(report.inputs[0]).toMatchObject({ format: 'alb', gzip: true, lines: 2580, records: 2572, malformed: 6, skipped: 2 });
    expect([460, 463, 464, 561, 502, 503, 504].map((c) => countOf(report, c))).toEqual([10, 1, 4, 3, 4, 3, 3]);
    expect(report.codes.find((c: Code) => c.code === 460)).toMatchObject({ vendor: 'aws-elb', name: 'Client Closed Connection' });
  });

  it('reads the Cloudflare NDJSON sample with its 52x codes', async () => {
    const report = JSON.parse((await runMain(['analyze', sample(CF_SAMPLE), '--json', '-'])).stdout);
    expect(report.inputs[0]).toMatchObject({ format: 'cloudflare', lines: 2038, records: 2033, malformed: 5 });
    expect([520, 521, 522, 523, 524, 525, 526, 530].map((c) => countOf(report, c))).toEqual([2, 2, 3, 1, 5, 4, 4, 2]);
    expect(report.codes.find((c: Code) => c.code === 530)).toMatchObject({ vendor: 'cloudflare', name: 'Origin DNS Error' });
  });

  it('reads a gzipped Logpush JSON array batch without a .gz name, same records as the NDJSON', async () => {
    const batch = JSON.parse((await runMain(['analyze', sample('cloudflare/logpush-batch-20261124T1000Z'), '--json', '-'])).stdout);
    expect(batch.inputs[0]).toMatchObject({ format: 'cloudflare', gzip: true, lines: 300, records: 300, malformed: 0 });
    expect(batch.totals.start).toBe('2026-11-24T10:00:05.267110Z');
    const viaBatch = (await runMain(['parse', sample('cloudflare/logpush-batch-20261124T1000Z'), '--ndjson'])).stdout.split('\n').filter(Boolean);
    const viaLines = (await runMain(['parse', sample(CF_SAMPLE), '--ndjson'])).stdout.split('\n').filter(Boolean).slice(0, 300);
    const strip = (l: string): unknown => { const { input, line, ...rest } = JSON.parse(l); return rest; };
    expect(viaBatch.map(strip)).toEqual(viaLines.map(strip));
  });

  it('analyzes a mixed folder recursively, with the format of each input reported', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'edge/nested'), { recursive: true });
    copyFileSync(sample('nginx-edge-cases.log'), join(dir, 'edge/access.log'));
    writeFileSync(join(dir, 'edge/nested/rotated.1'), gzipSync(readFileSync(sample('nginx-json-access.log'))));
    copyFileSync(sample('alb/edge-cases.log'), join(dir, 'alb.log'));
    copyFileSync(sample('cloudflare/edge-cases.ndjson'), join(dir, 'cf.json'));
    const { code, stdout } = await runMain(['analyze', dir, '--json', '-']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.inputs.map((i: { path: string; format: string; records: number }) => [i.path.slice(dir.length + 1), i.format, i.records])).toEqual([
      ['alb.log', 'alb', 10], ['cf.json', 'cloudflare', 8], ['edge/access.log', 'nginx', 10], ['edge/nested/rotated.1', 'nginx-json', 1148],
    ]);
    expect(report.totals.requests).toBe(1176);
  });

  it('expands globs', async () => {
    const report = JSON.parse((await runMain(['analyze', `${sample('')}nginx-*.log`, '--json', '-'])).stdout);
    expect(report.inputs.map((i: { path: string }) => i.path.split('/').pop())).toEqual(['nginx-access.log', 'nginx-edge-cases.log', 'nginx-incidents.log', 'nginx-json-access.log']);
  });

  it('names an input no format fits, and still reports the others', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'shopping list\nmilk\neggs\n');
    const { code, stdout, stderr } = await runMain(['analyze', join(dir, 'notes.txt'), sample('nginx-edge-cases.log'), '--json', '-']);
    expect(code).toBe(1);
    expect(stderr).toBe(`logcodes: ${join(dir, 'notes.txt')}: could not detect the log format from the first 3 lines (closest: nginx, 0% of them); use --format\n`);
    const report = JSON.parse(stdout);
    expect(report.inputs[0]).toMatchObject({ format: null, records: 0, error: expect.stringContaining('could not detect') });
    expect(report.totals.requests).toBe(10);
  });

  it('--format overrides detection: lines of another format become malformed', async () => {
    const report = JSON.parse((await runMain(['analyze', sample('nginx-edge-cases.log'), '--format', 'alb', '--json', '-'])).stdout);
    expect(report.inputs[0]).toMatchObject({ format: 'alb', records: 0, malformed: 12 });
  });

  it('--format of a line format over a JSON array: one line naming the formats that read arrays', async () => {
    // The array's elements once went to a parser without parseValue: "parseValue is not a function".
    for (const format of ['nginx', 'alb']) {
      const run = await runMain(['analyze', sample('cloudflare/logpush-batch-20261124T1000Z'), '--format', format, '--json', '-']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`logcodes: ${sample('cloudflare/logpush-batch-20261124T1000Z')}: a JSON array, which the ${format} format does not read (--format ${format}); cloudflare and nginx-json read JSON arrays\n`);
      expect(run.stdout).toBe(''); // no input could be read: no report, as for an input of no format
    }
  });

  it('--nginx-log-format and --field-map', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'custom.log'), '2026-11-26T10:00:00+00:00|404|/missing\n2026-11-26T10:00:01+00:00|200|/ok\n');
    const custom = JSON.parse((await runMain(['analyze', join(dir, 'custom.log'), '--nginx-log-format', '$time_iso8601|$status|$uri', '--json', '-'])).stdout);
    expect(custom.inputs[0]).toMatchObject({ format: 'nginx-custom', records: 2 });
    writeFileSync(join(dir, 'mapped.json'), '{"when":"2026-11-26T10:00:00Z","code":503}\n{"when":"2026-11-26T10:00:01Z","code":200}\n');
    const mapped = JSON.parse((await runMain(['analyze', join(dir, 'mapped.json'), '--field-map', 'status=code,time_iso8601=when', '--json', '-'])).stdout);
    expect(mapped.inputs[0]).toMatchObject({ format: 'nginx-json', records: 2 });
    expect(countOf(mapped, 503)).toBe(1);
    const bad = await runMain(['analyze', join(dir, 'custom.log'), '--nginx-log-format', '$uri']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--nginx-log-format: the log format has no $status variable');
  });
});

describe('logcodes parse', () => {
  it('prints normalized records as NDJSON and notes malformed lines on stderr', async () => {
    const { code, stdout, stderr } = await runMain(['parse', sample('nginx-edge-cases.log'), '--ndjson']);
    expect(code).toBe(0);
    const records = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(10);
    expect(records[1]).toMatchObject({ ts: '2026-11-26T10:00:01.000Z', status: 499, client_ip: '2001:db8::1', input: sample('nginx-edge-cases.log'), line: 2 });
    expect(stderr.trim().split('\n')).toEqual([
      `${sample('nginx-edge-cases.log')}:12: BAD_STATUS: status is not a number: "2OO"`,
      `${sample('nginx-edge-cases.log')}:13: MISSING_FIELD: unterminated quote or bracket (truncated line?)`,
    ]);
  });

  it('prints a tab-separated table by default', async () => {
    const { stdout } = await runMain(['parse', sample('alb/edge-cases.log')]);
    const rows = stdout.trim().split('\n');
    expect(rows[0]).toBe('ts\tstatus\tupstream_status\tmethod\thost\tpath\tclient_ip\trequest_time_s\tinput\tline');
    expect(rows).toHaveLength(11);
    expect(rows[3].split('\t').slice(0, 3)).toEqual(['2018-07-02T22:23:01.000Z', '504', '-']);
  });
});
