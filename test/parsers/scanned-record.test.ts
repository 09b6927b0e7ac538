import { describe, expect, it } from 'vitest';
import { ScannedRecord } from '../../parsers/scanned-record.js';
import { traceWorkerParse } from '../helpers.js';

/** Cloudflare lines whose timings are fractions of a second for a while, then whole seconds. */
function cloudflareTimings(): string[] {
  const line = (i: number, ttfb: number, origin: number): string => JSON.stringify({
    ClientIP: `203.0.113.${i % 250}`, ClientRequestHost: 'api.example.com', ClientRequestMethod: 'GET', ClientRequestURI: `/api/v1/users/${i}`,
    ClientRequestProtocol: 'HTTP/2', ClientRequestUserAgent: 'curl/8.5.0', EdgeStartTimestamp: 1793491200225874000 + i * 1000,
    EdgeResponseStatus: 200, OriginResponseStatus: 200, EdgeResponseBytes: 1572, EdgeTimeToFirstByteMs: ttfb, OriginResponseDurationMs: origin, RayID: 'f9405bc4d72a83d1',
  });
  const chunk = (from: number, make: (i: number) => string): string => Array.from({ length: 6000 }, (_, k) => make(from + k)).join('\n') + '\n';
  const fractions = (i: number): string => line(i, 300 + (i % 97), 299 + (i % 89));
  const wholes = (i: number): string => line(i, 1000 * (i % 3), 2000);
  return [chunk(0, fractions), chunk(6000, fractions), chunk(12000, wholes), chunk(18000, wholes)];
}

describe('ScannedRecord', () => {
  it('holds a number in its nullable fields from the start, so that Cloudflare lines do not discard the compiled record builder', () => {
    const trace = traceWorkerParse('cloudflare', cloudflareTimings());
    expect(trace).toMatch(/completed optimizing .*<JSFunction cloudflareRecord /);
    // A field that held only null and then a small integer deoptimized with reason "Smi".
    const discarded = trace.split('\n').filter((line) => /reason: Smi\).*<JSFunction cloudflareRecord /.test(line));
    expect(discarded).toEqual([]);
  });

  it('reads a deferred bytes sent from its line when asked, by the same rules as a token', () => {
    const line = Buffer.from('1572 - 1e3 12.5 x9');
    const record = new ScannedRecord();
    const sent = (from: number, to: number): number | null => {
      record.reset(line, 1, 200);
      record.deferBytesSent(from, to);
      return record.bytes_sent;
    };
    expect([sent(0, 4), sent(5, 6), sent(7, 10), sent(11, 15), sent(16, 18), sent(4, 4)]).toEqual([1572, null, 1000, 12.5, null, null]);
  });

  it('lets a value set after the deferral win, and starts each line without one', () => {
    const line = Buffer.from('1572');
    const record = new ScannedRecord();
    record.reset(line, 1, 200);
    record.deferBytesSent(0, 4);
    record.bytes_sent = 99; // an nginx `bytes_sent=99` field after the positional one
    expect(record.bytes_sent).toBe(99);
    record.reset(line, 2, 200);
    expect(record.bytes_sent).toBeNull();
    record.deferBytesSent(0, 4);
    expect(record.toRecord('nginx').bytes_sent).toBe(1572);
  });
});
