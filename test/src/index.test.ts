import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as logcodes from '../../src/index.js';
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
    expect(logcodes.parseNginxLine('192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"').ok).toBe(true);
    expect(logcodes.describeCode(460).vendor).toBe('aws-elb');
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
