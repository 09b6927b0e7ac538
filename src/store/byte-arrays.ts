/**
 * The text columns' PLAIN byte arrays (a 4-byte length, then the UTF-8 bytes), as the
 * encoder and the endpoint column write them, and the buffers that grow to hold them.
 */
import { writeLength } from './staging-format.js';

/**
 * value as a byte array at out[at] (room for 4 + 3 * value.length bytes); returns where
 * it ends. Short ASCII text is copied in JavaScript: Buffer.write's call cost
 * dominated it.
 */
export function writeByteArray(out: Buffer, at: number, value: string): number {
  let written = 0;
  if (value.length <= 32) {
    for (let p = at + 4; written < value.length; written++) {
      const c = value.charCodeAt(written);
      if (c >= 0x80) break;
      out[p++] = c;
    }
  }
  if (written < value.length) written = out.write(value, at + 4, 'utf8');
  writeLength(out, at, written);
  return at + 4 + written;
}

/** A larger copy of buffer's first `used` bytes, with room for `needed` more: at least twice its size. */
export function grown(buffer: Buffer, used: number, needed: number): Buffer<ArrayBuffer> {
  const bigger = Buffer.allocUnsafeSlow(Math.max(2 * buffer.length, used + needed));
  buffer.copy(bigger, 0, 0, used);
  return bigger;
}
