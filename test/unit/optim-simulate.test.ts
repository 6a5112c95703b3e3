// simulateOptimizer: the request/result contract, several optimizers at once, divergence
// detection, gradient noise, Polyak/EMA averaging, GD's rate bound, limits and argument errors.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fma } from '../../compute/optim/fma';
import { gdContraction, gdRateBound, simulateOptimizer, type OptimizerRequest } from '../../compute/optim';

const gd = (lr: number) => ({ name: 'gd', framework: 'pytorch', hyperparameters: { lr } });
const request = (extra: Partial<OptimizerRequest>): OptimizerRequest => ({
  kind: 'optimizer',
  objective: { name: 'rosenbrock' },
  start: [-1.5, 2],
  steps: 20,
  optimizer: { name: 'adam' },
  ...extra,
});

describe('simulateOptimizer', () => {
  it('returns steps + 1 points (start first), one loss per point and one lr per step', () => {
    const r = simulateOptimizer(request({ optimizer: { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.01 }, defaultsUsed: ['betas'] } }));
    assert.equal(r.kind, 'optimizer');
    assert.equal(r.trajectory.length, 21);
    assert.deepEqual(r.trajectory[0], [-1.5, 2]);
    assert.equal(r.loss.length, 21);
    assert.equal(r.loss[0], 2.5 ** 2 + 100 * 0.25 ** 2);
    assert.deepEqual(r.lr, new Array(20).fill(0.01));
    assert.equal(r.diverged, undefined);
    assert.deepEqual(r.optimizer.defaultsUsed, ['betas', 'eps', 'weight_decay', 'amsgrad', 'maximize']);
    assert.equal(r.objective.name, 'rosenbrock');
    assert.deepEqual(r.objective.minimizers, [[1, 1]]);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(r))), JSON.stringify(r), 'the result is plain JSON');
  });

  it('runs several optimizers at once; the first one is also at top level', () => {
    const r = simulateOptimizer({
      kind: 'optimizer',
      objective: { name: 'quadratic', kappa: 10 },
      steps: 30,
      schedule: { name: 'StepLR', step_size: 10, gamma: 0.5 },
      optimizers: [
        gd(0.05),
        { name: 'sgd', hyperparameters: { lr: 0.05, momentum: 0.9 }, schedule: null },
        { name: 'adam', framework: 'keras', label: 'Keras Adam' },
      ],
    });
    assert.equal(r.runs.length, 3);
    assert.deepEqual(r.trajectory, r.runs[0].trajectory);
    assert.deepEqual(r.start, [1, 1]);
    assert.equal(r.runs[0].lr[10], 0.025);
    assert.equal(r.runs[1].lr[10], 0.05, 'schedule: null switches the shared schedule off');
    assert.equal(r.runs[2].label, 'Keras Adam');
    assert.equal(r.runs[2].lr[0], 0.001, "Keras Adam's default learning_rate");
  });

  it('reports divergence at the right step: GD on x² with lr 1.5 gives xₖ = (−2)ᵏ', () => {
    // f(xₖ) = 4ᵏ exceeds 1e12·f(x₀) first at k = 20.
    const r = simulateOptimizer({ kind: 'optimizer', objective: { expr: 'x**2' }, start: [1], steps: 100, optimizer: gd(1.5) });
    assert.equal(r.diverged?.step, 20);
    assert.match(r.diverged!.reason, /loss exceeded/);
    assert.equal(r.trajectory.length, 21);
    assert.equal(r.trajectory[20][0], 2 ** 20);
    assert.equal(r.lr.length, 20);
    // |xₖ| = 2ᵏ exceeds 1e8 first at k = 27.
    const byX = simulateOptimizer({
      kind: 'optimizer',
      objective: { expr: 'x**2' },
      start: [1],
      steps: 100,
      optimizer: gd(1.5),
      divergence: { lossFactor: 1e300 },
    });
    assert.equal(byX.diverged?.step, 27);
    // An infinite loss is dropped: only the finite prefix is kept.
    const inf = simulateOptimizer({ kind: 'optimizer', objective: { expr: 'x**2' }, start: [1], steps: 5, optimizer: gd(1e200) });
    assert.equal(inf.diverged?.step, 1);
    assert.deepEqual(inf.trajectory, [[1]]);
    assert.deepEqual(inf.lr, []);
  });

  it('GD beyond 2/L on the κ = 50 quadratic diverges at the step the iteration predicts', () => {
    const r = simulateOptimizer({ kind: 'optimizer', objective: { name: 'quadratic', kappa: 50 }, start: [1, 1], steps: 200, optimizer: gd(0.05) });
    let [x, y, k] = [1, 1, 0];
    while (0.5 * (x * x + 50 * y * y) <= 1e12 * 25.5) [x, y, k] = [x - 0.05 * x, y - 0.05 * 50 * y, k + 1];
    assert.equal(r.diverged?.step, k);
  });

  it('gradient noise is reproducible from its seed and has the requested spread', () => {
    const noisy = (seed: number, std = 0.1) => simulateOptimizer(request({ optimizer: { name: 'sgd', hyperparameters: { lr: 1e-4 } }, noise: { std, seed } }));
    assert.deepEqual(noisy(7).trajectory, noisy(7).trajectory);
    assert.notDeepEqual(noisy(7).trajectory, noisy(8).trajectory);
    assert.deepEqual(noisy(7, 0).trajectory, simulateOptimizer(request({ optimizer: { name: 'sgd', hyperparameters: { lr: 1e-4 } } })).trajectory);
    // On a flat objective GD with lr 1 just adds −ξ: the increments have standard deviation std.
    const walk = simulateOptimizer({ kind: 'optimizer', objective: { expr: '0*x' }, start: [0], steps: 20000, optimizer: gd(1), noise: { std: 0.5, seed: 3 } });
    const inc = walk.trajectory.slice(1).map((p, k) => p[0] - walk.trajectory[k][0]);
    const mean = inc.reduce((s, v) => s + v, 0) / inc.length;
    const sd = Math.sqrt(inc.reduce((s, v) => s + (v - mean) ** 2, 0) / inc.length);
    assert.ok(Math.abs(mean) < 0.02 && Math.abs(sd - 0.5) < 0.02, `mean ${mean}, sd ${sd}`);
  });

  it('Polyak and EMA averages of the iterates, with their losses', () => {
    const r = simulateOptimizer(request({ optimizer: { name: 'sgd', hyperparameters: { lr: 1e-4 } }, averaging: { polyak: true, ema: 0.9 }, steps: 10 }));
    const t = r.trajectory;
    for (let k = 0; k <= 10; k++) {
      const mean = [0, 1].map((i) => t.slice(0, k + 1).reduce((s, p) => s + p[i], 0) / (k + 1));
      r.polyak!.trajectory[k].forEach((v, i) => assert.ok(Math.abs(v - mean[i]) < 1e-14));
    }
    let e = t[0];
    for (let k = 1; k <= 10; k++) {
      e = e.map((v, i) => 0.9 * v + 0.1 * t[k][i]);
      r.ema!.trajectory[k].forEach((v, i) => assert.ok(Math.abs(v - e[i]) < 1e-14));
    }
    assert.equal(r.ema!.decay, 0.9);
    assert.equal(r.polyak!.loss.length, 11);
    assert.throws(() => simulateOptimizer(request({ averaging: { ema: 1 } })), /EMA decay and must be in \[0, 1\)/);
  });

  it('GD with step 1/L on a quadratic stays within f(xₖ) − f* ≤ (1 − μ/L)ᵏ (f(x₀) − f*)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 180, noNaN: true }),
        (kappa, x0, y0, angle) => {
          const r = simulateOptimizer({
            kind: 'optimizer',
            objective: { name: 'quadratic', kappa, angle },
            start: [x0, y0],
            steps: 60,
            optimizer: gd(1 / kappa),
          });
          assert.equal(r.theory!.kappa, kappa);
          r.loss.forEach((f, k) => {
            const bound = gdRateBound(1, kappa, k) * r.loss[0];
            // Rounding: with κ = 1 the bound is exactly 0 after one step, but floats leave ~ε·f(x₀).
            assert.ok(f <= bound * (1 + 1e-12) + 1e-15 * r.loss[0] + 1e-300, `k=${k}: ${f} > ${bound}`);
            assert.ok(Math.abs(r.theory!.lossBound[k] - bound) <= 1e-12 * bound + 1e-300);
          });
        },
      ),
      { numRuns: 100 },
    );
    assert.equal(gdContraction(1, 9, 0.2), 0.8);
    assert.throws(() => gdRateBound(0, 1, 1), /0 < μ ≤ L/);
  });

  it('rejects bad hyperparameters with PyTorch’s wording', () => {
    const bad = (name: string, hyperparameters: Record<string, unknown>) => () => simulateOptimizer(request({ optimizer: { name, hyperparameters } }));
    assert.throws(bad('adam', { lr: -1 }), /torch\.optim\.Adam: Invalid learning rate: -1/);
    assert.throws(bad('adam', { betas: [1, 0.999] }), /Invalid beta parameter at index 0: 1/);
    assert.throws(bad('adam', { betas: [0.9, -0.1] }), /Invalid beta parameter at index 1: -0\.1/);
    assert.throws(bad('adam', { betas: 0.9 }), /"betas" must be a pair of numbers/);
    assert.throws(bad('adam', { eps: -1e-8 }), /Invalid epsilon value/);
    assert.throws(bad('adamw', { weight_decay: -0.1 }), /Invalid weight_decay value: -0\.1/);
    assert.throws(bad('adam', { beta1: 0.9 }), /torch\.optim\.Adam has no argument "beta1"\. Its arguments are: lr, betas, eps/);
    assert.throws(bad('sgd', {}), /torch\.optim\.SGD needs "lr" \(learning rate\)/);
    assert.throws(bad('sgd', { lr: 0.1, nesterov: true }), /Nesterov momentum requires a momentum and zero dampening/);
    assert.throws(bad('sgd', { lr: 0.1, momentum: -0.5 }), /Invalid momentum value: -0\.5/);
    assert.throws(bad('rmsprop', { alpha: -1 }), /Invalid alpha value/);
    assert.throws(bad('adagrad', { lr_decay: -1 }), /Invalid lr_decay value/);
    assert.throws(bad('adagrad', { initial_accumulator_value: -1 }), /Invalid initial_accumulator_value value/);
    assert.throws(bad('adam', { lr: 'fast' }), /"lr" must be a number, not "fast"/);
    assert.throws(bad('adam', { amsgrad: 1 }), /"amsgrad" must be true or false/);
    assert.throws(bad('lbfgs', {}), /Unknown optimizer "lbfgs"/);
    assert.throws(() => simulateOptimizer(request({ optimizer: { name: 'adam', framework: 'mxnet' } })), /Unknown framework "mxnet"/);
  });

  it('enforces its limits with clear messages', () => {
    assert.throws(() => simulateOptimizer(request({ steps: 1_000_001 })), /At most 1,000,000 steps/);
    assert.throws(() => simulateOptimizer(request({ steps: 2.5 })), /"steps" must be a whole number/);
    assert.throws(() => simulateOptimizer(request({ objective: { name: 'rastrigin' }, start: new Array(65).fill(1) })), /At most 64 dimensions/);
    assert.throws(
      () => simulateOptimizer(request({ objective: { name: 'rastrigin' }, start: new Array(64).fill(1), steps: 1_000_000 })),
      /keep \(steps \+ 1\) × dimensions × optimizers/,
    );
    assert.throws(() => simulateOptimizer(request({ optimizers: [{ name: 'adam' }] })), /either "optimizer" \(one\) or "optimizers"/);
    assert.throws(() => simulateOptimizer({ kind: 'optimizer', objective: { name: 'rosenbrock' }, steps: 5, optimizers: [] }), /needs an "optimizer"/);
    assert.throws(() => simulateOptimizer(request({ start: [1, Number.NaN] })), /finite numbers/);
    assert.throws(() => simulateOptimizer(request({ objective: { expr: 'log(x) + y' }, start: [-1, 0] })), /not finite at the start point/);
    assert.throws(
      () => simulateOptimizer(request({ optimizers: [{ name: 'adam' }, { name: 'sgd' }], optimizer: undefined })),
      /Optimizer 2 \(sgd\): torch\.optim\.SGD needs "lr"/,
    );
  });

  it('emulates a fused multiply-add exactly (against exact rational arithmetic)', () => {
    const exact = (a: number, b: number, c: number) => {
      // Every double is m·2^e with integer m; scale all three to a common power of two.
      const parts = (v: number): [bigint, number] => {
        if (v === 0) return [0n, 0];
        let e = 0;
        while (!Number.isInteger(v)) [v, e] = [v * 2, e - 1];
        return [BigInt(v), e];
      };
      const [ma, ea] = parts(a);
      const [mb, eb] = parts(b);
      const [mc, ec] = parts(c);
      const e = Math.min(ea + eb, ec);
      const sum = ma * mb * 2n ** BigInt(ea + eb - e) + mc * 2n ** BigInt(ec - e);
      return Number(sum) * 2 ** e; // Number(bigint) rounds to nearest; 2^e scaling is exact here
    };
    // Normal doubles (no subnormal products, where the reference's power-of-two scaling would round).
    const normal = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => v === 0 || Math.abs(v) >= 1e-30);
    fc.assert(
      fc.property(normal, normal, normal, (a, b, c) => {
        const want = exact(a, b, c);
        assert.ok(Object.is(fma(a, b, c) + 0, want + 0), `fma(${a}, ${b}, ${c}) = ${fma(a, b, c)}, exact ${want}`);
      }),
      { numRuns: 3000 },
    );
    assert.equal(fma(0.1, 10, -1), 5.551115123125783e-17);
    assert.equal(fma(1 + 2 ** -52, 1 - 2 ** -52, -1), -(2 ** -104));
    assert.equal(fma(1 + 2 ** -30, 1 + 2 ** -30, -(1 + 2 ** -29)), 2 ** -60); // the product's low bits survive
  });
});
