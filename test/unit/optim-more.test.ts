// Adadelta, Adamax, NAdam, RAdam, Rprop and ASGD (PyTorch) and Keras' Adadelta, Adamax and Nadam:
// defaults, argument checks, hand-computed first steps, and the Keras rules checked against
// torch.optim run with the settings that make the two rules the same maths
// (test/fixtures/optim.json, written by gen_optim.py with PyTorch 1.13).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simulateOptimizer, type OptimizerSpec, type ScheduleSpec } from '../../compute/optim';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'optim.json'), 'utf8')) as {
  steps: number;
  problems: Record<string, { objective: { name: string }; start: number[] }>;
  cases: { id: string; problem: string; trajectory: number[][] }[];
};

function run(optimizer: OptimizerSpec, steps = 1, schedule?: ScheduleSpec) {
  return simulateOptimizer({ kind: 'optimizer', optimizer, schedule, objective: { name: 'quadratic', kappa: 1 }, start: [2], steps });
}
const x = (optimizer: OptimizerSpec, steps = 1, schedule?: ScheduleSpec) => run(optimizer, steps, schedule).trajectory.map((p) => p[0]);
const close = (a: number, b: number, tol = 1e-15) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const torch = (name: string, hyperparameters: Record<string, unknown> = {}): OptimizerSpec => ({ name, framework: 'pytorch', hyperparameters });
const keras = (name: string, hyperparameters: Record<string, unknown> = {}): OptimizerSpec => ({ name, framework: 'keras', hyperparameters });

function maxRelError(ours: number[][], ref: number[][]): number {
  let worst = 0;
  ref.forEach((point, k) => {
    const scale = Math.max(...point.map(Math.abs));
    const diff = Math.max(...point.map((v, i) => Math.abs(ours[k][i] - v)));
    worst = Math.max(worst, scale === 0 ? diff : diff / scale);
  });
  return worst;
}

describe('PyTorch Adadelta, Adamax, NAdam, RAdam, Rprop, ASGD: defaults and checks', () => {
  it('reads PyTorch’s defaults and lists them', () => {
    const defaults: Record<string, Record<string, unknown>> = {
      adadelta: { lr: 1, rho: 0.9, eps: 1e-6, weight_decay: 0, maximize: false },
      adamax: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, maximize: false },
      nadam: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, decoupled_weight_decay: false, maximize: false },
      radam: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, decoupled_weight_decay: false, maximize: false },
      rprop: { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false },
      asgd: { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0, maximize: false },
    };
    for (const [name, want] of Object.entries(defaults)) {
      const r = run(torch(name));
      assert.deepEqual(r.optimizer.hyperparameters, want, name);
      assert.deepEqual(r.optimizer.defaultsUsed, Object.keys(want), name);
    }
  });

  it('rejects what PyTorch rejects, in its words', () => {
    assert.throws(() => run(torch('adadelta', { rho: 1.5 })), /Invalid rho value: 1.5/);
    assert.throws(() => run(torch('rprop', { etas: [1.5, 1.2] })), /Invalid eta values: 1.5, 1.2/);
    assert.throws(() => run(torch('nadam', { momentum_decay: -1 })), /Invalid momentum_decay value/);
    assert.throws(() => run(torch('radam', { betas: [1, 0.9] })), /Invalid beta parameter at index 0/);
    assert.throws(() => run(torch('asgd', { lr: -1 })), /Invalid learning rate/);
    assert.throws(() => run(torch('adamax', { amsgrad: true })), /torch.optim.Adamax has no argument "amsgrad"/);
    // Flags that pick an implementation are accepted and ignored.
    assert.doesNotThrow(() => run(torch('nadam', { foreach: true, capturable: false, differentiable: false })));
  });

  it('first steps by hand on ½x² from 2 (g = x)', () => {
    // Adadelta: v = 0.1·4, Δ = √ε/√(v + ε)·2, θ = 2 − Δ.
    close(x(torch('adadelta'))[1], 2 - (Math.sqrt(1e-6) / Math.sqrt(0.4 + 1e-6)) * 2);
    // Adamax: m = 0.2, u = 2 + ε, θ = 2 − 2e-3/0.1·0.2/(2 + ε).
    close(x(torch('adamax'))[1], 2 + (-(2e-3 / (1 - 0.9)) * 0.2) / (2 + 1e-8));
    // RAdam: ρ₁ < 5, so the first step is SGD with momentum on m̂ = g: θ = 2 − lr·2.
    close(x(torch('radam', { lr: 0.1 }))[1], 2 - 0.1 * 2);
    // Rprop: the first step moves by lr against the sign of g, then grows by η₊ while the sign holds.
    const r = x(torch('rprop', { lr: 0.1 }), 3);
    close(r[1], 1.9);
    close(r[2], 1.9 - 0.12);
    close(r[3], 1.9 - 0.12 - 0.144);
    // ASGD: θ ← θ(1 − λη) − ηg with η = lr at the first step.
    close(x(torch('asgd', { lr: 0.1 }))[1], 2 * (1 - 1e-4 * 0.1) - 0.1 * 2, 1e-15);
  });

  it('NAdam/RAdam decoupled_weight_decay shrinks θ by 1 − lr·λ first (PyTorch ≥ 2.0); maximize climbs', () => {
    const plain = x(torch('nadam', { lr: 0.01 }))[1];
    const shrunk = x(torch('nadam', { lr: 0.01, weight_decay: 0.5, decoupled_weight_decay: true }))[1];
    // The gradient is taken at the old θ; only θ itself is scaled before the NAdam step.
    close(shrunk, plain - 2 * 0.01 * 0.5, 1e-14);
    const rShrunk = x(torch('radam', { lr: 0.01, weight_decay: 0.5, decoupled_weight_decay: true }))[1];
    close(rShrunk, 2 * (1 - 0.005) - 0.01 * 2, 1e-15);
    assert.ok(x(torch('nadam', { lr: 0.01, maximize: true }))[1] > 2);
    assert.ok(x(torch('radam', { lr: 0.01, maximize: true }))[1] > 2);
  });

  it('Rprop reads lr only once: a schedule changes nothing after the first step (as PyTorch’s state["step_size"])', () => {
    const constant = x(torch('rprop', { lr: 0.01 }), 20);
    const scheduled = x(torch('rprop', { lr: 0.01 }), 20, { name: 'StepLR', step_size: 2, gamma: 0.1 });
    assert.deepEqual(scheduled, constant);
  });

  it('OneCycleLR cycles β₁ of Adamax, NAdam and RAdam; Adadelta, Rprop and ASGD have nothing to cycle (PyTorch raises)', () => {
    const schedule = { name: 'OneCycleLR', max_lr: 0.01, total_steps: 10 };
    for (const name of ['adamax', 'nadam', 'radam']) assert.equal(run(torch(name), 10, schedule).momentum?.length, 10, name);
    for (const name of ['adadelta', 'rprop', 'asgd']) assert.throws(() => run(torch(name), 10, schedule), /optimizer must support momentum/, name);
  });
});

// Keras 3's rules (keras/src/optimizers/{adadelta,adamax,nadam}.py, update_step), written out:
//   Adadelta: a ← ρa + (1 − ρ)g²; Δ = −√(d + ε)·g/√(a + ε); d ← ρd + (1 − ρ)Δ²; θ ← θ + lr·Δ.
//             Defaults learning_rate 0.001, rho 0.95, epsilon 1e-7.
//   Adamax:   m ← m + (g − m)(1 − β₁); u ← max(β₂u, |g|); θ ← θ − lr·m/((1 − β₁ᵗ)(u + ε)).
//             Defaults 0.001, 0.9, 0.999, 1e-7. (PyTorch: u ← max(β₂u, |g| + ε), θ ← θ − lr/(1 − β₁ᵗ)·m/u.)
//   Nadam:    uₜ = β₁(1 − ½·0.96ᵗ), Πₜ = u₁⋯uₜ; m ← m + (g − m)(1 − β₁); v ← v + (g² − v)(1 − β₂);
//             m̂ = uₜ₊₁m/(1 − Πₜuₜ₊₁) + (1 − uₜ)g/(1 − Πₜ); θ ← θ − lr·m̂/(√(v/(1 − β₂ᵗ)) + ε).
//             Defaults 0.001, 0.9, 0.999, 1e-7. (PyTorch: 0.96^(tψ) with ψ = momentum_decay = 0.004.)
//   All three: weight_decay (default None) is decoupled, θ ← θ − θ·wd·lr before the step.
describe('Keras Adadelta, Adamax, Nadam (Keras’ documented rules)', () => {
  it('defaults', () => {
    assert.deepEqual(run(keras('adadelta')).optimizer.hyperparameters, { learning_rate: 0.001, rho: 0.95, epsilon: 1e-7, weight_decay: null });
    assert.deepEqual(run(keras('adamax')).optimizer.hyperparameters, { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, weight_decay: null });
    assert.deepEqual(run(keras('nadam')).optimizer.hyperparameters, { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, weight_decay: null });
  });

  it('first steps by hand on ½x² from 2', () => {
    // Adadelta: a = 0.05·4 = 0.2, Δ = −√ε·2/√(0.2 + ε), θ = 2 + 0.001·Δ.
    close(x(keras('adadelta'))[1], 2 + 0.001 * -((Math.sqrt(1e-7) * 2) / Math.sqrt(0.2 + 1e-7)));
    // Adamax: m = 0.2, u = 2, θ = 2 − 0.001·0.2/(0.1·(2 + 1e-7)): ε outside the max.
    close(x(keras('adamax'))[1], 2 - (0.001 * 0.2) / ((1 - 0.9) * (2 + 1e-7)));
    // Nadam: u₁ = 0.9(1 − 0.48), u₂ = 0.9(1 − 0.5·0.9216), Π₁ = u₁.
    const u1 = 0.9 * (1 - 0.5 * 0.96);
    const u2 = 0.9 * (1 - 0.5 * 0.96 ** 2);
    const mHat = (u2 * 0.2) / (1 - u1 * u2) + ((1 - u1) * 2) / (1 - u1);
    close(x(keras('nadam'))[1], 2 - (mHat * 0.001) / (Math.sqrt(0.004 / 0.001) + 1e-7), 1e-14);
    // Decoupled weight decay before the step.
    close(x(keras('adamax', { weight_decay: 0.5 }))[1], 2 - 2 * 0.5 * 0.001 - (0.001 * 0.2) / ((1 - 0.9) * (2 + 1e-7)), 1e-14);
  });

  // The same maths as torch.optim with these settings, so the torch trajectories check the Keras code.
  const equivalents: [string, string, OptimizerSpec][] = [
    [
      'Adadelta(learning_rate=0.5, rho=0.95, epsilon=1e-7) = torch Adadelta(lr=0.5, rho=0.95, eps=1e-7)',
      'keras-adadelta-as-torch',
      keras('adadelta', { learning_rate: 0.5 }),
    ],
    ['Adamax(learning_rate=0.01, epsilon=0) = torch Adamax(lr=0.01, eps=0)', 'keras-adamax-as-torch', keras('adamax', { learning_rate: 0.01, epsilon: 0 })],
    ['Nadam(learning_rate=0.01) = torch NAdam(lr=0.01, eps=1e-7, momentum_decay=1)', 'keras-nadam-as-torch', keras('nadam', { learning_rate: 0.01 })],
  ];
  for (const [title, id, spec] of equivalents) {
    for (const problem of ['rosenbrock', 'quadratic']) {
      it(`${title} on ${problem}, ${fixture.steps} steps, relative error ≤ 1e-9`, () => {
        const ref = fixture.cases.find((c) => c.id === `${id}/${problem}`)!;
        const p = fixture.problems[problem];
        const r = simulateOptimizer({ kind: 'optimizer', optimizer: spec, objective: p.objective, start: p.start, steps: fixture.steps });
        assert.ok(maxRelError(r.trajectory, ref.trajectory) <= 1e-9, `${maxRelError(r.trajectory, ref.trajectory)}`);
      });
    }
  }
});
