/**
 * Shape rules of PyTorch's sliding-window and resampling ops, shared by the layers (nn.Conv2d,
 * nn.MaxPool2d, nn.Upsample, …) and the functional forms (F.conv2d, F.max_pool2d, F.interpolate).
 * Sizes per axis come from compute/conv/shape.ts; this file adds batching, symbols, PyTorch's
 * error wording, MACs and receptive-field rules.
 *
 * Conv MACs: every output position of every output channel sums C_in/groups · ∏k products, so
 * conv = N · ∏out · C_out · C_in/g · ∏k. A transposed conv scatters each input position into
 * C_out/g · ∏k outputs per input channel: N · ∏in · C_in · C_out/g · ∏k. Pooling: 0.
 */
import { ComputeError } from '../errors';
import { convOutSize, convTransposeOutSize, effectiveKernel, poolOutSize } from '../conv/shape';
import type { ForwardResult, RfRule } from './table-types';
import { addConst, divDim, isNone, knownDifferent, macCount, mulDim, showShape, symbolic } from './torch-dims';
import { num, TensorV, tuple, type Arg, type Dim } from './values';

export const SPATIAL = ['L', 'H, W', 'D, H, W'];

/** (N, C, *spatial) or unbatched (C, *spatial): the shape with a batch of 1 added, and whether it was added. */
export function withBatch(x: TensorV, dims: number, message: () => string): { shape: Dim[]; unbatched: boolean } {
  const rank = x.shape.length;
  if (rank === dims + 2) return { shape: [...x.shape], unbatched: false };
  if (rank === dims + 1) return { shape: [1, ...x.shape], unbatched: true };
  throw new ComputeError(message());
}

const dropBatch = (shape: Dim[], unbatched: boolean): Dim[] => (unbatched ? shape.slice(1) : shape);

// ── Convolution ─────────────────────────────────────────────────────────────────────────────────

export interface ConvSpec {
  /** `conv2d`, `conv_transpose2d`. */
  op: string;
  dims: number;
  transposed: boolean;
  inC: Dim;
  outC: Dim;
  /** PyTorch's weight shape, for messages: (C_out, C_in/g, *k); transposed (C_in, C_out/g, *k). */
  weight: Dim[];
  kernel: number[];
  stride: number[];
  dilation: number[];
  /** [before, after] per axis ('same' already resolved). */
  padding: [number, number][];
  outputPadding: number[];
  groups: number;
}

/** Output size of a conv along one axis, or its formula when the input size is a symbol. */
function convAxis(n: Dim, k: number, s: number, [pb, pa]: [number, number], d: number): Dim {
  const c = pb + pa - effectiveKernel(k, d);
  return symbolic(
    n,
    (v) => convOutSize(v, k, s, pb, pa, d),
    (v) => (s === 1 ? String(addConst(v, c + 1)) : `${wrapSum(addConst(v, c))}//${s}+1`),
  );
}

const wrapSum = (d: Dim): string => (typeof d === 'string' && /[+-]/.test(d) ? `(${d})` : String(d));

function convTransposeAxis(n: Dim, k: number, s: number, [pb, pa]: [number, number], d: number, op: number): Dim {
  // (n − 1)·s − p_b − p_a + d·(k − 1) + output_padding + 1, as n·s plus a constant.
  return typeof n === 'number' ? convTransposeOutSize(n, k, s, pb, pa, d, op) : addConst(mulDim(n, s), -s - pb - pa + d * (k - 1) + op + 1);
}

export function convForward(spec: ConvSpec, x: TensorV): ForwardResult {
  const { dims, transposed } = spec;
  const { shape, unbatched } = withBatch(
    x,
    dims,
    () => `Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${spec.op}, but got input of size: ${showShape(x.shape)}`,
  );
  const [n, c, ...spatial] = shape;
  if (knownDifferent(c, spec.inC)) {
    const lead = transposed ? 'transposed=1' : `groups=${spec.groups}`;
    throw new ComputeError(
      `Given ${lead}, weight of size ${showShape(spec.weight)}, expected input${showShape(shape)} to have ${spec.inC} channels, but got ${c} channels instead`,
    );
  }
  const out = spatial.map((size, i) =>
    transposed
      ? convTransposeAxis(size, spec.kernel[i], spec.stride[i], spec.padding[i], spec.dilation[i], spec.outputPadding[i])
      : convAxis(size, spec.kernel[i], spec.stride[i], spec.padding[i], spec.dilation[i]),
  );
  const known = spatial.every((s) => typeof s === 'number');
  if (known && !transposed) {
    const padded = spatial.map((s, i) => (s as number) + spec.padding[i][0] + spec.padding[i][1]);
    const kernels = spec.kernel.map((k, i) => effectiveKernel(k, spec.dilation[i]));
    if (padded.some((p, i) => p < kernels[i])) {
      throw new ComputeError(
        `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kernels.join(' x ')}). Kernel size can't be greater than actual input size`,
      );
    }
  }
  if (known && transposed && out.some((o) => (o as number) <= 0)) {
    throw new ComputeError(
      `Given input size per channel: (${spatial.join(' x ')}). Calculated output size per channel: (${out.join(' x ')}). Output size is too small`,
    );
  }
  const taps = spec.kernel;
  const macs = transposed
    ? macCount([n, ...spatial, spec.inC, divDim(spec.outC, spec.groups), ...taps])
    : macCount([n, ...out, spec.outC, divDim(spec.inC, spec.groups), ...taps]);
  return {
    out: new TensorV(dropBatch([n, spec.outC, ...out], unbatched)),
    macs,
    rf: {
      kind: 'window',
      kernel: spec.kernel,
      stride: spec.stride,
      padding: spec.padding.map((p) => p[0]),
      dilation: spec.dilation,
      ...(transposed ? { transposed: true } : {}),
    },
  };
}

// ── Pooling ─────────────────────────────────────────────────────────────────────────────────────

export interface PoolSpec {
  /** `max_pool2d`, `avg_pool2d`, `lp_pool2d`. */
  op: string;
  dims: number;
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  ceilMode: boolean;
  returnIndices: boolean;
}

/** kernel_size, stride (None → kernel), padding, dilation of a pooling call, one value per axis. */
export function poolWindow(dims: number, kernel: Arg, stride: Arg, padding: Arg, dilation: Arg): Pick<PoolSpec, 'kernel' | 'stride' | 'padding' | 'dilation'> {
  const k = tuple(kernel, dims, 'kernel_size');
  const emptyStride = isNone(stride) || (Array.isArray(stride) && stride.length === 0);
  return {
    kernel: k,
    stride: emptyStride ? k : tuple(stride, dims, 'stride'),
    padding: tuple(padding ?? 0, dims, 'padding'),
    dilation: tuple(dilation ?? 1, dims, 'dilation'),
  };
}

function poolAxis(n: Dim, k: number, s: number, p: number, d: number, ceil: boolean): Dim {
  const c = 2 * p - effectiveKernel(k, d);
  return symbolic(
    n,
    (v) => poolOutSize(v, k, s, p, d, ceil),
    (v) => (s === 1 ? String(addConst(v, c + 1)) : ceil ? `ceil(${addConst(v, c)}/${s})+1` : `${wrapSum(addConst(v, c))}//${s}+1`),
  );
}

export function poolForward(spec: PoolSpec, x: TensorV): ForwardResult {
  const { dims } = spec;
  const { shape, unbatched } = withBatch(x, dims, () =>
    dims === 1
      ? `${spec.op}: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${showShape(x.shape)}`
      : `non-empty ${dims + 1}D or ${dims + 2}D (batch mode) tensor expected for input`,
  );
  spec.padding.forEach((p, i) => {
    if (p > spec.kernel[i] / 2) throw new ComputeError(`pad should be at most half of kernel size, but got pad=${p} and kernel_size=${spec.kernel[i]}`);
  });
  const [n, c, ...spatial] = shape;
  const out = spatial.map((size, i) => poolAxis(size, spec.kernel[i], spec.stride[i], spec.padding[i], spec.dilation[i], spec.ceilMode));
  if (out.some((o) => typeof o === 'number' && o <= 0)) {
    if (spec.op === 'max_pool1d') throw new ComputeError(`max_pool1d() Invalid computed output size: ${out[0]}`);
    // avg_pool1d runs as avg_pool2d on (C, 1, L): its message shows the extra axis.
    const show = (s: Dim[]) => [c, ...(spec.op === 'avg_pool1d' ? [1] : []), ...s].join('x');
    throw new ComputeError(`Given input size: (${show(spatial)}). Calculated output size: (${show(out)}). Output size is too small`);
  }
  const y = new TensorV(dropBatch([n, c, ...out], unbatched));
  return {
    out: spec.returnIndices ? [y, new TensorV(y.shape)] : y,
    macs: 0,
    rf: { kind: 'window', kernel: spec.kernel, stride: spec.stride, padding: spec.padding, dilation: spec.dilation },
  };
}

/**
 * Adaptive pooling: output bin i covers input [⌊i·n/o⌋, ⌈(i+1)·n/o⌉). When o divides n this is a
 * window k = s = n/o (None keeps the axis: k = s = 1); an output of 1 reads everything (global).
 * Otherwise bins differ in size and the rule is `global` (an upper bound).
 */
export function adaptiveForward(op: string, dims: number, outputSize: Arg, x: TensorV, returnIndices: boolean): ForwardResult {
  const { shape, unbatched } = withBatch(x, dims, () => `${op}(): Expected ${dims + 1}D or ${dims + 2}D tensor, but got ${showShape(x.shape)}`);
  const [n, c, ...spatial] = shape;
  const sizes: Arg[] = Array.isArray(outputSize) ? outputSize : Array.from({ length: dims }, () => outputSize);
  if (sizes.length !== dims) throw new ComputeError(`${op}: output_size must be ${dims}`);
  const out = sizes.map((s, i) => (isNone(s) ? spatial[i] : num(s, 'output_size')));
  const y = new TensorV(dropBatch([n, c, ...out], unbatched));
  let rf: RfRule = { kind: 'global' };
  if (!out.every((o) => o === 1)) {
    const steps = out.map((o, i) =>
      isNone(sizes[i]) ? 1 : typeof spatial[i] === 'number' && typeof o === 'number' && (spatial[i] as number) % o === 0 ? (spatial[i] as number) / o : 0,
    );
    if (steps.every((s) => s > 0)) rf = { kind: 'window', kernel: steps, stride: steps, padding: steps.map(() => 0), dilation: steps.map(() => 1) };
  }
  return { out: returnIndices ? [y, new TensorV(y.shape)] : y, macs: 0, rf };
}

// ── Padding ─────────────────────────────────────────────────────────────────────────────────────

/**
 * F.pad: `pad` lists (before, after) pairs starting from the last axis. Negative values crop.
 * Receptive field: output o reads input o − before, a window of 1 shifted by the padding.
 */
export function padForward(x: TensorV, pad: number[], mode: string): ForwardResult {
  if (pad.length % 2 !== 0) throw new ComputeError('Padding length must be divisible by 2');
  const axes = pad.length / 2;
  const rank = x.shape.length;
  if (axes > rank) throw new ComputeError('Padding length too large');
  if (mode !== 'constant' && !(rank === axes + 1 || rank === axes + 2)) {
    throw new ComputeError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  const shape = [...x.shape];
  const before: number[] = [];
  for (let j = 0; j < axes; j++) {
    const axis = rank - 1 - j;
    const [b, a] = [pad[2 * j], pad[2 * j + 1]];
    const size = shape[axis];
    if (mode === 'reflect' && typeof size === 'number' && (b >= size || a >= size)) {
      throw new ComputeError(
        `Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${b}, ${a}) at dimension ${axis} of input ${rank}`,
      );
    }
    const out = addConst(size, b + a);
    if (typeof out === 'number' && out < 0) {
      throw new ComputeError(
        `The input size ${size}, plus negative padding ${b} and ${a} resulted in a negative output size, which is invalid. Check dimension ${axis} of your input.`,
      );
    }
    shape[axis] = out;
    before.unshift(b);
  }
  const ones = before.map(() => 1);
  return { out: new TensorV(shape), macs: 0, rf: { kind: 'window', kernel: ones, stride: ones, padding: before, dilation: ones } };
}

// ── Interpolation ───────────────────────────────────────────────────────────────────────────────

const MODE_DIMS: Record<string, number | undefined> = { linear: 1, bilinear: 2, bicubic: 2, trilinear: 3 };

/**
 * F.interpolate: out = size, or ⌊n·scale⌋. Receptive field for a whole-number ratio s, from the
 * source position x = (o + ½)/s − ½ of output o (PyTorch's align_corners=False; True is treated
 * the same, its sample grid differing by less than one input):
 * - nearest (and area, nearest-exact) upsampling ×s reads input ⌊o/s⌋: a transposed window
 *   k = s, stride s. The field keeps its size and the jump divides by s.
 * - (bi/tri)linear upsampling reads ⌊x⌋ and ⌊x⌋ + 1 (+1 neighbour): a transposed window k = 2s,
 *   stride s, padding ⌊s/2⌋; bicubic reads ⌊x⌋ − 1 … ⌊x⌋ + 2: k = 4s, padding s + ⌊s/2⌋. (For
 *   odd s some outputs land exactly on an input and PyTorch, depending on how 1/s rounds, reads
 *   it alone or with the one below; the rule counts the pair, an upper bound.)
 * - downsampling by s: nearest reads o·s (window 1, stride s); area averages s inputs (k = s);
 *   linear reads x = o·s + (s−1)/2: one sample for odd s, the two around it for even s; bicubic
 *   the four around it for even s.
 * Other ratios give `none` (no whole-number field). Checked against autograd in
 * test/fixtures/torch_table.json (resampleFields).
 */
export function interpolateForward(x: TensorV, size: Arg, scale: Arg, mode: string): ForwardResult {
  const rank = x.shape.length;
  if (rank < 3 || rank > 5) {
    throw new ComputeError(
      `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${rank}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`,
    );
  }
  const dims = rank - 2;
  const need = MODE_DIMS[mode];
  if (need !== undefined && need !== dims) throw new ComputeError(`Got ${rank}D input, but ${mode} mode needs ${need + 2}D input`);
  if (isNone(size) && isNone(scale)) throw new ComputeError('either size or scale_factor should be defined');
  if (!isNone(size) && !isNone(scale)) throw new ComputeError('only one of size or scale_factor should be defined');
  const spatial = x.shape.slice(2);
  let out: Dim[];
  let ratios: (number | undefined)[];
  if (!isNone(size)) {
    const sizes = Array.isArray(size) ? size.map((s) => num(s, 'size')) : spatial.map(() => num(size, 'size'));
    if (sizes.length !== dims) {
      throw new ComputeError(
        `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${showShape(spatial)} and output size of ${showShape(sizes)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
      );
    }
    out = sizes;
    ratios = sizes.map((o, i) => (typeof spatial[i] === 'number' ? o / (spatial[i] as number) : undefined));
  } else {
    const scales = Array.isArray(scale) ? scale.map((s) => num(s, 'scale_factor')) : spatial.map(() => num(scale, 'scale_factor'));
    if (scales.length !== dims) {
      throw new ComputeError(
        `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${showShape(spatial)} and scale_factor of shape ${showShape(scales)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
      );
    }
    out = spatial.map((n, i) =>
      Number.isInteger(scales[i])
        ? mulDim(n, scales[i])
        : symbolic(
            n,
            (v) => Math.floor(v * scales[i]),
            (v) => `floor(${v}·${scales[i]})`,
          ),
    );
    ratios = scales;
  }
  return { out: new TensorV([...x.shape.slice(0, 2), ...out]), macs: 0, rf: resampleRf(mode, ratios) };
}

const nearInteger = (v: number): boolean => Math.abs(v - Math.round(v)) < 1e-9;

/** One axis of the resampling field: [kernel, padding] for the ratio s (see interpolateForward). */
function resampleAxis(mode: string, s: number, up: boolean): [number, number] {
  if (s === 1) return [1, 0];
  const linear = mode.endsWith('linear');
  if (up) {
    if (linear) return [2 * s, Math.floor(s / 2)];
    if (mode === 'bicubic') return [4 * s, s + Math.floor(s / 2)];
    return [s, 0];
  }
  if (mode === 'area') return [s, 0];
  if (!linear && mode !== 'bicubic') return [1, 0];
  if (s % 2 === 1) return [1, -(s - 1) / 2];
  return linear ? [2, 1 - s / 2] : [4, 2 - s / 2];
}

function resampleRf(mode: string, ratios: (number | undefined)[]): RfRule {
  if (ratios.every((r) => r === 1)) return { kind: 'same' };
  const up = ratios.every((r) => r !== undefined && r >= 1 && nearInteger(r));
  const down = ratios.every((r) => r !== undefined && r <= 1 && nearInteger(1 / r));
  if (!up && !down) return { kind: 'none' };
  const s = ratios.map((r) => Math.round(up ? (r as number) : 1 / (r as number)));
  const axes = s.map((v) => resampleAxis(mode, v, up));
  return {
    kind: 'window',
    kernel: axes.map((a) => a[0]),
    stride: s,
    padding: axes.map((a) => a[1]),
    dilation: s.map(() => 1),
    ...(up ? { transposed: true } : {}),
  };
}

// ── Pixel shuffle, unfold, fold ─────────────────────────────────────────────────────────────────

/** (*, C·r², H, W) → (*, C, H·r, W·r): each output pixel copies one input pixel (a transposed window k = s = r). */
export function pixelShuffleForward(x: TensorV, r: number): ForwardResult {
  const rank = x.shape.length;
  if (rank < 3) throw new ComputeError(`pixel_shuffle expects input to have at least 3 dimensions, but got input with ${rank} dimension(s)`);
  const [c, h, w] = x.shape.slice(-3);
  if (typeof c === 'number' && c % (r * r) !== 0) {
    throw new ComputeError(
      `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
    );
  }
  const out = [...x.shape.slice(0, -3), divDim(c, r * r), mulDim(h, r), mulDim(w, r)];
  return { out: new TensorV(out), macs: 0, rf: { kind: 'window', kernel: [r, r], stride: [r, r], padding: [0, 0], dilation: [1, 1], transposed: true } };
}

/** (*, C, H·r, W·r) → (*, C·r², H, W): a window k = s = r. */
export function pixelUnshuffleForward(x: TensorV, r: number): ForwardResult {
  const rank = x.shape.length;
  if (rank < 3) throw new ComputeError(`pixel_unshuffle expects input to have at least 3 dimensions, but got input with ${rank} dimension(s)`);
  const [c, h, w] = x.shape.slice(-3);
  for (const [name, v, i] of [
    ['height', h, -2],
    ['width', w, -1],
  ] as const) {
    if (typeof v === 'number' && v % r !== 0)
      throw new ComputeError(`pixel_unshuffle expects ${name} to be divisible by downscale_factor, but input.size(${i})=${v} is not divisible by ${r}`);
  }
  const out = [...x.shape.slice(0, -3), mulDim(c, r * r), divDim(h, r), divDim(w, r)];
  return { out: new TensorV(out), macs: 0, rf: { kind: 'window', kernel: [r, r], stride: [r, r], padding: [0, 0], dilation: [1, 1] } };
}

/** nn.Unfold: (N, C, H, W) → (N, C·∏k, L), L the number of window positions. Not spatial after. */
export function unfoldForward(x: TensorV, kernel: number[], dilation: number[], padding: number[], stride: number[]): ForwardResult {
  const { shape, unbatched } = withBatch(x, 2, () => `Input Error: Only 3D or 4D input Tensors are supported (got ${x.shape.length}D)`);
  const [n, c, ...spatial] = shape;
  const blocks = spatial.map((s, i) => convAxis(s, kernel[i], stride[i], [padding[i], padding[i]], dilation[i]));
  if (blocks.some((b) => typeof b === 'number' && b < 1)) {
    throw new ComputeError(
      `Given input with spatial size (${spatial.join(', ')}), kernel_size=(${kernel.join(', ')}), dilation=(${dilation.join(', ')}), padding=(${padding.join(', ')}), calculated shape of the array of sliding blocks as (${blocks.join(', ')}), but its components must be at least one.`,
    );
  }
  const out = [n, mulDim(c, kernel[0] * kernel[1]), mulDim(blocks[0], blocks[1])];
  return { out: new TensorV(dropBatch(out, unbatched)), macs: 0, rf: { kind: 'none' } };
}

/** nn.Fold: (N, C·∏k, L) → (N, C, *output_size), the adjoint of Unfold. */
export function foldForward(x: TensorV, outputSize: number[], kernel: number[], dilation: number[], padding: number[], stride: number[]): ForwardResult {
  const rank = x.shape.length;
  if (rank !== 2 && rank !== 3)
    throw new ComputeError(
      `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${showShape(x.shape)}`,
    );
  const [n, ck, l] = rank === 3 ? x.shape : [1, ...x.shape];
  const taps = kernel[0] * kernel[1];
  if (typeof ck === 'number' && ck % taps !== 0) {
    throw new ComputeError(
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${ck} and kernel_size=(${kernel.join(', ')})`,
    );
  }
  const blocks = outputSize.map((o, i) => convOutSize(o, kernel[i], stride[i], padding[i], padding[i], dilation[i]));
  if (typeof l === 'number' && l !== blocks[0] * blocks[1]) {
    throw new ComputeError(
      `Given output_size=(${outputSize.join(', ')}), kernel_size=(${kernel.join(', ')}), dilation=(${dilation.join(', ')}), padding=(${padding.join(', ')}), stride=(${stride.join(', ')}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${blocks.join(' * ')} = ${blocks[0] * blocks[1]}, but got input.size(2)=${l}.`,
    );
  }
  const out = [n, divDim(ck, taps), ...outputSize];
  return { out: new TensorV(rank === 3 ? out : out.slice(1)), macs: 0, rf: { kind: 'none' } };
}
