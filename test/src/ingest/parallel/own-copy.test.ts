import { describe, expect, it } from 'vitest';
import { COPY_BELOW_BYTES_PER_LINE, OwnCopy } from '../../../../src/ingest/parallel/own-copy.js';

const shared = (text: string): Buffer => {
  const bytes = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(text)));
  bytes.write(text);
  return bytes;
};

describe("a parse worker's own copy of a chunk", () => {
  it('parses the first chunk in place: nothing is known of its lines yet', () => {
    const chunk = shared('a\nb\n');
    expect(new OwnCopy().of(chunk)).toBe(chunk);
  });

  it('copies chunks once the lines so far are short, into one buffer reused', () => {
    const copies = new OwnCopy();
    copies.parsed(200 * 10, 10);
    const first = shared('x'.repeat(99) + '\n');
    const copy = copies.of(first);
    expect(copy).not.toBe(first);
    expect(copy.buffer instanceof SharedArrayBuffer).toBe(false);
    expect(Buffer.from(copy).toString()).toBe(first.toString());
    const second = copies.of(shared('short\n'));
    expect(second.buffer).toBe(copy.buffer);
    expect(Buffer.from(second).toString()).toBe('short\n');
    const longer = copies.of(shared('y'.repeat(5000)));
    expect(longer.byteLength).toBe(5000);
    expect(Buffer.from(longer).toString()).toBe('y'.repeat(5000));
  });

  it(`parses in place while the lines so far average ${COPY_BELOW_BYTES_PER_LINE} bytes or more`, () => {
    const copies = new OwnCopy();
    copies.parsed(COPY_BELOW_BYTES_PER_LINE * 4, 4);
    const chunk = shared('a long line\n');
    expect(copies.of(chunk)).toBe(chunk);
    copies.parsed(0, 4); // the average halves
    expect(copies.of(chunk)).not.toBe(chunk);
  });
});
