/**
 * Bytes four at a time through a DataView (the staging encoder's words), and short
 * byte strings compared in place (keys and names). The searches that once tested
 * words for special bytes in JavaScript are WebAssembly now (byte-tokens.wat).
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

/** Whether bytes[from, to) is word (a loop: Buffer.compare's call cost dominated short keys). */
export function sameBytes(word: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let i = 0; i < word.length; i++) if (word[i] !== bytes[from + i]) return false;
  return true;
}
