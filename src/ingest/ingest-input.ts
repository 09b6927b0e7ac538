/**
 * Reads one input end to end in named stages: open (gzip sniffing) → framing (lines
 * through the line guard and split2, or the elements of a JSON array through
 * stream-json) → format detection on the first units → parse → sink. A bad line is
 * a value, counted and sampled; only a failure of the input itself (missing file,
 * corrupt gzip, no detectable format) stops this input, and never the others.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import split2 from 'split2';
import type { LogParser } from '../../parsers/types.js';
import { errorMessage } from '../errors.js';
import { newInputInfo, recordMalformed, type InputInfo } from './info.js';
import { jsonArrayElements } from './json-array.js';
import { DEFAULT_MAX_LINE_BYTES, LineGuard } from './line-guard.js';
import { isBlank } from './lines.js';
import { firstSignificantByte, openInput, peek, startsWithBom, withoutFirstBytes, type OpenedInput } from './open-input.js';
import { DEFAULT_CHECKPOINT_LINES, RecordRouter, type RecordSink } from './record-router.js';
import { parallelReading } from './parallel/chunk-memory.js';
import { readParallel } from './parallel/parallel-input.js';
import type { WorkerPool } from './parallel/worker-pool.js';
import type { BulkWriter } from '../store/bulk-writer.js';

export type { RecordSink } from './record-router.js';

export interface IngestOptions {
  /** Forced parser (`--format`); detection runs when absent. */
  parser?: LogParser;
  /** Parsers detection chooses from; the registry's table by default. */
  candidates?: readonly LogParser[];
  maxLineBytes?: number;
  stdin?: Readable;
  /** Called with the live counters as bytes are read (for progress display). */
  onProgress?: (info: InputInfo) => void;
  /** Resume: decompressed bytes already ingested (skipped), and lines they held. */
  startOffset?: number;
  startLine?: number;
  /** Leave a last line without a newline for later: it may still be being written. */
  holdPartialTail?: boolean;
  /** Offer the sink a checkpoint (commit point) every this many lines. */
  checkpointLines?: number;
  /**
   * The fast path: large line-based files are parsed by worker threads into row groups for
   * this bulk writer, instead of line by line into `sink` (which still gets checkpoints).
   */
  parallel?: ParallelIngest;
}

export interface ParallelIngest {
  writer: BulkWriter;
  pool(): WorkerPool;
  /** Files at least this large take the fast path (worker start-up is not free). */
  minBytes: number;
  chunkBytes?: number;
  /** Chunks handed to each worker ahead of the one being written (parallel-input.ts). */
  inFlightPerWorker?: number;
}

/** A line boundary up to which everything has been handed to the sink. */
export interface Checkpoint {
  /** Decompressed bytes consumed from the start of the input. */
  offset: number;
  /** Lines consumed from the start of the input. */
  lines: number;
}

export { DEFAULT_CHECKPOINT_LINES } from './record-router.js';

export async function ingestInput(path: string, sink: RecordSink, options: IngestOptions = {}): Promise<InputInfo> {
  const info = newInputInfo(path);
  info.offset = options.startOffset ?? 0;
  let stream: Readable;
  let head: Buffer | null;
  const parallel = options.parallel;
  let pieces: Pick<OpenedInput, 'giveBack' | 'roomBefore'> = {};
  try {
    const opened = await openInput(path, () => options.stdin ?? process.stdin, (n) => {
      info.bytes += n;
      options.onProgress?.(info);
    }, options.startOffset ?? 0, parallel === undefined ? undefined : (size) => parallelReading(parallel, size));
    info.gzip = opened.gzip;
    info.size = opened.size;
    pieces = opened;
    ({ head, stream } = opened.head !== undefined ? { head: opened.head, stream: opened.stream } : await peek(opened.stream));
  } catch (error) {
    info.error = info.bytes === 0 ? errorMessage(error) : `${path}: reading stopped at byte ${info.bytes}: ${errorMessage(error)}`;
    info.partial = info.bytes > 0;
    return info;
  }
  // A resumed input starts mid-file: its framing is lines, whatever its first byte.
  const fromStart = (options.startOffset ?? 0) === 0;
  const isArray = fromStart && firstSignificantByte(head) === 0x5b; /* [ */
  if (!isArray && fromStart && startsWithBom(head)) {
    // A byte order mark is not part of the first line; it still counts in the resume offset.
    stream = withoutFirstBytes(stream, 3);
    info.offset = 3;
  }
  const fast = !isArray && parallel !== undefined && info.size !== null && info.size >= parallel.minBytes;
  const readError = isArray ? await readJsonArray(stream, info, sink, options)
    : fast ? await readParallel(stream, info, parallel.writer, parallel.pool(), {
      parser: options.parser, candidates: options.candidates, maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      holdPartialTail: options.holdPartialTail, startLine: options.startLine, chunkBytes: parallel.chunkBytes,
      inFlightPerWorker: parallel.inFlightPerWorker, giveBack: pieces.giveBack, roomBefore: pieces.roomBefore,
      checkpointLines: options.checkpointLines, checkpoint: sink.checkpoint?.bind(sink),
    })
    : await readLines(stream, info, sink, options);
  // Nothing of an input whose format could not be told was ingested: no progress to record.
  if (info.format === null) info.offset = options.startOffset ?? 0;
  if (readError !== null && info.error === null) {
    info.partial = true;
    const unit = isArray ? 'element' : 'line';
    info.error = `${path}: reading stopped after ${unit} ${info.lines} (byte ${info.bytes}): ${errorMessage(readError)}`;
  }
  return info;
}

async function readLines(stream: Readable, info: InputInfo, sink: RecordSink, options: IngestOptions): Promise<unknown> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const router = new RecordRouter<string>(info, sink, options.parser, options.candidates, 'line');
  const guard = new LineGuard(maxBytes, (options.startLine ?? 0) + 1);
  const lines = split2();
  let readError: unknown = null;
  const piped = pipeline(stream, guard, lines).catch((error: unknown) => { readError ??= error; });
  const every = options.checkpointLines ?? DEFAULT_CHECKPOINT_LINES;
  let lineNo = options.startLine ?? 0;
  let sinceCheckpoint = 0;
  try {
    for await (const text of lines as AsyncIterable<string>) {
      const claimed = guard.claimLine();
      if (claimed.tail && options.holdPartialTail) {
        info.heldBack = claimed.bytes;
        break;
      }
      const no = ++lineNo;
      info.lines++;
      info.offset += claimed.bytes;
      if (++sinceCheckpoint >= every && router.decided && sink.checkpoint) {
        sinceCheckpoint = 0;
        await sink.checkpoint({ offset: info.offset - claimed.bytes, lines: no - 1 }, info);
      }
      if (isBlank(text)) { info.blank++; continue; }
      if (guard.oversized.delete(no)) {
        recordMalformed(info, no, text, 'LINE_TOO_LONG', `line longer than ${maxBytes} bytes`);
        continue;
      }
      if (!(await router.push(text, no))) break;
    }
    await router.finish();
  } catch (error) {
    readError ??= error;
  }
  if (info.error !== null) lines.destroy();
  await piped;
  return info.error !== null ? null : readError;
}

async function readJsonArray(stream: Readable, info: InputInfo, sink: RecordSink, options: IngestOptions): Promise<unknown> {
  const router = new RecordRouter<unknown>(info, sink, options.parser, options.candidates, 'value');
  try {
    for await (const value of jsonArrayElements(stream)) {
      const no = ++info.lines;
      if (!(await router.push(value, no))) break;
      info.offset = info.bytes;
    }
    await router.finish();
  } catch (error) {
    await router.finish();
    stream.destroy();
    return error;
  }
  stream.destroy();
  return null;
}
