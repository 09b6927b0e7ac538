import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointStages } from '../../../src/analysis/endpoint-queries.js';
import { defineMacros } from '../../../src/analysis/endpoints.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';

describe('endpoint templating (SQL stages)', () => {
  let store: LogStore;
  beforeAll(async () => {
    store = await LogStore.open();
    await defineMacros(store.connection);
  });
  afterAll(() => store.close());

  const cases: [string, string][] = [
    ['/users/123', '/users/{id}'],
    ['/users/123/orders/456', '/users/{id}/orders/{id}'],
    ['/a/1/2/3/4', '/a/{id}/{id}/{id}/{id}'],
    ['/v2/items', '/v2/items'],
    ['/sessions/0f8fad5b-d9cb-469f-a165-70867728950e/refresh', '/sessions/{uuid}/refresh'],
    ['/blobs/9e107d9d372bb6826bd81d3542a419d6', '/blobs/{hash}'],
    ['/static/app.3f2a9c1b.js', '/static/app.{hash}.js'],
    ['/keys/AKIAIOSFODNN7EXAMPLEKEYVALUE', '/keys/{token}'],
    ['/files/report-2024.pdf', '/files/report-2024.pdf'],
    ['/', '/'],
    // At the length bounds the rules are skipped below: 16 hex characters, 24 token characters.
    ['/abcdef0123456789', '/{hash}'],
    ['/abcdef012345678', '/abcdef012345678'],
    ['/AAAAAAAAAAAAAAAAAAAAAAA_', '/{token}'],
    ['/AAAAAAAAAAAAAAAAAAAAAA_', '/AAAAAAAAAAAAAAAAAAAAAA_'],
    ['/0f8fad5b-d9cb-469f-a165-70867728950e', '/{uuid}'],
    // Adjacent segments of every rule, and after placeholders of other rules: the second passes.
    ['/b/9e107d9d372bb6826bd81d3542a419d6/0123456789abcdef0/x', '/b/{hash}/{hash}/x'],
    ['/k/AKIAIOSFODNN7EXAMPLEKEYVALUE/AAAAAAAAAAAAAAAAAAAAAAA_', '/k/{token}/{token}'],
    ['/s/0f8fad5b-d9cb-469f-a165-70867728950e/42/7', '/s/{uuid}/{id}/{id}'],
    ['/1/abcdef0123456789/2/', '/{id}/{hash}/{id}/'],
    // A brace in the path itself is text like any other.
    ['/a}/1', '/a}/{id}'],
  ];

  it.each(cases)('%s → %s', async (path, expected) => {
    const [row] = await queryRows(store.connection, `WITH src AS (SELECT 'GET' AS method, $p AS path), ${endpointStages('src', 'e')} SELECT endpoint FROM e`, { p: path });
    expect(row.endpoint).toBe(`GET ${expected}`);
  });

  it('gives requests without a request line one pseudo-endpoint, and a missing method a dash', async () => {
    const rows = await queryRows(store.connection, `WITH src AS (SELECT * FROM (VALUES (NULL, NULL), (NULL, '/users/7')) v(method, path)), ${endpointStages('src', 'e')} SELECT endpoint FROM e ORDER BY endpoint`);
    expect(rows.map((r) => r.endpoint)).toEqual(['(no request line)', '- /users/{id}']);
  });

  it('templates the requests through the per-connection table macro, which filters reach', async () => {
    await store.connection.run("INSERT INTO requests (ts, format, status, method, path, input, line) VALUES ('2026-11-01 00:00:00', 'nginx', 404, 'GET', '/users/9/orders/12', 'a.log', 1), ('2026-11-01 00:00:01', 'nginx', 200, 'GET', '/users/3', 'a.log', 2)");
    const rows = await queryRows(store.connection, 'SELECT status, endpoint FROM requests_with_endpoints() WHERE status >= 400');
    expect(rows).toEqual([{ status: 404, endpoint: 'GET /users/{id}/orders/{id}' }]);
  });
});
