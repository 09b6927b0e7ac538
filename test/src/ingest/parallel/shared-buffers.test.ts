import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceWorkerParse } from '../../../helpers.js';

/** A sample repeated to about 2 MB, four times. */
const repeatedSample = (name: string): string[] => {
  const text = readFileSync(new URL(`../../../../samples/${name}`, import.meta.url), 'utf8');
  return Array.from({ length: 4 }, () => text.repeat(Math.ceil((2 << 20) / text.length)));
};

describe('chunks and results in shared memory', () => {
  it('never detach a buffer, so the worker keeps its optimized parser and its fast typed-array reads', () => {
    const trace = traceWorkerParse('nginx', repeatedSample('nginx-access.log'));
    // The parser did get hot, so the checks below could have failed.
    expect(trace).toMatch(/completed optimizing .*<JSFunction scanNginx /);
    // A moved (detached) buffer invalidates V8's protector: every typed-array read then
    // checks for detachment, and code compiled before is discarded ("code dependencies").
    expect(trace).not.toMatch(/Invalidating protector cell ArrayBufferDetaching/);
    const discarded = trace.split('\n').filter((line) => line.includes('reason: code dependencies') && line.includes('SharedFunctionInfo scanNginx'));
    expect(discarded).toEqual([]);
  });
});
