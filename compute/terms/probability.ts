import type { Term } from './types';

const PROB = '1 Probability';

export const PROBABILITY_TERMS: Term[] = [
  {
    id: 'sum-rule',
    title: 'Sum rule (marginalization)',
    section: PROB,
    summary: 'The probability of one variable is the joint probability summed (or integrated) over the other variable.',
    definition:
      'To get rid of a variable you do not care about, add up the joint probability over all of its values. ' +
      'For continuous variables the sum becomes an integral over the joint density. ' +
      'The result is called the marginal distribution of the remaining variable.',
    formulas: [String.raw`P(X = x) = \sum_{y} P(X = x, Y = y)`, String.raw`p(x) = \int p(x, y)\, dy`],
    aliases: ['sum rule', 'marginalisation rule', 'law of total probability', 'marginal distribution', 'marginal probability'],
    code: [],
    related: ['product-rule', 'bayes-rule', 'marginalization'],
  },
  {
    id: 'product-rule',
    title: 'Product rule (chain rule of probability)',
    section: PROB,
    summary: 'A joint probability factors into a conditional probability times a marginal probability.',
    definition:
      'The joint probability of two events equals the probability of the first times the probability of the second given the first. ' +
      'The factorization can be done in either order, and repeating it gives the chain rule for any number of variables. ' +
      'Together with the sum rule it is enough to derive Bayes’ rule.',
    formulas: [String.raw`P(X, Y) = P(Y \mid X)\, P(X) = P(X \mid Y)\, P(Y)`, String.raw`P(X_1, \dots, X_n) = \prod_{i=1}^{n} P(X_i \mid X_1, \dots, X_{i-1})`],
    aliases: ['product rule of probability', 'chain rule of probability', 'probability product rule'],
    code: [],
    related: ['sum-rule', 'bayes-rule', 'independence'],
  },
  {
    id: 'bayes-rule',
    title: 'Bayes’ rule',
    section: PROB,
    summary: 'Turns the probability of the data given a hypothesis into the probability of the hypothesis given the data.',
    definition:
      'Bayes’ rule follows from writing the joint probability with the product rule in both orders and dividing. ' +
      'The posterior is proportional to likelihood times prior, and the normalizing evidence is the likelihood averaged over all hypotheses with the sum rule. ' +
      'It is the basis of Bayesian inference and of generative classifiers.',
    formulas: [String.raw`P(Y \mid X) = \frac{P(X \mid Y)\, P(Y)}{P(X)} = \frac{P(X \mid Y)\, P(Y)}{\sum_{i=1}^{k} P(X \mid Y_i)\, P(Y_i)}`],
    aliases: ['Bayes rule', 'Bayes’ rule', "Bayes's rule", 'Bayes theorem', 'Bayes’ theorem', "Bayes's theorem", 'Bayes formula', 'posterior probability'],
    code: [],
    related: ['product-rule', 'sum-rule', 'mle'],
  },
  {
    id: 'independence',
    title: 'Independence',
    section: PROB,
    summary: 'Two random variables are independent when their joint distribution is the product of their marginals.',
    definition:
      'Independent variables carry no information about each other: conditioning on one leaves the distribution of the other unchanged. ' +
      'Formally the joint probability (or density) factorizes into the two marginals for all values. ' +
      'Independence implies zero covariance, but zero covariance does not imply independence.',
    formulas: [String.raw`X \perp\!\!\!\perp Y \iff P(X, Y) = P(X)\, P(Y) \iff P(X \mid Y) = P(X)`],
    aliases: ['statistical independence', 'independent random variables', 'mutually independent'],
    generic: ['independence'],
    code: [],
    related: ['conditional-independence', 'covariance', 'product-rule'],
  },
  {
    id: 'conditional-independence',
    title: 'Conditional independence',
    section: PROB,
    summary: 'X and Y are conditionally independent given Z when, once Z is known, Y tells nothing more about X.',
    definition:
      'Conditional independence requires the joint distribution of X and Y to factorize for every fixed value of Z. ' +
      'It neither implies nor is implied by plain independence: two causes of a common effect are independent but become dependent once the effect is observed. ' +
      'Graphical models and causal factorizations are statements about which conditional independences hold.',
    formulas: [String.raw`X \perp\!\!\!\perp Y \mid Z \iff P(X, Y \mid Z) = P(X \mid Z)\, P(Y \mid Z)`],
    aliases: ['conditional independence', 'conditionally independent'],
    code: [],
    related: ['independence', 'causal-factorization', 'equalized-odds'],
  },
  {
    id: 'expectation',
    title: 'Expectation (expected value)',
    section: PROB,
    summary: 'The probability-weighted average of a random variable’s values.',
    definition:
      'The expectation integrates each value against the density (or sums against the probability mass function). ' +
      'It is linear whether or not the variables are independent, which makes it the workhorse of risk and loss definitions. ' +
      'The expectation of a function of X is computed with the distribution of X directly (the law of the unconscious statistician).',
    formulas: [
      String.raw`\mathbb{E}[X] = \int_{\mathcal{X}} t\, f_X(t)\, dt =: \mu_X`,
      String.raw`\mathbb{E}[aX + bY] = a\,\mathbb{E}[X] + b\,\mathbb{E}[Y],\qquad \mathbb{E}[g(X)] = \int g(t)\, f_X(t)\, dt`,
    ],
    aliases: ['expected value of a random variable', 'linearity of expectation', 'law of the unconscious statistician', 'expectation operator'],
    generic: ['expectation'],
    code: [],
    related: ['variance', 'covariance', 'mgf'],
  },
  {
    id: 'variance',
    title: 'Variance',
    section: PROB,
    summary: 'The expected squared deviation of a random variable from its mean.',
    definition:
      'Variance measures spread: the average of the squared distance to the expectation. ' +
      'It equals the mean of the square minus the square of the mean, and it is unaffected by shifts while scaling by a multiplies it by a squared. ' +
      'Its square root is the standard deviation.',
    formulas: [
      String.raw`\operatorname{Var}[X] = \mathbb{E}\big[(X - \mathbb{E}[X])^2\big] = \mathbb{E}[X^2] - \mathbb{E}[X]^2`,
      String.raw`\operatorname{Var}[aX + b] = a^2 \operatorname{Var}[X]`,
    ],
    aliases: ['variance', 'standard deviation', 'Var[X]'],
    code: ['torch.var', 'np.var', 'jnp.var'],
    related: ['covariance', 'variance-of-sums', 'expectation'],
  },
  {
    id: 'covariance',
    title: 'Covariance and covariance matrix',
    section: PROB,
    summary: 'The expected product of two variables’ deviations from their means, measuring how they vary together.',
    definition:
      'Covariance is positive when two variables tend to be above their means together and negative when one is above while the other is below. ' +
      'The covariance of a variable with itself is its variance, and for a random vector the covariances form a symmetric positive semi-definite matrix. ' +
      'Independent variables have zero covariance, but uncorrelated variables need not be independent.',
    formulas: [
      String.raw`\operatorname{Cov}(X, Y) = \mathbb{E}\big[(X - \mathbb{E}[X])(Y - \mathbb{E}[Y])\big] = \mathbb{E}[XY] - \mathbb{E}[X]\,\mathbb{E}[Y]`,
      String.raw`\operatorname{Cov}(\mathbf{X}) = \mathbb{E}\big[(\mathbf{X} - \boldsymbol{\mu})(\mathbf{X} - \boldsymbol{\mu})^\top\big] \succeq 0`,
    ],
    aliases: ['covariance', 'covariance matrix', 'cross-covariance', 'uncorrelated'],
    code: ['np.cov', 'torch.cov', 'jnp.cov'],
    related: ['variance', 'variance-of-sums', 'independence', 'psd-matrix'],
  },
  {
    id: 'variance-of-sums',
    title: 'Variance of linear transformations and sums',
    section: PROB,
    summary: 'How variance propagates through a linear map or a weighted sum of random variables.',
    definition:
      'A linear map A sends a covariance matrix Σ to AΣAᵀ. ' +
      'For a weighted sum of scalars, the variance is the sum of squared weights times variances plus twice the weighted pairwise covariances. ' +
      'When the variables are uncorrelated the covariance terms vanish, which is why averaging n independent estimates divides the variance by n.',
    formulas: [
      String.raw`\operatorname{Var}[\mathbf{A}\mathbf{X}] = \mathbf{A}\operatorname{Var}[\mathbf{X}]\,\mathbf{A}^\top`,
      String.raw`\operatorname{Var}\Big[\sum_{i=1}^n a_i X_i\Big] = \sum_{i=1}^n a_i^2 \operatorname{Var}[X_i] + 2\sum_{i<j} a_i a_j \operatorname{Cov}(X_i, X_j)`,
    ],
    aliases: ['variance of a sum', 'variance of sums', 'variance of a linear combination', 'Bienaymé formula'],
    code: [],
    related: ['variance', 'covariance'],
  },
  {
    id: 'pdf-cdf',
    title: 'Density and distribution function (p.d.f. and c.d.f.)',
    section: PROB,
    summary: 'The probability density function is the derivative of the cumulative distribution function.',
    definition:
      'The cumulative distribution function gives the probability that the variable is at most t. ' +
      'For a continuous variable its derivative is the density, and integrating the density over an interval gives the probability of that interval. ' +
      'A density can exceed one; only its integral is a probability.',
    formulas: [String.raw`F_X(t) = P(X \le t),\qquad f_X(t) = \frac{d}{dt} F_X(t),\qquad P(a < X \le b) = \int_a^b f_X(t)\, dt`],
    aliases: ['probability density function', 'cumulative distribution function', 'p.d.f.', 'c.d.f.', 'CDF'],
    code: [],
    related: ['density-scaling', 'expectation', 'pmf'],
  },
  {
    id: 'pmf',
    title: 'Probability mass function (p.m.f.)',
    section: PROB,
    summary: 'For a discrete variable, the probability p_X(x) = P(X = x) of each single value.',
    definition:
      'A probability mass function gives every value of a discrete variable its probability; the values lie in [0, 1] and sum to one. ' +
      'The c.d.f. of a discrete variable is a step function that jumps by p_X(x) at each value, so there is no density, and expectations sum against the pmf instead of integrating. ' +
      'Unlike a density, each pmf value is itself a probability and never exceeds one.',
    formulas: [
      String.raw`p_X(x) = P(X = x),\qquad 0 \le p_X(x) \le 1,\qquad \sum_{x} p_X(x) = 1`,
      String.raw`F_X(t) = \sum_{x \le t} p_X(x),\qquad \mathbb{E}[g(X)] = \sum_{x} g(x)\, p_X(x)`,
    ],
    aliases: ['probability mass function', 'p.m.f.', 'PMF'],
    code: [],
    related: ['pdf-cdf', 'expectation', 'bernoulli', 'binomial', 'poisson'],
  },
  {
    id: 'density-scaling',
    title: 'Density of a scaled random variable',
    section: PROB,
    summary: 'Scaling a random variable by α stretches its density by α and lowers it by 1/|α|.',
    definition:
      'If Z = αY with α ≠ 0, then P(Z ≤ z) can be written through the distribution of Y at z/α, and differentiating gives the new density. ' +
      'The factor 1/|α| keeps the total probability equal to one. ' +
      'It is the one-dimensional case of the change-of-variables formula used by normalizing flows.',
    // The notes write 1/α; for negative α the density would be negative: the factor is 1/|α|.
    formulas: [String.raw`f_{\alpha Y}(z) = \frac{1}{|\alpha|}\, f_Y\!\left(\frac{z}{\alpha}\right),\quad \alpha \neq 0`],
    aliases: ['density of a scaled random variable', 'scaling a random variable'],
    code: [],
    related: ['pdf-cdf', 'change-of-variables'],
  },
  {
    id: 'mgf',
    title: 'Moment generating function (MGF)',
    section: PROB,
    summary: 'The expectation of exp(tX), whose derivatives at zero are the moments of X.',
    definition:
      'The moment generating function is the expected value of e raised to t times the variable (tᵀX for vectors). ' +
      'When it is finite on an open interval around zero it determines the distribution uniquely, and its k-th derivative at zero is the k-th moment. ' +
      'It turns sums of independent variables into products, which makes distributions of sums easy to identify.',
    // The notes say the MGF always characterizes the distribution; that needs it to be finite near 0.
    formulas: [String.raw`M_X(t) = \mathbb{E}\big[e^{t^\top X}\big],\qquad \mathbb{E}[X^k] = M_X^{(k)}(0)`],
    aliases: ['moment generating function', 'moment-generating function', 'MGF'],
    code: [],
    related: ['mgf-of-sums', 'gaussian', 'bernoulli', 'binomial', 'poisson', 'gamma-distribution'],
  },
  {
    id: 'mgf-of-sums',
    title: 'MGF of a sum of independent variables',
    section: PROB,
    summary: 'The MGF of a weighted sum of independent variables is the product of their MGFs at scaled arguments.',
    definition:
      'Because the exponential of a sum is a product and expectations of independent factors multiply, the MGF of Y = Σ aᵢXᵢ factorizes. ' +
      'Matching the product against a known MGF identifies the distribution of the sum. ' +
      'For example, a sum of independent Poisson variables is Poisson with the summed rate.',
    formulas: [String.raw`Y = \sum_{i=1}^n a_i X_i \;\Rightarrow\; M_Y(t) = \prod_{i=1}^n M_{X_i}(a_i t)`],
    aliases: ['MGF of a sum', 'moment generating function of a sum'],
    code: [],
    related: ['mgf', 'convolution-of-densities'],
  },
  {
    id: 'convolution-of-densities',
    title: 'Density of a sum of independent variables',
    section: PROB,
    summary: 'The density of X + Y for independent X and Y is the convolution of their densities.',
    definition:
      'To have Z = X + Y equal z, X takes some value t and Y must take z − t; integrating over t gives the convolution. ' +
      'The operation is symmetric, so either density can play the role of the kernel. ' +
      'In MGF terms the convolution of densities is a product of MGFs, e.g. the sum of two independent Gaussians is Gaussian with added means and variances.',
    formulas: [String.raw`f_{X+Y}(z) = (f_X * f_Y)(z) = \int_{\mathbb{R}} f_X(t)\, f_Y(z - t)\, dt = \int_{\mathbb{R}} f_X(z - t)\, f_Y(t)\, dt`],
    aliases: ['convolution of densities', 'density of a sum', 'sum of independent random variables'],
    code: [],
    related: ['convolution', 'mgf-of-sums', 'independence'],
  },
  {
    id: 'chebyshev-inequality',
    title: 'Chebyshev’s inequality',
    section: PROB,
    summary: 'A variable with finite variance is unlikely to be far from its mean: the tail probability is at most σ²/ε².',
    definition:
      'For any random variable with mean μ and finite variance σ², the probability of deviating from μ by at least ε is bounded by σ²/ε². ' +
      'It follows from Markov’s inequality applied to the squared deviation and needs no other assumption on the distribution. ' +
      'Applied to a sample mean it gives the weak law of large numbers.',
    formulas: [String.raw`P\big(|X - \mu| \ge \epsilon\big) \le \frac{\sigma^2}{\epsilon^2}\qquad (\epsilon > 0)`],
    aliases: ['Chebyshev inequality', 'Chebyshev’s inequality', "Chebyshev's inequality", 'Chebyshev bound', 'Chebyshev'],
    code: [],
    related: ['variance', 'expectation'],
  },
];
