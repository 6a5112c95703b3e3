// PyTorch schedulers beyond the torch fixtures: LambdaLR's Python functions (parsed, never
// executed), composites, CyclicLR's momentum, ReduceLROnPlateau's limits, and the argument checks.
import * as assert from 'node:assert/strict';
import { robbinsMonroForSchedule, scheduleValues, simulateOptimizer, type ScheduleSpec } from '../../compute/optim';
import { optimizerCode } from '../../compute/optim/codegen';
import { compilePyFunction } from '../../compute/optim/py-function';

const lrs = (schedule: ScheduleSpec, steps: number, lr = 1, momentum = true) => Array.from(scheduleValues(schedule, lr, steps, momentum).lr);
const near = (got: number[], want: number[], tol = 1e-15) => {
  assert.equal(got.length, want.length);
  got.forEach((g, k) => assert.ok(Math.abs(g - want[k]) <= tol * Math.max(1, Math.abs(want[k])), `step ${k}: ${g} vs ${want[k]}`));
};

describe('Python lr functions (LambdaLR lr_lambda, CyclicLR scale_fn)', () => {
  it('a lambda with Python’s number semantics', () => {
    const f = compilePyFunction('lambda epoch: 0.1 ** (epoch // 30)', 'f');
    assert.deepEqual([0, 29, 30, 61].map(f), [1, 1, 0.1, 0.1 ** 2]);
    assert.equal(compilePyFunction('lambda e: -7 % 3', 'f')(0), 2); // Python: the sign of the divisor
    assert.equal(compilePyFunction('lambda e: -7 // 2', 'f')(0), -4);
    assert.equal(compilePyFunction('lambda e: round(2.5) + round(3.5)', 'f')(0), 6); // halves to even
    assert.equal(compilePyFunction('lambda e: 1 if 0 < e < 3 else 0', 'f')(2), 1);
    assert.equal(compilePyFunction('lambda e: 1 if 0 < e < 3 else 0', 'f')(3), 0);
    assert.equal(compilePyFunction('lambda e: (e < 5 and 2) or 3', 'f')(1), 2);
    assert.equal(compilePyFunction('lambda e, w=4: min(1.0, (e + 1) / w)', 'f')(1), 0.5);
    assert.ok(Math.abs(compilePyFunction('lambda e: 0.5 * (1 + math.cos(math.pi * e / 10))', 'f')(5) - 0.5) < 1e-15);
  });

  it('a def with locals, if/elif/else and returns (Hugging Face’s warm-up style)', () => {
    const f = compilePyFunction(
      [
        'def lr_lambda(current_step):',
        '    """Warm up, then decay linearly."""',
        '    if current_step < 10:',
        '        return float(current_step) / float(max(1, 10))',
        '    elif current_step > 100:',
        '        return 0.0',
        '    remaining = 100 - current_step',
        '    remaining *= 1.0',
        '    return max(0.0, remaining / 90)',
      ].join('\n'),
      'LambdaLR lr_lambda',
    );
    assert.equal(f.parameter, 'current_step');
    assert.deepEqual([0, 5, 10, 55, 100, 150].map(f), [0, 0.5, 1, 0.5, 0, 0]);
  });

  it('refuses what it cannot evaluate, naming it (never executes anything)', () => {
    assert.throws(() => compilePyFunction('lambda e: warmup * e', 'LambdaLR lr_lambda'), /LambdaLR lr_lambda: `warmup` is not known here/);
    assert.throws(() => compilePyFunction('lambda e: os.system("x")', 'f'), /the function `os.system` is not known/);
    assert.throws(() => compilePyFunction('lambda e: 1 / (e - 3)', 'f')(3), /division by zero/);
    assert.throws(() => compilePyFunction('def f(e):\n    while e > 1:\n        e = e - 1\n    return e', 'f')(0), /`WhileStatement` is not read/);
    assert.throws(() => compilePyFunction('def f(e):\n    x = 1', 'f')(0), /ends without returning/);
    assert.throws(() => compilePyFunction('lambda: 1', 'f'), /takes no parameter/);
    assert.throws(() => compilePyFunction('lambda a, b: 1', 'f'), /`b` has no default/);
    assert.throws(() => compilePyFunction('0.95 ** epoch', 'f'), /must be a lambda/);
    assert.throws(() => compilePyFunction(42, 'f'), /must be Python source text/);
    assert.throws(() => compilePyFunction('lambda e: 10.0 ** 400', 'f')(0), /gives Infinity/);
  });
});

describe('PyTorch schedulers as PyTorch runs them', () => {
  it('LambdaLR multiplies the initial lr; MultiplicativeLR multiplies the current one', () => {
    near(lrs({ name: 'LambdaLR', lr_lambda: 'lambda epoch: 0.5 ** epoch' }, 4, 2), [2, 1, 0.5, 0.25]);
    near(lrs({ name: 'MultiplicativeLR', lr_lambda: 'lambda epoch: 0.5' }, 4, 2), [2, 1, 0.5, 0.25]);
  });

  it('SequentialLR: warm-up then the next scheduler from its closed form at the milestone', () => {
    const v = lrs(
      {
        name: 'SequentialLR',
        milestones: [3],
        schedulers: [
          { name: 'LinearLR', start_factor: 0.25, total_iters: 3 },
          { name: 'ExponentialLR', gamma: 0.5 },
        ],
      },
      6,
    );
    near(v, [0.25, 0.5, 0.75, 1, 0.5, 0.25]);
    assert.throws(
      () =>
        lrs(
          {
            name: 'SequentialLR',
            milestones: [3, 5],
            schedulers: [
              { name: 'StepLR', step_size: 2 },
              { name: 'StepLR', step_size: 2 },
            ],
          },
          6,
        ),
      /expects number of schedulers provided to be one more than the number of milestone points/,
    );
    assert.throws(() => lrs({ name: 'SequentialLR', milestones: [], schedulers: [] }, 6), /needs "schedulers"/);
  });

  it('ChainedScheduler: every scheduler multiplies the same lr', () => {
    near(
      lrs(
        {
          name: 'ChainedScheduler',
          schedulers: [
            { name: 'ConstantLR', factor: 0.5, total_iters: 2 },
            { name: 'ExponentialLR', gamma: 0.5 },
          ],
        },
        4,
      ),
      [0.5, 0.25, 0.25, 0.125],
    );
  });

  it('CyclicLR replaces the lr by base_lr, triangles up to max_lr, and cycles momentum (β₁ too)', () => {
    const s = scheduleValues({ name: 'CyclicLR', base_lr: 0.1, max_lr: 0.5, step_size_up: 2 }, 123, 5, true);
    near(Array.from(s.lr), [0.1, 0.3, 0.5, 0.3, 0.1]);
    near(Array.from(s.momentum!), [0.9, 0.85, 0.8, 0.85, 0.9]);
    assert.ok(s.notes.some((n) => /replaces the optimizer's lr by base_lr = 0.1/.test(n)));
    const adam = simulateOptimizer({
      kind: 'optimizer',
      optimizer: { name: 'adam', hyperparameters: { lr: 0.01 } },
      schedule: { name: 'CyclicLR', base_lr: 0.001, max_lr: 0.01, step_size_up: 5 },
      objective: { name: 'quadratic' },
      steps: 10,
    });
    assert.equal(adam.momentum?.length, 10);
    assert.throws(() => scheduleValues({ name: 'CyclicLR', base_lr: 0.1, max_lr: 0.5 }, 1, 5, false), /optimizer must support momentum or beta1/);
    assert.throws(() => scheduleValues({ name: 'CyclicLR', base_lr: 0.1, max_lr: 0.5, mode: 'sine' }, 1, 5, true), /mode is invalid and scale_fn is None/);
  });

  it('CosineAnnealingWarmRestarts restarts at T_0, then every T_0·T_mult^i', () => {
    const v = lrs({ name: 'CosineAnnealingWarmRestarts', T_0: 2, T_mult: 2 }, 8);
    near(v, [1, 0.5, 1, 0.5 + 0.5 * Math.cos(Math.PI / 4), 0.5, 0.5 - 0.5 * Math.cos(Math.PI / 4), 1, 0.5 + 0.5 * Math.cos(Math.PI / 8)], 1e-15);
    assert.throws(() => lrs({ name: 'CosineAnnealingWarmRestarts', T_0: 0 }, 2), /Expected positive integer T_0/);
  });

  it('PolynomialLR decays to 0 at total_iters and stays there', () => {
    near(lrs({ name: 'PolynomialLR', total_iters: 4, power: 1 }, 6), [1, 0.75, 0.5, 0.25, 0, 0]);
    assert.match(robbinsMonroForSchedule({ name: 'PolynomialLR', total_iters: 4 }, 1)!.reason, /reaches 0 after step 4/);
  });

  it('ReduceLROnPlateau: the lr stays at its start value (the metric is not in the code), and the note says exactly what is not shown', () => {
    const s = scheduleValues({ name: 'ReduceLROnPlateau', mode: 'min', factor: 0.5, patience: 3 }, 0.1, 5, true);
    assert.deepEqual(Array.from(s.lr), [0.1, 0.1, 0.1, 0.1, 0.1]);
    assert.match(s.notes.join(' '), /only when the code calls scheduler\.step\(metric\).*patience=3.*factor=0\.5.*cannot be read from the code/);
    assert.equal(robbinsMonroForSchedule({ name: 'ReduceLROnPlateau' }, 0.1), undefined);
    assert.throws(() => scheduleValues({ name: 'ReduceLROnPlateau', factor: 1 }, 0.1, 5, true), /Factor should be < 1.0/);
    assert.throws(
      () =>
        scheduleValues({ name: 'SequentialLR', milestones: [2], schedulers: [{ name: 'StepLR', step_size: 2 }, { name: 'ReduceLROnPlateau' }] }, 0.1, 5, true),
      /ReduceLROnPlateau cannot be part of SequentialLR/,
    );
  });

  it('Robbins–Monro for the new families, and none where the arguments cannot decide it', () => {
    assert.equal(robbinsMonroForSchedule({ name: 'LambdaLR', lr_lambda: 'lambda e: 1 / (e + 1)' }, 0.1), undefined);
    assert.match(robbinsMonroForSchedule({ name: 'CosineAnnealingWarmRestarts', T_0: 10 }, 0.1)!.reason, /restarts/);
    assert.match(robbinsMonroForSchedule({ name: 'CyclicLR', base_lr: 0.01, max_lr: 0.1 }, 0.1)!.reason, /CyclicLR’s triangle repeats/);
    assert.equal(
      robbinsMonroForSchedule({ name: 'SequentialLR', milestones: [5], schedulers: [{ name: 'LinearLR' }, { name: 'ExponentialLR', gamma: 0.9 }] }, 0.1)!
        .satisfied,
      false,
    );
  });
});

describe('Copy as code for the new optimizers and schedules', () => {
  const base = { kind: 'optimizer' as const, objective: { name: 'quadratic' }, steps: 10 };
  it('a SequentialLR writes its schedulers first; a def lr_lambda is written above its LambdaLR', () => {
    const code = optimizerCode({
      ...base,
      optimizer: { name: 'nadam', framework: 'pytorch', hyperparameters: { lr: 0.01 } },
      schedule: {
        name: 'SequentialLR',
        milestones: [5],
        schedulers: [
          { name: 'LinearLR', start_factor: 0.1, total_iters: 5 },
          { name: 'LambdaLR', lr_lambda: 'def f(e):\n    return 0.9 ** e' },
        ],
      },
    });
    assert.equal(
      code,
      [
        'optimizer = torch.optim.NAdam(model.parameters(), lr=0.01)',
        'scheduler_1 = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)',
        'def f(e):',
        '    return 0.9 ** e',
        '',
        'scheduler_2 = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=f)',
        'scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, milestones=[5], schedulers=[scheduler_1, scheduler_2])',
        '',
      ].join('\n'),
    );
    assert.match(
      optimizerCode({ ...base, optimizer: { name: 'sgd', hyperparameters: { lr: 0.1 } }, schedule: { name: 'LambdaLR', lr_lambda: 'lambda e: 0.95 ** e' } }),
      /LambdaLR\(optimizer, lr_lambda=lambda e: 0\.95 \*\* e\)/,
    );
  });

  it('Keras and optax schedules become the learning rate; Keras class names (Nadam)', () => {
    assert.equal(
      optimizerCode({
        ...base,
        optimizer: {
          name: 'nadam',
          framework: 'keras',
          hyperparameters: { learning_rate: 0.001 },
          schedule: { name: 'keras.PiecewiseConstantDecay', boundaries: [10], values: [0.001, 0.0001] },
        },
      }),
      'learning_rate = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries=[10], values=[0.001, 0.0001])\noptimizer = keras.optimizers.Nadam(learning_rate=learning_rate)\n',
    );
    assert.equal(
      optimizerCode({
        ...base,
        optimizer: {
          name: 'sgd',
          framework: 'optax',
          hyperparameters: { learning_rate: 0.1 },
          schedule: { name: 'optax.piecewise_constant_schedule', init_value: 0.1, boundaries_and_scales: [[100, 0.1]] },
        },
      }),
      'learning_rate = optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={100: 0.1})\noptimizer = optax.sgd(learning_rate=learning_rate)\n',
    );
    assert.match(
      optimizerCode({
        ...base,
        optimizer: { name: 'adam', framework: 'keras', hyperparameters: { learning_rate: 0.001 } },
        schedule: { name: 'CyclicLR', base_lr: 0.001, max_lr: 0.01 },
      }),
      /^# The lab's schedule CyclicLR has no exact keras twin; it is not written here\./,
    );
  });
});
