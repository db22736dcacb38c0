import { describe, expect, it } from "vitest";
import { arrayStats, formatNumber, heatmapGrid, histogram, linePoints } from "./arraySummary";
import { flatIndex, float16, isNpy, NpyError, parseDtype, parseNpy, parsePyLiteral } from "./npy";

// Files written by numpy.lib.format.write_array (NumPy 2), base64.
const FILES = {
  f8_2x3: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAPh/AAAAAAAAAMAAAAAAAADwfwAAAAAAAPD/AAAAAAAAEEA=",
  be_i4_fortran: "k05VTVBZAgB0AAAAeydkZXNjcic6ICc+aTQnLCAnZm9ydHJhbl9vcmRlcic6IFRydWUsICdzaGFwZSc6ICgyLCAzKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAwAAAAEAAAAEAAAAAgAAAAU=",
  bool_v3: "k05VTVBZAwB0AAAAeydkZXNjcic6ICd8YjEnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoNCwpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAEB",
  f2: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAPAC4/3sAfg==",
  be_u8: "k05VTVBZAQB2AHsnZGVzY3InOiAnPnU4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAQAAAQAAAAAA",
  i8_scalar: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr5/////////w==",
  u1_empty: "k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDAsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo=",
  be_f4: "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo+gAAAwEAAAA==",
};

function bytes(name: keyof typeof FILES): Uint8Array {
  return Uint8Array.from(Buffer.from(FILES[name], "base64"));
}

/** Builds a v1 file by hand (for malformed headers). */
function handMade(header: string, data: number[] = []): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + h.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length & 0xff, h.length >> 8]);
  out.set(h, 10);
  out.set(data, 10 + h.length);
  return out;
}

describe("parseNpy", () => {
  it("reads a v1 little-endian float64 2-D array with NaN and infinities", () => {
    const a = parseNpy(bytes("f8_2x3"));
    expect(a.version).toEqual({ major: 1, minor: 0 });
    expect(a.dtype).toMatchObject({ name: "float64", kind: "float", itemSize: 8, littleEndian: true });
    expect(a.shape).toEqual([2, 3]);
    expect(a.fortranOrder).toBe(false);
    expect(a.size).toBe(6);
    expect(a.data).toBeInstanceOf(Float64Array);
    expect(Array.from(a.data as Float64Array)).toEqual([1.5, NaN, -2, Infinity, -Infinity, 4]);
    expect(a.header).toMatchObject({ descr: "<f8", fortran_order: false, shape: [2, 3] });
  });

  it("reads a v2 big-endian int32 array in Fortran order", () => {
    const a = parseNpy(bytes("be_i4_fortran"));
    expect(a.version.major).toBe(2);
    expect(a.dtype).toMatchObject({ name: "int32", littleEndian: false });
    expect(a.fortranOrder).toBe(true);
    expect(a.data).toBeInstanceOf(Int32Array);
    // np.arange(6).reshape(2, 3) in column-major order: 0 3 1 4 2 5
    expect(Array.from(a.data as Int32Array)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(a.data[flatIndex(a.shape, true, [0, 2])]).toBe(2);
    expect(a.data[flatIndex(a.shape, true, [1, 0])]).toBe(3);
  });

  it("reads a v3 bool array", () => {
    const a = parseNpy(bytes("bool_v3"));
    expect(a.version.major).toBe(3);
    expect(a.dtype.name).toBe("bool");
    expect(Array.from(a.data as Uint8Array)).toEqual([1, 0, 1, 1]);
  });

  it("widens float16 and reads big-endian float32 and uint64", () => {
    expect(Array.from(parseNpy(bytes("f2")).data as Float32Array)).toEqual([1, -0.5, 65504, NaN]);
    expect(Array.from(parseNpy(bytes("be_f4")).data as Float32Array)).toEqual([0.25, -3]);
    const u = parseNpy(bytes("be_u8"));
    expect(u.data).toBeInstanceOf(BigUint64Array);
    expect(Array.from(u.data as BigUint64Array)).toEqual([1n, 2n ** 40n]);
  });

  it("reads a 0-d array and an empty array", () => {
    const s = parseNpy(bytes("i8_scalar"));
    expect(s.shape).toEqual([]);
    expect(s.size).toBe(1);
    expect(Number(s.data[0])).toBe(-7);
    const e = parseNpy(bytes("u1_empty"));
    expect(e.shape).toEqual([0, 3]);
    expect(e.size).toBe(0);
    expect(e.data.length).toBe(0);
  });

  it("refuses what it cannot read, saying why", () => {
    expect(isNpy(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(() => parseNpy(new TextEncoder().encode("a,b\n1,2\n"))).toThrow(/magic/);
    expect(() => parseNpy(handMade("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }\n"))).toThrow(/c16/);
    expect(() => parseNpy(handMade("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }\n"))).toThrow(
      /Structured/,
    );
    expect(() => parseNpy(handMade("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n", [1, 0, 0, 0]))).toThrow(
      /truncated/,
    );
    const truncated = bytes("f8_2x3").slice(0, 40);
    expect(() => parseNpy(truncated)).toThrow(NpyError);
    const future = bytes("f8_2x3");
    future[6] = 9;
    expect(() => parseNpy(future)).toThrow(/version 9/);
  });
});

describe("helpers", () => {
  it("parses Python literals", () => {
    expect(parsePyLiteral(`{"a": (1, 2.5e3, -3), 'b': [True, None, 'x\\'y'], 'c': (), 'd': (4,)}`)).toEqual({
      a: [1, 2500, -3],
      b: [true, null, "x'y"],
      c: [],
      d: [4],
    });
    expect(() => parsePyLiteral("{'a': }")).toThrow(NpyError);
  });
  it("parses dtypes", () => {
    expect(parseDtype("|u1")).toMatchObject({ name: "uint8", littleEndian: true });
    expect(parseDtype(">i8")).toMatchObject({ name: "int64", littleEndian: false });
    expect(() => parseDtype("<U5")).toThrow(/U5/);
    expect(() => parseDtype("|O")).toThrow();
  });
  it("decodes half floats", () => {
    expect(float16(0x3c00)).toBe(1);
    expect(float16(0x0001)).toBeCloseTo(5.96e-8);
    expect(float16(0xfc00)).toBe(-Infinity);
  });
});

describe("array summaries", () => {
  it("computes statistics of finite values and counts the others", () => {
    const stats = arrayStats(parseNpy(bytes("f8_2x3")).data);
    expect(stats).toMatchObject({ count: 6, finite: 3, nan: 1, posInf: 1, negInf: 1, min: -2, max: 4 });
    expect(stats.mean).toBeCloseTo(3.5 / 3);
    expect(arrayStats(new Float64Array([NaN]))).toMatchObject({ min: null, max: null, mean: null });
    expect(arrayStats(new BigInt64Array([1n, 3n]))).toMatchObject({ min: 1, max: 3, mean: 2, std: 1 });
  });
  it("keeps short lines whole and decimates long ones keeping extremes", () => {
    expect(linePoints(new Float64Array([1, NaN, 3]))).toEqual([
      [0, 1],
      [1, null],
      [2, 3],
    ]);
    const long = new Float64Array(100_000).map((_, i) => Math.sin(i / 1000));
    long[54_321] = 99;
    const points = linePoints(long, 1000);
    expect(points.length).toBeLessThanOrEqual(1000);
    expect(points).toContainEqual([54_321, 99]);
  });
  it("averages blocks of a large 2-D array and honours Fortran order", () => {
    const a = parseNpy(bytes("be_i4_fortran"));
    expect(heatmapGrid(a).cells).toContainEqual([2, 1, 5]);
    const big = { ...a, shape: [400, 10], fortranOrder: false, data: new Float64Array(4000).fill(2) };
    const grid = heatmapGrid(big, 200);
    expect(grid).toMatchObject({ rows: 200, cols: 10, rowStep: 2, colStep: 1 });
    expect(grid.cells.every(([, , v]) => v === 2)).toBe(true);
  });
  it("bins finite values", () => {
    const h = histogram(new Float64Array([0, 1, 2, 3, NaN, 4]), 4);
    expect(h.counts).toEqual([1, 1, 1, 2]);
    expect(h.edges).toEqual([0, 1, 2, 3, 4]);
    expect(histogram(new Float64Array([5, 5]))).toEqual({ edges: [5, 5], counts: [2] });
    // Integers: whole-width bins; 0..9 in about 4 bins is 4 bins of width 3.
    const ints = histogram(new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 4, undefined, true);
    expect(ints).toEqual({ edges: [0, 3, 6, 9, 12], counts: [3, 3, 3, 1] });
    expect(histogram(new Uint8Array([0, 1, 1]), 2, undefined, true)).toEqual({ edges: [0, 1, 2], counts: [1, 2] });
  });
  it("formats numbers", () => {
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(1 / 3)).toBe("0.333333");
    expect(formatNumber(1e-7)).toBe("1.0000e-7");
    expect(formatNumber(null)).toBe("–");
  });
});

describe("slices", () => {
  it("takes 2-D slices of a 3-D array in either order", async () => {
    const { slice2d, sliceCount, sliceLabel, firstValues } = await import("./arraySummary");
    const data = new Float64Array(24).map((_, i) => i);
    const c = { ...parseNpy(bytes("f8_2x3")), shape: [2, 3, 4], size: 24, data };
    expect(sliceCount(c.shape)).toBe(2);
    expect(Array.from(slice2d(c, 1).data as Float64Array)).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(sliceLabel([5, 2, 3, 4], 3)).toBe("[1, 1, :, :]");
    // The same logical array stored in Fortran order.
    const f = new Float64Array(24);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) f[i + 2 * j + 6 * k] = i * 12 + j * 4 + k;
    const fa = { ...c, fortranOrder: true, data: f };
    expect(Array.from(slice2d(fa, 1).data as Float64Array)).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(firstValues(new Float64Array([1, NaN, -Infinity]), 2)).toBe("[1, nan, …]");
    expect(firstValues(new Uint8Array([1, 0]), 8, true)).toBe("[True, False]");
  });
});

describe("colour images", () => {
  it("recognises (H, W, 3) and (N, H, W, 4) arrays and makes RGBA pixels", async () => {
    const { colorImageCount, colorImagePixels, arrayStats } = await import("./arraySummary");
    const dtype = parseDtype("|u1");
    expect(colorImageCount({ shape: [2, 2, 3], fortranOrder: false, dtype })).toBe(1);
    expect(colorImageCount({ shape: [5, 2, 2, 4], fortranOrder: false, dtype })).toBe(5);
    expect(colorImageCount({ shape: [2, 2, 3], fortranOrder: true, dtype })).toBe(0);
    expect(colorImageCount({ shape: [2, 2, 5], fortranOrder: false, dtype })).toBe(0);
    const data = new Uint8Array([255, 0, 0, 0, 255, 0]);
    const array = { version: { major: 1, minor: 0 }, header: {}, dtype, shape: [1, 2, 3], fortranOrder: false, size: 6, data };
    expect(Array.from(colorImagePixels(array, 0, arrayStats(data)).pixels)).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
    const floats = new Float32Array([0.5, 0, 1, NaN, 0, 0]);
    const farray = { ...array, dtype: parseDtype("<f4"), data: floats };
    expect(Array.from(colorImagePixels(farray, 0, arrayStats(floats)).pixels)).toEqual([128, 0, 255, 255, 0, 0, 0, 255]);
  });
});
