import type { Term } from './types';

export const OPTIMIZER_TERMS: Term[] = [
  {
    id: 'adam',
    title: 'Adam (adaptive moment estimation)',
    summary: 'A gradient method that scales each coordinate’s step by a running estimate of the gradient’s size.',
    definition:
      'Adam keeps two exponential moving averages per parameter: one of the gradient (a momentum term) and one of its square. ' +
      'Both start at zero, so early averages are biased towards zero and are divided by 1 − βᵗ to correct that. ' +
      'The step is the corrected mean divided by the square root of the corrected second moment plus ε, which makes it roughly invariant to the gradient’s scale.',
    formulas: [
      String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2`,
      String.raw`\hat m_t = \frac{m_t}{1-\beta_1^t},\quad \hat v_t = \frac{v_t}{1-\beta_2^t},\quad \theta_t = \theta_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}`,
    ],
    aliases: ['Adam', 'adaptive moment estimation', 'Adam optimizer'],
    code: ['torch.optim.Adam', 'tf.keras.optimizers.Adam', 'keras.optimizers.Adam', 'optax.adam'],
    related: [],
    lab: { kind: 'optimizer', params: { optimizer: 'adam' } },
  },
];
