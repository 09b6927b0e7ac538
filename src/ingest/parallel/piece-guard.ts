/**
 * The parallel reader's line cap (LineGuard's for the line-by-line path). It looks at
 * each piece of the byte stream as a whole, never line by line: the workers cut the
 * lines, number them and find the over-long ones themselves (chunk-parser.ts). The
 * main thread's per-line loop cost about 0.1 core-seconds over 2M nginx lines, on a
 * run that keeps both cores busy (docs/performance.md).
 *
 * What it still has to do here is bound memory: a line only ends at its newline, and a
 * line cut across pieces would otherwise be held whole until then. Of a line that
 * spans pieces, at most maxBytes + 1 bytes pass (one more than the limit, so that the
 * worker sees it is too long); the rest up to its newline is dropped. A line inside one
 * piece passes whole: the piece bounds its size.
 */
export class PieceGuard {
  /** Bytes of the line not finished yet (no newline seen), as read, dropped part included. */
  private lineBytes = 0;
  /** Bytes through the last newline seen, newline included, dropped parts included. */
  finishedBytes = 0;
  /** Bytes of a last line that had no newline, known once the input ended. */
  tailBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Passes piece's bytes to emit, in at most three runs (the dropped parts of over-long lines left out). */
  feed(piece: Buffer, emit: (bytes: Buffer) => void): void {
    const cap = this.maxBytes + 1;
    const first = piece.indexOf(10);
    if (first < 0) {
      // The whole piece continues the open line.
      const room = Math.max(0, cap - this.lineBytes);
      if (room >= piece.length) emit(piece);
      else if (room > 0) emit(piece.subarray(0, room));
      this.lineBytes += piece.length;
      return;
    }
    const last = piece.lastIndexOf(10);
    const tail = piece.length - last - 1;
    // The open line ends at `first`: its part before the cap (the rest is dropped)...
    const headKept = Math.min(first, Math.max(0, cap - this.lineBytes));
    // ...then every line up to the last newline, then the start of the next open line.
    const tailKept = Math.min(tail, cap);
    if (headKept === first && tailKept === tail) {
      emit(piece);
    } else {
      if (headKept > 0) emit(piece.subarray(0, headKept));
      emit(piece.subarray(first, last + 1 + tailKept));
    }
    this.finishedBytes += this.lineBytes + last + 1;
    this.lineBytes = tail;
  }

  /** The input ended: whatever was not followed by a newline is the tail line. */
  finish(): void {
    this.tailBytes = this.lineBytes;
  }
}
