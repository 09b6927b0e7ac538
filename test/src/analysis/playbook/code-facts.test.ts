import { describe, expect, it } from 'vitest';
import { tallyEndpointCodes } from '../../../../src/analysis/endpoints.js';
import { topClients, topEndpoints } from '../../../../src/analysis/playbook/code-facts.js';
import { LogStore } from '../../../../src/store/log-store.js';
import { queryRows } from '../../../../src/store/query.js';
import { RequestWriter } from '../../../../src/store/request-writer.js';
import { emptyRecord } from '../../../../parsers/types.js';
import { seededRandom } from '../../../helpers.js';

const FROM = Date.UTC(2026, 10, 24) * 1000;
const WINDOW = { fromUs: FROM, toUs: FROM + 3600e6 };

/** The ranking the busiest value must agree with: ORDER BY count DESC, value NULLS LAST. */
const REFERENCE_SQL = `
SELECT status, value, c FROM (SELECT status, client_ip AS value, count(*) AS c FROM requests WHERE status >= 300 OR status < 100 GROUP BY ALL)
QUALIFY row_number() OVER (PARTITION BY status ORDER BY c DESC, value NULLS LAST) = 1 ORDER BY status`;

/** A map's entries by status: the queries' rows come in no particular order. */
const byStatus = <T>(map: ReadonlyMap<number, T>): [number, T][] => [...map].sort((a, b) => a[0] - b[0]);

async function store(requests: [number, string | null, string][]): Promise<LogStore> {
  const s = await LogStore.open();
  const writer = await RequestWriter.create(s.connection);
  requests.forEach(([status, client, path], i) => writer.append({ ...emptyRecord('nginx', FROM + i, status), client_ip: client, method: 'GET', path }, 'in', i + 1));
  await writer.close();
  return s;
}

describe('each code\'s busiest client and endpoint', () => {
  it('breaks ties by the smallest value, a missing one last, and counts the busiest client\'s paths', async () => {
    const s = await store([
      [404, 'b', '/x'], [404, 'a', '/x'], [404, 'a', '/y'], [404, 'b', '/z'], [404, null, '/x'], [404, null, '/x'], [404, 'a', '/x'], [404, 'b', '/x'],
      [429, null, '/q'], [429, null, '/q'], [429, 'q', '/q/1'], [429, 'q', '/q/2'],
      [500, null, '/r'], [500, null, '/r'], [500, 'z', '/r'],
      [200, 'ok', '/'],
    ]);
    try {
      const clients = await topClients(s.connection, WINDOW);
      // Distinct clients leave out the requests without one.
      expect(byStatus(clients)).toEqual([
        [404, { distinct: 2, busiest: { value: 'a', count: 3, paths: 2 } }],
        [429, { distinct: 1, busiest: { value: 'q', count: 2, paths: 2 } }],
        [500, { distinct: 1, busiest: { value: null, count: 2, paths: 1 } }],
      ]);
      await tallyEndpointCodes(s.connection, WINDOW);
      expect(byStatus(await topEndpoints(s.connection))).toEqual([
        [404, { value: 'GET /x', count: 6 }],
        [429, { value: 'GET /q', count: 2 }],
        [500, { value: 'GET /r', count: 3 }],
      ]);
    } finally {
      s.close();
    }
  });

  it('agrees with ranking by count and value over many random ties', async () => {
    const random = seededRandom(7);
    const clients = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '9.9.9.9', null];
    const s = await store(Array.from({ length: 3000 }, () => [[301, 404, 429, 503, 0][random(5)], clients[random(5)], `/p/${random(4)}`] as [number, string | null, string]));
    try {
      const reference = await queryRows(s.connection, REFERENCE_SQL);
      const top = await topClients(s.connection, WINDOW);
      expect(reference.length).toBe(5);
      expect(reference.map((r) => [r.status, { value: r.value, count: r.c }])).toEqual(byStatus(top).map(([status, t]) => [status, { value: t.busiest.value, count: t.busiest.count }]));
      const distinct = await queryRows(s.connection, 'SELECT status, count(DISTINCT client_ip) AS n FROM requests GROUP BY status ORDER BY status');
      expect(distinct.map((r) => [r.status, r.n])).toEqual(byStatus(top).map(([status, t]) => [status, t.distinct]));
    } finally {
      s.close();
    }
  });
});
