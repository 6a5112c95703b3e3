import type { Rng } from '../random';
import type { Mat } from './matrix';

/**
 * Which way a derivative is laid out (see README "Layout convention").
 * - numerator (the notes' convention): ∂y/∂x for y ∈ ℝᵐ, x ∈ ℝⁿ is m×n, so the derivative of a
 *   scalar by a column vector is a row vector, and ∂f/∂X of a scalar by X ∈ ℝ^{p×q} is q×p;
 * - denominator ("gradient" convention): the transposes, n×m, a column, and p×q like X.
 */
export type Layout = 'numerator' | 'denominator';

export const LAYOUTS: readonly Layout[] = ['numerator', 'denominator'];

/** The claimed derivative in each layout and the independent reference arranged the same way. */
export interface CheckSample {
  claimed: Record<Layout, Mat>;
  reference: Record<Layout, Mat>;
}

/** A numerical check: the function, the claimed derivative, and an independent one to compare. */
export interface IdentityCheck {
  /** Evaluate on random well-conditioned inputs of size n. */
  sample(rng: Rng, n: number): CheckSample;
  /** How the numbers are compared, in words. */
  method: string;
  /** Sizes to check (the identity's own, e.g. 1 is skipped where it degenerates). */
  sizes?: number[];
}

export type IdentityKind = 'scalar-by-vector' | 'vector-by-vector' | 'scalar-by-matrix' | 'vector-by-matrix' | 'ml' | 'rule';

export interface Identity {
  id: string;
  name: string;
  kind: IdentityKind;
  /** Snippet prefix: `deriv-` followed by the id (see README). */
  prefix: string;
  /**
   * TeX per layout, with «n:default» tab stops (see template.ts); equal where the layouts agree.
   */
  template: Record<Layout, string>;
  assumptions: string[];
  /**
   * Python code computing the derivative (NumPy and PyTorch), with «n:default» tab stops. Vectors
   * are 1-D arrays; a gradient has its input's shape and a Jacobian is (output, input), as
   * torch.autograd returns them.
   */
  python: { numpy: string; torch: string };
  /** Where the course notes (section 4) state this identity wrongly: what they say vs the truth. */
  correction?: string;
  check: IdentityCheck;
  /**
   * The declaration the TeX and the check come from (symbols, f as a formula tree, the variable),
   * for independent re-checks such as test/fixtures/check_identity_code.py.
   */
  spec?: unknown;
}
