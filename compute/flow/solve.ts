/**
 * A safeguarded Newton iteration for g(a) = 0 with g increasing on a bracket [lo, hi] where
 * g(lo) ≤ 0 ≤ g(hi): take the Newton step when it stays strictly inside the current bracket,
 * bisect otherwise, and shrink the bracket with the sign of g each time (a "rtsafe"-style
 * hybrid, Press et al., Numerical Recipes §9.4). It always converges, and quadratically near
 * a simple root.
 */
export interface MonotoneFunction {
  /** g(a); also stores g′(a) for `slope` (so tanh etc. are computed once per iterate). */
  value(a: number): number;
  slope(): number;
}

export function solveMonotone(g: MonotoneFunction, lo: number, hi: number, guess: number, maxIterations = 200): number {
  let a = guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
  for (let i = 0; i < maxIterations; i++) {
    const v = g.value(a);
    if (v === 0) return a;
    if (v < 0) lo = a;
    else hi = a;
    const d = g.slope();
    let next = a - v / d;
    if (!(d > 0) || !(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - a) <= 2 * Number.EPSILON * Math.max(1, Math.abs(a)) || hi - lo <= 2 * Number.EPSILON * Math.max(1, Math.abs(a))) return next;
    a = next;
  }
  return a;
}
