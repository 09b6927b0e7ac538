import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sample, tempDir } from '../../helpers.js';

const BIN = new URL('../../../dist/src/cli/bin.js', import.meta.url).pathname;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('an interrupted run', () => {
  it('removes its temporary directories and exits 130 on SIGINT', async () => {
    const tmp = tempDir('logcodes-interrupt-');
    // Reading stdin that stays open: the run is mid-ingest, with its staging and spill directories made.
    const child = spawn(process.execPath, [BIN, 'analyze', '-', '--quiet'], { env: { ...process.env, TMPDIR: tmp }, stdio: ['pipe', 'ignore', 'ignore'] });
    // The child is killed with part of this still unread: a broken pipe here is expected.
    child.stdin.on('error', () => {});
    child.stdin.write(readFileSync(sample('nginx-access.log')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (readdirSync(tmp).filter((name) => name.startsWith('logcodes-')).length < 2) {
      if (Date.now() > deadline) throw new Error(`no temporary directories appeared: ${readdirSync(tmp).join(', ')}`);
      await sleep(50);
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('stops quietly with 141 when the reader of stdout goes away (| head)', async () => {
    const tmp = tempDir('logcodes-epipe-');
    const child = spawn(process.execPath, [BIN, 'analyze', sample('nginx-access.log'), '--json', '-'], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Hang up before the report comes: its first write finds the pipe closed.
    child.stdout.destroy();
    expect(await exited).toBe(141);
    expect(stderr).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
