/**
 * `logcodes report --db FILE [--since 24h | --from T --to T]`: report from a store,
 * with anomaly baselines from its history.
 */
import type { Argv, CommandModule } from 'yargs';
import { report } from '../../analyze.js';
import { renderText } from '../../report/render-text.js';
import { useColor, type CliContext } from '../context.js';
import { alertOn, thresholdsOf, withAlertOptions, type AlertArgs } from '../store-options.js';
import { analysisOptionsOf, withWindowOptions, type WindowArgs } from '../window-options.js';
import { writeReports } from '../write-reports.js';

interface ReportArgs extends WindowArgs, AlertArgs {
  db?: string;
  parquet?: string;
  wait: number;
  json?: string;
  html?: string;
}

export function reportCommand(context: CliContext): CommandModule<object, ReportArgs> {
  return {
    command: 'report',
    describe: 'Report from a persistent store (--db) or exported Parquet (--parquet)',
    builder: (y: Argv) =>
      withAlertOptions(withWindowOptions(y))
        .option('db', { type: 'string', describe: 'DuckDB file written by ingest or analyze --db' })
        .option('parquet', { type: 'string', describe: "Glob of exported Parquet files, e.g. 'export/**/*.parquet'" })
        .option('wait', { type: 'number', default: 60, describe: 'Seconds to wait for another run holding the database' })
        .option('json', { type: 'string', describe: 'Write the JSON report to FILE, or - for stdout' })
        .option('html', { type: 'string', describe: 'Write the HTML report to FILE, or - for stdout' }) as unknown as Argv<ReportArgs>,
    handler: async (args) => {
      const thresholds = thresholdsOf(args);
      const result = await report({ ...analysisOptionsOf(args), db: args.db, parquet: args.parquet, waitSeconds: args.wait });
      const toStdout = await writeReports(result, { json: args.json, html: args.html }, context.io.stdout);
      if (!toStdout) context.io.stdout.write(renderText(result, { color: useColor(context.io), top: args.top }));
      alertOn(result, thresholds, context);
    },
  };
}
