// A GGUF reader for the header, metadata and tensor infos (not the tensor data). Reads the file in
// chunks, so describing a 20 GB model reads only its first few megabytes.
import { closeSync, openSync, readSync } from 'node:fs';
import { GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GgufValueType, alignUp, scalarSize } from './format.ts';

export type GgufScalar = number | bigint | boolean | string;

/** A long array left unread: its element type and length only. */
export interface GgufSkippedArray {
  skipped: true;
  itemType: GgufValueType;
  length: number;
}

export type GgufMetadataValue = GgufScalar | GgufScalar[] | GgufSkippedArray;

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
  /** Offset of the tensor inside the data section. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Record<string, GgufMetadataValue>;
  tensors: GgufTensorInfo[];
  /** Absolute file offset of the data section. */
  dataOffset: number;
}

export class NotGgufError extends Error {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`${path}: not a GGUF file (${why})`);
    this.name = 'NotGgufError';
  }
}

/** Sequential reader over a file descriptor with a growable window. */
class FileCursor {
  private buf = Buffer.alloc(0);
  private bufStart = 0; // file offset of buf[0]
  pos = 0; // absolute file offset
  constructor(
    private readonly fd: number,
    private readonly path: string,
  ) {}

  private need(n: number): void {
    const end = this.pos + n;
    if (this.pos >= this.bufStart && end <= this.bufStart + this.buf.length) return;
    const size = Math.max(n, 1 << 20);
    const next = Buffer.alloc(size);
    const got = readSync(this.fd, next, 0, size, this.pos);
    if (got < n) throw new NotGgufError(this.path, `truncated at byte ${this.pos + got}`);
    this.buf = next.subarray(0, got);
    this.bufStart = this.pos;
  }
  /** Offset in `buf` of the next n bytes (refilling `buf` if needed); read `this.buf` only after calling it. */
  private at(n: number): number {
    this.need(n);
    const o = this.pos - this.bufStart;
    this.pos += n;
    return o;
  }
  u8() {
    const o = this.at(1);
    return this.buf.readUInt8(o);
  }
  i8() {
    const o = this.at(1);
    return this.buf.readInt8(o);
  }
  u16() {
    const o = this.at(2);
    return this.buf.readUInt16LE(o);
  }
  i16() {
    const o = this.at(2);
    return this.buf.readInt16LE(o);
  }
  u32() {
    const o = this.at(4);
    return this.buf.readUInt32LE(o);
  }
  i32() {
    const o = this.at(4);
    return this.buf.readInt32LE(o);
  }
  f32() {
    const o = this.at(4);
    return this.buf.readFloatLE(o);
  }
  f64() {
    const o = this.at(8);
    return this.buf.readDoubleLE(o);
  }
  u64(): bigint {
    const o = this.at(8);
    return this.buf.readBigUInt64LE(o);
  }
  i64(): bigint {
    const o = this.at(8);
    return this.buf.readBigInt64LE(o);
  }
  /** A u64 that must fit a JS number (lengths, counts). */
  count(what: string, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.u64();
    if (v > BigInt(max)) throw new NotGgufError(this.path, `${what} ${v} is implausible`);
    return Number(v);
  }
  str(): string {
    const n = this.count('string length', 1 << 30);
    const o = this.at(n);
    return this.buf.toString('utf8', o, o + n);
  }
  skip(n: number) {
    this.pos += n;
  }
  skipStr() {
    this.skip(this.count('string length', 1 << 30));
  }
}

/** u64/i64 values become numbers when they fit exactly. */
const narrow = (v: bigint): number | bigint => (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v);

function readScalar(c: FileCursor, type: GgufValueType, path: string): GgufScalar {
  switch (type) {
    case GgufValueType.UINT8:
      return c.u8();
    case GgufValueType.INT8:
      return c.i8();
    case GgufValueType.UINT16:
      return c.u16();
    case GgufValueType.INT16:
      return c.i16();
    case GgufValueType.UINT32:
      return c.u32();
    case GgufValueType.INT32:
      return c.i32();
    case GgufValueType.FLOAT32:
      return c.f32();
    case GgufValueType.FLOAT64:
      return c.f64();
    case GgufValueType.BOOL:
      return c.u8() !== 0;
    case GgufValueType.UINT64:
      return narrow(c.u64());
    case GgufValueType.INT64:
      return narrow(c.i64());
    case GgufValueType.STRING:
      return c.str();
    default:
      throw new NotGgufError(path, `unknown metadata value type ${type}`);
  }
}

export interface ReadGgufOptions {
  /** Arrays longer than this are skipped (vocabularies, merges); default 4096. Infinity reads all. */
  maxArrayLength?: number;
}

/** Read the header, metadata and tensor infos of a GGUF file. Throws NotGgufError for anything else. */
export function readGgufHeader(path: string, options: ReadGgufOptions = {}): GgufHeader {
  const maxArray = options.maxArrayLength ?? 4096;
  const fd = openSync(path, 'r');
  try {
    const c = new FileCursor(fd, path);
    let magic: number;
    try {
      magic = c.u32();
    } catch {
      throw new NotGgufError(path, 'the file is shorter than a GGUF header');
    }
    if (magic !== GGUF_MAGIC) throw new NotGgufError(path, 'it does not start with the "GGUF" magic');
    const version = c.u32();
    if (version < 2 || version > 3) throw new NotGgufError(path, `GGUF version ${version} is not supported (2 or 3 expected)`);
    const tensorCount = c.count('tensor count', 1 << 24);
    const kvCount = c.count('metadata count', 1 << 24);
    const metadata: Record<string, GgufMetadataValue> = {};
    for (let i = 0; i < kvCount; i++) {
      const key = c.str();
      const type = c.u32() as GgufValueType;
      if (type === GgufValueType.ARRAY) {
        const itemType = c.u32() as GgufValueType;
        const length = c.count('array length', 1 << 30);
        if (length > maxArray) {
          if (itemType === GgufValueType.STRING) for (let j = 0; j < length; j++) c.skipStr();
          else if (itemType === GgufValueType.ARRAY) throw new NotGgufError(path, `nested array in ${key}`);
          else c.skip(length * scalarSize(itemType));
          metadata[key] = { skipped: true, itemType, length };
        } else {
          const items: GgufScalar[] = [];
          for (let j = 0; j < length; j++) items.push(readScalar(c, itemType, path));
          metadata[key] = items;
        }
      } else {
        metadata[key] = readScalar(c, type, path);
      }
    }
    const tensors: GgufTensorInfo[] = [];
    for (let i = 0; i < tensorCount; i++) {
      const name = c.str();
      const nDims = c.u32();
      if (nDims > 8) throw new NotGgufError(path, `tensor ${name} has ${nDims} dimensions`);
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) dims.push(c.count('tensor dimension'));
      const type = c.u32();
      const offset = c.count('tensor offset');
      tensors.push({ name, dims, type, offset });
    }
    const alignment = typeof metadata['general.alignment'] === 'number' ? metadata['general.alignment'] : GGUF_DEFAULT_ALIGNMENT;
    return { version, metadata, tensors, dataOffset: alignUp(c.pos, alignment) };
  } finally {
    closeSync(fd);
  }
}

/** Check the magic and the version (the first 8 bytes); throws NotGgufError. */
export function checkGgufStart(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(8);
    const got = readSync(fd, b, 0, 8, 0);
    if (got >= 4 && b.readUInt32LE(0) !== GGUF_MAGIC) throw new NotGgufError(path, 'it does not start with the "GGUF" magic');
    if (got < 8) throw new NotGgufError(path, 'the file is shorter than a GGUF header');
    const version = b.readUInt32LE(4);
    if (version < 2 || version > 3) throw new NotGgufError(path, `GGUF version ${version} is not supported (2 or 3 expected)`);
  } finally {
    closeSync(fd);
  }
}

/** Read the first 4 bytes: is this a GGUF file at all? */
export function isGgufFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.readUInt32LE(0) === GGUF_MAGIC;
  } finally {
    closeSync(fd);
  }
}

export const metaString = (h: GgufHeader, key: string): string | undefined => {
  const v = h.metadata[key];
  return typeof v === 'string' ? v : undefined;
};
export const metaNumber = (h: GgufHeader, key: string): number | undefined => {
  const v = h.metadata[key];
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
};
export const metaBool = (h: GgufHeader, key: string): boolean | undefined => {
  const v = h.metadata[key];
  return typeof v === 'boolean' ? v : undefined;
};
