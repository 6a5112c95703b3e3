/** simulateFlow: the request contract, the optional parts, and clear errors on bad input. */
import * as assert from 'node:assert/strict';
import { ComputeError } from '../../compute/errors';
import { buildStack, mlpFromJson, mlpToJson, seededMlp, simulateFlow, toColumns, type FlowRequest } from '../../compute/flow';

const coupling = (mask: number[], s: unknown = 'tanh(x0)*0.5', t: unknown = 'x0**2 - 1') => ({ type: 'affine_coupling', mask, s, t });
const run = (request: Record<string, unknown>) => simulateFlow({ kind: 'flow', ...request } as FlowRequest);

/** Assert that the request fails with a ComputeError whose message matches. */
function rejects(request: Record<string, unknown>, message: RegExp): void {
  assert.throws(
    () => run(request),
    (e: unknown) => {
      assert.ok(e instanceof ComputeError, `not a ComputeError: ${String(e)}`);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe('simulateFlow', () => {
  it('returns outputs and logDet per point (an identity-like stack is exact)', () => {
    const r = run({
      layers: [coupling([1, 0], '0', '0')],
      points: [
        [1, 2],
        [-3, 4],
      ],
    });
    assert.deepEqual(r.outputs, [
      [1, 2],
      [-3, 4],
    ]);
    assert.deepEqual(r.logDet, [0, 0]);
    assert.equal(r.dim, 2);
  });

  it('applies a single s/t expression to every transformed coordinate, and accepts numbers', () => {
    const r = run({ layers: [coupling([1, 0, 0], '0.5*x0', 1)], points: [[2, 1, -1]] });
    const e = Math.exp(1);
    assert.deepEqual(
      r.outputs[0].map((v) => +v.toFixed(12)),
      [2, +(e + 1).toFixed(12), +(-e + 1).toFixed(12)],
    );
    assert.equal(r.logDet[0], 2);
  });

  it('gives a density grid, samples, a warped grid and a numerical check on request', () => {
    const r = run({
      layers: [coupling([1, 0]), { type: 'planar', u: [0.5, 0.2], w: [1, -0.5], b: 0.1 }, { type: 'radial', z0: [0, 1], alpha: 1, beta: 0.5 }],
      points: [
        [0.1, 0.2],
        [1, -1],
      ],
      density: { box: [-4, 4, -5, 5], n: 64 },
      samples: { count: 100, seed: 3 },
      warpedGrid: { lines: 5, resolution: 20 },
      check: true,
    });
    assert.equal(r.density!.density.length, 64 * 64);
    assert.equal(r.density!.logDet.length, 64 * 64);
    r.density!.density.forEach((p, k) => assert.ok(Math.abs(Math.log(p) - r.density!.logDensity[k]) < 1e-9));
    assert.equal(r.samples!.pushed.length, 100);
    assert.deepEqual(
      run({ layers: [coupling([1, 0])], samples: { count: 5, seed: 3 } }).samples!.base,
      run({ layers: [coupling([1, 0])], samples: { count: 5, seed: 3 } }).samples!.base,
    );
    assert.equal(r.warpedGrid!.horizontal.length, 5);
    assert.equal(r.warpedGrid!.vertical[0].length, 20);
    assert.ok(r.check!.inverseMaxError < 1e-12 && r.check!.logDetMaxError < 1e-6, JSON.stringify(r.check));
  });

  it('maps points through the inverse with direction "inverse"', () => {
    const layers = [coupling([0, 1], 'np.sin(x1)', 'x1'), { type: 'radial', z0: [0.5, 0], alpha: 0.5, beta: -0.3 }];
    const forward = run({ layers, points: [[0.3, -0.7]] });
    const back = run({ layers, points: forward.outputs, direction: 'inverse', check: true });
    back.outputs[0].forEach((v, j) => assert.ok(Math.abs(v - [0.3, -0.7][j]) < 1e-14));
    assert.ok(Math.abs(back.logDet[0] + forward.logDet[0]) < 1e-14);
  });

  it('runs only a gradient flow when there are no layers', () => {
    const r = run({ gradientFlow: { objective: '(x - 1)**2 + 2*(y + 0.5)**2', start: [0, 0], h: 0.01, T: 5, methods: ['rk4'] } });
    const last = r.gradientFlow!.rk4!.trajectory.at(-1)!;
    assert.ok(Math.abs(last[0] - 1) < 1e-3 && Math.abs(last[1] + 0.5) < 1e-3);
    assert.equal(r.gradientFlow!.euler, undefined);
  });

  it('seeded MLPs are reproducible and their weights round-trip through JSON', () => {
    const a = seededMlp({ inputs: 1, hidden: 8, outputs: 1, seed: 42 });
    const b = mlpFromJson(mlpToJson(a), 1, 1, 's');
    assert.deepEqual(Array.from(b.W1), Array.from(a.W1));
    assert.deepEqual(Array.from(seededMlp({ inputs: 1, hidden: 8, outputs: 1, seed: 42 }).W2), Array.from(a.W2));
    const viaSeed = run({ layers: [coupling([1, 0], { mlp: { hidden: 8, seed: 42 } }, { mlp: { hidden: 8, seed: 43 } })], points: [[0.5, 1]] });
    const t = seededMlp({ inputs: 1, hidden: 8, outputs: 1, seed: 43 });
    const viaWeights = run({ layers: [coupling([1, 0], { mlp: mlpToJson(a) }, { mlp: mlpToJson(t) })], points: [[0.5, 1]] });
    assert.deepEqual(viaWeights.outputs, viaSeed.outputs);
  });

  describe('rejects with a clear message', () => {
    const pts = [[0, 0]];
    it('bad masks: not 0/1, wrong length, all ones, all zeros', () => {
      rejects({ layers: [coupling([1, 0.5])], points: pts }, /mask\[1\] is 0\.5; a mask entry is 1 .* or 0/);
      rejects({ layers: [coupling([1, 0, 1])], points: pts }, /mask has 3 entries but the flow is 2-dimensional/);
      rejects({ layers: [coupling([1, 1])], points: pts }, /all ones/);
      rejects({ layers: [coupling([0, 0])], points: pts }, /all zeros/);
    });

    it('s or t reading a transformed coordinate, naming the variable', () => {
      rejects(
        { layers: [coupling([1, 0], 'x0 + x1')], points: pts },
        /layers\[0\]\.s uses x1, which this layer transforms \(mask\[1\] = 0\); .* only the kept coordinates \(x0\)/,
      );
      rejects({ layers: [coupling([1, 0], '0', ['x0', 'x0'])], points: pts }, /lists 2 expressions, but the mask transforms 1 coordinate/);
      rejects({ layers: [coupling([1, 0], 'x0 +* 2')], points: pts }, /layers\[0\]\.s: Syntax error/);
      rejects({ layers: [coupling([1, 0], 'foo(x0)')], points: pts }, /Unknown function/);
    });

    it('non-invertible planar and radial layers, pointing at the reparametrisation', () => {
      rejects({ layers: [{ type: 'planar', u: [-2, 0], w: [1, 0], b: 0 }], points: pts }, /not invertible: wᵀu = -2 < −1.*"reparametrize": true/);
      rejects({ layers: [{ type: 'radial', z0: [0, 0], alpha: 1, beta: -2 }], points: pts }, /not invertible: β = -2 < −α = -1/);
      rejects({ layers: [{ type: 'radial', z0: [0, 0], alpha: 0, beta: 1 }], points: pts }, /alpha must be positive/);
      // With the reparametrisation both are fine.
      run({
        layers: [
          { type: 'planar', u: [-2, 0], w: [1, 0], b: 0, reparametrize: true },
          { type: 'radial', z0: [0, 0], alpha: 1, beta: -2, reparametrize: true },
        ],
        points: pts,
      });
    });

    it('NaN, non-finite and ragged points; unknown layer types; mismatched dimensions', () => {
      rejects({ layers: [coupling([1, 0])], points: [[0, NaN]] }, /points\[0\]\[1\] is NaN; every coordinate must be a finite number/);
      rejects({ layers: [coupling([1, 0])], points: [[0, 0], [1]] }, /points\[1\] must be a list of 2 numbers/);
      rejects({ layers: [{ type: 'glow' }], points: pts }, /type is "glow"; expected "affine_coupling", "planar" or "radial"/);
      rejects(
        { layers: [coupling([1, 0]), { type: 'planar', u: [1, 0, 0], w: [1, 0, 0], b: 0 }], points: pts },
        /layers\[1\]\.u has 3 entries but the flow is 2-dimensional/,
      );
      rejects({ layers: [{ type: 'planar', u: [1, NaN], w: [1, 0], b: 0 }], points: pts }, /layers\[0\]\.u\[1\] must be a finite number/);
    });

    it('a layer that overflows at a point, naming the layer and the point', () => {
      rejects(
        {
          layers: [coupling([1, 0], '0', '0'), coupling([1, 0], 'x0**2', '0')],
          points: [
            [0, 0],
            [30, 1],
          ],
        },
        /Layer 2 \(affine_coupling\) gives a non-finite output at points\[1\] \(30, 1\), whose input to that layer is \(30, 1\): exp\(s\) overflowed/,
      );
      rejects({ layers: [coupling([1, 0], 'np.log(x0)', '0')], points: [[-1, 1]] }, /Layer 1 .*non-finite output at points\[0\]/);
      rejects(
        { layers: [coupling([1, 0], '-x0**2', '0')], density: { box: [-40, 40, -1, 1], n: 16 } },
        /inverse\) gives a non-finite output at grid point \(-40, -1\)/,
      );
    });

    it('limits: layers, points, grid size, steps, work', () => {
      rejects({ layers: new Array(65).fill(coupling([1, 0])), points: pts }, /at most 64 layers, not 65/);
      rejects({ layers: [coupling([1, 0])], points: new Array(1_000_001) }, /at most 1,000,000 points/);
      rejects({ layers: [coupling([1, 0])], density: { box: [-1, 1, -1, 1], n: 2048 } }, /density\.n may be at most 1,024/);
      rejects({ layers: [coupling([1, 0])], density: { box: [1, -1, -1, 1], n: 8 } }, /xmin < xmax/);
      rejects({ gradientFlow: { objective: 'x**2 + y**2', start: [0, 0], h: 1e-7, T: 1 } }, /10,000,000 steps; at most 1,000,000/);
      rejects(
        {
          layers: new Array(64).fill(coupling([1, 0], { mlp: { hidden: 1024, seed: 1 } }, { mlp: { hidden: 1024, seed: 2 } })),
          density: { box: [-1, 1, -1, 1], n: 1024 },
        },
        /too much work/,
      );
      rejects(
        { layers: [{ type: 'planar', u: [1, 0, 0], w: [0, 1, 0], b: 0 }], density: { box: [-1, 1, -1, 1], n: 8 } },
        /density grid needs a 2-D flow; this one is 3-dimensional/,
      );
    });

    it('gradient-flow mistakes', () => {
      rejects({ gradientFlow: { objective: 'x**2 + q', start: [0, 0], h: 0.1, T: 1 } }, /objective: Unknown name `q`/);
      rejects({ gradientFlow: { objective: 'x0**2 + x1**2 + x2', start: [0, 0], h: 0.1, T: 1 } }, /Unknown name `x2`/);
      rejects({ gradientFlow: { objective: 'np.log(x)', start: [-1], h: 0.1, T: 1 } }, /not finite at the start \(-1\)/);
      rejects({ gradientFlow: { objective: 'x**2', start: [1], h: -0.1, T: 1 } }, /step h must be a positive number/);
      rejects({ gradientFlow: { objective: 'x**2', start: [1], h: 0.1, T: 1, methods: ['adam'] } }, /methods must list some of "euler", "rk4", "gd"/);
    });
  });

  it('buildStack infers the dimension from the first layer', () => {
    const stack = buildStack([{ type: 'radial', z0: [0, 0, 0], alpha: 1, beta: 1 }]);
    assert.equal(stack.dim, 3);
    const cols = toColumns([[1, 0, 0]], 3);
    stack.forward(cols, new Float64Array(1));
    assert.equal(cols[0][0], 1.5);
  });
});
