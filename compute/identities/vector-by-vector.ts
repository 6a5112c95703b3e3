/**
 * Vector-by-vector identities (notes §4.3, stated there in numerator layout): Jacobians of linear,
 * elementwise and normalising maps. For y ∈ ℝᵐ and x ∈ ℝⁿ the numerator-layout ∂y/∂x is m×n
 * (row i is the gradient of yᵢ); the denominator layout is its n×m transpose.
 *
 * The concrete rows of §4.3 (∂a/∂x = 0, ∂x/∂x = I, ∂(Ax)/∂x = A, ∂(xᵀA)/∂x = Aᵀ,
 * ∂(x ⊙ a)/∂x = diag(a)) are right in the numerator layout; the notes' section header, however,
 * says ∂f/∂x ∈ ℝ^{n×m} for f: ℝⁿ → ℝᵐ, which is the denominator shape (see rules.ts).
 */
import { defineIdentity, matrix, vector } from './define';
import { add, diagOf, div, exp, group, had, inv, log, mul, norm, sub, sym, T } from './formula';
import { mat } from './matrix';
import type { Identity } from './types';

const [x, a, A, I] = ['x', 'a', 'A', 'I'].map(sym);
const identitySym = { tex: 'I', shape: ['n', 'n'] as ['n', 'n'], gen: 'identity' as const };

export const VECTOR_BY_VECTOR_IDENTITIES: Identity[] = [
  defineIdentity({
    id: 'linear-map',
    name: 'Jacobian of a linear map Ax',
    kind: 'vector-by-vector',
    symbols: { A: matrix(1, 'A', 'm', 'n'), x: vector(2, 'x') },
    f: mul(A, x),
    wrt: 'x',
    numerator: A,
    denominator: T(A),
    assumptions: ['A ∈ ℝ^{m×n} does not depend on x. Adding a constant b (affine map Ax + b) changes nothing.'],
    python: {
      numpy: '# Jacobian of «1:A» @ «2:x» w.r.t. «2:x», shape (m, n)\njac = «1:A»«0»',
      torch: '# Jacobian of «1:A» @ «2:x» w.r.t. «2:x», shape (m, n)\njac = «1:A».clone()«0»',
    },
  }),
  defineIdentity({
    id: 'xT-A',
    name: 'Jacobian of a row-vector map xᵀA',
    kind: 'vector-by-vector',
    symbols: { x: vector(1, 'x'), A: matrix(2, 'A', 'n', 'm') },
    f: mul(T(x), A),
    wrt: 'x',
    numerator: T(A),
    denominator: A,
    assumptions: ['A ∈ ℝ^{n×m}; xᵀA ∈ ℝ^{1×m} is treated as the vector Aᵀx.'],
    python: {
      numpy: '# Jacobian of «1:x» @ «2:A» w.r.t. «1:x», shape (m, n)\njac = «2:A».T«0»',
      torch: '# Jacobian of «1:x» @ «2:A» w.r.t. «1:x», shape (m, n)\njac = «2:A».T«0»',
    },
  }),
  defineIdentity({
    id: 'identity-map',
    name: 'Jacobian of the identity map x',
    kind: 'vector-by-vector',
    symbols: { x: vector(1, 'x'), I: identitySym },
    f: x,
    wrt: 'x',
    numerator: I,
    assumptions: ['I is the n×n identity, in both layouts.'],
    python: {
      numpy: '# Jacobian of «1:x» w.r.t. itself\njac = np.eye(«1:x».shape[0])«0»',
      torch: '# Jacobian of «1:x» w.r.t. itself\njac = torch.eye(«1:x».shape[0], dtype=«1:x».dtype)«0»',
    },
  }),
  defineIdentity({
    id: 'constant',
    name: 'Jacobian of a constant vector a',
    kind: 'vector-by-vector',
    symbols: {
      x: vector(1, 'x'),
      a: vector(2, 'a', 'm'),
      // The zero matrix: m×n in the numerator layout, n×m in the denominator layout.
      zero: {
        tex: String.raw`\mathbf{0}`,
        value: (ctx) => (ctx.layout === 'numerator' ? mat(ctx.value('a').rows, ctx.value('x').rows) : mat(ctx.value('x').rows, ctx.value('a').rows)),
      },
    },
    f: a,
    wrt: 'x',
    numerator: sym('zero'),
    assumptions: ['a ∈ ℝᵐ does not depend on x; 0 is m×n (numerator) or n×m (denominator).'],
    python: {
      numpy: '# Jacobian of a constant «2:a» w.r.t. «1:x»\njac = np.zeros((«2:a».shape[0], «1:x».shape[0]))«0»',
      torch: '# Jacobian of a constant «2:a» w.r.t. «1:x»\njac = torch.zeros(«2:a».shape[0], «1:x».shape[0], dtype=«1:x».dtype)«0»',
    },
  }),
  defineIdentity({
    id: 'hadamard',
    name: 'Jacobian of an elementwise product x ⊙ a',
    kind: 'vector-by-vector',
    symbols: { x: vector(1, 'x'), a: vector(2, 'a') },
    f: had(x, a),
    wrt: 'x',
    numerator: diagOf(a),
    assumptions: ['a does not depend on x; diagonal, so the same in both layouts.'],
    python: {
      numpy: '# Jacobian of «1:x» * «2:a» w.r.t. «1:x»\njac = np.diag(«2:a»)«0»',
      torch: '# Jacobian of «1:x» * «2:a» w.r.t. «1:x»\njac = torch.diag(«2:a»)«0»',
    },
  }),
  defineIdentity({
    id: 'exp',
    name: 'Jacobian of the elementwise exponential exp(x)',
    kind: 'vector-by-vector',
    symbols: { x: vector(1, 'x') },
    f: exp(x),
    wrt: 'x',
    numerator: diagOf(exp(x)),
    assumptions: ['exp applies elementwise; diagonal, so the same in both layouts.'],
    python: {
      numpy: '# Jacobian of np.exp(«1:x»)\njac = np.diag(np.exp(«1:x»))«0»',
      torch: '# Jacobian of torch.exp(«1:x»)\njac = torch.diag(torch.exp(«1:x»))«0»',
    },
  }),
  defineIdentity({
    id: 'log',
    name: 'Jacobian of the elementwise logarithm log(x)',
    kind: 'vector-by-vector',
    symbols: { x: vector(1, 'x', 'n', 'positive') },
    f: log(x),
    wrt: 'x',
    numerator: inv(diagOf(x)),
    assumptions: ['x > 0 elementwise; diag(1/x), the same in both layouts.'],
    python: {
      numpy: '# Jacobian of np.log(«1:x»)\njac = np.diag(1 / «1:x»)«0»',
      torch: '# Jacobian of torch.log(«1:x»)\njac = torch.diag(1 / «1:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'normalize',
    name: 'Jacobian of the normalisation x/‖x‖',
    kind: 'vector-by-vector',
    symbols: { x: vector(1, 'x'), I: identitySym, u: { tex: String.raw`\hat{\mathbf{«1:x»}}`, def: div(x, norm(x)) } },
    f: div(x, norm(x)),
    wrt: 'x',
    numerator: div(sub(I, mul(sym('u'), T(sym('u')))), norm(x)),
    where: ['u'],
    assumptions: ['x ≠ 0. Symmetric, so the same in both layouts; x̂ is in its null space (scaling x does not move x/‖x‖).'],
    python: {
      numpy: '# Jacobian of «1:x» / ‖«1:x»‖\nr = np.linalg.norm(«1:x»)\nu = «1:x» / r\njac = (np.eye(«1:x».shape[0]) - np.outer(u, u)) / r«0»',
      torch:
        '# Jacobian of «1:x» / ‖«1:x»‖\nr = torch.linalg.norm(«1:x»)\nu = «1:x» / r\njac = (torch.eye(«1:x».shape[0], dtype=«1:x».dtype) - torch.outer(u, u)) / r«0»',
    },
  }),
  defineIdentity({
    id: 'scaled-by-linear',
    name: 'Jacobian of (aᵀx) x',
    kind: 'vector-by-vector',
    symbols: { a: vector(1, 'a'), x: vector(2, 'x'), I: identitySym },
    f: mul(group(mul(T(a), x)), x),
    wrt: 'x',
    numerator: add(mul(x, T(a)), mul(group(mul(T(a), x)), I)),
    denominator: add(mul(a, T(x)), mul(group(mul(T(a), x)), I)),
    assumptions: ['a does not depend on x. An instance of the product rule ∂(u f)/∂x = u J_f + f ∂u/∂x.'],
    python: {
      numpy: '# Jacobian of («1:a» @ «2:x») * «2:x», shape (n, n)\njac = np.outer(«2:x», «1:a») + («1:a» @ «2:x») * np.eye(«2:x».shape[0])«0»',
      torch:
        '# Jacobian of («1:a» @ «2:x») * «2:x», shape (n, n)\njac = torch.outer(«2:x», «1:a») + («1:a» @ «2:x») * torch.eye(«2:x».shape[0], dtype=«2:x».dtype)«0»',
    },
  }),
];
