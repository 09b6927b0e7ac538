/**
 * The values of one numeric staging column, written as a PLAIN Parquet page body
 * (little-endian INT32, INT64 or DOUBLE; nulls, NaN while collecting, are left out: the
 * page's definition levels say where they were). One loop per type through a
 * DataView: Buffer's write methods check their arguments on every call, and cost more
 * than the copy (docs/performance.md).
 */
import { Physical, uniformLevels, writeLevels } from './staging-format.js';

const TWO_32 = 4294967296;

/**
 * A numeric column's page body at p: for an optional column (levels: a bitmap to use,
 * of at least (rows + 7) >> 3 bytes, and the column's null count) its definition
 * levels, then the values present. Returns where the page ends.
 */
export function writeNumberPage(out: Buffer, view: DataView, p: number, values: Float64Array, rows: number, type: Physical, levels: { bits: Uint8Array; nulls: number } | null): number {
  if (levels !== null) {
    const { bits, nulls } = levels;
    if (!uniformLevels(rows, nulls)) {
      bits.fill(0, 0, (rows + 7) >> 3);
      markPresent(values, rows, bits);
    }
    p = writeLevels(out, p, bits, rows, nulls);
  }
  return writeNumbers(view, p, values, rows, type, levels !== null);
}

/**
 * Sets the bit of each row whose value is present (NaN marks a null while collecting).
 * A function of its own, with nothing after its loop: V8 compiles a loop on its first
 * long run (on-stack replacement), before the code after it has ever run, and a call
 * after this loop in the page writer left the compiled loop on every later page (330
 * times in a run over 2M nginx lines).
 */
function markPresent(values: Float64Array, rows: number, bits: Uint8Array): void {
  for (let row = 0; row < rows; row++) if (!Number.isNaN(values[row])) bits[row >> 3] |= 1 << (row & 7);
}

/** Writes values[0, rows) at p; returns where the page ends. A required column has every value (a NaN there fails loudly). */
export function writeNumbers(view: DataView, p: number, values: Float64Array, rows: number, type: Physical, optional: boolean): number {
  if (type === Physical.Double) {
    for (let row = 0; row < rows; row++) {
      const v = values[row];
      if (optional && Number.isNaN(v)) continue;
      view.setFloat64(p, v, true);
      p += 8;
    }
  } else if (type === Physical.Int32) {
    for (let row = 0; row < rows; row++) {
      const v = values[row];
      if (optional && Number.isNaN(v)) continue;
      if ((v | 0) !== v) throw new RangeError(`staging: ${v} is not a 32-bit integer`);
      view.setInt32(p, v, true);
      p += 4;
    }
  } else {
    for (let row = 0; row < rows; row++) {
      const v = values[row];
      if (optional && Number.isNaN(v)) continue;
      if (v >= 0 && v <= Number.MAX_SAFE_INTEGER) {
        const high = Math.floor(v / TWO_32);
        view.setUint32(p, v - high * TWO_32, true);
        view.setUint32(p + 4, high, true);
      } else view.setBigInt64(p, BigInt(v), true); // throws for NaN in a required column
      p += 8;
    }
  }
  return p;
}
