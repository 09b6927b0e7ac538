/**
 * `logcodes query "SQL" [--db FILE | --parquet GLOB] [--format table|json|csv]`: SQL
 * over the `requests` table, for power users. Read-only unless --allow-write.
 */
import type { Argv, CommandModule } from 'yargs';
import { stripControl } from '../../report/sanitize.js';
import { userQuery, type QueryResult } from '../../store/user-query.js';
import type { CliContext } from '../context.js';

interface QueryArgs { sql: string; db?: string; parquet?: string; format: 'table' | 'json' | 'csv'; 'allow-write': boolean }

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function csv(result: QueryResult): string {
  const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [result.columns.map(quote).join(','), ...result.rows.map((r) => result.columns.map((c) => quote(cell(r[c]))).join(','))].join('\n') + '\n';
}

function table(result: QueryResult): string {
  const rows = result.rows.map((r) => result.columns.map((c) => stripControl(cell(r[c]))));
  const widths = result.columns.map((c, i) => Math.min(60, Math.max(c.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]): string => cells.map((v, i) => (v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(result.columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

export function queryCommand(context: CliContext): CommandModule<object, QueryArgs> {
  return {
    command: 'query <sql>',
    describe: 'Run read-only SQL over the requests table of a store or of exported Parquet',
    builder: (y: Argv) =>
      y
        .positional('sql', { type: 'string', describe: 'SQL, e.g. "SELECT status, count(*) FROM requests GROUP BY ALL"' })
        .option('db', { type: 'string', describe: 'DuckDB file written by ingest or analyze --db' })
        .option('parquet', { type: 'string', describe: "Glob of exported Parquet files, e.g. 'export/**/*.parquet'" })
        .option('format', { type: 'string', choices: ['table', 'json', 'csv'], default: 'table', describe: 'Output format' })
        .option('allow-write', { type: 'boolean', default: false, describe: 'Allow statements that change data' }) as unknown as Argv<QueryArgs>,
    handler: async (args) => {
      const result = await userQuery({ sql: args.sql, db: args.db, parquet: args.parquet, allowWrite: args['allow-write'] });
      const out = args.format === 'json' ? JSON.stringify(result.rows, null, 2) + '\n' : args.format === 'csv' ? csv(result) : table(result);
      context.io.stdout.write(out);
    },
  };
}
