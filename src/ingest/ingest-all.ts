/**
 * Ingests every input in turn into one sink. Inputs are independent: one that fails
 * is reported with its error and the rest go on.
 */
import type { Readable } from 'node:stream';
import type { LogParser } from '../../parsers/types.js';
import type { RequestSink } from '../store/request-sink.js';
import type { InputInfo } from './info.js';
import { ingestInput, type ParallelIngest, type RecordSink } from './ingest-input.js';
import { expandInputs } from './sources.js';

export interface IngestAllOptions {
  parser?: LogParser;
  candidates?: readonly LogParser[];
  maxLineBytes?: number;
  stdin?: Readable;
  onProgress?: (info: InputInfo, index: number, total: number) => void;
  parallel?: ParallelIngest;
}

/** A sink that loads in batches is flushed after each input (records of one input load together). */
export async function ingestAll(paths: readonly string[], sink: RecordSink | RequestSink, options: IngestAllOptions = {}): Promise<InputInfo[]> {
  const inputs = await expandInputs(paths);
  const infos: InputInfo[] = [];
  for (const [index, path] of inputs.entries()) {
    const info = await ingestInput(path, sink, {
      parser: options.parser,
      candidates: options.candidates,
      maxLineBytes: options.maxLineBytes,
      stdin: options.stdin,
      onProgress: options.onProgress ? (i) => options.onProgress!(i, index, inputs.length) : undefined,
      parallel: options.parallel,
    });
    if ('flush' in sink) await sink.flush();
    infos.push(info);
  }
  return infos;
}
