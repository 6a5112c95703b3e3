/**
 * What the conv code writers (compute/recognize/conv-codegen-torch.ts, -keras.ts, -flax.ts) share:
 * the shape of one layer's code, Python literals, per-axis values as a person writes them, and
 * the padding readings more than one framework needs (TensorFlow's 'SAME', a transposed conv's crops).
 */
import { pythonLiteral } from '../optim/codegen';
import { tfSamePadding } from './frameworks-common';
import type { ConvLayer } from '../conv/layer';

/** One layer as code: what it takes in the framework. */
export interface LayerCode {
  /**
   * Expressions in order (a padding layer may come first). PyTorch and Keras: layer objects.
   * Flax: modules (`nn.Conv(...)`, applied to `x` by the caller) or, when `applied`, whole
   * expressions in `x` (`nn.max_pool(x, ...)`).
   */
  pieces: { code: string; applied?: boolean }[];
  /** What the framework cannot express, one sentence each (written as `# ...` lines). */
  comments: string[];
  /** Argument names the code sets and their Python source, for the main call (apply-conv). */
  args: { positional: string[]; keywords: [string, string][] };
  /** The main call's callee, e.g. `nn.Conv2d`, `layers.MaxPooling2D`, `nn.max_pool`. */
  callee: string;
  /** Flax functions take the input first: the main call's first argument is `x`. */
  takesInput?: boolean;
}

export interface CodeOptions {
  /** The (N, C, *spatial) shape flowing into the layer; lets Keras/Flax write 'same'. */
  inShape?: readonly number[];
}

/** A JSON value as Python, with strings in single quotes as most Python code writes them. */
export function py(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return value.length === 1 ? `(${py(value[0])},)` : `(${value.map(py).join(', ')})`;
  return pythonLiteral(value);
}

export const allEqual = (v: readonly number[]) => v.every((x) => x === v[0]);
/** A per-axis value as a person writes it: one number when every axis agrees. */
export const scalarOr = (v: readonly number[]) => (allEqual(v) ? py(v[0]) : py(v));
export const isAll = (v: readonly number[], n: number) => v.every((x) => x === n);
export const pairsCode = (pairs: readonly (readonly number[])[]) => `(${pairs.map(([a, b]) => `(${a}, ${b})`).join(', ')}${pairs.length === 1 ? ',' : ''})`;

/** The layer's padding is TensorFlow's 'SAME' for its input (or 'same' with stride 1). */
export function isTfSame(layer: ConvLayer, options: CodeOptions): boolean {
  if (layer.paddingSpec === 'same') return true;
  if (isAll(layer.padding.flat(), 0)) return false;
  const s = options.inShape;
  const spatial = s && s.length === layer.dims + 2 ? s.slice(2) : undefined;
  return layer.padding.every(([a, b], i) => {
    const total = layer.dilation[i] * (layer.kernel_size[i] - 1);
    // With stride 1, 'SAME' pads d·(k − 1) whatever the size; otherwise it depends on the size.
    if (layer.stride[i] === 1) return a === Math.floor(total / 2) && b === total - a;
    if (!spatial) return false;
    const [tb, ta] = tfSamePadding(spatial[i], layer.kernel_size[i], layer.stride[i], layer.dilation[i]);
    return a === tb && b === ta;
  });
}

/**
 * A transposed conv's output is its full output ((n − 1)·s + k_d per axis) cropped by `before`
 * at the start and by `after − output_padding` at the end (negative: extra samples). Keras and
 * Flax layers read back with uneven pairs.
 */
export function transposedCrops(layer: ConvLayer): { before: number[]; end: number[] } {
  return { before: layer.padding.map(([a]) => a), end: layer.padding.map(([, b], i) => b - layer.output_padding[i]) };
}
