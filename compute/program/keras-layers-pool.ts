/**
 * Keras layers that move windows without weights: MaxPooling / AveragePooling (1D–3D), global
 * pooling, UpSampling, ZeroPadding and Cropping. No parameters, no MACs (a max or a mean is not a
 * multiply-accumulate with a weight).
 *
 * Pooling sizes (compute_pooling_output_shape): 'valid' ⌊(n − k)/s⌋ + 1, 'same' ⌈n/s⌉; strides
 * None means the pool size (unlike Flax, where None means 1).
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardResult, RfRule } from './table-types';
import { checkRank, kerasDataFormat, kerasLayout, kerasPadding, kerasShape, kerasTuple, type KerasLayerRule } from './keras-args';
import { pads, padBefore, SAME, windowOut, windowRf } from './nhwc-window';
import { addConst, boolArg, isNone, mulDim } from './torch-dims';
import { num, TensorV, type Arg } from './values';

const pyTuple = (xs: readonly (number | string)[]): string => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;
const poolDefault = (dims: number): number | number[] => (dims === 1 ? 2 : Array.from({ length: dims }, () => 2));

function poolRule(kind: 'max' | 'avg', dims: number): KerasLayerRule {
  const cls = `${kind === 'max' ? 'MaxPooling' : 'AveragePooling'}${dims}D`;
  return {
    op: `${kind}_pool${dims}d`,
    params: ['pool_size', 'strides', 'padding', 'data_format'],
    defaults: { pool_size: poolDefault(dims), strides: null, padding: 'valid', data_format: null },
    ignoredParams: [],
    paramCount: () => 0,
    check(a) {
      kerasTuple(a.pool_size, dims, 'pool_size');
      if (!isNone(a.strides)) kerasTuple(a.strides, dims, 'strides');
      kerasPadding(a.padding, false);
      kerasDataFormat(a.data_format);
    },
    forward(a, [x]) {
      checkRank(cls, x.shape, dims + 2, 'ndim');
      const layout = kerasLayout(x.shape, dims, kerasDataFormat(a.data_format));
      const pool = kerasTuple(a.pool_size, dims, 'pool_size');
      const strides = isNone(a.strides) ? pool : kerasTuple(a.strides, dims, 'strides');
      const mode = kerasPadding(a.padding, false);
      const spec = pool.map(() => (mode === 'same' ? SAME : pads(0, 0)));
      const d1 = pool.map(() => 1);
      const out = windowOut(
        layout.spatial,
        pool,
        strides,
        d1,
        spec,
        () =>
          new ComputeError(
            `Computed output size would be zero or negative. Received: \`inputs.shape=${kerasShape(x.shape)}\`, \`pool_size=${pyTuple(pool)}\`, \`strides=${pyTuple(strides)}\`, \`padding=${mode}\`.`,
          ),
      );
      const before = layout.spatial.map((n, i) => padBefore(n, pool[i], strides[i], 1, spec[i]));
      return { out: new TensorV(layout.build(out, layout.channels)), macs: 0, rf: windowRf(pool, strides, d1, before, layout.axes) };
    },
  };
}

function globalPoolRule(kind: 'max' | 'avg', dims: number): KerasLayerRule {
  const cls = `Global${kind === 'max' ? 'Max' : 'Average'}Pooling${dims}D`;
  return {
    op: `adaptive_${kind}_pool${dims}d`,
    params: ['data_format', 'keepdims'],
    defaults: { data_format: null, keepdims: false },
    ignoredParams: [],
    paramCount: () => 0,
    forward(a, [x]) {
      checkRank(cls, x.shape, dims + 2, 'ndim');
      const layout = kerasLayout(x.shape, dims, kerasDataFormat(a.data_format));
      // Every output reads the whole of each spatial axis; keepdims keeps them as 1s.
      const out = boolArg(a.keepdims, 'keepdims')
        ? layout.build(
            layout.spatial.map(() => 1),
            layout.channels,
          )
        : [x.shape[0], layout.channels];
      return { out: new TensorV(out), macs: 0, rf: { kind: 'global', axes: layout.axes } };
    },
  };
}

/**
 * UpSampling: each axis repeated `size` times ('nearest'), or resized with 'bilinear' (half-pixel
 * centres, like PyTorch's align_corners=False). Receptive field, as a transposed window: nearest
 * ×s is k = s, stride s; bilinear ×s reads two neighbours, k = 2s, stride s, padding ⌈s/2⌉.
 */
function upsamplingRule(dims: number): KerasLayerRule {
  const cls = `UpSampling${dims}D`;
  return {
    op: `upsample`,
    params: dims === 1 ? ['size'] : dims === 2 ? ['size', 'data_format', 'interpolation'] : ['size', 'data_format'],
    defaults: dims === 1 ? { size: 2 } : dims === 2 ? { size: [2, 2], data_format: null, interpolation: 'nearest' } : { size: [2, 2, 2], data_format: null },
    ignoredParams: [],
    paramCount: () => 0,
    forward(a, [x]) {
      checkRank(cls, x.shape, dims + 2, 'ndim');
      const layout = kerasLayout(x.shape, dims, kerasDataFormat(a.data_format));
      const size = kerasTuple(a.size, dims, 'size');
      const mode = String(a.interpolation ?? 'nearest');
      const ones1 = size.map(() => 1);
      const rf: RfRule =
        mode === 'bilinear'
          ? windowRf(
              size.map((s) => 2 * s),
              size,
              ones1,
              size.map((s) => Math.ceil(s / 2)),
              layout.axes,
              true,
            )
          : mode === 'nearest'
            ? windowRf(
                size,
                size,
                ones1,
                size.map(() => 0),
                layout.axes,
                true,
              )
            : { kind: 'none' };
      return {
        out: new TensorV(
          layout.build(
            layout.spatial.map((n, i) => mulDim(n, size[i])),
            layout.channels,
          ),
        ),
        macs: 0,
        rf,
      };
    },
  };
}

/**
 * ZeroPadding / Cropping amounts as (before, after) per axis: an int for every side, a tuple of
 * `dims` ints (symmetric per axis), or `dims` (before, after) pairs.
 */
function sidePairs(v: Arg, dims: number, what: string): [number, number][] {
  if (!Array.isArray(v)) {
    const p = num(v, what);
    return Array.from({ length: dims }, () => [p, p]);
  }
  if (dims === 1 && v.length === 2 && v.every((x) => !Array.isArray(x))) return [[num(v[0], what), num(v[1], what)]];
  if (v.length !== dims) throw new ComputeError(`\`${what}\` should have ${dims} elements. Received: ${what}=${JSON.stringify(v)}.`, what);
  return v.map((p) => {
    if (!Array.isArray(p)) return [num(p, what), num(p, what)];
    if (p.length !== 2)
      throw new ComputeError(
        `\`${what}\` should have ${dims} elements, each a pair of (before, after) integers. Received: ${what}=${JSON.stringify(v)}.`,
        what,
      );
    return [num(p[0], what), num(p[1], what)];
  });
}

/**
 * ZeroPadding (sign +1) adds zeros, Cropping (−1) removes samples: out = n ± (before + after).
 * Receptive field: output o reads input o ∓ before, a window of 1 shifted by the padding.
 */
function edgeRule(kind: 'pad' | 'crop', dims: number): KerasLayerRule {
  const cls = `${kind === 'pad' ? 'ZeroPadding' : 'Cropping'}${dims}D`;
  const what = kind === 'pad' ? 'padding' : 'cropping';
  // Keras's signature defaults: padding 1, (1, 1), ((1, 1), (1, 1), (1, 1)); cropping (1, 1), ((0, 0), (0, 0)), ((1, 1), (1, 1), (1, 1)).
  const pairsOf = (p: number) => Array.from({ length: dims }, () => [p, p]);
  const def = kind === 'pad' ? (dims === 1 ? 1 : dims === 2 ? [1, 1] : pairsOf(1)) : dims === 1 ? [1, 1] : pairsOf(dims === 2 ? 0 : 1);
  return {
    op: kind === 'pad' ? `zero_pad${dims}d` : `crop${dims}d`,
    params: dims === 1 ? [what] : [what, 'data_format'],
    defaults: dims === 1 ? { [what]: def } : { [what]: def, data_format: null },
    ignoredParams: [],
    paramCount: () => 0,
    check: (a: BoundArgs) => void sidePairs(a[what], dims, what),
    forward(a, [x]): ForwardResult {
      checkRank(cls, x.shape, dims + 2, 'ndim');
      const layout = kerasLayout(x.shape, dims, kerasDataFormat(a.data_format));
      const pairs = sidePairs(a[what], dims, what);
      const sign = kind === 'pad' ? 1 : -1;
      const out = layout.spatial.map((n, i) => {
        const m = addConst(n, sign * (pairs[i][0] + pairs[i][1]));
        if (typeof m === 'number' && m <= 0) {
          throw new ComputeError(
            `\`${what}\` parameter of \`${cls}\` layer is too high. Input shape: ${kerasShape(x.shape)}, ${what}: ${JSON.stringify(pairs)}`,
          );
        }
        return m;
      });
      const one = pairs.map(() => 1);
      return {
        out: new TensorV(layout.build(out, layout.channels)),
        macs: 0,
        rf: windowRf(
          one,
          one,
          one,
          pairs.map(([b]) => sign * b),
          layout.axes,
        ),
      };
    },
  };
}

export const KERAS_POOL_LAYERS: Record<string, KerasLayerRule> = {};
for (const d of [1, 2, 3]) {
  const add = (names: string[], rule: KerasLayerRule) => names.forEach((n) => (KERAS_POOL_LAYERS[n] = rule));
  add([`MaxPooling${d}D`, `MaxPool${d}D`], poolRule('max', d));
  add([`AveragePooling${d}D`, `AvgPool${d}D`], poolRule('avg', d));
  add([`GlobalMaxPooling${d}D`, `GlobalMaxPool${d}D`], globalPoolRule('max', d));
  add([`GlobalAveragePooling${d}D`, `GlobalAvgPool${d}D`], globalPoolRule('avg', d));
  add([`UpSampling${d}D`], upsamplingRule(d));
  add([`ZeroPadding${d}D`], edgeRule('pad', d));
  add([`Cropping${d}D`], edgeRule('crop', d));
}
