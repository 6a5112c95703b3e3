/**
 * An identity is declared as data: its symbols (TeX with tab stops, shape, random generator), the
 * function f as a formula tree, the variable, and the right-hand side per layout as formula trees.
 * `defineIdentity` turns that into the catalog entry: TeX for both layouts rendered from the
 * trees, and a check that evaluates the same trees against central finite differences of f.
 */
import { ComputeError } from '../errors';
import type { Rng } from '../random';
import { evaluate, renderTex, type EvalContext, type Node } from './formula';
import { mat, transpose, vec, type Mat } from './matrix';
import { generate, numericHessian, numericJacobian, type Generator } from './numeric';
import type { CheckSample, Identity, IdentityKind, Layout } from './types';

/** A dimension: a number, or a name looked up in the identity's dims (n, m, k by default). */
export type Dim = number | string;

export interface SymbolSpec {
  /** TeX with tab stops; omitted for hidden helpers (e.g. the parameters of a concrete f). */
  tex?: string;
  shape?: [Dim, Dim];
  gen?: Generator;
  /** A 1×1 symbol equal to a dimension, e.g. N, the number of rows. */
  dim?: string;
  /** Defined from other symbols (shown after the formula when listed in `where`). */
  def?: Node;
  /** A function symbol: its concrete body, with sym('$') the argument. */
  body?: Node;
  /** Computed, e.g. a Jacobian; may depend on the layout being checked. */
  value?: (ctx: EvalContext) => Mat;
}

export type Mode =
  /** ∂f/∂x, ∂f/∂X: numerator and denominator arrangement (see types.ts Layout). */
  | 'derivative'
  /** ∂f/∂vec(X) with vec stacking columns: f is a vector; laid out as for a vector variable. */
  | 'vec'
  /** ∂²f/∂x∂xᵀ of a scalar f, the same in both layouts. */
  | 'hessian'
  /** d f in terms of the symbol `d<wrt>`: the directional derivative along it. */
  | 'differential';

export interface IdentitySpec {
  id: string;
  name: string;
  kind: IdentityKind;
  symbols: Record<string, SymbolSpec>;
  /** The function differentiated; its TeX is the left-hand side. */
  f: Node;
  wrt: string;
  mode?: Mode;
  /** Right-hand sides; the denominator one defaults to the numerator one (layout-free results). */
  numerator: Node;
  denominator?: Node;
  /** Replace the generated left-hand side (abstract rules, e.g. ∂z/∂x). */
  lhs?: string;
  /** Defined symbols to state after the formula, e.g. s = softmax(z). */
  where?: string[];
  assumptions: string[];
  python: { numpy: string; torch: string };
  correction?: string;
  /** Dimensions for size n (default n, m = n + 1, k = n + 2: non-square). */
  dims?: (n: number) => Record<string, number>;
  sizes?: number[];
}

const defaultDims = (n: number) => ({ n, m: n + 1, k: n + 2 });

const isMatrixShape = (shape: [Dim, Dim] | undefined) => !!shape && shape[0] !== 1 && shape[1] !== 1;

/** Arrange a Jacobian J (flattened f by flattened x) in both layouts. */
export function arrange(J: Mat, x: { rows: number; cols: number; matrix: boolean }, f: { rows: number; cols: number }): Record<Layout, Mat> {
  const fScalar = f.rows * f.cols === 1;
  if (x.matrix) {
    if (!fScalar) throw new ComputeError('Only scalars are differentiated by a matrix here; use ∂/∂vec(X).');
    const G = mat(x.rows, x.cols, J.data);
    return { numerator: transpose(G), denominator: G };
  }
  if (x.rows * x.cols === 1 && f.rows > 1 && f.cols > 1) {
    const M = mat(f.rows, f.cols, J.data);
    return { numerator: M, denominator: M };
  }
  if (f.rows > 1 && f.cols > 1) throw new ComputeError('A matrix-valued f needs vec(·).');
  return { numerator: J, denominator: transpose(J) };
}

/** A symbol value: the Jacobian of function symbol `fn` at `at` — fixed (J_f, m×n) or in the layout checked. */
export function jacobianOf(fn: string, at: Node, inLayout: boolean): (ctx: EvalContext) => Mat {
  return (ctx) => {
    const x0 = evaluate(at, ctx);
    let out = { rows: 1, cols: 1 };
    const J = numericJacobian((flat) => {
      const y = ctx.apply(fn, mat(x0.rows, x0.cols, flat));
      out = y;
      return y.data;
    }, x0.data);
    if (!inLayout) return J;
    return arrange(J, { rows: x0.rows, cols: x0.cols, matrix: x0.rows > 1 && x0.cols > 1 }, out)[ctx.layout];
  };
}

export function defineIdentity(spec: IdentitySpec): Identity {
  const { symbols } = spec;
  const mode = spec.mode ?? 'derivative';
  const texOf = (name: string) => {
    const tex = symbols[name]?.tex;
    if (tex === undefined) throw new ComputeError(`${spec.id}: the symbol ${name} has no TeX.`);
    return tex;
  };
  const wrtTex = texOf(spec.wrt);
  const f = renderTex(spec.f, texOf);
  const lhs =
    spec.lhs ??
    {
      derivative: String.raw`\frac{\partial}{\partial ${wrtTex}} \left[ ${f} \right]`,
      vec: String.raw`\frac{\partial}{\partial \operatorname{vec}\left(${wrtTex}\right)} \left[ ${f} \right]`,
      hessian: String.raw`\frac{\partial^2}{\partial ${wrtTex} \, \partial ${wrtTex}^\top} \left[ ${f} \right]`,
      differential: String.raw`\mathrm{d}\left(${f}\right)`,
    }[mode];
  const where = (spec.where ?? []).map((name) => String.raw`, \qquad ${texOf(name)} = ${renderTex(symbols[name].def!, texOf)}`).join('');
  const tex = (rhs: Node) => `${lhs} = ${renderTex(rhs, texOf)}${where}«0»`;

  const sample = (rng: Rng, n: number): CheckSample => {
    const dims: Record<string, number> = (spec.dims ?? defaultDims)(n);
    const size = (d: Dim) => {
      if (typeof d === 'number') return d;
      if (!(d in dims)) throw new ComputeError(`${spec.id}: no dimension ${d}.`);
      return dims[d];
    };
    const drawn = new Map<string, Mat>();
    for (const [name, s] of Object.entries(symbols)) {
      if (s.gen) drawn.set(name, generate(rng, s.gen, size(s.shape?.[0] ?? 1), size(s.shape?.[1] ?? 1)));
    }
    const context = (layout: Layout, overrides: Map<string, Mat> = new Map()): EvalContext => {
      const ctx: EvalContext = {
        layout,
        value(name) {
          const v = overrides.get(name) ?? drawn.get(name);
          if (v) return v;
          const s = symbols[name];
          if (!s) throw new ComputeError(`${spec.id}: unknown symbol ${name}.`);
          if (s.def) return evaluate(s.def, ctx);
          if (s.value) return s.value(ctx);
          if (s.dim) return mat(1, 1, [size(s.dim)]);
          throw new ComputeError(`${spec.id}: the symbol ${name} has no value.`);
        },
        apply(fn, arg) {
          const body = symbols[fn]?.body;
          if (!body) throw new ComputeError(`${spec.id}: ${fn} is not a function symbol.`);
          return evaluate(body, context(layout, new Map([...overrides, ['$', arg]])));
        },
      };
      return ctx;
    };
    const x0 = drawn.get(spec.wrt);
    if (!x0) throw new ComputeError(`${spec.id}: the variable ${spec.wrt} needs a generator.`);
    const fAt = (x: Mat) => evaluate(spec.f, context('numerator', new Map([[spec.wrt, x]])));
    const f0 = fAt(x0);

    let reference: Record<Layout, Mat>;
    let differentialOverrides = new Map<string, Mat>();
    if (mode === 'hessian') {
      const H = numericHessian((flat) => fAt(mat(x0.rows, x0.cols, flat)).data[0], x0.data);
      reference = { numerator: H, denominator: H };
    } else if (mode === 'differential') {
      const dx = drawn.get(`d${spec.wrt}`);
      if (!dx) throw new ComputeError(`${spec.id}: the differential needs a drawn d${spec.wrt}.`);
      const J = numericJacobian(
        (t) =>
          fAt(
            mat(
              x0.rows,
              x0.cols,
              x0.data.map((v, i) => v + t[0] * dx.data[i]),
            ),
          ).data,
        Float64Array.of(0),
      );
      const D = mat(f0.rows, f0.cols, J.data);
      reference = { numerator: D, denominator: D };
      differentialOverrides = new Map([[`d${spec.wrt}`, dx]]);
    } else if (mode === 'vec') {
      // Columns stacked: entry (i, j) of X is vec(X)[j·rows + i].
      const unvec = (flat: Float64Array) => transpose(mat(x0.cols, x0.rows, flat));
      const J = numericJacobian((flat) => fAt(unvec(flat)).data, vec(x0).data);
      reference = arrange(J, { rows: x0.rows * x0.cols, cols: 1, matrix: false }, f0);
    } else {
      const J = numericJacobian((flat) => fAt(mat(x0.rows, x0.cols, flat)).data, x0.data);
      reference = arrange(J, { rows: x0.rows, cols: x0.cols, matrix: isMatrixShape(symbols[spec.wrt].shape) }, f0);
    }
    const claimed = {
      numerator: evaluate(spec.numerator, context('numerator', differentialOverrides)),
      denominator: evaluate(spec.denominator ?? spec.numerator, context('denominator', differentialOverrides)),
    };
    return { claimed, reference };
  };

  const method = {
    derivative:
      'central differences of f over every entry of the variable, arranged per layout (numerator: m×n, a row for a scalar, q×p for X ∈ ℝ^{p×q}; denominator: the transpose), against the right-hand side evaluated in that layout',
    vec: 'central differences over vec(X) (columns stacked), arranged per layout (numerator: outputs × entries), against the right-hand side',
    hessian: 'second central differences with Richardson extrapolation (O(h⁴)), against the right-hand side',
    differential: 'the directional derivative d/dt f(X + t·dX) at t = 0 by central differences, dX random, against the right-hand side',
  }[mode];

  return {
    id: spec.id,
    name: spec.name,
    kind: spec.kind,
    prefix: `deriv-${spec.id}`,
    template: { numerator: tex(spec.numerator), denominator: tex(spec.denominator ?? spec.numerator) },
    assumptions: spec.assumptions,
    python: spec.python,
    ...(spec.correction ? { correction: spec.correction } : {}),
    check: { sample, method, ...(spec.sizes ? { sizes: spec.sizes } : {}) },
    spec: { ...spec, mode, dims: spec.dims ?? defaultDims },
  };
}

// Symbol shorthands. `stop` is the snippet tab stop; symbols sharing a stop mirror each other.
const bold = (stop: number, name: string) => String.raw`\mathbf{«${stop}:${name}»}`;

/** A column vector with a bold name. */
export const vector = (stop: number, name: string, dim: Dim = 'n', gen: Generator = 'normal'): SymbolSpec => ({ tex: bold(stop, name), shape: [dim, 1], gen });
/** A column vector with a bold Greek name (\boldsymbol), e.g. μ. */
export const greekVector = (stop: number, name: string, dim: Dim = 'n', gen: Generator = 'normal'): SymbolSpec => ({
  tex: String.raw`\boldsymbol{«${stop}:${name}»}`,
  shape: [dim, 1],
  gen,
});
/** A matrix with an upright capital name (TeX default may be e.g. \Sigma). */
export const matrix = (stop: number, name: string, rows: Dim, cols: Dim, gen: Generator = 'normal'): SymbolSpec => ({
  tex: `«${stop}:${name}»`,
  shape: [rows, cols],
  gen,
});
/** A scalar. */
export const scalarSym = (stop: number, name: string, gen: Generator = 'normal'): SymbolSpec => ({ tex: `«${stop}:${name}»`, shape: [1, 1], gen });
/** A hidden random parameter of a concrete function (not in the TeX). */
export const hidden = (rows: Dim, cols: Dim, gen: Generator = 'normal'): SymbolSpec => ({ shape: [rows, cols], gen });
