import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const POOL = new URL('../../../../dist/src/ingest/parallel/worker-pool.js', import.meta.url).href;
const SAMPLE = new URL('../../../../samples/nginx-access.log', import.meta.url).pathname;

/**
 * Parses four 2 MB chunks in a worker under V8's optimization traces, moving each chunk
 * to the worker and its result back, and returns what V8 printed.
 */
function traceWorkerParse(): string {
  const script = `
    import { readFileSync } from 'node:fs';
    const { WorkerPool } = await import(${JSON.stringify(POOL)});
    const sample = readFileSync(${JSON.stringify(SAMPLE)});
    const pool = new WorkerPool({ formatOptions: {}, maxLineBytes: 65536 }, 1);
    for (let i = 0; i < 4; i++) {
      const bytes = new Uint8Array(sample.length * 3);
      for (let k = 0; k < 3; k++) bytes.set(sample, k * sample.length);
      const chunk = await pool.run({ format: 'nginx', bytes, firstLine: 1, oversized: [] }, true);
      if (chunk.records === 0) throw new Error('nothing parsed');
    }
    await pool.close();`;
  // A file rather than -e: workers inherit the process's flags, and --input-type would stop them.
  const dir = mkdtempSync(join(tmpdir(), 'logcodes-detach-'));
  try {
    writeFileSync(join(dir, 'trace.mjs'), script);
    return execFileSync(process.execPath, ['--trace-opt', '--trace-deopt', join(dir, 'trace.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('detachBeforeHotCode', () => {
  it('keeps a worker\'s optimized parser when buffers start moving', () => {
    const trace = traceWorkerParse();
    // The parser did get hot, so the check below could have failed.
    expect(trace).toMatch(/completed optimizing .*<JSFunction scanNginx /);
    // Without the early detach, the first moved buffer discarded it ("code dependencies").
    const discarded = trace.split('\n').filter((line) => line.includes('reason: code dependencies') && line.includes('SharedFunctionInfo scanNginx'));
    expect(discarded).toEqual([]);
  });
});
