import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as logcodes from '../../src/index.js';
import { PARALLEL_MIN_BYTES } from '../../src/analyze.js';
import { sample, tempDir } from '../helpers.js';

describe('the library API', () => {
  it('analyzes, ingests, reports and renders', async () => {
    const { report } = await logcodes.analyze({ inputs: [sample('nginx-edge-cases.log')] });
    expect(report.totals.requests).toBe(10);
    expect(logcodes.renderText(report, { color: false, top: 5 })).toContain('10 requests');
    expect(logcodes.renderHtml(report)).toMatch(/^<!doctype html>/);
    expect(JSON.parse(logcodes.renderJson(report)).schemaVersion).toBe(logcodes.SCHEMA_VERSION);
    const db = join(tempDir(), 'lib.duckdb');
    const ingested = await logcodes.ingest({ db, inputs: [sample('nginx-access.log')] });
    expect(ingested.store).toEqual({ files: 1, requests: 3924 });
    const fromStore = await logcodes.report({ db });
    expect(fromStore.totals.requests).toBe(3924);
    expect((await logcodes.userQuery({ db, sql: 'SELECT count(*) AS n FROM requests' })).rows).toEqual([{ n: 3924 }]);
    // Each stored request has the endpoint the library's endpointOf gives.
    const [first] = (await logcodes.userQuery({ db, sql: 'SELECT method, path, endpoint FROM requests WHERE path IS NOT NULL ORDER BY line LIMIT 1' })).rows;
    expect(first.endpoint).toBe(logcodes.endpointOf(first.method as string, first.path as string));
    expect(logcodes.endpointOf('GET', '/users/42/orders')).toBe('GET /users/{id}/orders');
    expect(logcodes.parseNginxLine('192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"').ok).toBe(true);
    expect(logcodes.describeCode(460).vendor).toBe('aws-elb');
  });

  it('analyzes a file large enough for the parse workers, which start before the store opens', async () => {
    const file = join(tempDir(), 'large.log');
    const at = (i: number): string => `[26/Nov/2026:10:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000]`;
    const lines = Array.from({ length: 70_000 }, (_, i) => `192.0.2.${i % 200} - - ${at(i)} "GET /items/${i} HTTP/1.1" ${i % 10 === 0 ? 503 : 200} ${i % 5000} "-" "load-test/1.0 (${'x'.repeat(40)})"`);
    writeFileSync(file, lines.join('\n') + '\n');
    expect(statSync(file).size).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const { report, inputs } = await logcodes.analyze({ inputs: [file] });
    expect(inputs[0]).toMatchObject({ lines: 70_000, records: 70_000, malformed: 0 });
    expect(report.totals.requests).toBe(70_000);
    expect(report.codes.find((c) => c.code === 503)?.count).toBe(7_000);
  });

  it('scans a line in place from a buffer, as the README shows', () => {
    const bytes = Buffer.from('xx 192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET /a?b=1 HTTP/1.1" 404 1 "-" "curl/8" yy');
    const scanned = new logcodes.ScannedRecord();
    expect(logcodes.nginxParser.scan!(bytes, 3, bytes.length - 3, scanned)).toBeNull();
    expect(scanned.text[logcodes.TEXT_FIELDS.indexOf('path')]).toBeUndefined(); // still a byte range
    expect(scanned.toRecord('nginx')).toMatchObject({ status: 404, method: 'GET', path: '/a', query: 'b=1', user_agent: 'curl/8', client_ip: '192.0.2.1' });
    expect(logcodes.albParser.scan!(bytes, 0, 10, scanned)).toEqual({ code: 'MISSING_FIELD', reason: '2 fields, an ALB line has at least 14' });
  });
});
