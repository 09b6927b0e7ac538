import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogStore } from '../../../src/store/log-store.js';
import { queryColumns, queryRows } from '../../../src/store/query.js';

let store: LogStore;
beforeAll(async () => { store = await LogStore.open(); });
afterAll(() => store.close());

describe('queryColumns', () => {
  const sql = 'SELECT i::BIGINT AS bucket, (i % 3)::SMALLINT AS status, i * 2.5 AS share, [i, i + 1] AS pair FROM range(0, $n::BIGINT) t(i)';

  it('gives the values queryRows gives, by column, with BIGINT as numbers', async () => {
    const rows = await queryRows(store.connection, sql, { n: 4n });
    const columns = await queryColumns(store.connection, sql, { n: 4n });
    expect(columns).toEqual({ bucket: [0, 1, 2, 3], status: [0, 1, 2, 0], share: [0, 2.5, 5, 7.5], pair: [[0, 1], [1, 2], [2, 3], [3, 4]] });
    expect(rows.map((r) => r.pair)).toEqual(columns.pair);
  });

  it('names every column of an empty result', async () => {
    expect(await queryColumns(store.connection, sql, { n: 0n })).toEqual({ bucket: [], status: [], share: [], pair: [] });
  });
});
