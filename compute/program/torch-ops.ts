/**
 * Shape rules for PyTorch's functional ops (`F.relu`, `torch.cat`), tensor methods (`x.view`)
 * and Python operators on tensors (`a + b`, `a @ b`), plus indexing (torch-index.ts).
 * MACs follow torch-table.ts: weight products (F.conv2d, F.linear) and products of activations
 * (matmul, bmm, einsum, attention); everything elementwise, a reduction or a reshape counts 0.
 *
 * Receptive fields: elementwise ops and broadcasts `same`; reductions over spatial axes `global`;
 * reshapes, permutes and squeezes `same` when the trailing spatial axes come through unchanged,
 * else `none`; matmul with a 2-D right operand acts like a Linear, otherwise `global`.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, RfRule } from './table-types';
import { softmaxForward } from './torch-activations';
import { addDims, boolArg, dimsArg, divDimExact, isNone, mulDim, normDim, prodDims, sameDim, shapeArg, sizeArg, varShape } from './torch-dims';
import { FUNCTIONAL } from './torch-functional';
import { indexTensor as index } from './torch-index';
import { flattenForward, linearRf, mixesSpatial } from './torch-layers-basic';
import { call, input, NONE_RF, ok, SAME, spec, tensor, type OpResult, type OpSpec } from './torch-op-kit';
import {
  bmmShape,
  broadcastAll,
  broadcastShapes,
  catShape,
  chunkShapes,
  einsumShape,
  expandShape,
  matmulShape,
  mmShape,
  permuteShape,
  reduceShape,
  repeatShape,
  reshapeShape,
  splitShapes,
  squeezeShape,
  stackShape,
  transposeShape,
  unflattenShape,
  unsqueezeShape,
} from './torch-shape';
import { dimValue, num, SymDim, TensorV, UnknownV, type Arg, type Dim, type IndexArg } from './values';

export type { OpResult } from './torch-op-kit';

// ── Receptive-field helpers ─────────────────────────────────────────────────────────────────────

/** Number of trailing spatial axes of a tensor: those carrying a field, else all after (N, C). */
const spatialCount = (x: TensorV): number => x.rf?.length ?? Math.max(0, x.shape.length - 2);

/** `same` when the trailing spatial axes come out unchanged (a reshape of batch or channels), else `none`. */
function keepsTrailing(x: TensorV, out: readonly Dim[]): RfRule {
  const k = spatialCount(x);
  if (k === 0) return SAME;
  const a = x.shape.slice(-k);
  const b = out.slice(-k);
  return out.length >= k && a.every((d, i) => sameDim(d, b[i])) ? SAME : NONE_RF;
}

const reduced = (x: TensorV, axes: number[]): RfRule => (mixesSpatial(x, axes) || (!x.rf && axes.some((a) => a >= x.shape.length - spatialCount(x))) ? { kind: 'global' } : SAME);

// ── Entries shared by torch.X(input, …) and input.X(…) ──────────────────────────────────────────

const same = (op: string, params: string[] = [], defaults: BoundArgs = {}): OpSpec => spec(['input', ...params], defaults, (a) => ok(tensor(input(a).shape), op));

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
    if (isNone(a.dim)) return ok(tensor([]), op, reduced(x, x.shape.map((_, i) => i)));
    const axes = [normDim(num(a.dim, 'dim'), x.shape.length)];
    const shape = reduceShape(x.shape, axes, boolArg(a.keepdim, 'keepdim'));
    return ok([tensor(shape), tensor(shape)], op, reduced(x, axes));
  });

const argReduction = (op: string): OpSpec =>
  spec(['input', 'dim', 'keepdim'], { dim: null, keepdim: false }, (a) => {
    const x = input(a);
    const keep = boolArg(a.keepdim, 'keepdim');
    if (isNone(a.dim)) return ok(tensor(keep ? x.shape.map(() => 1) : []), op, reduced(x, x.shape.map((_, i) => i)));
    const axes = [normDim(num(a.dim, 'dim'), x.shape.length)];
    return ok(tensor(reduceShape(x.shape, axes, keep)), op, reduced(x, axes));
  });

/** Keywords of tensor factories that do not change shapes. */
const LIKE_KEYWORDS = ['layout', 'requires_grad', 'memory_format', 'pin_memory', 'generator', 'out'];

const matmulRf = (x: TensorV, other: TensorV): RfRule => (other.shape.length === 2 ? linearRf(x) : { kind: 'global' });

const UNARY = [
  'relu', 'sigmoid', 'tanh', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sqrt', 'rsqrt', 'abs', 'neg', 'negative', 'sin', 'cos', 'tan',
  'sinh', 'cosh', 'asin', 'acos', 'atan', 'floor', 'ceil', 'round', 'trunc', 'frac', 'sign', 'sgn', 'reciprocal', 'square', 'erf', 'erfc', 'erfinv',
  'isnan', 'isinf', 'isfinite', 'logical_not', 'bitwise_not', 'sigmoid_', 'relu_', 'tanh_', 'exp_', 'abs_', 'neg_', 'sqrt_', 'zero_', 'detach', 'clone',
];
const BINARY = ['mul', 'multiply', 'div', 'divide', 'true_divide', 'floor_divide', 'remainder', 'fmod', 'maximum', 'minimum', 'fmax', 'fmin', 'atan2',
  'eq', 'ne', 'gt', 'lt', 'ge', 'le', 'greater', 'less', 'greater_equal', 'less_equal', 'logical_and', 'logical_or', 'logical_xor', 'bitwise_and', 'bitwise_or', 'bitwise_xor'];

const SHARED: Record<string, OpSpec> = {
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
    if (isNone(a.input)) return ok(input(a, 'condition').shape.map(() => tensor(['nonzero'])), 'nonzero', NONE_RF);
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
  sort: spec(['input', 'dim', 'descending', 'stable'], { dim: -1, descending: false, stable: false }, (a) => ok([tensor(input(a).shape), tensor(input(a).shape)], 'sort')),
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
  transpose: spec(['input', 'dim0', 'dim1'], {}, (a) => permuted(input(a), transposeShape(input(a).shape, num(a.dim0, 'dim0'), num(a.dim1, 'dim1')), 'transpose', [a.dim0, a.dim1])),
  swapaxes: spec(['input', 'axis0', 'axis1'], {}, (a) => permuted(input(a), transposeShape(input(a).shape, num(a.axis0, 'axis0'), num(a.axis1, 'axis1')), 'transpose', [a.axis0, a.axis1])),
  swapdims: spec(['input', 'dim0', 'dim1'], {}, (a) => permuted(input(a), transposeShape(input(a).shape, num(a.dim0, 'dim0'), num(a.dim1, 'dim1')), 'transpose', [a.dim0, a.dim1])),
  t: spec(['input'], {}, (a) => {
    const x = input(a);
    if (x.shape.length > 2) throw new ComputeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
    return ok(tensor([...x.shape].reverse()), 't', NONE_RF);
  }),
  permute: spec(['input'], {}, (a) => {
    const x = input(a);
    const dims = varShape(a.dims as Arg[], 'dims').map((d) => num(d, 'dims'));
    const shape = permuteShape(x.shape, dims);
    const k = spatialCount(x);
    const order = dims.map((d) => normDim(d, x.shape.length));
    const keeps = order.every((d, i) => i < x.shape.length - k || d === i);
    return ok(tensor(shape), 'permute', keeps ? SAME : NONE_RF);
  }, { varargs: 'dims' }),
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
    return permuted(x, order.map((i) => x.shape[i]), 'movedim', []);
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
    return ok(Array.from({ length: n }, () => tensor(x.shape.filter((_, i) => i !== d))), 'unbind', NONE_RF);
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

function reshaped(x: TensorV, target: Arg[], op: string): OpResult {
  const shape = reshapeShape(x.shape, varShape(target, 'shape'));
  return ok(tensor(shape), op, keepsTrailing(x, shape));
}

// ── torch.X only ────────────────────────────────────────────────────────────────────────────────

/** Nested lists → their shape (torch.tensor([[1, 2], [3, 4]]) is 2×2). */
const shapeOfData = (v: Arg): Dim[] => (Array.isArray(v) ? [v.length, ...(v.length ? shapeOfData(v[0]) : [])] : []);

const creation = (op: string) => spec([], {}, (a) => ok(tensor(varShape(a.size as Arg[], 'size')), op, NONE_RF), { varargs: 'size', ignored: ['out', ...LIKE_KEYWORDS] });

const TORCH_ONLY: Record<string, OpSpec> = {
  cat: spec(['tensors', 'dim'], { dim: 0 }, (a) => ok(tensor(catShape(tensorList(a.tensors), num(a.dim, 'dim'))), 'cat')),
  stack: spec(['tensors', 'dim'], { dim: 0 }, (a) => ok(tensor(stackShape(tensorList(a.tensors), num(a.dim, 'dim'))), 'stack')),
  split: spec(['tensor', 'split_size_or_sections', 'dim'], { dim: 0 }, (a) => splitOp(input(a, 'tensor'), a.split_size_or_sections, a.dim)),
  einsum: spec(['equation'], {}, (a) => {
    const operands = a.operands as Arg[];
    const list = operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : operands;
    const r = einsumShape(String(a.equation), tensorList(list));
    return ok(tensor(r.shape), 'einsum', { kind: 'global' }, r.macs);
  }, { varargs: 'operands' }),
  zeros: creation('zeros'),
  ones: creation('ones'),
  empty: creation('empty'),
  rand: creation('rand'),
  randn: creation('randn'),
  full: spec(['size', 'fill_value'], {}, (a) => ok(tensor(shapeArg(a.size, 'size')), 'full', NONE_RF), { ignored: ['out', ...LIKE_KEYWORDS] }),
  arange: spec(['start', 'end', 'step'], { end: null, step: 1 }, (a) => {
    const [start, end] = isNone(a.end) ? [0, a.start] : [a.start, a.end];
    const step = num(a.step, 'step');
    const len = typeof start === 'number' && typeof end === 'number' ? Math.max(0, Math.ceil((end - start) / step)) : start === 0 && step === 1 ? sizeArg(end, 'end') : 'arange';
    return ok(tensor([len]), 'arange', NONE_RF);
  }, { ignored: ['out', ...LIKE_KEYWORDS] }),
  linspace: spec(['start', 'end', 'steps'], {}, (a) => ok(tensor([sizeArg(a.steps, 'steps')]), 'linspace', NONE_RF), { ignored: ['out', ...LIKE_KEYWORDS] }),
  eye: spec(['n', 'm'], { m: null }, (a) => ok(tensor([sizeArg(a.n, 'n'), sizeArg(isNone(a.m) ? a.n : a.m, 'm')]), 'eye', NONE_RF), { ignored: ['out', ...LIKE_KEYWORDS] }),
  randint: spec(['low', 'high', 'size'], { high: null, size: null }, (a) => ok(tensor(shapeArg(isNone(a.size) ? a.high : a.size, 'size')), 'randint', NONE_RF), { ignored: ['out', ...LIKE_KEYWORDS] }),
  tensor: spec(['data'], {}, (a) => ok(tensor(shapeOfData(a.data)), 'tensor', NONE_RF), { ignored: ['requires_grad', 'pin_memory'] }),
};
TORCH_ONLY.concat = TORCH_ONLY.cat;
TORCH_ONLY.concatenate = TORCH_ONLY.cat;

function tensorList(v: Arg): Dim[][] {
  if (!Array.isArray(v)) throw new ComputeError(`expected a tuple or list of tensors, not ${typeof v}`);
  return v.map((t, i) => {
    if (t instanceof UnknownV) throw new ComputeError(`tensor number ${i} in the list is not known (${t.name})`);
    if (!(t instanceof TensorV)) throw new ComputeError(`expected Tensor as element ${i} in argument 0, but got ${typeof t}`);
    return [...t.shape];
  });
}

function splitOp(x: TensorV, sizes: Arg, dim: Arg): OpResult {
  const s = Array.isArray(sizes) ? sizes.map((v) => num(v, 'split_size_or_sections')) : num(sizes, 'split_size');
  return ok(splitShapes(x.shape, s, num(dim, 'dim')).map(tensor), 'split');
}

// ── Tensor methods only ─────────────────────────────────────────────────────────────────────────

/** Conversions and copies keep the shape; their options (device, dtype, memory_format, …) do not matter here. */
const identity = (op: string) =>
  spec(['input'], {}, (a) => ok(tensor(input(a).shape), op), { varargs: 'args', ignored: ['non_blocking', 'copy', 'memory_format', 'requires_grad', 'dtype', 'device'] });
const IDENTITY_METHODS = ['contiguous', 'float', 'double', 'half', 'bfloat16', 'int', 'long', 'bool', 'byte', 'char', 'short', 'to', 'cpu', 'cuda', 'detach_',
  'requires_grad_', 'type', 'type_as', 'fill_', 'normal_', 'uniform_', 'bernoulli_', 'pin_memory', 'share_memory_', 'coalesce'];

/** In-place ops return self; the other operand must broadcast to self's shape. */
const inplace = (op: string, other = 'other') =>
  spec(['input', other, 'alpha'], { alpha: 1 }, (a) => {
    const x = input(a);
    const y = a[other];
    if (y instanceof TensorV) {
      const b = broadcastShapes(x.shape, y.shape);
      if (b.length !== x.shape.length || b.some((d, i) => typeof d === 'number' && typeof x.shape[i] === 'number' && d !== x.shape[i])) {
        throw new ComputeError(`output with shape [${x.shape.join(', ')}] doesn't match the broadcast shape [${b.join(', ')}]`);
      }
    }
    return ok(tensor(x.shape), op);
  });

const METHODS: Record<string, OpSpec> = {
  ...Object.fromEntries(IDENTITY_METHODS.map((n) => [n, identity(n)])),
  add_: inplace('add'),
  sub_: inplace('sub'),
  mul_: inplace('mul'),
  div_: inplace('div'),
  pow_: inplace('pow', 'exponent'),
  clamp_: same('clamp', ['min', 'max'], { min: null, max: null }),
  masked_fill_: SHARED.masked_fill,
  view: spec(['input'], {}, (a) => {
    const shape = a.shape as Arg[];
    // view(dtype) reinterprets the element type.
    if (shape.length === 1 && typeof shape[0] === 'string') return ok(tensor(input(a).shape), 'view');
    return reshaped(input(a), shape, 'view');
  }, { varargs: 'shape' }),
  view_as: spec(['input', 'other'], {}, (a) => reshaped(input(a), [input(a, 'other').shape.map(dimValue)], 'view')),
  reshape_as: spec(['input', 'other'], {}, (a) => reshaped(input(a), [input(a, 'other').shape.map(dimValue)], 'reshape')),
  expand: spec(['input'], {}, (a) => {
    const x = input(a);
    const shape = expandShape(x.shape, varShape(a.size as Arg[], 'size'));
    return ok(tensor(shape), 'expand', keepsTrailing(x, shape));
  }, { varargs: 'size' }),
  expand_as: spec(['input', 'other'], {}, (a) => {
    const x = input(a);
    const shape = expandShape(x.shape, input(a, 'other').shape);
    return ok(tensor(shape), 'expand', keepsTrailing(x, shape));
  }),
  repeat: spec(['input'], {}, (a) => {
    const x = input(a);
    const shape = repeatShape(x.shape, varShape(a.repeats as Arg[], 'repeats'));
    return ok(tensor(shape), 'repeat', keepsTrailing(x, shape));
  }, { varargs: 'repeats' }),
  split: spec(['input', 'split_size', 'dim'], { dim: 0 }, (a) => splitOp(input(a), a.split_size, a.dim)),
  size: spec(['input', 'dim'], { dim: null }, (a) => {
    const x = input(a);
    if (isNone(a.dim)) return ok(x.shape.map(dimValue), 'size', NONE_RF);
    return ok(dimValue(x.shape[normDim(num(a.dim, 'dim'), x.shape.length)]), 'size', NONE_RF);
  }),
  dim: spec(['input'], {}, (a) => ok(input(a).shape.length, 'dim', NONE_RF)),
  ndimension: spec(['input'], {}, (a) => ok(input(a).shape.length, 'dim', NONE_RF)),
  nelement: SHARED.numel,
  new_zeros: spec(['input', 'size'], {}, (a) => ok(tensor(shapeArg(a.size, 'size')), 'new_zeros', NONE_RF), { ignored: LIKE_KEYWORDS }),
  new_ones: spec(['input', 'size'], {}, (a) => ok(tensor(shapeArg(a.size, 'size')), 'new_ones', NONE_RF), { ignored: LIKE_KEYWORDS }),
  new_empty: spec(['input', 'size'], {}, (a) => ok(tensor(shapeArg(a.size, 'size')), 'new_empty', NONE_RF), { ignored: LIKE_KEYWORDS }),
  new_full: spec(['input', 'size', 'fill_value'], {}, (a) => ok(tensor(shapeArg(a.size, 'size')), 'new_full', NONE_RF), { ignored: LIKE_KEYWORDS }),
  // Tensor.unfold(dimension, size, step): windows along one axis, appended as a last axis.
  unfold: spec(['input', 'dimension', 'size', 'step'], {}, (a) => {
    const x = input(a);
    const d = normDim(num(a.dimension, 'dimension'), x.shape.length);
    const size = num(a.size, 'size');
    const step = num(a.step, 'step');
    const n = x.shape[d];
    const count = typeof n === 'number' ? Math.floor((n - size) / step) + 1 : `(${n}-${size})//${step}+1`;
    return ok(tensor([...x.shape.map((s, i) => (i === d ? count : s)), size]), 'unfold', NONE_RF);
  }),
};

// ── Public entry points ─────────────────────────────────────────────────────────────────────────

const F_PREFIX = /^(torch\.nn\.functional\.|nn\.functional\.|F\.)/;

/**
 * A functional op by canonical name (`F.relu`, `F.conv2d`, `torch.cat`, `torch.nn.functional.pad`),
 * or undefined when the name is not one this table knows (the caller warns).
 */
export function torchFunction(name: string, positional: Arg[], keywords: Record<string, Arg>): OpResult | undefined {
  if (F_PREFIX.test(name)) {
    const fn = name.replace(F_PREFIX, '');
    return Object.hasOwn(FUNCTIONAL, fn) ? call(fn, FUNCTIONAL[fn], positional, keywords) : undefined;
  }
  if (!name.startsWith('torch.')) return undefined;
  const fn = name.slice('torch.'.length);
  const entry = Object.hasOwn(TORCH_ONLY, fn) ? TORCH_ONLY[fn] : Object.hasOwn(SHARED, fn) ? SHARED[fn] : Object.hasOwn(FUNCTIONAL, fn) && TORCH_ALSO_F.has(fn) ? FUNCTIONAL[fn] : undefined;
  return entry && call(fn, entry, positional, keywords);
}

/** torch.X names that are the functional op of the same name. */
const TORCH_ALSO_F = new Set(['conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'max_pool1d', 'max_pool2d', 'max_pool3d', 'avg_pool1d',
  'adaptive_avg_pool1d', 'adaptive_max_pool1d', 'layer_norm', 'group_norm', 'batch_norm', 'instance_norm', 'embedding', 'dropout', 'alpha_dropout', 'feature_alpha_dropout',
  'pixel_shuffle', 'pixel_unshuffle', 'cosine_similarity', 'pairwise_distance', 'prelu', 'selu', 'celu', 'rrelu', 'hardshrink', 'threshold', 'bilinear']);

/** A tensor method `self.name(…)`, or undefined when the method is not known. */
export function tensorMethod(self: TensorV, name: string, positional: Arg[], keywords: Record<string, Arg>): OpResult | undefined {
  const entry = Object.hasOwn(METHODS, name) ? METHODS[name] : Object.hasOwn(SHARED, name) ? SHARED[name] : Object.hasOwn(FUNCTIONAL, name) && METHOD_ALSO_F.has(name) ? FUNCTIONAL[name] : undefined;
  return entry && call(name, entry, [self, ...positional], keywords);
}

const METHOD_ALSO_F = new Set(['softplus', 'hardtanh', 'prelu', 'glu', 'gelu', 'silu', 'mish', 'relu6', 'elu', 'selu', 'celu', 'leaky_relu', 'hardswish', 'hardsigmoid', 'softmin', 'logsigmoid']);

export type BinaryOperator = '+' | '-' | '*' | '/' | '@' | '//' | '%' | '**' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&' | '|' | '^';

const OP_NAMES: Record<BinaryOperator, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '@': 'matmul', '//': 'floor_divide', '%': 'remainder', '**': 'pow',
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '&': 'bitwise_and', '|': 'bitwise_or', '^': 'bitwise_xor',
};

/**
 * A Python operator with at least one tensor operand: broadcasting (PyTorch's "The size of tensor
 * a (56) must match the size of tensor b (28) at non-singleton dimension 3"), or matmul for `@`.
 * Numbers and symbolic dims without a tensor are combined as dims (+, −, ·, exact //).
 */
export function binaryOp(op: BinaryOperator, a: Arg, b: Arg): OpResult {
  const name = OP_NAMES[op] ?? op;
  if (a instanceof TensorV && b instanceof TensorV) {
    if (op === '@') {
      const r = matmulShape(a.shape, b.shape);
      return ok(tensor(r.shape), name, matmulRf(a, b), r.macs);
    }
    return ok(tensor(broadcastShapes(a.shape, b.shape)), name);
  }
  const t = a instanceof TensorV ? a : b instanceof TensorV ? b : undefined;
  if (t) {
    if (op === '@') throw new ComputeError(`both arguments to matmul need to be at least 1D, but they are ${a instanceof TensorV ? a.shape.length : 0}D and ${b instanceof TensorV ? b.shape.length : 0}D`);
    return ok(tensor(t.shape), name);
  }
  return ok(dimArithmetic(op, a, b), name, NONE_RF);
}

function dimArithmetic(op: BinaryOperator, a: Arg, b: Arg): Arg {
  const isDim = (v: Arg) => typeof v === 'number' || v instanceof SymDim;
  if (!isDim(a) || !isDim(b)) throw new ComputeError(`unsupported operand types for ${op}: ${typeof a} and ${typeof b}`);
  const [x, y] = [a instanceof SymDim ? a.expr : (a as number), b instanceof SymDim ? b.expr : (b as number)];
  if (typeof x === 'number' && typeof y === 'number') {
    const r = { '+': x + y, '-': x - y, '*': x * y, '/': x / y, '//': Math.floor(x / y), '%': ((x % y) + y) % y, '**': x ** y } as Record<string, number>;
    if (op in r) return r[op];
  }
  if (op === '+') return dimValue(addDims(x, y));
  if (op === '-' && typeof y === 'number') return dimValue(addDims(x, -y));
  if (op === '*') return dimValue(mulDim(x, y));
  if (op === '//') return dimValue(divDimExact(x, y) ?? `${x}//${y}`);
  throw new ComputeError(`${op} of the sizes ${x} and ${y} is not read`);
}

/** `self[index]`: see torch-index.ts and SliceArg in values.ts. */
export function indexTensor(self: TensorV, idx: readonly (Arg | IndexArg)[]): OpResult {
  return index(self, idx as IndexArg[]);
}
