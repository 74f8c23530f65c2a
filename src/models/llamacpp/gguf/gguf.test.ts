import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GgmlType, GgufValueType, float16BitsToFloat32, float32ToFloat16Bits, gguf } from './format.ts';
import { NotGgufError, isGgufFile, readGgufHeader } from './read.ts';
import { encodeGguf } from './write.ts';

const dir = mkdtempSync(join(tmpdir(), 'sale-gguf-'));

describe('half precision', () => {
  it('converts exactly representable values and rounds to nearest even', () => {
    for (const v of [0, 1, -2, 0.5, 65504, -1023 * 2 ** -24, 2 ** -24, 2 ** -14, 1 / 1024]) expect(float16BitsToFloat32(float32ToFloat16Bits(v))).toBe(v);
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00); // overflow → +Inf
    expect(float32ToFloat16Bits(1e-9)).toBe(0); // underflow → 0
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    expect(float16BitsToFloat32(float32ToFloat16Bits(1 + 2 ** -11))).toBe(1);
    expect(float16BitsToFloat32(float32ToFloat16Bits(1 + 3 * 2 ** -11))).toBe(1 + 2 * 2 ** -10);
    expect(Math.abs(float16BitsToFloat32(float32ToFloat16Bits(Math.PI)) - Math.PI)).toBeLessThan(1e-3);
  });
});

describe('GGUF writer and reader', () => {
  const file = {
    metadata: [
      ['general.architecture', gguf.str('qwen3')],
      ['general.alignment', gguf.u32(32)],
      ['a.u32', gguf.u32(4_000_000_000)],
      ['a.i32', gguf.i32(-7)],
      ['a.u64', gguf.u64(2n ** 40n)],
      ['a.f32', gguf.f32(0.25)],
      ['a.bool', gguf.bool(true)],
      ['a.u8', { type: GgufValueType.UINT8, value: 255 }],
      ['a.i16', { type: GgufValueType.INT16, value: -300 }],
      ['a.f64', { type: GgufValueType.FLOAT64, value: Math.E }],
      ['a.unicode', gguf.str('Ġ ĊĊ <think> é')],
      ['a.strings', gguf.strings(['x', '', 'yz'])],
      ['a.ints', gguf.i32s([1, -2, 3])],
      ['a.long', gguf.i32s(Array.from({ length: 5000 }, (_, i) => i))],
    ] as const,
    tensors: [
      { name: 'f32', dims: [3, 2], type: GgmlType.F32, data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: 'f16', dims: [5], type: GgmlType.F16, data: Float32Array.from([0.5, -1, 2, 0, 8]) },
      { name: 'q8', dims: [32, 2], type: GgmlType.Q8_0, data: Float32Array.from({ length: 64 }, (_, i) => (i - 32) / 8) },
    ],
  };
  const bytes = encodeGguf({ metadata: file.metadata.map(([k, v]) => [k, v]), tensors: file.tensors });
  const path = join(dir, 'roundtrip.gguf');
  writeFileSync(path, bytes);

  it('reads back every metadata type, and skips long arrays unless asked', () => {
    const h = readGgufHeader(path);
    expect(h.version).toBe(3);
    expect(h.metadata).toMatchObject({
      'general.architecture': 'qwen3',
      'a.u32': 4_000_000_000,
      'a.i32': -7,
      'a.u64': 2 ** 40,
      'a.f32': 0.25,
      'a.bool': true,
      'a.u8': 255,
      'a.i16': -300,
      'a.f64': Math.E,
      'a.unicode': 'Ġ ĊĊ <think> é',
      'a.strings': ['x', '', 'yz'],
      'a.ints': [1, -2, 3],
    });
    expect(h.metadata['a.long']).toEqual({ skipped: true, itemType: GgufValueType.INT32, length: 5000 });
    const all = readGgufHeader(path, { maxArrayLength: Infinity });
    expect((all.metadata['a.long'] as number[]).at(-1)).toBe(4999);
  });

  it('lays tensors out aligned, with the sizes of their types', () => {
    const h = readGgufHeader(path);
    expect(h.tensors.map((t) => [t.name, t.dims, t.type])).toEqual([
      ['f32', [3, 2], GgmlType.F32],
      ['f16', [5], GgmlType.F16],
      ['q8', [32, 2], GgmlType.Q8_0],
    ]);
    expect(h.dataOffset % 32).toBe(0);
    for (const t of h.tensors) expect(t.offset % 32).toBe(0);
    // f32: 24 bytes → next at 32; f16: 10 bytes → next at 64; q8_0: 2 blocks × 34 bytes.
    expect(h.tensors.map((t) => t.offset)).toEqual([0, 32, 64]);
    expect(bytes.length).toBe(h.dataOffset + 64 + 96);
    // The data itself: f32 verbatim, f16 halves, q8_0 = f16 scale + 32 int8.
    expect(bytes.readFloatLE(h.dataOffset + 4 * 5)).toBe(6);
    expect(bytes.readUInt16LE(h.dataOffset + 32 + 2)).toBe(0xbc00); // -1
    const q = h.dataOffset + 64;
    const scale = float16BitsToFloat32(bytes.readUInt16LE(q));
    expect(scale).toBeCloseTo(4 / 127, 4); // max |x| of block 0 is 32/8 = 4
    expect(bytes.readInt8(q + 2)).toBe(-127);
    expect(bytes.readInt8(q + 2 + 16)).toBe(-64); // x = -16/8 = -2 → -63.5 → -64 (halves away from zero)
  });

  it('refuses Q8_0 rows that are not whole blocks, and mismatched data', () => {
    expect(() => encodeGguf({ metadata: [], tensors: [{ name: 'q', dims: [16, 2], type: GgmlType.Q8_0, data: new Float32Array(32) }] })).toThrow(/multiple of 32/);
    expect(() => encodeGguf({ metadata: [], tensors: [{ name: 't', dims: [4], type: GgmlType.F32, data: new Float32Array(3) }] })).toThrow(/hold 4 values/);
  });

  it('says why a file is not GGUF', () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'PK\u0003\u0004 not a model at all');
    expect(isGgufFile(junk)).toBe(false);
    expect(() => readGgufHeader(junk)).toThrow(NotGgufError);
    expect(() => readGgufHeader(junk)).toThrow(/does not start with the "GGUF" magic/);
    const tiny = join(dir, 'tiny.bin');
    writeFileSync(tiny, 'GG');
    expect(() => readGgufHeader(tiny)).toThrow(/shorter than a GGUF header/);
    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, bytes.subarray(0, 200));
    expect(isGgufFile(cut)).toBe(true);
    expect(() => readGgufHeader(cut)).toThrow(/truncated/);
  });
});
