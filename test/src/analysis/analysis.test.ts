import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRecord, type RequestRecord } from '../../../parsers/types.js';
import { runAnalysis, type Analysis } from '../../../src/analysis/run-analysis.js';
import { chooseBucketUs, parseDuration } from '../../../src/analysis/window.js';
import { LogStore } from '../../../src/store/log-store.js';
import { RequestWriter } from '../../../src/store/request-writer.js';

const T0 = Date.UTC(2026, 10, 24, 10, 0, 0) * 1000; // 10:00 UTC, in microseconds
const MIN = 60e6;

function rec(offsetMin: number, status: number, path: string, extra: Partial<RequestRecord> = {}): RequestRecord {
  return { ...emptyRecord(extra.format ?? 'nginx', T0 + offsetMin * MIN, status), method: 'GET', path, ...extra };
}

/**
 * Crafted data, in 10 minutes:
 *  minute 0: 4× 200 (request times 0.1 .. 0.4), 1× 404 /users/123 from 192.0.2.1
 *  minute 1: 2× 500 /orders/{uuid}, upstream 500; 1× 502 from nginx itself (no upstream status)
 *  minute 5: 2× 404 /users/456 from 192.0.2.1, 1× 200 /static/app.0123abcd.js
 *  minute 9: 1× 301
 * And an ALB input: 2× 504 LB-generated and 1× 502 from a target.
 */
function crafted(): { records: RequestRecord[]; input: string }[] {
  const nginx = [
    ...[0.1, 0.2, 0.3, 0.4].map((t) => rec(0, 200, '/users/7', { request_time_s: t, upstream_status: 200 })),
    rec(0, 404, '/users/123', { client_ip: '192.0.2.1', upstream_status: 404 }),
    rec(1, 500, '/orders/0f8fad5b-d9cb-469f-a165-70867728950e', { upstream_status: 500, method: 'POST' }),
    rec(1, 500, '/orders/7c9e6679-7425-40de-944b-e07fc1f90ae7', { upstream_status: 500, method: 'POST' }),
    rec(1, 502, '/orders', { method: 'POST' }),
    rec(5, 404, '/users/456', { client_ip: '192.0.2.1', upstream_status: 404 }),
    rec(5, 404, '/users/456', { client_ip: '192.0.2.1', upstream_status: 404 }),
    rec(5, 200, '/static/app.0123abcd.js', { upstream_status: 200 }),
    rec(9, 301, '/docs', { upstream_status: 301 }),
  ];
  const alb = [
    rec(2, 504, '/slow', { format: 'alb' }),
    rec(2, 504, '/slow', { format: 'alb' }),
    rec(3, 502, '/slow', { format: 'alb', upstream_status: 502 }),
  ];
  return [{ records: nginx, input: 'nginx.log' }, { records: alb, input: 'alb.log' }];
}

describe('analysis over crafted data', () => {
  let store: LogStore;
  let analysis: Analysis;

  beforeAll(async () => {
    store = await LogStore.open();
    const writer = await RequestWriter.create(store.connection);
    for (const { records, input } of crafted()) records.forEach((r, i) => writer.append(r, input, i + 1));
    await writer.close();
    analysis = await runAnalysis(store.connection, { bucketUs: parseDuration('5m') });
  });
  afterAll(() => store.close());

  it('counts totals and rates exactly', () => {
    const t = analysis.summary.totals;
    expect(t).toEqual({ requests: 15, startUs: T0, endUs: T0 + 9 * MIN, success: 5, clientErrors: 3, serverErrors: 6 });
  });

  it('lists each code with its count and the formats that logged it', () => {
    expect(analysis.summary.codes.map((c) => [c.code, c.count, c.formats])).toEqual([
      [200, 5, ['nginx']], [404, 3, ['nginx']], [500, 2, ['nginx']], [502, 2, ['alb', 'nginx']], [504, 2, ['alb']], [301, 1, ['nginx']],
    ]);
  });

  it('buckets the series from the window start, with counts per class and code', () => {
    const { buckets, bucketUs } = analysis.timeSeries;
    expect(bucketUs).toBe(5 * MIN);
    expect(buckets.map((b) => b.total)).toEqual([11, 4]);
    expect(buckets[0].classes).toEqual({ '2xx': 4, '4xx': 1, '5xx': 6 });
    expect(buckets[0].codes).toEqual({ 200: 4, 404: 1, 500: 2, 502: 2, 504: 2 });
    expect(buckets[1].codes).toEqual({ 200: 1, 301: 1, 404: 2 });
    expect(buckets[0].latency).toEqual({ p50: 0.25, p95: expect.closeTo(0.385, 10), p99: expect.closeTo(0.397, 10) });
    expect(buckets[1].latency).toBeNull();
  });

  it('computes latency overall and per class from timed requests only', () => {
    expect(analysis.latency.overall).toMatchObject({ timed: 4, mean: expect.closeTo(0.25, 10), p50: 0.25 });
    expect(analysis.latency.byClass.map((c) => c.class)).toEqual(['2xx']);
  });

  it('templates endpoints and sorts them by errors', () => {
    const rows = analysis.endpoints.rows.map((r) => [r.endpoint, r.total, r.clientErrors, r.serverErrors]);
    expect(rows).toEqual([
      ['GET /slow', 3, 0, 3],
      ['GET /users/{id}', 7, 3, 0],
      ['POST /orders/{uuid}', 2, 0, 2],
      ['POST /orders', 1, 0, 1],
      ['GET /docs', 1, 0, 0],
      ['GET /static/app.{hash}.js', 1, 0, 0],
    ]);
    expect(analysis.endpoints.distinct).toBe(6);
  });

  it('breaks each error code down by endpoint and client with shares', () => {
    const b404 = analysis.breakdowns.get(404)!;
    expect(b404.endpoints).toEqual([{ value: 'GET /users/{id}', count: 3, share: 1 }]);
    expect(b404.clients).toEqual([{ value: '192.0.2.1', count: 3, share: 1 }]);
    expect(analysis.breakdowns.get(200)).toBeUndefined();
  });

  it('attributes errors to the proxy or the upstream per format', () => {
    const byKey = Object.fromEntries(analysis.attribution.map((a) => [`${a.format}:${a.code}`, [a.proxy, a.upstream, a.unknown]]));
    expect(byKey).toEqual({
      'nginx:404': [0, 3, 0], 'nginx:500': [0, 2, 0], 'nginx:502': [1, 0, 0], 'alb:504': [2, 0, 0], 'alb:502': [0, 1, 0],
    });
    expect(analysis.attribution.find((a) => a.format === 'alb')!.proxyLabel).toBe('load balancer');
  });

  it('has no trend without earlier data, and compares with the previous period when a window leaves room', async () => {
    expect(analysis.trend).toBeNull();
    const late = await runAnalysis(store.connection, { fromUs: T0 + 5 * MIN, toUs: T0 + 10 * MIN });
    expect(late.summary.totals.requests).toBe(4);
    expect(late.trend).not.toBeNull();
    expect(late.trend!.previous).toEqual({ fromUs: T0, toUs: T0 + 5 * MIN, requests: 11 });
    expect(late.trend!.clientErrorRate).toEqual({ current: 0.5, previous: 1 / 11, change: expect.closeTo(0.5 - 1 / 11, 12) });
    expect(late.trend!.codes[0]).toEqual({ code: 404, share: 0.5, previousShare: 1 / 11, change: expect.closeTo(0.5 - 1 / 11, 12) });
  });
});

describe('bucket sizes', () => {
  it('keeps automatic buckets between 100 and 300 for spans over 100 steps', () => {
    expect(chooseBucketUs(8 * 3600e6)).toBe(120e6);
    expect(chooseBucketUs(24 * 3600e6)).toBe(300e6);
    expect(chooseBucketUs(7 * 86400e6)).toBe(3600e6);
    expect(chooseBucketUs(90 * 86400e6)).toBe(43200e6);
    for (const span of [3600e6, 8 * 3600e6, 86400e6, 7 * 86400e6, 30 * 86400e6]) {
      const n = span / chooseBucketUs(span);
      expect(n).toBeGreaterThanOrEqual(100);
      expect(n).toBeLessThanOrEqual(300);
    }
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90e6);
    expect(parseDuration('1h')).toBe(3600e6);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});

describe('who answered an error, per nginx input', () => {
  it('knows an input logs $upstream_status from any of its rows, errors or not', async () => {
    const store = await LogStore.open();
    try {
      const writer = await RequestWriter.create(store.connection);
      const inputs: Record<string, RequestRecord[]> = {
        // An upstream error settles it.
        'errors.log': [rec(0, 200, '/a', { upstream_status: 200 }), rec(0, 502, '/a', { upstream_status: 502 }), rec(0, 499, '/a')],
        // Only its successes carry an upstream status: nginx itself answered the errors.
        'ok-only.log': [rec(0, 200, '/b', { upstream_status: 200 }), rec(1, 444, '/b'), rec(1, 499, '/b')],
        // No upstream status anywhere: nobody can tell.
        'none.log': [rec(0, 200, '/c'), rec(1, 444, '/c'), rec(2, 500, '/c')],
      };
      for (const [input, records] of Object.entries(inputs)) records.forEach((r, i) => writer.append(r, input, i + 1));
      await writer.close();
      const analysis = await runAnalysis(store.connection);
      const byCode = Object.fromEntries(analysis.attribution.map((a) => [a.code, [a.proxy, a.upstream, a.unknown]]));
      expect(byCode).toEqual({ 444: [1, 0, 1], 499: [2, 0, 0], 500: [0, 0, 1], 502: [0, 1, 0] });
    } finally {
      store.close();
    }
  });
});
