/** Small dense linear algebra for the checks and the quadratic reference (d ≤ 64). */

/** log|det A| of a d×d row-major matrix by LU with partial pivoting (−∞ when singular). */
export function logAbsDet(matrix: ArrayLike<number>, d: number): number {
  const a = Float64Array.from(matrix);
  let sum = 0;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]) > Math.abs(a[p * d + c])) p = r;
    const pivot = a[p * d + c];
    if (pivot === 0) return -Infinity;
    if (p !== c) for (let k = 0; k < d; k++) [a[c * d + k], a[p * d + k]] = [a[p * d + k], a[c * d + k]];
    sum += Math.log(Math.abs(pivot));
    for (let r = c + 1; r < d; r++) {
      const factor = a[r * d + c] / pivot;
      if (factor !== 0) for (let k = c; k < d; k++) a[r * d + k] -= factor * a[c * d + k];
    }
  }
  return sum;
}

/**
 * Eigen-decomposition of a symmetric d×d matrix by cyclic Jacobi rotations (Golub & Van Loan,
 * Matrix Computations, §8.5): A = V diag(λ) Vᵀ, V's columns the eigenvectors (row-major V).
 */
export function symmetricEigen(matrix: ArrayLike<number>, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        // Rotation angle that zeroes a_pq: t = tan θ, the smaller root of t² + 2τt − 1 = 0.
        const tau = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: v };
}
