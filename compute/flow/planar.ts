/**
 * Planar flow (Rezende & Mohamed 2015, "Variational Inference with Normalizing Flows", §4.1 and
 * appendix A.1):
 *
 *   f(z) = z + u·tanh(wᵀz + b),   log|det J| = log|1 + uᵀψ(z)|,   ψ(z) = (1 − tanh²(wᵀz + b)) w
 *
 * (matrix determinant lemma). Along w the map acts as a ↦ a + (wᵀu) tanh(a + b) with a = wᵀz,
 * which is increasing, hence f invertible, exactly when wᵀu ≥ −1. The reparametrisation
 * û = u + (m(wᵀu) − wᵀu) w/‖w‖², m(x) = −1 + softplus(x), makes wᵀû = m(wᵀu) > −1 always.
 * Inverse: solve a + (wᵀu) tanh(a + b) = wᵀy for a = wᵀz (one monotone 1-D equation, bracketed
 * by wᵀy ± |wᵀu| since |tanh| ≤ 1), then z = y − u tanh(a + b).
 */
import { fail } from '../errors';
import type { FlowLayer } from './layer';
import { solveMonotone, type MonotoneFunction } from './solve';
import type { PlanarJson } from './types';
import { finiteNumber, finiteVector, softplus } from './validate';

/** û for the always-invertible reparametrisation (û = u when w = 0: f is then a translation). */
export function planarReparametrize(u: readonly number[], w: readonly number[]): number[] {
  const wu = dot(w, u);
  const ww = dot(w, w);
  if (ww === 0) return [...u];
  const shift = (-1 + softplus(wu) - wu) / ww;
  return u.map((ui, i) => ui + shift * w[i]);
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);

export class Planar implements FlowLayer {
  readonly type = 'planar';
  readonly dim: number;
  readonly failureHint = 'the point is too large for this layer (overflow)';
  /** wᵀu: the slope factor along w; ≥ −1 for an invertible layer. */
  readonly wu: number;
  private readonly scalar: MonotoneFunction & { target: number };
  /** The inverse's 1-D solve dominates: a few dozen tanh evaluations at most. */
  readonly cost: number;

  constructor(
    readonly u: Float64Array,
    readonly w: Float64Array,
    readonly b: number,
  ) {
    this.dim = u.length;
    this.cost = 4 * this.dim + 300;
    let wu = 0;
    for (let i = 0; i < u.length; i++) wu += w[i] * u[i];
    this.wu = wu;
    // g(a) = a + c tanh(a + b) − target, g′(a) = 1 + c (1 − tanh²(a + b)).
    let slope = 1;
    const scalar = {
      target: 0,
      value(a: number) {
        const th = Math.tanh(a + b);
        slope = 1 + wu * (1 - th * th);
        return a + wu * th - scalar.target;
      },
      slope: () => slope,
    };
    this.scalar = scalar;
  }

  forward(cols: Float64Array[], logDet: Float64Array): void {
    const { u, w, b, wu, dim } = this;
    for (let k = 0; k < logDet.length; k++) {
      let a = b;
      for (let i = 0; i < dim; i++) a += w[i] * cols[i][k];
      const th = Math.tanh(a);
      for (let i = 0; i < dim; i++) cols[i][k] += u[i] * th;
      // uᵀψ = (1 − tanh²)(wᵀu)
      logDet[k] += Math.log(Math.abs(1 + (1 - th * th) * wu));
    }
  }

  inverse(cols: Float64Array[], logDet: Float64Array): void {
    const { u, w, b, wu, dim, scalar } = this;
    const spread = Math.abs(wu);
    for (let k = 0; k < logDet.length; k++) {
      let wy = 0;
      for (let i = 0; i < dim; i++) wy += w[i] * cols[i][k];
      scalar.target = wy;
      // A good first guess: one fixed-point step from a = wᵀy.
      const a = spread === 0 ? wy : solveMonotone(scalar, wy - spread, wy + spread, wy - wu * Math.tanh(wy + b));
      const th = Math.tanh(a + b);
      for (let i = 0; i < dim; i++) cols[i][k] -= u[i] * th;
      logDet[k] -= Math.log(Math.abs(1 + (1 - th * th) * wu));
    }
  }
}

export function planarFromJson(json: PlanarJson, dim: number | undefined, where: string): Planar {
  const u = finiteVector(json.u, `${where}.u`, dim);
  const d = u.length;
  if (d === 0) fail(`${where}.u must not be empty.`, where);
  const w = finiteVector(json.w, `${where}.w`, d);
  const b = finiteNumber(json.b, `${where}.b`);
  const uHat = json.reparametrize === true ? planarReparametrize(u, w) : u;
  const wu = dot(w, uHat);
  if (wu < -1) {
    fail(
      `${where} is not invertible: wᵀu = ${+wu.toPrecision(6)} < −1, so the map folds over along w. Shrink u, flip its sign, or set "reparametrize": true to use û = u + (m(wᵀu) − wᵀu)·w/‖w‖² (Rezende & Mohamed 2015).`,
      where,
    );
  }
  return new Planar(Float64Array.from(uHat), Float64Array.from(w), b);
}
