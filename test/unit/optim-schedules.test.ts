// LR schedules beyond the torch fixtures (argument checks, OneCycleLR's limits) and the
// Robbins–Monro conditions by family.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { robbinsMonro, robbinsMonroForSchedule, scheduleValues, simulateOptimizer, stepSizeSums, type ScheduleSpec } from '../../compute/optim';

const lrs = (schedule: ScheduleSpec, steps: number, lr = 1) => Array.from(scheduleValues(schedule, lr, steps, true).lr);

describe('learning-rate schedules', () => {
  it('StepLR, MultiStepLR (repeated milestones decay twice), ExponentialLR, LinearLR warm-up, ConstantLR', () => {
    assert.deepEqual(lrs({ name: 'StepLR', step_size: 2, gamma: 0.5 }, 6), [1, 1, 0.5, 0.5, 0.25, 0.25]);
    assert.deepEqual(lrs({ name: 'MultiStepLR', milestones: [1, 3, 3] }, 5), [1, 0.1, 0.1, 0.1 * 0.1 ** 2, 0.1 * 0.1 ** 2]);
    assert.deepEqual(lrs({ name: 'exponential', gamma: 0.5 }, 4), [1, 0.5, 0.25, 0.125]);
    const warm = lrs({ name: 'LinearLR', start_factor: 0.25, total_iters: 3 }, 6);
    [0.25, 0.5, 0.75, 1, 1, 1].forEach((v, k) => assert.ok(Math.abs(warm[k] - v) < 1e-15, `${warm}`));
    assert.deepEqual(lrs({ name: 'ConstantLR', factor: 0.5, total_iters: 2 }, 4), [0.5, 0.5, 1, 1]);
  });

  it('CosineAnnealingLR reaches eta_min at T_max and rises again (PyTorch’s recursive form)', () => {
    const v = lrs({ name: 'CosineAnnealingLR', T_max: 10, eta_min: 0.1 }, 21);
    assert.ok(Math.abs(v[10] - 0.1) < 1e-15);
    assert.ok(Math.abs(v[20] - 1) < 1e-12);
    assert.ok(Math.abs(v[5] - 0.55) < 1e-15);
  });

  it('OneCycleLR: warm-up to max_lr over pct_start, anneal to max_lr/div_factor/final_div_factor; momentum cycles inversely', () => {
    const s = scheduleValues({ name: 'OneCycleLR', max_lr: 1, total_steps: 100 }, 123, 100, true);
    assert.ok(Math.abs(s.lr[0] - 1 / 25) < 1e-15);
    assert.equal(s.lr.indexOf(Math.max(...s.lr)), 29);
    assert.ok(Math.abs(s.lr[99] - 1 / 25 / 1e4) < 1e-15);
    assert.ok(Math.abs(s.momentum![0] - 0.95) < 1e-15 && Math.abs(s.momentum![29] - 0.85) < 1e-15);
    const auto = scheduleValues({ name: 'OneCycleLR', max_lr: 1 }, 1, 50, true);
    assert.ok(auto.notes.some((n) => /total_steps was not given/.test(n)));
    assert.equal(auto.arguments.total_steps, 50);
  });

  it('rejects bad schedule arguments with PyTorch’s messages and what to change', () => {
    assert.throws(() => scheduleValues({ name: 'StepLR' }, 1, 5, false), /StepLR needs "step_size"/);
    assert.throws(() => scheduleValues({ name: 'StepLR', step_size: 0 }, 1, 5, false), /step_size must be a positive integer/);
    assert.throws(() => scheduleValues({ name: 'LinearLR', start_factor: 0 }, 1, 5, false), /Starting multiplicative factor expected to be greater than 0/);
    assert.throws(() => scheduleValues({ name: 'OneCycleLR', max_lr: 1, total_steps: 10 }, 1, 11, true), /Tried to step 12 times\. The specified number of total steps is 10/);
    assert.throws(() => scheduleValues({ name: 'OneCycleLR', max_lr: 1, total_steps: 10, pct_start: 1.5 }, 1, 5, true), /Expected float between 0 and 1 pct_start/);
    assert.throws(() => scheduleValues({ name: 'Cyclic' }, 1, 5, false), /Unknown schedule "Cyclic"/);
    assert.throws(() => scheduleValues({ name: 'StepLR', step_size: 2, last_epoch: 3 }, 1, 5, false), /last_epoch = -1/);
  });

  it('OneCycleLR cycles momentum/β₁ only for optimizers that have one, as PyTorch insists', () => {
    const base = { kind: 'optimizer' as const, objective: { name: 'quadratic' }, steps: 10 };
    const schedule = { name: 'OneCycleLR', max_lr: 0.1, total_steps: 10 };
    assert.throws(() => simulateOptimizer({ ...base, optimizer: { name: 'adagrad' }, schedule }), /optimizer must support momentum with `cycle_momentum` option enabled/);
    const ok = simulateOptimizer({ ...base, optimizer: { name: 'adagrad' }, schedule: { ...schedule, cycle_momentum: false } });
    assert.equal(ok.momentum, undefined);
    const keras = simulateOptimizer({ ...base, optimizer: { name: 'adam', framework: 'keras' }, schedule });
    assert.equal(keras.momentum!.length, 10);
  });
});

describe('Robbins–Monro conditions', () => {
  it('α = a/(t + b)^p satisfies Σα = ∞, Σα² < ∞ exactly for p ∈ (1/2, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (p, a) => {
        const c = robbinsMonro({ family: 'power', a, b: 1, p });
        assert.equal(c.satisfied, p > 0.5 && p <= 1);
        assert.equal(c.sumDiverges, p <= 1);
        assert.equal(c.sumOfSquaresConverges, p > 0.5);
      }),
    );
    assert.equal(robbinsMonro({ family: 'power', a: 1, p: 1 }).satisfied, true);
    assert.equal(robbinsMonro({ family: 'power', a: 1, p: 0.5 }).satisfied, false);
  });

  it('constant, geometric, periodic (cosine) and finite (OneCycle) schedules fail, each for its reason', () => {
    const constant = robbinsMonroForSchedule(null, 0.1);
    assert.deepEqual([constant.sumDiverges, constant.sumOfSquaresConverges], [true, false]);
    const step = robbinsMonroForSchedule({ name: 'StepLR', step_size: 10 }, 0.1);
    assert.deepEqual([step.sumDiverges, step.sumOfSquaresConverges], [false, true]);
    assert.equal(robbinsMonroForSchedule({ name: 'ExponentialLR', gamma: 0.99 }, 0.1).satisfied, false);
    assert.match(robbinsMonroForSchedule({ name: 'CosineAnnealingLR', T_max: 10 }, 0.1).reason, /periodic/);
    assert.match(robbinsMonroForSchedule({ name: 'OneCycleLR', max_lr: 1, total_steps: 5 }, 0.1).reason, /5 steps only/);
    assert.equal(robbinsMonroForSchedule({ name: 'LinearLR' }, 0.1).satisfied, false);
  });

  it('partial sums of a run’s learning rates', () => {
    assert.deepEqual(stepSizeSums([1, 0.5, 0.25]), { sum: 1.75, sumOfSquares: 1.3125 });
  });
});
