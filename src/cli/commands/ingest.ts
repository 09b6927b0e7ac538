/**
 * `logcodes ingest PATH... --db FILE`: add what is new to a persistent store, exactly
 * once. Prints what the ledger made of each input (ingest-summary.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import { ingest } from '../../analyze.js';
import { EXIT_ERROR, printError, restoreStdinArgs, stdinFor, type CliContext } from '../context.js';
import { formatOptionsOf, withFormatOptions, type FormatArgs } from '../format-options.js';
import { writeIngestSummary } from '../ingest-summary.js';
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
      writeIngestSummary(io.stdout, result.inputs, result.store, { json: args.json, quiet: args.quiet, db: args.db! });
    },
  };
}
