/**
 * Affine coupling layer (RealNVP; Dinh, Sohl-Dickstein & Bengio 2017, §3.2–3.3):
 *
 *   y = m⊙x + (1−m)⊙(x⊙exp(s(m⊙x)) + t(m⊙x)).
 *
 * The kept coordinates (m = 1) pass unchanged and are the only inputs of s and t, so the
 * Jacobian is triangular with diagonal 1 (kept) and exp(s_j) (transformed):
 *   log|det J| = Σ_{j: m_j = 0} s_j,
 * and the inverse is closed form: x = m⊙y + (1−m)⊙((y − t)⊙exp(−s)), s and t read from the
 * kept coordinates, which y and x share.
 */
import { ComputeError, fail } from '../errors';
import { compileParsed, parseExpression, type CompiledExpression, type Expr } from '../expr';
import type { FlowLayer } from './layer';
import { mlpForwardBatch, mlpFromJson, mlpScratch, type Mlp } from './mlp';
import type { AffineCouplingJson, CouplingNetJson } from './types';
import { show } from './validate';

/** s or t: one value per transformed coordinate at every point, from the kept columns. */
export interface CouplingNet {
  /** out[p][k] for transformed coordinate p (in index order) and point k < count. */
  evaluate(cols: readonly Float64Array[], out: readonly Float64Array[], count: number): void;
  /** Rough operations per point. */
  readonly cost: number;
}

/** Variable indices an expression reads. */
function usedVariables(e: Expr, into = new Set<number>()): Set<number> {
  switch (e.kind) {
    case 'var':
      into.add(e.index);
      break;
    case 'neg':
      usedVariables(e.arg, into);
      break;
    case 'binary':
      usedVariables(e.left, into);
      usedVariables(e.right, into);
      break;
    case 'call':
      for (const a of e.args) usedVariables(a, into);
      break;
    case 'num':
      break; // a constant reads no variable
  }
  return into;
}

/** Compile s or t for one transformed coordinate; reject reads of transformed coordinates. */
function compileNetExpression(source: string | number, mask: readonly number[], where: string): CompiledExpression {
  const variables = mask.map((_, i) => `x${i}`);
  const text = typeof source === 'number' ? String(source) : source;
  if (typeof text !== 'string') fail(`${where} must be an expression string, a number, a list of them, or {"mlp": {…}}.`, where);
  let parsed;
  try {
    parsed = parseExpression(text, variables);
  } catch (e) {
    if (e instanceof ComputeError) throw new ComputeError(`${where}: ${e.message}`, e.where ?? where);
    throw e;
  }
  const kept = variables.filter((_, i) => mask[i] === 1);
  for (const index of usedVariables(parsed.body)) {
    if (mask[index] === 0) {
      fail(
        `${where} uses x${index}, which this layer transforms (mask[${index}] = 0); s and t may read only the kept coordinates (${kept.join(', ')}), otherwise the layer has no closed-form inverse or triangular Jacobian.`,
        where,
      );
    }
  }
  return compileParsed(parsed.body, variables, parsed.text);
}

class ExpressionNet implements CouplingNet {
  /** Distinct compiled expressions and, per transformed coordinate, which one it uses. */
  private readonly unique: CompiledExpression[];
  private readonly which: number[];
  private buffers: Float64Array[] = [];
  readonly cost: number;

  constructor(exprs: CompiledExpression[]) {
    this.unique = [...new Set(exprs)];
    this.which = exprs.map((e) => this.unique.indexOf(e));
    this.cost = this.unique.reduce((sum, e) => sum + e.tape.length, 0);
  }

  evaluate(cols: readonly Float64Array[], out: readonly Float64Array[], count: number): void {
    if (this.unique.length === out.length) {
      for (let p = 0; p < out.length; p++) this.unique[this.which[p]].evaluateMany(cols, out[p]);
      return;
    }
    // One expression shared by several coordinates: evaluate once, copy.
    if (this.buffers[0]?.length !== count) this.buffers = this.unique.map(() => new Float64Array(count));
    this.unique.forEach((e, u) => e.evaluateMany(cols, this.buffers[u]));
    for (let p = 0; p < out.length; p++) out[p].set(this.buffers[this.which[p]]);
  }
}

class MlpNet implements CouplingNet {
  private readonly scratch: Float64Array;
  readonly cost: number;

  constructor(
    readonly mlp: Mlp,
    private readonly kept: number[],
  ) {
    this.scratch = mlpScratch(mlp);
    this.cost = mlp.hidden * (2 * (mlp.inputs + mlp.outputs) + 20);
  }

  evaluate(cols: readonly Float64Array[], out: readonly Float64Array[], count: number): void {
    mlpForwardBatch(
      this.mlp,
      this.kept.map((j) => cols[j]),
      out,
      count,
      this.scratch,
    );
  }
}

function couplingNet(json: CouplingNetJson | undefined, mask: readonly number[], where: string): CouplingNet {
  const kept = mask.flatMap((m, i) => (m === 1 ? [i] : []));
  const transformed = mask.length - kept.length;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    if (!('mlp' in json)) fail(`${where} must be an expression string, a number, a list of them, or {"mlp": {…}}.`, where);
    return new MlpNet(mlpFromJson(json.mlp, kept.length, transformed, where), kept);
  }
  if (Array.isArray(json)) {
    if (json.length !== transformed) {
      fail(
        `${where} lists ${json.length} expression${json.length === 1 ? '' : 's'}, but the mask transforms ${transformed} coordinate${transformed === 1 ? '' : 's'}; give one per transformed coordinate, or a single expression for all.`,
        where,
      );
    }
    return new ExpressionNet(json.map((src, p) => compileNetExpression(src, mask, `${where}[${p}]`)));
  }
  const shared = compileNetExpression(json ?? 0, mask, where);
  return new ExpressionNet(new Array(transformed).fill(shared));
}

/** Check a coupling mask: `dim` entries, each 0 or 1, at least one of each. */
export function checkMask(mask: unknown, dim: number | undefined, where: string): number[] {
  if (!Array.isArray(mask) || mask.length === 0) fail(`${where}.mask must be a list of 0s and 1s, one per coordinate.`, where);
  if (dim !== undefined && mask.length !== dim) fail(`${where}.mask has ${mask.length} entries but the flow is ${dim}-dimensional.`, where);
  mask.forEach((m, i) => {
    if (m !== 0 && m !== 1) fail(`${where}.mask[${i}] is ${show(m)}; a mask entry is 1 (keep the coordinate) or 0 (transform it).`, where);
  });
  if (mask.every((m) => m === 1)) fail(`${where}.mask is all ones, so the layer would change nothing; put a 0 at each coordinate to transform.`, where);
  if (mask.every((m) => m === 0)) fail(`${where}.mask is all zeros, so s and t would have no inputs; put a 1 at each coordinate to keep.`, where);
  return mask as number[];
}

export class AffineCoupling implements FlowLayer {
  readonly type = 'affine_coupling';
  readonly dim: number;
  readonly failureHint = 'exp(s) overflowed, or s or t is undefined there (a log or sqrt of a negative number, a division by zero)';
  /** Indices of the transformed coordinates (mask 0). */
  readonly transformed: number[];
  private sBuf: Float64Array[] = [];
  private tBuf: Float64Array[] = [];

  readonly cost: number;

  constructor(
    readonly mask: number[],
    readonly s: CouplingNet,
    readonly t: CouplingNet,
  ) {
    this.dim = mask.length;
    this.transformed = mask.flatMap((m, i) => (m === 0 ? [i] : []));
    this.cost = s.cost + t.cost + 30 * this.transformed.length;
  }

  /** s and t at every point (they read only kept columns, which the layer leaves unchanged). */
  private evaluate(cols: Float64Array[], count: number): void {
    if (this.sBuf[0]?.length !== count) {
      this.sBuf = this.transformed.map(() => new Float64Array(count));
      this.tBuf = this.transformed.map(() => new Float64Array(count));
    }
    this.s.evaluate(cols, this.sBuf, count);
    this.t.evaluate(cols, this.tBuf, count);
  }

  forward(cols: Float64Array[], logDet: Float64Array): void {
    const count = logDet.length;
    this.evaluate(cols, count);
    this.transformed.forEach((j, p) => {
      const x = cols[j];
      const s = this.sBuf[p];
      const t = this.tBuf[p];
      for (let k = 0; k < count; k++) {
        x[k] = x[k] * Math.exp(s[k]) + t[k];
        logDet[k] += s[k];
      }
    });
  }

  inverse(cols: Float64Array[], logDet: Float64Array): void {
    const count = logDet.length;
    this.evaluate(cols, count);
    this.transformed.forEach((j, p) => {
      const y = cols[j];
      const s = this.sBuf[p];
      const t = this.tBuf[p];
      for (let k = 0; k < count; k++) {
        y[k] = (y[k] - t[k]) * Math.exp(-s[k]);
        logDet[k] -= s[k];
      }
    });
  }
}

export function affineCouplingFromJson(json: AffineCouplingJson, dim: number | undefined, where: string): AffineCoupling {
  const mask = checkMask(json.mask, dim, where);
  return new AffineCoupling(mask, couplingNet(json.s, mask, `${where}.s`), couplingNet(json.t, mask, `${where}.t`));
}
