/**
 * Keys by their bytes, so that no key of a JSON line becomes a string
 * (json-scan.ts). Lines of one log repeat their keys in order: the WebAssembly reader
 * tells a key that is the same as the last line's at its position, and only a
 * different key is hashed and looked up here (find).
 */
import { sameBytes } from './byte-words.js';

/** Keys a line's members may have besides the wanted ones, learned as they come (bounded). */
const MAX_LEARNED_KEYS = 512;

/**
 * An open-addressing hash table of the wanted keys (indexes 0 .. wanted - 1) and of other keys as they are met
 * (indexes from `wanted`), which lets a reader predict a line's keys from the last.
 */
export class KeyTable {
  readonly wanted: number;
  private readonly encoded: Buffer[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(readonly keys: readonly string[]) {
    this.wanted = keys.length;
    let size = 16;
    while (size < (keys.length + MAX_LEARNED_KEYS) * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const key of keys) this.add(Buffer.from(key, 'utf8'));
  }

  private add(key: Buffer): number {
    let slot = KeyTable.hash(key, 0, key.length) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.encoded.push(key);
    this.slots[slot] = this.encoded.length;
    return this.encoded.length - 1;
  }

  private static hash(bytes: Uint8Array, from: number, to: number): number {
    let h = to - from;
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + bytes[i]) | 0;
    return h;
  }

  /** The index of the key bytes[from, to), learning it when new and there is room; else -1. */
  find(bytes: Uint8Array, from: number, to: number): number {
    for (let slot = KeyTable.hash(bytes, from, to) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      if (sameBytes(this.encoded[entry - 1], bytes, from, to)) return entry - 1;
    }
    return this.encoded.length < this.wanted + MAX_LEARNED_KEYS ? this.add(Buffer.from(bytes.subarray(from, to))) : -1;
  }
}
