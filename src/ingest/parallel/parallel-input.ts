/**
 * The fast path for one line-based input: the main thread reads, caps the lines that
 * span pieces of the stream (PieceGuard) and cuts the bytes into chunks of whole lines;
 * worker threads parse the chunks into Parquet row groups, numbering their lines from 1;
 * results are taken back in order, their lines moved to their place in the input, and
 * handed to the bulk loader. The rules and counters are those of the line-by-line path,
 * which the tests compare it with over every sample and at many chunk sizes.
 */
import type { Readable } from 'node:stream';
import { detectFormat } from '../../../parsers/registry.js';
import type { LogParser } from '../../../parsers/types.js';
import type { BulkWriter } from '../../store/bulk-writer.js';
import { errorMessage } from '../../errors.js';
import { addMalformed, type InputInfo } from '../info.js';
import { eachLineRange, isBlankBytes, overLimit } from '../lines.js';
import { shiftLineNumbers } from '../../store/line-numbers.js';
import { DEFAULT_CHECKPOINT_LINES, DETECTION_SAMPLE_LINES, undetectedFormatError } from '../record-router.js';
import type { ParsedChunk } from './chunk-parser.js';
import { lineChunks, type Chunk, type ChunkingOptions } from './line-chunks.js';
import { PieceGuard } from './piece-guard.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Chunks parsed ahead of the one being written, per worker. Results are taken in
 * order, so a worker whose next chunk is not there yet idles: with parsing faster than
 * reading and dispatch, 2 per worker left each worker idle about a third of an ALB
 * run; 4 per worker cut a parse-only run from 1.95 to 1.70 s. When chunks were joined
 * into shared memory by copying (before chunk-memory.ts read them in place), 8
 * measured faster than 4 (medians of four: Cloudflare 2.45 -> 2.30 s, ALB 2.40 ->
 * 2.35 s, nginx JSON 2.78 -> 2.73 s, nginx the same) for about 30 MB more; 12 and 16
 * measured no faster since. Ingesting into a database file is bound
 * by DuckDB's one thread instead: there 4 only held memory (10M lines: 380 MB against
 * 373 MB, no faster). The default is inMemory's.
 */
export const IN_FLIGHT_PER_WORKER = { inMemory: 8, file: 2 } as const;

export interface ParallelOptions extends ChunkingOptions {
  parser?: LogParser;
  candidates?: readonly LogParser[];
  maxLineBytes: number;
  startLine?: number;
  inFlightPerWorker?: number;
  checkpointLines?: number;
  checkpoint?: (position: { offset: number; lines: number }, info: InputInfo) => Promise<void>;
}

/** The first non-blank lines short enough to parse, for detection, decoded the way the workers decode them. */
function sampleLines(chunk: Chunk, wanted: number, maxLineBytes: number): { lines: string[]; read: number; blank: number } {
  const { bytes } = chunk;
  const lines: string[] = [];
  let read = 0;
  let blank = 0;
  if (wanted > 0) {
    eachLineRange(bytes, (from, to, newline) => {
      read++;
      if (isBlankBytes(bytes, from, to)) blank++;
      else if (!overLimit(from, newline, maxLineBytes)) lines.push(bytes.toString('utf8', from, to));
      return lines.length < wanted;
    });
  }
  return { lines, read, blank };
}

export async function readParallel(stream: Readable, info: InputInfo, writer: BulkWriter, pool: WorkerPool, options: ParallelOptions): Promise<unknown> {
  const guard = new PieceGuard(options.maxLineBytes);
  /** The number of the next chunk's first line, known once the chunks before it are parsed. */
  let nextLine = (options.startLine ?? 0) + 1;
  let parser: LogParser | null = options.parser ?? null;
  if (parser !== null) { info.format = parser.name; info.detectedBy = 'option'; }
  const held: Chunk[] = [];
  const queue: { chunk: Chunk; result: Promise<ParsedChunk> }[] = [];
  const every = options.checkpointLines ?? DEFAULT_CHECKPOINT_LINES;
  let sinceCheckpoint = 0;
  let readError: unknown = null;

  const drainOne = async (): Promise<void> => {
    const { chunk, result } = queue.shift()!;
    const parsed = await result;
    const before = nextLine - 1;
    nextLine += parsed.lines;
    shiftLineNumbers(parsed.groups, before);
    for (const sample of parsed.samples) sample.line += before;
    writer.appendRowGroups(parsed.groups, info.path, parser!.name);
    pool.recycle(parsed);
    info.lines += parsed.lines;
    info.blank += parsed.blank;
    info.records += parsed.records;
    info.skipped += parsed.skipped;
    addMalformed(info, parsed);
    info.offset = chunk.endOffset;
    sinceCheckpoint += parsed.lines;
    if (sinceCheckpoint >= every && options.checkpoint) {
      sinceCheckpoint = 0;
      await options.checkpoint({ offset: info.offset, lines: nextLine - 1 }, info);
    }
  };
  const submit = async (chunk: Chunk): Promise<void> => {
    // Chunks own their shared buffers (join): read in place by the worker, reused once parsed.
    const result = pool.run({ format: parser!.name, bytes: chunk.bytes, maxLineBytes: options.maxLineBytes }, true);
    // Results are awaited in order (drainOne); a failed pool rejects the later ones first.
    result.catch(() => {});
    queue.push({ chunk, result });
    if (queue.length >= (options.inFlightPerWorker ?? IN_FLIGHT_PER_WORKER.inMemory) * pool.size) await drainOne();
  };
  /** Decides the format on the first non-blank lines, as the line-by-line path does. */
  const decide = async (final: boolean): Promise<boolean> => {
    const sample: string[] = [];
    let read = 0;
    let blank = 0;
    for (const c of held) {
      const s = sampleLines(c, DETECTION_SAMPLE_LINES - sample.length, options.maxLineBytes);
      sample.push(...s.lines);
      read += s.read;
      blank += s.blank;
    }
    if (sample.length < DETECTION_SAMPLE_LINES && !final) return true;
    const detection = detectFormat(sample, options.candidates);
    if (detection.parser === null) {
      info.lines = read;
      info.blank = blank;
      info.error = undetectedFormatError(info.path, detection, sample.length, 'lines');
      return false;
    }
    parser = detection.parser;
    info.format = parser.name;
    info.detectedBy = 'detection';
    for (const c of held.splice(0)) await submit(c);
    return true;
  };

  try {
    for await (const chunk of lineChunks(stream, guard, info, options, pool.inputs)) {
      if (parser !== null) { await submit(chunk); continue; }
      held.push(chunk);
      if (!(await decide(false))) break;
    }
  } catch (error) {
    readError = error;
  }
  if (parser === null && info.error === null && held.length > 0) await decide(true);
  try {
    while (queue.length > 0) await drainOne();
  } catch (error) {
    readError ??= error;
    queue.length = 0;
  }
  if (readError !== null && info.error === null) {
    info.partial = true;
    info.error = `${info.path}: reading stopped after line ${(options.startLine ?? 0) + info.lines} (byte ${info.bytes}): ${errorMessage(readError)}`;
  }
  return null;
}
