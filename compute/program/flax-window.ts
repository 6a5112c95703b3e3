/**
 * Flax's windowed layers on channels-last arrays, shared by linen (nn.Conv, nn.ConvTranspose,
 * nn.max_pool) and NNX (nnx.Conv, nnx.ConvTranspose): Flax lowers them to jax.lax, so:
 *
 * - inputs are (*batch, *spatial, features) with as many spatial axes as the kernel has; several
 *   leading batch axes are flattened and restored, none means a single example;
 * - padding is 'SAME' / 'VALID' (lax: out ⌈n/s⌉, or ⌊(n − k_d)/s⌋ + 1), 'CIRCULAR' / 'REFLECT'
 *   ((k_d − 1)//2 before, k_d//2 after, then VALID), 'CAUSAL' (1-D: k_d − 1 before), an int, or
 *   one int or (lo, hi) pair per spatial axis (canonicalize_padding);
 * - a transposed conv is lax.conv_transpose: the input dilated by the stride, padded by
 *   _conv_transpose_padding — 'SAME' gives n·s, 'VALID' n·s + max(k_d − s, 0) — or by explicit
 *   (lo, hi): (n − 1)·s + 1 + lo + hi − k_d + 1.
 *
 * MACs: conv = ∏batch·∏out·features·C/groups·∏k; transposed = ∏batch·∏in·C·features·∏k.
 */
import { ComputeError } from '../errors';
import type { ForwardResult, RfRule } from './table-types';
import { dilated, pads, padBefore, SAME, spatialAxes, splitChannelsLast, transposedRf, windowOut, windowRf, type PadSpec } from './nhwc-window';
import { addConst, divDim, isNone, knownDifferent, macCount, mulDim } from './torch-dims';
import { describeArg, num, TensorV, type Arg, type Dim } from './values';

const pyTuple = (xs: readonly Dim[]): string => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;

/** An int or a sequence, broadcast to `n` axes; None means 1 (Flax's `maybe_broadcast`). */
export function broadcastInts(v: Arg, n: number, what: string): number[] {
  if (isNone(v)) return Array.from({ length: n }, () => 1);
  if (Array.isArray(v)) {
    if (v.length !== n) throw new ComputeError(`${what} ${describeArg(v)} has ${v.length} values for a ${n}-D kernel.`, what);
    return v.map((x) => num(x, what));
  }
  const x = num(v, what);
  return Array.from({ length: n }, () => x);
}

/** kernel_size as Flax reads it: a sequence, or an int meaning the 1-D kernel (k,) (Flax ≥ 0.8). */
export function kernelTuple(v: Arg): { kernel: number[]; wasInt: boolean } {
  if (Array.isArray(v)) return { kernel: v.map((x) => num(x, 'kernel_size')), wasInt: false };
  return { kernel: [num(v, 'kernel_size')], wasInt: true };
}

/** Flax's canonicalize_padding for a `rank`-D kernel: a mode string, or one (lo, hi) pair per axis. */
export function flaxPadding(padding: Arg, rank: number): string | [number, number][] {
  if (typeof padding === 'string') return padding;
  if (typeof padding === 'number') return Array.from({ length: rank }, () => [padding, padding]);
  if (Array.isArray(padding) && padding.length === rank) {
    const pairs = padding.map((p) =>
      typeof p === 'number' ? [p, p] : Array.isArray(p) && p.length === 2 && p.every((q) => typeof q === 'number') ? [p[0], p[1]] : undefined,
    );
    if (pairs.every((p) => p !== undefined)) return pairs as [number, number][];
  }
  throw new ComputeError(
    `Invalid padding format: ${describeArg(padding)}, should be str, int, or a sequence of len ${rank} where each element is an int or pair of ints.`,
    'padding',
  );
}

/** Per-axis padding of a (non-transposed) conv or pool. */
function padSpecs(cls: string, padding: string | [number, number][], kernel: number[], dilation: number[]): PadSpec[] {
  if (Array.isArray(padding)) return padding.map(([lo, hi]) => pads(lo, hi));
  const mode = padding;
  return kernel.map((k, i) => {
    const kd = dilated(k, dilation[i]);
    if (mode.toUpperCase() === 'SAME') return SAME;
    if (mode.toUpperCase() === 'VALID') return pads(0, 0);
    if (mode === 'CIRCULAR' || mode === 'REFLECT') return pads((kd - 1) >> 1, kd >> 1);
    if (mode === 'CAUSAL') {
      if (kernel.length !== 1) throw new ComputeError('Causal padding is only implemented for 1D convolutions.');
      return pads(kd - 1, 0);
    }
    throw new ComputeError(`${cls}: padding '${mode}' is not one of 'SAME', 'VALID', 'CIRCULAR', 'REFLECT', 'CAUSAL'.`, 'padding');
  });
}

/** (*batch, *spatial, features) for a `dims`-D window, with a clear error when the rank is too low. */
function split(cls: string, x: TensorV, dims: number) {
  if (x.shape.length < dims + 1) {
    throw new ComputeError(
      `${cls} with a ${dims}-D window needs an input with ${dims} spatial axes and a feature axis (at least ${dims + 1} axes), not ${pyTuple(x.shape)}.`,
    );
  }
  return { ...splitChannelsLast(x.shape, dims), axes: spatialAxes(x.shape.length, dims) };
}

export interface FlaxConvSpec {
  /** `nn.Conv`, `nnx.Conv`: names the layer in messages. */
  cls: string;
  features: Dim;
  /** kernel_size as written (an int or a sequence). */
  kernelSize: Arg;
  strides: Arg;
  padding: Arg;
  inputDilation: Arg;
  kernelDilation: Arg;
  groups: number;
  /** NNX declares its input features; linen reads them from the input. */
  inFeatures?: Dim;
}

/** The int kernel_size note: what current Flax does with it, and that older Flax refused it. */
function intKernelNote(cls: string, k: number, x: TensorV, batch: Dim[]): string {
  const old = `Flax 0.3.5–0.7 raised TypeError: Expected Conv kernel_size to be a tuple/list of integers (eg.: [3, 3]) but got ${k}.`;
  if (batch.length <= 1) return `${cls}: kernel_size=${k} is the 1-D kernel (${k},) in Flax ≥ 0.8; ${old}`;
  return `${cls}: kernel_size=${k} is the 1-D kernel (${k},) in Flax ≥ 0.8, so on this ${x.shape.join('×')} input Flax treats ${batch.join('×')} as batch axes and slides the kernel along the last spatial axis only (shown so). ${old} For a ${k}×${k} kernel write kernel_size=(${k}, ${k}).`;
}

export function flaxConvForward(spec: FlaxConvSpec, x: TensorV): ForwardResult {
  const { kernel, wasInt } = kernelTuple(spec.kernelSize);
  const dims = kernel.length;
  const strides = broadcastInts(spec.strides, dims, 'strides');
  const inDil = broadcastInts(spec.inputDilation, dims, 'input_dilation');
  const kDil = broadcastInts(spec.kernelDilation, dims, 'kernel_dilation');
  const { batch, spatial, channels, axes } = split(spec.cls, x, dims);
  if (spec.inFeatures !== undefined && knownDifferent(channels, spec.inFeatures)) {
    throw new ComputeError(
      `conv_general_dilated lhs feature dimension size divided by feature_group_count must equal the rhs input feature dimension size, but ${channels} // ${spec.groups} != ${divDim(spec.inFeatures, spec.groups)}. (${spec.cls} was built with in_features=${spec.inFeatures}.)`,
    );
  }
  if (typeof channels === 'number' && channels % spec.groups !== 0) {
    throw new ComputeError(
      `${spec.cls}: the input's ${channels} features are not divisible by feature_group_count=${spec.groups} (Flax asserts in_features % feature_group_count == 0).`,
    );
  }
  const padSpec = padSpecs(spec.cls, flaxPadding(spec.padding, dims), kernel, kDil);
  const tooSmall = (i: number, o: number) =>
    new ComputeError(
      `${spec.cls}: spatial axis ${i} of the input ${pyTuple(x.shape)} is too small for the ${kernel.join('×')} kernel with this padding (output size ${o}).`,
    );
  const out = windowOut(spatial, kernel, strides, kDil, padSpec, tooSmall, inDil);
  let rf: RfRule;
  const before = spatial.map((n, i) => padBefore(inDil[i] === 1 ? n : addConst(mulDim(n, inDil[i]), 1 - inDil[i]), kernel[i], strides[i], kDil[i], padSpec[i]));
  if (inDil.every((d) => d === 1)) rf = windowRf(kernel, strides, kDil, before, axes);
  // Input dilation spreads the input by d: output o reads the inputs i with o − lo ≤ i·d ≤ o − lo + span,
  // PyTorch's transposed window with stride d and padding span − lo.
  else if (strides.every((s) => s === 1))
    rf = transposedRf(
      kernel,
      inDil,
      kDil,
      kernel.map((k, i) => dilated(k, kDil[i]) - 1 - before[i]),
      axes,
    );
  else rf = { kind: 'none' };
  const notes = wasInt ? [intKernelNote(spec.cls, kernel[0], x, batch)] : [];
  return {
    out: new TensorV([...batch, ...out, spec.features]),
    macs: macCount([...batch, ...out, spec.features, divDim(channels, spec.groups), ...kernel]),
    rf,
    ...(notes.length ? { notes } : {}),
  };
}

/** jax's _conv_transpose_padding for a dilated kernel k_d and stride s: (lo, hi) around the stride-dilated input. */
export function convTransposePads(kd: number, s: number, mode: 'SAME' | 'VALID'): [number, number] {
  const len = mode === 'SAME' ? kd + s - 2 : kd + s - 2 + Math.max(kd - s, 0);
  const lo = mode === 'SAME' ? (s > kd - 1 ? kd - 1 : Math.ceil(len / 2)) : kd - 1;
  return [lo, len - lo];
}

export interface FlaxConvTransposeSpec {
  cls: string;
  features: Dim;
  kernelSize: Arg;
  strides: Arg;
  padding: Arg;
  kernelDilation: Arg;
  inFeatures?: Dim;
}

export function flaxConvTransposeForward(spec: FlaxConvTransposeSpec, x: TensorV): ForwardResult {
  const { kernel } = kernelTuple(spec.kernelSize);
  const dims = kernel.length;
  const strides = broadcastInts(spec.strides, dims, 'strides');
  const kDil = broadcastInts(spec.kernelDilation, dims, 'kernel_dilation');
  const { batch, spatial, channels, axes } = split(spec.cls, x, dims);
  if (spec.inFeatures !== undefined && knownDifferent(channels, spec.inFeatures)) {
    throw new ComputeError(`${spec.cls} was built with in_features=${spec.inFeatures} but its input has ${channels} features (shape ${pyTuple(x.shape)}).`);
  }
  const padding = flaxPadding(spec.padding, dims);
  const circular = padding === 'CIRCULAR';
  const pairs: [number, number][] = kernel.map((k, i) => {
    const kd = dilated(k, kDil[i]);
    if (Array.isArray(padding)) return padding[i];
    const mode = circular ? 'VALID' : padding.toUpperCase();
    if (mode !== 'SAME' && mode !== 'VALID') throw new ComputeError(`${spec.cls}: padding '${padding}' is not one of 'SAME', 'VALID', 'CIRCULAR'.`, 'padding');
    return convTransposePads(kd, strides[i], mode);
  });
  // CIRCULAR: the VALID output is wrapped onto one period n·s of the output.
  const out = spatial.map((n, i) =>
    circular ? mulDim(n, strides[i]) : addConst(mulDim(n, strides[i]), -strides[i] + 1 + pairs[i][0] + pairs[i][1] - dilated(kernel[i], kDil[i]) + 1),
  );
  out.forEach((o, i) => {
    if (typeof o === 'number' && o <= 0)
      throw new ComputeError(`${spec.cls}: the padding ${JSON.stringify(pairs[i])} on spatial axis ${i} leaves no output from ${spatial[i]} inputs.`);
  });
  const crop = kernel.map((k, i) => dilated(k, kDil[i]) - 1 - pairs[i][0]);
  return {
    out: new TensorV([...batch, ...out, spec.features]),
    macs: macCount([...batch, ...spatial, channels, spec.features, ...kernel]),
    rf: circular ? { kind: 'none' } : transposedRf(kernel, strides, kDil, crop, axes),
  };
}

/**
 * flax.linen.max_pool / avg_pool / min_pool(inputs, window_shape, strides=None, padding='VALID'):
 * window_shape and strides are tuples (an int fails in Flax: `len()` of an int); strides None
 * means 1 on every axis.
 */
export function flaxPoolForward(fn: string, x: TensorV, windowShape: Arg, strides: Arg, padding: Arg): ForwardResult {
  if (!Array.isArray(windowShape)) {
    throw new ComputeError(
      `${fn}: window_shape must be a tuple such as (2, 2); an int fails in Flax with TypeError: object of type 'int' has no len().`,
      'window_shape',
    );
  }
  const window = windowShape.map((w) => num(w, 'window_shape'));
  const dims = window.length;
  const noStrides = isNone(strides) || (Array.isArray(strides) && strides.length === 0);
  if (!noStrides && !Array.isArray(strides))
    throw new ComputeError(
      `${fn}: strides must be a tuple such as (2, 2); an int fails in Flax with TypeError: can only concatenate tuple (not "int") to tuple.`,
      'strides',
    );
  const s = noStrides ? window.map(() => 1) : (strides as Arg[]).map((v) => num(v, 'strides'));
  if (s.length !== dims) throw new ComputeError(`len(${pyTuple(window)}) must equal len(${pyTuple(s)})`, 'strides');
  const { batch, spatial, channels, axes } = split(fn, x, dims);
  let padSpec: PadSpec[];
  if (typeof padding === 'string' && ['SAME', 'VALID'].includes(padding.toUpperCase()))
    padSpec = window.map(() => (padding.toUpperCase() === 'SAME' ? SAME : pads(0, 0)));
  else if (Array.isArray(padding) && padding.length === dims && padding.every((p) => Array.isArray(p) && p.length === 2))
    padSpec = padding.map((p) => pads(num((p as Arg[])[0], 'padding'), num((p as Arg[])[1], 'padding')));
  else throw new ComputeError(`padding ${describeArg(padding)} must specify pads for same number of dims as window_shape ${pyTuple(window)}`, 'padding');
  const ones = window.map(() => 1);
  const out = windowOut(
    spatial,
    window,
    s,
    ones,
    padSpec,
    (i, o) => new ComputeError(`${fn}: spatial axis ${i} of the input ${pyTuple(x.shape)} is smaller than the ${window.join('×')} window (output size ${o}).`),
  );
  const before = spatial.map((n, i) => padBefore(n, window[i], s[i], 1, padSpec[i]));
  const notes =
    noStrides && window.some((w) => w > 1)
      ? [
          `${fn}: strides=None means 1 on every axis in Flax (not the window size, as in PyTorch and Keras), so the windows overlap; pass strides=${pyTuple(window)} to tile them.`,
        ]
      : [];
  return { out: new TensorV([...batch, ...out, channels]), macs: 0, rf: windowRf(window, s, ones, before, axes), ...(notes.length ? { notes } : {}) };
}
