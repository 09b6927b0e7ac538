/**
 * The cron job's re-run over an archive where nothing changed, answered before the CLI
 * loads. `ingest` answers it from the ledger snapshot without DuckDB (unchanged-rerun.ts),
 * but getting there still took loading the whole CLI (its bundle, yargs, the ingest
 * path): about 0.3 s over a folder of 3,000 logs, 8% of their first ingest. The CLI's
 * entry (bin.ts) tries this first: for a command line of the plain shape below it asks
 * the same question (unchangedRerun) and, when every input is known unchanged, prints
 * what the command would have printed (ingest-summary.ts) and ends with its code.
 *
 * Any other command line, and any answer but "all unchanged", runs the command as
 * usual, which asks again: this is only a shortcut to the same answer, never a second
 * definition of the command. So the shape is narrow (yargs decides everything else):
 *
 *   ingest INPUT... --db FILE [--quiet | -q] [--json] [--retain DURATION]
 *
 * with `--db=FILE` and `--retain=DURATION` too, each option at most once, and no input
 * that yargs could read otherwise (`-`, anything starting with a dash, `true`/`false`
 * after a flag).
 */
import { parseDuration } from '../analysis/window.js';
import { unchangedInfos, unchangedRerun } from '../ingest/unchanged-rerun.js';
import { EXIT_OK, type CliIo } from './context.js';
import { printsSummary, writeIngestSummary } from './ingest-summary.js';

export interface QuickIngestArgs {
  inputs: string[];
  db: string;
  quiet: boolean;
  json: boolean;
  retain?: string;
}

// Maps, not object literals: an input named `constructor` is a file, not an inherited property.
const FLAGS = new Map<string, 'quiet' | 'json'>([['--quiet', 'quiet'], ['-q', 'quiet'], ['--json', 'json']]);
const VALUED = new Map<string, 'db' | 'retain'>([['--db', 'db'], ['--retain', 'retain']]);
/** yargs reads these after a boolean flag as the flag's value. */
const BOOLEAN_WORDS = new Set(['true', 'false']);

/** argv's parts when it is an ingest command line of the plain shape above; null for any other. */
export function quickIngestArgs(argv: readonly string[]): QuickIngestArgs | null {
  if (argv[0] !== 'ingest') return null;
  const seen = new Set<'quiet' | 'json' | 'db' | 'retain'>();
  const inputs: string[] = [];
  const values: Partial<Record<'db' | 'retain', string>> = {};
  const flags = { quiet: false, json: false };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals === -1 ? arg : arg.slice(0, equals);
    const flag = FLAGS.get(name);
    const valued = VALUED.get(name);
    if (flag !== undefined) {
      if (equals !== -1 || seen.has(flag)) return null;
      seen.add(flag);
      flags[flag] = true;
    } else if (valued !== undefined) {
      const value = equals === -1 ? argv[++i] : arg.slice(equals + 1);
      if (seen.has(valued) || value === undefined || value === '' || value.startsWith('-')) return null;
      seen.add(valued);
      values[valued] = value;
    } else {
      if (arg.startsWith('-') || BOOLEAN_WORDS.has(arg)) return null;
      inputs.push(arg);
    }
  }
  if (values.db === undefined || inputs.length === 0) return null;
  return { inputs, db: values.db, ...flags, ...(values.retain === undefined ? {} : { retain: values.retain }) };
}

/**
 * Runs argv from the ledger snapshot when it is a plain ingest command line and every
 * input is known unchanged: its exit code. Null when the command must run as usual,
 * which reports whatever stopped this (a bad duration, an unreadable folder).
 */
export async function quickRerun(argv: readonly string[], io: CliIo): Promise<number | null> {
  const args = quickIngestArgs(argv);
  if (args === null) return null;
  try {
    const retainUs = args.retain === undefined ? undefined : parseDuration(args.retain);
    const answer = await unchangedRerun(args.inputs, args.db, retainUs);
    if (answer === null) return null;
    if (printsSummary(args)) writeIngestSummary(io.stdout, unchangedInfos(answer), answer.store, args);
    return EXIT_OK;
  } catch {
    return null;
  }
}
