/**
 * Discrete Fourier transforms for the FFT convolution path, in float64 with real and imaginary
 * parts in separate arrays.
 *
 * - `fftInPlace`: complex radix-2 Cooley–Tukey, X[k] = Σ_n x[n]·e^{−2πi·kn/N} (unnormalised in
 *   both directions; the inverse uses e^{+2πi·kn/N}), N a power of two.
 * - `RealFft3`: the transform of a real 3-D grid (depth, height, width) as numpy's rfftn does
 *   it: a real FFT along the width, which keeps only bins 0…Nw/2 (the rest are their complex
 *   conjugates), then complex FFTs along height and depth on that half spectrum.
 *
 * A real FFT of even length N runs as one complex FFT of length M = N/2 on z[m] = x[2m] + i·x[2m+1]:
 * with Z = FFT(z), the even and odd samples' spectra are E[k] = (Z[k] + Z̄[M−k])/2 and
 * O[k] = (Z[k] − Z̄[M−k])/(2i), and X[k] = E[k] + e^{−2πik/N}·O[k] for k = 0…M.
 */

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

interface ComplexPlan {
  n: number;
  /**
   * Twiddles stage by stage: for the stage that combines blocks of `half` into blocks of
   * 2·half, cos[half + j] and sin[half + j] are cos and sin of πj/half (j < half), so each
   * stage reads its twiddles contiguously.
   */
  cos: Float64Array;
  sin: Float64Array;
  /** Bit-reversal permutation of 0…n−1. */
  rev: Uint32Array;
}

const plans = new Map<number, ComplexPlan>();

function complexPlan(n: number): ComplexPlan {
  let plan = plans.get(n);
  if (!plan) {
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let half = 1; half < n; half *= 2) {
      for (let j = 0; j < half; j++) {
        cos[half + j] = Math.cos((Math.PI * j) / half);
        sin[half + j] = Math.sin((Math.PI * j) / half);
      }
    }
    const rev = new Uint32Array(n);
    const bits = Math.round(Math.log2(n));
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      rev[i] = r;
    }
    plan = { n, cos, sin, rev };
    plans.set(n, plan);
  }
  return plan;
}

/**
 * In-place complex FFT of re[0…n−1] + i·im[0…n−1], n a power of two. `inverse` flips the sign of
 * the exponent; neither direction divides by n.
 */
export function fftInPlace(re: Float64Array, im: Float64Array, n: number, inverse: boolean): void {
  if (n <= 1) return;
  const { cos, sin, rev } = complexPlan(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  // First stage (size 2) has the twiddle 1: plain sums and differences.
  for (let i = 0; i < n; i += 2) {
    const ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
    re[i] = ar + br; im[i] = ai + bi;
    re[i + 1] = ar - br; im[i + 1] = ai - bi;
  }
  const sign = inverse ? 1 : -1;
  // Later stages: combine pairs of length-`half` transforms with twiddles e^{∓πi·j/half}.
  // Blocks outer, butterflies inner, so each stage sweeps the arrays once, in order.
  for (let half = 2; half < n; half *= 2) {
    const size = 2 * half;
    for (let start = 0; start < n; start += size) {
      for (let j = 0; j < half; j++) {
        const wr = cos[half + j];
        const wi = sign * sin[half + j];
        const i = start + j;
        const k = i + half;
        const tr = wr * re[k] - wi * im[k];
        const ti = wr * im[k] + wi * re[k];
        re[k] = re[i] - tr; im[k] = im[i] - ti;
        re[i] += tr; im[i] += ti;
      }
    }
  }
}

/** cos and sin of 2πk/N for k = 0…N/2, the real-FFT split twiddles. */
const realTwiddles = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function realTwiddle(N: number): { cos: Float64Array; sin: Float64Array } {
  let t = realTwiddles.get(N);
  if (!t) {
    const M = N >> 1;
    const cos = new Float64Array(M + 1);
    const sin = new Float64Array(M + 1);
    for (let k = 0; k <= M; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / N);
      sin[k] = Math.sin((2 * Math.PI * k) / N);
    }
    t = { cos, sin };
    realTwiddles.set(N, t);
  }
  return t;
}

/**
 * Real FFTs of a 3-D grid of size nd × nh × nw (each a power of two, nw ≥ 2), stored row-major.
 * The half spectrum has nd × nh × (nw/2 + 1) complex bins.
 */
export class RealFft3 {
  readonly bins: number;
  readonly size: number;
  private readonly m: number;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly lineRe: Float64Array;
  private readonly lineIm: Float64Array;

  constructor(
    readonly nd: number,
    readonly nh: number,
    readonly nw: number,
  ) {
    this.m = nw >> 1;
    this.bins = this.m + 1;
    this.size = nd * nh * this.bins;
    this.zr = new Float64Array(this.m);
    this.zi = new Float64Array(this.m);
    const longest = Math.max(nd, nh);
    this.lineRe = new Float64Array(longest);
    this.lineIm = new Float64Array(longest);
  }

  /** Spectrum (re, im) of the real grid `x` (length nd·nh·nw). */
  forward(x: Float64Array, re: Float64Array, im: Float64Array): void {
    const { m, bins, zr, zi, nw } = this;
    const { cos, sin } = realTwiddle(nw);
    const rows = this.nd * this.nh;
    for (let r = 0; r < rows; r++) {
      const src = r * nw;
      for (let j = 0; j < m; j++) {
        zr[j] = x[src + 2 * j];
        zi[j] = x[src + 2 * j + 1];
      }
      fftInPlace(zr, zi, m, false);
      const dst = r * bins;
      for (let k = 0; k <= m; k++) {
        const a = zr[k % m], b = zi[k % m];
        const c = zr[(m - k) % m], d = zi[(m - k) % m];
        // E = (Z[k] + conj Z[M−k]) / 2, O = (Z[k] − conj Z[M−k]) / 2i, X = E + e^{−2πik/N}·O.
        const er = 0.5 * (a + c), ei = 0.5 * (b - d);
        const or = 0.5 * (b + d), oi = 0.5 * (c - a);
        re[dst + k] = er + cos[k] * or + sin[k] * oi;
        im[dst + k] = ei + cos[k] * oi - sin[k] * or;
      }
    }
    this.columns(re, im, false);
  }

  /**
   * The real grid whose spectrum is (re, im), times nd·nh·nw (the unnormalised inverse; the
   * caller folds 1/(nd·nh·nw) in elsewhere). Overwrites re and im.
   */
  inverseUnscaled(re: Float64Array, im: Float64Array, x: Float64Array): void {
    this.columns(re, im, true);
    const { m, bins, zr, zi, nw } = this;
    const { cos, sin } = realTwiddle(nw);
    const rows = this.nd * this.nh;
    for (let r = 0; r < rows; r++) {
      const src = r * bins;
      for (let k = 0; k < m; k++) {
        const a = re[src + k], b = im[src + k];
        const c = re[src + m - k], d = im[src + m - k];
        // E = (X[k] + conj X[M−k]), O = (X[k] − conj X[M−k])·e^{+2πik/N}; Z = E + i·O (both ×2,
        // which with the unnormalised length-M inverse makes the row ×N = 2M overall).
        const er = a + c, ei = b - d;
        const dr = a - c, di = b + d;
        const or = dr * cos[k] - di * sin[k];
        const oi = dr * sin[k] + di * cos[k];
        zr[k] = er - oi;
        zi[k] = ei + or;
      }
      fftInPlace(zr, zi, m, true);
      const dst = r * nw;
      for (let j = 0; j < m; j++) {
        x[dst + 2 * j] = zr[j];
        x[dst + 2 * j + 1] = zi[j];
      }
    }
  }

  /** Complex FFTs along height and depth of the half spectrum. */
  private columns(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { nd, nh, bins, lineRe, lineIm } = this;
    if (nh > 1) {
      for (let d = 0; d < nd; d++) {
        for (let k = 0; k < bins; k++) {
          const base = d * nh * bins + k;
          for (let h = 0; h < nh; h++) {
            lineRe[h] = re[base + h * bins];
            lineIm[h] = im[base + h * bins];
          }
          fftInPlace(lineRe, lineIm, nh, inverse);
          for (let h = 0; h < nh; h++) {
            re[base + h * bins] = lineRe[h];
            im[base + h * bins] = lineIm[h];
          }
        }
      }
    }
    if (nd > 1) {
      const stride = nh * bins;
      for (let k = 0; k < stride; k++) {
        for (let d = 0; d < nd; d++) {
          lineRe[d] = re[k + d * stride];
          lineIm[d] = im[k + d * stride];
        }
        fftInPlace(lineRe, lineIm, nd, inverse);
        for (let d = 0; d < nd; d++) {
          re[k + d * stride] = lineRe[d];
          im[k + d * stride] = lineIm[d];
        }
      }
    }
  }
}
