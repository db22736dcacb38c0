/**
 * Summaries of a numeric array for previews: statistics of its finite values, and the
 * down-sampled data a chart draws (a line, a heatmap grid, a histogram).
 * Pure functions over `NpyArray`, so they are unit-tested without a browser.
 */
import { flatIndex, type NpyArray, type NpyData } from "./npy";

export interface ArrayStats {
  /** Elements in all. */
  count: number;
  /** Finite elements (the ones min, max, mean and std are taken over). */
  finite: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** null when there is no finite value. */
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
}

export function arrayStats(data: NpyData): ArrayStats {
  const count = data.length;
  // 64-bit integer arrays hold bigints: read them as numbers once.
  const values: ArrayLike<number> = data instanceof BigInt64Array || data instanceof BigUint64Array ? Float64Array.from(data, Number) : data;
  let finite = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (v - v === 0) {
      finite++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    } else if (v !== v) nan++;
    else if (v > 0) posInf++;
    else negInf++;
  }
  if (finite === 0) return { count, finite, nan, posInf, negInf, min: null, max: null, mean: null, std: null };
  const mean = sum / finite;
  // A second pass for the variance: stable where a running sum of squares is not.
  let m2 = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (v - v === 0) m2 += (v - mean) * (v - mean);
  }
  return { count, finite, nan, posInf, negInf, min, max, mean, std: Math.sqrt(m2 / finite) };
}

/** A value or null when it is not finite (charts leave a gap for null). */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Points `[index, value]` of a 1-D array for a line chart, at most about `maxPoints` of them:
 * a longer array is cut into buckets and each bucket keeps its minimum and maximum, so spikes
 * stay visible. Non-finite values become null (a gap).
 */
export function linePoints(data: NpyData, maxPoints = 4000): Array<[number, number | null]> {
  const n = data.length;
  if (n <= maxPoints) {
    const out: Array<[number, number | null]> = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [i, finiteOrNull(Number(data[i]))];
    return out;
  }
  const buckets = Math.floor(maxPoints / 2);
  const size = n / buckets;
  const out: Array<[number, number | null]> = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = Number(data[i]);
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < Number(data[lo])) lo = i;
      if (hi < 0 || v > Number(data[hi])) hi = i;
    }
    if (lo < 0) {
      out.push([start, null]);
      continue;
    }
    const [first, second] = lo <= hi ? [lo, hi] : [hi, lo];
    out.push([first, Number(data[first])]);
    if (second !== first) out.push([second, Number(data[second])]);
  }
  return out;
}

export interface HeatmapGrid {
  /** Rows and columns of the grid drawn (after down-sampling). */
  rows: number;
  cols: number;
  /** How many source rows / columns each cell averages (1 = no down-sampling). */
  rowStep: number;
  colStep: number;
  /** `[col, row, value]` cells, the format of an ECharts heatmap series; null = no finite value. */
  cells: Array<[number, number, number | null]>;
}

/**
 * The cells of a 2-D array for a heatmap, averaged over blocks so that the grid has at most
 * `maxSide` rows and columns. Non-finite values are left out of a block's mean.
 */
export function heatmapGrid(array: NpyArray, maxSide = 200): HeatmapGrid {
  const [srcRows = 1, srcCols = 1] = array.shape;
  const rowStep = Math.max(1, Math.ceil(srcRows / maxSide));
  const colStep = Math.max(1, Math.ceil(srcCols / maxSide));
  const rows = Math.ceil(srcRows / rowStep);
  const cols = Math.ceil(srcCols / colStep);
  // Element (i, j) is at i * srcCols + j in C order, at i + j * srcRows in Fortran order.
  const [rowStride, colStride] = array.fortranOrder ? [1, srcRows] : [srcCols, 1];
  const data = array.data;
  const big = data instanceof BigInt64Array || data instanceof BigUint64Array;
  const sums = new Float64Array(rows * cols);
  const counts = new Uint32Array(rows * cols);
  for (let i = 0; i < srcRows; i++) {
    const r = Math.floor(i / rowStep);
    for (let j = 0; j < srcCols; j++) {
      const raw = data[i * rowStride + j * colStride]!;
      const v = big ? Number(raw) : (raw as number);
      if (v - v === 0) {
        const cell = r * cols + Math.floor(j / colStep);
        sums[cell]! += v;
        counts[cell]! += 1;
      }
    }
  }
  const cells: Array<[number, number, number | null]> = new Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = r * cols + c;
      cells[cell] = [c, r, counts[cell] ? sums[cell]! / counts[cell]! : null];
    }
  }
  return { rows, cols, rowStep, colStep, cells };
}

export interface Histogram {
  /** Left edges of the bins, then the right edge of the last: `bins + 1` numbers. */
  edges: number[];
  counts: number[];
}

/**
 * A histogram of the finite values in about `bins` equal bins between their min and max.
 * With `integer`, bins have a whole width and edges on whole numbers (a bin holds the values
 * from its left edge up to, not including, its right edge; the last includes the max).
 */
export function histogram(data: NpyData, bins = 50, stats: ArrayStats = arrayStats(data), integer = false): Histogram {
  if (stats.min === null || stats.max === null) return { edges: [], counts: [] };
  const lo = stats.min;
  const hi = stats.max;
  if (lo === hi) return { edges: [lo, integer ? hi + 1 : hi], counts: [stats.finite] };
  let width = (hi - lo) / bins;
  if (integer) {
    width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
    bins = Math.ceil((hi - lo + 1) / width);
  }
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (!Number.isFinite(v)) continue;
    const bin = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[bin]! += 1;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins && !integer ? hi : lo + k * width));
  return { edges, counts };
}

/** A short rendering of a number for tables and axis labels. */
export function formatNumber(v: number | null): string {
  if (v === null) return "–";
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}

/**
 * The 2-D slice `array[k0, k1, …, :, :]` of an array of 3 or more dimensions, where `leading`
 * is the flat (C-order) index over the leading axes. The result is a C-ordered 2-D array.
 */
export function slice2d(array: NpyArray, leading: number): NpyArray {
  const shape = array.shape;
  const rows = shape[shape.length - 2] ?? 1;
  const cols = shape[shape.length - 1] ?? 1;
  const lead = shape.slice(0, -2);
  const prefix: number[] = new Array(lead.length);
  let rest = leading;
  for (let axis = lead.length - 1; axis >= 0; axis--) {
    prefix[axis] = rest % lead[axis]!;
    rest = Math.floor(rest / lead[axis]!);
  }
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[i * cols + j] = Number(array.data[flatIndex(shape, array.fortranOrder, [...prefix, i, j])]);
    }
  }
  return { ...array, shape: [rows, cols], fortranOrder: false, size: rows * cols, data: out };
}

/** The number of 2-D slices of an array (the product of all but its last two axes). */
export function sliceCount(shape: number[]): number {
  return shape.slice(0, -2).reduce((a, b) => a * b, 1);
}

/** The leading indices of slice `leading`, as NumPy writes them: `[3, 1, :, :]`. */
export function sliceLabel(shape: number[], leading: number): string {
  const lead = shape.slice(0, -2);
  const parts: string[] = new Array(lead.length);
  let rest = leading;
  for (let axis = lead.length - 1; axis >= 0; axis--) {
    parts[axis] = String(rest % lead[axis]!);
    rest = Math.floor(rest / lead[axis]!);
  }
  return `[${[...parts, ":", ":"].join(", ")}]`;
}

/** The first values of an array, NumPy-like: `[0.1, 0.2, …]` (at most `count`). */
export function firstValues(data: NpyData, count = 8, isBool = false): string {
  const shown: string[] = [];
  for (let i = 0; i < Math.min(count, data.length); i++) {
    const v = Number(data[i]);
    shown.push(isBool ? (v ? "True" : "False") : Number.isNaN(v) ? "nan" : !Number.isFinite(v) ? (v > 0 ? "inf" : "-inf") : formatNumber(v));
  }
  return `[${shown.join(", ")}${data.length > count ? ", …" : ""}]`;
}

/** The plots an array preview draws. */
export type ChartMode = "line" | "heatmap" | "histogram" | "image";

/**
 * Whether an array reads as colour images: (H, W, 3|4) or (N, H, W, 3|4) in C order.
 * Returns how many images it holds, or 0.
 */
export function colorImageCount(array: Pick<NpyArray, "shape" | "fortranOrder" | "dtype">): number {
  const { shape } = array;
  const channels = shape[shape.length - 1];
  if (array.fortranOrder || array.dtype.kind === "bool" || (channels !== 3 && channels !== 4)) return 0;
  if (shape.length === 3) return 1;
  if (shape.length === 4) return shape[0]!;
  return 0;
}

/**
 * RGBA pixels of image `index` of a colour-image array: uint8 values as they are, floats in
 * [0, 1] times 255, anything else stretched from its min to its max. Non-finite values are black.
 */
export function colorImagePixels(
  array: NpyArray,
  index: number,
  stats: ArrayStats,
): { width: number; height: number; pixels: Uint8ClampedArray<ArrayBuffer> } {
  const { shape } = array;
  const channels = shape[shape.length - 1]!;
  const height = shape[shape.length - 3]!;
  const width = shape[shape.length - 2]!;
  const offset = index * height * width * channels;
  const lo = stats.min ?? 0;
  const hi = stats.max ?? 1;
  const unit = array.dtype.kind === "float" && lo >= 0 && hi <= 1;
  const asIs = array.dtype.name === "uint8";
  const scale = asIs ? 1 : unit ? 255 : hi > lo ? 255 / (hi - lo) : 0;
  const base = asIs || unit ? 0 : lo;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 4; c++) {
      if (c === 3 && channels === 3) {
        pixels[p * 4 + 3] = 255;
        continue;
      }
      const v = Number(array.data[offset + p * channels + c]);
      pixels[p * 4 + c] = Number.isFinite(v) ? (v - base) * scale : 0;
    }
  }
  return { width, height, pixels };
}
