/**
 * Matrix formulas written once as a tree, from which come both the TeX (with «n:default» tab
 * stops, see template.ts) and the numbers. An identity's left-hand side (the function) and its
 * right-hand side in each layout are such trees, so the TeX a snippet inserts is exactly what the
 * numerical check evaluates: a wrong transpose in either layout's TeX fails the check.
 */
import { ComputeError } from '../errors';
import type { Layout } from './types';
import { det, diag, inverse, isScalar, kron, logdet, map, mat, matmul, scale, shapeOf, trace, transpose, vec, zip, type Mat } from './matrix';

export type FnName =
  | 'tr'
  | 'det'
  | 'logdet'
  | 'diag'
  | 'exp'
  | 'log'
  | 'sigma'
  | 'tanh'
  | 'tanh2'
  | 'relu'
  | 'step'
  | 'sign'
  | 'softmax'
  | 'lse'
  | 'norm'
  | 'sqnorm'
  | 'l1'
  | 'fro'
  | 'sqfro'
  | 'kron'
  | 'vec';

export type Node =
  | { op: 'sym'; name: string }
  | { op: 'num'; value: number; tex?: string }
  | { op: 'add' | 'sub' | 'had' | 'div'; a: Node; b: Node }
  | { op: 'neg' | 'T' | 'inv'; a: Node }
  /** Explicit parentheses, e.g. (aᵀx) I. */
  | { op: 'group'; a: Node }
  | { op: 'mul'; factors: Node[] }
  | { op: 'fn'; fn: FnName; a: Node; b?: Node }
  /** An abstract function symbol applied to an argument: f(x). */
  | { op: 'app'; fn: string; a: Node };

// Builders.
export const sym = (name: string): Node => ({ op: 'sym', name });
export const num = (value: number, tex?: string): Node => ({ op: 'num', value, tex });
export const add = (a: Node, ...rest: Node[]): Node => rest.reduce((s, b) => ({ op: 'add', a: s, b }), a);
export const sub = (a: Node, b: Node): Node => ({ op: 'sub', a, b });
export const neg = (a: Node): Node => ({ op: 'neg', a });
export const had = (a: Node, b: Node): Node => ({ op: 'had', a, b });
/** a / b for a scalar b, shown as a fraction. */
export const div = (a: Node, b: Node): Node => ({ op: 'div', a, b });
export const mul = (...factors: Node[]): Node => ({ op: 'mul', factors });
export const T = (a: Node): Node => ({ op: 'T', a });
export const inv = (a: Node): Node => ({ op: 'inv', a });
export const group = (a: Node): Node => ({ op: 'group', a });
export const app = (fn: string, a: Node): Node => ({ op: 'app', fn, a });
const fn1 =
  (name: FnName) =>
  (a: Node): Node => ({ op: 'fn', fn: name, a });
export const tr = fn1('tr');
export const detOf = fn1('det');
export const logdetOf = fn1('logdet');
export const diagOf = fn1('diag');
export const exp = fn1('exp');
export const log = fn1('log');
export const sigma = fn1('sigma');
export const tanh = fn1('tanh');
/** tanh² elementwise, shown as \tanh^2(·). */
export const tanh2 = fn1('tanh2');
export const relu = fn1('relu');
/** The indicator 1[· > 0], elementwise. */
export const step = fn1('step');
export const sign = fn1('sign');
export const softmax = fn1('softmax');
export const lse = fn1('lse');
export const norm = fn1('norm');
export const sqnorm = fn1('sqnorm');
export const l1 = fn1('l1');
export const fro = fn1('fro');
export const sqfro = fn1('sqfro');
export const vecOf = fn1('vec');
export const kronOf = (a: Node, b: Node): Node => ({ op: 'fn', fn: 'kron', a, b });

// ---------------------------------------------------------------------------------------------
// Evaluation.

/** What a formula is evaluated against: symbol values and the layout being checked. */
export interface EvalContext {
  layout: Layout;
  value(name: string): Mat;
  /** Apply an abstract function symbol (its body with `$` bound to the argument). */
  apply(fn: string, arg: Mat): Mat;
}

const scalar = (v: number) => mat(1, 1, [v]);
const expectScalar = (a: Mat, what: string) => {
  if (!isScalar(a)) throw new ComputeError(`${what} needs a scalar, not ${shapeOf(a)}.`);
  return a.data[0];
};
const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

function softmaxOf(z: Mat): Mat {
  const max = Math.max(...z.data);
  const e = z.data.map((v) => Math.exp(v - max));
  const s = e.reduce((x, y) => x + y, 0);
  return { rows: z.rows, cols: z.cols, data: e.map((v) => v / s) };
}

function lseOf(z: Mat): number {
  const max = Math.max(...z.data);
  return max + Math.log(z.data.reduce((s, v) => s + Math.exp(v - max), 0));
}

const sumSq = (a: Mat) => a.data.reduce((s, v) => s + v * v, 0);

function evalFn(name: FnName, a: Mat, b?: Mat): Mat {
  switch (name) {
    case 'tr':
      return scalar(trace(a));
    case 'det':
      return scalar(det(a));
    case 'logdet':
      return scalar(logdet(a));
    case 'diag':
      return diag(a);
    case 'exp':
      return map(a, Math.exp);
    case 'log':
      return map(a, (v) => {
        if (!(v > 0)) throw new ComputeError('log of a non-positive number.');
        return Math.log(v);
      });
    case 'sigma':
      return map(a, sigmoid);
    case 'tanh':
      return map(a, Math.tanh);
    case 'tanh2':
      return map(a, (v) => Math.tanh(v) ** 2);
    case 'relu':
      return map(a, (v) => Math.max(0, v));
    case 'step':
      return map(a, (v) => (v > 0 ? 1 : 0));
    case 'sign':
      return map(a, Math.sign);
    case 'softmax':
      return softmaxOf(a);
    case 'lse':
      return scalar(lseOf(a));
    case 'norm':
      return scalar(Math.sqrt(sumSq(a)));
    case 'sqnorm':
      return scalar(sumSq(a));
    case 'l1':
      return scalar(a.data.reduce((s, v) => s + Math.abs(v), 0));
    case 'fro':
      return scalar(Math.sqrt(sumSq(a)));
    case 'sqfro':
      return scalar(sumSq(a));
    case 'kron':
      return kron(a, b!);
    case 'vec':
      return vec(a);
  }
}

export function evaluate(node: Node, ctx: EvalContext): Mat {
  switch (node.op) {
    case 'sym':
      return ctx.value(node.name);
    case 'num':
      return scalar(node.value);
    case 'add':
    case 'sub':
    case 'had': {
      const broadcast = node.a.op === 'num' || node.b.op === 'num';
      const f = node.op === 'add' ? (x: number, y: number) => x + y : node.op === 'sub' ? (x: number, y: number) => x - y : (x: number, y: number) => x * y;
      return zip(evaluate(node.a, ctx), evaluate(node.b, ctx), f, broadcast);
    }
    case 'div':
      return scale(evaluate(node.a, ctx), 1 / expectScalar(evaluate(node.b, ctx), 'A fraction’s denominator'));
    case 'neg':
      return scale(evaluate(node.a, ctx), -1);
    case 'group':
      return evaluate(node.a, ctx);
    case 'T':
      return transpose(evaluate(node.a, ctx));
    case 'inv':
      return inverse(evaluate(node.a, ctx));
    case 'mul':
      return node.factors
        .map((f) => evaluate(f, ctx))
        .reduce((x, y) => {
          if (x.cols === y.rows) return matmul(x, y);
          if (isScalar(x)) return scale(y, x.data[0]);
          if (isScalar(y)) return scale(x, y.data[0]);
          throw new ComputeError(`Cannot multiply ${shapeOf(x)} by ${shapeOf(y)}.`);
        });
    case 'fn':
      return evalFn(node.fn, evaluate(node.a, ctx), node.b && evaluate(node.b, ctx));
    case 'app':
      return ctx.apply(node.fn, evaluate(node.a, ctx));
  }
}

// ---------------------------------------------------------------------------------------------
// TeX.

/** Precedence: 1 sums and negations, 2 products, 4 atoms. `sup`: ends in a superscript. */
interface Rendered {
  tex: string;
  prec: number;
  sup?: boolean;
}

const paren = (tex: string) => String.raw`\left(${tex}\right)`;
const wrapIf = (r: Rendered, cond: boolean) => (cond ? paren(r.tex) : r.tex);

function numTex(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (value === 0.5) return String.raw`\tfrac{1}{2}`;
  throw new ComputeError(`Give the TeX for the number ${value}.`);
}

const FN_TEX: Record<Exclude<FnName, 'kron'>, (a: string) => string> = {
  tr: (a) => String.raw`\operatorname{tr}\left(${a}\right)`,
  det: (a) => String.raw`\det\left(${a}\right)`,
  logdet: (a) => String.raw`\log\det\left(${a}\right)`,
  diag: (a) => String.raw`\operatorname{diag}\left(${a}\right)`,
  exp: (a) => String.raw`\exp\left(${a}\right)`,
  log: (a) => String.raw`\log\left(${a}\right)`,
  sigma: (a) => String.raw`\sigma\left(${a}\right)`,
  tanh: (a) => String.raw`\tanh\left(${a}\right)`,
  tanh2: (a) => String.raw`\tanh^2\left(${a}\right)`,
  relu: (a) => String.raw`\operatorname{ReLU}\left(${a}\right)`,
  step: (a) => String.raw`\mathbb{1}\left[${a} > 0\right]`,
  sign: (a) => String.raw`\operatorname{sign}\left(${a}\right)`,
  softmax: (a) => String.raw`\operatorname{softmax}\left(${a}\right)`,
  lse: (a) => String.raw`\operatorname{logsumexp}\left(${a}\right)`,
  norm: (a) => String.raw`\left\lVert ${a} \right\rVert_2`,
  sqnorm: (a) => String.raw`\left\lVert ${a} \right\rVert_2^2`,
  l1: (a) => String.raw`\left\lVert ${a} \right\rVert_1`,
  fro: (a) => String.raw`\left\lVert ${a} \right\rVert_F`,
  sqfro: (a) => String.raw`\left\lVert ${a} \right\rVert_F^2`,
  vec: (a) => String.raw`\operatorname{vec}\left(${a}\right)`,
};

export function renderTex(node: Node, texOf: (name: string) => string): string {
  return render(node, texOf).tex;
}

function render(node: Node, texOf: (name: string) => string): Rendered {
  const r = (n: Node) => render(n, texOf);
  switch (node.op) {
    case 'sym':
      return { tex: texOf(node.name), prec: 4 };
    case 'num':
      return { tex: node.tex ?? numTex(node.value), prec: node.value < 0 ? 1 : 4 };
    case 'add': {
      const b = r(node.b);
      return { tex: `${r(node.a).tex} + ${wrapIf(b, node.b.op === 'neg')}`, prec: 1 };
    }
    case 'sub': {
      const b = r(node.b);
      return { tex: `${r(node.a).tex} - ${wrapIf(b, b.prec <= 1)}`, prec: 1 };
    }
    case 'neg': {
      const a = r(node.a);
      return { tex: `-${wrapIf(a, a.prec <= 1)}`, prec: 1 };
    }
    case 'had': {
      const [a, b] = [r(node.a), r(node.b)];
      return { tex: String.raw`${wrapIf(a, a.prec < 4)} \odot ${wrapIf(b, b.prec < 4)}`, prec: 2 };
    }
    case 'group':
      return { tex: paren(r(node.a).tex), prec: 4 };
    case 'div':
      return { tex: String.raw`\frac{${r(node.a).tex}}{${r(node.b).tex}}`, prec: 4 };
    case 'mul': {
      const parts = node.factors.map((f) => {
        const x = r(f);
        return wrapIf(x, x.prec < 2 || (x.prec === 2 && f.op !== 'mul'));
      });
      return { tex: parts.join(' '), prec: 2 };
    }
    case 'T':
    case 'inv': {
      // X^{-1} transposed (or the inverse of Xᵀ) is X^{-\top}.
      const other = node.op === 'T' ? 'inv' : 'T';
      if (node.a.op === other) {
        const base = r(node.a.a);
        return { tex: String.raw`${wrapIf(base, base.prec < 4 || !!base.sup)}^{-\top}`, prec: 4, sup: true };
      }
      const a = r(node.a);
      return { tex: `${wrapIf(a, a.prec < 4 || !!a.sup)}${node.op === 'T' ? String.raw`^\top` : '^{-1}'}`, prec: 4, sup: true };
    }
    case 'fn': {
      if (node.fn === 'kron') {
        const [a, b] = [r(node.a), r(node.b!)];
        return { tex: String.raw`${wrapIf(a, a.prec < 4)} \otimes ${wrapIf(b, b.prec < 4)}`, prec: 2 };
      }
      const sup = node.fn === 'sqnorm' || node.fn === 'sqfro';
      return { tex: FN_TEX[node.fn](r(node.a).tex), prec: 4, sup };
    }
    case 'app':
      return { tex: String.raw`${texOf(node.fn)}\left(${r(node.a).tex}\right)`, prec: 4 };
  }
}
