import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { SharedWork } from '../../../src/analysis/shared-work.js';

const main = { name: 'main' } as unknown as DuckDBConnection;
const side = { name: 'side' } as unknown as DuckDBConnection;
const nameOf = (c: DuckDBConnection): string => (c as unknown as { name: string }).name;

describe('SharedWork', () => {
  it('runs each task once, on the connection that takes it first, and drains the rest in order', async () => {
    const runs: string[] = [];
    const task = (label: string) => async (c: DuckDBConnection): Promise<string> => {
      runs.push(`${label}@${nameOf(c)}`);
      return `${label} by ${nameOf(c)}`;
    };
    const work = new SharedWork<{ a: string; b: string; c: string }>({ a: task('a'), b: task('b'), c: task('c') });
    const a = work.take('a', main);
    await work.drain(side, ['c', 'b', 'a']);
    expect(runs).toEqual(['a@main', 'c@side', 'b@side']);
    // Taken again, a task gives the first run's result, wherever it ran.
    expect(await a).toBe('a by main');
    expect(await work.take('b', main)).toBe('b by side');
    expect(await work.take('c', main)).toBe('c by side');
    expect(runs).toHaveLength(3);
  });

  it('hands a failure to every taker', async () => {
    const work = new SharedWork<{ broken: number }>({ broken: async () => { throw new Error('query failed'); } });
    await expect(work.drain(side, ['broken'])).rejects.toThrow('query failed');
    await expect(work.take('broken', main)).rejects.toThrow('query failed');
  });
});
