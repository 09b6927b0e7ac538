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

/**
 * Chunks of short lines are parsed from a copy in this thread's own memory rather than
 * from the shared buffer they came in. Finding each line's end (Buffer.indexOf) costs
 * about 44 ns on shared memory and 15 on a copy, and the parse reads the copy faster
 * too; the copy costs per byte. Measured in the CLI (docs/performance.md, thirteenth
 * round): nginx combined lines of about 200 bytes 2.3% faster with the copy, ALB,
 * Cloudflare and nginx JSON lines of 520-640 bytes 1.3-2.8% slower. The decision
 * follows the average line of the chunks parsed so far.
 */
const COPY_BELOW_BYTES_PER_LINE = 360;
let ownBytes = Buffer.allocUnsafeSlow(0);
let bytesSeen = 0;
let linesSeen = 0;

function parsedBytes(bytes: Uint8Array): Uint8Array {
  if (linesSeen === 0 || bytesSeen / linesSeen >= COPY_BELOW_BYTES_PER_LINE) return bytes;
  if (ownBytes.length < bytes.byteLength) ownBytes = Buffer.allocUnsafeSlow(Math.max(bytes.byteLength, 2 * ownBytes.length));
  ownBytes.set(bytes);
  return ownBytes.subarray(0, bytes.byteLength);
}
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
    const result = parseChunk(parsedBytes(job.bytes), 1, parser, job.maxLineBytes, output);
    bytesSeen += job.bytes.byteLength;
    linesSeen += result.lines;
    parentPort!.postMessage({ id: job.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: String(error) });
  }
});
