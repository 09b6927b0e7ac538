import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../../parsers/types.js';
import { ingestAll } from '../../../src/ingest/ingest-all.js';
import { chooseParsers } from '../../../src/ingest/parser-options.js';
import { expandInputs } from '../../../src/ingest/sources.js';
import { BulkWriter, type RequestSink } from '../../../src/store/bulk-writer.js';
import { LogStore } from '../../../src/store/log-store.js';
import { queryRows } from '../../../src/store/query.js';
import { RequestWriter } from '../../../src/store/request-writer.js';
import { sample } from '../../helpers.js';

async function load(paths: string[], makeSink: (store: LogStore) => Promise<RequestSink>): Promise<unknown[]> {
  const store = await LogStore.open();
  try {
    const sink = await makeSink(store);
    await ingestAll(paths, sink, { candidates: chooseParsers({}).candidates });
    await sink.close();
    return await queryRows(store.connection, 'SELECT * EXCLUDE (ts), epoch_us(ts) AS ts_us FROM requests ORDER BY input, line');
  } finally {
    store.close();
  }
}

describe('bulk loading (the fast path) equals the appender (the reference)', () => {
  it('gives the same rows for every sample and edge-case file', async () => {
    const files = await expandInputs([sample('')]);
    expect(files.length).toBeGreaterThanOrEqual(8);
    const viaAppender = await load(files, (s) => RequestWriter.create(s.connection));
    const viaBulk = await load(files, (s) => BulkWriter.create(s.connection));
    expect(viaBulk.length).toBe(17635);
    expect(viaBulk).toEqual(viaAppender);
  });

  it('keeps awkward values exactly: delimiters, quotes, newlines, \\N, empty strings, Unicode', async () => {
    const awkward = ['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '\\N', '', 'café ☕ 日本', '"', ',', 'x'.repeat(100_000)];
    const rows = async (makeSink: (store: LogStore) => Promise<RequestSink>): Promise<unknown[]> => {
      const store = await LogStore.open();
      try {
        const sink = await makeSink(store);
        awkward.forEach((value, i) => sink.append({ ...emptyRecord('nginx', 1_700_000_000_000_000 + i, 200), user_agent: value, path: value, bytes_sent: 10.7 }, 'in', i + 1));
        await sink.close();
        return await queryRows(store.connection, 'SELECT user_agent, path, bytes_sent, line FROM requests ORDER BY line');
      } finally {
        store.close();
      }
    };
    const bulk = await rows((s) => BulkWriter.create(s.connection));
    expect(bulk.map((r) => (r as { user_agent: string }).user_agent)).toEqual(awkward);
    expect((bulk[0] as { bytes_sent: number }).bytes_sent).toBe(10);
    expect(bulk.map((r) => (r as { path: string }).path)).toEqual((await rows((s) => RequestWriter.create(s.connection))).map((r) => (r as { path: string }).path));
  });

  it('refuses to mix inputs in one load', async () => {
    const store = await LogStore.open();
    try {
      const sink = await BulkWriter.create(store.connection);
      sink.append(emptyRecord('nginx', 1, 200), 'a.log', 1);
      expect(() => sink.append(emptyRecord('nginx', 2, 200), 'b.log', 1)).toThrow(/flush a\.log/);
      await sink.close();
    } finally {
      store.close();
    }
  });
});
