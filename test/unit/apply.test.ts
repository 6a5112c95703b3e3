import * as assert from 'node:assert/strict';
import { optimizerCode, optimizerEdit, pythonLiteral } from '../../compute/recognize/apply';

const apply = (text: string, edit: { from: number; to: number; text: string }) => text.slice(0, edit.from) + edit.text + text.slice(edit.to);

describe('Apply to code', () => {
  it('rewrites a torch optimizer call, keeping the parameters argument and leaving defaults out', () => {
    const text = 'opt = torch.optim.Adam(model.parameters(), lr=3e-4, betas=(0.9, 0.99))\nsched = StepLR(opt, 30)';
    const edit = optimizerEdit(text, { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.001, betas: [0.9, 0.99], eps: 1e-8, weight_decay: 0.01 } });
    assert.equal(apply(text, edit), 'opt = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.99), weight_decay=0.01)\nsched = StepLR(opt, 30)');
  });

  it('writes keras and optax names', () => {
    const keras = 'keras.optimizers.SGD(learning_rate=0.1)';
    assert.equal(
      apply(keras, optimizerEdit(keras, { name: 'sgd', framework: 'keras', hyperparameters: { learning_rate: 0.05, momentum: 0.9, nesterov: true } })),
      'keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)',
    );
    const optax = 'tx = optax.adamw(1e-3)';
    assert.equal(
      apply(optax, optimizerEdit(optax, { name: 'adamw', framework: 'optax', hyperparameters: { learning_rate: 0.002 } })),
      'tx = optax.adamw(learning_rate=0.002)',
    );
  });

  it('refuses when the optimizer is gone, and values that are not Python literals', () => {
    assert.throws(() => optimizerEdit('x = 1', { name: 'sgd', hyperparameters: { lr: 0.1 } }), /No optimizer call/);
    assert.throws(() => pythonLiteral(NaN), /cannot be written/);
    assert.equal(pythonLiteral([0.9]), '(0.9,)');
    assert.equal(pythonLiteral(false), 'False');
  });

  it('copies the lab as code for each framework, with a PyTorch scheduler', () => {
    const code = optimizerCode({
      kind: 'optimizer',
      objective: { name: 'rosenbrock' },
      start: [-1.5, 2],
      steps: 100,
      schedule: { name: 'StepLR', step_size: 30, gamma: 0.1 },
      optimizers: [
        { name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.1, momentum: 0.9 } },
        { name: 'adam', framework: 'keras', hyperparameters: { learning_rate: 0.001 } },
        { name: 'adamw', framework: 'optax', hyperparameters: { learning_rate: 0.002, weight_decay: 0.001 } },
      ],
    });
    assert.equal(
      code,
      [
        'optimizer_1 = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)',
        'scheduler_1 = torch.optim.lr_scheduler.StepLR(optimizer_1, step_size=30, gamma=0.1)',
        // The lab runs the schedule on every optimizer: Keras and optax get the same per-step values.
        'learning_rate_2 = keras.optimizers.schedules.ExponentialDecay(0.001, decay_steps=30, decay_rate=0.1, staircase=True)',
        'optimizer_2 = keras.optimizers.Adam(learning_rate=learning_rate_2)',
        'learning_rate_3 = optax.exponential_decay(0.002, transition_steps=30, decay_rate=0.1, staircase=True)',
        'optimizer_3 = optax.adamw(learning_rate=learning_rate_3, weight_decay=0.001)',
        '',
      ].join('\n'),
    );
  });
});
