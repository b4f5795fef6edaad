/**
 * A tiny, dependency-free Protocol Buffers *writer* — just enough of the wire format to
 * serialise an ONNX ModelProto. Fields are written in the order they are added, so the
 * output is byte-for-byte deterministic.
 *
 * Wire types used: 0 (varint) and 2 (length-delimited). 64-bit integers are encoded from
 * `bigint`s so values up to 2^63 are exact; negative int64 values use the 10-byte two's
 * complement form required by the spec.
 */

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

function varint(value: bigint): number[] {
  let v = value < 0n ? BigInt.asUintN(64, value) : value;
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

const textEncoder = new TextEncoder();

/** Builds one protobuf message. Chain the typed field writers, then call `bytes()`. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];

  private tag(field: number, wire: number): void {
    this.parts.push(Uint8Array.from(varint(BigInt((field << 3) | wire))));
  }

  /** int32 / int64 / enum / bool field (varint). */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.parts.push(Uint8Array.from(varint(BigInt(value))));
    return this;
  }

  /** bytes field. */
  raw(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.parts.push(Uint8Array.from(varint(BigInt(value.byteLength))));
    this.parts.push(value);
    return this;
  }

  /** string field (UTF-8). */
  string(field: number, value: string): this {
    return this.raw(field, textEncoder.encode(value));
  }

  /** Embedded message field. */
  message(field: number, value: ProtoWriter): this {
    return this.raw(field, value.bytes());
  }

  /** Packed repeated int64 field. */
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const body: number[] = [];
    for (const v of values) body.push(...varint(BigInt(v)));
    return this.raw(field, Uint8Array.from(body));
  }

  bytes(): Uint8Array {
    let length = 0;
    for (const p of this.parts) length += p.byteLength;
    const out = new Uint8Array(length);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return out;
  }
}
