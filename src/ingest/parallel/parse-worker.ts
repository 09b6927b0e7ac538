/**
 * A worker thread that parses chunks of lines into Parquet row groups for the bulk loader. It builds
 * its parsers from the same format options as the main thread, which come in the first
 * message: a worker may start before the command line is parsed (early-workers.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { OmittableField } from '../../store/row-group-encoder.js';
import type { LogParser } from '../../../parsers/types.js';
import { chooseParsers, type FormatOptions } from '../parser-options.js';
import { BufferRecycler } from './buffer-recycler.js';
import { omitFields, parseChunk, rehearse } from './chunk-parser.js';
import { OwnCopy } from './own-copy.js';

/** omitted: fields the run's staging leaves null (BulkWriter's option of that name). */
export interface WorkerSetup { formatOptions: FormatOptions; omitted?: readonly OmittableField[] }
/**
 * A chunk of whole lines; the result numbers them from 1 (chunk-parser.ts). Lines longer
 * than maxLineBytes are malformed: the reader's limit, which caps the lines it cuts.
 */
export interface ChunkJob {
  id: number;
  format: string;
  bytes: Uint8Array;
  maxLineBytes: number;
  /** Row-group buffers the main thread is done with, to write the next results into. */
  spare: ArrayBufferLike[];
}

// Results go back in shared memory, never moved: a thread that has detached an
// ArrayBuffer reads every typed array more slowly (buffer-recycler.ts).
const outputs = new BufferRecycler(0);

/** Chunks of short lines are parsed from a copy in this thread's own memory (own-copy.ts). */
const ownCopy = new OwnCopy();

let byName = new Map<string, LogParser>();
/** Formats this worker has rehearsed (rehearsal.ts). */
const rehearsed = new Set<string>();

parentPort!.on('message', (message: ChunkJob | { setup: WorkerSetup }) => {
  if ('setup' in message) {
    const { candidates } = chooseParsers({ ...message.setup.formatOptions, format: undefined });
    byName = new Map(candidates.map((p) => [p.name, p]));
    omitFields(message.setup.omitted ?? []);
    return;
  }
  const job = message;
  try {
    const parser = byName.get(job.format);
    if (parser === undefined) throw new Error(`worker has no parser "${job.format}"`);
    if (!rehearsed.has(parser.name)) {
      rehearsed.add(parser.name);
      rehearse(job.bytes, parser, job.maxLineBytes);
    }
    for (const buffer of job.spare) outputs.give(buffer);
    // Row groups are at most about as long as their input (numbers shrink, each text
    // gains a 4-byte length): a little room saves allocating another buffer.
    const output = outputs.take(job.bytes.byteLength + (job.bytes.byteLength >> 3) + 4096);
    const result = parseChunk(ownCopy.of(job.bytes), 1, parser, job.maxLineBytes, output);
    ownCopy.parsed(job.bytes.byteLength, result.lines);
    parentPort!.postMessage({ id: job.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: String(error) });
  }
});
