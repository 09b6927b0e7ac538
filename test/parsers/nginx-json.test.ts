import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJsonObject } from '../../parsers/json-line.js';
import { createNginxJsonParser, nginxJsonParser, parseFieldMap, recordFromNginxJson, type FieldMap } from '../../parsers/nginx-json.js';
import { NGINX_KEY_ALIASES, NGINX_VARIABLES } from '../../parsers/nginx-variables.js';
import { ScannedRecord, TextField } from '../../parsers/scanned-record.js';
import type { ParseResult } from '../../parsers/types.js';
import { mutate, ok, seededRandom } from '../helpers.js';


describe('nginx JSON parser', () => {
  it('maps the common keys', () => {
    const r = ok(nginxJsonParser.parse('{"time_iso8601":"2026-11-24T13:00:00+01:00","remote_addr":"192.0.2.1","request":"GET /a/b?x=1 HTTP/1.1","status":"502","body_bytes_sent":"0","request_time":"0.250","upstream_status":"502, 502","upstream_response_time":"0.100, 0.150","upstream_addr":"10.0.0.1:80, 10.0.0.2:80","http_user_agent":"curl","http_referer":"","host":"api.example.com","request_id":"abc"}'));
    expect(r).toEqual({
      ts: Date.UTC(2026, 10, 24, 12) * 1000, format: 'nginx-json', status: 502, upstream_status: 502, method: 'GET',
      host: 'api.example.com', path: '/a/b', query: 'x=1', protocol: 'HTTP/1.1', client_ip: '192.0.2.1', user_agent: 'curl',
      referer: '', bytes_sent: 0, request_time_s: 0.25, upstream_time_s: 0.25, request_id: 'abc', error_reason: null,
      cache_status: null, upstream_addr: '10.0.0.2:80', actions_executed: null, classification: null,
    });
  });

  it('takes request_method + request_uri, numbers as numbers, msec and time_local', () => {
    const a = ok(nginxJsonParser.parse('{"msec":"1700000000.123","status":200,"request_method":"POST","request_uri":"/orders?x=1","request_time":0.5}'));
    expect([a.ts, a.status, a.method, a.path, a.query, a.request_time_s]).toEqual([1700000000123000, 200, 'POST', '/orders', 'x=1', 0.5]);
    const b = ok(nginxJsonParser.parse('{"time_local":"26/Nov/2026:10:00:00 -0500","status":404,"uri":"/x","args":"","upstream_status":"-"}'));
    expect([b.ts, b.path, b.query, b.upstream_status]).toEqual([Date.UTC(2026, 10, 26, 15) * 1000, '/x', null, null]);
  });

  it('survives raw non-UTF-8 bytes and an empty unquoted variable', () => {
    const r = ok(nginxJsonParser.parse('{"time_iso8601":"2026-11-24T13:00:00+00:00","status":200,"request_time":,"http_user_agent":"caf\uFFFD"}'));
    expect([r.status, r.request_time_s, r.user_agent]).toEqual([200, null, 'caf\uFFFD']);
  });

  it('types errors', () => {
    const code = (line: string): string => { const r = nginxJsonParser.parse(line); return r.ok ? 'ok' : r.code; };
    expect(code('{"time_iso8601":"2026-11-24T13:00:00+00:00","status":"OK"}')).toBe('BAD_STATUS');
    expect(code('{"time_iso8601":"2026-11-24T13:00:00+00:00"}')).toBe('MISSING_FIELD');
    expect(code('{"status":200}')).toBe('BAD_TIMESTAMP');
    expect(code('{"status":200')).toBe('BAD_JSON');
  });

  it('applies --field-map for custom key names', () => {
    const parser = createNginxJsonParser(parseFieldMap('status=resp_code, request_time=duration,time_iso8601=when,remote_addr=ip'));
    const r = ok(parser.parse('{"when":"2026-11-24T13:00:00Z","resp_code":429,"duration":"1.5","ip":"192.0.2.9"}'));
    expect([r.status, r.request_time_s, r.client_ip]).toEqual([429, 1.5, '192.0.2.9']);
    expect(() => parseFieldMap('nonsense')).toThrow(/variable=key/);
    expect(() => parseFieldMap('colour=x')).toThrow(/unknown field "colour"/);
  });

  it('keeps integers of 16 digits or more as their digits, and forgives empty values', () => {
    expect(parseJsonObject('{"a":1793491200225874118, "n":{"c":-12345678901234567},"s":"1234567890123456789","x":12,"y":1e16}')).toEqual({
      a: '1793491200225874118', n: { c: '-12345678901234567' }, s: '1234567890123456789', x: 12, y: 1e16,
    });
    expect(parseJsonObject('{"a":"b","n":[1,2.5,{"c":null}]}')).toEqual({ a: 'b', n: [1, 2.5, { c: null }] });
    expect(parseJsonObject('{"a":,"b":1}')).toEqual({ a: null, b: 1 });
    expect([parseJsonObject('[1]'), parseJsonObject('"x"'), parseJsonObject('{"a":')]).toEqual([null, null, null]);
  });
});

/** Lines read in place must give what the decoded object gives (parseJsonObject, recordFromNginxJson). */
describe('nginx JSON lines read in place agree with their decoded objects', () => {
  const decoded = (line: string, fieldMap: FieldMap): ParseResult => {
    const object = parseJsonObject(line);
    return object === null ? { ok: false, code: 'BAD_JSON', reason: 'not a JSON object' } : recordFromNginxJson(object, fieldMap);
  };
  const sampleLines = readFileSync(new URL('../../samples/nginx-json-access.log', import.meta.url), 'utf8').split('\n').filter(Boolean);

  it('copies plain values as byte ranges of the line', () => {
    const bytes = Buffer.from('{"time_iso8601":"2026-11-24T13:00:00+00:00","status":200,"http_user_agent":"curl/8.5.0","remote_addr":"-","http_referer":""}');
    const out = new ScannedRecord();
    expect(nginxJsonParser.scan!(bytes, 0, bytes.length, out)).toBeNull();
    expect(out.text[TextField.user_agent]).toBeUndefined(); // a range, not a string
    expect([out.get(TextField.user_agent), out.get(TextField.client_ip), out.get(TextField.referer), out.status]).toEqual(['curl/8.5.0', null, '', 200]);
  });

  it('for every variable and alias, with every kind of value', () => {
    const values = ['""', '"-"', '"x y"', '"a\\u00e9"', '"0.5"', '"200"', '"502, 200"', '"0.1 : 0.2"', '"GET /a?b HTTP/1.1"', '"h:443"',
      '"2026-11-24T10:00:00-05:00"', '12', '0.25', '-0', '1e2', '12345678901234567', 'true', 'null', '[1]', '{"k":1}'];
    let compared = 0;
    for (const key of [...Object.keys(NGINX_VARIABLES), ...Object.keys(NGINX_KEY_ALIASES)]) {
      for (const value of values) {
        const line = `{"time_iso8601":"2026-11-24T13:00:00+00:00","status":200,"${key}":${value}}`;
        expect(nginxJsonParser.parse(line), line).toEqual(decoded(line, {}));
        compared++;
      }
    }
    expect(compared).toBe((Object.keys(NGINX_VARIABLES).length + Object.keys(NGINX_KEY_ALIASES).length) * values.length);
  });

  it.each([{}, parseFieldMap('status=resp_code,request_time=duration,http_user_agent=agent')])('over the sample and mutated lines (field map %o)', (fieldMap) => {
    const parser = createNginxJsonParser(fieldMap);
    const pieces = [' ', '"', ',', ':', '\\"', '\\u00e9', '-', '""', '"-"', '0', '-0', '1e3', '12345678901234567', 'null', 'true', '[1]', '{"k":2}',
      '"request":"GET /a?b=1 HTTP/1.1",', '"request_uri":"http://h:81/x?y",', '"uri":"/u",', '"args":"",', '"host":"api.example.com:443",',
      '"status":"404",', '"resp_code":503,', '"upstream_status":"502, 200",', '"upstream_response_time":"0.1 : 0.2",', '"agent":"",',
      '"time_local":"24/Nov/2026:10:00:00 +0100",', '"msec":1700000000.5,', '"status":,'];
    const random = seededRandom(17);
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const line = i < sampleLines.length ? sampleLines[i] : mutate(sampleLines[random(sampleLines.length)], pieces, random, 3);
      const result = parser.parse(line);
      expect(result, line).toEqual(decoded(line, fieldMap));
      if (result.ok) parsed++;
    }
    expect(parsed).toBeGreaterThan(1500);
  });
});
