import type { Term } from './types';

const PROB = '1 Probability';

export const DISTRIBUTION_TERMS: Term[] = [
  {
    id: 'bernoulli',
    title: 'Bernoulli distribution',
    section: PROB,
    summary: 'A single yes/no trial that succeeds with probability p.',
    definition:
      'A Bernoulli variable takes the value 1 with probability p and 0 otherwise. ' +
      'Its mean is p, its variance p(1 − p), and its MGF is 1 − p + peᵗ. ' +
      'It is the likelihood behind binary classification and binary cross-entropy.',
    formulas: [String.raw`P(X = x) = p^x (1-p)^{1-x},\ x \in \{0, 1\},\qquad M_X(t) = 1 - p + p\,e^{t}`],
    aliases: ['Bernoulli distribution', 'Bernoulli random variable', 'Bernoulli trial'],
    code: ['torch.distributions.Bernoulli', 'scipy.stats.bernoulli', 'torch.bernoulli', 'jax.random.bernoulli'],
    related: ['binomial', 'mgf', 'binary-cross-entropy'],
  },
  {
    id: 'binomial',
    title: 'Binomial distribution',
    section: PROB,
    summary: 'The number of successes in n independent Bernoulli(p) trials.',
    definition:
      'A binomial variable counts successes among n independent trials with the same success probability p. ' +
      'Being a sum of n Bernoulli variables, its MGF is the Bernoulli MGF raised to the n-th power. ' +
      'Its mean is np and its variance np(1 − p).',
    formulas: [String.raw`P(X = k) = \binom{n}{k} p^k (1-p)^{n-k},\qquad M_X(t) = \big(1 - p + p\,e^{t}\big)^n`],
    aliases: ['binomial distribution', 'Binomial distribution'],
    code: ['torch.distributions.Binomial', 'np.random.binomial', 'scipy.stats.binom'],
    related: ['bernoulli', 'mgf-of-sums'],
  },
  {
    id: 'poisson',
    title: 'Poisson distribution',
    section: PROB,
    summary: 'Counts of events occurring independently at a constant average rate λ.',
    definition:
      'A Poisson variable takes values 0, 1, 2, … with probabilities λᵏe^{−λ}/k!, and both its mean and variance equal λ. ' +
      'It is the limit of Binomial(n, λ/n) as n grows. ' +
      'Its MGF is exp(λ(eᵗ − 1)), so sums of independent Poisson variables are Poisson with the rates added.',
    // The notes' table gives e^{λ} e^{-(1-λ)}, which does not depend on t: the MGF is exp(λ(e^t − 1)).
    formulas: [String.raw`P(X = k) = \frac{\lambda^k e^{-\lambda}}{k!},\qquad M_X(t) = \exp\!\big(\lambda (e^{t} - 1)\big)`],
    aliases: ['Poisson distribution', 'Poisson random variable'],
    code: ['torch.distributions.Poisson', 'np.random.poisson', 'scipy.stats.poisson', 'torch.poisson', 'jax.random.poisson'],
    related: ['binomial', 'mgf', 'mgf-of-sums'],
  },
  {
    id: 'gamma-distribution',
    title: 'Gamma distribution',
    section: PROB,
    summary: 'A distribution on positive reals with a shape α and a rate β (or scale θ = 1/β).',
    definition:
      'With shape α and rate β the density is proportional to x^{α−1}e^{−βx} on x > 0. ' +
      'It includes the exponential (α = 1) and chi-squared distributions, and it is conjugate to the Poisson rate. ' +
      'Its MGF is (1 − t/β)^{−α} for t < β, i.e. (1 − θt)^{−α} for t < 1/θ in the scale form.',
    // The notes' table gives (1/(α − βt))^α for t < 1/β: the MGF with scale β is (1/(1 − βt))^α.
    formulas: [
      String.raw`f(x) = \frac{\beta^{\alpha}}{\Gamma(\alpha)} x^{\alpha-1} e^{-\beta x},\ x > 0`,
      String.raw`M_X(t) = \Big(\frac{\beta}{\beta - t}\Big)^{\alpha}\ (t < \beta) \;=\; (1 - \theta t)^{-\alpha}\ (t < 1/\theta,\ \theta = 1/\beta)`,
    ],
    aliases: ['Gamma distribution', 'gamma distribution'],
    code: ['torch.distributions.Gamma', 'np.random.gamma', 'scipy.stats.gamma'],
    related: ['mgf', 'poisson'],
  },
  {
    id: 'gaussian',
    title: 'Normal (Gaussian) distribution',
    section: PROB,
    summary: 'The bell-shaped distribution fixed by a mean and a variance, or a mean vector and covariance matrix.',
    definition:
      'The univariate normal N(μ, σ²) has mean μ and variance σ², and its MGF is exp(μt + σ²t²/2). ' +
      'The multivariate normal N(μ, Σ) has a density that decays with the Mahalanobis distance (x − μ)ᵀΣ⁻¹(x − μ). ' +
      'Linear maps, marginals and conditionals of Gaussians are again Gaussian.',
    // The notes' MGF table writes N(μ, σ); the second parameter in exp(μt + σ²t²/2) is the variance σ².
    formulas: [
      String.raw`\mathcal{N}(\mathbf{x}; \boldsymbol{\mu}, \boldsymbol{\Sigma}) = \frac{1}{\sqrt{(2\pi)^d \det \boldsymbol{\Sigma}}} \exp\!\Big(-\tfrac{1}{2}(\mathbf{x} - \boldsymbol{\mu})^\top \boldsymbol{\Sigma}^{-1} (\mathbf{x} - \boldsymbol{\mu})\Big)`,
      String.raw`X \sim \mathcal{N}(\mu, \sigma^2):\quad M_X(t) = \exp\!\big(\mu t + \tfrac{1}{2}\sigma^2 t^2\big)`,
    ],
    aliases: ['normal distribution', 'Gaussian distribution', 'multivariate normal', 'multivariate Gaussian', 'Gaussian', 'bell curve'],
    code: [
      'torch.distributions.MultivariateNormal',
      'torch.distributions.Normal',
      'np.random.normal',
      'np.random.multivariate_normal',
      'scipy.stats.norm',
      'scipy.stats.multivariate_normal',
      'jax.random.normal',
      'jax.random.multivariate_normal',
      'tfp.distributions.Normal',
      'tfp.distributions.MultivariateNormalFullCovariance',
      'torch.randn',
    ],
    related: ['gaussian-mle', 'gaussian-conditioning', 'mgf', 'covariance'],
  },
  {
    id: 'gaussian-mle',
    title: 'Maximum-likelihood estimates of a Gaussian',
    section: PROB,
    summary: 'The sample mean and the 1/n sample covariance maximize the Gaussian likelihood.',
    definition:
      'Setting the gradient of the Gaussian log-likelihood to zero gives the empirical mean as the estimate of μ. ' +
      'The covariance estimate averages the outer products of the centred samples with weight 1/n. ' +
      'That estimate is biased; dividing by n − 1 instead gives the unbiased sample covariance.',
    // The notes write (x − μ̂) inside the sum; each term uses its own sample x_i.
    formulas: [
      String.raw`\hat{\boldsymbol{\mu}} = \frac{1}{n}\sum_{i=1}^n \mathbf{x}_i,\qquad \hat{\boldsymbol{\Sigma}} = \frac{1}{n}\sum_{i=1}^n (\mathbf{x}_i - \hat{\boldsymbol{\mu}})(\mathbf{x}_i - \hat{\boldsymbol{\mu}})^\top`,
    ],
    aliases: ['Gaussian MLE', 'maximum likelihood estimate of the covariance', 'sample covariance', 'empirical covariance'],
    code: ['sklearn.covariance.EmpiricalCovariance'],
    related: ['gaussian', 'mle', 'covariance'],
  },
  {
    id: 'gaussian-conditioning',
    title: 'Conditional of a joint Gaussian',
    section: PROB,
    summary: 'Conditioning one block of a jointly Gaussian vector on the other gives a Gaussian with a shifted mean and a Schur-complement covariance.',
    definition:
      'Split a Gaussian vector into blocks a₁ and a₂ with mean blocks u₁, u₂ and covariance blocks Σ₁₁, Σ₁₂, Σ₂₁ = Σ₁₂ᵀ, Σ₂₂. ' +
      'Given a₁ = z, the mean of a₂ moves by the regression term Σ₂₁Σ₁₁⁻¹(z − u₁), and the covariance shrinks to the Schur complement, which does not depend on z. ' +
      'It is the formula behind Gaussian-process regression and the Kalman filter.',
    // The notes call the off-diagonal blocks Σ12, Σ21 "p.s.d."; they are rectangular (Σ21 = Σ12ᵀ):
    // only Σ, Σ11 and Σ22 are PSD, and Σ11 must be invertible here.
    formulas: [
      String.raw`\begin{bmatrix}\mathbf{a}_1\\ \mathbf{a}_2\end{bmatrix} \sim \mathcal{N}\!\left(\begin{bmatrix}\mathbf{u}_1\\ \mathbf{u}_2\end{bmatrix}, \begin{bmatrix}\boldsymbol{\Sigma}_{11} & \boldsymbol{\Sigma}_{12}\\ \boldsymbol{\Sigma}_{21} & \boldsymbol{\Sigma}_{22}\end{bmatrix}\right),\quad \boldsymbol{\Sigma}_{21} = \boldsymbol{\Sigma}_{12}^\top`,
      String.raw`\mathbf{a}_2 \mid \mathbf{a}_1 = \mathbf{z} \sim \mathcal{N}\big(\mathbf{u}_2 + \boldsymbol{\Sigma}_{21}\boldsymbol{\Sigma}_{11}^{-1}(\mathbf{z} - \mathbf{u}_1),\; \boldsymbol{\Sigma}_{22} - \boldsymbol{\Sigma}_{21}\boldsymbol{\Sigma}_{11}^{-1}\boldsymbol{\Sigma}_{12}\big)`,
    ],
    aliases: ['Gaussian conditioning', 'conditional Gaussian', 'conditional distribution of a Gaussian', 'Schur complement'],
    code: [],
    related: ['gaussian', 'gaussian-marginal'],
  },
  {
    id: 'gaussian-marginal',
    title: 'Marginal of a joint Gaussian',
    section: PROB,
    summary: 'Any sub-vector of a jointly Gaussian vector is Gaussian with the matching blocks of the mean and covariance.',
    definition:
      'Integrating out the other coordinates of a multivariate normal simply drops their rows and columns. ' +
      'So the marginal of a₁ uses the mean block u₁ and the covariance block Σ₁₁. ' +
      'More generally, any linear map Ax of a Gaussian is Gaussian with mean Aμ and covariance AΣAᵀ.',
    formulas: [
      String.raw`\mathbf{a}_1 \sim \mathcal{N}(\mathbf{u}_1, \boldsymbol{\Sigma}_{11}),\qquad \mathbf{A}\mathbf{x} \sim \mathcal{N}(\mathbf{A}\boldsymbol{\mu}, \mathbf{A}\boldsymbol{\Sigma}\mathbf{A}^\top)`,
    ],
    aliases: ['Gaussian marginal', 'marginal of a Gaussian', 'marginalizing a Gaussian'],
    code: [],
    related: ['gaussian', 'gaussian-conditioning', 'sum-rule'],
  },
  {
    id: 'mle',
    title: 'Maximum likelihood estimation (MLE)',
    section: PROB,
    summary: 'Choose the parameters under which the observed data is most probable.',
    definition:
      'For independent samples the likelihood is a product, so one maximizes the sum of log-likelihoods instead. ' +
      'Minimizing the negative log-likelihood is the same as minimizing the cross-entropy between the empirical distribution and the model. ' +
      'Under regularity conditions the estimate is consistent and asymptotically efficient.',
    formulas: [
      String.raw`\hat{\theta}_{\text{MLE}} = \arg\max_\theta \prod_{i=1}^n p_\theta(\mathbf{x}_i) = \arg\min_\theta \Big(-\sum_{i=1}^n \log p_\theta(\mathbf{x}_i)\Big)`,
    ],
    aliases: ['maximum likelihood estimation', 'maximum likelihood estimator', 'maximum likelihood', 'MLE', 'log-likelihood', 'likelihood function'],
    code: [],
    related: ['negative-log-likelihood', 'gaussian-mle', 'cross-entropy'],
  },
  {
    id: 'negative-log-likelihood',
    title: 'Negative log-likelihood loss',
    section: PROB,
    summary: 'The loss −log p_θ(y | x) whose minimization is maximum likelihood.',
    definition:
      'The negative log-likelihood of the observed targets under the model’s predicted distribution is the standard training loss for probabilistic models. ' +
      'For a categorical output it is the cross-entropy with one-hot targets, and for a Gaussian output with fixed variance it is the squared error up to constants. ' +
      'PyTorch’s NLLLoss expects log-probabilities, for example from log_softmax.',
    formulas: [String.raw`\mathcal{L}(\theta) = -\frac{1}{n}\sum_{i=1}^n \log p_\theta(y_i \mid \mathbf{x}_i)`],
    aliases: ['negative log-likelihood', 'negative log likelihood', 'NLL loss', 'NLL'],
    code: ['torch.nn.NLLLoss', 'torch.nn.functional.nll_loss', 'torch.nn.GaussianNLLLoss', 'torch.nn.functional.gaussian_nll_loss', 'torch.nn.PoissonNLLLoss'],
    related: ['mle', 'cross-entropy', 'log-softmax'],
  },
];
