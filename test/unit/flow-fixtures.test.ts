/**
 * The flow stacks against PyTorch (test/fixtures/gen_flow.py, float64): outputs, and log|det J|
 * from torch's full Jacobian + slogdet. Also the inverse of torch's outputs, and the density at
 * those outputs by change of variables against p_z(x)·exp(−logDet_torch).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addLogStandardNormal, buildStack, logDensityAt, simulateFlow, toColumns, toRows, type FlowLayerJson } from '../../compute/flow';

interface FixtureCase {
  name: string;
  description: string;
  dim: number;
  layers: FlowLayerJson[];
  points: number[][];
  outputs: number[][];
  logDet: number[];
}

const fixtures = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'flow.json'), 'utf8')) as { cases: FixtureCase[] };

/** Largest |a − b| / max(1, |b|). */
function maxRelError(a: readonly number[], b: readonly number[]): number {
  assert.equal(a.length, b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(1, Math.abs(b[i]))));
}

const TOLERANCE = 1e-9;

describe('flow layers vs PyTorch fixtures', () => {
  it('cover coupling (expressions and MLPs), planar, radial, mixed stacks, in 2-D and 3-D', () => {
    const types = new Set(fixtures.cases.flatMap((c) => c.layers.map((l) => l.type)));
    assert.deepEqual([...types].sort(), ['affine_coupling', 'planar', 'radial']);
    assert.deepEqual([...new Set(fixtures.cases.map((c) => c.dim))].sort(), [2, 3]);
    assert.ok(fixtures.cases.length >= 8);
  });

  for (const c of fixtures.cases) {
    describe(`${c.name}: ${c.description}`, () => {
      it(`outputs and log|det J| match torch (relative error ≤ ${TOLERANCE})`, () => {
        const result = simulateFlow({ kind: 'flow', layers: c.layers, points: c.points });
        assert.equal(result.dim, c.dim);
        assert.ok(maxRelError(result.outputs.flat(), c.outputs.flat()) <= TOLERANCE, `outputs: ${maxRelError(result.outputs.flat(), c.outputs.flat())}`);
        assert.ok(maxRelError(result.logDet, c.logDet) <= TOLERANCE, `logDet: ${maxRelError(result.logDet, c.logDet)}`);
      });

      it('the inverse maps torch outputs back to the points, with log|det J_{f⁻¹}| = −logDet', () => {
        const result = simulateFlow({ kind: 'flow', layers: c.layers, points: c.outputs, direction: 'inverse' });
        assert.ok(maxRelError(result.outputs.flat(), c.points.flat()) <= TOLERANCE, `inverse: ${maxRelError(result.outputs.flat(), c.points.flat())}`);
        assert.ok(
          maxRelError(
            result.logDet.map((v) => -v),
            c.logDet,
          ) <= TOLERANCE,
        );
      });

      it('log p_x at the outputs equals log p_z(point) − logDet (change of variables)', () => {
        const stack = buildStack(c.layers);
        const ours = logDensityAt(stack, toColumns(c.outputs, c.dim));
        const expected = new Float64Array(c.points.length);
        addLogStandardNormal(toColumns(c.points, c.dim), expected);
        c.logDet.forEach((ld, k) => (expected[k] -= ld));
        assert.ok(maxRelError(Array.from(ours), Array.from(expected)) <= TOLERANCE);
      });

      it('batched and one-point-at-a-time evaluation agree exactly', () => {
        const stack = buildStack(c.layers);
        const batch = toColumns(c.points, c.dim);
        const logDet = new Float64Array(c.points.length);
        stack.forward(batch, logDet);
        const rows = toRows(batch);
        c.points.forEach((p, k) => {
          const one = toColumns([p], c.dim);
          const ld = new Float64Array(1);
          stack.forward(one, ld);
          assert.deepEqual(toRows(one)[0], rows[k]);
          assert.equal(ld[0], logDet[k]);
        });
      });
    });
  }
});
