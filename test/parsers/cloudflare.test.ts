import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloudflareParser, parseCloudflareLine, recordFromCloudflare } from '../../parsers/cloudflare.js';
import { mutate, ok, seededRandom } from '../helpers.js';

const lines = readFileSync(new URL('../../samples/cloudflare/edge-cases.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
const us = (iso: string, micros = 0): number => Date.parse(iso) * 1000 + micros;

describe('Cloudflare Logpush parser', () => {
  it('reads unixnano numbers above 2^53 exactly to the microsecond', () => {
    const r = ok(parseCloudflareLine(lines[0]));
    expect(r.ts).toBe(1506702504433000);
    expect(r).toMatchObject({
      status: 200, upstream_status: 200, method: 'GET', host: 'www.theburritobot.com', path: '/static/img/testimonial-hipster.png',
      query: 'v=2', client_ip: '89.163.242.206', bytes_sent: 69045, request_time_s: 0.028, upstream_time_s: 0.021,
      request_id: '3a6050bcbe121a87', cache_status: 'miss', upstream_addr: '203.0.113.80',
    });
  });

  it('accepts strings where numbers are expected; origin 0 becomes null', () => {
    const r = ok(parseCloudflareLine(lines[1]));
    expect([r.ts, r.status, r.upstream_status, r.path, r.query, r.client_ip]).toEqual([us('2022-05-25T13:25:26Z'), 521, null, '/v1/orders', 'id=7', '2001:db8::7']);
  });

  it('tolerates whitespace and reads the deprecated nanosecond OriginResponseTime', () => {
    const r = ok(parseCloudflareLine(lines[2]));
    expect([r.ts, r.status, r.upstream_time_s]).toEqual([us('2022-05-25T13:25:26Z'), 524, 120]);
  });

  it('reads RFC 3339 with fractions and treats empty strings as missing', () => {
    const r = ok(parseCloudflareLine(lines[3]));
    expect([r.ts, r.user_agent, r.referer, r.upstream_addr]).toEqual([us('2025-09-17T08:37:18Z', 123456), null, null, null]);
  });

  it('reads unix seconds, EdgeEndTimestamp and Datetime fallbacks, and terminating security actions', () => {
    expect(ok(parseCloudflareLine(lines[4]))).toMatchObject({ ts: us('2022-05-25T13:25:26Z'), status: 403, error_reason: 'security:block' });
    expect(ok(parseCloudflareLine(lines[5]))).toMatchObject({ ts: us('2022-05-25T13:25:27Z'), status: 429, error_reason: 'security:rateLimit' });
    expect(ok(parseCloudflareLine(lines[6]))).toMatchObject({ ts: us('2024-01-02T02:04:05Z'), status: 530 });
    expect(ok(parseCloudflareLine(lines[7])).ts).toBe(us('2022-05-25T13:25:26Z', 500000));
  });

  it('types the errors of broken lines', () => {
    const codes = lines.slice(8).map((l) => { const r = parseCloudflareLine(l); return r.ok ? 'ok' : r.code; });
    expect(codes).toEqual(['BAD_JSON', 'BAD_STATUS', 'MISSING_FIELD', 'BAD_TIMESTAMP']);
  });

  it('detects Logpush lines and parses decoded values', () => {
    expect(cloudflareParser.detect(lines.slice(0, 8))).toBe(1);
    expect(cloudflareParser.detect(['{"status":200,"time_iso8601":"2026-01-01T00:00:00+00:00"}'])).toBe(0);
    expect(cloudflareParser.parseValue!({ EdgeResponseStatus: 522, EdgeStartTimestamp: '1653485126000000000' })).toMatchObject({ ok: true, record: { status: 522, ts: 1653485126000000 } });
    expect(cloudflareParser.parseValue!([1, 2]).ok).toBe(false);
  });

  it('does not read the leading digits of a number written with an exponent as a time', () => {
    const line = '{"EdgeResponseStatus":200,"EdgeStartTimestamp":17934911e260}';
    const expected = { ok: false, code: 'BAD_TIMESTAMP', reason: 'no parsable EdgeStartTimestamp, EdgeEndTimestamp or Datetime' };
    expect(parseCloudflareLine(line)).toEqual(expected);
    expect(recordFromCloudflare(JSON.parse(line) as Record<string, unknown>, line)).toEqual(expected);
    // A unixnano beyond 2^53 written as digits is read exactly on both paths.
    const digits = '{"EdgeResponseStatus":200,"EdgeStartTimestamp":1793491200225874118}';
    expect(ok(parseCloudflareLine(digits)).ts).toBe(1793491200225874);
    expect(ok(recordFromCloudflare(JSON.parse(digits) as Record<string, unknown>, digits)).ts).toBe(1793491200225874);
  });

  it('takes the host from an absolute URI when ClientRequestHost is missing', () => {
    const line = '{"EdgeStartTimestamp":1793491200225874118,"EdgeResponseStatus":200,"ClientRequestURI":"https://a.example:8443/x?y=1"}';
    expect(ok(parseCloudflareLine(line))).toMatchObject({ host: 'a.example', path: '/x', query: 'y=1' });
    expect(ok(parseCloudflareLine(line.replace('{', '{"ClientRequestHost":"b.example",'))).host).toBe('b.example');
  });
});

/** Both sources of the same rules: the line's bytes in place, and the object JSON.parse made of it. */
describe('Cloudflare lines read in place agree with their decoded objects', () => {
  const agree = (line: string): boolean => {
    let object: unknown;
    try { object = JSON.parse(line); } catch { return false; }
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return false;
    expect(parseCloudflareLine(line), line).toEqual(recordFromCloudflare(object as Record<string, unknown>, line));
    return true;
  };

  it('over every sample line', () => {
    const sampleLines = readFileSync(new URL('../../samples/cloudflare/http_requests_20261124.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
    // All but five lines are JSON objects: four junk lines in the sample, one edge case.
    expect(sampleLines.concat(lines).filter(agree).length).toBe(sampleLines.length + lines.length - 5);
  });

  it('over mutated lines (seeded)', () => {
    const seeds = lines.slice(0, 8);
    const pieces = [' ', '"', '\\u00e9', '\\"', ',', ':', '0', '-', '.5', 'e3', '"1793491200225874118"', '1793491200225874118', '""', 'null', 'true', '[1]', '{"k":2}',
      '"ClientRequestURI":"http://h:81/a?b",', '"EdgeResponseStatus":"503",', '"OriginResponseStatus":"0",', '"SecurityAction":"block",', '"ClientRequestPath":"",'];
    const random = seededRandom(11);
    let compared = 0;
    for (let i = 0; i < 4000; i++) if (agree(mutate(seeds[random(seeds.length)], pieces, random))) compared++;
    expect(compared).toBeGreaterThan(1500);
  });
});
