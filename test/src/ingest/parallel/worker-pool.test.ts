import { describe, expect, it } from 'vitest';
import { leastBusyWorker, WorkerPool } from '../../../../src/ingest/parallel/worker-pool.js';

const LINE = '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /users/42 HTTP/1.1" 404 12 "-" "curl/8.5.0"\n';

describe('handing jobs to the parse workers', () => {
  it('picks the worker with the fewest unanswered jobs, in turn among equals', () => {
    expect(leastBusyWorker([3, 1], 0)).toBe(1);
    expect(leastBusyWorker([1, 3], 1)).toBe(0);
    expect(leastBusyWorker([2, 2], 0)).toBe(0);
    expect(leastBusyWorker([2, 2], 1)).toBe(1);
    expect(leastBusyWorker([2, 2, 2], 5)).toBe(2);
    expect(leastBusyWorker([4, 0, 0], 0)).toBe(1);
    expect(leastBusyWorker([0], 7)).toBe(0);
  });

  it('answers every job of a burst larger than the workers, each with its own lines', async () => {
    const pool = new WorkerPool({ formatOptions: {} }, 2);
    try {
      const results = await Promise.all(Array.from({ length: 9 }, (_, i) =>
        pool.run({ format: 'nginx', bytes: Buffer.from(LINE.repeat(i + 1)), maxLineBytes: 4096 })));
      expect(results.map((r) => r.records)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await pool.close();
    }
  });
});
