import { describe, expect, it } from 'vitest';
import { combineStats, numberStats, textStats } from '../../../src/store/chunk-stats.js';

describe('column chunk statistics', () => {
  it('counts nulls (NaN) and bounds a bounded column, within the group\'s rows only', () => {
    const values = Float64Array.from([NaN, 5, -3, 7, NaN, 1000]);
    expect(numberStats(values, 5, true)).toEqual({ nulls: 2, min: -3, max: 7 });
    expect(numberStats(values, 5, false)).toEqual({ nulls: 2, min: NaN, max: NaN });
    expect(numberStats(Float64Array.from([NaN, NaN]), 2, true)).toEqual({ nulls: 2, min: NaN, max: NaN });
  });

  it('counts a text column\'s nulls from its validity bitmap', () => {
    // 11 rows: values in rows 0, 2, 3 and 9.
    const valid = Uint8Array.from([0b0000_1101, 0b0000_0010]);
    expect(textStats(valid, 11)).toEqual({ nulls: 7, min: NaN, max: NaN });
    expect(textStats(Uint8Array.from([255, 255]), 16)).toEqual({ nulls: 0, min: NaN, max: NaN });
  });

  it('combines parts: nulls add up, bounds widen, a part of nulls only bounds nothing', () => {
    expect(combineStats([{ nulls: 1, min: 200, max: 204 }, { nulls: 3, min: NaN, max: NaN }, { nulls: 0, min: 101, max: 299 }]))
      .toEqual({ nulls: 4, min: 101, max: 299 });
    expect(combineStats([{ nulls: 2, min: NaN, max: NaN }, { nulls: 5, min: NaN, max: NaN }])).toEqual({ nulls: 7, min: NaN, max: NaN });
  });
});
