/**
 * Reading a line four bytes at a time. The byte loops of the tokenizers cost about
 * 1 ns per byte; most bytes of a field are ordinary, and testing a 32-bit word for
 * the few special bytes at once (SWAR: "SIMD within a register") lets a loop skip
 * them in steps of four (docs/performance.md). A word that may hold a special byte
 * falls back to the byte loop, so the tests only need to never miss one.
 */

/** A DataView over the buffer a reader works on, remade only when the buffer changes (a chunk holds many lines). */
export class WordView {
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  of(bytes: Uint8Array): DataView<ArrayBufferLike> {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }
}

/** `c` repeated in the four bytes of a word, for hasByte. */
export const repeated = (c: number): number => (c * 0x01010101) >>> 0;

/**
 * Whether any byte of the word x equals the byte in `pattern` (repeated(c)). The
 * classic zero-byte test on x ^ pattern: a borrow can flag a byte above a real match,
 * never a word without one.
 */
export function hasByte(x: number, pattern: number): boolean {
  const v = x ^ pattern;
  return ((v - 0x01010101) & ~v & 0x80808080) !== 0;
}

/** Whether any byte of the word x is below 0x20 (a control character); bytes of 0x80 and above never count. */
export function hasControl(x: number): boolean {
  return ((x - 0x20202020) & ~x & 0x80808080) !== 0;
}

/** Whether bytes[from, to) is word (a loop: Buffer.compare's call cost dominated short keys). */
export function sameBytes(word: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let i = 0; i < word.length; i++) if (word[i] !== bytes[from + i]) return false;
  return true;
}
