import type { Term } from './types';

const INFO = '5 Information Theory';

export const INFORMATION_TERMS: Term[] = [
  {
    id: 'entropy',
    title: 'Entropy (Shannon entropy)',
    section: INFO,
    summary: 'The expected information content −log p(X) of a random variable: its average surprise.',
    definition:
      'Entropy averages the information content −log p(x) of each outcome under the distribution itself. ' +
      'For discrete variables it is non-negative, zero for a deterministic variable and maximal (log of the number of outcomes) for a uniform one. ' +
      'With base-2 logarithms it is the average number of bits an optimal code needs per symbol.',
    formulas: [String.raw`H(X) = \mathbb{E}\big[-\log p(X)\big] = -\sum_{x \in \mathcal{X}} p(x) \log p(x) \ge 0`],
    aliases: ['entropy', 'Shannon entropy', 'information entropy', 'entropy of a distribution'],
    code: ['scipy.stats.entropy', 'torch.distributions.Distribution.entropy', 'torch.special.entr'],
    related: ['cross-entropy', 'kl-divergence', 'mutual-information', 'self-information', 'differential-entropy'],
  },
  {
    id: 'differential-entropy',
    title: 'Differential entropy',
    section: INFO,
    summary: 'The continuous analogue −∫ f log f of entropy for a density f, which unlike discrete entropy can be negative.',
    definition:
      'Differential entropy replaces the sum over outcomes by an integral over a density. ' +
      'A density can exceed one, so −log f(x) can be negative and so can the differential entropy: the uniform distribution on [0, 1/2] has −log 2. ' +
      'It also changes under a change of variables (scaling X by a adds log |a|), whereas KL divergence and mutual information between densities stay non-negative and invariant.',
    formulas: [
      String.raw`h(X) = -\int f(x) \log f(x)\, dx,\qquad h(aX) = h(X) + \log |a|`,
      String.raw`X \sim \mathcal{U}[0, c]:\ h(X) = \log c\ (= -\log 2 < 0 \text{ for } c = \tfrac{1}{2});\qquad X \sim \mathcal{N}(\mu, \sigma^2):\ h(X) = \tfrac{1}{2}\log(2\pi e \sigma^2)`,
    ],
    aliases: ['differential entropy', 'continuous entropy'],
    code: [],
    related: ['entropy', 'kl-divergence', 'gaussian', 'density-scaling'],
  },
  {
    id: 'self-information',
    title: 'Information content (surprisal)',
    section: INFO,
    summary: 'The information −log p(x) gained by observing an outcome of probability p(x).',
    definition:
      'Rare outcomes carry more information than common ones, and information from independent events adds up; −log p is the function with both properties. ' +
      'In bits (log base 2) a fair coin flip carries one bit. ' +
      'Entropy is the expected information content.',
    formulas: [String.raw`I(x) = -\log p(x),\qquad H(X) = \mathbb{E}[I(X)]`],
    aliases: ['information content', 'self-information', 'surprisal'],
    code: [],
    related: ['entropy'],
  },
  {
    id: 'cross-entropy',
    title: 'Cross-entropy',
    section: INFO,
    summary: 'The expected code length −E_p[log q] when data from p is encoded with a model q.',
    definition:
      'Cross-entropy averages −log q(x) over samples from the true distribution p. ' +
      'It decomposes as the entropy of p plus KL(p‖q), so for fixed p it is minimized exactly by q = p, and minimizing it over q is minimizing the KL divergence. ' +
      'As a classification loss it is the negative log-probability the model assigns to the correct class.',
    formulas: [
      String.raw`H(p, q) = -\sum_{x \in \mathcal{X}} p(x) \log q(x) = \mathbb{E}_{x \sim p}\big[-\log q(x)\big]`,
      String.raw`H(p, q) = H(p) + \mathrm{KL}(p \,\|\, q) \ge H(p)`,
    ],
    aliases: ['cross-entropy', 'cross entropy', 'cross-entropy loss', 'categorical cross-entropy', 'log loss', 'softmax cross-entropy'],
    code: [
      'torch.nn.CrossEntropyLoss',
      'torch.nn.functional.cross_entropy',
      'tf.keras.losses.CategoricalCrossentropy',
      'tf.keras.losses.SparseCategoricalCrossentropy',
      'keras.losses.CategoricalCrossentropy',
      'keras.losses.SparseCategoricalCrossentropy',
      'tf.nn.softmax_cross_entropy_with_logits',
      'optax.softmax_cross_entropy',
      'optax.softmax_cross_entropy_with_integer_labels',
      'sklearn.metrics.log_loss',
    ],
    related: ['entropy', 'kl-divergence', 'softmax', 'negative-log-likelihood', 'binary-cross-entropy'],
  },
  {
    id: 'binary-cross-entropy',
    title: 'Binary cross-entropy',
    section: INFO,
    summary: 'Cross-entropy between a Bernoulli target and a predicted probability, the standard loss for binary outputs.',
    definition:
      'For a label y in {0, 1} and a predicted probability ŷ = σ(z), the loss is −y log ŷ − (1 − y) log(1 − ŷ). ' +
      'It is the negative log-likelihood of a Bernoulli model and the loss the GAN discriminator minimizes. ' +
      'Computing it from the logit z (BCEWithLogits) avoids the overflow of taking the log of a saturated sigmoid.',
    formulas: [String.raw`\ell(y, \hat{y}) = -\big(y \log \hat{y} + (1 - y) \log(1 - \hat{y})\big),\quad \hat{y} = \sigma(z)`],
    aliases: ['binary cross-entropy', 'binary cross entropy', 'BCE loss', 'logistic loss', 'BCE'],
    code: [
      'torch.nn.BCELoss',
      'torch.nn.BCEWithLogitsLoss',
      'torch.nn.functional.binary_cross_entropy',
      'torch.nn.functional.binary_cross_entropy_with_logits',
      'tf.keras.losses.BinaryCrossentropy',
      'keras.losses.BinaryCrossentropy',
      'optax.sigmoid_binary_cross_entropy',
      'tf.nn.sigmoid_cross_entropy_with_logits',
    ],
    related: ['cross-entropy', 'sigmoid', 'bernoulli', 'gan-minimax'],
  },
  {
    id: 'kl-divergence',
    title: 'Kullback–Leibler (KL) divergence',
    section: INFO,
    summary: 'The expected log-ratio log(p/q) under p: the information lost when q is used to approximate p.',
    definition:
      'KL(p‖q) averages log p(x)/q(x) over p and equals the cross-entropy H(p, q) minus the entropy H(p). ' +
      'By Jensen’s inequality it is non-negative and zero only when p = q almost everywhere, but it is not symmetric and not a metric. ' +
      'It is finite only if q(x) = 0 implies p(x) = 0 (p absolutely continuous with respect to q), with 0 log 0 read as 0.',
    formulas: [
      String.raw`\mathrm{KL}(p \,\|\, q) = \sum_{x \in \mathcal{X}} p(x) \log \frac{p(x)}{q(x)} = \mathbb{E}_{x \sim p}\Big[\log \frac{p(x)}{q(x)}\Big] \ge 0`,
      String.raw`\mathrm{KL}(p \,\|\, q) = H(p, q) - H(p),\qquad \mathrm{KL}(p \,\|\, q) \ne \mathrm{KL}(q \,\|\, p) \text{ in general}`,
    ],
    aliases: [
      'Kullback–Leibler divergence',
      'Kullback-Leibler',
      'Kullback–Leibler',
      'KL divergence',
      'KL-divergence',
      'KL',
      'relative entropy',
      'KL term',
      'KL annealing',
      'KL warm-up',
      'KL warmup',
    ],
    code: [
      'torch.nn.functional.kl_div',
      'torch.nn.KLDivLoss',
      'torch.distributions.kl_divergence',
      'torch.distributions.kl.kl_divergence',
      'tf.keras.losses.KLDivergence',
      'keras.losses.KLDivergence',
      'scipy.special.rel_entr',
      'scipy.special.kl_div',
      'optax.kl_divergence',
    ],
    related: ['cross-entropy', 'entropy', 'js-divergence', 'jensen-inequality', 'mutual-information'],
  },
  {
    id: 'js-divergence',
    title: 'Jensen–Shannon divergence',
    section: INFO,
    summary: 'A symmetric, bounded smoothing of the KL divergence through the mixture M = (P + Q)/2.',
    definition:
      'The Jensen–Shannon divergence averages the KL divergences of P and Q from their mixture M. ' +
      'It is symmetric, always finite, zero only when P = Q, and its square root is a metric. ' +
      'It is bounded by log 2 (one bit with base-2 logs); the original GAN objective at the optimal discriminator equals 2·JSD(p_data‖p_g) − log 4. ' +
      'SciPy’s scipy.spatial.distance.jensenshannon returns the square root, the Jensen–Shannon distance, not the divergence: square its result to get the JSD.',
    // The notes bound the JSD by log(n); the bound is log 2, independent of the number of outcomes.
    formulas: [
      String.raw`\mathrm{JSD}(P \,\|\, Q) = \tfrac{1}{2}\mathrm{KL}(P \,\|\, M) + \tfrac{1}{2}\mathrm{KL}(Q \,\|\, M),\quad M = \tfrac{1}{2}(P + Q)`,
      String.raw`0 \le \mathrm{JSD}(P \,\|\, Q) \le \log 2`,
      String.raw`d_{\mathrm{JS}}(P, Q) = \sqrt{\mathrm{JSD}(P \,\|\, Q)}\quad (\text{what scipy's jensenshannon returns; a metric})`,
    ],
    aliases: ['Jensen–Shannon divergence', 'Jensen-Shannon', 'Jensen–Shannon', 'JS divergence', 'JSD', 'Jensen–Shannon distance'],
    code: ['scipy.spatial.distance.jensenshannon'],
    related: ['kl-divergence', 'gan-minimax', 'optimal-discriminator'],
  },
];
