/**
 * `logcodes ingest PATH... --db FILE`: add what is new to a persistent store, exactly
 * once. Prints what the ledger made of each input (summaryLines).
 */
import type { Argv, CommandModule } from 'yargs';
import { ingest } from '../../analyze.js';
import { formatBytes, formatCount, formatCounted } from '../../report/format.js';
import { stripControl } from '../../report/sanitize.js';
import { EXIT_ERROR, printError, restoreStdinArgs, stdinFor, type CliContext } from '../context.js';
import { formatOptionsOf, withFormatOptions, type FormatArgs } from '../format-options.js';
import { Progress } from '../progress.js';
import { storeOptionsOf, withStoreOptions, type StoreArgs } from '../store-options.js';

interface IngestArgs extends FormatArgs, StoreArgs {
  quiet: boolean;
  json: boolean;
}

/** Unchanged inputs listed one by one up to this many; more are counted in one line. */
export const UNCHANGED_LISTED = 5;

type SummaryRow = { path: string; action: string; records: number; malformed: number; bytes: number; error: string | null };

/**
 * The text summary: a line per input read (new, resumed, truncated, stdin) or failed,
 * and the unchanged ones in one line when there are many: a cron run over a folder of
 * thousands of rotated logs mailed a line for every one of them, each saying nothing.
 */
export function summaryLines(rows: readonly SummaryRow[]): string[] {
  const line = (r: SummaryRow): string =>
    `${r.action.padEnd(9)} ${stripControl(r.path)}: ${formatCount(r.records)} new records, ${formatCount(r.malformed)} malformed, ${formatBytes(r.bytes)} read`;
  const unchanged = new Set(rows.filter((r) => r.action === 'unchanged' && r.error === null));
  if (unchanged.size <= UNCHANGED_LISTED) return rows.map(line);
  return [...rows.filter((r) => !unchanged.has(r)).map(line), `unchanged ${formatCount(unchanged.size)} inputs: nothing new`];
}

export function ingestCommand(context: CliContext): CommandModule<object, IngestArgs> {
  return {
    command: 'ingest <inputs..>',
    describe: 'Add new log data to a persistent store (--db), exactly once',
    builder: (y: Argv) =>
      withStoreOptions(withFormatOptions(y), true)
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress line and no per-input summary' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the per-input summary as JSON' }) as unknown as Argv<IngestArgs>,
    handler: async (args) => {
      const { io } = context;
      const inputs = restoreStdinArgs(args.inputs);
      const progress = Progress.for(io.stderr, args.quiet);
      let result;
      try {
        result = await ingest({
          ...formatOptionsOf(args), ...storeOptionsOf(args), db: args.db!, inputs, stdin: stdinFor(io, inputs),
          onProgress: (info, index, total) => progress.update(info, index, total),
        });
      } finally {
        progress.done();
      }
      for (const input of result.failedInputs) printError(io, input.error ?? '');
      if (result.failedInputs.length > 0) context.exit(EXIT_ERROR);
      const rows = result.inputs.map((i) => ({
        path: i.path, action: i.action, format: i.format, records: i.records, malformed: i.malformed, skipped: i.skipped,
        lines: i.lines, bytes: i.bytes, offset: i.offset, partial: i.partial, error: i.error,
      }));
      if (args.json) {
        io.stdout.write(JSON.stringify({ inputs: rows, store: result.store }, null, 2) + '\n');
      } else if (!args.quiet) {
        for (const line of summaryLines(rows)) io.stdout.write(`${line}\n`);
        io.stdout.write(`store ${stripControl(args.db!)}: ${formatCounted(result.store.files, 'file')}, ${formatCounted(result.store.requests, 'request')}\n`);
      }
    },
  };
}
