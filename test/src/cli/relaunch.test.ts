import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnvironment, exitCodeOf, mayRelaunch, RELAUNCH_MIN_BYTES, relaunchThreshold, SMALL_YOUNG_GENERATION } from '../../../src/cli/relaunch.js';
import { sample, tempDir } from '../../helpers.js';

const BIN = new URL('../../../dist/logcodes.mjs', import.meta.url).pathname;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of a CLI run: node options cleared, relaunching from `bytes` of input, malloc's arenas left to the CLI. */
function runEnv(tmp: string, bytes: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', TMPDIR: tmp, LOGCODES_RELAUNCH_BYTES: bytes };
  delete env.MALLOC_ARENA_MAX;
  return env;
}

/** The command lines of pid's child processes (Linux's /proc). */
function childCommandLines(pid: number): string[][] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean);
  return children.map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean));
}

describe('relaunching a large run with a small young generation', () => {
  it('takes its threshold from LOGCODES_RELAUNCH_BYTES, or never relaunches with off', () => {
    expect(relaunchThreshold({})).toBe(RELAUNCH_MIN_BYTES);
    expect(RELAUNCH_MIN_BYTES).toBe(1024 ** 3);
    expect(relaunchThreshold({ LOGCODES_RELAUNCH_BYTES: '5000' })).toBe(5000);
    expect(relaunchThreshold({ LOGCODES_RELAUNCH_BYTES: 'off' })).toBe(Infinity);
    expect(relaunchThreshold({ LOGCODES_RELAUNCH_BYTES: 'lots' })).toBe(RELAUNCH_MIN_BYTES);
  });

  it('leaves node alone when it was given options of its own', () => {
    expect(mayRelaunch([], {})).toBe(true);
    expect(mayRelaunch([], { NODE_OPTIONS: ' ' })).toBe(true);
    expect(mayRelaunch([SMALL_YOUNG_GENERATION], {})).toBe(false);
    expect(mayRelaunch(['--inspect'], {})).toBe(false);
    expect(mayRelaunch([], { NODE_OPTIONS: '--max-old-space-size=4096' })).toBe(false);
  });

  it('holds the child\'s malloc to two arenas, unless the user chose a number', () => {
    expect(childEnvironment({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' });
    expect(childEnvironment({ PATH: '/bin', MALLOC_ARENA_MAX: '8' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '8' });
  });

  it('ends with the child code, or the shell code of its signal', () => {
    expect(exitCodeOf({ code: 2, signal: null })).toBe(2);
    expect(exitCodeOf({ code: null, signal: 'SIGTERM' })).toBe(143);
    expect(exitCodeOf({ code: null, signal: 'SIGHUP' })).toBe(129);
  });

  it('gives the same report and exit code as a run in one process', () => {
    const tmp = tempDir('logcodes-relaunch-');
    const run = (bytes: string, out: string): number | null => spawnSync(process.execPath,
      [BIN, 'analyze', sample('nginx-incidents.log'), '--json', join(tmp, out), '--fail-on', '5xx>0.1%', '--quiet'],
      { env: runEnv(tmp, bytes), encoding: 'utf8', timeout: 60_000 }).status;
    expect(run('1', 'relaunched.json')).toBe(2);
    expect(run('off', 'direct.json')).toBe(2);
    const report = (out: string): Record<string, unknown> => {
      // DuckDB sums on two threads: means may differ in their last digits from run to run.
      const { generatedAt, ...rest } = JSON.parse(readFileSync(join(tmp, out), 'utf8'),
        (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value));
      expect(generatedAt).toMatch(/^2\d{3}-/);
      return rest;
    };
    const relaunched = report('relaunched.json');
    expect((relaunched.totals as { requests: number }).requests).toBeGreaterThan(0);
    expect(relaunched).toEqual(report('direct.json'));
    expect(readdirSync(tmp).sort()).toEqual(['direct.json', 'relaunched.json']);
  });

  it('passes signals to the child, which removes its temporary files first', async () => {
    for (const [signal, code, group] of [['SIGTERM', 143, false], ['SIGINT', 130, true]] as const) {
      const tmp = tempDir('logcodes-relaunch-');
      // A FIFO nobody writes to: the child waits on it with its run under way.
      const fifo = join(tmp, 'never.log');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const parent = spawn(process.execPath, [BIN, 'analyze', sample('nginx-access.log'), fifo, '--quiet'],
        { env: runEnv(tmp, '1'), stdio: 'ignore', detached: group });
      const exited = new Promise<number | null>((resolve) => parent.on('exit', (exitCode) => resolve(exitCode)));
      const pid = parent.pid as number;
      const deadline = Date.now() + 20_000;
      let children: string[][] = [];
      while (readdirSync(tmp).filter((name) => name.startsWith('logcodes-')).length === 0 || children.length === 0) {
        if (Date.now() > deadline) throw new Error(`the relaunched run did not start: ${readdirSync(tmp).join(', ')}`);
        await sleep(50);
        children = childCommandLines(pid);
      }
      expect(children).toEqual([[process.execPath, SMALL_YOUNG_GENERATION, BIN, 'analyze', sample('nginx-access.log'), fifo, '--quiet']]);
      const childPid = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim());
      expect(readFileSync(`/proc/${childPid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
      // A terminal's Ctrl-C goes to the whole process group: the child gets it twice.
      if (group) process.kill(-pid, signal);
      else parent.kill(signal);
      expect(await exited).toBe(code);
      expect(existsSync(`/proc/${childPid}`)).toBe(false);
      expect(readdirSync(tmp)).toEqual(['never.log']);
    }
  });
});
