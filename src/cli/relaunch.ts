/**
 * A large run goes to a second node process whose main thread has a small young
 * generation. Over a long ingest V8 grows the main thread's new space to its maximum
 * (16 MB semi-spaces, tens of MB resident and swinging with every scavenge): a 10M-line
 * `--db` run peaked at 352-403 MB without the flag and 327-376 MB with it, in the same
 * time (docs/performance.md). V8 reads the limit only when it makes an isolate, so
 * setting it at run time changes nothing, and Node 20 cannot exec itself in place: the
 * CLI's entry starts a child node with the flag, gives it the terminal, passes signals
 * on and ends as the child ended. That costs about 85 ms (node's start, 50 ms, and
 * loading the CLI's bundle), so only inputs estimated at RELAUNCH_MIN_BYTES or more are
 * relaunched: about 5M nginx lines, whose analysis takes 4.5 s or more (15 s with --db).
 */
import { constants } from 'node:os';

/** The young generation of the workers is already this small (early-workers.ts). */
export const SMALL_YOUNG_GENERATION = '--max-semi-space-size=2';

export const RELAUNCH_MIN_BYTES = 1024 ** 3;

/**
 * The child's environment: this process's, with glibc's malloc held to two arenas
 * unless MALLOC_ARENA_MAX is set already. Every thread that allocates (DuckDB's, libuv's,
 * V8's, the parse workers) otherwise gets an arena of its own, which keeps what it freed:
 * a 10M-line `--db` run peaked at 355-362 MB with them and 300-335 MB with two, in the
 * same time (docs/performance.md, eighteenth round). Other C libraries ignore it.
 */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.MALLOC_ARENA_MAX === undefined ? { ...env, MALLOC_ARENA_MAX: '2' } : env;
}

/** The child handles INT and TERM itself (bin.ts): its temporary files go first. */
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The smallest input that is relaunched: LOGCODES_RELAUNCH_BYTES when set (`off` never relaunches). */
export function relaunchThreshold(env: NodeJS.ProcessEnv): number {
  const setting = env.LOGCODES_RELAUNCH_BYTES?.trim();
  if (setting === undefined || setting === '') return RELAUNCH_MIN_BYTES;
  if (setting === 'off') return Infinity;
  const bytes = Number(setting);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : RELAUNCH_MIN_BYTES;
}

/**
 * Node given options of its own (on its command line or in NODE_OPTIONS) runs the
 * command as it is: the user chose them, and a child would inherit some of them twice
 * (a second inspector on the same port). The relaunched child has its flag, so it never
 * relaunches again.
 */
export function mayRelaunch(execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return execArgv.length === 0 && (env.NODE_OPTIONS ?? '').trim() === '';
}

export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs `script argv` in a child node with a small young generation, sharing this
 * process's stdin, stdout and stderr. Resolves with how it ended, or null when it could
 * not be started (the caller then runs the command itself).
 */
export async function relaunch(script: string, argv: readonly string[]): Promise<ChildEnd | null> {
  // Loaded here: most runs never relaunch, and node's child_process costs 2 ms to load.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [SMALL_YOUNG_GENERATION, script, ...argv], { stdio: 'inherit', env: childEnvironment(process.env) });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone
  // (`kill`, a cron daemon's timeout) reaches the child only through this.
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  let started = false;
  return new Promise<ChildEnd | null>((resolve) => {
    child.once('spawn', () => { started = true; });
    child.on('error', () => { if (!started) resolve(null); });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
  });
}

/** The exit code a shell reports for a child's end: its code, or 128 + the signal's number. */
export function exitCodeOf(end: ChildEnd): number {
  if (end.code !== null) return end.code;
  return 128 + (end.signal === null ? 0 : constants.signals[end.signal] ?? 0);
}
