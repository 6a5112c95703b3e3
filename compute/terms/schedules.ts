import type { Term } from './types';

const GD = '11.3 Gradient Descent';

export const SCHEDULE_TERMS: Term[] = [
  {
    id: 'lr-schedule',
    title: 'Learning-rate schedule',
    section: GD,
    summary: 'A rule that changes the learning rate over the course of training.',
    definition:
      'Large early steps make fast progress, while small late steps reduce the noise floor of stochastic gradients, so most training runs decay the learning rate. ' +
      'Common shapes are step decay, exponential and inverse-time decay, cosine annealing and linear warm-up. ' +
      'Schedules that decay like 1/t satisfy the Robbins–Monro conditions, while most practical schedules stop at a small constant.',
    formulas: [String.raw`\eta_t = \eta_0 \cdot s(t),\qquad s(0) = 1,\ s \text{ non-increasing after warm-up}`],
    aliases: ['learning rate schedule', 'learning-rate schedule', 'learning rate scheduler', 'LR schedule', 'LR scheduler', 'learning rate decay'],
    code: [
      'torch.optim.lr_scheduler.LambdaLR',
      'torch.optim.lr_scheduler.OneCycleLR',
      'torch.optim.lr_scheduler.ReduceLROnPlateau',
      'torch.optim.lr_scheduler.SequentialLR',
      'tf.keras.callbacks.LearningRateScheduler',
      'keras.callbacks.LearningRateScheduler',
      'tf.keras.callbacks.ReduceLROnPlateau',
      'keras.callbacks.ReduceLROnPlateau',
      'torch.optim.lr_scheduler',
    ],
    related: ['learning-rate', 'step-decay', 'exponential-decay', 'inverse-time-decay', 'cosine-annealing', 'warmup', 'robbins-monro'],
  },
  {
    id: 'step-decay',
    title: 'Step decay schedule',
    section: GD,
    summary: 'Multiply the learning rate by a factor γ every fixed number of epochs (or at chosen milestones).',
    definition:
      'Step decay keeps the learning rate piecewise constant and drops it by a factor such as 0.1 at set epochs. ' +
      'Each drop typically produces a visible fall in the training loss as the noise of SGD shrinks. ' +
      'It was the standard schedule for ResNet training on ImageNet.',
    formulas: [String.raw`\eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor},\quad 0 < \gamma < 1`],
    aliases: ['step decay', 'step learning rate decay', 'multi-step schedule', 'piecewise constant schedule'],
    code: [
      'torch.optim.lr_scheduler.StepLR',
      'torch.optim.lr_scheduler.MultiStepLR',
      'optax.piecewise_constant_schedule',
      'tf.keras.optimizers.schedules.PiecewiseConstantDecay',
      'keras.optimizers.schedules.PiecewiseConstantDecay',
    ],
    related: ['lr-schedule', 'exponential-decay'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.1, schedule: 'step', gamma: 0.1, step_size: 30 } },
  },
  {
    id: 'exponential-decay',
    title: 'Exponential decay schedule',
    section: GD,
    summary: 'Multiply the learning rate by a constant factor γ < 1 at every step or epoch.',
    definition:
      'Exponential decay shrinks the learning rate geometrically, the smooth counterpart of step decay. ' +
      'The step sizes are summable, so on their own they violate the first Robbins–Monro condition and can stop progress before the optimum. ' +
      'It is usually combined with a floor or used for a limited number of steps.',
    formulas: [String.raw`\eta_t = \eta_0\, \gamma^{t} = \eta_0\, e^{-kt},\quad \gamma = e^{-k} < 1`],
    aliases: ['exponential learning rate decay', 'exponential schedule', 'exponential LR decay', 'exponential lr schedule'],
    generic: ['exponential decay'],
    code: [
      'torch.optim.lr_scheduler.ExponentialLR',
      'optax.exponential_decay',
      'tf.keras.optimizers.schedules.ExponentialDecay',
      'keras.optimizers.schedules.ExponentialDecay',
    ],
    related: ['lr-schedule', 'step-decay', 'robbins-monro'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.1, schedule: 'exponential', gamma: 0.99 } },
  },
  {
    id: 'inverse-time-decay',
    title: 'Inverse-time (1/t) decay',
    section: GD,
    summary: 'Decay the learning rate like η₀/(1 + kt), the classical schedule for stochastic approximation.',
    definition:
      'Inverse-time decay shrinks the step proportionally to 1/t for large t. ' +
      'Its steps sum to infinity while their squares sum to a finite value, so it satisfies the Robbins–Monro conditions and gives the O(1/t) rate of SGD on strongly convex problems. ' +
      'Power-law decays t^{−p} with 1/2 < p < 1 combined with averaging are more robust to a badly chosen η₀; the polynomial decay of PyTorch, optax and Keras is a different schedule that ends after T steps.',
    // Keras' InverseTimeDecay: init/(1 + decay_rate·step/decay_steps), i.e. k = decay_rate/decay_steps.
    formulas: [String.raw`\eta_t = \frac{\eta_0}{1 + k t},\qquad \sum_t \eta_t = \infty,\ \sum_t \eta_t^2 < \infty`],
    aliases: ['inverse time decay', 'inverse-time decay', '1/t decay'],
    code: ['tf.keras.optimizers.schedules.InverseTimeDecay', 'keras.optimizers.schedules.InverseTimeDecay'],
    related: ['robbins-monro', 'lr-schedule', 'sgd', 'polynomial-decay'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.5, schedule: 'inverse-time' } },
  },
  {
    id: 'polynomial-decay',
    title: 'Polynomial decay schedule',
    section: GD,
    summary: 'Lower the learning rate from η₀ to an end value along (1 − t/T)^power, reaching it after exactly T steps.',
    definition:
      'PyTorch’s PolynomialLR multiplies the base rate by (1 − t/T)^power and holds it at zero from step T on, while optax.polynomial_schedule and Keras’ PolynomialDecay run the same curve from the initial to an end value and then stay at the end value. ' +
      'With power 1 it is a linear decay. ' +
      'Because the end value is reached in finite time these are not Robbins–Monro schedules: with end value 0 the steps have a finite sum (about η₀T/(power + 1)), and with a positive end value their squares are not summable, so SGD keeps a noise floor.',
    formulas: [
      String.raw`\text{PyTorch: } \eta_t = \eta_0 \Big(1 - \frac{\min(t, T)}{T}\Big)^{p}`,
      String.raw`\text{optax, Keras: } \eta_t = (\eta_0 - \eta_{\text{end}}) \Big(1 - \frac{\min(t, T)}{T}\Big)^{p} + \eta_{\text{end}}`,
      String.raw`\eta_{\text{end}} = 0:\ \sum_t \eta_t < \infty;\qquad \eta_{\text{end}} > 0:\ \sum_t \eta_t^2 = \infty`,
    ],
    aliases: ['polynomial decay', 'polynomial learning rate decay', 'polynomial decay schedule', 'polynomial schedule'],
    code: [
      'torch.optim.lr_scheduler.PolynomialLR',
      'optax.polynomial_schedule',
      'tf.keras.optimizers.schedules.PolynomialDecay',
      'keras.optimizers.schedules.PolynomialDecay',
    ],
    related: ['lr-schedule', 'inverse-time-decay', 'robbins-monro', 'warmup'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.1, schedule: 'PolynomialLR' } },
  },
  {
    id: 'cosine-annealing',
    title: 'Cosine annealing',
    section: GD,
    summary: 'Lower the learning rate from η_max to η_min along half a cosine wave over T steps.',
    definition:
      'Cosine annealing decays slowly at first, fastest in the middle and slowly again near the end of training. ' +
      'It has only the length T and the end value as hyperparameters. ' +
      'With warm restarts (SGDR) the cosine is repeated, jumping back to η_max at the start of each cycle.',
    formulas: [String.raw`\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta_{\max} - \eta_{\min})\Big(1 + \cos\frac{\pi t}{T}\Big)`],
    aliases: ['cosine annealing', 'cosine annealing schedule', 'cosine decay', 'cosine schedule', 'cosine learning rate schedule', 'SGDR', 'warm restarts'],
    code: [
      'torch.optim.lr_scheduler.CosineAnnealingLR',
      'torch.optim.lr_scheduler.CosineAnnealingWarmRestarts',
      'optax.cosine_decay_schedule',
      'optax.warmup_cosine_decay_schedule',
      'tf.keras.optimizers.schedules.CosineDecay',
      'keras.optimizers.schedules.CosineDecay',
      'tf.keras.optimizers.schedules.CosineDecayRestarts',
    ],
    related: ['lr-schedule', 'warmup'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.1, schedule: 'cosine', T_max: 100 } },
  },
  {
    id: 'warmup',
    title: 'Learning-rate warm-up',
    section: GD,
    summary: 'Increase the learning rate linearly from near zero over the first steps of training.',
    definition:
      'At initialization gradients and adaptive statistics are unreliable, so a full-size step can destabilize training. ' +
      'Warm-up ramps the rate up over a few hundred or thousand steps before the main schedule takes over. ' +
      'It is standard for Transformers and for large-batch training.',
    formulas: [String.raw`\eta_t = \eta_{\max} \cdot \min\!\Big(1, \frac{t}{T_{\text{warm}}}\Big)`],
    aliases: ['learning rate warmup', 'learning-rate warm-up', 'linear warmup', 'linear warm-up', 'warmup steps'],
    generic: ['warmup', 'warm-up'],
    code: [
      'torch.optim.lr_scheduler.LinearLR',
      'optax.linear_schedule',
      'transformers.get_linear_schedule_with_warmup',
      'transformers.get_cosine_schedule_with_warmup',
    ],
    related: ['lr-schedule', 'cosine-annealing', 'adamw'],
    lab: { kind: 'optimizer', params: { optimizer: 'adam', lr: 0.001, schedule: 'warmup', warmup_steps: 100 } },
  },
];
