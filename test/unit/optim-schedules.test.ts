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
    assert.throws(
      () => scheduleValues({ name: 'OneCycleLR', max_lr: 1, total_steps: 10 }, 1, 11, true),
      /Tried to step 12 times\. The specified number of total steps is 10/,
    );
    assert.throws(
      () => scheduleValues({ name: 'OneCycleLR', max_lr: 1, total_steps: 10, pct_start: 1.5 }, 1, 5, true),
      /Expected float between 0 and 1 pct_start/,
    );
    assert.throws(() => scheduleValues({ name: 'WarmupCosine' }, 1, 5, false), /Unknown schedule "WarmupCosine"/);
    assert.throws(() => scheduleValues({ name: 'StepLR', step_size: 2, last_epoch: 3 }, 1, 5, false), /last_epoch = -1/);
  });

  it('OneCycleLR cycles momentum/β₁ only for optimizers that have one, as PyTorch insists', () => {
    const base = { kind: 'optimizer' as const, objective: { name: 'quadratic' }, steps: 10 };
    const schedule = { name: 'OneCycleLR', max_lr: 0.1, total_steps: 10 };
    assert.throws(
      () => simulateOptimizer({ ...base, optimizer: { name: 'adagrad' }, schedule }),
      /optimizer must support momentum with `cycle_momentum` option enabled/,
    );
    const ok = simulateOptimizer({ ...base, optimizer: { name: 'adagrad' }, schedule: { ...schedule, cycle_momentum: false } });
    assert.equal(ok.momentum, undefined);
    const keras = simulateOptimizer({ ...base, optimizer: { name: 'adam', framework: 'keras' }, schedule });
    assert.equal(keras.momentum!.length, 10);
  });
});

// optax schedules: expected values computed by hand from optax's formulas (optax is not installed).
// Source: google-deepmind/optax, optax/schedules/_schedule.py at 006cebd2 (functions
// polynomial_schedule, linear_schedule, piecewise_constant_schedule, exponential_decay,
// cosine_decay_schedule, _cosine_interpolate, piecewise_interpolate_schedule,
// cosine_onecycle_schedule, warmup_cosine_decay_schedule) and optax/schedules/_join.py
// (join_schedules: `jnp.where(step < boundary, output, schedule(step - boundary))`).
describe('optax schedules (optax’s own formulas)', () => {
  const near = (got: number[], want: number[], tol = 1e-15) => {
    assert.equal(got.length, want.length);
    got.forEach((g, k) => assert.ok(Math.abs(g - want[k]) <= tol * Math.max(1, Math.abs(want[k])), `step ${k}: ${g} vs ${want[k]} (${got})`));
  };
  it('warmup_cosine_decay_schedule: linear warm-up init→peak over warmup_steps, then cosine peak→end over decay_steps − warmup_steps (decay_steps includes the warm-up)', () => {
    // alpha = end/peak; join([linear_schedule(init, peak, W), cosine_decay_schedule(peak, D − W, alpha, exponent)], [W]).
    const sched = { name: 'optax.warmup_cosine_decay_schedule', init_value: 0.1, peak_value: 1, warmup_steps: 4, decay_steps: 12, end_value: 0.1 };
    const cos = (c: number, p = 1) => 0.9 * (0.5 * (1 + Math.cos((Math.PI * Math.min(c, 8)) / 8))) ** p + 0.1;
    const want = [0.1, 0.1 + 0.9 / 4, 0.1 + 0.9 / 2, 0.1 + (0.9 * 3) / 4, ...Array.from({ length: 10 }, (_, c) => cos(c))];
    near(lrs(sched, 14, 123), want);
    assert.equal(lrs(sched, 14)[4], 1); // the peak at count = warmup_steps
    assert.ok(Math.abs(lrs(sched, 14)[8] - 0.55) < 1e-15); // halfway through the decay: (peak + end)/2
    assert.ok(Math.abs(lrs(sched, 14)[12] - 0.1) < 1e-15 && Math.abs(lrs(sched, 14)[13] - 0.1) < 1e-15); // end_value from count = decay_steps on
    const squared = lrs({ ...sched, exponent: 2 }, 14);
    assert.ok(Math.abs(squared[8] - (0.9 * 0.25 + 0.1)) < 1e-15);
    const s = scheduleValues({ name: 'optax.warmup_cosine_decay_schedule', init_value: 0, peak_value: 1e-3, warmup_steps: 10, decay_steps: 100 }, 1, 3, false);
    assert.deepEqual(s.defaultsUsed, ['end_value', 'exponent']);
    assert.throws(() => lrs({ ...sched, decay_steps: 4 }, 5), /decay_steps − warmup_steps must be > 0.*requires positive decay_steps, got decay_steps=0/);
  });

  it('linear_schedule (with transition_begin), piecewise_constant_schedule, join_schedules', () => {
    near(lrs({ name: 'optax.linear_schedule', init_value: 1, end_value: 0, transition_steps: 4, transition_begin: 2 }, 8), [1, 1, 1, 0.75, 0.5, 0.25, 0, 0]);
    // The scale applies from count = boundary on (indicator = max(0, sign(boundary − count))).
    near(lrs({ name: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: { 5: 0.1, 3: 0.5 } }, 7), [1, 1, 1, 0.5, 0.5, 0.05, 0.05]);
    near(lrs({ name: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: [[3, 0.5]] }, 4), [1, 1, 1, 0.5]);
    assert.throws(() => lrs({ name: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: { 3: -1 } }, 4), /non-negative scale factors/);
    const joined = {
      name: 'optax.join_schedules',
      schedules: [
        { name: 'optax.linear_schedule', init_value: 0, end_value: 1, transition_steps: 4 },
        { name: 'optax.constant_schedule', value: 0.5 },
      ],
      boundaries: [2],
    };
    near(lrs(joined, 4), [0, 0.25, 0.5, 0.5]);
    assert.throws(() => lrs({ ...joined, boundaries: [] }, 4), /2 schedules need 1 boundaries/);
  });

  it('exponential_decay with transition_begin, staircase and end_value (a lower bound when decay_rate < 1)', () => {
    near(lrs({ name: 'optax.exponential_decay', init_value: 1, transition_steps: 2, decay_rate: 0.5, transition_begin: 2, end_value: 0.3 }, 7), [
      1,
      1,
      1,
      Math.SQRT1_2,
      0.5,
      0.5 ** 1.5,
      0.3,
    ]);
    near(
      lrs({ name: 'optax.exponential_decay', init_value: 1, transition_steps: 2, decay_rate: 0.5, transition_begin: 2, staircase: true }, 7),
      [1, 1, 1, 1, 0.5, 0.5, 0.25],
    );
    near(lrs({ name: 'optax.exponential_decay', init_value: 1, transition_steps: 2, decay_rate: 2, end_value: 1.5 }, 4), [1, Math.SQRT2, 1.5, 1.5]);
  });

  it('cosine_onecycle_schedule: cosine from peak/div up to peak at int(pct_start·T), then down to peak/(div·final_div) at T', () => {
    // values = cumprod(peak/div, div, 1/(div·final_div)) = (0.04, 1, 1/250000).
    const v = lrs({ name: 'optax.cosine_onecycle_schedule', transition_steps: 10, peak_value: 1 }, 12);
    const lo = 1 / 25;
    const up = (c: number) => 1 + ((lo - 1) / 2) * (Math.cos((Math.PI * c) / 3) + 1);
    const down = (c: number) => 1 / 250000 + ((1 - 1 / 250000) / 2) * (Math.cos((Math.PI * (c - 3)) / 7) + 1);
    near(v, [up(0), up(1), up(2), ...[3, 4, 5, 6, 7, 8, 9].map(down), 1 / 250000, 1 / 250000], 1e-14);
    assert.ok(Math.abs(v[0] - 0.04) < 1e-15 && v[3] === 1);
    near(
      lrs({ name: 'optax.linear_onecycle_schedule', transition_steps: 10, peak_value: 1 }, 11),
      [0.04, 0.36, 0.68, 1, 0.808, 0.616, 0.424, 0.232, 0.04, 0.04 + (0.04e-4 - 0.04) / 2, 0.04e-4],
      1e-14,
    ); // final value init/final_div_factor = 0.04·1e-4
  });

  it('names an unknown optax schedule and lists the known ones', () => {
    assert.throws(() => lrs({ name: 'optax.sgdr_schedule' }, 2), /Unknown schedule "optax.sgdr_schedule".*optax.warmup_cosine_decay_schedule/);
    assert.throws(
      () => lrs({ name: 'optax.linear_schedule', init_value: 1, end_value: 0, transition_steps: 3, power: 2 }, 2),
      /optax.linear_schedule has no argument "power"/,
    );
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
    const constant = robbinsMonroForSchedule(null, 0.1)!;
    assert.deepEqual([constant.sumDiverges, constant.sumOfSquaresConverges], [true, false]);
    const step = robbinsMonroForSchedule({ name: 'StepLR', step_size: 10 }, 0.1)!;
    assert.deepEqual([step.sumDiverges, step.sumOfSquaresConverges], [false, true]);
    assert.equal(robbinsMonroForSchedule({ name: 'ExponentialLR', gamma: 0.99 }, 0.1)!.satisfied, false);
    assert.match(robbinsMonroForSchedule({ name: 'CosineAnnealingLR', T_max: 10 }, 0.1)!.reason, /periodic/);
    assert.match(robbinsMonroForSchedule({ name: 'OneCycleLR', max_lr: 1, total_steps: 5 }, 0.1)!.reason, /5 steps only/);
    assert.equal(robbinsMonroForSchedule({ name: 'LinearLR' }, 0.1)!.satisfied, false);
  });

  it('partial sums of a run’s learning rates', () => {
    assert.deepEqual(stepSizeSums([1, 0.5, 0.25]), { sum: 1.75, sumOfSquares: 1.3125 });
  });
});
