import { describe, expect, it } from 'vitest';
import { writeNumbers } from '../../../src/store/number-pages.js';
import { Physical } from '../../../src/store/staging-format.js';

function written(values: number[], type: Physical, optional: boolean): Buffer {
  const out = Buffer.alloc(8 * values.length + 8);
  const end = writeNumbers(new DataView(out.buffer, out.byteOffset, out.byteLength), 0, Float64Array.from(values), values.length, type, optional);
  return out.subarray(0, end);
}

describe('writeNumbers', () => {
  it('writes little-endian values and leaves nulls out of optional columns', () => {
    const int32 = written([200, NaN, -1, 2 ** 31 - 1], Physical.Int32, true);
    expect([0, 4, 8].map((at) => int32.readInt32LE(at))).toEqual([200, -1, 2 ** 31 - 1]);
    expect(int32.length).toBe(12);
    const doubles = written([0.325, NaN, 1e-9], Physical.Double, true);
    expect([doubles.readDoubleLE(0), doubles.readDoubleLE(8)]).toEqual([0.325, 1e-9]);
    // Beyond 2^53 the value is written through BigInt; below, as two 32-bit halves.
    const int64 = written([1793491200225874, 2 ** 53 + 2, -5], Physical.Int64, false);
    expect([0, 8, 16].map((at) => int64.readBigInt64LE(at))).toEqual([1793491200225874n, 2n ** 53n + 2n, -5n]);
  });

  it('fails on a value its column cannot hold, and on a null in a required column', () => {
    expect(() => written([2 ** 31], Physical.Int32, false)).toThrow(RangeError);
    expect(() => written([1.5], Physical.Int32, false)).toThrow(RangeError);
    expect(() => written([NaN], Physical.Int64, false)).toThrow(RangeError);
  });
});
