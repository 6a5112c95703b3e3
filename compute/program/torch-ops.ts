/**
 * Shape rules for PyTorch's functional ops (`F.relu`, `torch.cat`), tensor methods (`x.view`)
 * and Python operators on tensors (`a + b`, `a @ b`), plus indexing (torch-index.ts).
 * MACs follow torch-table.ts: weight products (F.conv2d, F.linear) and products of activations
 * (matmul, bmm, einsum, attention); everything elementwise, a reduction or a reshape counts 0.
 * The entries shared by torch.X and Tensor.X are in torch-tensor-ops.ts, F.X in torch-functional.ts.
 */
import { ComputeError } from '../errors';
import { addDims, divDimExact, isNone, mulDim, normDim, shapeArg, sizeArg, varShape } from './torch-dims';
import { FUNCTIONAL } from './torch-functional';
import { indexTensor as index } from './torch-index';
import { call, input, NONE_RF, ok, spec, tensor, type OpResult, type OpSpec } from './torch-op-kit';
import { broadcastShapes, catShape, einsumShape, expandShape, matmulShape, repeatShape, splitShapes, stackShape } from './torch-shape';
import { keepsTrailing, LIKE_KEYWORDS, matmulRf, reshaped, same, SHARED } from './torch-tensor-ops';
import { dimValue, num, SymDim, TensorV, UnknownV, type Arg, type Dim, type IndexArg } from './values';

export type { OpResult } from './torch-op-kit';

// ── torch.X only ────────────────────────────────────────────────────────────────────────────────

/** Nested lists → their shape (torch.tensor([[1, 2], [3, 4]]) is 2×2). */
const shapeOfData = (v: Arg): Dim[] => (Array.isArray(v) ? [v.length, ...(v.length ? shapeOfData(v[0]) : [])] : []);

const creation = (op: string) =>
  spec([], {}, (a) => ok(tensor(varShape(a.size as Arg[], 'size')), op, NONE_RF), { varargs: 'size', ignored: ['out', ...LIKE_KEYWORDS] });

const TORCH_ONLY: Record<string, OpSpec> = {
  cat: spec(['tensors', 'dim'], { dim: 0 }, (a) => ok(tensor(catShape(tensorList(a.tensors), num(a.dim, 'dim'))), 'cat')),
  stack: spec(['tensors', 'dim'], { dim: 0 }, (a) => ok(tensor(stackShape(tensorList(a.tensors), num(a.dim, 'dim'))), 'stack')),
  split: spec(['tensor', 'split_size_or_sections', 'dim'], { dim: 0 }, (a) => splitOp(input(a, 'tensor'), a.split_size_or_sections, a.dim)),
  einsum: spec(
    ['equation'],
    {},
    (a) => {
      const operands = a.operands as Arg[];
      const list = operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : operands;
      const r = einsumShape(String(a.equation), tensorList(list));
      return ok(tensor(r.shape), 'einsum', { kind: 'global' }, r.macs);
    },
    { varargs: 'operands' },
  ),
  zeros: creation('zeros'),
  ones: creation('ones'),
  empty: creation('empty'),
  rand: creation('rand'),
  randn: creation('randn'),
  full: spec(['size', 'fill_value'], {}, (a) => ok(tensor(shapeArg(a.size, 'size')), 'full', NONE_RF), { ignored: ['out', ...LIKE_KEYWORDS] }),
  arange: spec(
    ['start', 'end', 'step'],
    { end: null, step: 1 },
    (a) => {
      const [start, end] = isNone(a.end) ? [0, a.start] : [a.start, a.end];
      const step = num(a.step, 'step');
      const len =
        typeof start === 'number' && typeof end === 'number'
          ? Math.max(0, Math.ceil((end - start) / step))
          : start === 0 && step === 1
            ? sizeArg(end, 'end')
            : 'arange';
      return ok(tensor([len]), 'arange', NONE_RF);
    },
    { ignored: ['out', ...LIKE_KEYWORDS] },
  ),
  linspace: spec(['start', 'end', 'steps'], {}, (a) => ok(tensor([sizeArg(a.steps, 'steps')]), 'linspace', NONE_RF), { ignored: ['out', ...LIKE_KEYWORDS] }),
  eye: spec(['n', 'm'], { m: null }, (a) => ok(tensor([sizeArg(a.n, 'n'), sizeArg(isNone(a.m) ? a.n : a.m, 'm')]), 'eye', NONE_RF), {
    ignored: ['out', ...LIKE_KEYWORDS],
  }),
  randint: spec(
    ['low', 'high', 'size'],
    { high: null, size: null },
    (a) => ok(tensor(shapeArg(isNone(a.size) ? a.high : a.size, 'size')), 'randint', NONE_RF),
    { ignored: ['out', ...LIKE_KEYWORDS] },
  ),
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
  spec(['input'], {}, (a) => ok(tensor(input(a).shape), op), {
    varargs: 'args',
    ignored: ['non_blocking', 'copy', 'memory_format', 'requires_grad', 'dtype', 'device'],
  });
const IDENTITY_METHODS = [
  'contiguous',
  'float',
  'double',
  'half',
  'bfloat16',
  'int',
  'long',
  'bool',
  'byte',
  'char',
  'short',
  'to',
  'cpu',
  'cuda',
  'detach_',
  'requires_grad_',
  'type',
  'type_as',
  'fill_',
  'normal_',
  'uniform_',
  'bernoulli_',
  'pin_memory',
  'share_memory_',
  'coalesce',
];

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
  view: spec(
    ['input'],
    {},
    (a) => {
      const shape = a.shape as Arg[];
      // view(dtype) reinterprets the element type.
      if (shape.length === 1 && typeof shape[0] === 'string') return ok(tensor(input(a).shape), 'view');
      return reshaped(input(a), shape, 'view');
    },
    { varargs: 'shape' },
  ),
  view_as: spec(['input', 'other'], {}, (a) => reshaped(input(a), [input(a, 'other').shape.map(dimValue)], 'view')),
  reshape_as: spec(['input', 'other'], {}, (a) => reshaped(input(a), [input(a, 'other').shape.map(dimValue)], 'reshape')),
  expand: spec(
    ['input'],
    {},
    (a) => {
      const x = input(a);
      const shape = expandShape(x.shape, varShape(a.size as Arg[], 'size'));
      return ok(tensor(shape), 'expand', keepsTrailing(x, shape));
    },
    { varargs: 'size' },
  ),
  expand_as: spec(['input', 'other'], {}, (a) => {
    const x = input(a);
    const shape = expandShape(x.shape, input(a, 'other').shape);
    return ok(tensor(shape), 'expand', keepsTrailing(x, shape));
  }),
  repeat: spec(
    ['input'],
    {},
    (a) => {
      const x = input(a);
      const shape = repeatShape(x.shape, varShape(a.repeats as Arg[], 'repeats'));
      return ok(tensor(shape), 'repeat', keepsTrailing(x, shape));
    },
    { varargs: 'repeats' },
  ),
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
  const entry = Object.hasOwn(TORCH_ONLY, fn)
    ? TORCH_ONLY[fn]
    : Object.hasOwn(SHARED, fn)
      ? SHARED[fn]
      : Object.hasOwn(FUNCTIONAL, fn) && TORCH_ALSO_F.has(fn)
        ? FUNCTIONAL[fn]
        : undefined;
  return entry && call(fn, entry, positional, keywords);
}

/** torch.X names that are the functional op of the same name. */
const TORCH_ALSO_F = new Set([
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'max_pool1d',
  'max_pool2d',
  'max_pool3d',
  'avg_pool1d',
  'adaptive_avg_pool1d',
  'adaptive_max_pool1d',
  'layer_norm',
  'group_norm',
  'batch_norm',
  'instance_norm',
  'embedding',
  'dropout',
  'alpha_dropout',
  'feature_alpha_dropout',
  'pixel_shuffle',
  'pixel_unshuffle',
  'cosine_similarity',
  'pairwise_distance',
  'prelu',
  'selu',
  'celu',
  'rrelu',
  'hardshrink',
  'threshold',
  'bilinear',
]);

/** A tensor method `self.name(…)`, or undefined when the method is not known. */
export function tensorMethod(self: TensorV, name: string, positional: Arg[], keywords: Record<string, Arg>): OpResult | undefined {
  const entry = Object.hasOwn(METHODS, name)
    ? METHODS[name]
    : Object.hasOwn(SHARED, name)
      ? SHARED[name]
      : Object.hasOwn(FUNCTIONAL, name) && METHOD_ALSO_F.has(name)
        ? FUNCTIONAL[name]
        : undefined;
  return entry && call(name, entry, [self, ...positional], keywords);
}

const METHOD_ALSO_F = new Set([
  'softplus',
  'hardtanh',
  'prelu',
  'glu',
  'gelu',
  'silu',
  'mish',
  'relu6',
  'elu',
  'selu',
  'celu',
  'leaky_relu',
  'hardswish',
  'hardsigmoid',
  'softmin',
  'logsigmoid',
]);

export type BinaryOperator = '+' | '-' | '*' | '/' | '@' | '//' | '%' | '**' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&' | '|' | '^';

const OP_NAMES: Record<BinaryOperator, string> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '@': 'matmul',
  '//': 'floor_divide',
  '%': 'remainder',
  '**': 'pow',
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '&': 'bitwise_and',
  '|': 'bitwise_or',
  '^': 'bitwise_xor',
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
    if (op === '@')
      throw new ComputeError(
        `both arguments to matmul need to be at least 1D, but they are ${a instanceof TensorV ? a.shape.length : 0}D and ${b instanceof TensorV ? b.shape.length : 0}D`,
      );
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
