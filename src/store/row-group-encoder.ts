/**
 * Encodes records as one Parquet row group of a staging file (staging-format.ts). Two
 * inputs: a RequestRecord (the line-by-line path), or a ScannedRecord whose text fields
 * are still byte ranges of the input (the fast path), copied without creating strings.
 *
 * Rows are collected by column: numbers in Float64Arrays (NaN for null), texts as
 * PLAIN byte arrays (a 4-byte length, then the bytes) with a validity bitmap. Text with
 * non-ASCII bytes is decoded and re-encoded as UTF-8, so invalid sequences in a log
 * become U+FFFD as on the string path instead of failing the load.
 */
import { type ScannedRecord, TextField, type TextFieldName } from '../../parsers/scanned-record.js';
import { TEXT_FIELDS } from '../../parsers/scanned-record.js';
import type { RequestRecord } from '../../parsers/types.js';
import { WordView } from '../../parsers/byte-words.js';
import { tokenMemory, type TokenMemory } from '../../parsers/token-memory.js';
import { grown, writeByteArray } from './byte-arrays.js';
import { EndpointColumn, NO_METHOD } from './endpoint-column.js';
import { writeRowGroup } from './row-group-pages.js';
import { ENDPOINT_TEXT, NUMBER_COLUMNS, NumberColumn, STAGED_TEXTS, writeLength, type EncodedRowGroup } from './staging-format.js';

type RowNumbers = Pick<RequestRecord, 'ts' | 'status' | 'upstream_status' | 'bytes_sent' | 'request_time_s' | 'upstream_time_s'>;

/**
 * Fields staging may leave null when only the run's own report reads it: any text
 * field, and the bytes sent, which a scanned record then never reads from its line
 * (ScannedRecord.bytes_sent).
 */
export type OmittableField = TextFieldName | 'bytes_sent';

const INT64_LIMIT = 2 ** 63;

/**
 * Rows an encoder (and its endpoint column) has room for at first; they double as rows
 * come. Small, so that a parse worker's rehearsal (rehearsal.ts) of a few hundred lines
 * takes the paths that grow them too, and its first real chunk does not throw away the
 * compiled code for lack of them (`--trace-deopt`, docs/performance.md).
 */
export const INITIAL_ROWS = 128;

/** Each text column's room at first; it doubles as rows come. */
const INITIAL_TEXT_BYTES = 4096;

export class RowGroupEncoder {
  private capacity = 0;
  readonly numbers: Float64Array[] = [];
  /**
   * The text columns' buffers. A column that receives a span of a line the tokenizer
   * or the JSON reader left in its WebAssembly memory moves into an area of that
   * memory (its arena, parsers/token-memory.ts), so that spans are copied and tested
   * for ASCII there, sixteen bytes a step (copyText); a column that only ever receives
   * text (records made from strings) stays a plain buffer, as do all once the arena
   * has no room left, or where node has no WebAssembly.
   */
  readonly texts: Buffer[] = [];
  /** A DataView over each text column's buffer, for copying four bytes at a time from lines not in that memory. */
  private readonly textViews: DataView[] = [];
  /** The tokenizer's memory, once a column has moved there (not made at start-up: a run may never tokenize). */
  private memory: TokenMemory | null = null;
  /** Where each text column's area is in memory (-1: a plain buffer), and its size. */
  private readonly textAt = new Int32Array(STAGED_TEXTS.length).fill(-1);
  private readonly textSize = new Int32Array(STAGED_TEXTS.length);
  /** The memory growths the areas' buffers were made after. */
  private generation = -1;
  /** Whether columns may still move into the arena (it had room so far, and node has WebAssembly). */
  private arenaOpen = typeof WebAssembly !== 'undefined';
  private readonly lineView = new WordView();
  readonly textBytes = new Int32Array(STAGED_TEXTS.length);
  readonly valid: Uint8Array[] = [];
  private readonly view = new WordView();
  /** The endpoint of each row, templated by finish(). */
  private readonly endpoints: EndpointColumn;
  /** The text fields written (TEXT_FIELDS indices); the others stay null (see constructor). */
  private readonly written: Int32Array;
  private readonly keepsBytesSent: boolean;
  rows = 0;

  /**
   * omitted: fields to leave null whatever the records hold, for staging that only a
   * report reads (UNREPORTED_FIELDS): copying the text ones cost a tenth of a Cloudflare
   * line.
   */
  constructor(initialRows = INITIAL_ROWS, omitted: readonly OmittableField[] = []) {
    for (let f = 0; f < STAGED_TEXTS.length; f++) this.setText(f, Buffer.allocUnsafeSlow(INITIAL_TEXT_BYTES));
    this.grow(initialRows);
    this.endpoints = new EndpointColumn(initialRows);
    this.written = Int32Array.from(TEXT_FIELDS.flatMap((name, f) => (omitted.includes(name) ? [] : [f])));
    this.keepsBytesSent = !omitted.includes('bytes_sent');
  }

  /** The bytes the rows so far hold in their text columns (for flushing by size). */
  get textByteLength(): number {
    let total = 0;
    for (const n of this.textBytes) total += n;
    return total;
  }

  addRecord(r: RequestRecord, line: number): void {
    this.current();
    const row = this.startRow(r, line);
    const written = this.written;
    for (let k = 0; k < written.length; k++) {
      const f = written[k];
      const value = r[TEXT_FIELDS[f]];
      if (value !== null) this.addText(f, row, value);
    }
    this.endpoints.addText(r.method, r.path);
  }

  addScanned(s: ScannedRecord, line: number): void {
    this.current();
    const row = this.startRow(s, line);
    const bytes = s.bytes;
    const written = this.written;
    // Where the line is in the tokenizer's memory, when it is (NaN, unequal to itself: not there).
    const delta = s.memoryDelta;
    for (let k = 0; k < written.length; k++) {
      const f = written[k];
      const value = s.text[f];
      if (value === null) continue;
      if (value !== undefined) { this.addText(f, row, value); continue; }
      const from = s.from[f];
      const length = s.to[f] - from;
      if (this.textAt[f] < 0 && delta === delta && this.arenaOpen) this.intoArena(f);
      let out = this.texts[f];
      const start = this.textBytes[f];
      if (start + length + 4 > out.length) out = this.growText(f, length + 4);
      let p = start + 4;
      const at = this.textAt[f];
      if (at >= 0 && delta === delta) {
        // Copying in JavaScript, four bytes at a time, was 4-5% of an nginx line (docs/performance.md).
        if (this.memory!.copyText(from + delta, length, at + p) !== 0) { this.addText(f, row, s.get(f)!); continue; }
        writeLength(out, start, length);
        this.textBytes[f] = p + length;
        this.valid[f][row >> 3] |= 1 << (row & 7);
        continue;
      }
      let high = 0;
      let i = from;
      const end = from + length;
      // Four bytes at a time, testing them for non-ASCII together: the views are kept
      // (one per column, one per chunk), since making one per call costs more than the copy.
      if (length >= 8) {
        const source = this.lineView.of(bytes);
        const target = this.textViews[f];
        for (; i + 4 <= end; i += 4, p += 4) {
          const x = source.getInt32(i, true);
          high |= x;
          target.setInt32(p, x, true);
        }
      }
      for (; i < end; i++) {
        const c = bytes[i];
        high |= c;
        out[p++] = c;
      }
      if ((high & 0x80808080) !== 0) { this.addText(f, row, s.get(f)!); continue; }
      writeLength(out, start, length);
      this.textBytes[f] = p;
      this.valid[f][row >> 3] |= 1 << (row & 7);
    }
    const method = s.text[TextField.method], path = s.text[TextField.path];
    if (path === undefined && typeof method !== 'string') {
      const none = method === null;
      const methodFrom = none ? NO_METHOD : s.from[TextField.method], methodTo = none ? NO_METHOD : s.to[TextField.method];
      const pathFrom = s.from[TextField.path], pathTo = s.to[TextField.path];
      const templated = delta === delta && this.endpoints.addInMemory(methodFrom + delta, none ? -1 : methodTo - methodFrom, pathFrom + delta, pathTo - pathFrom);
      if (!templated) this.endpoints.addRanges(bytes, methodFrom, methodTo, pathFrom, pathTo);
    } else {
      this.endpoints.addText(s.get(TextField.method), s.get(TextField.path));
    }
  }

  /**
   * The row group of the rows so far, written into output when it is large enough
   * (a recycled buffer); the encoder starts over.
   */
  finish(output?: Buffer): EncodedRowGroup {
    this.current();
    this.finishEndpoints();
    const group = writeRowGroup(this, this.rows, this.view, output);
    this.rows = 0;
    this.textBytes.fill(0);
    for (const bits of this.valid) bits.fill(0);
    return group;
  }

  /** The endpoint column's values, templated now, as the last text column: every row has one. */
  private finishEndpoints(): void {
    this.endpoints.template();
    const values = this.endpoints.take();
    const out = values.length > this.texts[ENDPOINT_TEXT].length ? this.growText(ENDPOINT_TEXT, values.length) : this.texts[ENDPOINT_TEXT];
    values.copy(out, 0);
    this.textBytes[ENDPOINT_TEXT] = values.length;
    const bits = this.valid[ENDPOINT_TEXT];
    bits.fill(0xff, 0, this.rows >> 3);
    if ((this.rows & 7) !== 0) bits[this.rows >> 3] = (1 << (this.rows & 7)) - 1;
  }

  private startRow(n: RowNumbers, line: number): number {
    const row = this.rows++;
    if (row === this.capacity) this.grow(this.capacity * 2);
    const numbers = this.numbers;
    numbers[NumberColumn.ts][row] = n.ts;
    numbers[NumberColumn.status][row] = n.status;
    numbers[NumberColumn.line][row] = line;
    numbers[NumberColumn.upstream_status][row] = n.upstream_status ?? NaN;
    // BIGINT: a fraction from a sloppy log is cut; beyond 64 bits is no byte count.
    const value = this.keepsBytesSent ? n.bytes_sent : null;
    const sent = value === null ? NaN : Math.trunc(value);
    numbers[NumberColumn.bytes_sent][row] = Math.abs(sent) < INT64_LIMIT ? sent : NaN;
    numbers[NumberColumn.request_time_s][row] = n.request_time_s ?? NaN;
    numbers[NumberColumn.upstream_time_s][row] = n.upstream_time_s ?? NaN;
    return row;
  }

  private addText(f: number, row: number, value: string): void {
    let out = this.texts[f];
    const start = this.textBytes[f];
    const bound = 3 * value.length + 4;
    if (start + bound > out.length) out = this.growText(f, bound);
    this.textBytes[f] = writeByteArray(out, start, value);
    this.valid[f][row >> 3] |= 1 << (row & 7);
  }

  private grow(rows: number): void {
    for (let c = 0; c < NUMBER_COLUMNS; c++) {
      const bigger = new Float64Array(rows);
      if (this.numbers[c] !== undefined) bigger.set(this.numbers[c]);
      this.numbers[c] = bigger;
    }
    // One bitmap per text column, and a last one for the numeric columns' levels.
    for (let f = 0; f <= STAGED_TEXTS.length; f++) {
      const bigger = new Uint8Array((rows + 7) >> 3);
      if (this.valid[f] !== undefined) bigger.set(this.valid[f]);
      this.valid[f] = bigger;
    }
    this.capacity = rows;
  }

  private growText(f: number, needed: number): Buffer {
    const inArena = this.textAt[f] >= 0;
    if (!inArena || !this.toArea(f, Math.max(2 * this.texts[f].length, this.textBytes[f] + needed))) {
      // A plain column, or one the arena has no more room for: a larger plain buffer.
      this.setText(f, grown(this.texts[f], this.textBytes[f], needed));
      this.textAt[f] = -1;
    }
    return this.texts[f];
  }

  /** Moves plain column f into the arena, if it has room (else no column tries again). */
  private intoArena(f: number): void {
    this.memory ??= tokenMemory();
    if (!this.toArea(f, this.texts[f].length)) this.arenaOpen = false;
  }

  /** Moves column f, its bytes so far kept, into a new area of room for size bytes; false when the arena has no such room. */
  private toArea(f: number, size: number): boolean {
    const memory = this.memory!;
    const at = memory.areaWith(this.texts[f], this.textBytes[f], size);
    if (at < 0) return false;
    this.textAt[f] = at;
    this.textSize[f] = size;
    this.setText(f, memory.view(at, size));
    return true;
  }

  /** Makes the areas' buffers again if memory grew since they were made (a library caller's long line). */
  private current(): void {
    const memory = this.memory;
    if (memory === null || memory.generation === this.generation) return;
    for (let f = 0; f < STAGED_TEXTS.length; f++) if (this.textAt[f] >= 0) this.setText(f, memory.view(this.textAt[f], this.textSize[f]));
    this.generation = memory.generation;
  }

  private setText(f: number, buffer: Buffer): void {
    this.texts[f] = buffer;
    this.textViews[f] = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
}
