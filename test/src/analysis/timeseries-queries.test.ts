import { describe, expect, it } from 'vitest';
import { LATENCY_SQL } from '../../../src/analysis/timeseries-queries.js';
import { IN_WINDOW } from '../../../src/analysis/window.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';

const FROM = Date.UTC(2026, 10, 24) * 1000;
const HOUR = 3600e6;

/** DuckDB's own quantile_cont, the reference the histogram method must equal exactly. */
const REFERENCE_SQL = `
SELECT status // 100 AS class_digit, count(request_time_s) AS timed,
       quantile_cont(request_time_s, [0.5, 0.95, 0.99]) AS q,
       quantile_cont(upstream_time_s, [0.5, 0.95, 0.99]) AS uq
FROM requests WHERE ${IN_WINDOW} AND (request_time_s IS NOT NULL OR upstream_time_s IS NOT NULL)
GROUP BY ROLLUP (status // 100) ORDER BY 1 NULLS FIRST`;

const REFERENCE_BUCKETS_SQL = `
SELECT (epoch_us(ts) - $origin::BIGINT) // $bucket::BIGINT AS bucket, count(*) AS timed,
       quantile_cont(request_time_s, [0.5, 0.95, 0.99]) AS q
FROM requests WHERE ${IN_WINDOW} AND request_time_s IS NOT NULL GROUP BY 1 ORDER BY 1`;

describe('latency percentiles from a histogram', () => {
  it('equal quantile_cont exactly: ties, microsecond values, single-value groups, nulls', async () => {
    await LogStore.use(undefined, {}, async (store) => {
      // 20,000 requests over 4 hours: millisecond and microsecond timings, many ties,
      // a class with one timed request, and untimed requests.
      await store.connection.run(`
        INSERT INTO requests (ts, format, status, request_time_s, upstream_time_s, input, line)
        SELECT make_timestamp(${FROM}::BIGINT + (i * 720000)::BIGINT), 'nginx',
               CASE WHEN i = 7 THEN 301 WHEN i % 50 = 0 THEN 503 WHEN i % 9 = 0 THEN 404 ELSE 200 END,
               CASE WHEN i % 13 = 0 AND i <> 7 THEN NULL WHEN i % 3 = 0 THEN round(random() * 2, 6) ELSE round(random() * 0.3, 3) END,
               CASE WHEN i % 4 = 0 THEN NULL ELSE round(random() * 0.25, 3) END,
               'x', i::INTEGER
        FROM range(20000) t(i)`);
      const params = { from: BigInt(FROM), to: BigInt(FROM + 4 * HOUR) };
      const bucketParams = { ...params, origin: BigInt(FROM), bucket: BigInt(HOUR / 12) };
      const all = await queryRows(store.connection, LATENCY_SQL, bucketParams);
      const rows = all.filter((r) => r.kind === 'class');
      const reference = await queryRows(store.connection, REFERENCE_SQL, params);
      expect(rows.map((r) => [r.key, r.timed, r.q])).toEqual(reference.map((r) => [r.class_digit, r.timed, r.q]));
      expect(rows[0].uq).toEqual(reference[0].uq);
      expect(rows.slice(1).map((r) => r.uq)).toEqual([null, null, null, null]);
      expect(rows.map((r) => r.key)).toEqual([null, 2, 3, 4, 5]);
      // The mean is avg()'s, per class and overall.
      const means = await queryRows(store.connection, `SELECT avg(request_time_s) AS mean FROM requests GROUP BY ROLLUP (status // 100) ORDER BY status // 100 NULLS FIRST`);
      expect(rows.map((r) => r.mean)).toEqual(means.map((m) => expect.closeTo(m.mean as number, 12)));
      const buckets = all.filter((r) => r.kind === 'bucket').map((r) => ({ bucket: r.key, timed: r.timed, q: r.q }));
      expect(buckets).toHaveLength(48);
      expect(buckets).toEqual(await queryRows(store.connection, REFERENCE_BUCKETS_SQL, bucketParams));
    });
  });
});
