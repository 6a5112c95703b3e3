/**
 * Properties of random invertible flow stacks (fast-check): the inverse undoes the forward map,
 * the closed-form log|det J| equals the log|det| of a central-difference Jacobian, and the
 * change-of-variables density integrates to 1.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildStack, checkStack, densityGrid, toColumns, toRows, type FlowLayerJson } from '../../compute/flow';

const coef = (lo = -1, hi = 1) => fc.double({ min: lo, max: hi, noNaN: true }).map((v) => +v.toFixed(4));
const coords = (dim: number, lo = -2, hi = 2) => fc.array(coef(lo, hi), { minLength: dim, maxLength: dim });

/** A mask of `dim` 0/1 entries with at least one of each. */
const mask = (dim: number) => fc.array(fc.constantFrom(0, 1), { minLength: dim, maxLength: dim }).filter((m) => m.includes(0) && m.includes(1));

/** s or t: a smooth expression of one or two kept coordinates. */
const S_TEMPLATES = [
  (a: number, b: number, i: string) => `${a}*tanh(${i}) + ${b}`,
  (a: number, b: number, i: string, j: string) => `${a}*np.sin(${i} - ${j}) + ${b}*${j}`,
  (a: number, b: number, i: string) => `${a}*${i}**2/(1 + ${i}**2) - ${b}`,
  (a: number, b: number, i: string, j: string) => `${a}*sigmoid(${i}*${j}) + ${b}*np.cos(${i})`,
];

function couplingLayer(dim: number): fc.Arbitrary<FlowLayerJson> {
  return mask(dim).chain((m) => {
    const kept = m.flatMap((v, i) => (v === 1 ? [`x${i}`] : []));
    const expr = fc
      .tuple(fc.nat(S_TEMPLATES.length - 1), coef(-0.6, 0.6), coef(), fc.constantFrom(...kept), fc.constantFrom(...kept))
      .map(([k, a, b, i, j]) => S_TEMPLATES[k](a, b, i, j));
    const mlp = fc.record({ hidden: fc.integer({ min: 1, max: 12 }), seed: fc.nat(1000), scale: coef(0.1, 0.8) }).map((mlp) => ({ mlp }));
    return fc.oneof(
      fc.record({ type: fc.constant('affine_coupling' as const), mask: fc.constant(m), s: expr, t: expr }),
      fc.record({ type: fc.constant('affine_coupling' as const), mask: fc.constant(m), s: mlp, t: mlp }),
    );
  });
}

/** Planar and radial layers; `reparametrize` makes every draw invertible. */
const planarLayer = (dim: number): fc.Arbitrary<FlowLayerJson> =>
  fc.record({ type: fc.constant('planar' as const), u: coords(dim), w: coords(dim), b: coef(), reparametrize: fc.constant(true) });
const radialLayer = (dim: number): fc.Arbitrary<FlowLayerJson> =>
  fc.record({ type: fc.constant('radial' as const), z0: coords(dim), alpha: coef(0.2, 2), beta: coef(-3, 3), reparametrize: fc.constant(true) });

const stackOf = (dim: number, maxLayers: number) =>
  fc.array(fc.oneof(couplingLayer(dim), planarLayer(dim), radialLayer(dim)), { minLength: 1, maxLength: maxLayers });

const stackAndPoints = fc
  .integer({ min: 2, max: 4 })
  .chain((dim) => fc.tuple(fc.constant(dim), stackOf(dim, 6), fc.array(coords(dim, -2.5, 2.5), { minLength: 1, maxLength: 20 })));

/**
 * Whether some point reaches a radial layer within 0.05 of its centre z0. At z0 the radial map is
 * differentiable but its Jacobian is not (r = ‖z − z0‖ has a kink), so a central difference with
 * step ε is only O(ε) accurate there, and at distance r its O(ε²) error carries a factor 1/r.
 */
function nearRadialCentre(dim: number, layers: FlowLayerJson[], points: number[][]): boolean {
  const cols = toColumns(points, dim);
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    if (layer.type === 'radial') {
      for (const p of toRows(cols)) if (Math.hypot(...p.map((v, j) => v - layer.z0[j])) < 0.05) return true;
    }
    buildStack([layer], dim).forward(cols, new Float64Array(points.length));
  }
  return false;
}

describe('flow properties (random invertible stacks)', () => {
  it('inverse ∘ forward = identity and forward ∘ inverse = identity (≤ 1e-9)', () => {
    let worst = 0;
    fc.assert(
      fc.property(stackAndPoints, ([dim, layers, points]) => {
        const stack = buildStack(layers, dim);
        const check = checkStack(stack, toColumns(points, dim));
        worst = Math.max(worst, check.inverseMaxError);
        assert.ok(check.inverseMaxError <= 1e-9, `f⁻¹(f(x)) error ${check.inverseMaxError}`);
        // And the other way round: f(f⁻¹(y)) = y.
        const y = toColumns(points, dim);
        stack.inverse(y, new Float64Array(points.length));
        stack.forward(y, new Float64Array(points.length));
        toRows(y).forEach((p, k) =>
          p.forEach((v, j) =>
            assert.ok(Math.abs(v - points[k][j]) <= 1e-9 * Math.max(1, Math.abs(points[k][j])), `f(f⁻¹(y)) at ${k}: ${v} vs ${points[k][j]}`),
          ),
        );
      }),
      { numRuns: 300, seed: 7 },
    );
    assert.ok(worst < 1e-9);
  });

  it('log|det J| equals log|det| of a central-difference Jacobian (≤ 1e-6)', () => {
    fc.assert(
      fc.property(stackAndPoints, ([dim, layers, points]) => {
        fc.pre(!nearRadialCentre(dim, layers, points));
        const check = checkStack(buildStack(layers, dim), toColumns(points, dim));
        assert.ok(check.logDetMaxError <= 1e-6, `log-det error ${check.logDetMaxError}: ${JSON.stringify(layers)}`);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('the inverse of the stack adds −log|det J_f| at the preimage', () => {
    fc.assert(
      fc.property(stackAndPoints, ([dim, layers, points]) => {
        const stack = buildStack(layers, dim);
        const cols = toColumns(points, dim);
        const forward = new Float64Array(points.length);
        stack.forward(cols, forward);
        const inverse = new Float64Array(points.length);
        stack.inverse(cols, inverse);
        forward.forEach((v, k) => assert.ok(Math.abs(v + inverse[k]) <= 1e-9 * Math.max(1, Math.abs(v))));
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('the density of a mild 2-D flow integrates to 1 over a large enough box', () => {
    const mildStack = fc.array(
      fc.oneof(
        fc.record({
          type: fc.constant('affine_coupling' as const),
          mask: fc.constantFrom([1, 0], [0, 1]),
          s: coef(-0.4, 0.4).map((a) => `${a}*tanh(x0 + x1)`),
          t: coef(-1, 1).map((b) => `${b}*np.sin(x0 + x1) + ${b}`),
        }),
        fc.record({ type: fc.constant('planar' as const), u: coords(2, -1, 1), w: coords(2, -1, 1), b: coef(), reparametrize: fc.constant(true) }),
        fc.record({ type: fc.constant('radial' as const), z0: coords(2, -1, 1), alpha: coef(0.5, 2), beta: coef(-0.5, 1), reparametrize: fc.constant(true) }),
      ) as fc.Arbitrary<FlowLayerJson>,
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(mildStack, (layers) => {
        // The mask must only name kept coordinates: rewrite x0 + x1 to the kept one.
        const fixed = layers.map((l) =>
          l.type === 'affine_coupling'
            ? { ...l, s: String(l.s).replace('x0 + x1', l.mask[0] ? 'x0' : 'x1'), t: String(l.t).replace('x0 + x1', l.mask[0] ? 'x0' : 'x1') }
            : l,
        );
        const n = 401;
        const grid = densityGrid(buildStack(fixed), [-12, 12, -12, 12], n);
        const cell = (24 / (n - 1)) ** 2;
        const mass = grid.density.reduce((s, p) => s + p, 0) * cell;
        assert.ok(Math.abs(mass - 1) <= 2e-3, `∫p = ${mass} for ${JSON.stringify(fixed)}`);
      }),
      { numRuns: 15, seed: 5 },
    );
  });
});
