/**
 * The WebAssembly tokenizer and JSON reader (byte-tokens.wat) and their memory, one
 * instance per thread (a worker loads its own modules). They read only their own memory, so lines
 * are copied into it first, while the parsers go on reading them from their own
 * buffer: a parse worker copies its chunk 16 KB at a time (openChunk), which is still
 * in the cache when its lines are tokenized (docs/performance.md, fifteenth round: a
 * copy per line 1.94 us a line, windows of 16 KB 1.87; the chunk copied into memory
 * whole and read from there by the parsers too, 1.87).
 *
 * Layout: the first page holds the slots the tokenizer and the JSON reader write to,
 * one per ByteTokens and one per thread for the JSON reader (member-slot.ts; more
 * pages are added at the end when it is full); the scratch area for lines comes after
 * it, as large as the longest line an ingest parses (SCRATCH_BYTES), and moves to the
 * end of memory when a longer line (a library caller's) needs more room; then the
 * arena: the staging encoders' text columns, nginx's kept time and the JSON reader's
 * key memo (ARENA_BYTES). Growing memory detaches every view of it made before:
 * `generation` counts the growths, and the slots' views are remade after one.
 */
import { BYTE_TOKENS_WASM } from './byte-tokens-wasm.js';

const PAGE = 64 * 1024;
/** Tokens one call of the tokenizer writes at most; a line with more takes several calls. */
export const TOKEN_CAP = 256;
/** A token's start and end (i32) and its kind and flags (u8). */
const SLOT_BYTES = TOKEN_CAP * 10;
/**
 * Members one call of the JSON reader writes at most (a line with more is left to
 * JSON.parse, json-scan.ts): a member's key and value bounds (four i32) and its kind
 * (u8) fit a token slot.
 */
export const MEMBER_CAP = Math.floor(SLOT_BYTES / 17);
/** The tokenizer loads sixteen bytes at a time, also where fewer are left before an end. */
const SLACK = 16;
/**
 * The scratch area's size at first: the longest line the ingest hands a parser
 * (MAX_LINE_BYTES_LIMIT, src/ingest/line-guard.ts), so that no ingest grows memory.
 * Growing detaches the memory's old ArrayBuffer, and a thread where any ArrayBuffer was
 * ever detached reads every typed array more slowly: one 100 KB line made a parse
 * worker 10% slower for the rest of its run (1.88-1.93 against 2.08-2.10 us a line;
 * docs/performance.md, fifteenth round). Pages never written cost no memory.
 */
const SCRATCH_BYTES = 4 * 1024 * 1024;
/**
 * Memory for the staging encoders' text columns (src/store/row-group-encoder.ts), so
 * that a span of a tokenized line is copied into its column here, sixteen bytes a
 * step (copyText). Made with the rest, never grown (see SCRATCH_BYTES); pages that are
 * never written cost nothing.
 */
const ARENA_BYTES = 32 * 1024 * 1024;
/** The part of an open chunk copied into memory at a time (openChunk). */
const WINDOW_BYTES = 16 * 1024;
/** Lines up to this long are copied byte by byte: a call into set() costs more. */
const LOOP_COPY_BYTES = 64;

interface TokenizerExports {
  resume: WebAssembly.Global;
  read(start: number, end: number, bias: number, out: number, cap: number): number;
  copyText(src: number, length: number, dst: number): number;
  same(a: number, b: number, length: number): number;
  members(start: number, end: number, bias: number, out: number, cap: number, memo: number): number;
}

let compiled: WebAssembly.Module | undefined;

export class TokenMemory {
  /** The tokenizer: see byte-tokens.wat for its arguments and results. */
  readonly read: TokenizerExports['read'];
  /** Copies memory[src, src + length) to dst; nonzero when a byte is not ASCII (byte-tokens.wat). */
  readonly copyText: TokenizerExports['copyText'];
  /** Whether memory[a, a + length) and memory[b, b + length) are the same bytes: 1 or 0 (byte-tokens.wat). */
  readonly same: TokenizerExports['same'];
  /** The JSON reader: see byte-tokens.wat for its arguments and results. */
  readonly members: TokenizerExports['members'];
  private readonly exports: TokenizerExports;
  /** The memory's ArrayBuffer since its last growth. */
  buffer: ArrayBuffer;
  /** How often memory has grown: views made under an earlier generation are detached. */
  generation = 0;
  private bytes: Uint8Array;
  private slotAt = 0;
  private slotPageEnd = PAGE;
  private scratchAt = PAGE;
  private readonly memory: WebAssembly.Memory;
  /** The chunk openChunk named, and the part of it the scratch area holds (none: windowTo -1). */
  private chunk: Uint8Array | null = null;
  private windowFrom = 0;
  private windowTo = -1;
  private scratchSize = SCRATCH_BYTES;
  /** The arena's free part: [arenaTop, arenaEnd). */
  private arenaTop: number;
  private readonly arenaEnd: number;

  constructor() {
    // node --jitless has no WebAssembly: say so, rather than fail on an undefined name.
    if (typeof WebAssembly === 'undefined') throw new Error('the nginx and ALB tokenizer needs WebAssembly, which this node does not provide (started with --jitless?)');
    compiled ??= new WebAssembly.Module(BYTE_TOKENS_WASM);
    // The slots' page, the scratch area and its slack, then the arena.
    this.arenaTop = PAGE * (1 + Math.ceil((SCRATCH_BYTES + SLACK) / PAGE));
    this.arenaEnd = this.arenaTop + ARENA_BYTES;
    this.memory = new WebAssembly.Memory({ initial: this.arenaEnd / PAGE });
    this.exports = new WebAssembly.Instance(compiled, { env: { memory: this.memory } }).exports as unknown as TokenizerExports;
    this.read = this.exports.read;
    this.copyText = this.exports.copyText;
    this.same = this.exports.same;
    this.members = this.exports.members;
    this.buffer = this.memory.buffer;
    this.bytes = new Uint8Array(this.buffer);
  }

  /** Where the last call that returned -2 (more tokens than room) stopped. */
  get resume(): number {
    return this.exports.resume.value as number;
  }

  /** A slot of its own for a ByteTokens, or the thread's JSON reader (MemberSlot): its offset in memory. */
  slot(): number {
    if (this.slotAt + SLOT_BYTES > this.slotPageEnd) {
      // The first page is full (the parsers need two slots; tests make more): a new page at the end.
      this.slotAt = this.grow(PAGE);
      this.slotPageEnd = this.slotAt + PAGE;
    }
    const at = this.slotAt;
    this.slotAt += SLOT_BYTES;
    return at;
  }

  /**
   * From now until closeChunk, lines of `bytes` (the very object) are copied into
   * memory a window of lines at a time rather than one by one: one copy of
   * WINDOW_BYTES, still in the cache when its lines are tokenized, for dozens of them.
   * `bytes` must not change meanwhile (a parse worker's chunk).
   */
  openChunk(bytes: Uint8Array): void {
    this.chunk = bytes;
    this.windowTo = -1;
  }

  closeChunk(): void {
    this.chunk = null;
    this.windowTo = -1;
  }

  /** Where bytes[start, end) is in memory, copied there if it is not yet. */
  locate(bytes: Uint8Array, start: number, end: number): number {
    if (bytes !== this.chunk) return this.toScratch(bytes, start, end);
    if (start < this.windowFrom || end > this.windowTo) {
      const to = Math.min(bytes.length, start + Math.max(WINDOW_BYTES, end - start));
      this.toScratch(bytes, start, to);
      this.windowFrom = start;
      this.windowTo = to;
    }
    return this.scratchAt + start - this.windowFrom;
  }

  /** Copies bytes[start, end) into the scratch area; returns where they start in memory. */
  private toScratch(bytes: Uint8Array, start: number, end: number): number {
    this.windowTo = -1;
    const length = end - start;
    if (length > this.scratchSize) this.growScratch(length);
    const at = this.scratchAt;
    if (length <= LOOP_COPY_BYTES) {
      const memory = this.bytes;
      for (let i = 0; i < length; i++) memory[at + i] = bytes[start + i];
    } else {
      // A plain Uint8Array view: a Buffer's subarray() runs Buffer's constructor.
      this.bytes.set(new Uint8Array(bytes.buffer, bytes.byteOffset + start, length), at);
    }
    return at;
  }

  /**
   * An area of the arena with room for `size` bytes, and SLACK more for copyText's
   * overreach: its offset, or -1 when the arena has no such room (the caller keeps its
   * data in its own memory then). Areas are never given back: an encoder's columns
   * keep theirs from chunk to chunk, and a column that outgrows its area takes one
   * twice as large, so the arena's space wasted stays below what is in use.
   */
  area(size: number): number {
    // A size that is not a whole number would take no room, and the next area would overlap this one.
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`tokenizer memory: an area of ${size} bytes`);
    const at = this.arenaTop;
    const end = at + ((size + SLACK + 15) & ~15);
    if (end > this.arenaEnd) return -1;
    this.arenaTop = end;
    return at;
  }

  /**
   * An area of room for size bytes (area) that holds the first `used` bytes of source:
   * a buffer of its own, or the view of an earlier area, which a column outgrew. Its
   * offset, or -1 when the arena has no such room.
   */
  areaWith(source: Uint8Array, used: number, size: number): number {
    const at = this.area(size);
    if (at >= 0) this.bytes.set(source.subarray(0, used), at);
    return at;
  }

  /** An instance of a module that imports this memory as `env.memory` (src/store/endpoint-wasm.ts). */
  instantiate(module: WebAssembly.Module): WebAssembly.Exports {
    return new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports;
  }

  /** A buffer over memory[at, at + size), valid until memory next grows (generation). */
  view(at: number, size: number): Buffer {
    return Buffer.from(this.buffer, at, size);
  }

  /** Copies memory[from, from + length) to `to`. */
  move(to: number, from: number, length: number): void {
    this.bytes.copyWithin(to, from, from + length);
  }

  /** Moves the scratch area to the end of memory, with room for length bytes or twice as many as before. */
  private growScratch(length: number): void {
    const size = Math.max(length, 2 * this.scratchSize);
    this.scratchAt = this.grow(size + SLACK);
    this.scratchSize = size;
  }

  /** Adds at least `bytes` bytes to memory; returns where they start. */
  private grow(bytes: number): number {
    const at = this.buffer.byteLength;
    this.memory.grow(Math.ceil(bytes / PAGE));
    this.buffer = this.memory.buffer;
    this.bytes = new Uint8Array(this.buffer);
    this.generation++;
    return at;
  }
}

let threadMemory: TokenMemory | undefined;

/** This thread's tokenizer and memory, made on first use. */
export function tokenMemory(): TokenMemory {
  return (threadMemory ??= new TokenMemory());
}
