/**
 * What a command line will read, guessed before yargs parses it. The CLI's entry makes
 * two choices before it loads its modules (bin.ts): whether to start the parse workers
 * early, and whether to run the command in a relaunched node (relaunch.ts). A wrong
 * guess costs two idle threads or a second process start (about 85 ms), or leaves a
 * large run in one process, with the memory that takes.
 */
import { isLargeFile } from '../ingest/parallel/early-workers.js';
import { expandInputs, regularFile, STDIN_PATH } from '../ingest/sources.js';

/** The commands that read logs, each with its options that take no value (a Map: `logcodes constructor` is no command). */
const FLAGS_OF_READING_COMMANDS = new Map<string, ReadonlySet<string>>([
  ['analyze', new Set(['--quiet', '-q', '--help', '-h', '--version'])],
  ['ingest', new Set(['--quiet', '-q', '--json', '--help', '-h', '--version'])],
]);

/**
 * gzip shrinks access logs about 10-20 times; a compressed file counts as ten times its
 * size, so a folder of rotated archives is not taken for a small input.
 */
export const GZIP_EXPANSION = 10;

/**
 * The arguments of a log-reading command that name inputs: neither options nor an
 * option's value (`--db store.duckdb` names the store, not a log). Stdin is left out:
 * its size is unknown. Empty for any other command.
 */
export function namedInputs(argv: readonly string[]): string[] {
  const flags = FLAGS_OF_READING_COMMANDS.get(argv[0]);
  if (flags === undefined) return [];
  const inputs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      inputs.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== STDIN_PATH) {
      // `--name=value`, a flag and `--no-flag` stand alone; any other option takes the next argument.
      if (!arg.includes('=') && !flags.has(arg) && !arg.startsWith('--no-')) i++;
      continue;
    }
    inputs.push(arg);
  }
  return inputs.filter((input) => input !== STDIN_PATH);
}

/** The store a reading command names (`--db FILE` or `--db=FILE`), or null. */
export function storeOf(argv: readonly string[]): string | null {
  if (!FLAGS_OF_READING_COMMANDS.has(argv[0])) return null;
  for (let i = 1; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i] === '--db') return argv[i + 1] ?? null;
    if (argv[i].startsWith('--db=')) return argv[i].slice('--db='.length);
  }
  return null;
}

/** Whether argv names a regular file of at least minBytes for a log-reading command. */
export function readsLargeFile(argv: readonly string[], minBytes: number): boolean {
  return namedInputs(argv).some((input) => isLargeFile(input, minBytes));
}

/**
 * About how many bytes of log text argv's inputs hold: files, folders and globs expanded
 * as the run will expand them (sources.ts), `.gz` files at GZIP_EXPANSION times their size.
 * With a store, files last modified before it are left out: a cron run's rotated
 * archives are stored already, and only what changed since the last run is read (the
 * file ledger decides that; this only guesses, from modification times).
 */
export async function estimatedLogBytes(argv: readonly string[]): Promise<number> {
  const inputs = namedInputs(argv);
  if (inputs.length === 0) return 0;
  const store = storeOf(argv);
  const storedAt = store === null ? -Infinity : modifiedAt(store);
  let files: string[];
  try {
    files = await expandInputs(inputs);
  } catch {
    return 0; // an unreadable folder: the run reports it
  }
  // Synchronous stats: nothing else runs yet, and over a cron job's folder of 3,000
  // files the asynchronous ones took about 0.1 s of every run.
  let total = 0;
  for (const file of files) {
    const info = regularFile(file); // missing or unreadable: the run reports it
    if (info !== null && info.mtimeMs >= storedAt) total += info.size * (file.endsWith('.gz') ? GZIP_EXPANSION : 1);
  }
  return total;
}

/** When path was last modified, in ms; -Infinity when it does not exist yet. */
function modifiedAt(path: string): number {
  return regularFile(path)?.mtimeMs ?? -Infinity;
}
