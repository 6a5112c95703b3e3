/**
 * Vector-by-matrix derivatives and matrix differentials (notes §4.5, "generalised gradient").
 *
 * The derivative of a vector (or matrix) by a matrix is a 3- (or 4-) index object with no
 * layout-free matrix form. Two honest ways to write it: by vec, ∂y/∂vec(X) with vec stacking
 * columns (an ordinary Jacobian, numerator layout m × mn); or as a differential, d(X⁻¹) =
 * −X⁻¹ dX X⁻¹, which holds for every direction dX (checked along random dX). A scalar
 * contraction such as aᵀX⁻¹b turns it back into a scalar-by-matrix derivative.
 */
import { defineIdentity, matrix, vector, type SymbolSpec } from './define';
import { add, detOf, inv, kronOf, logdetOf, mul, neg, sym, T, tr, vecOf } from './formula';
import type { Identity } from './types';

const [X, A, B, a, b, dX, Im, In] = ['X', 'A', 'B', 'a', 'b', 'dX', 'Im', 'In'].map(sym);
const LAYOUT = 'Numerator layout: q×p for X ∈ ℝ^{p×q}; denominator (gradient) layout: p×q, shaped like X.';
const VEC =
  'vec(X) stacks the columns of X ∈ ℝ^{m×n} into ℝ^{mn} (NumPy: X.reshape(-1, order="F")). Numerator layout: rows index the output; denominator: the transpose.';
const square = (n: number) => ({ n, m: n, k: n + 1 });
const eye = (dim: string): SymbolSpec => ({ tex: `I_{${dim}}`, shape: [dim, dim], gen: 'identity' });
const differential = (stop: number): SymbolSpec => ({ tex: String.raw`\mathrm{d}«${stop}:X»`, shape: ['m', 'n'], gen: 'normal' });

export const DIFFERENTIAL_IDENTITIES: Identity[] = [
  defineIdentity({
    id: 'vec-Xa',
    name: 'Derivative of Xa w.r.t. vec(X)',
    kind: 'vector-by-matrix',
    mode: 'vec',
    symbols: { X: matrix(1, 'X', 'm', 'n'), a: vector(2, 'a'), Im: eye('m') },
    f: mul(X, a),
    wrt: 'X',
    numerator: kronOf(T(a), Im),
    denominator: kronOf(a, Im),
    assumptions: ['X ∈ ℝ^{m×n}, a ∈ ℝⁿ; Xa = (aᵀ ⊗ I_m) vec(X). Entry-wise: ∂(Xa)ᵢ/∂X_kl = δᵢₖ a_l.', VEC],
    correction:
      'The notes give ∂(Xa)/∂X = Xᵀ, which cannot be right (Xa is linear in X, so its derivative does not depend on X). It is ∂(Xa)ᵢ/∂X_kl = δᵢₖ a_l, i.e. aᵀ ⊗ I_m w.r.t. vec(X); contracted with c: ∂(cᵀXa)/∂X = c aᵀ (denominator).',
    python: {
      numpy: '# d(«1:X» @ «2:a»)/d vec(«1:X») (columns stacked), shape (m, m*n)\njac = np.kron(«2:a»[None, :], np.eye(«1:X».shape[0]))«0»',
      torch:
        '# d(«1:X» @ «2:a»)/d vec(«1:X») (columns stacked), shape (m, m*n)\njac = torch.kron(«2:a»[None, :], torch.eye(«1:X».shape[0], dtype=«2:a».dtype))«0»',
    },
  }),
  defineIdentity({
    id: 'vec-XTa',
    name: 'Derivative of Xᵀa w.r.t. vec(X)',
    kind: 'vector-by-matrix',
    mode: 'vec',
    symbols: { X: matrix(1, 'X', 'm', 'n'), a: vector(2, 'a', 'm'), In: eye('n') },
    f: mul(T(X), a),
    wrt: 'X',
    numerator: kronOf(In, T(a)),
    denominator: kronOf(In, a),
    assumptions: ['X ∈ ℝ^{m×n}, a ∈ ℝᵐ; Xᵀa = (I_n ⊗ aᵀ) vec(X).', VEC],
    python: {
      numpy: '# d(«1:X».T @ «2:a»)/d vec(«1:X») (columns stacked), shape (n, m*n)\njac = np.kron(np.eye(«1:X».shape[1]), «2:a»[None, :])«0»',
      torch:
        '# d(«1:X».T @ «2:a»)/d vec(«1:X») (columns stacked), shape (n, m*n)\njac = torch.kron(torch.eye(«1:X».shape[1], dtype=«2:a».dtype), «2:a»[None, :])«0»',
    },
  }),
  defineIdentity({
    id: 'vec-AXB',
    name: 'Derivative of vec(AXB) w.r.t. vec(X)',
    kind: 'vector-by-matrix',
    mode: 'vec',
    symbols: { A: matrix(1, 'A', 'k', 'm'), X: matrix(2, 'X', 'm', 'n'), B: matrix(3, 'B', 'n', 'k') },
    f: vecOf(mul(A, X, B)),
    wrt: 'X',
    numerator: kronOf(T(B), A),
    denominator: kronOf(B, T(A)),
    assumptions: ['A ∈ ℝ^{k×m}, X ∈ ℝ^{m×n}, B ∈ ℝ^{n×k}; vec(AXB) = (Bᵀ ⊗ A) vec(X).', VEC],
    python: {
      numpy: '# d vec(«1:A» @ «2:X» @ «3:B»)/d vec(«2:X») (columns stacked)\njac = np.kron(«3:B».T, «1:A»)«0»',
      torch:
        '# d vec(«1:A» @ «2:X» @ «3:B»)/d vec(«2:X») (columns stacked)\n# (clone: torch 1.13 kron rejects the strides of a transposed 1-row matrix)\njac = torch.kron(«3:B».T.clone(memory_format=torch.contiguous_format), «1:A»)«0»',
    },
  }),
  defineIdentity({
    id: 'diff-inverse',
    name: 'Differential of the inverse d(X⁻¹)',
    kind: 'vector-by-matrix',
    mode: 'differential',
    dims: square,
    symbols: { X: matrix(1, 'X', 'n', 'n', 'near-identity'), dX: differential(1) },
    f: inv(X),
    wrt: 'X',
    numerator: neg(mul(inv(X), dX, inv(X))),
    assumptions: ['X invertible; holds for every direction dX (checked along random ones). Layout-free. Entry-wise: ∂(X⁻¹)ᵢⱼ/∂X_kl = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ.'],
    python: {
      numpy: '# d(inv(«1:X»)) along the direction «2:dX»\nXi = np.linalg.inv(«1:X»)\nd_inv = -Xi @ «2:dX» @ Xi«0»',
      torch: '# d(inv(«1:X»)) along the direction «2:dX»\nXi = torch.linalg.inv(«1:X»)\nd_inv = -Xi @ «2:dX» @ Xi«0»',
    },
  }),
  defineIdentity({
    id: 'aT-Xinv-b',
    name: 'Derivative of aᵀX⁻¹b w.r.t. X',
    kind: 'scalar-by-matrix',
    dims: square,
    symbols: { a: vector(1, 'a'), X: matrix(2, 'X', 'n', 'n', 'near-identity'), b: vector(3, 'b') },
    f: mul(T(a), inv(X), b),
    wrt: 'X',
    numerator: neg(mul(inv(X), b, T(a), inv(X))),
    denominator: neg(mul(T(inv(X)), a, T(b), T(inv(X)))),
    assumptions: ['X invertible; the scalar form of d(X⁻¹) = −X⁻¹ dX X⁻¹.', LAYOUT],
    python: {
      numpy: '# d(«1:a» @ inv(«2:X») @ «3:b»)/d«2:X», shaped like «2:X»\nXi = np.linalg.inv(«2:X»)\ngrad_«2:X» = -np.outer(Xi.T @ «1:a», Xi @ «3:b»)«0»',
      torch: '# d(«1:a» @ inv(«2:X») @ «3:b»)/d«2:X», shaped like «2:X»\nXi = torch.linalg.inv(«2:X»)\ngrad_«2:X» = -torch.outer(Xi.T @ «1:a», Xi @ «3:b»)«0»',
    },
  }),
  defineIdentity({
    id: 'diff-logdet',
    name: 'Differential of log det X',
    kind: 'vector-by-matrix',
    mode: 'differential',
    dims: square,
    symbols: { X: matrix(1, 'X', 'n', 'n', 'near-identity'), dX: differential(1) },
    f: logdetOf(X),
    wrt: 'X',
    numerator: tr(mul(inv(X), dX)),
    assumptions: ['det X > 0; for every direction dX. Reading off df = tr(G dX) gives the numerator-layout derivative G = X⁻¹.'],
    python: {
      numpy: '# d log det(«1:X») along the direction «2:dX»\nd_logdet = np.trace(np.linalg.solve(«1:X», «2:dX»))«0»',
      torch: '# d log det(«1:X») along the direction «2:dX»\nd_logdet = torch.trace(torch.linalg.solve(«1:X», «2:dX»))«0»',
    },
  }),
  defineIdentity({
    id: 'diff-det',
    name: 'Differential of det X (Jacobi’s formula)',
    kind: 'vector-by-matrix',
    mode: 'differential',
    dims: square,
    symbols: { X: matrix(1, 'X', 'n', 'n', 'near-identity'), dX: differential(1) },
    f: detOf(X),
    wrt: 'X',
    numerator: mul(detOf(X), tr(mul(inv(X), dX))),
    assumptions: ['X invertible; for every direction dX.'],
    python: {
      numpy: '# d det(«1:X») along the direction «2:dX»\nd_det = np.linalg.det(«1:X») * np.trace(np.linalg.solve(«1:X», «2:dX»))«0»',
      torch: '# d det(«1:X») along the direction «2:dX»\nd_det = torch.linalg.det(«1:X») * torch.trace(torch.linalg.solve(«1:X», «2:dX»))«0»',
    },
  }),
  defineIdentity({
    id: 'diff-XTX',
    name: 'Differential of the Gram matrix XᵀX',
    kind: 'vector-by-matrix',
    mode: 'differential',
    symbols: { X: matrix(1, 'X', 'm', 'n'), dX: differential(1) },
    f: mul(T(X), X),
    wrt: 'X',
    numerator: add(mul(T(dX), X), mul(T(X), dX)),
    assumptions: ['X ∈ ℝ^{m×n}; for every direction dX. The product rule d(UV) = dU V + U dV, order kept.'],
    python: {
      numpy: '# d(«1:X».T @ «1:X») along the direction «2:dX»\nd_gram = «2:dX».T @ «1:X» + «1:X».T @ «2:dX»«0»',
      torch: '# d(«1:X».T @ «1:X») along the direction «2:dX»\nd_gram = «2:dX».T @ «1:X» + «1:X».T @ «2:dX»«0»',
    },
  }),
];
