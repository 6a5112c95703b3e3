import type { Term } from './types';

const OPT = 'Beyond the notes: Optimizers';

/**
 * Optimizers and optimizer machinery beyond the notes. Formulas and defaults follow the
 * simulator (compute/optim/torch.ts, keras.ts) for the optimizers the lab runs, and the papers
 * for Lion, LAMB, LARS, Adafactor and Yogi; test/unit/terms-training-optim.test.ts implements
 * every formula and checks it against torch 1.13 or a reference written from the paper.
 */
export const OPTIMIZER_BEYOND_TERMS: Term[] = [
  {
    id: 'moment-estimates',
    title: 'First and second moment estimates',
    section: OPT,
    summary: 'Exponential moving averages of the gradient and of its square that adaptive optimizers keep for every parameter.',
    definition:
      'The first moment estimate m is a decaying average of past gradients and acts as momentum; the second raw moment estimate v averages squared gradients and measures how large each coordinate’s gradient typically is. ' +
      'Their exponential decay rates β₁ and β₂ (0.9 and 0.999 by default in PyTorch, Keras and optax) set how many recent steps each average effectively remembers, about 1/(1 − β). ' +
      'Both start at zero, so for small t they underestimate their targets by the factor 1 − βᵗ. ' +
      'Adam, AdamW, NAdam, RAdam, AMSGrad, Adamax, LAMB and Yogi differ mainly in how they update or use these two averages.',
    formulas: [
      String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t = (1-\beta_1)\sum_{i=1}^{t} \beta_1^{\,t-i} g_i`,
      String.raw`v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,\qquad \mathbb{E}[m_t] = (1-\beta_1^t)\,\mathbb{E}[g]\ \text{ for stationary } g`,
    ],
    aliases: [
      'first moment',
      'second moment',
      'first moment estimate',
      'second moment estimate',
      'second raw moment',
      'moment estimates',
      'exponential decay rate',
      'exponential decay rates',
    ],
    code: [],
    related: ['adam', 'bias-correction', 'rmsprop', 'momentum'],
    lab: { kind: 'optimizer', params: { optimizer: 'adam', lr: 0.05, betas: [0.9, 0.999] } },
  },
  {
    id: 'bias-correction',
    title: 'Bias correction of moving averages',
    section: OPT,
    summary: 'Dividing a zero-initialized moving average by 1 − βᵗ so that it is not pulled towards zero in the first steps.',
    definition:
      'An exponential moving average started at zero is a weighted sum whose weights add up to only 1 − βᵗ after t steps, so early on it is biased towards zero. ' +
      'Dividing by that total weight removes the bias exactly when the averaged quantity is constant. ' +
      'Adam corrects both moment estimates this way; without it the second moment is tiny in the first steps and the first updates come out far too large. ' +
      'optax.ema(debias=True) applies the same correction to an average of the weights.',
    formulas: [
      String.raw`\hat m_t = \frac{m_t}{1-\beta_1^t},\qquad \hat v_t = \frac{v_t}{1-\beta_2^t}`,
      String.raw`m_t = (1-\beta)\sum_{i=1}^{t} \beta^{\,t-i} x_i,\qquad (1-\beta)\sum_{i=1}^{t} \beta^{\,t-i} = 1-\beta^t`,
    ],
    aliases: ['bias correction', 'bias-corrected', 'initialization bias correction', 'debiased moving average', 'debiased EMA'],
    code: [],
    related: ['moment-estimates', 'adam', 'weight-ema'],
    lab: { kind: 'optimizer', params: { optimizer: 'adam', lr: 0.05 } },
  },
  {
    id: 'adadelta',
    title: 'Adadelta',
    section: OPT,
    summary: 'An adaptive method that scales each step by the ratio of the running RMS of past updates to the running RMS of past gradients.',
    definition:
      'Adadelta keeps two decaying averages per parameter: one of squared gradients, as RMSProp does, and one of squared updates. ' +
      'The step is the gradient times the RMS of recent updates over the RMS of recent gradients, which gives the update the units of the parameter and, in Zeiler’s original form, needs no learning rate. ' +
      'PyTorch still multiplies by lr (defaults lr = 1.0, ρ = 0.9, ε = 1e-6); Keras applies the same rule with learning_rate = 0.001, ρ = 0.95 and ε = 1e-7.',
    formulas: [
      String.raw`v_t = \rho\, v_{t-1} + (1-\rho)\, g_t^2,\qquad \Delta_t = \frac{\sqrt{u_{t-1}+\epsilon}}{\sqrt{v_t+\epsilon}}\, g_t`,
      String.raw`u_t = \rho\, u_{t-1} + (1-\rho)\, \Delta_t^2,\qquad \theta_t = \theta_{t-1} - \gamma\, \Delta_t`,
    ],
    aliases: ['Adadelta', 'AdaDelta', 'ADADELTA'],
    code: ['torch.optim.Adadelta', 'keras.optimizers.Adadelta', 'tf.keras.optimizers.Adadelta', 'optax.adadelta'],
    related: ['rmsprop', 'adagrad', 'adaptive-learning-rate', 'moment-estimates'],
    lab: { kind: 'optimizer', params: { optimizer: 'adadelta', lr: 1.0 } },
  },
  {
    id: 'adamax',
    title: 'Adamax',
    section: OPT,
    summary: 'Adam with the root-mean-square denominator replaced by an exponentially weighted infinity norm of past gradients.',
    definition:
      'Adamax keeps Adam’s first moment but divides by u, a running maximum of |g| in which older values decay by the factor β₂ at every step. ' +
      'The maximum needs no bias correction, so only the first moment is divided by 1 − β₁ᵗ. ' +
      'PyTorch adds ε inside the maximum and defaults to lr = 0.002 with betas (0.9, 0.999), while Keras adds ε to u in the denominator and defaults to a learning rate of 0.001.',
    formulas: [
      String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad u_t = \max\big(\beta_2 u_{t-1},\ |g_t| + \epsilon\big)`,
      String.raw`\theta_t = \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\, \frac{m_t}{u_t}`,
    ],
    aliases: ['Adamax', 'AdaMax', 'ADAMAX'],
    code: ['torch.optim.Adamax', 'keras.optimizers.Adamax', 'tf.keras.optimizers.Adamax', 'optax.adamax'],
    related: ['adam', 'moment-estimates', 'lp-norm'],
    lab: { kind: 'optimizer', params: { optimizer: 'adamax', lr: 0.002 } },
  },
  {
    id: 'radam',
    title: 'RAdam (rectified Adam)',
    section: OPT,
    summary:
      'Adam that takes plain momentum steps while its adaptive step size is still too noisy, then multiplies the adaptive step by a rectification factor.',
    definition:
      'In the first steps the second-moment estimate rests on a handful of gradients, so the adaptive step size has a large variance, which is why Adam often needs a warm-up. ' +
      'RAdam tracks ρₜ, the length of the simple moving average that the exponential average approximates, and while ρₜ ≤ 5 it takes a bias-corrected momentum step without adaptive scaling. ' +
      'Afterwards it multiplies Adam’s step by a factor rₜ that rises towards 1. ' +
      'PyTorch uses Adam’s defaults (lr = 0.001, betas (0.9, 0.999), ε = 1e-8) and adds ε to √vₜ rather than to the bias-corrected root.',
    formulas: [
      String.raw`\rho_\infty = \frac{2}{1-\beta_2} - 1,\qquad \rho_t = \rho_\infty - \frac{2t\,\beta_2^t}{1-\beta_2^t}`,
      String.raw`r_t = \sqrt{\frac{(\rho_t-4)(\rho_t-2)\,\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\,\rho_t}}`,
      String.raw`\theta_t = \begin{cases} \theta_{t-1} - \gamma\, r_t\, \hat m_t\, \dfrac{\sqrt{1-\beta_2^t}}{\sqrt{v_t}+\epsilon} & \rho_t > 5 \\ \theta_{t-1} - \gamma\, \hat m_t & \text{otherwise} \end{cases}`,
    ],
    aliases: ['RAdam', 'rectified Adam'],
    code: ['torch.optim.RAdam', 'optax.radam', 'tfa.optimizers.RectifiedAdam'],
    related: ['adam', 'warmup', 'bias-correction'],
    lab: { kind: 'optimizer', params: { optimizer: 'radam', lr: 0.001 } },
  },
  {
    id: 'amsgrad',
    title: 'AMSGrad',
    section: OPT,
    summary: 'An Adam variant that divides by the running maximum of the second-moment estimate, so no coordinate’s step size can grow.',
    definition:
      'Reddi, Kale and Kumar showed that Adam can fail to converge even on simple convex problems, because a drop in vₜ suddenly enlarges the effective step. ' +
      'AMSGrad keeps the largest second-moment estimate seen so far and uses it in the denominator, which makes every coordinate’s step size non-increasing. ' +
      'In PyTorch and Keras it is the flag amsgrad=True of Adam and AdamW (PyTorch divides the maximum by 1 − β₂ᵗ), and optax offers it as optax.amsgrad.',
    formulas: [
      String.raw`v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,\qquad v^{\max}_t = \max\big(v^{\max}_{t-1},\ v_t\big)`,
      String.raw`\theta_t = \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\, \frac{m_t}{\sqrt{v^{\max}_t}\,/\sqrt{1-\beta_2^t} + \epsilon}`,
    ],
    aliases: ['AMSGrad', 'AMSgrad'],
    code: ['optax.amsgrad'],
    related: ['adam', 'moment-estimates', 'adamw'],
    lab: { kind: 'optimizer', params: { optimizer: 'adam', lr: 0.001, amsgrad: true } },
  },
  {
    id: 'lion',
    title: 'Lion (evolved sign momentum)',
    section: OPT,
    summary: 'An optimizer found by program search that steps by the sign of an interpolation between its momentum and the current gradient.',
    definition:
      'Lion keeps a single momentum buffer, so it needs half of Adam’s optimizer memory. ' +
      'Each step takes the sign of β₁m + (1 − β₁)g, so every coordinate moves by exactly the learning rate before decoupled weight decay, and only then is the momentum updated with a second rate β₂. ' +
      'Because sign updates have a larger norm than Adam’s, Lion is usually run with a learning rate 3 to 10 times smaller and a correspondingly larger weight decay. ' +
      'The defaults are β₁ = 0.9 and β₂ = 0.99 in optax.lion and keras.optimizers.Lion.',
    formulas: [
      String.raw`c_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad \theta_t = \theta_{t-1} - \eta\,\big(\operatorname{sign}(c_t) + \lambda\,\theta_{t-1}\big)`,
      String.raw`m_t = \beta_2 m_{t-1} + (1-\beta_2)\, g_t,\qquad \big|\theta_{t,i} - (1-\eta\lambda)\,\theta_{t-1,i}\big| = \eta\ \text{ whenever } c_{t,i} \ne 0`,
    ],
    aliases: ['Lion optimizer', 'evolved sign momentum'],
    code: ['optax.lion', 'keras.optimizers.Lion', 'tf.keras.optimizers.Lion'],
    related: ['adamw', 'momentum', 'weight-decay'],
  },
  {
    id: 'lamb',
    title: 'LAMB (layer-wise adaptive moments)',
    section: OPT,
    summary: 'Adam with a per-layer trust ratio that rescales each layer’s update in proportion to the norm of its weights, for very large batches.',
    definition:
      'LAMB forms Adam’s bias-corrected step plus decoupled weight decay for every layer and then normalizes it: the layer moves by η times ‖θ‖/‖r‖ times its update r. ' +
      'With φ the identity, the relative change ‖Δθ‖/‖θ‖ of every layer is then exactly η, whatever the scale of its gradients. ' +
      'This layer-wise adaptation kept BERT pre-training stable at batch sizes in the tens of thousands, and it is available as optax.lamb, keras.optimizers.Lamb (Keras 3) and tfa.optimizers.LAMB.',
    formulas: [
      String.raw`r_t = \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} + \lambda\, \theta_{t-1}`,
      String.raw`\theta_t = \theta_{t-1} - \eta\, \frac{\phi(\|\theta_{t-1}\|)}{\|r_t\|}\, r_t\qquad (\text{per layer})`,
    ],
    aliases: ['LAMB', 'LAMB optimizer', 'layer-wise adaptive moments'],
    code: ['optax.lamb', 'keras.optimizers.Lamb', 'tf.keras.optimizers.Lamb', 'tfa.optimizers.LAMB'],
    related: ['lars', 'adam', 'adamw', 'batch-size'],
  },
  {
    id: 'lars',
    title: 'LARS (layer-wise adaptive rate scaling)',
    section: OPT,
    summary: 'SGD with momentum in which each layer’s learning rate is scaled by the ratio of its weight norm to its gradient norm.',
    definition:
      'Large batches call for large learning rates, but layers whose gradients are big relative to their weights then diverge. ' +
      'LARS gives every layer a local learning rate proportional to ‖w‖/(‖∇L‖ + λ‖w‖), times a trust coefficient (0.001 in the paper and in optax.lars), and takes a momentum step with it. ' +
      'It made ImageNet training of ResNet-50 with batches of 32k feasible and remains common in self-supervised pre-training.',
    formulas: [
      String.raw`\eta^{l} = \tau\, \frac{\|w^{l}\|}{\|\nabla L(w^{l})\| + \lambda\, \|w^{l}\|}`,
      String.raw`v^{l}_{t} = m\, v^{l}_{t-1} + \gamma\, \eta^{l}\, \big(\nabla L(w^{l}_{t}) + \lambda\, w^{l}_{t}\big),\qquad w^{l}_{t+1} = w^{l}_{t} - v^{l}_{t}`,
    ],
    aliases: ['LARS', 'LARS optimizer', 'layer-wise adaptive rate scaling'],
    code: ['optax.lars'],
    related: ['lamb', 'momentum', 'batch-size'],
  },
  {
    id: 'adafactor',
    title: 'Adafactor',
    section: OPT,
    summary: 'A memory-saving adaptive method that stores the second moment of each weight matrix only through its row and column sums.',
    definition:
      'For an n×m weight matrix Adafactor keeps n + m accumulators, decaying row and column sums of the squared gradient, and rebuilds a rank-one estimate of the full second moment from them. ' +
      'The original algorithm also drops momentum, clips every update to a root-mean-square of at most d, lets β₂ grow with the step count, and uses a step size relative to the RMS of the weights. ' +
      'It became the usual optimizer for T5-style models and is available as optax.adafactor, keras.optimizers.Adafactor and torch.optim.Adafactor (PyTorch 2.5 and later, with its own defaults).',
    formulas: [
      String.raw`R_t = \hat\beta_{2t} R_{t-1} + (1-\hat\beta_{2t})\,(G_t^2 + \epsilon_1)\,\mathbf{1}_m,\qquad C_t = \hat\beta_{2t} C_{t-1} + (1-\hat\beta_{2t})\,\mathbf{1}_n^\top (G_t^2 + \epsilon_1)`,
      String.raw`\hat V_t = \frac{R_t C_t}{\mathbf{1}_n^\top R_t},\qquad U_t = \frac{G_t}{\sqrt{\hat V_t}},\qquad \hat U_t = \frac{U_t}{\max\big(1,\ \mathrm{RMS}(U_t)/d\big)}`,
      String.raw`X_t = X_{t-1} - \alpha_t \hat U_t,\quad \alpha_t = \max\big(\epsilon_2, \mathrm{RMS}(X_{t-1})\big)\min\big(10^{-2}, 1/\sqrt{t}\big),\quad \hat\beta_{2t} = 1 - t^{-0.8}`,
    ],
    aliases: ['Adafactor', 'AdaFactor'],
    code: ['optax.adafactor', 'keras.optimizers.Adafactor', 'tf.keras.optimizers.Adafactor', 'torch.optim.Adafactor'],
    related: ['adam', 'rmsprop', 'moment-estimates'],
  },
  {
    id: 'yogi',
    title: 'Yogi',
    section: OPT,
    summary: 'An Adam variant whose second-moment estimate changes additively by (1 − β₂)g², so it cannot forget large past gradients too quickly.',
    definition:
      'In Adam, vₜ moves multiplicatively towards g² and can collapse when gradients suddenly become small, which inflates the step. ' +
      'Yogi instead moves v by (1 − β₂)g² in the direction of sign(g² − v), which limits how fast the effective learning rate can rise. ' +
      'The paper uses a larger ε (1e-3) than Adam and a learning rate around 0.01, and optax.yogi starts its accumulators at 1e-6 instead of zero.',
    formulas: [
      String.raw`v_t = v_{t-1} - (1-\beta_2)\, \operatorname{sign}\big(v_{t-1} - g_t^2\big)\, g_t^2`,
      String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad \theta_t = \theta_{t-1} - \eta\, \frac{m_t}{\sqrt{v_t} + \epsilon}`,
    ],
    aliases: ['Yogi', 'Yogi optimizer'],
    code: ['optax.yogi', 'tfa.optimizers.Yogi'],
    related: ['adam', 'moment-estimates', 'amsgrad'],
  },
  {
    id: 'rprop',
    title: 'Rprop (resilient backpropagation)',
    section: OPT,
    summary: 'A sign-based method in which every weight has its own step size that grows while its gradient keeps its sign and shrinks when the sign flips.',
    definition:
      'Rprop ignores gradient magnitudes, which makes it robust to badly scaled gradients but suited only to full-batch training, since mini-batch noise flips signs at random. ' +
      'Each coordinate’s step grows by η₊ = 1.2 after a step with an unchanged gradient sign and shrinks by η₋ = 0.5 after a sign change, clamped to [1e-6, 50] in PyTorch. ' +
      'In PyTorch’s variant a coordinate whose gradient flipped sign does not move on that step and its stored gradient is set to zero, and lr (default 0.01) is only the initial step size.',
    formulas: [
      String.raw`\Delta_{t,i} = \operatorname{clip}\big(s_{t,i}\,\Delta_{t-1,i},\ \Delta_{\min},\ \Delta_{\max}\big),\qquad s_{t,i} = \begin{cases} \eta_+ & g_{t,i}\, g_{t-1,i} > 0 \\ \eta_- & g_{t,i}\, g_{t-1,i} < 0 \\ 1 & \text{otherwise} \end{cases}`,
      String.raw`g_{t,i} \leftarrow 0 \ \text{ if } g_{t,i}\, g_{t-1,i} < 0,\qquad \theta_{t,i} = \theta_{t-1,i} - \Delta_{t,i}\, \operatorname{sign}(g_{t,i}),\qquad \Delta_{0,i} = \gamma`,
    ],
    aliases: ['Rprop', 'RProp', 'RPROP', 'resilient backpropagation', 'resilient propagation'],
    code: ['torch.optim.Rprop', 'optax.rprop'],
    related: ['adaptive-learning-rate', 'gradient-descent'],
    lab: { kind: 'optimizer', params: { optimizer: 'rprop', lr: 0.01 } },
  },
  {
    id: 'asgd',
    title: 'ASGD (PyTorch’s averaged SGD)',
    section: OPT,
    summary: 'SGD with a slowly decaying step size and an L2 shrink, plus a running average of the iterates that starts after t0 steps.',
    definition:
      'torch.optim.ASGD implements the averaged stochastic gradient method of Polyak and Juditsky: each step shrinks the weights by 1 − λη and takes an SGD step whose size decays as γ/(1 + λγt)^α. ' +
      'From step t0 on it also maintains the average ā of the iterates, which lives in the optimizer state (state["ax"]) rather than in the parameters. ' +
      'With the defaults λ = 1e-4, α = 0.75 and t0 = 1e6 the average equals the current parameters in any practical run, so ASGD behaves like SGD with a gently decaying learning rate unless t0 is lowered.',
    formulas: [
      String.raw`\theta_t = (1 - \lambda\eta_t)\,\theta_{t-1} - \eta_t\, g_t,\qquad \eta_t = \frac{\gamma}{\big(1 + \lambda\gamma\,(t-1)\big)^{\alpha}}`,
      String.raw`\bar a_t = \bar a_{t-1} + \mu_t\,(\theta_t - \bar a_{t-1}),\qquad \mu_t = \frac{1}{\max(1,\ t-1-t_0)}`,
    ],
    aliases: ['ASGD', 'averaged stochastic gradient descent'],
    code: [],
    related: ['polyak-averaging', 'sgd', 'robbins-monro', 'weight-decay'],
    lab: { kind: 'optimizer', params: { optimizer: 'asgd', lr: 0.01 } },
  },
];
