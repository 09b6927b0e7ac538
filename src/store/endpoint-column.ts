/**
 * A row group's endpoint column (endpoint-template.ts), templated when the group is
 * finished rather than as each row is added: each row keeps the byte ranges of its
 * method and path, and one tight loop templates them all. Done per row inside the
 * parse loop, the templating cost V8 the inlining of other parse steps, and the nginx
 * parse and encode took 0.18 µs more per line instead of 0.06 (docs/performance.md).
 *
 * Rows read in place point into the bytes they were read from, which must stay
 * unchanged until the column is written (rows from other bytes first template those
 * kept so far). A method and path given as text are copied into the column's own
 * bytes, so that they take the same path without a string per endpoint: nginx JSON
 * lines, whose request is decoded, cost 0.6 µs more each when every endpoint was a
 * string first.
 *
 * A request whose line is in the tokenizer's memory is templated as it comes, by the
 * WebAssembly templating (endpoint-template.wat), straight into the column, which then
 * moves into that memory's arena (addInMemory): about a ninth of an nginx line's parse
 * and encode before (docs/performance.md, eighteenth round).
 */
import { tokenMemory, type TokenMemory } from '../../parsers/token-memory.js';
import { endpointOf, NO_REQUEST_LINE, templatedBound, templatePath } from './endpoint-template.js';
import { ENDPOINT_SLACK, wasmEndpoint, type WasmEndpoint } from './endpoint-wasm.js';
import { grown, writeByteArray } from './byte-arrays.js';
import { writeLength } from './staging-format.js';

const DASH = 45, SPACE = 32;
/** A row's method start and end when it has no method ('-'). */
export const NO_METHOD = -1;
/** In a row's path start: the row has no path (NO_REQUEST_LINE). */
const NO_PATH = -1;
/** Per row: where its ranges point (LINE or TEXT), method start and end, path start and end. */
const SLOT = 5;
const LINE = 0, TEXT = 1;

export class EndpointColumn {
  private ranges: Int32Array;
  /** The bytes that rows read in place point into. */
  private source: Buffer | null = null;
  /** Methods and paths given as text, as UTF-8, until the rows are templated. */
  private text = Buffer.allocUnsafeSlow(4 * 1024);
  private textLength = 0;
  private rows = 0;
  /** Rows templated into `values` so far. */
  private done = 0;
  /** The column's values so far: PLAIN byte arrays (a 4-byte length, then the bytes). */
  private values: Buffer = Buffer.allocUnsafeSlow(4 * 1024);
  private length = 0;
  /** The tokenizer's memory and the templating over it, from the first row templated there. */
  private memory: TokenMemory | null = null;
  private endpoint: WasmEndpoint | null = null;
  /**
   * Where `values` is in the memory's arena (-1: a plain buffer), its size there (a view
   * that growing memory detached says 0), and the memory growths its view was made after.
   */
  private valuesAt = -1;
  private valuesSize = 0;
  private generation = -1;
  /** Whether the column may still move into the arena (no failed attempt yet, and node has WebAssembly). */
  private arenaOpen = typeof WebAssembly !== 'undefined';

  /** Room for initialRows rows at first, and small buffers, for the reason of the encoder's (INITIAL_ROWS, row-group-encoder.ts). */
  constructor(initialRows: number) {
    this.ranges = new Int32Array(SLOT * initialRows);
  }

  /** The next row's endpoint, from its method (NO_METHOD for both ends: none) and path in bytes. */
  addRanges(bytes: Buffer, methodFrom: number, methodTo: number, pathFrom: number, pathTo: number): void {
    if (bytes !== this.source) {
      this.template();
      this.source = bytes;
    }
    this.add(LINE, methodFrom, methodTo, pathFrom, pathTo);
  }

  /**
   * The next row's endpoint, templated now from its method and path in the tokenizer's
   * memory (methodLength -1: no method); false when it must come another way (the
   * arena has no room, a byte is not ASCII, a long path): addRanges then.
   */
  addInMemory(methodAt: number, methodLength: number, pathAt: number, pathLength: number): boolean {
    if (this.valuesAt < 0 && !this.intoArena()) return false;
    // The rows before it first, in order.
    if (this.done < this.rows) this.template();
    this.current();
    this.room(6 + Math.max(methodLength, 1) + templatedBound(pathLength) + ENDPOINT_SLACK);
    if (this.valuesAt < 0) return false;
    const written = this.endpoint!(methodAt, methodLength, pathAt, pathLength, this.valuesAt + this.length);
    if (written < 0) return false;
    this.length += written;
    this.rows++;
    this.done++;
    return true;
  }

  /** The next row's endpoint, from its method and path as text. */
  addText(method: string | null, path: string | null): void {
    const methodFrom = method === null ? NO_METHOD : this.textLength;
    if (method !== null) this.copyText(method);
    const methodTo = method === null ? NO_METHOD : this.textLength;
    const pathFrom = path === null ? NO_PATH : this.textLength;
    if (path !== null) this.copyText(path);
    this.add(TEXT, methodFrom, methodTo, pathFrom, this.textLength);
  }

  /** Templates the rows added so far into `values`; the column is then complete up to here. */
  template(): void {
    const ranges = this.ranges;
    const from = this.done, to = this.rows;
    // Before the loop, not after it: V8 compiles this loop on its first long run (on-stack
    // replacement), when code after it has never run, and that code then left the
    // compiled loop on every later call (200 times in a run over 2M nginx lines).
    this.done = to;
    this.textLength = 0;
    this.current();
    for (let row = from; row < to; row++) {
      const at = SLOT * row;
      const bytes = ranges[at] === LINE ? this.source! : this.text;
      const methodFrom = ranges[at + 1], methodTo = ranges[at + 2], pathFrom = ranges[at + 3], pathTo = ranges[at + 4];
      if (pathFrom === NO_PATH) { this.put(NO_REQUEST_LINE); continue; }
      // Its length, the method (or '-'), a space and the template.
      this.room(4 + Math.max(methodTo - methodFrom, 1) + 1 + templatedBound(pathTo - pathFrom));
      const out = this.values;
      const start = this.length;
      let p = start + 4;
      let high = 0;
      if (methodFrom === NO_METHOD) out[p++] = DASH;
      else for (let i = methodFrom; i < methodTo; i++) high |= out[p++] = bytes[i];
      out[p++] = SPACE;
      const end = templatePath(bytes, pathFrom, pathTo, out, p);
      if (end >= 0 && high < 0x80) {
        writeLength(out, start, end - start - 4);
        this.length = end;
      } else {
        // Non-ASCII bytes are decoded, so that invalid UTF-8 becomes U+FFFD as in the other columns.
        const method = methodFrom === NO_METHOD ? null : bytes.toString('utf8', methodFrom, methodTo);
        this.put(endpointOf(method, bytes.toString('utf8', pathFrom, pathTo)));
      }
    }
  }

  /** The column's values for the rows so far (after template()), and a fresh start. */
  take(): Buffer {
    this.current();
    const values = this.values.subarray(0, this.length);
    this.rows = 0;
    this.done = 0;
    this.length = 0;
    this.source = null;
    return values;
  }

  private add(source: number, methodFrom: number, methodTo: number, pathFrom: number, pathTo: number): void {
    const at = SLOT * this.rows++;
    if (at + SLOT > this.ranges.length) {
      // Rows templated in memory (addInMemory) take no slot, so the row may be far past the last one that did.
      const bigger = new Int32Array(Math.max(2 * this.ranges.length, 2 * (at + SLOT)));
      bigger.set(this.ranges);
      this.ranges = bigger;
    }
    const ranges = this.ranges;
    ranges[at] = source;
    ranges[at + 1] = methodFrom;
    ranges[at + 2] = methodTo;
    ranges[at + 3] = pathFrom;
    ranges[at + 4] = pathTo;
  }

  /** Appends text to `text` as UTF-8: ASCII by hand (Buffer.write's call cost more), the rest by the encoder. */
  private copyText(value: string): void {
    if (this.textLength + 3 * value.length > this.text.length) this.text = grown(this.text, this.textLength, 3 * value.length);
    const text = this.text;
    let p = this.textLength;
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      text[p++] = c;
    }
    if (i < value.length) p += text.write(value.slice(i), p, 'utf8');
    this.textLength = p;
  }

  private put(text: string): void {
    this.room(4 + 3 * text.length);
    this.length = writeByteArray(this.values, this.length, text);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.values.length) return;
    if (this.valuesAt >= 0 && this.toArea(Math.max(2 * this.values.length, this.length + bytes))) return;
    // A plain column, or one the arena has no more room for: a larger plain buffer.
    this.values = grown(this.values, this.length, bytes);
    this.valuesAt = -1;
  }

  /** Moves the values into the arena, if the templating and room are there (else no later row tries again). */
  private intoArena(): boolean {
    if (this.arenaOpen) {
      this.endpoint ??= wasmEndpoint();
      this.memory ??= tokenMemory();
      if (this.endpoint !== null && this.toArea(this.values.length)) return true;
    }
    this.arenaOpen = false;
    return false;
  }

  /** Moves the values so far into a new area of the arena of room for size bytes; false when it has no such room. */
  private toArea(size: number): boolean {
    const memory = this.memory!;
    const at = memory.areaWith(this.values, this.length, size);
    if (at < 0) return false;
    this.values = memory.view(at, size);
    this.valuesAt = at;
    this.valuesSize = size;
    this.generation = memory.generation;
    return true;
  }

  /** Makes the values' view again if memory grew since it was made (a library caller's long line). */
  private current(): void {
    if (this.valuesAt >= 0 && this.memory!.generation !== this.generation) {
      this.values = this.memory!.view(this.valuesAt, this.valuesSize);
      this.generation = this.memory!.generation;
    }
  }
}
