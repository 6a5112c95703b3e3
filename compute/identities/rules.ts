/**
 * Rules: product and chain rules with functions f, g, u, v of x (notes §4.2 and §4.3).
 *
 * Each rule is checked on concrete smooth instances (f(x) = tanh(Bx), g(x) = σ(Cx), … with random
 * hidden B, C): the left-hand side is differentiated by central differences, and the Jacobians on
 * the right are themselves central-difference Jacobians of the pieces at the right points.
 *
 * Notation. J_f is the m×n Jacobian (J_f)ᵢⱼ = ∂fᵢ/∂xⱼ in both layouts (the numerator-layout ∂f/∂x).
 * A fraction ∂f/∂x means the derivative in the layout of the formula: in the numerator layout it
 * is J_f; in the denominator layout J_fᵀ. So the same TeX can be right in both layouts (product
 * rule of scalars) while the chain rule reverses its order.
 *
 * The notes' section header defines the numerator layout as (∂f/∂x)ᵢⱼ = ∂fᵢ/∂xⱼ but then says
 * ∂f/∂x ∈ ℝ^{n×m} (it is m×n), and the denominator-layout remark writes (J_f)ᵢⱼ = ∂fᵢ/∂xᵢ (it is
 * ∂fⱼ/∂xᵢ, n×m).
 */
import { defineIdentity, hidden, jacobianOf, matrix, scalarSym, vector, type SymbolSpec } from './define';
import { add, app, exp, lse, mul, num, sigma, sqfro, sqnorm, sym, T, tanh } from './formula';
import { transpose } from './matrix';
import type { Identity } from './types';

const [x, a, A, X, B, Jf, Jg, dudx, dvdx, dudv, dfdg, dgdh, dhdx, dgdx, dldy, dldY, gradl] = [
  'x',
  'a',
  'A',
  'X',
  'B',
  'Jf',
  'Jg',
  'dudx',
  'dvdx',
  'dudv',
  'dfdg',
  'dgdh',
  'dhdx',
  'dgdx',
  'dldy',
  'dldY',
  'gradl',
].map(sym);
const $ = sym('$');
const two = num(2);
const bx = (tex: string) => String.raw`\mathbf{${tex}}`;
const frac = (top: string, bottom: string) => String.raw`\frac{\partial ${top}}{\partial ${bottom}}`;
const JACOBIANS = 'J_f is the m×n Jacobian (J_f)ᵢⱼ = ∂fᵢ/∂xⱼ in both layouts (the numerator-layout ∂f/∂x).';
const FRACTIONS = 'Each ∂·/∂· is taken in the formula’s layout (numerator: ∂y/∂x is m×n for y ∈ ℝᵐ, x ∈ ℝⁿ; denominator: n×m).';

/** Concrete smooth test functions, with hidden random parameters. */
const fSym = (stop: number, body = tanh(mul(sym('Bf'), $))): SymbolSpec => ({ tex: bx(`«${stop}:f»`), body });
const gSym = (stop: number, body = sigma(mul(sym('Cg'), $))): SymbolSpec => ({ tex: bx(`«${stop}:g»`), body });
const uSym = (stop: number): SymbolSpec => ({ tex: `«${stop}:u»`, body: tanh(mul(T(sym('pu')), $)) });
const vSym = (stop: number): SymbolSpec => ({ tex: `«${stop}:v»`, body: add(mul(T(sym('pv')), $), mul(num(0.5), sqnorm($))) });
const params = { Bf: hidden('m', 'n'), Cg: hidden('m', 'n'), pu: hidden('n', 1), pv: hidden('n', 1) };
const J = (fn: string, stop: number): SymbolSpec => ({ tex: String.raw`\mathbf{J}_{\mathbf{«${stop}:${fn}»}}`, value: jacobianOf(fn, x, false) });

export const RULE_IDENTITIES: Identity[] = [
  defineIdentity({
    id: 'product-rule',
    name: 'Product rule for scalars u(x)v(x)',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      u: uSym(2),
      v: vSym(3),
      ...params,
      dudx: { tex: frac('«2:u»', bx('«1:x»')), value: jacobianOf('u', x, true) },
      dvdx: { tex: frac('«3:v»', bx('«1:x»')), value: jacobianOf('v', x, true) },
    },
    f: mul(app('u', x), app('v', x)),
    wrt: 'x',
    numerator: add(mul(app('u', x), dvdx), mul(app('v', x), dudx)),
    assumptions: ['u, v: ℝⁿ → ℝ differentiable.', FRACTIONS],
    python: {
      numpy: '# ∂(u v)/∂«1:x» from grad_u, grad_v (shaped like «1:x»)\ngrad_«1:x» = «2:u» * grad_«3:v» + «3:v» * grad_«2:u»«0»',
      torch: '# ∂(u v)/∂«1:x» from grad_u, grad_v (shaped like «1:x»)\ngrad_«1:x» = «2:u» * grad_«3:v» + «3:v» * grad_«2:u»«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule-scalar',
    name: 'Chain rule for u(v(x)), v scalar',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      u: { tex: '«2:u»', body: tanh($) },
      v: vSym(3),
      ...params,
      dudv: { tex: frac('«2:u»', '«3:v»'), value: jacobianOf('u', app('v', x), false) },
      dvdx: { tex: frac('«3:v»', bx('«1:x»')), value: jacobianOf('v', x, true) },
    },
    f: app('u', app('v', x)),
    wrt: 'x',
    numerator: mul(dudv, dvdx),
    assumptions: ['v: ℝⁿ → ℝ, u: ℝ → ℝ; ∂u/∂v is a scalar, evaluated at v(x).', FRACTIONS],
    python: {
      numpy: "# ∂«2:u»(«3:v»(x))/∂x = u'(v) ∇v\ngrad_«1:x» = du_dv * grad_«3:v»«0»",
      torch: "# ∂«2:u»(«3:v»(x))/∂x = u'(v) ∇v\ngrad_«1:x» = du_dv * grad_«3:v»«0»",
    },
  }),
  defineIdentity({
    id: 'product-rule-dot',
    name: 'Product rule for a dot product f(x)ᵀg(x) (uᵀv)',
    kind: 'rule',
    symbols: { x: vector(1, 'x'), f: fSym(2), g: gSym(3), ...params, Jf: J('f', 2), Jg: J('g', 3) },
    f: mul(T(app('f', x)), app('g', x)),
    wrt: 'x',
    numerator: add(mul(T(app('g', x)), Jf), mul(T(app('f', x)), Jg)),
    denominator: add(mul(T(Jf), app('g', x)), mul(T(Jg), app('f', x))),
    assumptions: ['f, g: ℝⁿ → ℝᵐ.', JACOBIANS],
    correction:
      'The notes write ∂(fᵀg)/∂x = (∂f/∂x) g + (∂g/∂x) f (right in the denominator layout) "= J_f g + J_g f", which does not even conform (J_f is m×n, g ∈ ℝᵐ): it is J_fᵀ g + J_gᵀ f, or gᵀJ_f + fᵀJ_g in the numerator layout.',
    python: {
      numpy: '# ∂(«2:f» @ «3:g»)/∂x from the Jacobians J_f, J_g of shape (m, n)\ngrad_«1:x» = J_«2:f».T @ «3:g» + J_«3:g».T @ «2:f»«0»',
      torch:
        '# ∂(«2:f»(x) @ «3:g»(x))/∂x\nJ_f = torch.autograd.functional.jacobian(«2:f», «1:x»)\nJ_g = torch.autograd.functional.jacobian(«3:g», «1:x»)\ngrad_«1:x» = J_f.T @ «3:g»(«1:x») + J_g.T @ «2:f»(«1:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'product-rule-bilinear',
    name: 'Product rule for f(x)ᵀA g(x)',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      f: fSym(2),
      A: matrix(3, 'A', 'm', 'k'),
      g: gSym(4, sigma(mul(sym('Ck'), $))),
      ...params,
      Ck: hidden('k', 'n'),
      Jf: J('f', 2),
      Jg: J('g', 4),
    },
    f: mul(T(app('f', x)), A, app('g', x)),
    wrt: 'x',
    numerator: add(mul(T(app('g', x)), T(A), Jf), mul(T(app('f', x)), A, Jg)),
    denominator: add(mul(T(Jf), A, app('g', x)), mul(T(Jg), T(A), app('f', x))),
    assumptions: ['f: ℝⁿ → ℝᵐ, g: ℝⁿ → ℝᵏ, A ∈ ℝ^{m×k} constant.', JACOBIANS],
    python: {
      numpy: '# ∂(«2:f» @ «3:A» @ «4:g»)/∂x from J_f (m, n), J_g (k, n)\ngrad_«1:x» = J_«2:f».T @ «3:A» @ «4:g» + J_«4:g».T @ «3:A».T @ «2:f»«0»',
      torch: '# ∂(«2:f» @ «3:A» @ «4:g»)/∂x from J_f (m, n), J_g (k, n)\ngrad_«1:x» = J_«2:f».T @ «3:A» @ «4:g» + J_«4:g».T @ «3:A».T @ «2:f»«0»',
    },
  }),
  defineIdentity({
    id: 'aT-f',
    name: 'Gradient of aᵀf(x)',
    kind: 'rule',
    symbols: { x: vector(1, 'x'), a: vector(2, 'a', 'm'), f: fSym(3), ...params, Jf: J('f', 3) },
    f: mul(T(a), app('f', x)),
    wrt: 'x',
    numerator: mul(T(a), Jf),
    denominator: mul(T(Jf), a),
    assumptions: ['f: ℝⁿ → ℝᵐ, a ∈ ℝᵐ constant. In backprop: a vector–Jacobian product.', JACOBIANS],
    python: {
      numpy: '# ∂(«2:a» @ «3:f»(x))/∂x from the Jacobian J_f (m, n)\ngrad_«1:x» = J_«3:f».T @ «2:a»«0»',
      torch: '# ∂(«2:a» @ «3:f»(x))/∂x as a vector-Jacobian product\n_, vjp = torch.autograd.functional.vjp(«3:f», «1:x», «2:a»)\ngrad_«1:x» = vjp«0»',
    },
  }),
  defineIdentity({
    id: 'sq-norm-f',
    name: 'Gradient of ‖f(x)‖²',
    kind: 'rule',
    symbols: { x: vector(1, 'x'), f: fSym(2), ...params, Jf: J('f', 2) },
    f: sqnorm(app('f', x)),
    wrt: 'x',
    numerator: mul(two, T(app('f', x)), Jf),
    denominator: mul(two, T(Jf), app('f', x)),
    assumptions: ['f: ℝⁿ → ℝᵐ (e.g. a residual: Gauss–Newton).', JACOBIANS],
    correction: 'The notes end with "= 2 J_f f(x)", which does not conform (J_f is m×n): it is 2J_fᵀ f (denominator) or 2fᵀJ_f (numerator).',
    python: {
      numpy: '# ∂‖«2:f»(x)‖²/∂x from the Jacobian J_f (m, n)\ngrad_«1:x» = 2 * J_«2:f».T @ «2:f»«0»',
      torch: '# ∂‖«2:f»(x)‖²/∂x\nJ_f = torch.autograd.functional.jacobian(«2:f», «1:x»)\ngrad_«1:x» = 2 * J_f.T @ «2:f»(«1:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'product-rule-scalar-vector',
    name: 'Product rule for u(x) f(x), u scalar',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      u: uSym(2),
      f: fSym(3),
      ...params,
      Jf: J('f', 3),
      dudx: { tex: frac('«2:u»', bx('«1:x»')), value: jacobianOf('u', x, true) },
    },
    f: mul(app('u', x), app('f', x)),
    wrt: 'x',
    numerator: add(mul(app('u', x), Jf), mul(app('f', x), dudx)),
    denominator: add(mul(app('u', x), T(Jf)), mul(dudx, T(app('f', x)))),
    assumptions: ['u: ℝⁿ → ℝ, f: ℝⁿ → ℝᵐ. ∂u/∂x is a row (numerator) or a column (denominator), so f ∂u/∂x and ∂u/∂x fᵀ are outer products.', JACOBIANS],
    python: {
      numpy: '# Jacobian of «2:u»(x) * «3:f»(x), shape (m, n), from grad_u (n,) and J_f (m, n)\njac = «2:u» * J_«3:f» + np.outer(«3:f», grad_«2:u»)«0»',
      torch: '# Jacobian of «2:u»(x) * «3:f»(x), shape (m, n), from grad_u (n,) and J_f (m, n)\njac = «2:u» * J_«3:f» + torch.outer(«3:f», grad_«2:u»)«0»',
    },
  }),
  defineIdentity({
    id: 'scalar-times-f',
    name: 'Jacobian of a f(x), a constant scalar',
    kind: 'rule',
    symbols: { x: vector(1, 'x'), a: scalarSym(2, 'a'), f: fSym(3), ...params, Jf: J('f', 3) },
    f: mul(a, app('f', x)),
    wrt: 'x',
    numerator: mul(a, Jf),
    denominator: mul(a, T(Jf)),
    assumptions: ['a ∈ ℝ constant, f: ℝⁿ → ℝᵐ.', JACOBIANS],
    correction:
      'The notes write a bold (vector) a on the left and a scalar a on the right. For a scalar a it is a J_f; for a constant vector a and scalar f it would be the outer product a ∂f/∂x.',
    python: {
      numpy: '# Jacobian of «2:a» * «3:f»(x) from J_f (m, n)\njac = «2:a» * J_«3:f»«0»',
      torch: '# Jacobian of «2:a» * «3:f»(x) from J_f (m, n)\njac = «2:a» * J_«3:f»«0»',
    },
  }),
  defineIdentity({
    id: 'matrix-times-f',
    name: 'Jacobian of A f(x)',
    kind: 'rule',
    symbols: { x: vector(1, 'x'), A: matrix(2, 'A', 'k', 'm'), f: fSym(3), ...params, Jf: J('f', 3) },
    f: mul(A, app('f', x)),
    wrt: 'x',
    numerator: mul(A, Jf),
    denominator: mul(T(Jf), T(A)),
    assumptions: ['A ∈ ℝ^{k×m} constant, f: ℝⁿ → ℝᵐ.', JACOBIANS],
    python: {
      numpy: '# Jacobian of «2:A» @ «3:f»(x), shape (k, n), from J_f (m, n)\njac = «2:A» @ J_«3:f»«0»',
      torch: '# Jacobian of «2:A» @ «3:f»(x), shape (k, n), from J_f (m, n)\njac = «2:A» @ J_«3:f»«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule',
    name: 'Chain rule f(g(x)), both layouts',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      f: { tex: bx('«2:f»'), body: tanh(mul(sym('Bk'), $)) },
      g: gSym(3),
      ...params,
      Bk: hidden('k', 'm'),
      dfdg: { tex: frac(bx('«2:f»'), bx('«3:g»')), value: jacobianOf('f', app('g', x), true) },
      dgdx: { tex: frac(bx('«3:g»'), bx('«1:x»')), value: jacobianOf('g', x, true) },
    },
    f: app('f', app('g', x)),
    wrt: 'x',
    numerator: mul(dfdg, dgdx),
    denominator: mul(dgdx, dfdg),
    assumptions: ['g: ℝⁿ → ℝᵐ, f: ℝᵐ → ℝᵏ; ∂f/∂g at g(x). Numerator: (k×m)(m×n). Denominator: the transposes, so the order reverses: (n×m)(m×k).', FRACTIONS],
    python: {
      numpy: '# Jacobian of «2:f»(«3:g»(x)), shape (k, n): J_f at g(x) (k, m) times J_g (m, n)\njac = J_«2:f» @ J_«3:g»«0»',
      torch:
        '# Jacobian of «2:f»(«3:g»(x)), shape (k, n)\nJ_g = torch.autograd.functional.jacobian(«3:g», «1:x»)\nJ_f = torch.autograd.functional.jacobian(«2:f», «3:g»(«1:x»))\njac = J_f @ J_g«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule-three',
    name: 'Chain rule f(g(h(x))), three functions',
    kind: 'rule',
    dims: (n) => ({ n, m: n + 1, k: n + 2, l: n + 1 }),
    symbols: {
      x: vector(1, 'x'),
      f: { tex: bx('«2:f»'), body: tanh(mul(sym('Pf'), $)) },
      g: { tex: bx('«3:g»'), body: sigma(mul(sym('Pg'), $)) },
      h: { tex: bx('«4:h»'), body: tanh(mul(sym('Ph'), $)) },
      Ph: hidden('m', 'n'),
      Pg: hidden('l', 'm'),
      Pf: hidden('k', 'l'),
      dfdg: { tex: frac(bx('«2:f»'), bx('«3:g»')), value: jacobianOf('f', app('g', app('h', x)), true) },
      dgdh: { tex: frac(bx('«3:g»'), bx('«4:h»')), value: jacobianOf('g', app('h', x), true) },
      dhdx: { tex: frac(bx('«4:h»'), bx('«1:x»')), value: jacobianOf('h', x, true) },
    },
    f: app('f', app('g', app('h', x))),
    wrt: 'x',
    numerator: mul(dfdg, dgdh, dhdx),
    denominator: mul(dhdx, dgdh, dfdg),
    assumptions: ['h: ℝⁿ → ℝᵐ, g: ℝᵐ → ℝˡ, f: ℝˡ → ℝᵏ, each Jacobian at its own input.', FRACTIONS],
    correction:
      'The notes write ∂f(g(x))/∂x = ∂f/∂g ∂g/∂h ∂h/∂x (an h that is not in f(g(x))) followed by a dangling "∂/∂x[J_f(g) J_g(x)]". Correct: ∂f(g(x))/∂x = J_f(g(x)) J_g(x), and for f(g(h(x))) the product of three Jacobians; in the denominator layout the order reverses.',
    python: {
      numpy: '# Jacobian of «2:f»(«3:g»(«4:h»(x))): Jacobians at their own inputs\njac = J_«2:f» @ J_«3:g» @ J_«4:h»«0»',
      torch: '# Jacobian of «2:f»(«3:g»(«4:h»(x)))\njac = torch.autograd.functional.jacobian(lambda t: «2:f»(«3:g»(«4:h»(t))), «1:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule-scalar-loss',
    name: 'Chain rule for a scalar loss ℓ(g(x)) (backprop), both layouts',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      l: { tex: String.raw`\ell`, body: lse($) },
      g: gSym(2, tanh(mul(sym('Cg'), $))),
      ...params,
      dldy: { tex: frac(String.raw`\ell`, bx('«2:g»')), value: jacobianOf('l', app('g', x), true) },
      dgdx: { tex: frac(bx('«2:g»'), bx('«1:x»')), value: jacobianOf('g', x, true) },
    },
    f: app('l', app('g', x)),
    wrt: 'x',
    numerator: mul(dldy, dgdx),
    denominator: mul(dgdx, dldy),
    assumptions: ['g: ℝⁿ → ℝᵐ, ℓ: ℝᵐ → ℝ. Numerator: row (1×m) times m×n. Denominator: n×m times the gradient column (m×1): ∇ₓℓ = J_gᵀ ∇ℓ.', FRACTIONS],
    python: {
      numpy: '# gradient of ℓ(«2:g»(x)): J_g (m, n) transposed times grad_l (m,) at g(x)\ngrad_«1:x» = J_«2:g».T @ grad_l«0»',
      torch: '# gradient of ℓ(«2:g»(x)) (what loss.backward() computes)\n_, grad_«1:x» = torch.autograd.functional.vjp(«2:g», «1:x», grad_l)«0»',
    },
  }),
  defineIdentity({
    id: 'vector-jacobian-product',
    name: 'Backprop as a vector–Jacobian product J_gᵀ∇ℓ',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      l: { tex: String.raw`\ell`, body: sqnorm(exp(mul(num(0.5), $))) },
      g: gSym(2),
      ...params,
      Jg: J('g', 2),
      gradl: {
        tex: String.raw`\nabla \ell\left(\mathbf{«2:g»}\left(\mathbf{«1:x»}\right)\right)`,
        value: (ctx) => transpose(jacobianOf('l', app('g', x), false)(ctx)),
      },
    },
    f: app('l', app('g', x)),
    wrt: 'x',
    numerator: mul(T(gradl), Jg),
    denominator: mul(T(Jg), gradl),
    assumptions: ['g: ℝⁿ → ℝᵐ, ℓ: ℝᵐ → ℝ with gradient column ∇ℓ at g(x).', JACOBIANS],
    python: {
      numpy: '# gradient of ℓ(«2:g»(x)) from J_g (m, n) and grad_l (m,)\ngrad_«1:x» = J_«2:g».T @ grad_l«0»',
      torch: '# gradient of ℓ(«2:g»(x)) as a VJP\n_, grad_«1:x» = torch.autograd.functional.vjp(«2:g», «1:x», grad_l)«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule-affine',
    name: 'Chain rule through an affine map f(Ax + b)',
    kind: 'rule',
    symbols: {
      x: vector(1, 'x'),
      f: { tex: bx('«2:f»'), body: tanh(mul(sym('Pk'), $)) },
      A: matrix(3, 'A', 'm', 'n'),
      b: vector(4, 'b', 'm'),
      Pk: hidden('k', 'm'),
      Jf: {
        tex: String.raw`\mathbf{J}_{\mathbf{«2:f»}}\left(«3:A» \mathbf{«1:x»} + \mathbf{«4:b»}\right)`,
        value: jacobianOf('f', add(mul(A, x), sym('b')), false),
      },
    },
    f: app('f', add(mul(A, x), sym('b'))),
    wrt: 'x',
    numerator: mul(Jf, A),
    denominator: mul(T(A), T(Jf)),
    assumptions: ['A ∈ ℝ^{m×n}, b ∈ ℝᵐ, f: ℝᵐ → ℝᵏ; J_f (k×m) at Ax + b.', JACOBIANS],
    python: {
      numpy: '# Jacobian of «2:f»(«3:A» @ x + «4:b»), shape (k, n), from J_f (k, m) at A x + b\njac = J_«2:f» @ «3:A»«0»',
      torch:
        '# Jacobian of «2:f»(«3:A» @ x + «4:b»), shape (k, n)\nJ_f = torch.autograd.functional.jacobian(«2:f», «3:A» @ «1:x» + «4:b»)\njac = J_f @ «3:A»«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule-matrix-left',
    name: 'Chain rule for ℓ(AX) w.r.t. X (backprop through Y = AX)',
    kind: 'rule',
    symbols: {
      A: matrix(1, 'A', 'k', 'm'),
      X: matrix(2, 'X', 'm', 'n'),
      l: { tex: String.raw`\ell`, body: sqfro(tanh($)) },
      Y: { tex: 'Y', def: mul(A, X) },
      dldY: { tex: frac(String.raw`\ell`, 'Y'), value: jacobianOf('l', mul(A, X), true) },
    },
    f: app('l', mul(A, X)),
    wrt: 'X',
    numerator: mul(dldY, A),
    denominator: mul(T(A), dldY),
    where: ['Y'],
    assumptions: [
      'A ∈ ℝ^{k×m}, X ∈ ℝ^{m×n}, ℓ: ℝ^{k×n} → ℝ. Denominator: ∂ℓ/∂Y shaped like Y (the upstream gradient G), so ∂ℓ/∂X = AᵀG. Numerator: ∂ℓ/∂Y is n×k and the product order flips.',
    ],
    python: {
      numpy: '# gradient of ℓ(«1:A» @ «2:X») w.r.t. «2:X», from G = dℓ/dY shaped like Y\ngrad_«2:X» = «1:A».T @ G«0»',
      torch: '# gradient of ℓ(«1:A» @ «2:X») w.r.t. «2:X», from G = dℓ/dY shaped like Y\ngrad_«2:X» = «1:A».T @ G«0»',
    },
  }),
  defineIdentity({
    id: 'chain-rule-matrix-right',
    name: 'Chain rule for ℓ(XB) w.r.t. X (backprop through Y = XB)',
    kind: 'rule',
    symbols: {
      X: matrix(1, 'X', 'm', 'n'),
      B: matrix(2, 'B', 'n', 'k'),
      l: { tex: String.raw`\ell`, body: sqfro(tanh($)) },
      Y: { tex: 'Y', def: mul(X, B) },
      dldY: { tex: frac(String.raw`\ell`, 'Y'), value: jacobianOf('l', mul(X, B), true) },
    },
    f: app('l', mul(X, B)),
    wrt: 'X',
    numerator: mul(B, dldY),
    denominator: mul(dldY, T(B)),
    where: ['Y'],
    assumptions: ['X ∈ ℝ^{m×n}, B ∈ ℝ^{n×k}, ℓ: ℝ^{m×k} → ℝ. Denominator: G Bᵀ with G = ∂ℓ/∂Y shaped like Y (a linear layer’s weight gradient has this form).'],
    python: {
      numpy: '# gradient of ℓ(«1:X» @ «2:B») w.r.t. «1:X», from G = dℓ/dY shaped like Y\ngrad_«1:X» = G @ «2:B».T«0»',
      torch: '# gradient of ℓ(«1:X» @ «2:B») w.r.t. «1:X», from G = dℓ/dY shaped like Y\ngrad_«1:X» = G @ «2:B».T«0»',
    },
  }),
];
