/**
 * Discrete Fourier transforms for the FFT convolution path, in float64 with real and imaginary
 * parts in separate arrays.
 *
 * - `fftInPlace`: complex Cooley–Tukey, X[k] = Σ_n x[n]·e^{−2πi·kn/N} (unnormalised in both
 *   directions; the inverse uses e^{+2πi·kn/N}), N a power of two: bit reversal, then radix-4
 *   passes (two radix-2 stages in registers; about 10% faster than plain radix-2 here, and
 *   sweeping blocks in order rather than twiddle by twiddle was 3× faster).
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
  const sign = inverse ? 1 : -1;
  // Radix-4 passes below merge two radix-2 stages each; with an odd number of stages, the first
  // (size 2, twiddle 1: plain sums and differences) runs alone, leaving an even number.
  let h = 1;
  if (Math.round(Math.log2(n)) % 2 === 1) {
    for (let i = 0; i < n; i += 2) {
      const ar = re[i],
        ai = im[i],
        br = re[i + 1],
        bi = im[i + 1];
      re[i] = ar + br;
      im[i] = ai + bi;
      re[i + 1] = ar - br;
      im[i + 1] = ai - bi;
    }
    h = 2;
  }
  // Each pass combines four length-h transforms (i0, i1, i2, i3 = i0 + 0, h, 2h, 3h) into one of
  // length 4h: radix-2 stage "h" on (i0, i1) and (i2, i3) with twiddle e^{∓πi·j/h}, then stage
  // "2h" on (i0, i2) and (i1, i3) with e^{∓πi·j/2h} and e^{∓πi·(j+h)/2h}, all in registers.
  for (; 4 * h <= n; h *= 4) {
    const h2 = 2 * h;
    const h3 = 3 * h;
    for (let start = 0; start < n; start += 4 * h) {
      for (let j = 0; j < h; j++) {
        const i0 = start + j,
          i1 = i0 + h,
          i2 = i1 + h,
          i3 = i2 + h;
        const ar = cos[h + j],
          ai = sign * sin[h + j];
        let tr = ar * re[i1] - ai * im[i1];
        let ti = ar * im[i1] + ai * re[i1];
        const x0r = re[i0],
          x0i = im[i0];
        const a0r = x0r + tr,
          a0i = x0i + ti,
          a1r = x0r - tr,
          a1i = x0i - ti;
        tr = ar * re[i3] - ai * im[i3];
        ti = ar * im[i3] + ai * re[i3];
        const x2r = re[i2],
          x2i = im[i2];
        const a2r = x2r + tr,
          a2i = x2i + ti,
          a3r = x2r - tr,
          a3i = x2i - ti;
        const br = cos[h2 + j],
          bi = sign * sin[h2 + j];
        tr = br * a2r - bi * a2i;
        ti = br * a2i + bi * a2r;
        re[i0] = a0r + tr;
        im[i0] = a0i + ti;
        re[i2] = a0r - tr;
        im[i2] = a0i - ti;
        const cr = cos[h3 + j],
          ci = sign * sin[h3 + j];
        tr = cr * a3r - ci * a3i;
        ti = cr * a3i + ci * a3r;
        re[i1] = a1r + tr;
        im[i1] = a1i + ti;
        re[i3] = a1r - tr;
        im[i3] = a1i - ti;
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

  private static readonly cache = new Map<string, RealFft3>();

  /** A (cached) transform for this grid size; its line buffers are reused across calls. */
  static of(nd: number, nh: number, nw: number): RealFft3 {
    const key = `${nd}×${nh}×${nw}`;
    let fft = RealFft3.cache.get(key);
    if (!fft) {
      fft = new RealFft3(nd, nh, nw);
      RealFft3.cache.set(key, fft);
    }
    return fft;
  }

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

  /**
   * Spectrum (re, im) of the real grid `x` (length nd·nh·nw). Rows that are all zero (the
   * zero-filled margin of a grid, most rows of a small kernel's grid) transform to zero and are
   * skipped.
   */
  forward(x: Float64Array, re: Float64Array, im: Float64Array): void {
    const { m, bins, zr, zi, nw } = this;
    const { cos, sin } = realTwiddle(nw);
    const rows = this.nd * this.nh;
    for (let r = 0; r < rows; r++) {
      const src = r * nw;
      const dst = r * bins;
      let nonzero = false;
      for (let j = 0; j < m; j++) {
        const e = x[src + 2 * j],
          o = x[src + 2 * j + 1];
        zr[j] = e;
        zi[j] = o;
        nonzero ||= e !== 0 || o !== 0;
      }
      if (!nonzero) {
        re.fill(0, dst, dst + bins);
        im.fill(0, dst, dst + bins);
        continue;
      }
      fftInPlace(zr, zi, m, false);
      for (let k = 0; k <= m; k++) {
        // Z is periodic with period M: Z[M] = Z[0].
        const p = k === m ? 0 : k;
        const q = k === 0 ? 0 : m - k;
        const a = zr[p],
          b = zi[p];
        const c = zr[q],
          d = zi[q];
        // E = (Z[k] + conj Z[M−k]) / 2, O = (Z[k] − conj Z[M−k]) / 2i, X = E + e^{−2πik/N}·O.
        const er = 0.5 * (a + c),
          ei = 0.5 * (b - d);
        const or = 0.5 * (b + d),
          oi = 0.5 * (c - a);
        re[dst + k] = er + cos[k] * or + sin[k] * oi;
        im[dst + k] = ei + cos[k] * oi - sin[k] * or;
      }
    }
    this.columns(re, im, false);
  }

  /**
   * The real grid whose spectrum is (re, im), times nd·nh·nw (the unnormalised inverse; the
   * caller folds 1/(nd·nh·nw) in elsewhere). Overwrites re and im. With `rows`, only the rows r
   * (of nd·nh) where rows[r] is 1 are written; the others are left as they were.
   */
  inverseUnscaled(re: Float64Array, im: Float64Array, x: Float64Array, rows?: Uint8Array): void {
    this.columns(re, im, true);
    const { m, bins, zr, zi, nw } = this;
    const { cos, sin } = realTwiddle(nw);
    const count = this.nd * this.nh;
    for (let r = 0; r < count; r++) {
      if (rows && !rows[r]) continue;
      const src = r * bins;
      for (let k = 0; k < m; k++) {
        const a = re[src + k],
          b = im[src + k];
        const c = re[src + m - k],
          d = im[src + m - k];
        // E = (X[k] + conj X[M−k]), O = (X[k] − conj X[M−k])·e^{+2πik/N}; Z = E + i·O (both ×2,
        // which with the unnormalised length-M inverse makes the row ×N = 2M overall).
        const er = a + c,
          ei = b - d;
        const dr = a - c,
          di = b + d;
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
