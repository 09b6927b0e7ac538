/**
 * Sits between the byte stream and split2 and does two things split2 cannot:
 *
 * - It caps line length. split2's own `maxLength` destroys the stream, but one
 *   oversized line must only be counted as malformed, so this passes at most
 *   `maxBytes` of each line, drops the rest up to the next newline, and records the
 *   line's number in `oversized`.
 * - It measures every line in bytes (newline included), in order, so the reader knows
 *   the exact byte offset after each line: the resume point of an incremental ingest.
 *
 * Line numbers count `\n` exactly as split2 does. (The parallel reader caps lines with
 * PieceGuard instead, and leaves the rest to its workers.)
 */
import { Transform, type TransformCallback } from 'node:stream';
import { LogcodesError } from '../errors.js';

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** The largest line limit: a line is held whole by the reader, a worker and the loader, so its size bounds memory. */
export const MAX_LINE_BYTES_LIMIT = 4 * 1024 * 1024;

/** The line limit to use, or an INVALID_ARGUMENT error naming the allowed range. */
export function checkMaxLineBytes(value: number | undefined): number {
  const max = value ?? DEFAULT_MAX_LINE_BYTES;
  if (!(Number.isInteger(max) && max > 0 && max <= MAX_LINE_BYTES_LIMIT)) {
    throw new LogcodesError('INVALID_ARGUMENT', `--max-line-bytes must be a whole number from 1 to ${MAX_LINE_BYTES_LIMIT}, not ${max}`);
  }
  return max;
}

export class LineGuard extends Transform {
  readonly oversized = new Set<number>();
  /** Byte lengths of finished lines not yet claimed by the reader (a FIFO). */
  private readonly lengths: number[] = [];
  private head = 0;
  private lineNo: number;
  private lineBytes = 0;
  /** Bytes of a last line that had no newline, known once the input ended. */
  tailBytes = 0;

  /**
   * firstLine: the number of the stream's first line (a resumed file starts after the
   * lines already read), so that `oversized` holds the numbers readers use.
   */
  constructor(private readonly maxBytes: number = DEFAULT_MAX_LINE_BYTES, firstLine = 1) {
    super();
    this.lineNo = firstLine;
  }

  /**
   * The byte length of the next line the reader consumes, and whether it is the
   * input's last line without a newline (a line that may still be being written).
   */
  claimLine(): { bytes: number; tail: boolean } {
    if (this.head < this.lengths.length) {
      const bytes = this.lengths[this.head++];
      if (this.head > 4096 && this.head * 2 > this.lengths.length) {
        this.lengths.splice(0, this.head);
        this.head = 0;
      }
      return { bytes, tail: false };
    }
    return { bytes: this.tailBytes, tail: true };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const emit = (bytes: Buffer): void => void this.push(bytes);
    const runStart = this.passLines(chunk, emit);
    if (runStart >= 0 && runStart < chunk.length) emit(runStart === 0 ? chunk : chunk.subarray(runStart));
    callback();
  }

  /**
   * The loop over the chunk's lines; returns where the run of bytes still to pass
   * starts (-1: none). Bytes pass through in contiguous runs; a run is only cut around
   * the dropped part of an over-long line (pushing per line made this the main
   * thread's hot spot). Nothing follows the loop but the return: V8 compiles the loop
   * during its first long run (on-stack replacement), before any code after it has
   * run, and a comparison after it left the compiled loop on every later chunk.
   */
  private passLines(chunk: Buffer, emit: (bytes: Buffer) => void): number {
    let runStart = this.lineBytes > this.maxBytes ? -1 : 0;
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      const before = this.lineBytes;
      this.lineBytes += end - start;
      if (before <= this.maxBytes && this.lineBytes > this.maxBytes) {
        // This line just outgrew the cap: keep its first maxBytes bytes, drop the rest.
        const keepUntil = start + (this.maxBytes - before);
        if (runStart >= 0 && keepUntil > runStart) emit(chunk.subarray(runStart, keepUntil));
        runStart = -1;
        this.oversized.add(this.lineNo);
      }
      if (nl < 0) break;
      if (runStart < 0) runStart = nl; // the newline of a dropped line still passes
      this.lengths.push(this.lineBytes + 1);
      this.lineNo++;
      this.lineBytes = 0;
      start = nl + 1;
    }
    return runStart;
  }

  override _flush(callback: TransformCallback): void {
    this.finish();
    callback();
  }

  /** The input ended: whatever was not followed by a newline is the tail line. */
  finish(): void {
    this.tailBytes = this.lineBytes;
  }
}
