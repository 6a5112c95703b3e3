import type { Term } from './types';

const ACT = '6 Activation Functions';

export const ACTIVATION_TERMS: Term[] = [
  {
    id: 'activation-function',
    title: 'Activation function',
    section: ACT,
    summary: 'A non-linear function applied elementwise after a layer’s linear map.',
    definition:
      'Without a non-linearity a stack of linear layers collapses into one linear map, so each layer applies an activation to its pre-activations. ' +
      'Because it acts elementwise, its Jacobian is diagonal and backpropagation through it is an elementwise product. ' +
      'The choice affects gradient flow: saturating functions such as sigmoid and tanh shrink gradients, while ReLU-like functions pass them unchanged on their active side.',
    formulas: [
      String.raw`\mathbf{h} = \phi(\mathbf{W}\mathbf{x} + \mathbf{b}),\qquad \frac{\partial \mathbf{h}}{\partial \mathbf{z}} = \operatorname{diag}\big(\phi'(\mathbf{z})\big)`,
    ],
    aliases: ['activation function', 'activation functions', 'non-linearity', 'nonlinearity'],
    code: ['tf.keras.activations', 'keras.activations', 'tf.keras.layers.Activation', 'keras.layers.Activation'],
    related: ['relu', 'sigmoid', 'tanh', 'softmax', 'gelu'],
  },
  {
    id: 'tanh',
    title: 'Hyperbolic tangent (tanh)',
    section: ACT,
    summary: 'An S-shaped activation mapping ℝ to (−1, 1), centred at zero.',
    definition:
      'The hyperbolic tangent is a rescaled sigmoid, tanh(x) = 2σ(2x) − 1, so its outputs are zero-centred. ' +
      'Its derivative 1 − tanh² is at most 1 and vanishes for large |x|, which contributes to vanishing gradients in deep and recurrent networks. ' +
      'LSTMs and GRUs use it for candidate states and outputs.',
    formulas: [String.raw`\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1,\qquad \tanh'(x) = 1 - \tanh^2(x)`],
    aliases: ['tanh', 'hyperbolic tangent', 'tanh activation'],
    code: [
      'torch.tanh',
      'torch.nn.Tanh',
      'torch.nn.functional.tanh',
      'jnp.tanh',
      'tf.math.tanh',
      'tf.nn.tanh',
      'tf.keras.activations.tanh',
      'keras.activations.tanh',
      'flax.linen.tanh',
      'flax.nnx.tanh',
    ],
    related: ['sigmoid', 'activation-function', 'exploding-vanishing-gradients'],
  },
  {
    id: 'relu',
    title: 'ReLU (rectified linear unit)',
    section: ACT,
    summary: 'The activation max(x, 0): identity for positive inputs, zero otherwise.',
    definition:
      'ReLU passes positive inputs unchanged and zeroes negative ones, so its gradient is exactly 1 on the active side and does not saturate there. ' +
      'It is not differentiable at 0; frameworks use 0 as the (sub)gradient there. ' +
      'Units whose inputs stay negative receive no gradient and can “die”, which leaky variants avoid.',
    // The notes define ReLU′ as 1 for x ≥ 0 and 0 for x ≤ 0, which overlap at 0; the derivative is 1
    // for x > 0, 0 for x < 0, and undefined at 0 (subgradient in [0, 1]; libraries use 0).
    formulas: [
      String.raw`\operatorname{ReLU}(x) = \max(x, 0),\qquad \operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}\ (\text{undefined at } 0)`,
    ],
    aliases: ['ReLU', 'rectified linear unit', 'relu'],
    generic: ['rectifier'],
    code: [
      'torch.relu',
      'torch.nn.ReLU',
      'torch.nn.functional.relu',
      'jax.nn.relu',
      'flax.linen.relu',
      'flax.nnx.relu',
      'tf.nn.relu',
      'tf.keras.activations.relu',
      'keras.activations.relu',
      'tf.keras.layers.ReLU',
      'keras.layers.ReLU',
    ],
    related: ['leaky-relu', 'gelu', 'activation-function'],
  },
  {
    id: 'leaky-relu',
    title: 'Leaky ReLU',
    section: ACT,
    summary: 'A ReLU with a small slope α for negative inputs, so no unit has zero gradient everywhere.',
    definition:
      'Leaky ReLU keeps the identity for positive inputs and multiplies negative inputs by a small α such as 0.01. ' +
      'The non-zero negative slope prevents dead units. ' +
      'PReLU learns α per channel instead of fixing it.',
    formulas: [String.raw`\operatorname{LeakyReLU}(x) = \max(x, \alpha x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases},\quad 0 < \alpha < 1`],
    aliases: ['leaky ReLU', 'leaky-ReLU', 'LeakyReLU', 'PReLU', 'parametric ReLU'],
    code: [
      'torch.nn.LeakyReLU',
      'torch.nn.functional.leaky_relu',
      'torch.nn.PReLU',
      'jax.nn.leaky_relu',
      'flax.linen.leaky_relu',
      'flax.nnx.leaky_relu',
      'tf.nn.leaky_relu',
      'tf.keras.layers.LeakyReLU',
      'keras.layers.LeakyReLU',
    ],
    related: ['relu', 'activation-function'],
  },
  {
    id: 'sigmoid',
    title: 'Sigmoid (logistic function)',
    section: ACT,
    summary: 'The S-shaped function 1/(1 + e^{−x}) that maps any real number to a probability in (0, 1).',
    definition:
      'The logistic sigmoid turns a logit into a probability and is the inverse of the log-odds (logit) function. ' +
      'Its derivative is σ(1 − σ), at most 1/4, so stacks of sigmoids shrink gradients quickly. ' +
      'It is the output of binary classifiers and the gating function of LSTMs and GRUs.',
    // The notes write ∂σ(x)/∂x = σ(x) ⊙ (1 − σ(x)) for a vector; as a Jacobian this is the diagonal matrix diag(σ ⊙ (1 − σ)).
    formulas: [
      String.raw`\sigma(x) = \frac{1}{1 + e^{-x}} \in (0, 1),\qquad \sigma'(x) = \sigma(x)\big(1 - \sigma(x)\big)`,
      String.raw`\frac{\partial \sigma(\mathbf{x})}{\partial \mathbf{x}} = \operatorname{diag}\big(\sigma(\mathbf{x}) \odot (1 - \sigma(\mathbf{x}))\big),\qquad \sigma^{-1}(y) = \ln \frac{y}{1 - y}`,
    ],
    aliases: ['sigmoid', 'logistic function', 'logistic sigmoid', 'sigmoid function', 'log-odds', 'inverse sigmoid'],
    code: [
      'torch.sigmoid',
      'torch.nn.Sigmoid',
      'torch.nn.functional.sigmoid',
      'jax.nn.sigmoid',
      'flax.linen.sigmoid',
      'flax.nnx.sigmoid',
      'tf.math.sigmoid',
      'tf.nn.sigmoid',
      'tf.keras.activations.sigmoid',
      'keras.activations.sigmoid',
      'scipy.special.expit',
      'scipy.special.logit',
      'torch.logit',
    ],
    related: ['tanh', 'binary-cross-entropy', 'softmax', 'lstm'],
  },
  {
    id: 'softmax',
    title: 'Softmax',
    section: ACT,
    summary: 'Turns a vector of scores into a probability vector by exponentiating and normalizing.',
    definition:
      'Softmax exponentiates each logit and divides by the sum, giving positive entries that sum to one; it is invariant to adding a constant to all logits. ' +
      'Its Jacobian is diag(s) − ssᵀ, and combined with cross-entropy the gradient with respect to the logits is simply s − y. ' +
      'A temperature τ sharpens (τ < 1) or flattens (τ > 1) the distribution, and softmax pooling uses it as a smooth maximum.',
    formulas: [
      String.raw`\operatorname{softmax}(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j=1}^K e^{z_j}},\qquad \frac{\partial\, \operatorname{softmax}(\mathbf{z})}{\partial \mathbf{z}} = \operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^\top`,
    ],
    aliases: ['softmax', 'soft-max', 'softmax function', 'normalized exponential', 'softmax pooling'],
    code: [
      'torch.softmax',
      'torch.nn.Softmax',
      'torch.nn.functional.softmax',
      'jax.nn.softmax',
      'flax.linen.softmax',
      'flax.nnx.softmax',
      'tf.nn.softmax',
      'tf.keras.activations.softmax',
      'keras.activations.softmax',
      'tf.keras.layers.Softmax',
      'scipy.special.softmax',
    ],
    related: ['log-softmax', 'cross-entropy', 'sigmoid'],
  },
  {
    id: 'log-softmax',
    title: 'Log-softmax and log-sum-exp',
    section: ACT,
    summary: 'The logarithm of softmax, computed stably as z − logsumexp(z).',
    definition:
      'Taking the log of a softmax directly can underflow, so libraries compute zᵢ − log Σⱼ exp(zⱼ). ' +
      'The log-sum-exp is evaluated stably by subtracting the maximum logit first, and it is a smooth upper bound of the maximum. ' +
      'Log-softmax followed by the negative log-likelihood loss is exactly cross-entropy on logits.',
    formulas: [
      String.raw`\log \operatorname{softmax}(\mathbf{z})_i = z_i - \log \sum_{j} e^{z_j},\qquad \log \sum_j e^{z_j} = m + \log \sum_j e^{z_j - m},\ m = \max_j z_j`,
    ],
    aliases: ['log-softmax', 'log softmax', 'log-sum-exp', 'logsumexp', 'LogSumExp'],
    code: [
      'torch.nn.functional.log_softmax',
      'torch.nn.LogSoftmax',
      'torch.log_softmax',
      'jax.nn.log_softmax',
      'tf.nn.log_softmax',
      'torch.logsumexp',
      'jax.nn.logsumexp',
      'jax.scipy.special.logsumexp',
      'scipy.special.logsumexp',
      'tf.math.reduce_logsumexp',
    ],
    related: ['softmax', 'negative-log-likelihood', 'cross-entropy'],
  },
  {
    id: 'gelu',
    title: 'GELU (Gaussian error linear unit)',
    section: ACT,
    summary: 'A smooth ReLU-like activation that weights its input by the standard normal CDF: x·Φ(x).',
    definition:
      'GELU multiplies the input by the probability that a standard normal variable is below it, so small negative inputs are damped rather than zeroed. ' +
      'It is smooth and non-monotone near zero, and a tanh-based approximation is common. ' +
      'It is the default activation of Transformers such as BERT and GPT.',
    formulas: [String.raw`\operatorname{GELU}(x) = x\,\Phi(x) \approx \tfrac{1}{2}x\Big(1 + \tanh\big(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\big)\Big)`],
    aliases: ['GELU', 'Gaussian error linear unit'],
    code: [
      'torch.nn.GELU',
      'torch.nn.functional.gelu',
      'jax.nn.gelu',
      'flax.linen.gelu',
      'flax.nnx.gelu',
      'tf.nn.gelu',
      'tf.keras.activations.gelu',
      'keras.activations.gelu',
    ],
    related: ['relu', 'silu', 'gaussian'],
  },
  {
    id: 'silu',
    title: 'SiLU / Swish',
    section: ACT,
    summary: 'The activation x·σ(x): a smooth, self-gated version of ReLU.',
    definition:
      'SiLU multiplies the input by its own sigmoid, behaving like the identity for large positive inputs and approaching zero for large negative ones. ' +
      'Swish generalizes it with a slope β inside the sigmoid. ' +
      'It is used in EfficientNet and many modern convolutional and language models.',
    formulas: [String.raw`\operatorname{SiLU}(x) = x\,\sigma(x),\qquad \operatorname{Swish}_\beta(x) = x\,\sigma(\beta x)`],
    aliases: ['SiLU', 'Swish', 'sigmoid linear unit'],
    code: [
      'torch.nn.SiLU',
      'torch.nn.functional.silu',
      'jax.nn.silu',
      'jax.nn.swish',
      'flax.linen.silu',
      'flax.nnx.silu',
      'tf.nn.silu',
      'tf.keras.activations.swish',
    ],
    related: ['gelu', 'sigmoid', 'relu'],
  },
  {
    id: 'softplus',
    title: 'Softplus',
    section: ACT,
    summary: 'The smooth approximation log(1 + eˣ) of ReLU, always positive.',
    definition:
      'Softplus is a smooth, strictly positive version of max(x, 0) whose derivative is the sigmoid. ' +
      'It is the usual way to turn an unconstrained network output into a positive scale or variance. ' +
      'Its inverse is log(eʸ − 1).',
    formulas: [String.raw`\operatorname{softplus}(x) = \log(1 + e^{x}),\qquad \frac{d}{dx}\operatorname{softplus}(x) = \sigma(x)`],
    aliases: ['softplus', 'soft-plus'],
    code: [
      'torch.nn.Softplus',
      'torch.nn.functional.softplus',
      'jax.nn.softplus',
      'flax.linen.softplus',
      'flax.nnx.softplus',
      'tf.nn.softplus',
      'tf.math.softplus',
    ],
    related: ['relu', 'sigmoid'],
  },
];
