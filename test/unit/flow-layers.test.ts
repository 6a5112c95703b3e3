/** Layer-level edge cases: the reparametrisations, the 1-D inverse solves at their extremes. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Planar, planarReparametrize, Radial, radialRadius, toColumns, toRows } from '../../compute/flow';

const softplus = (a: number) => Math.log1p(Math.exp(a));
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

function roundTrip(layer: Planar | Radial, points: number[][], direction: 'forward-first' | 'inverse-first'): number {
  const cols = toColumns(points, layer.dim);
  const ld = new Float64Array(points.length);
  if (direction === 'forward-first') {
    layer.forward(cols, ld);
    layer.inverse(cols, ld);
  } else {
    layer.inverse(cols, ld);
    layer.forward(cols, ld);
  }
  return Math.max(...toRows(cols).flatMap((p, k) => p.map((v, j) => Math.abs(v - points[k][j]) / Math.max(1, Math.abs(points[k][j])))));
}

describe('flow layers at the edges', () => {
  it('û makes wᵀû = −1 + softplus(wᵀu) > −1 (and leaves u alone when w = 0)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }), (v) => {
        const u = v.slice(0, 3);
        const w = v.slice(3);
        fc.pre(dot(w, w) > 1e-6);
        const uHat = planarReparametrize(u, w);
        const expected = -1 + softplus(dot(w, u));
        assert.ok(Math.abs(dot(w, uHat) - expected) <= 1e-9 * Math.max(1, Math.abs(expected)));
        assert.ok(dot(w, uHat) > -1);
      }),
      { seed: 1 },
    );
    assert.deepEqual(planarReparametrize([1, 2], [0, 0]), [1, 2]);
  });

  it('planar inverse: exact far out, and at the edge of invertibility (wᵀu = −1) f(f⁻¹(y)) = y', () => {
    const far = new Planar(Float64Array.of(3, -2), Float64Array.of(0.5, 1), 0.3);
    assert.ok(
      roundTrip(
        far,
        [
          [1e6, -3e5],
          [-1e8, 2],
          [0, 0],
        ],
        'forward-first',
      ) <= 1e-12,
    );
    // wᵀu = −1: along w the map a ↦ a − tanh(a + b) is increasing but flat at a = −b.
    const edge = new Planar(Float64Array.of(-1, 0), Float64Array.of(1, 0), 0.5);
    assert.equal(edge.wu, -1);
    const ys = Array.from({ length: 41 }, (_, i) => [-4 + i * 0.2, 0.7]);
    assert.ok(roundTrip(edge, ys, 'inverse-first') <= 1e-12);
    // Away from the flat point the other round trip is exact too; at it, conditioning limits it
    // (g(a) ≈ (a + b)³/3, so a is only determined to about ε^{1/3}).
    assert.ok(
      roundTrip(
        edge,
        [
          [1.5, 0],
          [-2, 1],
        ],
        'forward-first',
      ) <= 1e-12,
    );
    assert.ok(roundTrip(edge, [[-0.5, 0]], 'forward-first') <= 1e-4);
  });

  it('radial radius: r + βr/(α + r) = ρ solved to rounding error, from ρ = 0 to 1e12, also at β = −α', () => {
    for (const [alpha, beta] of [
      [1, -1],
      [0.01, 5],
      [3, -2.999],
      [1e-3, 1e3],
    ]) {
      for (const rho of [0, 1e-300, 1e-12, 1e-3, 0.5, 1, 7, 1e6, 1e12]) {
        const r = radialRadius(rho, alpha, beta);
        assert.ok(r >= 0);
        // ρ = r (α + β + r)/(α + r): the forward radius, written without cancellation.
        const back = (r * (alpha + beta + r)) / (alpha + r);
        assert.ok(Math.abs(back - rho) <= 1e-14 * rho, `α=${alpha} β=${beta} ρ=${rho}: r=${r}, back=${back}`);
      }
    }
  });

  it('radial: round trips near and far from z0, with β at −α', () => {
    const layer = new Radial(Float64Array.of(0.5, -0.5, 1), 0.7, -0.7);
    const pts = [
      [0.5, -0.5, 1],
      [0.5 + 1e-9, -0.5, 1],
      [3, 4, 5],
      [-1e7, 2e7, 0],
    ];
    assert.ok(roundTrip(layer, pts, 'inverse-first') <= 1e-12);
    assert.ok(roundTrip(layer, pts.slice(2), 'forward-first') <= 1e-12);
  });
});
