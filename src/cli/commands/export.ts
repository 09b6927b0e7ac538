/**
 * `logcodes export --db FILE --parquet DIR`: hand the data to other engines as
 * Hive-partitioned, ZSTD-compressed Parquet (date=YYYY-MM-DD/format=NAME/data.parquet).
 */
import type { Argv, CommandModule } from 'yargs';
import { exportStore } from '../../analyze.js';
import { formatCount } from '../../report/format.js';
import type { CliContext } from '../context.js';

interface ExportArgs { db: string; parquet: string; wait: number; json: boolean; quiet: boolean }

export function exportCommand(context: CliContext): CommandModule<object, ExportArgs> {
  return {
    command: 'export',
    describe: 'Export the store as Hive-partitioned Parquet (only changed partitions are rewritten)',
    builder: (y: Argv) =>
      y
        .option('db', { type: 'string', demandOption: true, describe: 'DuckDB file written by ingest or analyze --db' })
        .option('parquet', { type: 'string', demandOption: true, describe: 'Folder to write the Parquet layout into' })
        .option('wait', { type: 'number', default: 60, describe: 'Seconds to wait for another run holding the database' })
        .option('json', { type: 'boolean', default: false, describe: 'Print what was done as JSON' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing' }) as unknown as Argv<ExportArgs>,
    handler: async (args) => {
      const partitions = await exportStore({ db: args.db, dir: args.parquet, waitSeconds: args.wait });
      const { stdout } = context.io;
      if (args.json) { stdout.write(JSON.stringify({ partitions }, null, 2) + '\n'); return; }
      if (args.quiet) return;
      for (const p of partitions) stdout.write(`${p.action.padEnd(9)} date=${p.day}/format=${p.format}: ${formatCount(p.rows)} requests\n`);
      const written = partitions.filter((p) => p.action === 'written').length;
      stdout.write(`${written} of ${partitions.length} partitions written to ${args.parquet}\n`);
    },
  };
}
