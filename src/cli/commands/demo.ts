/**
 * `logcodes demo`: writes a realistic synthetic log, for trying logcodes out and for
 * the shipped samples.
 */
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { DEMO_FORMATS, generateDemo, type DemoFormat } from '../../demo/write-sample.js';
import { writeFile } from 'node:fs/promises';
import { LogcodesError } from '../../errors.js';
import type { CliContext, OutStream } from '../context.js';

interface DemoArgs {
  format: DemoFormat;
  seed: number;
  start: string;
  hours: number;
  peak: number;
  junk: number;
  offset: number;
  incidents: number;
  truth?: string;
  out?: string;
}

export function demoCommand(context: CliContext): CommandModule<object, DemoArgs> {
  return {
    command: 'demo',
    describe: 'Write a realistic synthetic access log (to stdout or --out)',
    builder: (y: Argv) =>
      y
        .option('format', { type: 'string', choices: DEMO_FORMATS, default: 'nginx', describe: 'Log format to write' })
        .option('seed', { type: 'number', default: 1, describe: 'Random seed (same seed, same log)' })
        .option('start', { type: 'string', default: '2026-11-24T00:00:00Z', describe: 'First timestamp (ISO 8601)' })
        .option('hours', { type: 'number', default: 24, describe: 'Span of the log' })
        .option('peak', { type: 'number', default: 3600, describe: 'Requests per hour at the daily peak' })
        .option('junk', { type: 'number', default: 0.002, describe: 'Share of malformed lines mixed in' })
        .option('offset', { type: 'number', default: 0, describe: 'nginx time zone, minutes east of UTC' })
        .option('incidents', { type: 'number', default: 0, describe: 'Inject this many incidents (outages, rate limiting, scanners...)' })
        .option('truth', { type: 'string', describe: 'Write the injected incidents (ground truth) as JSON to FILE' })
        .option('out', { alias: 'o', type: 'string', describe: 'Write to FILE instead of stdout' }) as unknown as Argv<DemoArgs>,
    handler: async (args) => {
      const startMs = Date.parse(args.start);
      if (Number.isNaN(startMs)) throw new LogcodesError('INVALID_ARGUMENT', `--start: not an ISO 8601 time: ${args.start}`);
      const { lines, truth } = generateDemo({
        format: args.format, seed: args.seed, startUs: startMs * 1000, hours: args.hours, peakPerHour: args.peak,
        junkRate: args.junk, offsetMinutes: args.offset, incidentCount: args.incidents,
      });
      if (args.truth !== undefined) await writeFile(args.truth, JSON.stringify(truth, null, 2) + '\n');
      if (args.out === undefined || args.out === '-') {
        writeAll(context.io.stdout, lines);
        return;
      }
      // A name ending in .gz gets gzip, like the objects ALB and Logpush deliver.
      const file = createWriteStream(args.out);
      const sink = args.out.endsWith('.gz') ? createGzip() : file;
      if (sink !== file) sink.pipe(file);
      for (const line of lines) {
        if (!sink.write(line + '\n')) await once(sink, 'drain');
      }
      sink.end();
      await once(file, 'finish');
    },
  };
}

function writeAll(out: OutStream, lines: Iterable<string>): void {
  let buffer = '';
  for (const line of lines) {
    buffer += line + '\n';
    if (buffer.length > 65536) { out.write(buffer); buffer = ''; }
  }
  if (buffer) out.write(buffer);
}
