import type { Rng } from '../random';

/** Which way a derivative is laid out (see README "Layout convention"). */
export type Layout = 'numerator' | 'denominator';

/** A numerical check: the function, the claimed derivative, and an independent one to compare. */
export interface IdentityCheck {
  /** Evaluate on random well-conditioned inputs of size n; return claimed and reference derivatives. */
  sample(rng: Rng, n: number): { claimed: Float64Array; reference: Float64Array };
}

export interface Identity {
  id: string;
  name: string;
  /** Snippet prefix: `deriv-` followed by the id (see README). */
  prefix: string;
  /**
   * TeX per layout, with «n:default» tab stops (see template.ts); equal where the layouts agree.
   */
  template: Record<Layout, string>;
  assumptions: string[];
  /** Python code computing the derivative (NumPy and PyTorch), with «n:default» tab stops. */
  python: { numpy: string; torch: string };
  check: IdentityCheck;
}
