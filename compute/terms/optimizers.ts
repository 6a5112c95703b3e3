import type { Term } from './types';

const GD = '11.3 Gradient Descent';

export const OPTIMIZER_TERMS: Term[] = [
  {
    id: 'gradient-descent',
    title: 'Gradient descent (GD)',
    section: GD,
    summary: 'Repeatedly step against the gradient of the loss, scaled by a learning rate.',
    definition:
      'Gradient descent moves the parameters a small step in the direction of steepest decrease of the loss. ' +
      'On an L-smooth function a step size of 1/L decreases the loss every iteration, and with strong convexity or the PL condition convergence is linear at rate 1 − μ/L. ' +
      'Full-batch gradient descent evaluates the gradient on the whole training set at every step.',
    formulas: [String.raw`\theta_{t+1} = \theta_t - \eta\, \nabla_\theta J(\theta_t)`],
    aliases: ['gradient descent', 'steepest descent', 'batch gradient descent', 'full-batch gradient descent', 'GD'],
    code: [],
    related: ['sgd', 'learning-rate', 'l-smoothness', 'gradient-flow', 'momentum'],
    lab: { kind: 'optimizer', params: { optimizer: 'gd', lr: 0.1 } },
  },
  {
    id: 'sgd',
    title: 'Stochastic gradient descent (SGD)',
    section: GD,
    summary: 'Gradient descent with the gradient estimated on one example or a random mini-batch.',
    definition:
      'SGD replaces the full gradient by the average gradient over a random mini-batch, an unbiased but noisy estimate that is far cheaper to compute. ' +
      'The noise means a constant step size only reaches a neighbourhood of the optimum; decaying steps that satisfy the Robbins–Monro conditions, or iterate averaging, remove it. ' +
      'The same noise helps to leave saddle points and sharp minima in non-convex training.',
    formulas: [
      String.raw`\theta_{t+1} = \theta_t - \eta_t\, \hat{\mathbf{g}}_t,\qquad \hat{\mathbf{g}}_t = \frac{1}{|B_t|}\sum_{i \in B_t} \nabla_\theta \ell_i(\theta_t),\quad \mathbb{E}[\hat{\mathbf{g}}_t] = \nabla J(\theta_t)`,
    ],
    aliases: ['stochastic gradient descent', 'SGD', 'mini-batch gradient descent', 'minibatch SGD', 'mini-batch SGD'],
    code: ['torch.optim.SGD', 'tf.keras.optimizers.SGD', 'keras.optimizers.SGD', 'optax.sgd', 'tf.compat.v1.train.GradientDescentOptimizer'],
    related: ['gradient-descent', 'robbins-monro', 'polyak-averaging', 'momentum', 'learning-rate'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05 } },
  },
  {
    id: 'gradient-flow',
    title: 'Gradient flow',
    section: GD,
    summary: 'The continuous-time limit of gradient descent: the ODE dθ/dt = −∇J(θ).',
    definition:
      'Letting the step size go to zero turns gradient descent into an ordinary differential equation whose trajectories always decrease the loss. ' +
      'Gradient descent is the explicit (forward) Euler discretization of this flow with time step η. ' +
      'Analysing the flow first and then the discretization error is a common way to study optimizers.',
    formulas: [String.raw`\dot{\theta}(t) = -\nabla J(\theta(t)),\qquad \frac{d}{dt} J(\theta(t)) = -\|\nabla J(\theta(t))\|^2 \le 0`],
    aliases: ['gradient flow', 'continuous-time gradient descent'],
    code: [],
    related: ['gradient-descent'],
  },
  {
    id: 'learning-rate',
    title: 'Learning rate (step size)',
    section: GD,
    summary: 'The factor η that scales each optimizer step.',
    definition:
      'The learning rate trades speed for stability: too small and training crawls, too large and the iterates oscillate or diverge. ' +
      'For gradient descent on an L-smooth function any η below 2/L keeps quadratic models stable and η = 1/L guarantees descent. ' +
      'In practice it is the most important hyperparameter and is usually varied over training by a schedule.',
    formulas: [
      String.raw`\theta_{t+1} = \theta_t - \eta\, \mathbf{g}_t,\qquad 0 < \eta \le \frac{1}{L}\ \Rightarrow\ J(\theta_{t+1}) \le J(\theta_t) - \frac{\eta}{2}\|\nabla J(\theta_t)\|^2`,
    ],
    aliases: ['learning rate', 'learning-rate', 'step size', 'step-size'],
    code: [],
    related: ['lr-schedule', 'l-smoothness', 'gradient-descent'],
  },
  {
    id: 'polyak-averaging',
    title: 'Polyak averaging (averaged SGD)',
    section: GD,
    summary: 'Report the average of the iterates rather than the last one, which cancels much of SGD’s noise.',
    definition:
      'Polyak–Ruppert averaging keeps a running arithmetic mean of the parameters visited by SGD, or an exponential moving average of them. ' +
      'Averaging reduces the variance of the final estimate and allows larger steps while still converging. ' +
      'For strongly convex problems averaged SGD attains the optimal O(1/t) rate; EMA weights are standard in diffusion models and GANs.',
    // The notes claim the O(1/t) rate "for convex problems"; it needs strong convexity (the
    // optimal stochastic rate for merely convex problems is O(1/√t)).
    formulas: [
      String.raw`\bar{\theta}_t = \frac{1}{t}\sum_{i=1}^{t} \theta_i = \bar{\theta}_{t-1} + \frac{1}{t}\big(\theta_t - \bar{\theta}_{t-1}\big)`,
      String.raw`\bar{\theta}_t = (1 - \beta)\,\bar{\theta}_{t-1} + \beta\, \theta_t\quad (\text{exponential moving average})`,
    ],
    aliases: [
      'Polyak averaging',
      'Polyak–Ruppert averaging',
      'Polyak-Ruppert',
      'averaged SGD',
      'iterate averaging',
      'weight averaging',
      'EMA of weights',
      'stochastic weight averaging',
    ],
    code: ['torch.optim.ASGD', 'torch.optim.swa_utils.AveragedModel', 'tf.train.ExponentialMovingAverage'],
    related: ['sgd', 'robbins-monro'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05, averaging: true } },
  },
  {
    id: 'robbins-monro',
    title: 'Robbins–Monro conditions',
    section: GD,
    summary: 'Step sizes must sum to infinity but have a finite sum of squares for SGD to converge.',
    definition:
      'The first condition lets the iterates travel arbitrarily far, so any starting point can reach the optimum. ' +
      'The second makes the accumulated gradient noise finite, so the iterates stop fluctuating. ' +
      'The schedule αₜ = 1/t satisfies both; αₜ = 1/√t and αₜ = t^{−1/3} satisfy only the first.',
    // The notes give α_t = 1/√t as satisfying both; Σ 1/t diverges, so it fails the second
    // condition. Any α_t = t^{−p} with 1/2 < p ≤ 1 satisfies both.
    formulas: [
      String.raw`\sum_{t=1}^{\infty} \alpha_t = \infty,\qquad \sum_{t=1}^{\infty} \alpha_t^2 < \infty`,
      String.raw`\alpha_t = t^{-p}\ \text{ satisfies both} \iff \tfrac{1}{2} < p \le 1`,
    ],
    aliases: ['Robbins–Monro', 'Robbins-Monro', 'Robbins Monro', 'Robbins–Monro conditions', 'stochastic approximation', 'learning rate conditions'],
    code: [],
    related: ['sgd', 'lr-schedule', 'inverse-time-decay', 'polyak-averaging'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.5, schedule: 'inverse-time' } },
  },
  {
    id: 'momentum',
    title: 'Momentum (heavy ball)',
    section: GD,
    summary: 'Adds a fraction β of the previous step to the gradient step, building up speed along consistent directions.',
    definition:
      'Polyak’s heavy-ball method keeps a velocity: an exponentially decaying sum of past gradient steps. ' +
      'Along directions where gradients agree the steps accumulate, while oscillating components across a narrow valley cancel, which helps on ill-conditioned problems. ' +
      'PyTorch’s SGD(momentum=μ, dampening=τ) keeps a buffer b ← μb + (1 − τ)g and steps θ ← θ − lr·b, which is the heavy ball with β = μ only when τ = 0 and the learning rate stays constant (a schedule rescales the whole buffer at once, and τ > 0 shrinks every gradient’s weight).',
    // PyTorch puts lr outside the buffer (b₁ = g on the first step); Keras’ v ← μv − lr·g puts it
    // inside. They agree only for a constant lr and dampening 0 (see compute/optim/frameworks.ts).
    formulas: [
      String.raw`\theta_{t+1} = \theta_t - \eta\, \nabla J(\theta_t) + \beta\,(\theta_t - \theta_{t-1}),\quad \beta \in [0, 1)`,
      String.raw`\text{PyTorch: } \mathbf{b}_t = \mu\, \mathbf{b}_{t-1} + (1 - \tau)\, \mathbf{g}_t,\quad \theta_{t+1} = \theta_t - \eta_t\, \mathbf{b}_t\qquad (\text{heavy ball with } \beta = \mu \text{ only if } \tau = 0,\ \eta_t = \eta)`,
    ],
    aliases: ['heavy ball', 'heavy-ball method', 'heavy ball method', 'Polyak momentum', 'SGD with momentum', 'classical momentum'],
    generic: ['momentum'],
    // A batch-norm layer's momentum is the weight of its running statistics, not this.
    notNear: ['BatchNorm', 'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'BatchNormalization', 'batchnorm', 'BN'],
    code: ['optax.trace'],
    related: ['nesterov', 'sgd', 'condition-number', 'adam'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05, momentum: 0.9 } },
  },
  {
    id: 'nesterov',
    title: 'Nesterov accelerated gradient (NAG)',
    section: GD,
    summary: 'Momentum that evaluates the gradient at the look-ahead point reached by the momentum step.',
    definition:
      'Nesterov’s method first extrapolates along the previous step and then takes the gradient step from that look-ahead point, using the gradient there. ' +
      'The correction makes the method react earlier when the velocity overshoots. ' +
      'On L-smooth convex functions it reaches the optimal O(1/t²) rate of first-order methods (versus O(1/t) for gradient descent) only with a growing momentum such as βₜ = (t − 1)/(t + 2) and η = 1/L; a constant β, as in PyTorch’s SGD(nesterov=True), carries a guarantee only under strong convexity, with β = (√κ − 1)/(√κ + 1) giving the linear rate 1 − 1/√κ.',
    // The notes write both lines with θ^{t+1}, overwriting the variable; the look-ahead point needs
    // its own name (y_t), and the gradient is taken at y_t, not at θ_t.
    formulas: [
      String.raw`\mathbf{y}_t = \theta_t + \beta_t\,(\theta_t - \theta_{t-1}),\qquad \theta_{t+1} = \mathbf{y}_t - \eta\, \nabla J(\mathbf{y}_t)`,
      String.raw`\beta_t = \frac{t - 1}{t + 2},\ \eta = \frac{1}{L}:\quad J(\theta_t) - J^* = O\Big(\frac{L\, \|\theta_0 - \theta^*\|^2}{t^2}\Big)\quad (J \text{ convex, } L\text{-smooth})`,
    ],
    aliases: ['Nesterov accelerated gradient', 'Nesterov momentum', 'Nesterov', 'NAG', 'accelerated gradient', 'Nesterov acceleration'],
    code: [],
    related: ['momentum', 'nadam'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true } },
  },
  {
    id: 'adaptive-learning-rate',
    title: 'Adaptive learning-rate methods',
    section: GD,
    summary: 'Optimizers that give every parameter its own step size, derived from the history of its gradients.',
    definition:
      'Adaptive methods divide each coordinate’s step by a running measure of that coordinate’s gradient magnitude. ' +
      'Rarely updated or small-gradient parameters thus take larger steps, which acts like a diagonal preconditioner and helps with poor conditioning. ' +
      'AdaGrad, RMSProp, Adam and AdamW belong to this family.',
    formulas: [
      String.raw`\theta_{t+1, i} = \theta_{t, i} - \frac{\eta}{\sqrt{s_{t, i}} + \epsilon}\, g_{t, i},\qquad s_{t,i} \text{ an accumulated or averaged } g_{\cdot, i}^2`,
    ],
    aliases: ['adaptive learning rate', 'adaptive learning-rate methods', 'adaptive optimizer', 'adaptive gradient methods', 'per-parameter learning rate'],
    code: [],
    related: ['adagrad', 'rmsprop', 'adam', 'adamw'],
  },
  {
    id: 'adagrad',
    title: 'AdaGrad',
    section: GD,
    summary: 'Divides each coordinate’s step by the square root of the sum of all its past squared gradients.',
    definition:
      'AdaGrad accumulates squared gradients per parameter and scales the learning rate by the inverse square root of the total. ' +
      'Parameters with rare but informative gradients, as in sparse features, get large steps. ' +
      'Because the accumulator only grows, the effective learning rate decays monotonically and can stall training, which RMSProp fixes.',
    formulas: [String.raw`G_t = G_{t-1} + g_t^2,\qquad \theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{G_t} + \epsilon}\, g_t`],
    aliases: ['AdaGrad', 'Adagrad', 'adaptive gradient algorithm'],
    code: ['torch.optim.Adagrad', 'tf.keras.optimizers.Adagrad', 'keras.optimizers.Adagrad', 'optax.adagrad'],
    related: ['rmsprop', 'adaptive-learning-rate', 'adam'],
    lab: { kind: 'optimizer', params: { optimizer: 'adagrad', lr: 0.5 } },
  },
  {
    id: 'rmsprop',
    title: 'RMSProp',
    section: GD,
    summary: 'Scales each coordinate’s step by a decaying average of its squared gradients.',
    definition:
      'RMSProp replaces AdaGrad’s ever-growing sum by an exponential moving average of squared gradients, so the step size adapts to recent gradient sizes without decaying to zero. ' +
      'The decay constant α is PyTorch’s alpha (default 0.99), Keras’ rho and optax’s decay (both 0.9), and η is the learning rate. ' +
      'PyTorch adds ε outside the square root, while Keras 3 and optax (eps_in_sqrt=True by default) add it inside, where the denominator can never fall below √ε. ' +
      'The placement therefore changes the steps and is not only a guard against division by zero: where v ≈ 0 the step is ηg/ε with ε outside but ηg/√ε with ε inside.',
    formulas: [
      String.raw`v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2,\qquad \alpha = \text{PyTorch alpha} = \text{Keras rho} = \text{optax decay}`,
      String.raw`\text{PyTorch: } \theta_{t+1} = \theta_t - \frac{\eta\, g_t}{\sqrt{v_t} + \epsilon},\qquad \text{Keras 3, optax: } \theta_{t+1} = \theta_t - \frac{\eta\, g_t}{\sqrt{v_t + \epsilon}}`,
    ],
    aliases: ['RMSProp', 'RMSprop', 'root mean square propagation'],
    code: ['torch.optim.RMSprop', 'tf.keras.optimizers.RMSprop', 'keras.optimizers.RMSprop', 'optax.rmsprop'],
    related: ['adagrad', 'adam', 'adaptive-learning-rate'],
    lab: { kind: 'optimizer', params: { optimizer: 'rmsprop', lr: 0.01, alpha: 0.99 } },
  },
  {
    id: 'adam',
    title: 'Adam (adaptive moment estimation)',
    section: GD,
    summary: 'A gradient method that scales each coordinate’s step by a running estimate of the gradient’s size.',
    definition:
      'Adam keeps two exponential moving averages per parameter: one of the gradient (a momentum term) and one of its square. ' +
      'Both start at zero, so early averages are biased towards zero and are divided by 1 − βᵗ to correct that. ' +
      'The step is the corrected mean divided by the square root of the corrected second moment plus ε, which makes it roughly invariant to the gradient’s scale.',
    formulas: [
      String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2`,
      String.raw`\hat m_t = \frac{m_t}{1-\beta_1^t},\quad \hat v_t = \frac{v_t}{1-\beta_2^t},\quad \theta_t = \theta_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}`,
    ],
    aliases: ['Adam', 'adaptive moment estimation', 'Adam optimizer', 'ADAM'],
    code: ['torch.optim.Adam', 'tf.keras.optimizers.Adam', 'keras.optimizers.Adam', 'optax.adam'],
    related: ['adamw', 'rmsprop', 'momentum', 'adaptive-learning-rate'],
    lab: { kind: 'optimizer', params: { optimizer: 'adam', lr: 0.001, betas: [0.9, 0.999] } },
  },
  {
    id: 'adamw',
    title: 'AdamW (decoupled weight decay)',
    section: GD,
    summary: 'Adam with weight decay applied directly to the weights instead of being added to the gradient.',
    definition:
      'With Adam, an L2 penalty in the loss is rescaled by the adaptive denominator, so heavily-updated weights are barely regularized. ' +
      'AdamW decouples the two: it takes the Adam step and separately shrinks every weight by a fraction proportional to the learning rate. ' +
      'It is the default optimizer for Transformers.',
    formulas: [String.raw`\theta_t = \theta_{t-1} - \alpha \Big(\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} + \lambda\, \theta_{t-1}\Big)`],
    aliases: ['AdamW', 'decoupled weight decay', 'Adam with decoupled weight decay'],
    code: ['torch.optim.AdamW', 'tf.keras.optimizers.AdamW', 'keras.optimizers.AdamW', 'optax.adamw'],
    related: ['adam', 'weight-decay'],
    lab: { kind: 'optimizer', params: { optimizer: 'adamw', lr: 0.001, betas: [0.9, 0.999], weight_decay: 0.01 } },
  },
  {
    id: 'nadam',
    title: 'NAdam (Nesterov-accelerated Adam)',
    section: GD,
    summary: 'Adam whose momentum term uses Nesterov’s look-ahead.',
    definition:
      'NAdam replaces Adam’s bias-corrected first moment by a Nesterov-style combination of the current gradient and the updated momentum, while the adaptive second-moment scaling is unchanged. ' +
      'PyTorch’s NAdam also warms the momentum up with Dozat’s schedule μₜ = β₁(1 − ½·0.96^{tψ}), ψ = momentum_decay = 0.004, so μₜ starts near β₁/2 and approaches β₁ only over thousands of steps. ' +
      'The bias corrections use the running products of the μᵢ instead of β₁ᵗ.',
    // As compute/optim/torch.ts (tested against torch.optim.NAdam): m_t, v_t as in Adam, v̂_t = v_t/(1 − β₂ᵗ).
    formulas: [
      String.raw`\mu_t = \beta_1\Big(1 - \tfrac{1}{2}\, 0.96^{\,t \psi}\Big),\qquad \psi = 0.004\ (\text{PyTorch momentum decay})`,
      String.raw`\theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{\hat v_t} + \epsilon}\Big(\frac{(1 - \mu_t)\, g_t}{1 - \prod_{i \le t} \mu_i} + \frac{\mu_{t+1}\, m_t}{1 - \prod_{i \le t+1} \mu_i}\Big)`,
    ],
    aliases: ['NAdam', 'Nadam', 'Nesterov-accelerated Adam'],
    code: ['torch.optim.NAdam', 'tf.keras.optimizers.Nadam', 'keras.optimizers.Nadam', 'optax.nadam'],
    related: ['adam', 'nesterov'],
    lab: { kind: 'optimizer', params: { optimizer: 'nadam', lr: 0.002 } },
  },
  {
    id: 'weight-decay',
    title: 'Weight decay (L2 regularization)',
    section: GD,
    summary: 'Shrinks the weights towards zero at every step, equivalent for plain SGD to an L2 penalty on the loss.',
    definition:
      'Adding (λ/2)‖θ‖² to the loss adds λθ to the gradient, so each SGD step multiplies the weights by 1 − ηλ before the gradient step. ' +
      'For SGD these two views coincide; for adaptive methods they differ, which motivated AdamW. ' +
      'The penalty makes a convex loss λ-strongly convex and discourages large weights.',
    formulas: [
      String.raw`\tilde{J}(\theta) = J(\theta) + \frac{\lambda}{2}\|\theta\|_2^2,\qquad \theta_{t+1} = (1 - \eta\lambda)\,\theta_t - \eta\, \nabla J(\theta_t)`,
    ],
    aliases: ['weight decay'],
    code: ['optax.add_decayed_weights'],
    related: ['adamw', 'strong-convexity', 'frobenius-norm'],
  },
];
