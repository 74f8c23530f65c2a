// A GGUF v3 writer: metadata of every scalar/string/array type, tensors in F32, F16 or Q8_0.
import { writeFileSync } from 'node:fs';
import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VERSION,
  GgmlType,
  GgufValueType,
  Q8_0_BLOCK,
  Q8_0_BLOCK_BYTES,
  alignUp,
  float32ToFloat16Bits,
  tensorBytes,
  type GgufValue,
} from './format.ts';

export interface GgufTensor {
  name: string;
  /** ggml order: innermost (row length) first. A [n_out × n_in] matrix is dims [n_in, n_out]. */
  dims: number[];
  type: GgmlType;
  /** Values in row-major order of the ggml dims (dims[0] varies fastest). */
  data: Float32Array;
}

export interface GgufFile {
  /** Metadata in writing order. `general.alignment` is honoured when present. */
  metadata: [string, GgufValue][];
  tensors: GgufTensor[];
}

class ByteSink {
  private buf: Buffer;
  pos = 0;
  constructor(size: number) {
    this.buf = Buffer.alloc(size);
  }
  private ensure(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  u8(v: number) {
    this.ensure(1);
    this.buf.writeUInt8(v, this.pos);
    this.pos += 1;
  }
  i8(v: number) {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
  }
  u16(v: number) {
    this.ensure(2);
    this.buf.writeUInt16LE(v, this.pos);
    this.pos += 2;
  }
  i16(v: number) {
    this.ensure(2);
    this.buf.writeInt16LE(v, this.pos);
    this.pos += 2;
  }
  u32(v: number) {
    this.ensure(4);
    this.buf.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }
  i32(v: number) {
    this.ensure(4);
    this.buf.writeInt32LE(v, this.pos);
    this.pos += 4;
  }
  f32(v: number) {
    this.ensure(4);
    this.buf.writeFloatLE(v, this.pos);
    this.pos += 4;
  }
  f64(v: number) {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }
  u64(v: number | bigint) {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.pos);
    this.pos += 8;
  }
  i64(v: number | bigint) {
    this.ensure(8);
    this.buf.writeBigInt64LE(BigInt(v), this.pos);
    this.pos += 8;
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  str(s: string) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.bytes(b);
  }
  padTo(alignment: number) {
    const target = alignUp(this.pos, alignment);
    this.ensure(target - this.pos);
    this.pos = target; // the buffer is zero-filled
  }
  result(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

function writeScalar(sink: ByteSink, type: GgufValueType, v: number | bigint | boolean | string): void {
  switch (type) {
    case GgufValueType.UINT8:
      return sink.u8(Number(v));
    case GgufValueType.INT8:
      return sink.i8(Number(v));
    case GgufValueType.UINT16:
      return sink.u16(Number(v));
    case GgufValueType.INT16:
      return sink.i16(Number(v));
    case GgufValueType.UINT32:
      return sink.u32(Number(v));
    case GgufValueType.INT32:
      return sink.i32(Number(v));
    case GgufValueType.FLOAT32:
      return sink.f32(Number(v));
    case GgufValueType.FLOAT64:
      return sink.f64(Number(v));
    case GgufValueType.BOOL:
      return sink.u8(v ? 1 : 0);
    case GgufValueType.UINT64:
      return sink.u64(typeof v === 'bigint' ? v : Number(v));
    case GgufValueType.INT64:
      return sink.i64(typeof v === 'bigint' ? v : Number(v));
    case GgufValueType.STRING:
      return sink.str(String(v));
    default:
      throw new Error(`cannot write a GGUF value of type ${type} as a scalar`);
  }
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  sink.u32(value.type);
  if (value.type === GgufValueType.ARRAY) {
    sink.u32(value.itemType);
    sink.u64(value.value.length);
    for (const item of value.value) writeScalar(sink, value.itemType, item);
    return;
  }
  writeScalar(sink, value.type, value.value);
}

// Tensor data is little-endian; typed arrays use the platform's order, which is little-endian on every
// platform llama.cpp's prebuilt binaries exist for (checked once below).
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encodeTensor(sink: ByteSink, t: GgufTensor): void {
  if (!LITTLE_ENDIAN) throw new Error('the GGUF writer needs a little-endian platform');
  const { data } = t;
  switch (t.type) {
    case GgmlType.F32:
      sink.bytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return;
    case GgmlType.F16: {
      const half = new Uint16Array(data.length);
      for (let i = 0; i < data.length; i++) half[i] = float32ToFloat16Bits(data[i]!);
      sink.bytes(new Uint8Array(half.buffer));
      return;
    }
    case GgmlType.Q8_0: {
      // Per block of 32: scale d = max|x| / 127 (stored as f16), q = round(x / d).
      const out = new DataView(new ArrayBuffer((data.length / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES));
      let o = 0;
      for (let b = 0; b < data.length; b += Q8_0_BLOCK) {
        let amax = 0;
        for (let i = 0; i < Q8_0_BLOCK; i++) amax = Math.max(amax, Math.abs(data[b + i]!));
        const d = amax / 127;
        const inv = d === 0 ? 0 : 1 / d;
        out.setUint16(o, float32ToFloat16Bits(d), true);
        o += 2;
        for (let i = 0; i < Q8_0_BLOCK; i++) {
          // roundf: halves away from zero, as llama.cpp quantizes
          const x = data[b + i]! * inv;
          out.setInt8(o++, Math.max(-127, Math.min(127, Math.sign(x) * Math.round(Math.abs(x)))));
        }
      }
      sink.bytes(new Uint8Array(out.buffer));
      return;
    }
  }
}

/** Encode a GGUF file in memory. */
export function encodeGguf(file: GgufFile): Buffer {
  const alignEntry = file.metadata.find(([k]) => k === 'general.alignment');
  const alignment = alignEntry && typeof alignEntry[1].value === 'number' ? alignEntry[1].value : GGUF_DEFAULT_ALIGNMENT;
  const names = new Set<string>();
  for (const t of file.tensors) {
    if (names.has(t.name)) throw new Error(`duplicate tensor name ${t.name}`);
    names.add(t.name);
    const n = t.dims.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`tensor ${t.name}: dims ${t.dims.join('×')} hold ${n} values, data has ${t.data.length}`);
    if (t.type === GgmlType.Q8_0 && t.dims[0]! % Q8_0_BLOCK !== 0) throw new Error(`tensor ${t.name}: Q8_0 rows must be a multiple of ${Q8_0_BLOCK}`);
  }
  // Offsets of each tensor inside the data section.
  const offsets: number[] = [];
  let dataSize = 0;
  for (const t of file.tensors) {
    offsets.push(dataSize);
    dataSize = alignUp(dataSize + tensorBytes(t.type, t.data.length), alignment);
  }
  const sink = new ByteSink(1 << 16);
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(file.tensors.length);
  sink.u64(file.metadata.length);
  for (const [key, value] of file.metadata) {
    sink.str(key);
    writeValue(sink, value);
  }
  file.tensors.forEach((t, i) => {
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.type);
    sink.u64(offsets[i]!);
  });
  sink.padTo(alignment);
  const dataStart = sink.pos;
  file.tensors.forEach((t, i) => {
    sink.padTo(alignment);
    if (sink.pos - dataStart !== offsets[i]) throw new Error(`internal: tensor ${t.name} misplaced`);
    encodeTensor(sink, t);
  });
  sink.padTo(alignment);
  return sink.result();
}

export function writeGguf(path: string, file: GgufFile): number {
  const bytes = encodeGguf(file);
  writeFileSync(path, bytes);
  return bytes.length;
}
