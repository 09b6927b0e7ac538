import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain, sample, tempDir } from '../../helpers.js';

describe('report options', () => {
  it('colours only when asked: FORCE_COLOR yes, NO_COLOR no, piped no', async () => {
    const forced = await runMain(['analyze', sample('nginx-edge-cases.log')], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[32m');
    const noColor = await runMain(['analyze', sample('nginx-edge-cases.log')], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const piped = await runMain(['analyze', sample('nginx-edge-cases.log')]);
    expect(piped.stdout).not.toContain('\u001b[');
  });

  it('says why a window over data holds no requests, in the terminal and in HTML', async () => {
    const html = join(tempDir(), 'empty.html');
    const { code, stdout } = await runMain(['analyze', sample('nginx-access.log'), '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z', '--html', html]);
    expect(code).toBe(0);
    const note = 'none of the 3,924 requests read is in the window 2020-01-01T00:00:00.000Z – 2020-01-02T00:00:00.000Z; widen or drop --since/--from/--to';
    expect(stdout.split('\n').slice(0, 3)).toEqual(['logcodes — 0 requests', expect.stringContaining('nginx-access.log (nginx): 3,924 records'), `  ${note}`]);
    expect(readFileSync(html, 'utf8')).toContain(`<div class="meta">0 requests, ${note}`);
    // A window that holds requests gets no note.
    expect((await runMain(['analyze', sample('nginx-access.log')])).stdout).not.toContain('none of the');
  });

  it('shows latency, origin of errors and the endpoints with most errors, cut to --top', async () => {
    const { stdout } = await runMain(['analyze', sample('nginx-access.log'), '--top', '2']);
    expect(stdout).toContain('Latency p50 35 ms   p95 323 ms   p99 677 ms   (3,924 timed requests)');
    expect(stdout).toMatch(/444\s+23\s+0\.59%\s+No Response \[nginx\]\s+— by nginx/);
    expect(stdout).toMatch(/404\s+19\s+0\.48%\s+Not Found\s+— by upstream/);
    const endpoints = stdout.split('Endpoints with the most errors (of 14 endpoints)\n')[1].split('\n\n')[0].split('\n');
    expect(endpoints).toHaveLength(2);
    expect(endpoints[0]).toMatch(/^ {2}GET \/api\/v1\/users\/\{id\}\s+1,258\s+2\.70% errors {2}404×16 401×12 499×2 500×2$/);
  });

  it('writes HTML to a file and honours --bucket, --from and --to', async () => {
    const dir = tempDir();
    const html = join(dir, 'r.html');
    const { code, stdout } = await runMain(['analyze', sample('nginx-access.log'), '--html', html, '--json', '-', '--bucket', '1h',
      '--from', '2026-11-24T08:00:00Z', '--to', '2026-11-24T10:00:00Z']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.window).toEqual({ from: '2026-11-24T08:00:00.000Z', to: '2026-11-24T10:00:00.000Z', bucket: '1h', bucketSeconds: 3600 });
    expect(report.timeseries.map((b: { start: string }) => b.start)).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-24T09:00:00.000Z']);
    expect(report.timeseries.reduce((n: number, b: { total: number }) => n + b.total, 0)).toBe(report.totals.requests);
    expect(report.trend.previousFrom).toBe('2026-11-24T06:00:00.000Z');
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('rejects bad window options with exit 1', async () => {
    expect((await runMain(['analyze', sample('nginx-edge-cases.log'), '--bucket', 'often'])).stderr).toContain('not a duration: "often"');
    expect((await runMain(['analyze', sample('nginx-edge-cases.log'), '--from', 'yesterday'])).code).toBe(1);
    expect((await runMain(['analyze', sample('nginx-edge-cases.log'), '--json', '-', '--html', '-'])).code).toBe(1);
  });
});
