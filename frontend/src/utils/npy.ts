/**
 * A small reader of NumPy's `.npy` format (versions 1.0, 2.0 and 3.0), for previews.
 *
 * Layout: the magic `\x93NUMPY`, a major and a minor version byte, the header length
 * (uint16 little-endian in v1, uint32 in v2/v3), then the header: a Python dict literal
 * (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`, latin-1 in v1/v2, UTF-8 in v3)
 * padded with spaces and a newline, then the raw data.
 *
 * Supported dtypes: bool (`|b1`), signed and unsigned integers of 1, 2, 4 and 8 bytes, and
 * floats of 2, 4 and 8 bytes, in either byte order. Anything else (structured dtypes, strings,
 * objects, complex numbers, datetimes) is refused with an `NpyError` naming the dtype.
 */

export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NpyError";
  }
}

export type NpyKind = "bool" | "int" | "uint" | "float";

/** The typed array a dtype is read into (float16 is widened to float32, bool to uint8). */
export type NpyData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

export interface NpyDtype {
  /** As in the header, e.g. `<f8`. */
  descr: string;
  kind: NpyKind;
  /** Bytes per element in the file. */
  itemSize: number;
  littleEndian: boolean;
  /** NumPy's name, e.g. `float64`, `bool`. */
  name: string;
}

export interface NpyArray {
  version: { major: number; minor: number };
  /** The header dict as parsed (its `descr`, `fortran_order` and `shape`, and anything else). */
  header: Record<string, PyValue>;
  dtype: NpyDtype;
  shape: number[];
  fortranOrder: boolean;
  /** Number of elements (the product of the shape; 1 for a 0-d array). */
  size: number;
  /** The values in file order (C order, or Fortran order when `fortranOrder`). */
  data: NpyData;
}

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** True when the bytes start with the `.npy` magic. */
export function isNpy(bytes: ArrayBuffer | Uint8Array): boolean {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return view.length >= MAGIC.length && MAGIC.every((byte, i) => view[i] === byte);
}

/** Parses a whole `.npy` file. */
export function parseNpy(buffer: ArrayBuffer | Uint8Array): NpyArray {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (!isNpy(bytes)) throw new NpyError("Not a NumPy .npy file (the magic string is missing).");
  if (bytes.length < 10) throw new NpyError("The file ends inside its header.");
  const major = bytes[6]!;
  const minor = bytes[7]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new NpyError("The file ends inside its header.");
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new NpyError(`Unsupported .npy format version ${major}.${minor}.`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new NpyError("The file ends inside its header.");
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(headerBytes);
  const header = parsePyLiteral(text);
  if (header === null || typeof header !== "object" || Array.isArray(header)) {
    throw new NpyError("The header is not a dictionary.");
  }
  const descr = header.descr;
  if (typeof descr !== "string") {
    throw new NpyError("Structured dtypes (a list of fields) cannot be previewed.");
  }
  const dtype = parseDtype(descr);
  const fortranOrder = header.fortran_order;
  if (typeof fortranOrder !== "boolean") throw new NpyError("The header has no fortran_order.");
  const rawShape = header.shape;
  if (!Array.isArray(rawShape) || !rawShape.every((n) => typeof n === "number" && Number.isInteger(n) && n >= 0)) {
    throw new NpyError("The header has no valid shape.");
  }
  const shape = rawShape as number[];
  const size = shape.reduce((a, b) => a * b, 1);
  const byteLength = size * dtype.itemSize;
  if (dataStart + byteLength > bytes.length) {
    throw new NpyError(
      `The file is truncated: shape (${shape.join(", ")}) of ${dtype.name} needs ${byteLength} bytes of data, ` +
        `${bytes.length - dataStart} found.`,
    );
  }
  const data = readData(bytes, dataStart, size, dtype);
  return { version: { major, minor }, header, dtype, shape, fortranOrder, size, data };
}

const KINDS: Record<string, NpyKind> = { b: "bool", i: "int", u: "uint", f: "float" };

/** Parses a simple dtype string such as `<f8`, `|u1`, `>i4`, `|b1`. */
export function parseDtype(descr: string): NpyDtype {
  const match = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const kind = match ? KINDS[match[2]!] : undefined;
  const itemSize = match ? Number(match[3]) : 0;
  const allowed: Record<NpyKind, number[]> = { bool: [1], int: [1, 2, 4, 8], uint: [1, 2, 4, 8], float: [2, 4, 8] };
  if (!match || !kind || !allowed[kind].includes(itemSize)) {
    throw new NpyError(`The dtype ${descr} cannot be previewed (only bool, integers and floats).`);
  }
  const order = match[1];
  // "|" (not applicable) and "=" (native) are little-endian on every platform that writes these.
  const littleEndian = order !== ">";
  const name = kind === "bool" ? "bool" : `${kind}${itemSize * 8}`;
  return { descr, kind, itemSize, littleEndian, name };
}

function readData(bytes: Uint8Array, start: number, size: number, dtype: NpyDtype): NpyData {
  const { kind, itemSize, littleEndian } = dtype;
  // A copy, so the typed array is aligned and owns its memory.
  const raw = bytes.slice(start, start + size * itemSize);
  const view = new DataView(raw.buffer);
  if (kind === "float" && itemSize === 2) {
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = float16(view.getUint16(i * 2, littleEndian));
    return out;
  }
  if (itemSize === 1) {
    return kind === "int" ? new Int8Array(raw.buffer) : new Uint8Array(raw.buffer);
  }
  const Ctor = arrayType(kind, itemSize);
  if (littleEndian === hostLittleEndian) return new Ctor(raw.buffer) as NpyData;
  const out = new Ctor(size) as NpyData;
  const get = getter(view, kind, itemSize);
  for (let i = 0; i < size; i++) (out as { [i: number]: number | bigint })[i] = get(i * itemSize, littleEndian);
  return out;
}

const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type TypedCtor = new (arg: number | ArrayBuffer) => NpyData;

function arrayType(kind: NpyKind, itemSize: number): TypedCtor {
  const table: Record<string, TypedCtor> = {
    int2: Int16Array,
    int4: Int32Array,
    int8: BigInt64Array,
    uint2: Uint16Array,
    uint4: Uint32Array,
    uint8: BigUint64Array,
    float4: Float32Array,
    float8: Float64Array,
  };
  return table[`${kind}${itemSize}`]!;
}

function getter(view: DataView, kind: NpyKind, itemSize: number): (offset: number, le: boolean) => number | bigint {
  switch (`${kind}${itemSize}`) {
    case "int2":
      return (o, le) => view.getInt16(o, le);
    case "int4":
      return (o, le) => view.getInt32(o, le);
    case "int8":
      return (o, le) => view.getBigInt64(o, le);
    case "uint2":
      return (o, le) => view.getUint16(o, le);
    case "uint4":
      return (o, le) => view.getUint32(o, le);
    case "uint8":
      return (o, le) => view.getBigUint64(o, le);
    case "float4":
      return (o, le) => view.getFloat32(o, le);
    default:
      return (o, le) => view.getFloat64(o, le);
  }
}

/** IEEE 754 half precision to a number. */
export function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Element `i` (in file order) as a number; 64-bit integers may lose precision past 2^53. */
export function numberAt(data: NpyData, i: number): number {
  return Number(data[i]);
}

/**
 * The flat index (in file order) of the element at `indices` (C-order coordinates).
 * For a Fortran-ordered array the first axis varies fastest in the file.
 */
export function flatIndex(shape: number[], fortranOrder: boolean, indices: number[]): number {
  let index = 0;
  if (fortranOrder) {
    for (let axis = shape.length - 1; axis >= 0; axis--) index = index * shape[axis]! + indices[axis]!;
  } else {
    for (let axis = 0; axis < shape.length; axis++) index = index * shape[axis]! + indices[axis]!;
  }
  return index;
}

/* ---------------------------------------------------------------------------------------------
 * A reader of the Python literals NumPy writes in headers: dicts, tuples, lists, strings,
 * integers, floats, True, False and None.
 */

export function parsePyLiteral(text: string): PyValue {
  let pos = 0;
  const fail = (what: string): never => {
    throw new NpyError(`Cannot read the header: ${what} at character ${pos}.`);
  };
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const value = (): PyValue => {
    skip();
    const c = text[pos];
    if (c === "{") return dict();
    if (c === "(" || c === "[") return sequence(c === "(" ? ")" : "]");
    if (c === "'" || c === '"') return string(c);
    const word = /^(True|False|None)\b/.exec(text.slice(pos));
    if (word) {
      pos += word[0].length;
      return word[0] === "True" ? true : word[0] === "False" ? false : null;
    }
    const num = /^[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?|inf|nan)L?/i.exec(text.slice(pos));
    if (num) {
      pos += num[0].length;
      const literal = num[0].replace(/L$/, "").toLowerCase();
      if (literal.endsWith("inf")) return literal.startsWith("-") ? -Infinity : Infinity;
      if (literal.endsWith("nan")) return NaN;
      return Number(literal);
    }
    return fail("unexpected input");
  };
  const string = (quote: string): string => {
    pos++;
    let out = "";
    while (pos < text.length && text[pos] !== quote) {
      if (text[pos] === "\\") {
        pos++;
        const escaped = text[pos] ?? "";
        out += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
      } else {
        out += text[pos];
      }
      pos++;
    }
    if (text[pos] !== quote) fail("unterminated string");
    pos++;
    return out;
  };
  const sequence = (close: string): PyValue[] => {
    pos++;
    const items: PyValue[] = [];
    for (;;) {
      skip();
      if (text[pos] === close) {
        pos++;
        return items;
      }
      items.push(value());
      skip();
      if (text[pos] === ",") pos++;
      else if (text[pos] !== close) fail(`expected "," or "${close}"`);
    }
  };
  const dict = (): { [key: string]: PyValue } => {
    pos++;
    const out: { [key: string]: PyValue } = {};
    for (;;) {
      skip();
      if (text[pos] === "}") {
        pos++;
        return out;
      }
      const key = value();
      skip();
      if (text[pos] !== ":") fail('expected ":"');
      pos++;
      out[String(key)] = value();
      skip();
      if (text[pos] === ",") pos++;
      else if (text[pos] !== "}") fail('expected "," or "}"');
    }
  };
  const result = value();
  skip();
  if (pos < text.length) fail("trailing input");
  return result;
}
