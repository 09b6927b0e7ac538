/**
 * `logcodes report --db FILE [--since 24h | --from T --to T]`: report from a store,
 * with anomaly baselines from its history.
 */
import type { Argv, CommandModule } from 'yargs';
import { report } from '../../analyze.js';
import type { CliContext } from '../context.js';
import { alertOn, thresholdsOf, withAlertOptions, type AlertArgs } from '../store-options.js';
import { analysisOptionsOf, withWindowOptions, type WindowArgs } from '../window-options.js';
import { outputReport, withReportTargets, type ReportTargets } from '../write-reports.js';

interface ReportArgs extends WindowArgs, AlertArgs, ReportTargets {
  db?: string;
  parquet?: string;
  wait: number;
}

export function reportCommand(context: CliContext): CommandModule<object, ReportArgs> {
  return {
    command: 'report',
    describe: 'Report from a persistent store (--db) or exported Parquet (--parquet)',
    builder: (y: Argv) =>
      withReportTargets(withAlertOptions(withWindowOptions(y)))
        .option('db', { type: 'string', describe: 'DuckDB file written by ingest or analyze --db' })
        .option('parquet', { type: 'string', describe: "Glob of exported Parquet files, e.g. 'export/**/*.parquet'" })
        .option('wait', { type: 'number', default: 60, describe: 'Seconds to wait for another run holding the database' }) as unknown as Argv<ReportArgs>,
    handler: async (args) => {
      const thresholds = thresholdsOf(args);
      const result = await report({ ...analysisOptionsOf(args), db: args.db, parquet: args.parquet, waitSeconds: args.wait });
      await outputReport(result, args, context);
      alertOn(result, thresholds, context);
    },
  };
}
