import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMacros } from '../../../src/analysis/endpoints.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';

describe('endpoint templating (SQL macro)', () => {
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
  ];

  it.each(cases)('%s → %s', async (path, expected) => {
    const [row] = await queryRows(store.connection, 'SELECT endpoint_template($p) AS t', { p: path });
    expect(row.t).toBe(expected);
  });
});
