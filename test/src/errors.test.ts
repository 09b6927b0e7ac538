import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorMessage, LogcodesError } from '../../src/errors.js';
import { runMain, sample } from '../helpers.js';

describe('errorMessage', () => {
  afterEach(() => { vi.unstubAllEnvs(); });

  it('keeps the first line of any error', () => {
    expect(errorMessage(new LogcodesError('INPUT_NOT_FOUND', 'a.log: no such file\nmore'))).toBe('a.log: no such file');
    expect(errorMessage('plain\ntext')).toBe('plain');
  });

  it('says how to raise the memory cap when DuckDB runs out of it', async () => {
    expect(errorMessage(new Error('Out of Memory Error: failed to pin block of size 256.0 KiB (60.8 MiB/61.0 MiB used)')))
      .toBe("Out of Memory Error: failed to pin block of size 256.0 KiB (60.8 MiB/61.0 MiB used) (DuckDB's memory cap: raise it with LOGCODES_MEMORY_LIMIT, e.g. LOGCODES_MEMORY_LIMIT=1GB)");
    vi.stubEnv('LOGCODES_MEMORY_LIMIT', '1MB');
    const run = await runMain(['analyze', sample('nginx-access.log'), '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^logcodes: .*Out of Memory Error.*LOGCODES_MEMORY_LIMIT=1GB\)\n$/);
  });
});
