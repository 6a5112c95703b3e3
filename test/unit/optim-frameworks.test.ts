// Keras and optax are not installed, so their variants are checked against first steps worked
// out by hand from their update rules (keras/src/optimizers/*.py, optax/_src/alias.py and
// transform.py), on f(x) = ½x² from x₀ = 2 (so g = x), and against PyTorch where the maths agree.
import * as assert from 'node:assert/strict';
import { simulateOptimizer, type OptimizerSpec, type ScheduleSpec } from '../../compute/optim';

function run(optimizer: OptimizerSpec, steps = 1, schedule?: ScheduleSpec) {
  return simulateOptimizer({ kind: 'optimizer', optimizer, schedule, objective: { name: 'quadratic', kappa: 1 }, start: [2], steps });
}
const x = (optimizer: OptimizerSpec, steps = 1, schedule?: ScheduleSpec) => run(optimizer, steps, schedule).trajectory.map((p) => p[0]);
const close = (a: number, b: number, tol = 1e-15) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const keras = (name: string, hyperparameters: Record<string, unknown> = {}): OptimizerSpec => ({ name, framework: 'keras', hyperparameters });
const optax = (name: string, hyperparameters: Record<string, unknown> = {}): OptimizerSpec => ({ name, framework: 'optax', hyperparameters });
const torch = (name: string, hyperparameters: Record<string, unknown> = {}): OptimizerSpec => ({ name, framework: 'pytorch', hyperparameters });

describe('Keras variants (hand-computed steps)', () => {
  it('Adam: α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε̂ = 1e-7 added to √v, outside the bias correction', () => {
    const [, x1, x2] = x(keras('adam', { learning_rate: 0.1 }), 2);
    // t = 1, g = 2: m = 0.2, v = 0.004, α = 0.1·√0.001/0.1.
    close(x1, 2 - (0.2 * Math.sqrt(0.001)) / (Math.sqrt(0.004) + 1e-7));
    close(x1, 1.900000158113633, 1e-14);
    // t = 2, g = x1.
    const m = 0.2 + (x1 - 0.2) * 0.1;
    const v = 0.004 + (x1 * x1 - 0.004) * 0.001;
    const alpha = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
    close(x2, x1 - (m * alpha) / (Math.sqrt(v) + 1e-7));
    // PyTorch puts ε after the bias correction: 2 − 0.2/(2 + 1e-8).
    close(x(torch('adam', { lr: 0.1 }))[1], 2 - 0.2 / (2 + 1e-8));
  });

  it('Adam defaults are learning_rate 1e-3, beta_1 0.9, beta_2 0.999, epsilon 1e-7, and are listed as defaults', () => {
    const r = run(keras('adam'));
    assert.deepEqual(r.optimizer.hyperparameters, { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false, weight_decay: null });
    assert.deepEqual(r.optimizer.defaultsUsed, ['learning_rate', 'beta_1', 'beta_2', 'epsilon', 'amsgrad', 'weight_decay']);
  });

  it('AdamW: decoupled θ ← θ − θ·wd·lr (default 0.004) before the Adam step, whose gradient is taken at the old θ', () => {
    const [, x1] = x(keras('adamw'));
    const alpha = (0.001 * Math.sqrt(0.001)) / 0.1;
    close(x1, 2 - 2 * 0.004 * 0.001 - (0.2 * alpha) / (Math.sqrt(0.004) + 1e-7));
    assert.throws(() => run(keras('adamw', { weight_decay: null })), /weight_decay.*must be a float/);
  });

  it('RMSprop: ε inside the square root, rho 0.9, lr inside the momentum buffer', () => {
    close(x(keras('rmsprop', { learning_rate: 0.1 }))[1], 2 - (0.1 * 2) / Math.sqrt(0.4 + 1e-7));
    close(x(keras('rmsprop', { learning_rate: 0.1, centered: true }))[1], 2 - (0.1 * 2) / Math.sqrt(0.4 - 0.04 + 1e-7));
    const [, x1, x2] = x(keras('rmsprop', { learning_rate: 0.1, momentum: 0.9 }), 2);
    const b1 = (0.1 * 2) / Math.sqrt(0.4 + 1e-7);
    close(x1, 2 - b1);
    const v2 = 0.9 * 0.4 + 0.1 * x1 * x1;
    close(x2, x1 - (0.9 * b1 + (0.1 * x1) / Math.sqrt(v2 + 1e-7)));
    // PyTorch: alpha 0.99, ε outside: 2 − 0.1·2/(√0.04 + 1e-8).
    close(x(torch('rmsprop', { lr: 0.1 }))[1], 2 - (0.1 * 2) / (0.2 + 1e-8));
  });

  it('Adagrad: accumulator starts at 0.1, ε = 1e-7 inside the square root', () => {
    close(x(keras('adagrad'))[1], 2 - (0.001 * 2) / Math.sqrt(4.1 + 1e-7));
    close(x(torch('adagrad', { lr: 0.001 }))[1], 2 - (0.001 * 2) / (2 + 1e-10));
  });

  it('SGD: v ← μv − lr·g; equals PyTorch for a constant lr, differs once the lr changes', () => {
    const [, x1, x2] = x(keras('sgd', { momentum: 0.9 }), 2);
    close(x1, 1.98);
    close(x2, 1.98 + (0.9 * -0.02 - 0.01 * 1.98));
    close(x(keras('sgd', { momentum: 0.9, nesterov: true }))[1], 2 + 0.9 * -0.02 - 0.02);
    const k = x(keras('sgd', { learning_rate: 0.1, momentum: 0.9, nesterov: true }), 30);
    const t = x(torch('sgd', { lr: 0.1, momentum: 0.9, nesterov: true }), 30);
    k.forEach((v, i) => close(v, t[i], 1e-12));
    const step: ScheduleSpec = { name: 'StepLR', step_size: 3, gamma: 0.1 };
    const ks = x(keras('sgd', { learning_rate: 0.1, momentum: 0.9 }), 6, step);
    const ts = x(torch('sgd', { lr: 0.1, momentum: 0.9 }), 6, step);
    assert.ok(Math.abs(ks[5] - ts[5]) > 1e-3, 'the velocity form keeps the old lr inside the buffer');
    assert.throws(() => run(keras('sgd', { momentum: 1.5 })), /`momentum` must be a float between \[0, 1\]/);
  });

  it('weight_decay is decoupled for every Keras optimizer', () => {
    close(x(keras('sgd', { learning_rate: 0.1, weight_decay: 0.5 }))[1], 2 - 2 * 0.5 * 0.1 - 2 * 0.1);
  });
});

describe('optax variants (hand-computed steps)', () => {
  it('adam: the same maths as PyTorch (ε outside, after the bias correction); eps_root inside', () => {
    close(x(optax('adam', { learning_rate: 0.1 }))[1], 2 - 0.1 * (2 / (2 + 1e-8)));
    close(x(optax('adam', { learning_rate: 0.1, eps_root: 1e-4 }))[1], 2 - 0.1 * (2 / (Math.sqrt(4 + 1e-4) + 1e-8)));
    const o = x(optax('adam', { learning_rate: 0.05 }), 50);
    const t = x(torch('adam', { lr: 0.05 }), 50);
    o.forEach((v, i) => close(v, t[i], 1e-12));
  });

  it('adamw: u ← u_adam + wd·θ with wd = 1e-4 by default, then θ ← θ − lr·u (PyTorch AdamW with the same wd)', () => {
    close(x(optax('adamw', { learning_rate: 0.1 }))[1], 2 - 0.1 * (2 / (2 + 1e-8) + 1e-4 * 2));
    const o = x(optax('adamw', { learning_rate: 0.05 }), 50);
    const t = x(torch('adamw', { lr: 0.05, weight_decay: 1e-4 }), 50);
    o.forEach((v, i) => close(v, t[i], 1e-12));
  });

  it('sgd: momentum is a trace t ← g + μt (PyTorch without dampening), off by default', () => {
    for (const nesterov of [false, true]) {
      const o = x(optax('sgd', { learning_rate: 0.1, momentum: 0.9, nesterov }), 30);
      const t = x(torch('sgd', { lr: 0.1, momentum: 0.9, nesterov }), 30);
      o.forEach((v, i) => close(v, t[i], 1e-12));
    }
    close(x(optax('sgd', { learning_rate: 0.1 }))[1], 1.8);
    assert.deepEqual(run(optax('sgd', { learning_rate: 0.1 })).optimizer.hyperparameters, { learning_rate: 0.1, momentum: null, nesterov: false });
  });

  it('rmsprop: decay 0.9, ε = 1e-8 inside the square root unless eps_in_sqrt is false; centred, momentum, bias correction', () => {
    close(x(optax('rmsprop', { learning_rate: 0.1 }))[1], 2 - 0.1 * (2 / Math.sqrt(0.4 + 1e-8)));
    close(x(optax('rmsprop', { learning_rate: 0.1, eps_in_sqrt: false }))[1], 2 - 0.1 * (2 / (Math.sqrt(0.4) + 1e-8)));
    close(x(optax('rmsprop', { learning_rate: 0.1, centered: true }))[1], 2 - 0.1 * (2 / Math.sqrt(0.4 - 0.04 + 1e-8)));
    close(x(optax('rmsprop', { learning_rate: 0.1, bias_correction: true }))[1], 2 - 0.1 * (2 / Math.sqrt(4 + 1e-8)));
    const [, x1, x2] = x(optax('rmsprop', { learning_rate: 0.1, momentum: 0.9 }), 2);
    const u1 = 2 / Math.sqrt(0.4 + 1e-8);
    close(x1, 2 - 0.1 * u1);
    close(x2, x1 - 0.1 * (x1 / Math.sqrt(0.1 * x1 * x1 + 0.9 * 0.4 + 1e-8) + 0.9 * u1));
  });

  it('adagrad: accumulator starts at 0.1, ε = 1e-7 inside the square root', () => {
    close(x(optax('adagrad', { learning_rate: 0.1 }))[1], 2 - 0.1 * (2 / Math.sqrt(4.1 + 1e-7)));
  });

  it('learning_rate is required (optax has no default)', () => {
    assert.throws(() => run(optax('adam')), /optax\.adam needs "learning_rate"/);
  });
});
