/**
 * A row group's endpoint column (endpoint-template.ts), templated when the group is
 * finished rather than as each row is added: rows read in place keep the byte ranges of
 * their method and path, and one tight loop templates them all. Done per row inside the
 * parse loop, the templating cost V8 the inlining of other parse steps, and the nginx
 * parse and encode took 0.18 µs more per line instead of 0.06 (docs/performance.md).
 *
 * The ranges point into the bytes the rows were read from, which must stay unchanged
 * until the column is written; rows from other bytes first template those kept so far.
 */
import { endpointOf, NO_REQUEST_LINE, templatePath } from './endpoint-template.js';
import { writeLength } from './staging-format.js';

const DASH = 45, SPACE = 32;
/** In a row's method start: the row has no method ('-'). */
export const NO_METHOD = -1;
/** In a row's path start: the row's endpoint is text, in `texts`. */
const TEXT = -2;

export class EndpointColumn {
  /** Per row: method start and end, path start and end (or NO_METHOD, TEXT). */
  private ranges = new Int32Array(4 * 1024);
  private readonly texts: (string | undefined)[] = [];
  private source: Buffer | null = null;
  private rows = 0;
  /** Rows templated into `values` so far. */
  private done = 0;
  /** The column's values so far: PLAIN byte arrays (a 4-byte length, then the bytes). */
  private values = Buffer.allocUnsafeSlow(64 * 1024);
  length = 0;

  /** The next row's endpoint, from its method (methodFrom NO_METHOD: none) and path in bytes. */
  addRanges(bytes: Buffer, methodFrom: number, methodTo: number, pathFrom: number, pathTo: number): void {
    if (bytes !== this.source) {
      this.template();
      this.source = bytes;
    }
    const at = this.slot();
    const ranges = this.ranges;
    ranges[at] = methodFrom;
    ranges[at + 1] = methodTo;
    ranges[at + 2] = pathFrom;
    ranges[at + 3] = pathTo;
  }

  /** The next row's endpoint, from its method and path as text. */
  addText(method: string | null, path: string | null): void {
    const at = this.slot();
    this.ranges[at + 2] = TEXT;
    this.texts[at >> 2] = path === null ? NO_REQUEST_LINE : endpointOf(method, path);
  }

  /** Templates the rows added so far into `values`; the column is then complete up to here. */
  template(): void {
    const ranges = this.ranges;
    const bytes = this.source!;
    let out = this.values;
    let length = this.length;
    for (let row = this.done; row < this.rows; row++) {
      const at = 4 * row;
      const methodFrom = ranges[at], methodTo = ranges[at + 1], pathFrom = ranges[at + 2], pathTo = ranges[at + 3];
      if (pathFrom === TEXT) {
        this.length = length;
        this.put(this.texts[row]!);
        out = this.values;
        length = this.length;
        continue;
      }
      // At least what the row takes: its length, the method (or '-'), a space and templatedBound of the path.
      const room = 7 + (methodTo - methodFrom) + 3 * (pathTo - pathFrom);
      if (length + room > out.length) {
        this.length = length;
        this.room(room);
        out = this.values;
      }
      let p = length + 4;
      let high = 0;
      if (methodFrom === NO_METHOD) out[p++] = DASH;
      else for (let i = methodFrom; i < methodTo; i++) high |= out[p++] = bytes[i];
      out[p++] = SPACE;
      const end = templatePath(bytes, pathFrom, pathTo, out, p);
      if (end >= 0 && high < 0x80) {
        writeLength(out, length, end - length - 4);
        length = end;
        continue;
      }
      // Non-ASCII bytes are decoded, so that invalid UTF-8 becomes U+FFFD as in the other columns.
      const method = methodFrom === NO_METHOD ? null : bytes.toString('utf8', methodFrom, methodTo);
      this.length = length;
      this.put(endpointOf(method, bytes.toString('utf8', pathFrom, pathTo)));
      out = this.values;
      length = this.length;
    }
    this.length = length;
    this.done = this.rows;
    this.texts.length = 0;
  }

  /** The column's values for the rows so far (after template()), and a fresh start. */
  take(): Buffer {
    const values = this.values.subarray(0, this.length);
    this.rows = 0;
    this.done = 0;
    this.length = 0;
    this.source = null;
    return values;
  }

  private slot(): number {
    const at = 4 * this.rows++;
    if (at + 4 > this.ranges.length) {
      const bigger = new Int32Array(2 * this.ranges.length);
      bigger.set(this.ranges);
      this.ranges = bigger;
    }
    return at;
  }

  private put(text: string): void {
    this.room(4 + 3 * text.length);
    const written = this.values.write(text, this.length + 4, 'utf8');
    writeLength(this.values, this.length, written);
    this.length += 4 + written;
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.values.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.values.length, this.length + bytes));
    this.values.copy(bigger, 0, 0, this.length);
    this.values = bigger;
  }
}
