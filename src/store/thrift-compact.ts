/**
 * The part of Thrift's compact protocol that Parquet metadata needs (page headers and
 * the file footer): structs of booleans, i32, i64, binary, lists and nested structs. Written
 * from the specification (thrift/doc/specs/thrift-compact-protocol.md): a field header
 * is one byte holding the field-id delta and the type; integers are zigzag varints;
 * a struct ends with a zero byte.
 */

export const enum CompactType { True = 1, False = 2, I32 = 5, I64 = 6, Binary = 8, List = 9, Struct = 12 }

export class ThriftWriter {
  private bytes: number[] = [];
  /** What came before `bytes`: earlier bytes, and structs encoded elsewhere, kept whole. */
  private readonly done: Uint8Array[] = [];
  private doneLength = 0;
  /** The last field id of each open struct (ids are written as deltas). */
  private lastIds: number[] = [0];

  /** The bytes written so far. */
  toBuffer(): Buffer {
    return this.done.length === 0 ? Buffer.from(this.bytes) : Buffer.concat([...this.done, Buffer.from(this.bytes)]);
  }

  get length(): number {
    return this.doneLength + this.bytes.length;
  }

  i32(id: number, value: number): this {
    this.field(id, CompactType.I32);
    this.varint(zigzag(value));
    return this;
  }

  i64(id: number, value: number): this {
    this.field(id, CompactType.I64);
    this.varint(zigzag(value));
    return this;
  }

  string(id: number, value: string): this {
    return this.bytesField(id, Buffer.from(value, 'utf8'));
  }

  /** A binary field of raw bytes (Parquet statistics hold values in their PLAIN encoding). */
  bytesField(id: number, value: Uint8Array): this {
    this.field(id, CompactType.Binary);
    this.binary(value);
    return this;
  }

  /** A boolean field: the compact protocol keeps the value in the field header's type. */
  bool(id: number, value: boolean): this {
    this.field(id, value ? CompactType.True : CompactType.False);
    return this;
  }

  /** A nested struct: write its fields in `body`. */
  struct(id: number, body: (w: this) => void): this {
    this.field(id, CompactType.Struct);
    this.structBody(body);
    return this;
  }

  listOfI32(id: number, values: readonly number[]): this {
    this.field(id, CompactType.List);
    this.listHeader(values.length, CompactType.I32);
    for (const v of values) this.varint(zigzag(v));
    return this;
  }

  listOfStrings(id: number, values: readonly string[]): this {
    this.field(id, CompactType.List);
    this.listHeader(values.length, CompactType.Binary);
    for (const v of values) this.binary(Buffer.from(v, 'utf8'));
    return this;
  }

  /** A list of structs encoded already, each by structBody on a writer of its own. */
  listOfEncodedStructs(id: number, items: readonly Uint8Array[]): this {
    this.field(id, CompactType.List);
    this.listHeader(items.length, CompactType.Struct);
    this.keep(Buffer.from(this.bytes));
    this.bytes = [];
    for (const item of items) this.keep(item);
    return this;
  }

  listOfStructs<T>(id: number, items: readonly T[], body: (w: this, item: T) => void): this {
    this.field(id, CompactType.List);
    this.listHeader(items.length, CompactType.Struct);
    for (const item of items) this.structBody((w) => body(w, item));
    return this;
  }

  /** The fields of a top-level struct and its stop byte. */
  structBody(body: (w: this) => void): this {
    this.lastIds.push(0);
    body(this);
    this.bytes.push(0);
    this.lastIds.pop();
    return this;
  }

  private keep(bytes: Uint8Array): void {
    this.done.push(bytes);
    this.doneLength += bytes.length;
  }

  private field(id: number, type: CompactType): void {
    const top = this.lastIds.length - 1;
    const delta = id - this.lastIds[top];
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.varint(zigzag(id));
    }
    this.lastIds[top] = id;
  }

  private listHeader(size: number, type: CompactType): void {
    if (size < 15) this.bytes.push((size << 4) | type);
    else {
      this.bytes.push(0xf0 | type);
      this.varint(size);
    }
  }

  private binary(value: Uint8Array): void {
    this.varint(value.length);
    for (const b of value) this.bytes.push(b);
  }

  private varint(value: number): void {
    writeVarint(this.bytes, this.bytes.length, value);
  }
}

/**
 * An unsigned varint (ULEB128: seven bits a byte, low first) of a non-negative integer
 * up to 2^53, written at p; returns the end. Thrift's compact protocol and Parquet's
 * RLE run headers both use it. Plain arithmetic, not 32-bit shifts.
 */
export function writeVarint(out: number[] | Uint8Array, p: number, value: number): number {
  let v = value;
  while (v >= 128) {
    out[p++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  out[p++] = v;
  return p;
}

/** The bytes writeVarint takes for value. */
export function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 128; v = Math.floor(v / 128)) n++;
  return n;
}

/** Zigzag: small magnitudes of either sign become small unsigned numbers. */
function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}
