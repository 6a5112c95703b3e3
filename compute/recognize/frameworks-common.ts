/**
 * What the Keras and Flax makers (compute/recognize/frameworks-keras.ts, frameworks-flax.ts) share:
 * binding a call's arguments to a layer's parameters, per-axis values, TensorFlow's 'SAME' padding,
 * and the makers both frameworks have (pooling, dense, pointwise layers, batch norm).
 */
import type { ConvLayerJson } from '../conv/layer';
import type { Literal } from '../python/syntax';
import type { LayerFramework } from '../program/table-types';

export interface Made {
  layers: ConvLayerJson[];
  defaultsUsed: string[];
  warnings: string[];
  notes: string[];
}

export interface Args {
  positional: Literal[];
  keywords: Map<string, Literal>;
}

export interface Spec {
  params: readonly string[];
  defaults: Record<string, Literal>;
  /** Keyword names accepted and ignored (initializers, names, activations, ...). */
  ignore?: RegExp;
}

export const IGNORED =
  /^(name|use_bias|dtype|trainable|activation|kernel_\w+|bias_\w+|activity_regularizer|data_format|param_dtype|precision|use_running_average|deterministic|axis|momentum|epsilon|center|scale|beta_\w+|gamma_\w+|moving_\w+|noise_shape|seed|rng_collection|parent)$/;

export function bind(owner: string, spec: Spec, args: Args): { values: Record<string, Literal>; defaultsUsed: string[] } {
  if (args.positional.length > spec.params.length)
    throw new Error(`${owner} takes at most ${spec.params.length} positional arguments, got ${args.positional.length}.`);
  const values: Record<string, Literal> = {};
  args.positional.forEach((v, i) => (values[spec.params[i]] = v));
  for (const [k, v] of args.keywords) {
    if (spec.params.includes(k)) {
      if (Object.hasOwn(values, k)) throw new Error(`${owner} got "${k}" twice.`);
      values[k] = v;
    } else if (!(spec.ignore ?? IGNORED).test(k) && k !== 'input_shape' && k !== 'input_dim') {
      throw new Error(`${owner} has no argument "${k}".`);
    } else {
      values[k] = v;
    }
  }
  const defaultsUsed: string[] = [];
  for (const p of spec.params) {
    if (Object.hasOwn(values, p)) continue;
    if (!Object.hasOwn(spec.defaults, p)) throw new Error(`${owner} is missing the required argument "${p}".`);
    values[p] = spec.defaults[p];
    defaultsUsed.push(p);
  }
  return { values, defaultsUsed };
}

export const tuple = (v: Literal, dims: number, what: string): number[] => {
  const arr = Array.isArray(v) ? v : Array.from({ length: dims }, () => v);
  if (arr.length !== dims || arr.some((x) => typeof x !== 'number')) throw new Error(`${what} must be a number or ${dims} numbers, not ${JSON.stringify(v)}.`);
  return arr as number[];
};

/** TensorFlow's 'SAME' padding on one axis: output ⌈n/s⌉, total padding split with the extra after. */
export function tfSamePadding(n: number, k: number, s: number, d: number): [number, number] {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + (k - 1) * d + 1 - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

function samePadding(spatial: number[], kernel: number[], strides: number[], dilation: number[]): ConvLayerJson['padding'] {
  if (strides.every((s) => s === 1)) return 'same';
  const pairs = spatial.map((n, i) => tfSamePadding(n, kernel[i], strides[i], dilation[i]));
  return pairs.every(([a, b]) => a === b) ? pairs.map(([a]) => a) : pairs;
}

export function paddingArg(
  owner: string,
  value: Literal,
  spatial: number[],
  kernel: number[],
  strides: number[],
  dilation: number[],
): ConvLayerJson['padding'] {
  const mode = typeof value === 'string' ? value.toLowerCase() : value;
  if (mode === 'valid') return 0;
  if (mode === 'same') return samePadding(spatial, kernel, strides, dilation);
  if (mode === 'causal' && kernel.length === 1) return [[(kernel[0] - 1) * dilation[0], 0]];
  if (Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2)) return value as number[][];
  if (typeof value === 'number' || Array.isArray(value)) return value as number[];
  throw new Error(
    `${owner}: padding ${JSON.stringify(value)} is not supported (expected 'valid', 'same'${kernel.length === 1 ? ", 'causal'" : ''} or explicit pairs).`,
  );
}

export function channelsLastOnly(owner: string, values: Record<string, Literal>): void {
  if (values.data_format === 'channels_first')
    throw new Error(`${owner}: data_format='channels_first' is not supported; the recognizer reads Keras's default channels_last layers.`);
}

export function opDims(name: string): 1 | 2 | 3 {
  const m = /([123])D/i.exec(name);
  return (m ? Number(m[1]) : 2) as 1 | 2 | 3;
}

export type Maker = (args: Args, shape: number[], owner: string) => Made;

export const made = (layers: ConvLayerJson[], defaultsUsed: string[], warnings: string[] = [], notes: string[] = []): Made => ({
  layers,
  defaultsUsed,
  warnings,
  notes,
});

export function pooling(kind: 'max' | 'avg', framework: LayerFramework): Maker {
  return (args, shape, owner) => {
    const dims = shape.length - 2;
    const flax = framework === 'flax';
    const spec: Spec = flax
      ? { params: ['window_shape', 'strides', 'padding'], defaults: { strides: null, padding: 'VALID' } }
      : { params: ['pool_size', 'strides', 'padding', 'data_format'], defaults: { pool_size: 2, strides: null, padding: 'valid', data_format: null } };
    const { values, defaultsUsed } = bind(owner, spec, args);
    channelsLastOnly(owner, values);
    const kernel = tuple(flax ? values.window_shape : values.pool_size, dims, `${owner} ${flax ? 'window_shape' : 'pool_size'}`);
    // Keras: strides=None means the pool size; Flax: strides=None means 1 on every axis.
    const strides = values.strides === null ? (flax ? kernel.map(() => 1) : kernel) : tuple(values.strides, dims, `${owner} strides`);
    const ones = kernel.map(() => 1);
    let padding = paddingArg(owner, values.padding, shape.slice(2), kernel, strides, ones);
    if (padding === 'same') padding = tfSame(shape, kernel, strides);
    if (Array.isArray(padding) && padding.some(Array.isArray)) {
      throw new Error(
        `${owner}: 'SAME' pooling here pads unevenly (${JSON.stringify(padding)}), which the pooling lab cannot show; use an input size divisible by the stride.`,
      );
    }
    const notes = flax && values.strides === null ? [`${owner}: Flax pooling's default strides are 1 (not the window size as in PyTorch and Keras).`] : [];
    return made(
      [
        {
          op: `${kind}_pool${dims}d`,
          kernel_size: kernel,
          stride: strides,
          padding: padding as number[],
          ...(kind === 'avg' ? { count_include_pad: false } : {}),
        },
      ],
      defaultsUsed,
      [],
      notes,
    );
  };
}

function tfSame(shape: number[], kernel: number[], strides: number[]): number[] | number[][] {
  const pairs = shape.slice(2).map((n, i) => tfSamePadding(n, kernel[i], strides[i], 1));
  return pairs.every(([a, b]) => a === b) ? pairs.map(([a]) => a) : pairs;
}

export function dense(framework: LayerFramework): Maker {
  return (args, shape, owner) => {
    const key = framework === 'flax' ? 'features' : 'units';
    const { values, defaultsUsed } = bind(owner, { params: [key], defaults: {} }, args);
    if (shape.length !== 2) {
      throw new Error(
        `${owner} on a ${shape.length}-D input [${shape.join(', ')}] acts on the channel axis of every position; only Dense after Flatten (a 2-D input) is supported.`,
      );
    }
    return made([{ op: 'linear', in_features: shape[1], out_features: values[key] as number, bias: values.use_bias !== false }], defaultsUsed);
  };
}

export const pointwise =
  (op: string, params: string[] = [], defaults: Record<string, Literal> = {}): Maker =>
  (args, _shape, owner) =>
    made([{ op }], bind(owner, { params, defaults }, args).defaultsUsed);

export function batchNorm(args: Args, shape: number[], owner: string): Made {
  const { defaultsUsed } = bind(owner, { params: [], defaults: {} }, args);
  const d = Math.min(Math.max(shape.length - 2, 1), 3);
  return made(
    [{ op: `batch_norm${d}d`, num_features: shape[1] }],
    defaultsUsed,
    [],
    [`${owner}: 2·C trainable parameters (scale and offset) are counted; the 2·C moving statistics are not trainable.`],
  );
}
