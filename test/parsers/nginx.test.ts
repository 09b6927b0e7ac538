import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nginxParser, parseNginxLine } from '../../parsers/nginx.js';
import type { RequestRecord } from '../../parsers/types.js';
import { stripPort } from '../../parsers/values.js';
import { ok as okResult, seededRandom } from '../helpers.js';

const ok = (line: string): RequestRecord => okResult(parseNginxLine(line));

const us = (iso: string): number => Date.parse(iso) * 1000;

describe('nginx combined', () => {
  it('parses every field of a combined line', () => {
    const r = ok('192.0.2.10 - - [26/Nov/2026:10:00:00 +0000] "GET /api/v1/users/123?expand=orders HTTP/1.1" 200 512 "-" "curl/8.5.0"');
    expect(r).toEqual({
      ts: us('2026-11-26T10:00:00Z'), format: 'nginx', status: 200, upstream_status: null,
      method: 'GET', host: null, path: '/api/v1/users/123', query: 'expand=orders', protocol: 'HTTP/1.1',
      client_ip: '192.0.2.10', user_agent: 'curl/8.5.0', referer: null, bytes_sent: 512,
      request_time_s: null, upstream_time_s: null, request_id: null, error_reason: null, cache_status: null,
      upstream_addr: null, actions_executed: null, classification: null,
    });
  });

  it('parses main (X-Forwarded-For), IPv6, remote user, offsets and key=value timings', () => {
    const r = ok('2001:db8::1 - alice [26/Nov/2026:11:00:01 +0100] "POST /api/v1/orders HTTP/2.0" 499 0 "https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64)" "203.0.113.9, 10.0.0.1" rt=0.123 uct="0.000" uht="0.120" urt="0.120"');
    expect(r.client_ip).toBe('2001:db8::1');
    expect(r.ts).toBe(us('2026-11-26T10:00:01Z'));
    expect(r.status).toBe(499);
    expect(r.method).toBe('POST');
    expect(r.protocol).toBe('HTTP/2.0');
    expect(r.referer).toBe('https://shop.example.com/cart');
    expect(r.user_agent).toBe('Mozilla/5.0 (X11; Linux x86_64)');
    expect(r.request_time_s).toBe(0.123);
    expect(r.upstream_time_s).toBe(0.12);
  });

  it('normalizes negative offsets to UTC', () => {
    expect(ok('192.0.2.11 - - [26/Nov/2026:02:00:05 -0800] "GET / HTTP/1.1" 200 1 "-" "-"').ts).toBe(us('2026-11-26T10:00:05Z'));
    expect(ok('192.0.2.11 - - [01/Jan/2027:05:29:59 +0530] "GET / HTTP/1.1" 200 1 "-" "-"').ts).toBe(us('2026-12-31T23:59:59Z'));
  });

  it('keeps the empty request and unix: addresses', () => {
    const r = ok('unix: - - [26/Nov/2026:10:00:02 +0000] "" 400 0 "-" "-"');
    expect(r.client_ip).toBe('unix:');
    expect(r.status).toBe(400);
    expect([r.method, r.path, r.protocol]).toEqual([null, null, null]);
    expect(r.user_agent).toBeNull();
  });

  it('keeps junk request lines as records with status 400', () => {
    const tls = ok('198.51.100.7 - - [26/Nov/2026:10:00:03 +0000] "\\x16\\x03\\x01\\x00\\xF1\\x01" 400 157 "-" "-"');
    expect([tls.status, tls.method, tls.path, tls.bytes_sent]).toEqual([400, null, null, 157]);
    const hello = ok('198.51.100.8 - - [26/Nov/2026:10:00:04 +0000] "hello" 400 157 "-" "-"');
    expect([hello.status, hello.method, hello.path]).toEqual([400, null, null]);
  });

  it('reads an optional vhost prefix as the host, without its port', () => {
    const r = ok('shop.example.com:443 198.51.100.7 - - [26/Nov/2026:10:00:03 +0000] "GET /x HTTP/1.1" 200 1 "-" "-"');
    expect(r.host).toBe('shop.example.com');
    expect(r.client_ip).toBe('198.51.100.7');
  });

  it('decodes \\xHH escapes byte-wise into UTF-8, and keeps an empty header as ""', () => {
    const r = ok('192.0.2.11 - - [26/Nov/2026:02:00:05 -0800] "GET /caf\\xC3\\xA9/men\\xC3\\xBC HTTP/1.1" 444 0 "" "\\x22quoted\\x22 agent" 0.500 0.200, 0.300');
    expect(r.path).toBe('/café/menü');
    expect(r.user_agent).toBe('"quoted" agent');
    expect(r.referer).toBe('');
    expect(r.status).toBe(444);
    expect(r.request_time_s).toBe(0.5);
    expect(r.upstream_time_s).toBe(0.5);
  });

  it('keeps the last upstream status and sums multi-upstream times', () => {
    const r = ok('192.0.2.12 - - [26/Nov/2026:10:00:06 +0000] "GET /slow HTTP/1.1" 504 0 "-" "k6/0.54" rt=60.001 us="502, 504" urt="0.001, 60.000" ua="10.0.0.1:80, 10.0.0.2:80"');
    expect(r.upstream_status).toBe(504);
    expect(r.upstream_time_s).toBe(60.001);
    expect(r.request_time_s).toBe(60.001);
    expect(r.upstream_addr).toBe('10.0.0.2:80');
  });

  it('reads key=value numbers from the bytes with the results of the text rules', () => {
    const plain = ok('192.0.2.12 - - [26/Nov/2026:10:00:06 +0000] "GET / HTTP/1.1" 200 0 "-" "-" rt=1e-3 urt="0.1000004" us="2x0"');
    expect([plain.request_time_s, plain.upstream_time_s, plain.upstream_status]).toEqual([0.001, 0.1, null]);
    const odd = ok('192.0.2.12 - - [26/Nov/2026:10:00:06 +0000] "GET / HTTP/1.1" 200 0 "-" "-" rt="0\\x2e5" urt=-0 us="0503" us=""');
    expect(odd.request_time_s).toBe(0.5);
    expect(Object.is(odd.upstream_time_s, 0)).toBe(true);
    expect(odd.upstream_status).toBeNull();
    expect(ok('192.0.2.12 - - [26/Nov/2026:10:00:06 +0000] "GET / HTTP/1.1" 200 0 "-" "-" us="0503"').upstream_status).toBe(503);
  });

  it('keeps 000 as status 0', () => {
    expect(ok('192.0.2.13 - - [26/Nov/2026:10:00:07 +0000] "GET / HTTP/1.1" 000 0 "-" "-"').status).toBe(0);
  });

  it('takes the host from an absolute request URI', () => {
    const r = ok('192.0.2.14 - - [26/Nov/2026:10:00:08 +0000] "GET http://proxy.example.net:8080/abs/path?q=1 HTTP/1.1" 200 10 "-" "-" "-"');
    expect([r.host, r.path, r.query]).toEqual(['proxy.example.net', '/abs/path', 'q=1']);
  });

  it('keeps the host of an absolute URI as stripPort does, for generated authorities', () => {
    const alphabet = ['a', 'b', '.', ':', '8', '0', '-', '[', ']', 'é', '1'];
    const random = seededRandom(5);
    for (let k = 0; k < 20000; k++) {
      const authority = Array.from({ length: random(8) }, () => alphabet[random(alphabet.length)]).join('');
      const r = ok(`192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET http://${authority}/p HTTP/1.1" 200 5 "-" "-"`);
      expect(r.host, authority).toBe(authority === '' ? null : stripPort(authority));
    }
  });

  it('ignores unknown trailing fields', () => {
    const r = ok('192.0.2.1 - - [26/Nov/2026:10:00:08 +0000] "GET / HTTP/1.1" 200 10 "-" "-" "-" "2.31" foo=bar rt=0.010');
    expect(r.request_time_s).toBe(0.01);
  });

  it('reports typed errors for bad lines', () => {
    const cases: [string, string][] = [
      ['192.0.2.16 - - [26/Nov/2026:10:00:10 +0000] "GET / HTTP/1.1" 2OO 0 "-" "-"', 'BAD_STATUS'],
      ['192.0.2.17 - - [26/Nov/2026:10:00:11 +0000] "GET / HTTP/1.1" 200 0 "-" "-', 'MISSING_FIELD'],
      ['198.51.100.23 - - [24/Nov/2026:07:46:30 +0000] "GET /api/v1/users/1 HTTP/1.1" 200 51', 'MISSING_FIELD'],
      ['203.0.113.5 - - [31/Foo/2026:99:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5.0"', 'BAD_TIMESTAMP'],
      ['{"status":200}', 'NOT_THIS_FORMAT'],
      ['\u0016\u0003\u0001\u0002\u0000', 'NOT_THIS_FORMAT'],
    ];
    for (const [line, code] of cases) {
      const result = parseNginxLine(line);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(code);
    }
  });
});

describe('nginx time_local', () => {
  it('reads every valid line after one whose day cannot exist, which must not poison the day it shares letters with', () => {
    // The day's conversion is remembered; a failed one (day 51 or 00 passes the digit
    // checks, not the calendar) once left the remembered day without its start, and every
    // later line of that day with a new second came out BAD_TIMESTAMP.
    const line = (time: string): string => `192.0.2.1 - - [${time} +0000] "GET / HTTP/1.1" 200 5 "-" "-"`;
    expect(ok(line('26/Nov/2026:10:00:00')).ts).toBe(us('2026-11-26T10:00:00Z'));
    for (const impossible of ['51/Nov/2026:10:00:01', '00/Nov/2026:10:00:02']) {
      const bad = parseNginxLine(line(impossible));
      expect(bad.ok ? 'record' : bad.code, impossible).toBe('BAD_TIMESTAMP');
      expect(ok(line('26/Nov/2026:10:00:03')).ts).toBe(us('2026-11-26T10:00:03Z'));
      expect(ok(line('26/Nov/2026:10:00:04')).ts).toBe(us('2026-11-26T10:00:04Z'));
    }
    expect(ok(line('27/Nov/2026:00:00:00')).ts).toBe(us('2026-11-27T00:00:00Z'));
  });
});

describe('nginx detection', () => {
  it('scores the shipped sample near 1 and JSON at 0', () => {
    const lines = readFileSync(new URL('../../samples/nginx-access.log', import.meta.url), 'utf8').split('\n').filter(Boolean).slice(0, 50);
    expect(nginxParser.detect(lines)).toBeGreaterThan(0.95);
    expect(nginxParser.detect(['{"a":1}', '{"b":2}'])).toBe(0);
  });
});
