/**
 * `logcodes parse INPUT...`: print normalized records, for piping and debugging.
 * Records go to stdout (one JSON object per line with --ndjson, else tab-separated
 * columns); each malformed line gets a one-line note on stderr.
 */
import type { Argv, CommandModule } from 'yargs';
import type { RequestRecord } from '../../../parsers/types.js';
import { microsToIso } from '../../../parsers/time.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import { chooseParsers } from '../../ingest/parser-options.js';
import { stripControl } from '../../report/sanitize.js';
import { EXIT_ERROR, printError, restoreStdinArgs, stdinFor, type CliContext, type OutStream } from '../context.js';
import { formatOptionsOf, withFormatOptions, type FormatArgs } from '../format-options.js';

interface ParseArgs extends FormatArgs {
  ndjson: boolean;
}

const TABLE_COLUMNS: (keyof RequestRecord)[] = ['status', 'upstream_status', 'method', 'host', 'path', 'client_ip', 'request_time_s'];

/** Buffers output and waits for 'drain' when the destination is full. */
class BufferedOut {
  private buffer = '';
  constructor(private readonly out: OutStream) {}
  write(text: string): void | Promise<void> {
    this.buffer += text;
    if (this.buffer.length < 65536) return;
    return this.flush();
  }
  flush(): void | Promise<void> {
    const ok = this.out.write(this.buffer);
    this.buffer = '';
    const emitter = this.out as OutStream & { once?: (event: string, fn: () => void) => void };
    if (ok === false && typeof emitter.once === 'function') return new Promise((resolve) => emitter.once!('drain', resolve));
  }
}

export function parseCommand(context: CliContext): CommandModule<object, ParseArgs> {
  return {
    command: 'parse <inputs..>',
    describe: 'Print the normalized records of access logs',
    builder: (y: Argv) =>
      withFormatOptions(y).option('ndjson', { type: 'boolean', default: false, describe: 'One JSON object per line' }) as unknown as Argv<ParseArgs>,
    handler: async (args) => {
      const { io } = context;
      const options = formatOptionsOf(args);
      const { forced, candidates } = chooseParsers(options);
      const out = new BufferedOut(io.stdout);
      if (!args.ndjson) out.write(['ts', ...TABLE_COLUMNS, 'input', 'line'].join('\t') + '\n');
      const sink = {
        append: (record: RequestRecord, input: string, line: number): void | Promise<void> => {
          if (args.ndjson) return out.write(JSON.stringify({ ...record, ts: microsToIso(record.ts), input, line }) + '\n');
          const cells = TABLE_COLUMNS.map((c) => (record[c] === null ? '-' : stripControl(String(record[c]))));
          return out.write([microsToIso(record.ts), ...cells, stripControl(input), line].join('\t') + '\n');
        },
      };
      const inputs = restoreStdinArgs(args.inputs);
      const infos = await ingestAll(inputs, sink, {
        parser: forced, candidates, maxLineBytes: options.maxLineBytes, stdin: stdinFor(io, inputs),
      });
      await out.flush();
      for (const info of infos) {
        for (const s of info.samples) io.stderr.write(`${stripControl(s.path)}:${s.line}: ${s.code}: ${stripControl(s.reason)}\n`);
        if (info.malformed > info.samples.length) io.stderr.write(`${stripControl(info.path)}: ${info.malformed - info.samples.length} more malformed lines\n`);
        if (info.error !== null) {
          printError(io, info.error);
          context.exit(EXIT_ERROR);
        }
      }
    },
  };
}
