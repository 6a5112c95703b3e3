/**
 * Entries shared by `torch.X(input, …)` and the tensor method `input.X(…)`: elementwise ops,
 * reductions, matmul, reshapes and permutes, splits. torch-ops.ts dispatches to them.
 *
 * Receptive fields: elementwise ops and broadcasts `same`; reductions over spatial axes `global`;
 * reshapes, permutes and squeezes `same` when the trailing spatial axes come through unchanged,
 * else `none`; matmul with a 2-D right operand acts like a Linear, otherwise `global`.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, RfRule } from './table-types';
import { softmaxForward } from './torch-activations';
import { boolArg, dimsArg, isNone, mulDim, normDim, prodDims, sameDim, shapeArg, sizeArg, varShape } from './torch-dims';
import { flattenForward, linearRf, mixesSpatial } from './torch-layers-basic';
import { input, NONE_RF, ok, SAME, spec, tensor, type OpResult, type OpSpec } from './torch-op-kit';
import {
  bmmShape,
  broadcastAll,
  broadcastShapes,
  chunkShapes,
  matmulShape,
  mmShape,
  permuteShape,
  reduceShape,
  reshapeShape,
  squeezeShape,
  transposeShape,
  unflattenShape,
  unsqueezeShape,
} from './torch-shape';
import { dimValue, num, TensorV, type Arg, type Dim } from './values';

// ── Receptive-field helpers ─────────────────────────────────────────────────────────────────────

/** Number of trailing spatial axes of a tensor: those carrying a field, else all after (N, C). */
const spatialCount = (x: TensorV): number => x.rf?.length ?? Math.max(0, x.shape.length - 2);

/** `same` when the trailing spatial axes come out unchanged (a reshape of batch or channels), else `none`. */
export function keepsTrailing(x: TensorV, out: readonly Dim[]): RfRule {
  const k = spatialCount(x);
  if (k === 0) return SAME;
  const a = x.shape.slice(-k);
  const b = out.slice(-k);
  return out.length >= k && a.every((d, i) => sameDim(d, b[i])) ? SAME : NONE_RF;
}

const reduced = (x: TensorV, axes: number[]): RfRule =>
  mixesSpatial(x, axes) || (!x.rf && axes.some((a) => a >= x.shape.length - spatialCount(x))) ? { kind: 'global' } : SAME;

// ── Entries shared by torch.X(input, …) and input.X(…) ──────────────────────────────────────────

export const same = (op: string, params: string[] = [], defaults: BoundArgs = {}): OpSpec =>
  spec(['input', ...params], defaults, (a) => ok(tensor(input(a).shape), op));

/** An elementwise op of the input and `other` (a tensor or a number): broadcast shapes. */
const elementwise = (op: string, other = 'other', extra: string[] = [], defaults: BoundArgs = {}): OpSpec =>
  spec(['input', other, ...extra], defaults, (a) => {
    const x = input(a);
    const y = a[other];
    return ok(tensor(y instanceof TensorV ? broadcastShapes(x.shape, y.shape) : x.shape), op);
  });

/** sum, mean, …: dim None (or ()) reduces everything. */
const reduction = (op: string, params = ['dim', 'keepdim', 'dtype'], defaults: BoundArgs = { dim: null, keepdim: false, dtype: null }): OpSpec =>
  spec(['input', ...params], defaults, (a) => {
    const x = input(a);
    const dim = Array.isArray(a.dim) && a.dim.length === 0 ? null : a.dim;
    const axes = dimsArg(dim, x.shape.length);
    return ok(tensor(reduceShape(x.shape, axes, boolArg(a.keepdim, 'keepdim'))), op, reduced(x, axes));
  });

/** max/min/median: no dim → a scalar; a dim → (values, indices); a tensor → elementwise. */
const extremum = (op: string): OpSpec =>
  spec(['input', 'dim', 'keepdim'], { dim: null, keepdim: false }, (a) => {
    const x = input(a);
    if (a.dim instanceof TensorV) return ok(tensor(broadcastShapes(x.shape, a.dim.shape)), op);
    if (isNone(a.dim))
      return ok(
        tensor([]),
        op,
        reduced(
          x,
          x.shape.map((_, i) => i),
        ),
      );
    const axes = [normDim(num(a.dim, 'dim'), x.shape.length)];
    const shape = reduceShape(x.shape, axes, boolArg(a.keepdim, 'keepdim'));
    return ok([tensor(shape), tensor(shape)], op, reduced(x, axes));
  });

const argReduction = (op: string): OpSpec =>
  spec(['input', 'dim', 'keepdim'], { dim: null, keepdim: false }, (a) => {
    const x = input(a);
    const keep = boolArg(a.keepdim, 'keepdim');
    if (isNone(a.dim))
      return ok(
        tensor(keep ? x.shape.map(() => 1) : []),
        op,
        reduced(
          x,
          x.shape.map((_, i) => i),
        ),
      );
    const axes = [normDim(num(a.dim, 'dim'), x.shape.length)];
    return ok(tensor(reduceShape(x.shape, axes, keep)), op, reduced(x, axes));
  });

/** Keywords of tensor factories that do not change shapes. */
export const LIKE_KEYWORDS = ['layout', 'requires_grad', 'memory_format', 'pin_memory', 'generator', 'out'];

export const matmulRf = (x: TensorV, other: TensorV): RfRule => (other.shape.length === 2 ? linearRf(x) : { kind: 'global' });

const UNARY = [
  'relu',
  'sigmoid',
  'tanh',
  'exp',
  'exp2',
  'expm1',
  'log',
  'log2',
  'log10',
  'log1p',
  'sqrt',
  'rsqrt',
  'abs',
  'neg',
  'negative',
  'sin',
  'cos',
  'tan',
  'sinh',
  'cosh',
  'asin',
  'acos',
  'atan',
  'floor',
  'ceil',
  'round',
  'trunc',
  'frac',
  'sign',
  'sgn',
  'reciprocal',
  'square',
  'erf',
  'erfc',
  'erfinv',
  'isnan',
  'isinf',
  'isfinite',
  'logical_not',
  'bitwise_not',
  'sigmoid_',
  'relu_',
  'tanh_',
  'exp_',
  'abs_',
  'neg_',
  'sqrt_',
  'zero_',
  'detach',
  'clone',
];
const BINARY = [
  'mul',
  'multiply',
  'div',
  'divide',
  'true_divide',
  'floor_divide',
  'remainder',
  'fmod',
  'maximum',
  'minimum',
  'fmax',
  'fmin',
  'atan2',
  'eq',
  'ne',
  'gt',
  'lt',
  'ge',
  'le',
  'greater',
  'less',
  'greater_equal',
  'less_equal',
  'logical_and',
  'logical_or',
  'logical_xor',
  'bitwise_and',
  'bitwise_or',
  'bitwise_xor',
];

export const SHARED: Record<string, OpSpec> = {
  ...Object.fromEntries(UNARY.map((n) => [n, same(n.replace(/_$/, ''))])),
  ...Object.fromEntries(BINARY.map((n) => [n, elementwise(n, 'other', n === 'div' || n === 'divide' ? ['rounding_mode'] : [], { rounding_mode: null })])),
  add: elementwise('add', 'other', ['alpha'], { alpha: 1 }),
  sub: elementwise('sub', 'other', ['alpha'], { alpha: 1 }),
  subtract: elementwise('sub', 'other', ['alpha'], { alpha: 1 }),
  pow: elementwise('pow', 'exponent'),
  clamp: spec(['input', 'min', 'max'], { min: null, max: null }, (a) => {
    const x = input(a);
    return ok(tensor(broadcastAll([x.shape, ...[a.min, a.max].filter((t): t is TensorV => t instanceof TensorV).map((t) => t.shape)])), 'clamp');
  }),
  clamp_min: same('clamp_min', ['min']),
  clamp_max: same('clamp_max', ['max']),
  nan_to_num: same('nan_to_num', ['nan', 'posinf', 'neginf'], { nan: 0.0, posinf: null, neginf: null }),
  softmax: spec(['input', 'dim', 'dtype'], { dim: null, dtype: null }, (a) => fromSoftmax(a, 'softmax')),
  log_softmax: spec(['input', 'dim', 'dtype'], { dim: null, dtype: null }, (a) => fromSoftmax(a, 'log_softmax')),
  cumsum: same('cumsum', ['dim', 'dtype'], { dtype: null }),
  cumprod: same('cumprod', ['dim', 'dtype'], { dtype: null }),
  tril: same('tril', ['diagonal'], { diagonal: 0 }),
  triu: same('triu', ['diagonal'], { diagonal: 0 }),
  flip: same('flip', ['dims']),
  roll: same('roll', ['shifts', 'dims'], { dims: null }),
  masked_fill: spec(['input', 'mask', 'value'], {}, (a) => {
    const x = input(a);
    const mask = input(a, 'mask');
    const b = broadcastShapes(x.shape, mask.shape);
    if (b.length !== x.shape.length || b.some((d, i) => !sameDim(d, x.shape[i]) && typeof d === 'number' && typeof x.shape[i] === 'number')) {
      throw new ComputeError(`The size of tensor a (${x.shape.join(', ')}) must match the size of tensor b (${mask.shape.join(', ')})`);
    }
    return ok(tensor(x.shape), 'masked_fill');
  }),
  where: spec(['condition', 'input', 'other'], { input: null, other: null }, (a) => {
    const shapes = [a.condition, a.input, a.other].filter((t): t is TensorV => t instanceof TensorV).map((t) => t.shape);
    if (isNone(a.input))
      return ok(
        input(a, 'condition').shape.map(() => tensor(['nonzero'])),
        'nonzero',
        NONE_RF,
      );
    return ok(tensor(broadcastAll(shapes)), 'where');
  }),
  sum: reduction('sum'),
  mean: reduction('mean'),
  nansum: reduction('nansum'),
  nanmean: reduction('nanmean'),
  prod: reduction('prod'),
  amax: reduction('amax', ['dim', 'keepdim'], { dim: [], keepdim: false }),
  amin: reduction('amin', ['dim', 'keepdim'], { dim: [], keepdim: false }),
  logsumexp: reduction('logsumexp', ['dim', 'keepdim'], { keepdim: false }),
  all: reduction('all', ['dim', 'keepdim'], { dim: null, keepdim: false }),
  any: reduction('any', ['dim', 'keepdim'], { dim: null, keepdim: false }),
  std: reduction('std', ['dim', 'unbiased', 'keepdim', 'correction'], { dim: null, unbiased: true, keepdim: false, correction: null }),
  var: reduction('var', ['dim', 'unbiased', 'keepdim', 'correction'], { dim: null, unbiased: true, keepdim: false, correction: null }),
  norm: reduction('norm', ['p', 'dim', 'keepdim', 'out', 'dtype'], { p: 'fro', dim: null, keepdim: false, out: null, dtype: null }),
  count_nonzero: reduction('count_nonzero', ['dim'], { dim: null }),
  max: extremum('max'),
  min: extremum('min'),
  median: extremum('median'),
  argmax: argReduction('argmax'),
  argmin: argReduction('argmin'),
  sort: spec(['input', 'dim', 'descending', 'stable'], { dim: -1, descending: false, stable: false }, (a) =>
    ok([tensor(input(a).shape), tensor(input(a).shape)], 'sort'),
  ),
  argsort: same('argsort', ['dim', 'descending', 'stable'], { dim: -1, descending: false, stable: false }),
  topk: spec(['input', 'k', 'dim', 'largest', 'sorted'], { dim: -1, largest: true, sorted: true }, (a) => {
    const x = input(a);
    const d = normDim(num(a.dim, 'dim'), x.shape.length);
    const shape = x.shape.map((s, i) => (i === d ? sizeArg(a.k, 'k') : s));
    return ok([tensor(shape), tensor(shape)], 'topk');
  }),
  matmul: spec(['input', 'other'], {}, (a) => {
    const [x, y] = [input(a), input(a, 'other')];
    const r = matmulShape(x.shape, y.shape);
    return ok(tensor(r.shape), 'matmul', matmulRf(x, y), r.macs);
  }),
  bmm: spec(['input', 'mat2'], {}, (a) => {
    const r = bmmShape(input(a).shape, input(a, 'mat2').shape);
    return ok(tensor(r.shape), 'bmm', { kind: 'global' }, r.macs);
  }),
  mm: spec(['input', 'mat2'], {}, (a) => {
    const r = mmShape(input(a).shape, input(a, 'mat2').shape);
    return ok(tensor(r.shape), 'mm', NONE_RF, r.macs);
  }),
  dot: spec(['input', 'tensor'], {}, (a) => {
    const r = matmulShape(input(a).shape, input(a, 'tensor').shape);
    return ok(tensor([]), 'dot', NONE_RF, r.macs);
  }),
  outer: spec(['input', 'vec2'], {}, (a) => ok(tensor([input(a).shape[0], input(a, 'vec2').shape[0]]), 'outer', NONE_RF)),
  transpose: spec(['input', 'dim0', 'dim1'], {}, (a) =>
    permuted(input(a), transposeShape(input(a).shape, num(a.dim0, 'dim0'), num(a.dim1, 'dim1')), 'transpose', [a.dim0, a.dim1]),
  ),
  swapaxes: spec(['input', 'axis0', 'axis1'], {}, (a) =>
    permuted(input(a), transposeShape(input(a).shape, num(a.axis0, 'axis0'), num(a.axis1, 'axis1')), 'transpose', [a.axis0, a.axis1]),
  ),
  swapdims: spec(['input', 'dim0', 'dim1'], {}, (a) =>
    permuted(input(a), transposeShape(input(a).shape, num(a.dim0, 'dim0'), num(a.dim1, 'dim1')), 'transpose', [a.dim0, a.dim1]),
  ),
  t: spec(['input'], {}, (a) => {
    const x = input(a);
    if (x.shape.length > 2) throw new ComputeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
    return ok(tensor([...x.shape].reverse()), 't', NONE_RF);
  }),
  permute: spec(
    ['input'],
    {},
    (a) => {
      const x = input(a);
      const dims = varShape(a.dims as Arg[], 'dims').map((d) => num(d, 'dims'));
      const shape = permuteShape(x.shape, dims);
      const k = spatialCount(x);
      const order = dims.map((d) => normDim(d, x.shape.length));
      const keeps = order.every((d, i) => i < x.shape.length - k || d === i);
      return ok(tensor(shape), 'permute', keeps ? SAME : NONE_RF);
    },
    { varargs: 'dims' },
  ),
  reshape: spec(['input'], {}, (a) => reshaped(input(a), a.shape as Arg[], 'reshape'), { varargs: 'shape' }),
  flatten: spec(['input', 'start_dim', 'end_dim'], { start_dim: 0, end_dim: -1 }, (a) => {
    const r = flattenForward(input(a), num(a.start_dim, 'start_dim'), num(a.end_dim, 'end_dim'));
    return ok(r.out as TensorV, 'flatten', r.rf);
  }),
  unflatten: spec(['input', 'dim', 'sizes'], {}, (a) => {
    const x = input(a);
    const shape = unflattenShape(x.shape, num(a.dim, 'dim'), shapeArg(a.sizes, 'sizes'));
    return ok(tensor(shape), 'unflatten', keepsTrailing(x, shape));
  }),
  squeeze: spec(['input', 'dim'], { dim: null }, (a) => {
    const x = input(a);
    const shape = squeezeShape(x.shape, isNone(a.dim) ? undefined : dimsArg(a.dim, x.shape.length));
    return ok(tensor(shape), 'squeeze', keepsTrailing(x, shape));
  }),
  unsqueeze: spec(['input', 'dim'], {}, (a) => {
    const x = input(a);
    const shape = unsqueezeShape(x.shape, num(a.dim, 'dim'));
    return ok(tensor(shape), 'unsqueeze', keepsTrailing(x, shape));
  }),
  movedim: spec(['input', 'source', 'destination'], {}, (a) => {
    const x = input(a);
    const rank = x.shape.length;
    const src = (Array.isArray(a.source) ? a.source : [a.source]).map((d) => normDim(num(d, 'source'), rank));
    const dst = (Array.isArray(a.destination) ? a.destination : [a.destination]).map((d) => normDim(num(d, 'destination'), rank));
    const rest = x.shape.map((_, i) => i).filter((i) => !src.includes(i));
    const order: number[] = new Array(rank);
    dst.forEach((d, i) => (order[d] = src[i]));
    for (let i = 0; i < rank; i++) if (order[i] === undefined) order[i] = rest.shift()!;
    return permuted(
      x,
      order.map((i) => x.shape[i]),
      'movedim',
      [],
    );
  }),
  narrow: spec(['input', 'dim', 'start', 'length'], {}, (a) => {
    const x = input(a);
    const d = normDim(num(a.dim, 'dim'), x.shape.length);
    return ok(tensor(x.shape.map((s, i) => (i === d ? sizeArg(a.length, 'length') : s))), 'narrow');
  }),
  select: spec(['input', 'dim', 'index'], {}, (a) => {
    const x = input(a);
    const d = normDim(num(a.dim, 'dim'), x.shape.length);
    return ok(tensor(x.shape.filter((_, i) => i !== d)), 'select', NONE_RF);
  }),
  index_select: spec(['input', 'dim', 'index'], {}, (a) => {
    const x = input(a);
    const d = normDim(num(a.dim, 'dim'), x.shape.length);
    return ok(tensor(x.shape.map((s, i) => (i === d ? input(a, 'index').shape[0] : s))), 'index_select', NONE_RF);
  }),
  gather: spec(['input', 'dim', 'index'], {}, (a) => ok(tensor(input(a, 'index').shape), 'gather', NONE_RF)),
  repeat_interleave: spec(['input', 'repeats', 'dim', 'output_size'], { dim: null, output_size: null }, (a) => {
    const x = input(a);
    const r = a.repeats instanceof TensorV ? 'repeats' : sizeArg(a.repeats, 'repeats');
    if (isNone(a.dim)) return ok(tensor([mulDim(prodDims(x.shape), r)]), 'repeat_interleave', NONE_RF);
    const d = normDim(num(a.dim, 'dim'), x.shape.length);
    return ok(tensor(x.shape.map((s, i) => (i === d ? mulDim(s, r) : s))), 'repeat_interleave');
  }),
  chunk: spec(['input', 'chunks', 'dim'], { dim: 0 }, (a) => ok(chunkShapes(input(a).shape, num(a.chunks, 'chunks'), num(a.dim, 'dim')).map(tensor), 'chunk')),
  unbind: spec(['input', 'dim'], { dim: 0 }, (a) => {
    const x = input(a);
    const d = normDim(num(a.dim, 'dim'), x.shape.length);
    const n = x.shape[d];
    if (typeof n !== 'number') throw new ComputeError(`unbind: the size ${n} of dimension ${d} is symbolic, so the number of tensors is not known`);
    return ok(
      Array.from({ length: n }, () => tensor(x.shape.filter((_, i) => i !== d))),
      'unbind',
      NONE_RF,
    );
  }),
  numel: spec(['input'], {}, (a) => ok(dimValue(prodDims(input(a).shape)), 'numel', NONE_RF)),
  zeros_like: like('zeros_like'),
  ones_like: like('ones_like'),
  empty_like: like('empty_like'),
  rand_like: like('rand_like'),
  randn_like: like('randn_like'),
  full_like: spec(['input', 'fill_value'], {}, (a) => ok(tensor(input(a).shape), 'full_like'), { ignored: LIKE_KEYWORDS }),
};

function like(op: string): OpSpec {
  return spec(['input'], {}, (a) => ok(tensor(input(a).shape), op), { ignored: LIKE_KEYWORDS });
}

function fromSoftmax(a: BoundArgs, op: string): OpResult {
  const r = softmaxForward(input(a), a.dim);
  return ok(r.out as TensorV, op, r.rf);
}

function permuted(x: TensorV, shape: Dim[], op: string, swapped: Arg[]): OpResult {
  const k = spatialCount(x);
  const touches = swapped.some((d) => typeof d === 'number' && normDim(d, x.shape.length) >= x.shape.length - k);
  return ok(tensor(shape), op, touches || (swapped.length === 0 && keepsTrailing(x, shape).kind === 'none') ? NONE_RF : SAME);
}

export function reshaped(x: TensorV, target: Arg[], op: string): OpResult {
  const shape = reshapeShape(x.shape, varShape(target, 'shape'));
  return ok(tensor(shape), op, keepsTrailing(x, shape));
}
