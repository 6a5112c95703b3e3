/**
 * Sliding windows on channels-last tensors (batch…, *spatial, C), shared by the Keras and Flax
 * tables. Both frameworks lower 'same' padding the way TensorFlow / XLA do, so one set of rules
 * serves both:
 *
 * - 'same': out = ⌈n / s⌉; the total padding max((out − 1)·s + k_d − n, 0) is split with the odd
 *   element after (before = ⌊total/2⌋), where k_d = d·(k − 1) + 1 is the dilated kernel;
 * - explicit (lo, hi) padding, 'valid' = (0, 0) and 'causal' = (k_d − 1, 0):
 *   out = ⌊(n + lo + hi − k_d) / s⌋ + 1.
 *
 * Receptive fields: a window rule on the spatial axes, which for channels-last are axes
 * 1…rank − 2 (named in the rule's `axes`), not the trailing ones.
 */
import { ComputeError } from '../errors';
import type { RfRule } from './table-types';
import { addConst, mulDim, symbolic } from './torch-dims';
import { NeedsUnknown, UnknownV, type Dim } from './values';

/** One spatial axis's padding: TensorFlow/XLA 'same', or explicit (lo, hi) pairs. */
export type PadSpec = { kind: 'same' } | { kind: 'pairs'; lo: number; hi: number };

export const SAME: PadSpec = { kind: 'same' };
export const pads = (lo: number, hi: number): PadSpec => ({ kind: 'pairs', lo, hi });

/**
 * A size a lazily built layer needs as a number (Keras and Flax linen size their weights from the
 * input's feature axis at the first call); a symbol there is an unknown the user can give.
 */
export function knownChannels(c: Dim, cls: string): number {
  if (typeof c === 'number') return c;
  throw new NeedsUnknown(new UnknownV(String(c), `the feature axis of the input to ${cls}, which sizes its weights at the first call`, 0));
}

/** The dilated kernel's extent: d·(k − 1) + 1 input samples. */
export const dilated = (k: number, d: number): number => d * (k - 1) + 1;

const wrap = (d: Dim): string => (typeof d === 'string' && /[+\-/ ]/.test(d) ? `(${d})` : String(d));

/** A channels-last shape split into leading batch axes, `dims` spatial axes and the channel axis. */
export function splitChannelsLast(shape: readonly Dim[], dims: number): { batch: Dim[]; spatial: Dim[]; channels: Dim } {
  const rank = shape.length;
  return { batch: shape.slice(0, rank - dims - 1), spatial: shape.slice(rank - dims - 1, rank - 1), channels: shape[rank - 1] };
}

/** The input axes a channels-last window acts on: the `dims` axes before the channel axis. */
export const spatialAxes = (rank: number, dims: number): number[] => Array.from({ length: dims }, (_, i) => rank - dims - 1 + i);

/**
 * Output length of a window along one axis. `inputDilation` d_in > 1 spreads the input first
 * (Flax's input_dilation, lax's lhs_dilation): n becomes (n − 1)·d_in + 1.
 */
export function windowAxisOut(n: Dim, k: number, s: number, d: number, pad: PadSpec, inputDilation = 1): Dim {
  const m = inputDilation === 1 ? n : addConst(mulDim(n, inputDilation), 1 - inputDilation);
  if (pad.kind === 'same')
    return s === 1
      ? m
      : symbolic(
          m,
          (v) => Math.ceil(v / s),
          (v) => `ceil(${v}/${s})`,
        );
  const c = pad.lo + pad.hi - dilated(k, d);
  if (s === 1) return addConst(m, c + 1);
  return symbolic(
    m,
    (v) => Math.floor((v + c) / s) + 1,
    () => `${wrap(addConst(m, c))}//${s}+1`,
  );
}

/**
 * Padding before the first sample, for receptive fields. For 'same' on a symbolic length with
 * s > 1 the split depends on n mod s; n divisible by s is assumed there (the field's size and
 * jump do not depend on it, only where it starts).
 */
export function padBefore(n: Dim, k: number, s: number, d: number, pad: PadSpec): number {
  if (pad.kind === 'pairs') return pad.lo;
  const kd = dilated(k, d);
  const total = typeof n === 'number' ? Math.max((Math.ceil(n / s) - 1) * s + kd - n, 0) : Math.max(kd - s, 0);
  return Math.floor(total / 2);
}

/** A window receptive-field rule on the given input axes. */
export function windowRf(kernel: number[], stride: number[], dilation: number[], before: number[], axes: number[], transposed = false): RfRule {
  return { kind: 'window', kernel, stride, padding: before, dilation, axes, ...(transposed ? { transposed: true } : {}) };
}

/**
 * Output lengths of a window over the spatial axes, with a ComputeError (`fail(axis, padded,
 * kernel)`) when a known length leaves no output position.
 */
export function windowOut(
  spatial: readonly Dim[],
  kernel: number[],
  stride: number[],
  dilation: number[],
  padding: PadSpec[],
  fail: (axis: number, out: number) => ComputeError,
  inputDilation?: number[],
): Dim[] {
  return spatial.map((n, i) => {
    const out = windowAxisOut(n, kernel[i], stride[i], dilation[i], padding[i], inputDilation?.[i] ?? 1);
    if (typeof out === 'number' && out <= 0) throw fail(i, out);
    return out;
  });
}

/**
 * A transposed window's receptive field, stated as PyTorch's transposed convolution (stride s,
 * crop `before` samples of the full output (n − 1)·s + k_d): output o reads the inputs i with
 * o + before − (k_d − 1) ≤ i·s ≤ o + before.
 */
export function transposedRf(kernel: number[], stride: number[], dilation: number[], cropBefore: number[], axes: number[]): RfRule {
  return windowRf(kernel, stride, dilation, cropBefore, axes, true);
}
