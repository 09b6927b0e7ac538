/**
 * `logcodes ingest PATH... --db FILE`: add what is new to a persistent store, exactly
 * once. Prints one line per input saying what the ledger made of it.
 */
import type { Argv, CommandModule } from 'yargs';
import { ingest } from '../../analyze.js';
import { formatBytes, formatCount } from '../../report/format.js';
import { stripControl } from '../../report/sanitize.js';
import { EXIT_ERROR, printError, restoreStdinArgs, type CliContext } from '../context.js';
import { formatOptionsOf, withFormatOptions, type FormatArgs } from '../format-options.js';
import { Progress } from '../progress.js';
import { storeOptionsOf, withStoreOptions, type StoreArgs } from '../store-options.js';

interface IngestArgs extends FormatArgs, StoreArgs {
  quiet: boolean;
  json: boolean;
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
      const progress = Progress.for(io.stderr, args.quiet);
      let result;
      try {
        result = await ingest({
          ...formatOptionsOf(args), ...storeOptionsOf(args), db: args.db!, inputs: restoreStdinArgs(args.inputs), stdin: io.stdin,
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
        for (const r of rows) {
          io.stdout.write(`${r.action.padEnd(9)} ${stripControl(r.path)}: ${formatCount(r.records)} new records, ${formatCount(r.malformed)} malformed, ${formatBytes(r.bytes)} read\n`);
        }
        io.stdout.write(`store ${stripControl(args.db!)}: ${formatCount(result.store.files)} files, ${formatCount(result.store.requests)} requests\n`);
      }
    },
  };
}
