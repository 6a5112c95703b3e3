import type { Term } from './types';

const CONVEX = '2.1 Convexity';
const COND = '2.2 Condition Number';
const SMOOTH = '2.3 Lipschitz Continuity and the PL Condition';

export const CONVEXITY_TERMS: Term[] = [
  {
    id: 'convex-set',
    title: 'Convex set',
    section: CONVEX,
    summary: 'A set that contains the whole line segment between any two of its points.',
    definition:
      'A set S is convex when every convex combination λx + (1 − λ)x′ with λ in [0, 1] of two members stays in S. ' +
      'Balls, half-spaces, affine subspaces and the whole of ℝᵈ are convex, and intersections of convex sets remain convex. ' +
      'Convex sets are the natural domains of convex functions and the targets of projections in projected gradient methods.',
    // The notes quantify over x, x′ ∈ Σ; the points must come from the set S itself.
    formulas: [String.raw`\forall\, \mathbf{x}, \mathbf{x}' \in S,\ \forall \lambda \in [0, 1]:\quad \lambda \mathbf{x} + (1 - \lambda)\mathbf{x}' \in S`],
    aliases: ['convex set', 'convex sets', 'convex combination'],
    code: [],
    related: ['convex-function', 'pgd-attack'],
  },
  {
    id: 'convex-function',
    title: 'Convex function',
    section: CONVEX,
    summary: 'A function whose graph lies below every chord, so every local minimum is global.',
    definition:
      'A function on a convex set is convex when its value at a convex combination of two points is at most the same combination of the values. ' +
      'Non-negative weighted sums, pointwise maxima, and compositions g∘f with g convex and non-decreasing preserve convexity. ' +
      'Local minima of convex functions are global, which is what makes convex optimization tractable.',
    formulas: [String.raw`f(\lambda \mathbf{x} + (1 - \lambda)\mathbf{x}') \le \lambda f(\mathbf{x}) + (1 - \lambda) f(\mathbf{x}'),\quad \lambda \in [0, 1]`],
    aliases: ['convex function', 'convexity', 'convex optimization', 'concave function', 'convex loss', 'convex objective'],
    code: [],
    related: ['convex-set', 'convexity-conditions', 'strict-convexity', 'strong-convexity', 'jensen-inequality'],
  },
  {
    id: 'convexity-conditions',
    title: 'First- and second-order conditions for convexity',
    section: CONVEX,
    summary: 'A differentiable function is convex iff it lies above its tangent planes, and a twice-differentiable one iff its Hessian is PSD.',
    definition:
      'The first-order condition says every tangent plane is a global under-estimator of a convex function. ' +
      'For twice-differentiable functions convexity is equivalent to a positive semi-definite Hessian everywhere, which in one dimension means f″ ≥ 0. ' +
      'A consequence of the first-order condition is that any stationary point of a convex function is a global minimizer.',
    // The notes list "f′(x) ≥ 0" as a property of convex functions; that is monotonicity. The
    // condition is on the second derivative: f″(x) ≥ 0 (Hessian PSD).
    formulas: [
      String.raw`f(\mathbf{y}) \ge f(\mathbf{x}) + \nabla f(\mathbf{x})^\top (\mathbf{y} - \mathbf{x})\quad \forall\, \mathbf{x}, \mathbf{y}`,
      String.raw`\nabla^2 f(\mathbf{x}) \succeq 0\ \ \forall \mathbf{x}\qquad (\text{1-D: } f''(x) \ge 0)`,
    ],
    aliases: ['first-order condition for convexity', 'second-order condition for convexity', 'tangent plane inequality', 'first-order convexity condition'],
    code: [],
    related: ['convex-function', 'hessian', 'psd-matrix'],
  },
  {
    id: 'strict-convexity',
    title: 'Strictly convex function',
    section: CONVEX,
    summary: 'A convex function whose chords lie strictly above the graph, so it has at most one minimizer.',
    definition:
      'Strict convexity replaces the inequality of convexity by a strict one for distinct points and λ strictly between 0 and 1. ' +
      'A strictly convex function has at most one global minimizer, but it need not have one at all (e.g. eˣ on ℝ). ' +
      'A positive definite Hessian is sufficient but not necessary (x⁴ is strictly convex with f″(0) = 0).',
    formulas: [
      String.raw`f(\lambda \mathbf{x} + (1 - \lambda)\mathbf{x}') < \lambda f(\mathbf{x}) + (1 - \lambda) f(\mathbf{x}'),\quad \mathbf{x} \ne \mathbf{x}',\ \lambda \in (0, 1)`,
    ],
    aliases: ['strictly convex', 'strict convexity', 'strictly convex function'],
    code: [],
    related: ['convex-function', 'strong-convexity'],
  },
  {
    id: 'strong-convexity',
    title: 'μ-strong convexity',
    section: CONVEX,
    summary: 'A function that curves upward at least as fast as a quadratic with curvature μ > 0.',
    definition:
      'A μ-strongly convex function lies above its tangent planes plus a quadratic bowl of curvature μ; for twice-differentiable functions this means the Hessian is at least μI. ' +
      'It guarantees a unique minimizer and, together with L-smoothness, linear convergence of gradient descent at a rate governed by κ = L/μ. ' +
      'Adding an L2 penalty (μ/2)‖θ‖² to a convex loss makes it μ-strongly convex.',
    // The notes state the rate as O(e^k) "for some c < 1"; linear convergence is O(c^k) with c = 1 − μ/L.
    formulas: [
      String.raw`f(\mathbf{y}) \ge f(\mathbf{x}) + \nabla f(\mathbf{x})^\top (\mathbf{y} - \mathbf{x}) + \frac{\mu}{2}\|\mathbf{y} - \mathbf{x}\|^2`,
      String.raw`\eta = \tfrac{1}{L}:\quad f(\mathbf{x}_k) - f^* \le \Big(1 - \frac{\mu}{L}\Big)^k \big(f(\mathbf{x}_0) - f^*\big)`,
    ],
    aliases: ['strong convexity', 'strongly convex', 'μ-strongly convex', 'mu-strongly convex', 'linear convergence', 'linear convergence rate'],
    code: [],
    related: ['convex-function', 'l-smoothness', 'condition-number', 'pl-condition'],
  },
  {
    id: 'condition-number',
    title: 'Condition number',
    section: COND,
    summary: 'The ratio of largest to smallest curvature (eigenvalue or singular value), measuring how sensitive a problem is.',
    definition:
      'For a symmetric positive definite matrix such as a Hessian, the condition number is the ratio of its largest to its smallest eigenvalue; in general it is the ratio of extreme singular values. ' +
      'For a μ-strongly convex, L-smooth function the analogous quantity is κ = L/μ. ' +
      'Large κ means elongated level sets on which gradient descent zig-zags, needing on the order of κ·log(1/ε) steps.',
    formulas: [
      String.raw`\kappa(\mathbf{H}) = \frac{\lambda_{\max}(\mathbf{H})}{\lambda_{\min}(\mathbf{H})} \ge 1\ \ (\mathbf{H} \succ 0),\qquad \kappa(\mathbf{A}) = \frac{\sigma_{\max}(\mathbf{A})}{\sigma_{\min}(\mathbf{A})}`,
      String.raw`\kappa = \frac{L}{\mu}`,
    ],
    aliases: ['condition number', 'ill-conditioned', 'ill-conditioning', 'well-conditioned', 'poorly conditioned'],
    code: ['np.linalg.cond', 'torch.linalg.cond', 'jnp.linalg.cond'],
    related: ['strong-convexity', 'l-smoothness', 'eigendecomposition', 'momentum'],
  },
  {
    id: 'lipschitz-continuity',
    title: 'Lipschitz continuity',
    section: SMOOTH,
    summary: 'A function whose output moves at most L times as far as its input.',
    definition:
      'A map between metric spaces is L-Lipschitz when the distance between outputs is at most L times the distance between inputs, for some constant L ≥ 0. ' +
      'For differentiable functions on ℝⁿ the smallest such L is the supremum of the operator norm of the Jacobian. ' +
      'Lipschitz constants bound how much an adversarial perturbation can change a network’s output and appear in Wasserstein GANs and certified robustness.',
    formulas: [String.raw`\|f(\mathbf{x}_1) - f(\mathbf{x}_2)\| \le L\, \|\mathbf{x}_1 - \mathbf{x}_2\|\quad \forall\, \mathbf{x}_1, \mathbf{x}_2`],
    aliases: ['Lipschitz continuity', 'Lipschitz continuous', 'Lipschitz constant', 'L-Lipschitz', 'Lipschitz'],
    code: [],
    related: ['l-smoothness', 'adversarial-example', 'wasserstein-distance'],
  },
  {
    id: 'l-smoothness',
    title: 'L-smoothness',
    section: SMOOTH,
    summary: 'A differentiable function whose gradient is L-Lipschitz, so it is bounded above by a quadratic around every point.',
    definition:
      'L-smoothness means the gradient changes at most L times as fast as the input, equivalently (for twice-differentiable f) the Hessian’s eigenvalues lie in [−L, L]. ' +
      'It yields the descent lemma: a gradient step of size 1/L decreases the function by at least ‖∇f‖²/(2L). ' +
      'That is why η = 1/L is the classical safe step size for gradient descent.',
    formulas: [
      String.raw`\|\nabla f(\mathbf{x}) - \nabla f(\mathbf{y})\| \le L\, \|\mathbf{x} - \mathbf{y}\|`,
      String.raw`f(\mathbf{y}) \le f(\mathbf{x}) + \nabla f(\mathbf{x})^\top(\mathbf{y} - \mathbf{x}) + \frac{L}{2}\|\mathbf{y} - \mathbf{x}\|^2`,
    ],
    aliases: ['L-smooth', 'L-smoothness', 'smoothness constant', 'Lipschitz gradient', 'Lipschitz continuous gradient', 'descent lemma'],
    code: [],
    related: ['lipschitz-continuity', 'strong-convexity', 'gradient-descent', 'condition-number'],
  },
  {
    id: 'pl-condition',
    title: 'Polyak–Łojasiewicz (PL) condition',
    section: SMOOTH,
    summary: 'The squared gradient norm bounds the suboptimality, which gives linear convergence without convexity.',
    definition:
      'A function with minimum value f* satisfies the μ-PL condition when half the squared gradient norm is at least μ times the gap f(x) − f*. ' +
      'Every stationary point is then a global minimizer, yet the function need not be convex; strong convexity implies PL but not conversely. ' +
      'With L-smoothness, gradient descent with step 1/L converges linearly at rate 1 − μ/L, and wide networks are often PL near their minima.',
    formulas: [
      String.raw`\frac{1}{2}\|\nabla f(\mathbf{x})\|^2 \ge \mu\,\big(f(\mathbf{x}) - f^*\big)\quad \forall \mathbf{x}`,
      String.raw`f(\mathbf{x}_k) - f^* \le \Big(1 - \frac{\mu}{L}\Big)^k \big(f(\mathbf{x}_0) - f^*\big)`,
    ],
    aliases: [
      'Polyak–Łojasiewicz condition',
      'Polyak-Lojasiewicz',
      'Polyak–Łojasiewicz',
      'Polyak Lojasiewicz',
      'PL condition',
      'PL inequality',
      'gradient dominance',
    ],
    code: [],
    related: ['strong-convexity', 'l-smoothness', 'gradient-descent'],
  },
];
