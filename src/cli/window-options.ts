/**
 * Options that choose what a report covers: the window and the bucket size.
 */
import type { Argv } from 'yargs';
import { parseDuration, parseTimeArgument } from '../analysis/window.js';
import type { AnalysisOptions } from '../analysis/run-analysis.js';
import { LogcodesError } from '../errors.js';

export interface WindowArgs {
  since?: string;
  from?: string;
  to?: string;
  bucket?: string;
  top: number;
  sensitivity: 'low' | 'normal' | 'high';
  slo: number;
}

export function withWindowOptions<T>(y: Argv<T>): Argv<T & WindowArgs> {
  return y
    .option('since', { type: 'string', describe: 'Only the last DURATION before now (e.g. 24h, 7d)' })
    .option('from', { type: 'string', describe: 'Window start (ISO 8601)' })
    .option('to', { type: 'string', describe: 'Window end, exclusive (ISO 8601)' })
    .option('bucket', { type: 'string', describe: 'Time-series bucket (e.g. 1m, 5m, 1h); automatic by default' })
    .option('top', { type: 'number', default: 10, describe: 'Length of top lists' })
    .option('sensitivity', { type: 'string', choices: ['low', 'normal', 'high'], default: 'normal', describe: 'Anomaly detection sensitivity (docs/anomalies.md)' })
    .option('slo', { type: 'number', default: 99.9, describe: 'Availability objective (%) for server-error burn alerts' }) as unknown as Argv<T & WindowArgs>;
}

export function analysisOptionsOf(args: WindowArgs, now: Date = new Date()): AnalysisOptions {
  if (args.since !== undefined && args.from !== undefined) throw new LogcodesError('INVALID_ARGUMENT', 'give --since or --from, not both');
  const fromUs = args.since !== undefined ? now.getTime() * 1000 - parseDuration(args.since)
    : args.from !== undefined ? parseTimeArgument(args.from, '--from') : undefined;
  const toUs = args.to !== undefined ? parseTimeArgument(args.to, '--to') : args.since !== undefined ? now.getTime() * 1000 : undefined;
  if (fromUs !== undefined && toUs !== undefined && toUs <= fromUs) throw new LogcodesError('INVALID_ARGUMENT', '--to must be after the window start');
  if (!(args.top >= 1)) throw new LogcodesError('INVALID_ARGUMENT', '--top must be at least 1');
  if (!(args.slo > 0 && args.slo < 100)) throw new LogcodesError('INVALID_ARGUMENT', '--slo must be a percentage between 0 and 100, e.g. 99.9');
  return {
    fromUs, toUs, bucketUs: args.bucket === undefined ? undefined : parseDuration(args.bucket), top: Math.floor(args.top),
    sensitivity: args.sensitivity, slo: args.slo,
  };
}
