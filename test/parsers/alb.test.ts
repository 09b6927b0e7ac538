import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { albParser, parseAlbLine } from '../../parsers/alb.js';
import { ok } from '../helpers.js';

const lines = readFileSync(new URL('../../samples/alb/edge-cases.log', import.meta.url), 'utf8').split('\n').filter(Boolean);
const us = (iso: string, micros = 0): number => Date.parse(iso) * 1000 + micros;

describe('ALB parser', () => {
  it('maps a 29-field http line by position', () => {
    expect(ok(parseAlbLine(lines[0]))).toEqual({
      ts: us('2018-07-02T22:23:00Z', 186641), format: 'alb', status: 200, upstream_status: 200, method: 'GET',
      host: 'www.example.com', path: '/', query: null, protocol: 'HTTP/1.1', client_ip: '192.168.131.39',
      user_agent: 'curl/7.46.0', referer: null, bytes_sent: 366, request_time_s: 0.001, upstream_time_s: 0.001,
      request_id: 'Root=1-58337262-36d228ad5d99923122bbe354', error_reason: null, cache_status: null,
      upstream_addr: '10.0.0.1:80', actions_executed: 'forward', classification: null,
    });
  });

  it('splits unbracketed IPv6 at the last colon, keeps raw spaces in the URL and \\" in the user agent (30 fields)', () => {
    const r = ok(parseAlbLine(lines[1]));
    expect(r.client_ip).toBe('2601:6bbc:c0:ea54::1');
    expect([r.path, r.query]).toEqual(['/search', 'q=a b']);
    expect(r.user_agent).toBe('Mozilla/5.0 "quoted" UA');
    expect(r.request_time_s).toBe(0.171);
    expect(r.upstream_time_s).toBe(0.048);
    expect(r.actions_executed).toBe('authenticate,forward');
  });

  it('turns -1 timings and target status - into nulls (LB-generated 504)', () => {
    const r = ok(parseAlbLine(lines[2]));
    expect([r.status, r.upstream_status, r.request_time_s, r.upstream_time_s, r.protocol]).toEqual([504, null, null, null, 'HTTP/2.0']);
  });

  it('keeps the status of a malformed request line', () => {
    const r = ok(parseAlbLine(lines[3]));
    expect([r.status, r.method, r.path, r.upstream_addr, r.request_id]).toEqual([400, null, null, null, null]);
  });

  it('keeps error_reason, classification and the grpcs/wss types', () => {
    const auth = ok(parseAlbLine(lines[4]));
    expect([auth.status, auth.error_reason, auth.upstream_addr, auth.actions_executed]).toEqual([561, 'AuthInvalidIdToken', null, 'authenticate']);
    const ws = ok(parseAlbLine(lines[5]));
    expect([ws.status, ws.classification]).toEqual([101, 'Ambiguous:SpaceInUri']);
  });

  it('ignores unknown trailing fields of newer generations', () => {
    const r = ok(parseAlbLine(lines[6]));
    expect([r.status, r.upstream_status, r.upstream_addr]).toEqual([460, null, '10.0.0.1:80']);
  });

  it('reads the old 20-field layout and Classic ELB lines', () => {
    expect(ok(parseAlbLine(lines[8])).path).toBe('/old');
    const classic = ok(parseAlbLine(lines[9]));
    expect([classic.ts, classic.status, classic.upstream_status, classic.upstream_time_s, classic.request_time_s]).toEqual([
      us('2015-05-13T23:39:43Z', 945958), 200, 200, 0.001048, 0.001178,
    ]);
  });

  it('skips Classic TCP lines, ALB connection logs and NLB TLS lines as other record types', () => {
    for (const i of [10, 11, 12]) {
      const result = parseAlbLine(lines[i]);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe('OTHER_RECORD_TYPE');
    }
  });

  it('rejects other lines', () => {
    const result = parseAlbLine(lines[13]);
    expect(result.ok || result.code).toBe('MISSING_FIELD');
    expect(albParser.detect(['192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"'])).toBe(0);
    expect(albParser.detect(lines)).toBeGreaterThan(0.9);
  });
});
