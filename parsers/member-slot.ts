/**
 * Where the WebAssembly JSON reader (`members` in byte-tokens.wat) writes a line's
 * members, and its memo of the last line's keys: one of each per thread, shared by
 * every ByteMembers (json-scan.ts). A reader's results are read right after its call,
 * so one slot serves all; the memo belongs to the reader that used it last, and another
 * reader that takes it over clears it. Per reader, a parser made for each call (nginx
 * JSON with --field-map, in a library process that analyzes again and again) would
 * take memory for good each time, and grow the memory past its first page of slots.
 */
import { MEMBER_CAP, tokenMemory, type TokenMemory } from './token-memory.js';

/** The memo: 64 positions of 80 bytes (byte-tokens.wat), the key's length plus one first (0: none). */
export const MEMO_POSITIONS = 64;
const MEMO_ENTRY_BYTES = 80;

export class MemberSlot {
  keyFrom = new Int32Array(0);
  keyTo = new Int32Array(0);
  memberFrom = new Int32Array(0);
  memberTo = new Int32Array(0);
  memberKinds = new Uint8Array(0);
  /** The memory growths the views were made after. */
  private generation = -1;
  private owner: object | null = null;
  private readonly slot: number;
  /** Where the memo is (0: none, when the arena had no room: every key is looked up). */
  private readonly memo: number;

  private constructor(readonly memory: TokenMemory) {
    this.slot = memory.slot();
    this.memo = Math.max(0, memory.area(MEMO_POSITIONS * MEMO_ENTRY_BYTES));
  }

  /** Where the last line read is in the memory: its position in its bytes plus this. */
  delta = NaN;

  /** Reads bytes[start, end) for owner: the number of members, or a negative code (byte-tokens.wat). */
  read(owner: object, bytes: Uint8Array, start: number, end: number): number {
    const memory = this.memory;
    if (owner !== this.owner) this.claim(owner);
    const at = memory.locate(bytes, start, end);
    this.delta = at - start;
    const n = memory.members(at, at + end - start, start - at, this.slot, MEMBER_CAP, this.memo);
    if (this.generation !== memory.generation) this.view();
    return n;
  }

  /** Whether owner read the last line with the memo: false once another reader took it over (its keys at each position are gone). */
  owns(owner: object): boolean {
    return this.owner === owner;
  }

  /** The memo is owner's from now on, empty. */
  private claim(owner: object): void {
    if (this.memo !== 0) {
      const lengths = new Int32Array(this.memory.buffer, this.memo, (MEMO_POSITIONS * MEMO_ENTRY_BYTES) / 4);
      for (let m = 0; m < MEMO_POSITIONS; m++) lengths[(m * MEMO_ENTRY_BYTES) / 4] = 0;
    }
    this.owner = owner;
  }

  /** Points the arrays at the slot in the current memory (byte-tokens.wat's layout for `members`). */
  private view(): void {
    const { buffer } = this.memory;
    this.keyFrom = new Int32Array(buffer, this.slot, MEMBER_CAP);
    this.keyTo = new Int32Array(buffer, this.slot + 4 * MEMBER_CAP, MEMBER_CAP);
    this.memberFrom = new Int32Array(buffer, this.slot + 8 * MEMBER_CAP, MEMBER_CAP);
    this.memberTo = new Int32Array(buffer, this.slot + 12 * MEMBER_CAP, MEMBER_CAP);
    this.memberKinds = new Uint8Array(buffer, this.slot + 16 * MEMBER_CAP, MEMBER_CAP);
    this.generation = this.memory.generation;
  }

  private static thread: MemberSlot | null | undefined;

  /** This thread's slot, made on first use; null when this node has no WebAssembly (node --jitless). */
  static get(): MemberSlot | null {
    if (MemberSlot.thread === undefined) {
      try {
        MemberSlot.thread = new MemberSlot(tokenMemory());
      } catch {
        MemberSlot.thread = null;
      }
    }
    return MemberSlot.thread;
  }
}
