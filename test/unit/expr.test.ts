import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from '../../compute/expr';

const EXPRESSIONS = [
  '(1 - x)**2 + 100*(y - x**2)**2',
  'np.sin(x) * torch.exp(-y)',
  '(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2',
  '(x**2 + y - 11)**2 + (x + y**2 - 7)**2',
  '20 + x**2 - 10*np.cos(2*np.pi*x) + y**2 - 10*np.cos(2*np.pi*y)',
  'tanh(x0) * sigmoid(x1) + softplus(x0 - x1) / (1 + x1**2)',
  'np.log(1 + x**2) + math.sqrt(1 + y**2) + np.arctan2(y, x + 3)',
  'pow(x*x + 1, y) + np.hypot(x, y + 2) - x / (2 + np.cos(y))',
  'lambda a, b: a**3 * b - 2**b',
];

/** Central differences of f at x along each axis. */
function numericGrad(f: (x: number[]) => number, x: number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const up = [...x];
    const down = [...x];
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('expressions', () => {
  it('gradients are exact (match central differences) and Hessians match differences of gradients', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXPRESSIONS),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        (source, u, v) => {
          const e = compileExpression(source);
          const x = [u, v].slice(0, e.variables.length);
          const grad = new Float64Array(x.length);
          const f = e.valueAndGradient(x, grad);
          assert.equal(f, e.value(x));
          const fd = numericGrad((p) => e.value(p), x);
          fd.forEach((d, i) => assert.ok(close(grad[i], d, 1e-5), `${source}: ∂/∂${e.variables[i]} = ${grad[i]} vs ${d}`));
          const hess = new Float64Array(x.length * x.length);
          assert.ok(close(e.valueAndHessian(x, hess), f, 1e-12));
          const gradAt = (p: number[], i: number) => {
            const g = new Float64Array(p.length);
            e.valueAndGradient(p, g);
            return g[i];
          };
          for (let i = 0; i < x.length; i++) {
            const row = numericGrad((p) => gradAt(p, i), x);
            row.forEach((d, j) => assert.ok(close(hess[i * x.length + j], d, 1e-4), `${source}: H[${i}][${j}] = ${hess[i * x.length + j]} vs ${d}`));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('batched evaluation equals point-by-point evaluation', () => {
    for (const source of EXPRESSIONS) {
      const e = compileExpression(source);
      const n = 5000;
      const inputs = e.variables.map((_, k) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * (k + 1.3)) * 1.4));
      const values = new Float64Array(n);
      const grads = e.variables.map(() => new Float64Array(n));
      e.evaluateMany(inputs, values, grads);
      const g = new Float64Array(e.variables.length);
      for (let i = 0; i < n; i += 97) {
        const point = inputs.map((col) => col[i]);
        assert.equal(values[i], e.valueAndGradient(point, g));
        g.forEach((d, k) => assert.equal(grads[k][i], d));
      }
    }
  });

  it('knows the variables of lambdas, defs, x/y and x0…xn', () => {
    assert.deepEqual(compileExpression('x**2').variables, ['x']);
    assert.deepEqual(compileExpression('x*y').variables, ['x', 'y']);
    assert.deepEqual(compileExpression('x0 + x3').variables, ['x0', 'x1', 'x2', 'x3']);
    assert.deepEqual(compileExpression('lambda u, v: u*v').variables, ['u', 'v']);
    const def = compileExpression('def f(x, y):\n    return (1 - x)**2 + 100*(y - x**2)**2');
    assert.equal(def.value([1, 1]), 0);
    assert.equal(def.value([0, 0]), 1);
    assert.equal(compileExpression('-x**2').value([3]), -9, '-x**2 is -(x**2) as in Python');
    assert.equal(compileExpression('2**-1 + np.pi - math.pi').value([0]), 0.5);
  });

  it('rejects unknown names, calls and syntax with a message pointing at them', () => {
    const fails = (source: string, message: RegExp) => assert.throws(() => compileExpression(source), message);
    fails('x + z', /Unknown name `z`; the variables are x \(at 5–5: `z`\)/);
    fails('os.system("rm -rf /")', /Unknown function `os\.system`/);
    fails('eval("1")', /Unknown function `eval`/);
    fails('__import__("os").getcwd()', /Unknown function/);
    fails('x if x > 0 else y', /Unsupported syntax \(ConditionalExpression\)/);
    fails('x[0]', /Unsupported syntax|Unknown name/);
    fails('x +', /Syntax error/);
    fails('x // 2', /The operator `\/\/` is not supported/);
    fails('np.sin(x, y)', /sin\(\) takes 1 argument, not 2/);
    fails('', /empty/);
    fails('x; y', /single expression/);
    fails('1j * x', /finite real numbers/);
    assert.throws(() => compileExpression('x*y').value([1]), /takes 2 variables \(x, y\), not 1/);
  });

  it('never throws anything but a clear error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          compileExpression(text);
        } catch (e) {
          assert.ok(e instanceof Error && e.message.length > 0 && e.name === 'ComputeError', `${text} → ${e}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
