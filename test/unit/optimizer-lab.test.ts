import * as assert from 'node:assert/strict';
import { compileExpression, simulate, simulateOptimizer, type OptimizerResult } from '../../compute';
import { objectiveGrid } from '../../compute/optim/grid';
import { resolveObjective } from '../../compute/optim/objectives';
import {
  defaultRequest,
  formatNumber,
  hyperFields,
  normalizeRequest,
  objectiveId,
  parseValue,
  retarget,
  runLabel,
  runRequest,
  scheduleFor,
  SCHEDULES,
  withHyper,
  withObjective,
} from '../../webview/labs/optimizer/form';
import { texNumber, updateRuleLines, updateRuleTex } from '../../webview/labs/optimizer/update-rule';
import { logDomain, logLevels } from '../../webview/plots/levels';

describe('optimizer lab: the request from the form', () => {
  it('defaults to SGD, momentum and Adam on Rosenbrock from its default start, and runs', () => {
    const request = defaultRequest();
    assert.deepEqual(
      request.optimizers!.map((s) => [s.name, s.hyperparameters?.momentum ?? 0]),
      [
        ['sgd', 0],
        ['sgd', 0.9],
        ['adam', 0],
      ],
    );
    assert.equal(objectiveId(request), 'rosenbrock');
    assert.equal(request.start, undefined);
    const result = simulate(runRequest(request)) as OptimizerResult;
    assert.equal(result.runs.length, 3);
    assert.deepEqual(result.start, [-1.5, 2]);
    assert.ok(result.runs.every((r) => !r.diverged && r.trajectory.length === request.steps + 1));
    assert.equal(result.grid!.values.length, 128 * 128);
  });

  it('normalizes a recognized single-optimizer request and drops results-only fields', () => {
    const r = normalizeRequest({ kind: 'optimizer', optimizer: { name: 'adam', framework: 'keras' }, objective: { name: 'beale' }, steps: 50, grid: { n: 8 } });
    assert.deepEqual(r.optimizers, [{ name: 'adam', framework: 'keras' }]);
    assert.equal(r.optimizer, undefined);
    assert.equal(r.grid, undefined);
    assert.deepEqual(normalizeRequest(undefined), defaultRequest());
  });

  it('edits hyperparameters, resets to defaults, switches objectives and frameworks', () => {
    let r = withHyper(defaultRequest(), 0, 'lr', 1.5);
    assert.equal(r.optimizers![0].hyperparameters!.lr, 1.5);
    const result = simulateOptimizer(r);
    assert.equal(result.runs[0].diverged?.step, 2, 'SGD with lr 1.5 diverges on Rosenbrock');
    r = withHyper(r, 1, 'momentum', undefined);
    assert.equal(r.optimizers![1].hyperparameters!.momentum, undefined);
    r = withObjective({ ...r, start: [1, 1] }, 'quadratic');
    assert.deepEqual(r.objective, { name: 'quadratic', kappa: 10 });
    assert.equal(r.start, undefined, 'a new objective starts from its default start');
    assert.deepEqual(withObjective(r, 'custom', 'x**2 + y**2').objective, { expr: 'x**2 + y**2' });
    assert.deepEqual(retarget({ name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.05, betas: [0.8, 0.9] } }, 'adam', 'keras'), {
      name: 'adam',
      framework: 'keras',
      hyperparameters: { learning_rate: 0.05 },
    });
    assert.deepEqual(retarget({ name: 'rmsprop', framework: 'pytorch' }, 'sgd', 'optax'), {
      name: 'sgd',
      framework: 'optax',
      hyperparameters: { learning_rate: 0.01 },
    });
    assert.deepEqual(scheduleFor('StepLR'), { name: 'StepLR', step_size: 100, gamma: 0.5 });
    assert.equal(scheduleFor('none'), undefined);
  });

  it('runs every schedule the picker offers with its starting arguments, with a Robbins–Monro verdict where the family decides it', () => {
    let verdicts = 0;
    for (const id of Object.keys(SCHEDULES)) {
      // As the lab picks it: Keras and optax schedules start from the first optimizer's lr.
      const result = simulateOptimizer({ ...defaultRequest(), schedule: scheduleFor(id, 0.001) ?? null });
      assert.ok(
        result.runs.every((run) => !run.diverged),
        id,
      );
      assert.equal(result.runs[0].lr.length, defaultRequest().steps, id);
      const rm = result.runs[0].robbinsMonro;
      if (rm) verdicts++;
      assert.ok(rm === undefined || typeof rm.satisfied === 'boolean', id);
    }
    assert.ok(verdicts >= 20, `${verdicts} schedules with a verdict`);
  });

  it('lists every hyperparameter with the framework defaults marked, or the framework error', () => {
    const { fields, error } = hyperFields({ name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.05 } });
    assert.equal(error, undefined);
    assert.deepEqual(
      fields.find((f) => f.name === 'lr'),
      { name: 'lr', value: 0.05, isDefault: false },
    );
    assert.deepEqual(
      fields.find((f) => f.name === 'eps'),
      { name: 'eps', value: 1e-8, isDefault: true },
    );
    assert.deepEqual(
      hyperFields({ name: 'adam', framework: 'keras' }).fields.find((f) => f.name === 'epsilon'),
      { name: 'epsilon', value: 1e-7, isDefault: true },
    );
    assert.match(hyperFields({ name: 'sgd', framework: 'pytorch' }).error!, /needs "lr"/);
  });

  it('parses and formats field values', () => {
    assert.equal(parseValue('1e-3', 0.1), 0.001);
    assert.deepEqual(parseValue('0.8, 0.99', [0.9, 0.999]), [0.8, 0.99]);
    assert.equal(parseValue('true', false), true);
    assert.equal(parseValue('None', 0), null);
    assert.deepEqual(parseValue('abc', 0), { error: '“abc” is not a number.' });
    assert.equal(formatNumber(1e-8), '1e-8');
    assert.equal(formatNumber(0.05), '0.05');
    assert.equal(runLabel({ name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.001, momentum: 0.9 } }), 'SGD (momentum 0.9, lr 0.001)');
    assert.equal(runLabel({ name: 'adam', framework: 'keras' }), 'Adam (lr 0.001, keras)');
  });
});

describe('optimizer lab: update rule TeX', () => {
  it('substitutes the hyperparameters in the framework’s form', () => {
    assert.equal(texNumber(1e-8), '10^{-8}');
    assert.equal(texNumber(5e-4), '5\\cdot 10^{-4}');
    assert.deepEqual(updateRuleLines('sgd', 'pytorch', { lr: 0.001, momentum: 0.9, dampening: 0, nesterov: false, weight_decay: 0 }), [
      'g_t &= \\nabla f(\\theta_{t-1})',
      'b_t &= 0.9\\, b_{t-1} + g_t',
      '\\theta_t &= \\theta_{t-1} - 0.001\\, b_t',
    ]);
    const keras = updateRuleLines('sgd', 'keras', { learning_rate: 0.01, momentum: 0.9, nesterov: false });
    assert.equal(keras[1], 'v_t &= 0.9\\, v_{t-1} - 0.01\\, g_t');
    const adam = updateRuleTex('adam', 'pytorch', { lr: 0.05, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 });
    assert.match(adam, /\\sqrt\{\\hat v_t\} \+ 10\^\{-8\}/);
    assert.match(adam, /^\\begin\{aligned\}.*\\end\{aligned\}$/);
    assert.match(
      updateRuleTex('rmsprop', 'keras', { learning_rate: 0.001, rho: 0.9, epsilon: 1e-7 }),
      /\\sqrt\{v_t \+ 10\^\{-7\}\}/,
      'Keras puts ε inside the root',
    );
    assert.match(updateRuleTex('adamw', 'pytorch', { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01 }), /\(1 - 0\.001\\cdot 0\.01\)/);
    assert.match(updateRuleLines('sgd', 'pytorch', { lr: 0.1, weight_decay: 0.001 })[0], /\+ 0\.001\\,\\theta_\{t-1\}/);
  });
});

describe('optimizer lab: contour grid and levels', () => {
  it('samples f on the grid in the request (row-major, y outer)', () => {
    const { objective, info } = resolveObjective({ name: 'rosenbrock' });
    const grid = objectiveGrid(objective, { n: 3 }, info.view);
    assert.deepEqual(grid.box, { x: [-2, 2], y: [-1, 3] });
    const f = compileExpression(info.expr);
    assert.equal(grid.values[0], f.value(new Float64Array([-2, -1])));
    assert.equal(grid.values[1 * 3 + 2], f.value(new Float64Array([2, 1])));
    assert.throws(() => objectiveGrid(objective, { n: 1 }, info.view), /grid\.n/);
    assert.throws(() => simulateOptimizer({ ...defaultRequest(), objective: { name: 'quadratic' }, start: [1, 1, 1], grid: { n: 4 } }), /2-D objective/);
    const custom = simulateOptimizer({ ...defaultRequest(), objective: { expr: 'x**2 + y**2' }, grid: { n: 4, box: { x: [0, 3], y: [0, 3] } } });
    assert.deepEqual(custom.grid!.values.slice(0, 4), [0, 1, 4, 9]);
  });

  it('spaces levels logarithmically above the minimum', () => {
    const levels = logLevels([0, 1, 10, 100, 1000, 10000], 4);
    assert.equal(levels.length, 4);
    for (let i = 1; i < levels.length; i++) assert.ok(levels[i] > levels[i - 1]);
    const ratios = levels.slice(1).map((v, i) => (v + 1) / (levels[i] + 1));
    assert.ok(ratios[0] > 5 && ratios[2] > 5, `levels grow by decades: ${levels}`);
    assert.ok(levels[3] < 10000 && levels[0] > 0);
    assert.deepEqual(logLevels([NaN, Infinity]), []);
    assert.deepEqual(logLevels([2, 2, NaN]), [2]);
    assert.deepEqual(logDomain([[0, -1, 1e-3, 10]]), [1e-3, 10]);
    assert.deepEqual(logDomain([[2, 4]]), [2 / 3, 12]);
  });
});
