// compute/optim against PyTorch 1.13 itself: trajectories and per-step learning rates written by
// test/fixtures/gen_optim.py (float64) for every optimizer option and every schedule.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simulateOptimizer, type OptimizerSpec, type ScheduleSpec } from '../../compute/optim';

interface FixtureCase {
  id: string;
  problem: string;
  optimizer: OptimizerSpec;
  schedule: ScheduleSpec | null;
  trajectory: number[][];
  lr: number[];
  momentum?: number[];
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'optim.json'), 'utf8')) as {
  torch: string;
  steps: number;
  problems: Record<string, { objective: { name: string }; start: number[] }>;
  cases: FixtureCase[];
};

/** max over points of ‖ours − torch‖∞ / ‖torch‖∞. */
function maxRelError(ours: number[][], ref: number[][]): number {
  let worst = 0;
  ref.forEach((point, k) => {
    const scale = Math.max(...point.map(Math.abs));
    const diff = Math.max(...point.map((v, i) => Math.abs(ours[k][i] - v)));
    worst = Math.max(worst, scale === 0 ? diff : diff / scale);
  });
  return worst;
}

/**
 * Schedules whose values go through cos or a non-integer power (CosineAnnealingLR, warm restarts,
 * OneCycleLR's default cosine, PolynomialLR, CyclicLR's exp_range, Python lr functions):
 * PyTorch calls glibc's math.cos/pow and we call V8's, which differ in the last bit for a few
 * percent of arguments.
 */
const usesLibm = (s: ScheduleSpec | null): boolean => {
  if (!s) return false;
  if (s.name === 'OneCycleLR') return s.anneal_strategy !== 'linear';
  if (Array.isArray(s.schedulers)) return (s.schedulers as ScheduleSpec[]).some(usesLibm);
  return /Cosine|Polynomial/.test(s.name) || s.mode === 'exp_range' || typeof s.lr_lambda === 'string' || typeof s.scale_fn === 'string';
};

function assertClose(ours: number[], ref: number[], tol: number) {
  assert.equal(ours.length, ref.length);
  ref.forEach((v, k) => assert.ok(Math.abs(ours[k] - v) <= tol * Math.abs(v), `step ${k}: ${ours[k]} vs ${v}`));
}

function runCase(c: FixtureCase, override?: Partial<OptimizerSpec>) {
  const problem = fixture.problems[c.problem];
  return simulateOptimizer({
    kind: 'optimizer',
    optimizer: { ...c.optimizer, ...override },
    schedule: c.schedule,
    objective: problem.objective,
    start: problem.start,
    steps: fixture.steps,
  });
}

describe(`optimizers match PyTorch ${fixture.torch} (float64, ${fixture.steps} steps)`, () => {
  let worst = 0;
  after(() => console.log(`      max relative error vs torch over ${fixture.cases.length} cases: ${worst.toExponential(2)}`));

  for (const c of fixture.cases) {
    it(c.id, () => {
      const result = runCase(c);
      assert.equal(result.diverged, undefined, `diverged: ${JSON.stringify(result.diverged)}`);
      assert.equal(result.trajectory.length, fixture.steps + 1);
      const err = maxRelError(result.trajectory, c.trajectory);
      worst = Math.max(worst, err);
      assert.ok(err <= 1e-9, `relative error ${err}`);
      // The schedule's lr (and OneCycleLR's or CyclicLR's momentum) at every step: exactly,
      // except where the values go through libm (usesLibm).
      if (usesLibm(c.schedule)) {
        assertClose(result.lr, c.lr, 1e-13);
        if (c.momentum) assertClose(result.momentum!, c.momentum, 1e-13);
      } else {
        assert.deepEqual(result.lr, c.lr);
        if (c.momentum) assert.deepEqual(result.momentum, c.momentum);
      }
      if (!c.momentum) assert.equal(result.momentum, undefined);
    });
  }

  it('plain GD is PyTorch SGD with its defaults', () => {
    for (const c of fixture.cases.filter((f) => f.id.startsWith('sgd/'))) {
      const result = runCase(c, { name: 'gd' });
      assert.ok(maxRelError(result.trajectory, c.trajectory) <= 1e-12);
    }
  });
});
