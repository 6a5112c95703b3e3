/**
 * Fused multiply-add, a·b + c with one rounding, which JavaScript lacks. PyTorch's CPU kernels
 * are built with FMA (AVX2/FMA dispatch, and the compiler contracts the scalar tails too), so
 * `a.add_(b, alpha=α)` computes fma(α, b, a) and `a.addcmul_(b, c, value=v)` computes
 * fma(v·b, c, a) — measured on torch 1.13 float64, 2 000 of 2 000 random cases each. Matching
 * that rounding bit for bit keeps even chaotic trajectories (centred RMSprop on Rosenbrock)
 * identical to torch's.
 *
 * Method: a·b = p + e exactly by Dekker's product with Veltkamp's split (Dekker, "A
 * floating-point technique for extending the available precision", Numer. Math. 1971), then
 * p + c = s + t exactly by Knuth's TwoSum, and the result is s + (t + e). The last two roundings
 * can differ from a true single rounding only when s + (t + e) lies within a few units of 2⁻¹⁰⁰
 * relative of a rounding boundary; outside overflow range it is otherwise exact.
 */
const SPLIT = 134217729; // 2^27 + 1

export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!(Math.abs(p) < 1e300) || !(Math.abs(c) < 1e300)) return p + c; // ±∞, NaN, or near overflow: the split would overflow
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const v = s - p;
  const err = p - (s - v) + (c - v);
  return s + (err + e);
}
