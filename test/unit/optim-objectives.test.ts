// Built-in objectives: analytic values and gradients against the expression compiler's exact
// autodiff of the same formula, minimizers, and the Hessian-based condition number.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from '../../compute/expr';
import { conditionAt, resolveObjective, symmetricEigenvalues, type ObjectiveSpec } from '../../compute/optim';

const SPECS: [ObjectiveSpec, number][] = [
  [{ name: 'quadratic', kappa: 50 }, 2],
  [{ name: 'quadratic', kappa: 7, angle: 30 }, 2],
  [{ name: 'quadratic', kappa: 100 }, 5],
  [{ name: 'rosenbrock' }, 2],
  [{ name: 'rosenbrock', a: 2, b: 50 }, 2],
  [{ name: 'rosenbrock' }, 4],
  [{ name: 'beale' }, 2],
  [{ name: 'himmelblau' }, 2],
  [{ name: 'rastrigin' }, 2],
  [{ name: 'rastrigin', A: 3 }, 3],
];

const rel = (a: number, b: number, scale = 1) => Math.abs(a - b) / Math.max(scale, Math.abs(b));

describe('optimizer objectives', () => {
  for (const [spec, dims] of SPECS) {
    it(`${JSON.stringify(spec)} in ${dims}-D: value and gradient equal autodiff of its expression`, () => {
      const { objective, info } = resolveObjective(spec, dims);
      const compiled = compileExpression(info.expr, { variables: info.variables });
      fc.assert(
        fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: dims, maxLength: dims }), (point) => {
          const x = Float64Array.from(point);
          const g = new Float64Array(dims);
          const ga = new Float64Array(dims);
          const f = objective.valueAndGradient(x, g);
          const fa = compiled.valueAndGradient(x, ga);
          assert.ok(rel(f, fa) <= 1e-12, `f ${f} vs ${fa}`);
          assert.equal(objective.value(x), f);
          const gScale = Math.max(1, ...Array.from(ga, Math.abs));
          g.forEach((v, i) => assert.ok(Math.abs(v - ga[i]) <= 1e-11 * gScale, `∂${i} ${v} vs ${ga[i]}`));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('listed minimizers have the listed minimum and a zero gradient; default starts lie in the view box', () => {
    for (const [spec, dims] of SPECS) {
      const { objective, info } = resolveObjective(spec, dims);
      for (const m of info.minimizers) {
        const g = new Float64Array(dims);
        const f = objective.valueAndGradient(Float64Array.from(m), g);
        assert.ok(Math.abs(f - (info.minimum ?? 0)) <= 1e-12, `${info.name}: f(${m}) = ${f}`);
        g.forEach((v) => assert.ok(Math.abs(v) <= 1e-9, `${info.name}: ∇f(${m}) = ${Array.from(g)}`));
      }
      assert.equal(info.defaultStart.length, dims);
      assert.ok(info.defaultStart[0] >= info.view.x[0] && info.defaultStart[0] <= info.view.x[1]);
    }
    assert.equal(resolveObjective({ name: 'himmelblau' }).info.minimizers.length, 4);
  });

  it('the quadratic states μ = 1 and L = κ, and the Hessian estimate agrees', () => {
    const { info } = resolveObjective({ name: 'quadratic', kappa: 50 });
    assert.equal(info.mu, 1);
    assert.equal(info.L, 50);
    for (const spec of [
      { name: 'quadratic', kappa: 50 },
      { name: 'quadratic', kappa: 50, angle: 30 },
    ]) {
      const c = conditionAt(spec, [0.3, -0.2]);
      assert.ok(rel(c.kappa!, 50) <= 1e-12, `κ = ${c.kappa}`);
      assert.ok(rel(c.mu, 1) <= 1e-12 && rel(c.L, 50) <= 1e-12);
    }
  });

  it('Hessian κ of an expression: Rosenbrock at its minimum, and a saddle (not locally strongly convex)', () => {
    const c = conditionAt('(1 - x)**2 + 100*(y - x**2)**2', [1, 1]);
    // H = [[802, −400], [−400, 200]]: λ = (1002 ± √(1002² − 4·400))/2.
    const disc = Math.sqrt(1002 ** 2 - 1600);
    assert.ok(rel(c.L, (1002 + disc) / 2) <= 1e-12);
    assert.ok(rel(c.mu, (1002 - disc) / 2) <= 1e-9);
    assert.deepEqual(c.hessian, [
      [802, -400],
      [-400, 200],
    ]);
    const saddle = conditionAt({ expr: 'x**2 - y**2' }, [0, 0]);
    assert.deepEqual(saddle.eigenvalues, [-2, 2]);
    assert.equal(saddle.kappa, null);
  });

  it('Jacobi eigenvalues keep the trace and the Frobenius norm of random symmetric matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 64, maxLength: 64 }), (n, values) => {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = values[i * 8 + j];
        const ev = symmetricEigenvalues(a, n);
        let trace = 0;
        let frob = 0;
        for (let i = 0; i < n; i++) trace += a[i * n + i];
        a.forEach((v) => (frob += v * v));
        assert.ok(Math.abs(ev.reduce((s, v) => s + v, 0) - trace) <= 1e-10 * Math.max(1, frob));
        assert.ok(Math.abs(ev.reduce((s, v) => s + v * v, 0) - frob) <= 1e-9 * Math.max(1, frob));
        ev.slice(1).forEach((v, i) => assert.ok(v >= ev[i]));
      }),
    );
  });

  it('rejects unknown objectives, wrong dimensions and bad parameters with a clear message', () => {
    assert.throws(() => resolveObjective({ name: 'sphere' }), /Unknown objective "sphere"; use one of quadratic, rosenbrock/);
    assert.throws(() => resolveObjective({ name: 'beale' }, 3), /beale function is defined in 2-D only/);
    assert.throws(() => resolveObjective({ name: 'quadratic', kappa: 0.5 }), /kappa .* must be ≥ 1/);
    assert.throws(() => resolveObjective({ name: 'rosenbrock', c: 1 }), /has no argument "c"/);
    assert.throws(() => resolveObjective({ expr: 'x**2 + y**2' }, 3), /has 2 variables \(x, y\) but the start has 3/);
    assert.throws(() => resolveObjective({ name: 'rastrigin' }, 65), /1 to 64 variables/);
  });
});
