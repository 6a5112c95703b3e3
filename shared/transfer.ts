/**
 * Results cross from the compute worker to the lab as transferable typed arrays, not as nested
 * plain arrays: a flow result holds thousands of little [x, y] arrays (samples, grid lines), and
 * structured cloning each one costs more than computing it. `pack` turns every array of numbers
 * (and every array of equal-length arrays of numbers) into one Float64Array that is moved, not
 * copied; `unpack` rebuilds exactly the same plain structure on the other side, so the labs read
 * the result as before. Float64 holds every JavaScript number exactly (−0, NaN and ±∞ included).
 */

/** A packed numeric array: its values in row-major order and its shape ([n] or [n, k]). */
export interface PackedArray {
  __f64: Float64Array;
  shape: [number] | [number, number];
}

/** Arrays shorter than this stay plain (packing them gains nothing). */
const MIN_PACKED = 16;

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

function isPacked(v: unknown): v is PackedArray {
  return typeof v === 'object' && v !== null && (v as PackedArray).__f64 instanceof Float64Array && Array.isArray((v as PackedArray).shape);
}

/** `value` with its numeric arrays packed; the buffers to transfer are pushed to `transfer`. */
export function pack(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (Array.isArray(value)) {
    if (value.length >= MIN_PACKED && isNumberArray(value)) {
      const data = Float64Array.from(value);
      transfer.push(data.buffer);
      return { __f64: data, shape: [value.length] } satisfies PackedArray;
    }
    const k = Array.isArray(value[0]) ? (value[0] as unknown[]).length : -1;
    if (value.length * k >= MIN_PACKED && k > 0 && value.every((row) => isNumberArray(row) && row.length === k)) {
      const data = new Float64Array(value.length * k);
      (value as number[][]).forEach((row, i) => data.set(row, i * k));
      transfer.push(data.buffer);
      return { __f64: data, shape: [value.length, k] } satisfies PackedArray;
    }
    return value.map((v) => pack(v, transfer));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = pack(v, transfer);
    return out;
  }
  return value;
}

/** The plain structure `pack` was given. */
export function unpack(value: unknown): unknown {
  if (isPacked(value)) {
    const { __f64: data, shape } = value;
    if (shape.length === 1) return Array.from(data);
    const [n, k] = shape;
    const rows: number[][] = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = Array.from(data.subarray(i * k, (i + 1) * k));
    return rows;
  }
  if (Array.isArray(value)) return value.map(unpack);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = unpack(v);
    return out;
  }
  return value;
}
