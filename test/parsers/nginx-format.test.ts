import { describe, expect, it } from 'vitest';
import { compileNginxLogFormat } from '../../parsers/nginx-format.js';
import { ok } from '../helpers.js';


describe('custom nginx log_format', () => {
  it('compiles a format pasted from nginx.conf with its quoting', () => {
    const parser = compileNginxLogFormat(`log_format timed '$remote_addr - $remote_user [$time_local] '
      '"$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" '
      '$request_time $upstream_response_time $upstream_status "$upstream_addr" $host $request_id';`);
    const r = ok(parser.parse('192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET /p?q=1 HTTP/1.1" 502 0 "-" "curl" 0.300 0.100, 0.200 502, 502 "10.0.0.1:80, 10.0.0.2:80" api.example.com 7f3a'));
    expect(r).toMatchObject({
      format: 'nginx-custom', status: 502, method: 'GET', path: '/p', query: 'q=1', request_time_s: 0.3, upstream_time_s: 0.3,
      upstream_status: 502, upstream_addr: '10.0.0.2:80', host: 'api.example.com', request_id: '7f3a', user_agent: 'curl', referer: null,
    });
  });

  it('supports ${var}, $time_iso8601, $request_method/$uri/$args and skips unknown variables', () => {
    const parser = compileNginxLogFormat('${time_iso8601}|$ssl_protocol|$request_method|$uri|$args|$status|$bytes_sent|$server_name|$upstream_connect_time|$upstream_header_time');
    const r = ok(parser.parse('2026-11-26T10:00:00+00:00|TLSv1.3|PUT|/users/7|a=b|422|120|api.example.com|0.001|0.050'));
    expect([r.ts, r.method, r.path, r.query, r.status, r.bytes_sent, r.host]).toEqual([Date.UTC(2026, 10, 26, 10) * 1000, 'PUT', '/users/7', 'a=b', 422, 120, 'api.example.com']);
  });

  it('decodes \\xHH by default and JSON escapes with escape=json', () => {
    const plain = compileNginxLogFormat('[$time_local] "$request" $status "$http_user_agent"');
    expect(ok(plain.parse('[26/Nov/2026:10:00:00 +0000] "GET /caf\\xC3\\xA9 HTTP/1.1" 200 "a\\x22b"')).path).toBe('/café');
    const json = compileNginxLogFormat(`escape=json '[$time_local] "$request" $status "$http_user_agent"'`);
    expect(ok(json.parse('[26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 "a\\"b\\u001B"')).user_agent).toBe('a"b\u001b');
  });

  it('rejects formats without $status or a time variable, and lines that do not match', () => {
    expect(() => compileNginxLogFormat('$remote_addr [$time_local] "$request"')).toThrow(/no \$status/);
    expect(() => compileNginxLogFormat('$remote_addr $status')).toThrow(/no time variable/);
    const parser = compileNginxLogFormat('[$time_local] $status');
    const bad = parser.parse('something else');
    expect(bad.ok || bad.code).toBe('NOT_THIS_FORMAT');
    const badStatus = parser.parse('[26/Nov/2026:10:00:00 +0000] abc');
    expect(badStatus.ok || badStatus.code).toBe('BAD_STATUS');
  });
});
