/**
 * Options of the cron use: the store, waiting for another run, retention and alert
 * thresholds. `--fail-on` breaches end the run with exit code 2 and are named on stderr.
 */
import type { Argv } from 'yargs';
import { parseDuration } from '../analysis/window.js';
import type { Report } from '../report/model.js';
import { evaluateThresholds, parseThreshold } from '../report/thresholds.js';
import { LogcodesError } from '../errors.js';
import { EXIT_THRESHOLD, printError, type CliContext } from './context.js';

export interface StoreArgs {
  db?: string;
  wait: number;
  retain?: string;
  'checkpoint-lines'?: number;
}

export interface AlertArgs {
  'fail-on'?: string[];
}

export function withStoreOptions<T>(y: Argv<T>, dbRequired: boolean): Argv<T & StoreArgs> {
  return y
    .option('db', { type: 'string', demandOption: dbRequired, describe: 'DuckDB file holding the requests and the file ledger' })
    .option('wait', { type: 'number', default: 60, describe: 'Seconds to wait for another run holding the database' })
    .option('retain', { type: 'string', describe: 'Drop stored requests older than this (e.g. 90d)' })
    .option('checkpoint-lines', { type: 'number', describe: 'Commit every N lines of a file (default 250000)' }) as unknown as Argv<T & StoreArgs>;
}

export function withAlertOptions<T>(y: Argv<T>): Argv<T & AlertArgs> {
  return y.option('fail-on', {
    type: 'string', array: true,
    describe: 'Exit 2 when breached: 5xx>1%, 429>500, malformed>1%, anomaly>=high, new-code (repeatable, or comma-separated)',
  }) as unknown as Argv<T & AlertArgs>;
}

export function storeOptionsOf(args: StoreArgs): { db?: string; waitSeconds: number; retainUs?: number; checkpointLines?: number } {
  const every = args['checkpoint-lines'];
  if (every !== undefined && !(every >= 1)) throw new LogcodesError('INVALID_ARGUMENT', '--checkpoint-lines must be at least 1');
  return { db: args.db, waitSeconds: args.wait, retainUs: args.retain === undefined ? undefined : parseDuration(args.retain), checkpointLines: every };
}

/** Parses thresholds up front, so a typo fails before any work is done. */
export function thresholdsOf(args: AlertArgs): ReturnType<typeof parseThreshold>[] {
  return (args['fail-on'] ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean).map(parseThreshold);
}

export function alertOn(report: Report, thresholds: ReturnType<typeof parseThreshold>[], context: CliContext): void {
  for (const breach of evaluateThresholds(report, thresholds)) {
    printError(context.io, `threshold breached: ${breach.threshold} — ${breach.detail}`);
    context.exit(EXIT_THRESHOLD);
  }
}
