/**
 * Scalar-by-vector identities: linear and quadratic forms, norms, least squares (notes §4.2).
 *
 * The notes declare the numerator layout for section 4 but head the §4.2 table "Denominator
 * Convention" and state it in that layout (∂(aᵀx)/∂x = a, a column). Both layouts are given here:
 * numerator ∂f/∂x is a 1×n row, denominator an n×1 column (the gradient). The concrete rows of
 * that table (aᵀx, xᵀx, bᵀAx, xᵀAx, (Ax+b)ᵀC(Dx+e)) are correct in the denominator layout; its
 * rows with functions f, g, u, v are in rules.ts.
 */
import { defineIdentity, greekVector, matrix, scalarSym, vector } from './define';
import { add, div, inv, mul, norm, num, sqnorm, sub, sym, T } from './formula';
import type { Identity } from './types';

const [x, a, b, A, C, D, e, W, lambda, mu, Sigma] = ['x', 'a', 'b', 'A', 'C', 'D', 'e', 'W', 'lambda', 'mu', 'Sigma'].map(sym);
const two = num(2);
const residual = sub(mul(A, x), b);

export const SCALAR_BY_VECTOR_IDENTITIES: Identity[] = [
  defineIdentity({
    id: 'linear-aTx',
    name: 'Gradient of a linear form aᵀx',
    kind: 'scalar-by-vector',
    symbols: { a: vector(1, 'a'), x: vector(2, 'x') },
    f: mul(T(a), x),
    wrt: 'x',
    numerator: T(a),
    denominator: a,
    assumptions: ['a does not depend on x.'],
    correction:
      'Not an error in the notes: they give a (a column), and the §4.2 table that states it is headed "Denominator Convention", where a is right. Only in the numerator layout that the notes declare at the start of section 4 would it be the row aᵀ.',
    python: {
      numpy: '# d(«1:a» @ «2:x»)/d«2:x», shaped like «2:x»\ngrad_«2:x» = «1:a»«0»',
      torch: '# d(«1:a» @ «2:x»)/d«2:x», shaped like «2:x»\ngrad_«2:x» = «1:a».clone()«0»',
    },
  }),
  defineIdentity({
    id: 'linear-xTa',
    name: 'Gradient of a linear form xᵀa',
    kind: 'scalar-by-vector',
    symbols: { x: vector(1, 'x'), a: vector(2, 'a') },
    f: mul(T(x), a),
    wrt: 'x',
    numerator: T(a),
    denominator: a,
    assumptions: ['a does not depend on x; xᵀa = aᵀx.'],
    python: {
      numpy: '# d(«1:x» @ «2:a»)/d«1:x», shaped like «1:x»\ngrad_«1:x» = «2:a»«0»',
      torch: '# d(«1:x» @ «2:a»)/d«1:x», shaped like «1:x»\ngrad_«1:x» = «2:a».clone()«0»',
    },
  }),
  defineIdentity({
    id: 'sq-norm',
    name: 'Gradient of the squared norm ‖x‖² = xᵀx',
    kind: 'scalar-by-vector',
    symbols: { x: vector(1, 'x') },
    f: sqnorm(x),
    wrt: 'x',
    numerator: mul(two, T(x)),
    denominator: mul(two, x),
    assumptions: ['Euclidean norm.'],
    python: {
      numpy: '# d(«1:x» @ «1:x»)/d«1:x»\ngrad_«1:x» = 2 * «1:x»«0»',
      torch: '# d(«1:x» @ «1:x»)/d«1:x»\ngrad_«1:x» = 2 * «1:x»«0»',
    },
  }),
  defineIdentity({
    id: 'norm',
    name: 'Gradient of the Euclidean norm ‖x‖',
    kind: 'scalar-by-vector',
    symbols: { x: vector(1, 'x') },
    f: norm(x),
    wrt: 'x',
    numerator: div(T(x), norm(x)),
    denominator: div(x, norm(x)),
    assumptions: ['x ≠ 0 (‖x‖ is not differentiable at 0).'],
    python: {
      numpy: '# d‖«1:x»‖/d«1:x» (x != 0)\ngrad_«1:x» = «1:x» / np.linalg.norm(«1:x»)«0»',
      torch: '# d‖«1:x»‖/d«1:x» (x != 0)\ngrad_«1:x» = «1:x» / torch.linalg.norm(«1:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'bT-A-x',
    name: 'Gradient of a bilinear form bᵀAx w.r.t. x',
    kind: 'scalar-by-vector',
    symbols: { b: vector(1, 'b', 'm'), A: matrix(2, 'A', 'm', 'n'), x: vector(3, 'x') },
    f: mul(T(b), A, x),
    wrt: 'x',
    numerator: mul(T(b), A),
    denominator: mul(T(A), b),
    assumptions: ['A ∈ ℝ^{m×n} (any shape), b ∈ ℝᵐ, x ∈ ℝⁿ; A and b do not depend on x.'],
    python: {
      numpy: '# d(«1:b» @ «2:A» @ «3:x»)/d«3:x»\ngrad_«3:x» = «2:A».T @ «1:b»«0»',
      torch: '# d(«1:b» @ «2:A» @ «3:x»)/d«3:x»\ngrad_«3:x» = «2:A».T @ «1:b»«0»',
    },
  }),
  defineIdentity({
    id: 'quadratic-form',
    name: 'Gradient of a quadratic form xᵀAx',
    kind: 'scalar-by-vector',
    // ∂(xᵀAx)/∂x_k = Σ_j A_kj x_j + Σ_i x_i A_ik = ((A + Aᵀ)x)_k.
    symbols: { x: vector(1, 'x'), A: matrix(2, 'A', 'n', 'n') },
    f: mul(T(x), A, x),
    wrt: 'x',
    numerator: mul(T(x), add(A, T(A))),
    denominator: mul(add(A, T(A)), x),
    assumptions: ['A is any square matrix; for symmetric A the result is 2Ax (see deriv-quadratic-form-symmetric).'],
    python: {
      numpy: '# d(«1:x» @ «2:A» @ «1:x»)/d«1:x»\ngrad_«1:x» = («2:A» + «2:A».T) @ «1:x»«0»',
      torch: '# d(«1:x» @ «2:A» @ «1:x»)/d«1:x»\ngrad_«1:x» = («2:A» + «2:A».T) @ «1:x»«0»',
    },
  }),
  defineIdentity({
    id: 'quadratic-form-symmetric',
    name: 'Gradient of a quadratic form xᵀAx, A symmetric',
    kind: 'scalar-by-vector',
    symbols: { x: vector(1, 'x'), A: matrix(2, 'A', 'n', 'n', 'symmetric') },
    f: mul(T(x), A, x),
    wrt: 'x',
    numerator: mul(two, T(x), A),
    denominator: mul(two, A, x),
    assumptions: ['A = Aᵀ (otherwise use (A + Aᵀ)x).'],
    python: {
      numpy: '# d(«1:x» @ «2:A» @ «1:x»)/d«1:x», «2:A» symmetric\ngrad_«1:x» = 2 * «2:A» @ «1:x»«0»',
      torch: '# d(«1:x» @ «2:A» @ «1:x»)/d«1:x», «2:A» symmetric\ngrad_«1:x» = 2 * «2:A» @ «1:x»«0»',
    },
  }),
  defineIdentity({
    id: 'quadratic-form-hessian',
    name: 'Hessian of a quadratic form xᵀAx',
    kind: 'scalar-by-vector',
    mode: 'hessian',
    symbols: { x: vector(1, 'x'), A: matrix(2, 'A', 'n', 'n') },
    f: mul(T(x), A, x),
    wrt: 'x',
    numerator: add(A, T(A)),
    assumptions: ['A is any square matrix (2A when symmetric). The Hessian is the same in both layouts.'],
    python: {
      numpy: '# Hessian of «1:x» @ «2:A» @ «1:x»\nhess = «2:A» + «2:A».T«0»',
      torch: '# Hessian of «1:x» @ «2:A» @ «1:x»\nhess = «2:A» + «2:A».T«0»',
    },
  }),
  defineIdentity({
    id: 'affine-quadratic-form',
    name: 'Gradient of (Ax + b)ᵀC(Dx + e)',
    kind: 'scalar-by-vector',
    dims: (n) => ({ n, m: n + 1, k: n + 2 }),
    symbols: {
      A: matrix(1, 'A', 'k', 'n'),
      x: vector(2, 'x'),
      b: vector(3, 'b', 'k'),
      C: matrix(4, 'C', 'k', 'm'),
      D: matrix(5, 'D', 'm', 'n'),
      e: vector(6, 'e', 'm'),
    },
    f: mul(T(add(mul(A, x), b)), C, add(mul(D, x), e)),
    wrt: 'x',
    numerator: add(mul(T(add(mul(A, x), b)), C, D), mul(T(add(mul(D, x), e)), T(C), A)),
    denominator: add(mul(T(D), T(C), add(mul(A, x), b)), mul(T(A), C, add(mul(D, x), e))),
    assumptions: ['A ∈ ℝ^{k×n}, b ∈ ℝᵏ, C ∈ ℝ^{k×m}, D ∈ ℝ^{m×n}, e ∈ ℝᵐ, none depending on x.'],
    python: {
      numpy:
        '# d((«1:A» @ «2:x» + «3:b») @ «4:C» @ («5:D» @ «2:x» + «6:e»))/d«2:x»\ngrad_«2:x» = «5:D».T @ «4:C».T @ («1:A» @ «2:x» + «3:b») + «1:A».T @ «4:C» @ («5:D» @ «2:x» + «6:e»)«0»',
      torch:
        '# d((«1:A» @ «2:x» + «3:b») @ «4:C» @ («5:D» @ «2:x» + «6:e»))/d«2:x»\ngrad_«2:x» = «5:D».T @ «4:C».T @ («1:A» @ «2:x» + «3:b») + «1:A».T @ «4:C» @ («5:D» @ «2:x» + «6:e»)«0»',
    },
  }),
  defineIdentity({
    id: 'least-squares',
    name: 'Gradient of the least-squares objective ‖Ax − b‖²',
    kind: 'scalar-by-vector',
    symbols: { A: matrix(1, 'A', 'm', 'n'), x: vector(2, 'x'), b: vector(3, 'b', 'm') },
    f: sqnorm(residual),
    wrt: 'x',
    numerator: mul(two, T(residual), A),
    denominator: mul(two, T(A), residual),
    assumptions: ['A ∈ ℝ^{m×n} (any shape), b ∈ ℝᵐ. Setting it to 0 gives the normal equations AᵀAx = Aᵀb.'],
    python: {
      numpy: '# d‖«1:A» @ «2:x» - «3:b»‖²/d«2:x»\ngrad_«2:x» = 2 * «1:A».T @ («1:A» @ «2:x» - «3:b»)«0»',
      torch: '# d‖«1:A» @ «2:x» - «3:b»‖²/d«2:x»\ngrad_«2:x» = 2 * «1:A».T @ («1:A» @ «2:x» - «3:b»)«0»',
    },
  }),
  defineIdentity({
    id: 'least-squares-hessian',
    name: 'Hessian of the least-squares objective ‖Ax − b‖²',
    kind: 'scalar-by-vector',
    mode: 'hessian',
    symbols: { A: matrix(1, 'A', 'm', 'n'), x: vector(2, 'x'), b: vector(3, 'b', 'm') },
    f: sqnorm(residual),
    wrt: 'x',
    numerator: mul(two, T(A), A),
    assumptions: ['A ∈ ℝ^{m×n}; positive semi-definite, definite iff A has full column rank. Same in both layouts.'],
    python: {
      numpy: '# Hessian of ‖«1:A» @ x - b‖² w.r.t. x\nhess = 2 * «1:A».T @ «1:A»«0»',
      torch: '# Hessian of ‖«1:A» @ x - b‖² w.r.t. x\nhess = 2 * «1:A».T @ «1:A»«0»',
    },
  }),
  defineIdentity({
    id: 'ridge',
    name: 'Gradient of ridge regression ‖Ax − b‖² + λ‖x‖²',
    kind: 'scalar-by-vector',
    symbols: { A: matrix(1, 'A', 'm', 'n'), x: vector(2, 'x'), b: vector(3, 'b', 'm'), lambda: scalarSym(4, String.raw`\lambda`, 'positive-scalar') },
    f: add(sqnorm(residual), mul(lambda, sqnorm(x))),
    wrt: 'x',
    numerator: add(mul(two, T(residual), A), mul(two, lambda, T(x))),
    denominator: add(mul(two, T(A), residual), mul(two, lambda, x)),
    assumptions: ['λ is a scalar (λ > 0 for ridge). The minimiser solves (AᵀA + λI)x = Aᵀb.'],
    python: {
      numpy: '# d(‖«1:A» @ «2:x» - «3:b»‖² + «4:lam» ‖«2:x»‖²)/d«2:x»\ngrad_«2:x» = 2 * «1:A».T @ («1:A» @ «2:x» - «3:b») + 2 * «4:lam» * «2:x»«0»',
      torch: '# d(‖«1:A» @ «2:x» - «3:b»‖² + «4:lam» ‖«2:x»‖²)/d«2:x»\ngrad_«2:x» = 2 * «1:A».T @ («1:A» @ «2:x» - «3:b») + 2 * «4:lam» * «2:x»«0»',
    },
  }),
  defineIdentity({
    id: 'weighted-least-squares',
    name: 'Gradient of weighted least squares (Ax − b)ᵀW(Ax − b)',
    kind: 'scalar-by-vector',
    symbols: { A: matrix(1, 'A', 'm', 'n'), x: vector(2, 'x'), b: vector(3, 'b', 'm'), W: matrix(4, 'W', 'm', 'm', 'spd') },
    f: mul(T(residual), W, residual),
    wrt: 'x',
    numerator: mul(two, T(residual), W, A),
    denominator: mul(two, T(A), W, residual),
    assumptions: ['W symmetric (e.g. a positive definite weight or inverse covariance); otherwise replace 2W by W + Wᵀ.'],
    python: {
      numpy:
        '# d((«1:A» @ «2:x» - «3:b») @ «4:W» @ («1:A» @ «2:x» - «3:b»))/d«2:x», «4:W» symmetric\ngrad_«2:x» = 2 * «1:A».T @ «4:W» @ («1:A» @ «2:x» - «3:b»)«0»',
      torch:
        '# d((«1:A» @ «2:x» - «3:b») @ «4:W» @ («1:A» @ «2:x» - «3:b»))/d«2:x», «4:W» symmetric\ngrad_«2:x» = 2 * «1:A».T @ «4:W» @ («1:A» @ «2:x» - «3:b»)«0»',
    },
  }),
  defineIdentity({
    id: 'quadratic-objective',
    name: 'Gradient of the quadratic objective ½xᵀAx − bᵀx',
    kind: 'scalar-by-vector',
    symbols: { A: matrix(1, 'A', 'n', 'n', 'symmetric'), x: vector(2, 'x'), b: vector(3, 'b') },
    f: sub(mul(num(0.5), T(x), A, x), mul(T(b), x)),
    wrt: 'x',
    numerator: sub(mul(T(x), A), T(b)),
    denominator: sub(mul(A, x), b),
    assumptions: ['A symmetric. The stationary point solves Ax = b (conjugate gradients, for A positive definite).'],
    python: {
      numpy: '# d(0.5 * x @ «1:A» @ x - «3:b» @ x)/dx, «1:A» symmetric\ngrad_«2:x» = «1:A» @ «2:x» - «3:b»«0»',
      torch: '# d(0.5 * x @ «1:A» @ x - «3:b» @ x)/dx, «1:A» symmetric\ngrad_«2:x» = «1:A» @ «2:x» - «3:b»«0»',
    },
  }),
  defineIdentity({
    id: 'mahalanobis',
    name: 'Gradient of the squared Mahalanobis distance (x − μ)ᵀΣ⁻¹(x − μ)',
    kind: 'scalar-by-vector',
    symbols: { x: vector(1, 'x'), mu: greekVector(2, String.raw`\mu`), Sigma: matrix(3, String.raw`\Sigma`, 'n', 'n', 'spd') },
    f: mul(T(sub(x, mu)), inv(Sigma), sub(x, mu)),
    wrt: 'x',
    numerator: mul(two, T(sub(x, mu)), inv(Sigma)),
    denominator: mul(two, inv(Sigma), sub(x, mu)),
    assumptions: ['Σ symmetric positive definite. W.r.t. μ the sign flips.'],
    python: {
      numpy: '# d((x - «2:mu») @ inv(«3:Sigma») @ (x - «2:mu»))/dx\ngrad_«1:x» = 2 * np.linalg.solve(«3:Sigma», «1:x» - «2:mu»)«0»',
      torch: '# d((x - «2:mu») @ inv(«3:Sigma») @ (x - «2:mu»))/dx\ngrad_«1:x» = 2 * torch.linalg.solve(«3:Sigma», «1:x» - «2:mu»)«0»',
    },
  }),
];
