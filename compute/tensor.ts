import { fail } from './errors';

/** A dense tensor: flat row-major data plus an explicit shape (PyTorch's NCHW order). */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** The JSON form of a tensor, as the CLI and the webview protocol carry it. */
export interface TensorJson {
  shape: number[];
  data: number[];
}

/** Largest number of elements one tensor may hold (64 Mi doubles = 512 MiB). */
export const MAX_ELEMENTS = 64 * 1024 * 1024;

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function checkShape(shape: readonly number[], what = 'tensor'): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) fail(`The ${what} shape [${shape.join(', ')}] must hold non-negative integers.`);
  }
  const n = numel(shape);
  if (n > MAX_ELEMENTS) {
    fail(`The ${what} of shape [${shape.join(', ')}] has ${n} elements; the limit is ${MAX_ELEMENTS}.`);
  }
}

export function zeros(shape: readonly number[]): Tensor {
  checkShape(shape);
  return { shape: [...shape], data: new Float64Array(numel(shape)) };
}

export function fromJson(json: unknown, what = 'tensor'): Tensor {
  const t = json as Partial<TensorJson> | null;
  if (!t || !Array.isArray(t.shape) || !Array.isArray(t.data)) {
    fail(`The ${what} must be {shape: number[], data: number[]}.`);
  }
  checkShape(t.shape, what);
  if (numel(t.shape) !== t.data.length) {
    fail(`The ${what} has shape [${t.shape.join(', ')}] (${numel(t.shape)} values) but ${t.data.length} data values.`);
  }
  const data = Float64Array.from(t.data as number[]);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) fail(`The ${what} holds a non-finite value (${t.data[i]}) at flat index ${i}.`);
  }
  return { shape: [...t.shape], data };
}

export function toJson(t: Tensor): TensorJson {
  return { shape: [...t.shape], data: Array.from(t.data) };
}
