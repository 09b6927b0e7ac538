/**
 * `logcodes analyze INPUT...`: read logs, load them into DuckDB, report. With --db
 * the store persists and only new data is read (ingest + report in one run).
 */
import type { Argv, CommandModule } from 'yargs';
import { analyze } from '../../analyze.js';
import { EXIT_ERROR, printError, restoreStdinArgs, stdinFor, type CliContext } from '../context.js';
import { formatOptionsOf, withFormatOptions, type FormatArgs } from '../format-options.js';
import { Progress } from '../progress.js';
import { alertOn, storeOptionsOf, thresholdsOf, withAlertOptions, withStoreOptions, type AlertArgs, type StoreArgs } from '../store-options.js';
import { analysisOptionsOf, withWindowOptions, type WindowArgs } from '../window-options.js';
import { outputReport, withReportTargets, type ReportTargets } from '../write-reports.js';

interface AnalyzeArgs extends FormatArgs, WindowArgs, StoreArgs, AlertArgs, ReportTargets {
  quiet: boolean;
}

export function analyzeCommand(context: CliContext): CommandModule<object, AnalyzeArgs> {
  return {
    command: 'analyze <inputs..>',
    describe: 'Analyze access logs (files, folders, globs, .gz, or - for stdin)',
    builder: (y: Argv) =>
      withReportTargets(withAlertOptions(withStoreOptions(withWindowOptions(withFormatOptions(y)), false)))
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress line' }) as unknown as Argv<AnalyzeArgs>,
    handler: async (args) => {
      const { io } = context;
      const inputs = restoreStdinArgs(args.inputs);
      const thresholds = thresholdsOf(args);
      const progress = Progress.for(io.stderr, args.quiet);
      let result;
      try {
        result = await analyze({
          ...formatOptionsOf(args), ...analysisOptionsOf(args), ...storeOptionsOf(args), inputs, stdin: stdinFor(io, inputs),
          onProgress: (info, index, total) => progress.update(info, index, total),
        });
      } finally {
        progress.done();
      }
      const { report, failedInputs } = result;
      if (args.db === undefined && report.inputs.length === 0) {
        // Only empty folders were named: say so rather than print a report of nothing.
        printError(io, `no log files in ${args.inputs.join(', ')}`);
        context.exit(EXIT_ERROR);
        return;
      }
      for (const input of failedInputs) printError(io, input.error ?? '');
      if (failedInputs.length > 0) context.exit(EXIT_ERROR);
      // Nothing was read at all: the errors above are the whole story.
      if (args.db === undefined && failedInputs.length === report.inputs.length && !failedInputs.some((i) => i.partial)) return;
      await outputReport(report, args, context);
      alertOn(report, thresholds, context);
    },
  };
}
