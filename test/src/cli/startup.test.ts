import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { processIo } from '../../../src/cli/context.js';

const MAIN = new URL('../../../dist/src/cli/main.js', import.meta.url).href;

/** Runs the built CLI's main() in a fresh process; says whether DuckDB's package was loaded. */
function duckdbLoadedAfter(args: string[]): boolean {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(MAIN)});
    const quiet = { write: () => true, isTTY: false };
    await main(${JSON.stringify(args)}, { stdout: quiet, stderr: quiet, stdin: process.stdin, env: {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((p) => p.includes('@duckdb'));
    process.stdout.write(String(loaded));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }) === 'true';
}

describe('start-up', () => {
  it('loads DuckDB only for commands that open a database', () => {
    expect(duckdbLoadedAfter(['codes', '499'])).toBe(false);
    expect(duckdbLoadedAfter(['--version'])).toBe(false);
    expect(duckdbLoadedAfter(['analyze', new URL('../../../samples/nginx-edge-cases.log', import.meta.url).pathname, '--quiet'])).toBe(true);
  });

  it('never touches stdin unless an input is `-` (node makes process.stdin on first use)', async () => {
    const edgeCases = new URL('../../../samples/nginx-edge-cases.log', import.meta.url).pathname;
    let touched = 0;
    const quiet = { write: () => true, isTTY: false };
    const io = { stdout: quiet, stderr: quiet, env: {}, get stdin(): Readable { touched++; return Readable.from([]); } };
    for (const args of [['analyze', edgeCases, '--quiet'], ['parse', edgeCases], ['codes', '499']]) expect(await main(args, io)).toBe(0);
    expect(touched).toBe(0);
    expect(await main(['parse', '-'], io)).toBe(0);
    expect(touched).toBe(1);
    // The process's own io makes stdin only when asked for it.
    expect(Object.getOwnPropertyDescriptor(processIo(), 'stdin')?.get).toBeTypeOf('function');
  });
});
