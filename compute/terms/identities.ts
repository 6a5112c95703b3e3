import type { Term } from './types';

const TRICKS = '2 Trick Identities';

export const IDENTITY_TERMS: Term[] = [
  {
    id: 'log-derivative-trick',
    title: 'Log-derivative trick',
    section: TRICKS,
    summary: 'The gradient of a density equals the density times the gradient of its logarithm.',
    definition:
      'Since the derivative of log p is ∇p / p, multiplying back by p gives ∇p = p ∇log p. ' +
      'Inside an integral this turns the gradient of an expectation into an expectation of a gradient-weighted function, which can be estimated by sampling. ' +
      'It is the score-function (REINFORCE) gradient estimator used in policy gradients and black-box variational inference.',
    formulas: [
      String.raw`\nabla_\theta\, p_\theta(\mathbf{x}) = p_\theta(\mathbf{x})\, \nabla_\theta \log p_\theta(\mathbf{x})`,
      String.raw`\nabla_\theta\, \mathbb{E}_{p_\theta}[f(\mathbf{x})] = \mathbb{E}_{p_\theta}\big[f(\mathbf{x})\, \nabla_\theta \log p_\theta(\mathbf{x})\big]`,
    ],
    aliases: [
      'log-derivative trick',
      'log derivative trick',
      'log-trick',
      'score function estimator',
      'score-function estimator',
      'REINFORCE',
      'likelihood ratio trick',
    ],
    code: [],
    related: ['mle'],
  },
  {
    id: 'cauchy-schwarz',
    title: 'Cauchy–Schwarz inequality',
    section: TRICKS,
    summary: 'An inner product is at most the product of the two norms in absolute value.',
    definition:
      'In any inner-product space |⟨u, v⟩| ≤ ‖u‖‖v‖, with equality exactly when u and v are linearly dependent. ' +
      'For sums it bounds the square of a dot product by the product of sums of squares, and for random variables it bounds E[XY]² by E[X²]E[Y²]. ' +
      'It is why correlation coefficients lie between −1 and 1.',
    formulas: [
      String.raw`|\langle \mathbf{u}, \mathbf{v} \rangle| \le \|\mathbf{u}\|\, \|\mathbf{v}\|`,
      String.raw`\Big(\sum_i x_i y_i\Big)^2 \le \Big(\sum_i x_i^2\Big)\Big(\sum_i y_i^2\Big),\qquad \mathbb{E}[XY]^2 \le \mathbb{E}[X^2]\,\mathbb{E}[Y^2]`,
    ],
    aliases: ['Cauchy–Schwarz inequality', 'Cauchy-Schwarz', 'Cauchy–Schwarz', 'Cauchy Schwarz'],
    code: [],
    related: ['frobenius-norm', 'covariance'],
  },
  {
    id: 'jensen-inequality',
    title: 'Jensen’s inequality',
    section: TRICKS,
    summary: 'A convex function of an average is at most the average of the function.',
    definition:
      'For convex f and weights λᵢ ≥ 0 summing to one, f(Σλᵢxᵢ) ≤ Σλᵢf(xᵢ); for concave f the inequality reverses. ' +
      'In expectation form, f(E[X]) ≤ E[f(X)] for convex f. ' +
      'It proves that the KL divergence is non-negative and gives the evidence lower bound of variational inference.',
    formulas: [
      String.raw`f\Big(\sum_{i=1}^n \lambda_i \mathbf{x}_i\Big) \le \sum_{i=1}^n \lambda_i f(\mathbf{x}_i)\quad(\lambda_i \ge 0,\ \textstyle\sum_i \lambda_i = 1,\ f \text{ convex})`,
      String.raw`f(\mathbb{E}[X]) \le \mathbb{E}[f(X)]\ \text{ for convex } f,\qquad f(\mathbb{E}[X]) \ge \mathbb{E}[f(X)]\ \text{ for concave } f`,
    ],
    aliases: ['Jensen’s inequality', "Jensen's inequality", 'Jensen inequality', 'Jensens inequality'],
    code: [],
    related: ['convex-function', 'kl-divergence'],
  },
  {
    id: 'taylor-theorem',
    title: 'Taylor’s theorem with remainder',
    section: TRICKS,
    summary: 'A smooth function equals its degree-n Taylor polynomial plus an explicit remainder.',
    definition:
      'Around a point x₀ a function with n + 1 continuous derivatives equals the polynomial built from its first n derivatives plus a remainder. ' +
      'The integral form of the remainder weights the (n + 1)-th derivative by (x − t)ⁿ/n!; the Lagrange form evaluates it at an intermediate point. ' +
      'First- and second-order expansions underlie gradient descent, Newton’s method and the smoothness bounds of optimization.',
    // The notes write the remainder as ∫ f^{(n+1)}(x − t)/n! dt: the derivative is evaluated at t and
    // multiplied by (x − t)^n.
    formulas: [
      String.raw`f(x) = \sum_{k=0}^{n} \frac{f^{(k)}(x_0)}{k!}(x - x_0)^k + \int_{x_0}^{x} \frac{f^{(n+1)}(t)}{n!}(x - t)^n\, dt`,
      String.raw`R_n(x) = \frac{f^{(n+1)}(\xi)}{(n+1)!}(x - x_0)^{n+1}\ \text{ for some } \xi \text{ between } x_0 \text{ and } x`,
    ],
    aliases: ['Taylor expansion', 'Taylor series', 'Taylor’s theorem', "Taylor's theorem", 'Taylor–Lagrange formula', 'Taylor-Lagrange', 'Lagrange remainder'],
    code: [],
    related: ['l-smoothness', 'gradient-descent'],
  },
  {
    id: 'lagrangian',
    title: 'Lagrangian (Lagrange multipliers)',
    section: TRICKS,
    summary: 'Folds an equality constraint into the objective with a multiplier, so constrained optima are stationary points of one function.',
    definition:
      'To optimize f(x, y) subject to g(x, y) = c, one introduces a multiplier γ and forms the Lagrangian f − γ(g − c). ' +
      'At a constrained optimum (with a regular constraint) the gradient of f is parallel to the gradient of g, which is exactly stationarity of the Lagrangian in x, y and γ. ' +
      'Inequality constraints lead to the Karush–Kuhn–Tucker conditions.',
    formulas: [
      String.raw`\mathcal{L}(x, y, \gamma) = f(x, y) - \gamma\,\big(g(x, y) - c\big)`,
      String.raw`\nabla_{x,y}\mathcal{L} = 0,\quad \partial_\gamma \mathcal{L} = 0 \iff \nabla f = \gamma \nabla g,\ g(x, y) = c`,
    ],
    aliases: ['Lagrangian', 'Lagrange multiplier', 'Lagrange multipliers', 'method of Lagrange multipliers', 'KKT conditions'],
    code: [],
    related: ['convex-function'],
  },
];
