import { describe, expect, it } from 'vitest';
import { ThriftWriter } from '../../../src/store/thrift-compact.js';

describe('ThriftWriter', () => {
  const items = [{ at: 4, rows: 10_000 }, { at: 1 << 40, rows: 3 }, { at: 0, rows: 0 }];
  const body = (w: ThriftWriter, item: { at: number; rows: number }): void => {
    w.i64(2, item.at).struct(3, (m) => m.i32(1, 6).listOfStrings(3, ['path'])).i64(9, item.rows);
  };

  it('writes a list of structs encoded elsewhere exactly as it writes the structs itself', () => {
    const direct = new ThriftWriter().structBody((w) => {
      w.i32(1, 1).i64(3, 10_003);
      w.listOfStructs(4, items, body);
      w.string(6, 'logcodes');
    });
    const encoded = items.map((item) => new ThriftWriter().structBody((w) => body(w, item)).toBuffer());
    const joined = new ThriftWriter().structBody((w) => {
      w.i32(1, 1).i64(3, 10_003);
      w.listOfEncodedStructs(4, encoded);
      w.string(6, 'logcodes');
    });
    expect(joined.toBuffer()).toEqual(direct.toBuffer());
    expect(joined.length).toBe(direct.toBuffer().length);
    // Field 6 follows field 4 as a delta of 2 in the same byte as its type (binary, 8).
    expect(joined.toBuffer().subarray(-11)).toEqual(Buffer.from([0x28, 8, ...Buffer.from('logcodes'), 0]));
  });
});
