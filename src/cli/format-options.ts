/**
 * Options every reading command shares: which format, how to map it, line limits.
 */
import type { Argv } from 'yargs';
import { checkMaxLineBytes } from '../ingest/line-guard.js';
import { FORMAT_NAMES } from '../ingest/parser-options.js';

export interface FormatArgs {
  inputs: string[];
  format?: string;
  'field-map'?: string;
  'nginx-log-format'?: string;
  'max-line-bytes': number;
}

export function withFormatOptions<T>(y: Argv<T>): Argv<T & FormatArgs> {
  return y
    .positional('inputs', { type: 'string', array: true, describe: 'Log files, directories, globs, or - for stdin' })
    .option('format', { type: 'string', choices: FORMAT_NAMES, describe: 'Parse every input as this format instead of detecting it' })
    .option('field-map', { type: 'string', describe: 'nginx JSON keys: variable=key,... (e.g. status=resp_code,request_time=duration)' })
    .option('nginx-log-format', { type: 'string', describe: "nginx log_format string, e.g. '$remote_addr [$time_local] \"$request\" $status'" })
    .option('max-line-bytes', { type: 'number', default: 1024 * 1024, describe: 'Longer lines are counted as malformed (at most 4194304)' }) as unknown as Argv<T & FormatArgs>;
}

export function formatOptionsOf(args: FormatArgs): { format?: string; fieldMap?: string; nginxLogFormat?: string; maxLineBytes: number } {
  return { format: args.format, fieldMap: args['field-map'], nginxLogFormat: args['nginx-log-format'], maxLineBytes: checkMaxLineBytes(args['max-line-bytes']) };
}
