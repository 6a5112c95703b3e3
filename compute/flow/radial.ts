/**
 * Radial flow (Rezende & Mohamed 2015, §4.1 and appendix A.2):
 *
 *   f(z) = z + β h(r) (z − z₀),   r = ‖z − z₀‖,   h(r) = 1/(α + r),   α > 0,
 *   log|det J| = (d − 1) log|1 + βh| + log|1 + βh + βh′r|,   h′ = −h²
 *
 * (the last factor simplifies to 1 + βα h²). f moves points along rays from z₀, so with
 * ρ = ‖f(z) − z₀‖ the radius obeys ρ = r (1 + β/(α + r)), increasing in r (hence f invertible)
 * exactly when β ≥ −α. Reparametrisation: β̂ = −α + softplus(β). Inverse: that monotone radius
 * equation is the quadratic r² + (α + β − ρ) r − αρ = 0, whose roots have product −αρ ≤ 0, so
 * exactly one is ≥ 0; it is taken in the cancellation-free form (never a difference of nearly
 * equal terms), accurate to a few ulps, so no iteration is needed (a Newton "polish" on the
 * residual r + βr/(α + r) − ρ, which cancels badly for β ≈ −α, made it worse). Then
 * z = z₀ + (y − z₀) r/ρ.
 */
import { fail } from '../errors';
import type { FlowLayer } from './layer';
import type { RadialJson } from './types';
import { finiteNumber, finiteVector, softplus } from './validate';

/** The radius r ≥ 0 with r + βr/(α + r) = ρ (β ≥ −α, α > 0, ρ ≥ 0). */
export function radialRadius(rho: number, alpha: number, beta: number): number {
  // r = (−B + √(B² + 4αρ))/2 with B = α + β − ρ; for B > 0 the same root as 2αρ/(B + √…).
  const B = alpha + beta - rho;
  const root = Math.sqrt(B * B + 4 * alpha * rho);
  return B <= 0 ? 0.5 * (root - B) : (2 * alpha * rho) / (B + root);
}

export class Radial implements FlowLayer {
  readonly type = 'radial';
  readonly dim: number;
  readonly failureHint = 'the point is too large for this layer (overflow)';
  readonly cost: number;

  constructor(
    readonly z0: Float64Array,
    readonly alpha: number,
    readonly beta: number,
  ) {
    this.dim = z0.length;
    this.cost = 4 * this.dim + 60;
  }

  /** log|det J| at radius r. */
  logDetAt(r: number): number {
    const { alpha, beta, dim } = this;
    const h = 1 / (alpha + r);
    return (dim - 1) * Math.log(Math.abs(1 + beta * h)) + Math.log(Math.abs(1 + beta * alpha * h * h));
  }

  forward(cols: Float64Array[], logDet: Float64Array): void {
    const { z0, alpha, beta, dim } = this;
    for (let k = 0; k < logDet.length; k++) {
      let r2 = 0;
      for (let i = 0; i < dim; i++) {
        const d = cols[i][k] - z0[i];
        r2 += d * d;
      }
      const r = Math.sqrt(r2);
      const bh = beta / (alpha + r);
      for (let i = 0; i < dim; i++) cols[i][k] += bh * (cols[i][k] - z0[i]);
      logDet[k] += this.logDetAt(r);
    }
  }

  inverse(cols: Float64Array[], logDet: Float64Array): void {
    const { z0, alpha, beta, dim } = this;
    for (let k = 0; k < logDet.length; k++) {
      let rho2 = 0;
      for (let i = 0; i < dim; i++) {
        const d = cols[i][k] - z0[i];
        rho2 += d * d;
      }
      const rho = Math.sqrt(rho2);
      const r = radialRadius(rho, alpha, beta);
      const scale = rho === 0 ? 0 : r / rho;
      for (let i = 0; i < dim; i++) cols[i][k] = z0[i] + (cols[i][k] - z0[i]) * scale;
      logDet[k] -= this.logDetAt(r);
    }
  }
}

export function radialFromJson(json: RadialJson, dim: number | undefined, where: string): Radial {
  const z0 = finiteVector(json.z0, `${where}.z0`, dim);
  if (z0.length === 0) fail(`${where}.z0 must not be empty.`, where);
  const alpha = finiteNumber(json.alpha, `${where}.alpha`);
  if (!(alpha > 0)) fail(`${where}.alpha must be positive (it sets the radius scale of h(r) = 1/(α + r)), not ${alpha}.`, where);
  const raw = finiteNumber(json.beta, `${where}.beta`);
  const beta = json.reparametrize === true ? -alpha + softplus(raw) : raw;
  if (beta < -alpha) {
    fail(
      `${where} is not invertible: β = ${beta} < −α = ${-alpha}, so points near z0 are folded through it. Use β ≥ −α, or set "reparametrize": true to use β̂ = −α + softplus(β) (Rezende & Mohamed 2015).`,
      where,
    );
  }
  return new Radial(Float64Array.from(z0), alpha, beta);
}
