import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceWorkerParse } from '../../../helpers.js';

/** A sample repeated to about 2 MB, four times. */
const repeatedSample = (name: string): string[] => {
  const text = readFileSync(new URL(`../../../../samples/${name}`, import.meta.url), 'utf8');
  return Array.from({ length: 4 }, () => text.repeat(Math.ceil((2 << 20) / text.length)));
};

describe('detachBeforeHotCode', () => {
  it('keeps a worker\'s optimized parser when buffers start moving', () => {
    const trace = traceWorkerParse('nginx', repeatedSample('nginx-access.log'));
    // The parser did get hot, so the check below could have failed.
    expect(trace).toMatch(/completed optimizing .*<JSFunction scanNginx /);
    // Without the early detach, the first moved buffer discarded it ("code dependencies").
    const discarded = trace.split('\n').filter((line) => line.includes('reason: code dependencies') && line.includes('SharedFunctionInfo scanNginx'));
    expect(discarded).toEqual([]);
  });
});
