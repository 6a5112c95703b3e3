/** Contour levels for objectives that span decades: log-spaced above the minimum. Pure. */

/**
 * `count` levels between the smallest and largest finite values, spaced evenly in log(f − min + δ)
 * so both the valley floor and the walls get lines (δ: a small fraction of the range).
 */
export function logLevels(values: ArrayLike<number>, count = 16): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo] : [];
  const delta = Math.max((hi - lo) * 1e-4, Number.MIN_VALUE);
  const a = Math.log(delta);
  const b = Math.log(hi - lo + delta);
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) levels.push(lo + Math.exp(a + ((b - a) * k) / (count + 1)) - delta);
  return levels;
}

/** Log-axis domain for positive series: [min, max] of the finite positive values, padded to decades when flat. */
export function logDomain(series: ArrayLike<number>[], floor = 1e-300): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (!(v > floor) || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return [1e-3, 1];
  if (hi / lo < 10) return [lo / 3, hi * 3];
  return [lo, hi];
}
