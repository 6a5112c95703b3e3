/**
 * The gradient flow ẋ = −∇f(x): convergence orders against the closed form e^{−At}x₀ for a
 * quadratic (Euler O(h), RK4 O(h⁴)), GD with η = h identical to Euler, blow-up detection.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  expressionObjective,
  finalState,
  integrateGradientFlow,
  quadraticFlow,
  quadraticObjective,
  simulateFlow,
  stepCount,
  symmetricEigen,
} from '../../compute/flow';

const A = [3, 1, 1, 2];
const start = [1, -0.5];
const T = 1;

function errorAtT(method: 'euler' | 'rk4', h: number): number {
  const { steps, lastStep } = stepCount(h, T);
  const run = integrateGradientFlow(quadraticObjective(A, 2), start, { method, h, steps, lastStep });
  const exact = quadraticFlow(A, 2).at(start, T, new Float64Array(2));
  const x = finalState(run);
  return Math.hypot(x[0] - exact[0], x[1] - exact[1]);
}

/** Observed order log2(e(h) / e(h/2)) over successive halvings. */
function orders(method: 'euler' | 'rk4', hs: number[]): number[] {
  const errors = hs.map((h) => errorAtT(method, h));
  return errors.slice(1).map((e, i) => Math.log2(errors[i] / e));
}

describe('gradient flow', () => {
  it('explicit Euler converges with order 1', () => {
    const p = orders('euler', [0.1, 0.05, 0.025, 0.0125, 0.00625]);
    for (const q of p) assert.ok(Math.abs(q - 1) < 0.1, `order ${q} (${p.join(', ')})`);
    assert.ok(Math.abs(p[p.length - 1] - 1) < 0.02, `order ${p[p.length - 1]}`);
  });

  it('classical RK4 converges with order 4', () => {
    // Observed: 4.22, 4.11, 4.05, 4.03 — the higher-order error terms fade as h shrinks.
    const p = orders('rk4', [0.1, 0.05, 0.025, 0.0125, 0.00625]);
    for (const q of p) assert.ok(Math.abs(q - 4) < 0.25, `order ${q} (${p.join(', ')})`);
    assert.ok(Math.abs(p[p.length - 1] - 4) < 0.05, `order ${p[p.length - 1]}`);
  });

  it('the closed form solves ẋ = −Ax (derivative check) and the eigen-decomposition reconstructs A', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 9, maxLength: 9 }), (m) => {
        const d = 3;
        const S = m.map((_, k) => 0.5 * (m[k] + m[(k % d) * d + Math.floor(k / d)]));
        const { values, vectors: V } = symmetricEigen(S, d);
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let k = 0; k < d; k++) s += V[i * d + k] * values[k] * V[j * d + k];
            assert.ok(Math.abs(s - S[i * d + j]) < 1e-12);
          }
        }
        const flow = quadraticFlow(S, d);
        const x0 = [0.3, -1, 0.7];
        const t = 0.4;
        const e = 1e-5;
        const plus = flow.at(x0, t + e, new Float64Array(d));
        const minus = flow.at(x0, t - e, new Float64Array(d));
        const x = flow.at(x0, t, new Float64Array(d));
        for (let i = 0; i < d; i++) {
          let ax = 0;
          for (let j = 0; j < d; j++) ax += S[i * d + j] * x[j];
          assert.ok(Math.abs((plus[i] - minus[i]) / (2 * e) + ax) < 1e-6);
        }
      }),
      { numRuns: 50, seed: 2 },
    );
  });

  it('gradient descent with η = h is exactly Euler', () => {
    const objective = expressionObjective('(1 - x)**2 + 100*(y - x**2)**2', 2);
    const euler = integrateGradientFlow(objective, [-1, 1], { method: 'euler', h: 1e-3, steps: 500 });
    const gd = integrateGradientFlow(objective, [-1, 1], { method: 'gd', h: 1e-3, steps: 500 });
    assert.deepEqual(Array.from(gd.points), Array.from(euler.points));
    assert.deepEqual(Array.from(gd.loss), Array.from(euler.loss));
  });

  it('an expression objective and the same quadratic give the same RK4 trajectory', () => {
    const e = integrateGradientFlow(expressionObjective('1.5*x**2 + x*y + y**2', 2), start, { method: 'rk4', h: 0.05, steps: 20 });
    const q = integrateGradientFlow(quadraticObjective(A, 2), start, { method: 'rk4', h: 0.05, steps: 20 });
    e.points.forEach((v, i) => assert.ok(Math.abs(v - q.points[i]) < 1e-14));
  });

  it('ends exactly at T when T/h is not a whole number (a last, shorter step)', () => {
    const { steps, lastStep } = stepCount(0.3, 1);
    assert.equal(steps, 4);
    assert.ok(Math.abs(lastStep - 0.1) < 1e-15);
    const run = integrateGradientFlow(quadraticObjective(A, 2), start, { method: 'rk4', h: 0.3, steps, lastStep });
    assert.equal(run.times[run.times.length - 1], 1);
  });

  it('reports the step at which the iteration blows up (h beyond the stability limit 2/λ_max)', () => {
    const result = simulateFlow({
      kind: 'flow',
      layers: [],
      gradientFlow: {
        objective: {
          quadratic: [
            [100, 0],
            [0, 1],
          ],
        },
        start: [1, 1],
        h: 0.05,
        T: 100,
        methods: ['euler', 'rk4', 'gd'],
      },
    });
    const g = result.gradientFlow!;
    assert.equal(g.stability!.lambdaMax, 100);
    assert.equal(g.stability!.hMax, 0.02);
    // |1 − hλ| = 4 per step: 4^k overflows the loss (½·100·x²) after about 510 steps.
    for (const m of ['euler', 'gd', 'rk4'] as const) {
      const run = g[m]!;
      assert.ok(run.diverged && run.diverged.step > 100 && run.diverged.step < 600, `${m}: ${JSON.stringify(run.diverged)}`);
      assert.ok(run.trajectory.flat().every(Number.isFinite));
      assert.equal(run.times[run.times.length - 1], (run.diverged.step - 1) * 0.05);
    }
  });

  it('records thinned trajectories with the start and the end, and the exact solution at the same times', () => {
    const result = simulateFlow({
      kind: 'flow',
      gradientFlow: {
        objective: {
          quadratic: [
            [1, 0.2],
            [0.2, 0.5],
          ],
        },
        start: [2, -1],
        h: 0.01,
        T: 1,
        recordEvery: 7,
      },
    } as never);
    const g = result.gradientFlow!;
    assert.equal(g.steps, 100);
    assert.deepEqual(g.rk4!.times, g.exact!.times);
    assert.equal(g.rk4!.times.length, Math.ceil(100 / 7) + 1);
    assert.equal(g.rk4!.times.at(-1), 1);
    g.rk4!.trajectory.forEach((p, i) => p.forEach((v, j) => assert.ok(Math.abs(v - g.exact!.trajectory[i][j]) < 1e-9)));
  });
});
