/**
 * Test functions for the optimizer lab, each with its value, exact analytic gradient (checked
 * against the expression compiler's autodiff in the tests), known minimizers, a view box and a
 * start point; plus any user expression through compileExpression. References: Rosenbrock
 * (1960); Beale (1958); Himmelblau, "Applied Nonlinear Programming" (1972); Rastrigin (1974) as
 * generalised by Mühlenbein et al. (1991); the benchmark forms of Jamil & Yang, "A literature
 * survey of benchmark functions for global optimization problems" (2013).
 */
import { fail } from '../errors';
import { compileExpression } from '../expr';
import { readArgs, type ArgDef, type ArgValue } from './hyper';
import type { Objective, ObjectiveInfo, ObjectiveSpec } from './types';

export const MAX_DIMS = 64;

export interface ResolvedObjective {
  info: ObjectiveInfo;
  objective: Objective;
}

interface BuiltIn {
  defs: ArgDef[];
  /** Fixed dimension, or undefined when any dimension ≥ 1 (or ≥ 2) works. */
  dims?: number;
  minDims?: number;
  build(args: Record<string, ArgValue>, n: number): { objective: Objective; info: Omit<ObjectiveInfo, 'name' | 'variables'> };
}

/** Variable names: x, y in 2-D, else x0 … xn−1. */
export const variableNames = (n: number): string[] => (n === 2 ? ['x', 'y'] : Array.from({ length: n }, (_, i) => `x${i}`));
const lit = (v: number) => (v < 0 ? `(${v})` : `${v}`);
const square = (lo: number, hi: number) => ({ x: [lo, hi] as [number, number], y: [lo, hi] as [number, number] });

/** ½ Σ λᵢ xᵢ² with λ from 1 to κ geometrically (2-D: ½(x² + κy²)), optionally rotated by `angle` degrees in 2-D. μ = 1, L = κ. */
const QUADRATIC: BuiltIn = {
  defs: [
    { name: 'kappa', type: 'number', default: 10, check: (v: number) => (v >= 1 ? undefined : `kappa (the condition number L/μ) must be ≥ 1, not ${v}.`) },
    { name: 'angle', type: 'number', default: 0 },
  ],
  minDims: 1,
  build(a, n) {
    const kappa = a.kappa as number;
    const angle = a.angle as number;
    if (angle !== 0 && n !== 2) fail('The quadratic can only be rotated (angle) in 2-D.', 'objective.angle');
    const lambda = Float64Array.from({ length: n }, (_, i) => (n === 1 ? 1 : i === 0 ? 1 : i === n - 1 ? kappa : kappa ** (i / (n - 1))));
    const names = variableNames(n);
    const th = (angle * Math.PI) / 180;
    const [c, s] = [Math.cos(th), Math.sin(th)];
    let objective: Objective;
    let expr: string;
    if (angle === 0) {
      objective = {
        dims: n,
        value: (x) => {
          let f = 0;
          for (let i = 0; i < n; i++) f += lambda[i] * x[i] * x[i];
          return 0.5 * f;
        },
        valueAndGradient(x, g) {
          let f = 0;
          for (let i = 0; i < n; i++) {
            f += lambda[i] * x[i] * x[i];
            g[i] = lambda[i] * x[i];
          }
          return 0.5 * f;
        },
      };
      expr = `0.5*(${names.map((v, i) => `${lit(lambda[i])}*${v}**2`).join(' + ')})`;
    } else {
      // u, v: coordinates along the eigenvectors (cos θ, sin θ) and (−sin θ, cos θ).
      objective = {
        dims: 2,
        value: (x) => {
          const u = c * x[0] + s * x[1];
          const v = -s * x[0] + c * x[1];
          return 0.5 * (u * u + kappa * v * v);
        },
        valueAndGradient(x, g) {
          const u = c * x[0] + s * x[1];
          const v = -s * x[0] + c * x[1];
          g[0] = c * u - s * kappa * v;
          g[1] = s * u + c * kappa * v;
          return 0.5 * (u * u + kappa * v * v);
        },
      };
      expr = `0.5*((${lit(c)}*x + ${lit(s)}*y)**2 + ${lit(kappa)}*(${lit(-s)}*x + ${lit(c)}*y)**2)`;
    }
    return {
      objective,
      info: { expr, minimizers: [new Array(n).fill(0)], minimum: 0, view: square(-2, 2), defaultStart: new Array(n).fill(1), mu: 1, L: kappa },
    };
  },
};

/** Σ (a − xᵢ)² + b(xᵢ₊₁ − xᵢ²)²; 2-D: (a − x)² + b(y − x²)², minimum at (a, a²). */
const ROSENBROCK: BuiltIn = {
  defs: [
    { name: 'a', type: 'number', default: 1 },
    { name: 'b', type: 'number', default: 100 },
  ],
  minDims: 2,
  build(p, n) {
    const a = p.a as number;
    const b = p.b as number;
    const names = variableNames(n);
    const objective: Objective =
      n === 2
        ? {
            dims: 2,
            value(x) {
              const t = x[1] - x[0] * x[0];
              const u = a - x[0];
              return u * u + b * t * t;
            },
            valueAndGradient(x, g) {
              const t = x[1] - x[0] * x[0];
              const u = a - x[0];
              g[0] = -2 * u - 4 * b * x[0] * t;
              g[1] = 2 * b * t;
              return u * u + b * t * t;
            },
          }
        : {
            dims: n,
            value(x) {
              let f = 0;
              for (let i = 0; i + 1 < n; i++) {
                const t = x[i + 1] - x[i] * x[i];
                const u = a - x[i];
                f += u * u + b * t * t;
              }
              return f;
            },
            valueAndGradient(x, g) {
              g.fill(0);
              let f = 0;
              for (let i = 0; i + 1 < n; i++) {
                const t = x[i + 1] - x[i] * x[i];
                const u = a - x[i];
                f += u * u + b * t * t;
                g[i] += -2 * u - 4 * b * x[i] * t;
                g[i + 1] += 2 * b * t;
              }
              return f;
            },
          };
    const terms = names.slice(0, -1).map((v, i) => `(${lit(a)} - ${v})**2 + ${lit(b)}*(${names[i + 1]} - ${v}**2)**2`);
    const minimizers = n === 2 ? [[a, a * a]] : a === 1 ? [new Array(n).fill(1)] : [];
    const start = [-1.5, 2, ...new Array(n - 2).fill(2)];
    return {
      objective,
      info: { expr: terms.join(' + '), minimizers, minimum: minimizers.length ? 0 : undefined, view: { x: [-2, 2], y: [-1, 3] }, defaultStart: start },
    };
  },
};

/** (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5). */
const BEALE: BuiltIn = {
  defs: [],
  dims: 2,
  build() {
    const parts = (x: number, y: number) => [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y];
    const objective: Objective = {
      dims: 2,
      value(p) {
        const [a1, a2, a3] = parts(p[0], p[1]);
        return a1 * a1 + a2 * a2 + a3 * a3;
      },
      valueAndGradient(p, g) {
        const x = p[0];
        const y = p[1];
        const a1 = 1.5 - x + x * y;
        const a2 = 2.25 - x + x * y * y;
        const a3 = 2.625 - x + x * y * y * y;
        g[0] = 2 * a1 * (y - 1) + 2 * a2 * (y * y - 1) + 2 * a3 * (y * y * y - 1);
        g[1] = 2 * a1 * x + 4 * a2 * x * y + 6 * a3 * x * y * y;
        return a1 * a1 + a2 * a2 + a3 * a3;
      },
    };
    const expr = '(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2';
    return { objective, info: { expr, minimizers: [[3, 0.5]], minimum: 0, view: square(-4.5, 4.5), defaultStart: [1, 1.5] } };
  },
};

/** (x² + y − 11)² + (x + y² − 7)², four minima with value 0. */
const HIMMELBLAU: BuiltIn = {
  defs: [],
  dims: 2,
  build() {
    const objective: Objective = {
      dims: 2,
      value(p) {
        const a = p[0] * p[0] + p[1] - 11;
        const b = p[0] + p[1] * p[1] - 7;
        return a * a + b * b;
      },
      valueAndGradient(p, g) {
        const a = p[0] * p[0] + p[1] - 11;
        const b = p[0] + p[1] * p[1] - 7;
        g[0] = 4 * p[0] * a + 2 * b;
        g[1] = 2 * a + 4 * p[1] * b;
        return a * a + b * b;
      },
    };
    // The three irrational minima, by Newton's method in float64 (gradient below 1e-13).
    const minimizers = [
      [3, 2],
      [-2.805118086952745, 3.131312518250573],
      [-3.779310253377747, -3.283185991286169],
      [3.5844283403304917, -1.8481265269644034],
    ];
    return { objective, info: { expr: '(x**2 + y - 11)**2 + (x + y**2 - 7)**2', minimizers, minimum: 0, view: square(-5, 5), defaultStart: [0, 0] } };
  },
};

/** A·n + Σ (xᵢ² − A cos 2πxᵢ), many local minima, global minimum 0 at the origin. */
const RASTRIGIN: BuiltIn = {
  defs: [{ name: 'A', type: 'number', default: 10 }],
  minDims: 1,
  build(p, n) {
    const A = p.A as number;
    const twoPi = 2 * Math.PI;
    const objective: Objective = {
      dims: n,
      value(x) {
        let f = A * n;
        for (let i = 0; i < n; i++) f += x[i] * x[i] - A * Math.cos(twoPi * x[i]);
        return f;
      },
      valueAndGradient(x, g) {
        let f = A * n;
        for (let i = 0; i < n; i++) {
          f += x[i] * x[i] - A * Math.cos(twoPi * x[i]);
          g[i] = 2 * x[i] + twoPi * A * Math.sin(twoPi * x[i]);
        }
        return f;
      },
    };
    const expr = `${lit(A * n)} + ${variableNames(n)
      .map((v) => `${v}**2 - ${lit(A)}*cos(2*pi*${v})`)
      .join(' + ')}`;
    return {
      objective,
      info: {
        expr,
        minimizers: [new Array(n).fill(0)],
        minimum: 0,
        view: square(-5.12, 5.12),
        defaultStart: [2.5, -2.2, ...new Array(Math.max(0, n - 2)).fill(1.2)].slice(0, n),
      },
    };
  },
};

const BUILT_INS: Record<string, BuiltIn> = { quadratic: QUADRATIC, rosenbrock: ROSENBROCK, beale: BEALE, himmelblau: HIMMELBLAU, rastrigin: RASTRIGIN };
export const OBJECTIVE_NAMES = Object.keys(BUILT_INS);

/** The objective named by `spec`, in `dims` dimensions (default: the objective's own, or 2). */
export function resolveObjective(spec: ObjectiveSpec, dims?: number): ResolvedObjective {
  if (!spec || typeof spec !== 'object')
    fail(
      'An objective must be {"name": "rosenbrock"} (or quadratic, beale, himmelblau, rastrigin) or {"expr": "(1 - x)**2 + 100*(y - x**2)**2"}.',
      'objective',
    );
  if (dims !== undefined && (dims < 1 || dims > MAX_DIMS)) fail(`Objectives take 1 to ${MAX_DIMS} variables, not ${dims}.`, 'start');
  if ('expr' in spec) return expressionObjective(spec.expr, dims);
  const { name: rawName, dims: specDims, ...params } = spec as { name: unknown; dims?: unknown };
  const name = typeof rawName === 'string' ? rawName.toLowerCase().replace(/[^a-z]/g, '') : '';
  const key = name === 'quad' || name === 'illconditionedquadratic' ? 'quadratic' : name;
  const def = BUILT_INS[key];
  if (!def) fail(`Unknown objective ${JSON.stringify(rawName)}; use one of ${OBJECTIVE_NAMES.join(', ')}, or {"expr": "..."}.`, 'objective.name');
  const { values } = readArgs(`The ${key} objective`, def.defs, params);
  const n = dims ?? (typeof specDims === 'number' ? specDims : (def.dims ?? 2));
  if (!Number.isInteger(n) || n < 1 || n > MAX_DIMS) fail(`Objectives take 1 to ${MAX_DIMS} variables, not ${n}.`, 'objective.dims');
  if (def.dims !== undefined && n !== def.dims)
    fail(`The ${key} function is defined in ${def.dims}-D only; give a start with ${def.dims} coordinates.`, 'start');
  if (def.minDims !== undefined && n < def.minDims) fail(`The ${key} function needs at least ${def.minDims} variables.`, 'start');
  const built = def.build(values, n);
  return { objective: built.objective, info: { name: key, variables: variableNames(n), ...built.info } };
}

/** A user expression; its variables are x, y (2-D) or x0…xn, or those a lambda names. */
export function expressionObjective(source: unknown, dims?: number): ResolvedObjective {
  if (typeof source !== 'string' || !source.trim()) fail('"expr" must be an expression such as "(1 - x)**2 + 100*(y - x**2)**2".', 'objective.expr');
  const compiled = compileExpression(source);
  const n = compiled.variables.length;
  if (n < 1 || n > MAX_DIMS) fail(`Objectives take 1 to ${MAX_DIMS} variables; this expression has ${n}.`, 'objective.expr');
  if (dims !== undefined && dims !== n)
    fail(`The expression has ${n} variable${n === 1 ? '' : 's'} (${compiled.variables.join(', ')}) but the start has ${dims} coordinates.`, 'start');
  const objective: Objective = { dims: n, value: (x) => compiled.value(x), valueAndGradient: (x, g) => compiled.valueAndGradient(x, g) };
  const info: ObjectiveInfo = {
    name: 'expr',
    expr: compiled.source,
    variables: [...compiled.variables],
    minimizers: [],
    view: square(-2, 2),
    defaultStart: new Array(n).fill(1),
  };
  return { objective, info };
}
