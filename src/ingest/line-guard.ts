/**
 * Caps line length before split2 sees the bytes. split2's own `maxLength` destroys
 * the stream, but one oversized line must only be counted as malformed, so this
 * transform passes at most `maxBytes` of each line, drops the rest up to the next
 * newline, and records the line's number in `oversized`. Line numbers count `\n`
 * exactly as split2 does.
 */
import { Transform, type TransformCallback } from 'node:stream';

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export class LineGuard extends Transform {
  readonly oversized = new Set<number>();
  private lineNo = 1;
  private lineBytes = 0;

  constructor(private readonly maxBytes: number = DEFAULT_MAX_LINE_BYTES) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      const room = this.maxBytes - this.lineBytes;
      const length = end - start;
      if (length <= room) {
        if (nl < 0 && start === 0) {
          this.push(chunk);
        } else {
          this.push(chunk.subarray(start, nl < 0 ? end : nl + 1));
        }
        this.lineBytes += length;
      } else {
        if (room > 0) this.push(chunk.subarray(start, start + room));
        this.lineBytes += length;
        this.oversized.add(this.lineNo);
        if (nl >= 0) this.push(chunk.subarray(nl, nl + 1));
      }
      if (nl < 0) break;
      this.lineNo++;
      this.lineBytes = 0;
      start = nl + 1;
    }
    callback();
  }
}
