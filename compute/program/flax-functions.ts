/**
 * Functions Flax models call in `__call__`: activations (flax.linen / flax.nnx / jax.nn), pooling
 * (nn.max_pool, nn.avg_pool, nn.min_pool), and the jax.numpy shape functions (reshape, mean,
 * concatenate, …), plus the same operations as array methods (`x.reshape((x.shape[0], -1))`,
 * `x.mean(axis=(1, 2))`). Results have torch-ops' OpResult shape. NumPy semantics: axes may be
 * negative, `axis=None` reduces everything, concatenate's default axis is 0.
 *
 * Receptive fields: activations keep them (`same`); reducing every spatial axis of a
 * channels-last array (axes 1 … rank − 2, as a global average pool does) is `global`; other
 * reshapes and reductions end them (`none`).
 */
import { ComputeError } from '../errors';
import type { RfRule } from './table-types';
import { flaxPoolForward } from './flax-window';
import { call, fromForward, ok, spec, tensor, type OpResult, type OpSpec } from './torch-op-kit';
import { addDims, divDim, divDimExact, isNone, knownDifferent, normDim, prodDims, sameDim, sizeArg, tensorArg, varShape } from './torch-dims';
import { matmulShape } from './torch-shape';
import { num, TensorV, type Arg, type Dim } from './values';

export type { OpResult };

const SAME_RF: RfRule = { kind: 'same' };
const NONE_RF: RfRule = { kind: 'none' };
const pyTuple = (xs: readonly Dim[]): string => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;

// ── Shape helpers with NumPy / JAX wording ──────────────────────────────────────────────────────

/** jnp.reshape: one −1 inferred from the size. */
export function jaxReshape(shape: readonly Dim[], target: readonly Dim[]): Dim[] {
  const holes = target.filter((d) => d === -1).length;
  const size = prodDims(shape);
  const bad = () =>
    new ComputeError(
      `cannot reshape array of shape ${pyTuple(shape)} (size ${size}) into shape ${pyTuple(target)} (size ${prodDims(target.filter((d) => d !== -1))})`,
    );
  if (holes > 1) throw new ComputeError('can only specify one unknown dimension');
  const known = prodDims(target.filter((d) => d !== -1));
  if (!holes) {
    if (knownDifferent(size, known)) throw bad();
    return [...target];
  }
  const inferred = divDimExact(size, known);
  if (inferred === undefined && typeof size === 'number' && typeof known === 'number') throw bad();
  return target.map((d) => (d === -1 ? (inferred ?? divDim(size, known)) : d));
}

/** The axes a NumPy reduction removes: None = all, an int, or a tuple, normalised and sorted. */
function reductionAxes(axis: Arg, rank: number): number[] {
  if (isNone(axis)) return Array.from({ length: rank }, (_, i) => i);
  const list = Array.isArray(axis) ? axis : [axis];
  return [...new Set(list.map((a) => normAxis(num(a, 'axis'), rank)))].sort((p, q) => p - q);
}

function normAxis(a: number, rank: number): number {
  if (a < -rank || a >= rank) throw new ComputeError(`axis ${a} is out of bounds for array of dimension ${rank}`);
  return a < 0 ? a + rank : a;
}

/** A reduction's receptive-field rule: all spatial axes of a channels-last array → global. */
function reductionRf(rank: number, axes: number[]): RfRule {
  const spatial = Array.from({ length: Math.max(rank - 2, 0) }, (_, i) => i + 1);
  if (spatial.length && spatial.every((a) => axes.includes(a)) && !axes.includes(0) && !axes.includes(rank - 1)) return { kind: 'global', axes: spatial };
  if (axes.length === 1 && axes[0] === rank - 1 && rank > 2) return SAME_RF;
  return NONE_RF;
}

function reduce(x: TensorV, axis: Arg, keepdims: Arg, op: string): OpResult {
  const axes = reductionAxes(axis, x.shape.length);
  const keep = keepdims === true;
  const out = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
  return ok(tensor(out), op, reductionRf(x.shape.length, axes));
}

function concatenate(arrays: Arg, axis: Arg, stack: boolean): OpResult {
  const xs = (Array.isArray(arrays) ? arrays : [arrays]).map((t) => tensorArg(t, 'arrays'));
  if (xs.length === 0) throw new ComputeError(stack ? 'Need at least one array to stack.' : 'Need at least one array to concatenate.');
  const rank = xs[0].shape.length;
  if (stack) {
    xs.forEach((t) => {
      if (t.shape.length !== rank || t.shape.some((d, i) => knownDifferent(d, xs[0].shape[i]))) {
        throw new ComputeError(`All input arrays must have the same shape, got ${xs.map((u) => pyTuple(u.shape)).join(', ')}.`);
      }
    });
    const d = normAxis(num(axis, 'axis'), rank + 1);
    return ok(tensor([...xs[0].shape.slice(0, d), xs.length, ...xs[0].shape.slice(d)]), 'stack', NONE_RF);
  }
  if (isNone(axis)) return ok(tensor([xs.reduce<Dim>((s, t) => addDims(s, prodDims(t.shape)), 0)]), 'cat', NONE_RF);
  const d = normAxis(num(axis, 'axis'), rank);
  const out = [...xs[0].shape];
  for (const t of xs.slice(1)) {
    if (t.shape.length !== rank || t.shape.some((s, i) => i !== d && knownDifferent(s, out[i]))) {
      throw new ComputeError(
        `Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension ${d} for shapes ${xs.map((u) => pyTuple(u.shape)).join(', ')}.`,
      );
    }
    out[d] = addDims(out[d], t.shape[d]);
  }
  return ok(tensor(out), 'cat', d === rank - 1 ? SAME_RF : NONE_RF);
}

/** NumPy broadcasting with JAX's wording. */
function broadcast(xs: TensorV[]): Dim[] {
  const n = Math.max(...xs.map((t) => t.shape.length));
  return Array.from({ length: n }, (_, i) => {
    let out: Dim = 1;
    for (const t of xs) {
      const d = t.shape[i - (n - t.shape.length)] ?? 1;
      if (d === 1) continue;
      if (out === 1 || sameDim(out, d)) out = d;
      else if (knownDifferent(out, d)) throw new ComputeError(`Incompatible shapes for broadcasting: shapes=[${xs.map((u) => pyTuple(u.shape)).join(', ')}]`);
    }
    return out;
  });
}

function transposeAxes(x: TensorV, axes: Arg): OpResult {
  const rank = x.shape.length;
  const order =
    isNone(axes) || (Array.isArray(axes) && axes.length === 0)
      ? Array.from({ length: rank }, (_, i) => rank - 1 - i)
      : (Array.isArray(axes) ? axes : [axes]).map((a) => normAxis(num(a, 'axes'), rank));
  if (order.length !== rank || new Set(order).size !== rank) throw new ComputeError(`axes ${pyTuple(order)} don't match array of dimension ${rank}`);
  return ok(tensor(order.map((a) => x.shape[a])), 'permute', NONE_RF);
}

function squeeze(x: TensorV, axis: Arg): OpResult {
  const rank = x.shape.length;
  if (isNone(axis)) return ok(tensor(x.shape.filter((d) => d !== 1)), 'squeeze', NONE_RF);
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => normAxis(num(a, 'axis'), rank));
  axes.forEach((a) => {
    if (knownDifferent(x.shape[a], 1))
      throw new ComputeError(
        `cannot select an axis to squeeze out which has size not equal to one, got shape=${pyTuple(x.shape)} and dimensions=${pyTuple(axes)}`,
      );
  });
  return ok(tensor(x.shape.filter((_, i) => !axes.includes(i))), 'squeeze', NONE_RF);
}

function expandDims(x: TensorV, axis: Arg): OpResult {
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => num(a, 'axis'));
  const rank = x.shape.length + axes.length;
  const at = axes.map((a) => normAxis(a, rank));
  const rest = [...x.shape];
  return ok(tensor(Array.from({ length: rank }, (_, i) => (at.includes(i) ? 1 : (rest.shift() as Dim)))), 'unsqueeze', NONE_RF);
}

// ── The function table ──────────────────────────────────────────────────────────────────────────

const x = (a: Record<string, Arg>): TensorV => tensorArg(a.x, 'x');
const unary = (op: string, params: string[] = [], defaults: Record<string, Arg> = {}): OpSpec =>
  spec(['x', ...params], defaults, (a) => ok(tensor(x(a).shape), op));

/** Activations of flax.linen / flax.nnx (re-exports of jax.nn), by their short name. */
const ACTIVATIONS: Record<string, OpSpec> = {
  relu: unary('relu'),
  relu6: unary('relu6'),
  sigmoid: unary('sigmoid'),
  tanh: unary('tanh'),
  silu: unary('silu'),
  swish: unary('silu'),
  selu: unary('selu'),
  softplus: unary('softplus'),
  soft_sign: unary('softsign'),
  log_sigmoid: unary('logsigmoid'),
  hard_sigmoid: unary('hardsigmoid'),
  hard_silu: unary('hardswish'),
  hard_swish: unary('hardswish'),
  hard_tanh: unary('hardtanh'),
  mish: unary('mish'),
  // jax.nn.gelu(x, approximate=True): the tanh approximation by default, unlike PyTorch.
  gelu: unary('gelu', ['approximate'], { approximate: true }),
  elu: unary('elu', ['alpha'], { alpha: 1.0 }),
  celu: unary('celu', ['alpha'], { alpha: 1.0 }),
  leaky_relu: unary('leaky_relu', ['negative_slope'], { negative_slope: 0.01 }),
  softmax: unary('softmax', ['axis', 'where'], { axis: -1, where: null }),
  log_softmax: unary('log_softmax', ['axis', 'where'], { axis: -1, where: null }),
  standardize: unary('normalize', ['axis', 'mean', 'variance', 'epsilon', 'where'], { axis: -1, mean: null, variance: null, epsilon: 1e-5, where: null }),
  // glu halves `axis`: the first half gated by the sigmoid of the second.
  glu: spec(['x', 'axis'], { axis: -1 }, (a) => {
    const t = x(a);
    const d = normDim(num(a.axis, 'axis'), t.shape.length);
    const n = t.shape[d];
    if (typeof n === 'number' && n % 2 !== 0) throw new ComputeError(`glu: the size of axis ${d} (${n}) must be even.`);
    return ok(tensor(t.shape.map((s, i) => (i === d ? divDim(s, 2) : s))), 'glu', NONE_RF);
  }),
  one_hot: spec(['x', 'num_classes', 'dtype', 'axis'], { dtype: null, axis: -1 }, (a) => {
    const t = x(a);
    const d = normAxis(num(a.axis, 'axis'), t.shape.length + 1);
    return ok(tensor([...t.shape.slice(0, d), sizeArg(a.num_classes, 'num_classes'), ...t.shape.slice(d)]), 'one_hot', NONE_RF);
  }),
};

const POOLS: Record<string, OpSpec> = Object.fromEntries(
  ['max_pool', 'avg_pool', 'min_pool'].map((fn) => [
    fn,
    spec(
      ['inputs', 'window_shape', 'strides', 'padding', ...(fn === 'avg_pool' ? ['count_include_pad'] : [])],
      { strides: null, padding: 'VALID', ...(fn === 'avg_pool' ? { count_include_pad: true } : {}) },
      (a) =>
        fromForward(
          flaxPoolForward(`nn.${fn}`, tensorArg(a.inputs, 'inputs'), a.window_shape, a.strides, a.padding),
          fn === 'avg_pool' ? 'avg_pool2d' : 'max_pool2d',
        ),
    ),
  ]),
);

/** jax.numpy functions, by their short name. */
const NUMPY: Record<string, OpSpec> = {
  reshape: spec(['a', 'shape', 'order', 'newshape'], { shape: null, order: 'C', newshape: null }, (a) => {
    const t = tensorArg(a.a, 'a');
    const target = isNone(a.shape) ? a.newshape : a.shape;
    if (isNone(target)) throw new ComputeError("reshape() missing 1 required positional argument: 'shape'");
    return ok(tensor(jaxReshape(t.shape, varShape([target], 'shape'))), 'reshape', NONE_RF);
  }),
  ravel: spec(['a', 'order'], { order: 'C' }, (a) => ok(tensor([prodDims(tensorArg(a.a, 'a').shape)]), 'flatten', NONE_RF)),
  mean: spec(['a', 'axis', 'dtype', 'out', 'keepdims'], { axis: null, dtype: null, out: null, keepdims: false }, (a) =>
    reduce(tensorArg(a.a, 'a'), a.axis, a.keepdims, 'mean'),
  ),
  sum: spec(['a', 'axis', 'dtype', 'out', 'keepdims'], { axis: null, dtype: null, out: null, keepdims: false }, (a) =>
    reduce(tensorArg(a.a, 'a'), a.axis, a.keepdims, 'sum'),
  ),
  max: spec(['a', 'axis', 'out', 'keepdims'], { axis: null, out: null, keepdims: false }, (a) => reduce(tensorArg(a.a, 'a'), a.axis, a.keepdims, 'amax')),
  min: spec(['a', 'axis', 'out', 'keepdims'], { axis: null, out: null, keepdims: false }, (a) => reduce(tensorArg(a.a, 'a'), a.axis, a.keepdims, 'amin')),
  concatenate: spec(['arrays', 'axis', 'dtype'], { axis: 0, dtype: null }, (a) => concatenate(a.arrays, a.axis, false)),
  stack: spec(['arrays', 'axis', 'out', 'dtype'], { axis: 0, out: null, dtype: null }, (a) => concatenate(a.arrays, a.axis, true)),
  transpose: spec(['a', 'axes'], { axes: null }, (a) => transposeAxes(tensorArg(a.a, 'a'), a.axes)),
  squeeze: spec(['a', 'axis'], { axis: null }, (a) => squeeze(tensorArg(a.a, 'a'), a.axis)),
  expand_dims: spec(['a', 'axis'], {}, (a) => expandDims(tensorArg(a.a, 'a'), a.axis)),
  matmul: spec(['a', 'b'], {}, (a) => {
    const { shape, macs } = matmulShape(tensorArg(a.a, 'a').shape, tensorArg(a.b, 'b').shape);
    return ok(tensor(shape), 'matmul', NONE_RF, macs);
  }),
};
for (const fn of ['add', 'subtract', 'multiply', 'divide', 'maximum', 'minimum', 'power']) {
  NUMPY[fn] = spec(['x1', 'x2'], {}, (a) =>
    ok(
      tensor(broadcast([a.x1, a.x2].filter((t): t is TensorV => t instanceof TensorV))),
      fn === 'subtract' ? 'sub' : fn === 'multiply' ? 'mul' : fn === 'divide' ? 'div' : fn,
    ),
  );
}
/** Elementwise jax.numpy functions: the broadcast shape of their array arguments (scalars and options aside). */
const ELEMENTWISE = new Set(['tanh', 'exp', 'log', 'sqrt', 'abs', 'square', 'sin', 'cos', 'negative', 'sign', 'floor', 'ceil', 'clip', 'where', 'logaddexp']);

/** Module prefixes of the functions above, shortest canonical first (`nn.relu` is flax.linen.relu). */
const ACTIVATION_PREFIXES = ['nn.', 'linen.', 'flax.linen.', 'nnx.', 'flax.nnx.', 'jax.nn.'];
const NUMPY_PREFIXES = ['jnp.', 'jax.numpy.', 'np.', 'numpy.'];

/**
 * A Flax/JAX function call: `name` as written or canonical (`nn.relu`, `flax.linen.max_pool`,
 * `nnx.gelu`, `jnp.reshape`, `jax.numpy.mean`, `jax.nn.softmax`). Undefined when ML Lens does
 * not read the function; Python's TypeError wording for a bad call.
 */
export function flaxFunction(name: string, positional: Arg[], keywords: Record<string, Arg>): OpResult | undefined {
  for (const p of ACTIVATION_PREFIXES) {
    if (!name.startsWith(p)) continue;
    const short = name.slice(p.length);
    const s = (p === 'jax.nn.' ? undefined : POOLS[short]) ?? ACTIVATIONS[short];
    if (s) return call(short, s, positional, keywords);
  }
  for (const p of NUMPY_PREFIXES) {
    if (!name.startsWith(p)) continue;
    const short = name.slice(p.length);
    if (Object.hasOwn(NUMPY, short)) return call(short, NUMPY[short], positional, keywords);
    if (ELEMENTWISE.has(short)) {
      const arrays = [...positional, ...Object.values(keywords)].filter((v): v is TensorV => v instanceof TensorV);
      if (!arrays.length) throw new ComputeError(`${short}() needs an array argument.`);
      return ok(tensor(broadcast(arrays)), short);
    }
  }
  return undefined;
}

/**
 * A method on a JAX array: `x.reshape(shape)` or `x.reshape(N, -1)`, `x.mean(axis=…)`, `x.sum`,
 * `x.max`, `x.min`, `x.transpose(*axes)`, `x.squeeze`, `x.flatten()`, `x.ravel()`, `x.astype(…)`.
 */
export function jaxArrayMethod(self: TensorV, name: string, positional: Arg[], keywords: Record<string, Arg>): OpResult | undefined {
  switch (name) {
    case 'reshape': {
      const target = positional.length ? positional : keywords.shape !== undefined ? [keywords.shape] : [];
      if (!target.length) throw new ComputeError("reshape() missing 1 required positional argument: 'shape'");
      return ok(tensor(jaxReshape(self.shape, varShape(target, 'shape'))), 'reshape', NONE_RF);
    }
    case 'flatten':
    case 'ravel':
      return ok(tensor([prodDims(self.shape)]), 'flatten', NONE_RF);
    case 'transpose':
      return transposeAxes(self, positional.length > 1 ? positional : (positional[0] ?? keywords.axes ?? null));
    case 'mean':
    case 'sum':
    case 'max':
    case 'min':
    case 'squeeze':
      return call(name, NUMPY[name], [self, ...positional], keywords);
    case 'astype':
      return ok(tensor(self.shape), 'to');
    default:
      return undefined;
  }
}
