/**
 * The flow lab's pure helpers: presets are valid flows that pass the numerical check, the
 * compute requests built from the editor state, and the objective grid for the contour plot.
 */
import * as assert from 'node:assert/strict';
import { simulateFlow } from '../../compute/flow';
import {
  applyObjectivePreset,
  applyPreset,
  CHECK_TOLERANCE,
  defaultRequest,
  gradientRequest,
  LAYER_PRESETS,
  layerError,
  moveLayer,
  NEW_LAYERS,
  normalize,
  normalizingRequest,
  OBJECTIVE_PRESETS,
  parseVector,
} from '../../shared/flow-state';

describe('flow lab helpers', () => {
  for (const [name, preset] of Object.entries(LAYER_PRESETS)) {
    it(`preset "${name}" runs through simulateFlow and passes the check`, () => {
      const request = applyPreset(defaultRequest(), name);
      assert.deepEqual(request.layers, preset.layers);
      const result = simulateFlow(normalizingRequest(request));
      assert.equal(result.samples!.pushed.length, 1000);
      assert.equal(result.density!.density.length, 96 * 96);
      assert.ok(result.density!.density.every(Number.isFinite));
      assert.ok(result.check!.inverseMaxError < CHECK_TOLERANCE.inverse, `${name}: inverse ${result.check!.inverseMaxError}`);
      assert.ok(result.check!.logDetMaxError < CHECK_TOLERANCE.logDet, `${name}: logDet ${result.check!.logDetMaxError}`);
      for (const layer of preset.layers) assert.equal(layerError(layer), undefined);
    });
  }

  it('progressive refinement: the coarse pass has half-resolution grids and no check, and agrees with the full pass where they share points', () => {
    const request = applyPreset(defaultRequest(), 'planar');
    const coarse = normalizingRequest(request, request.layers.length, true);
    const full = normalizingRequest(request);
    assert.equal(coarse.density!.n * 3, full.density!.n);
    assert.equal(coarse.warpedGrid!.resolution! * 2, full.warpedGrid!.resolution);
    assert.equal(coarse.check, false);
    assert.equal(full.check, true);
    assert.deepEqual(
      { ...coarse, density: undefined, warpedGrid: undefined, check: undefined },
      { ...full, density: undefined, warpedGrid: undefined, check: undefined },
    );
    assert.equal((gradientRequest(request, true).gradientFlow!.grid as { n: number }).n * 3, (gradientRequest(request).gradientFlow!.grid as { n: number }).n);
    // The samples are the same in both passes; the coarse grid lines have fewer points each.
    const a = simulateFlow(coarse);
    const b = simulateFlow(full);
    assert.deepEqual(a.samples, b.samples);
    assert.equal(a.warpedGrid!.horizontal.length, b.warpedGrid!.horizontal.length);
    assert.equal(a.check, undefined);
    assert.ok(b.check && b.check.inverseMaxError < 1e-6);
  });

  it('new layers of every type are valid', () => {
    for (const layer of Object.values(NEW_LAYERS)) assert.equal(layerError(layer), undefined);
  });

  it('the scrubber request after k layers uses the first k layers; after 0 layers it is the identity', () => {
    const request = applyPreset(defaultRequest(), 'mixed');
    assert.equal(normalizingRequest(request, 2).layers.length, 2);
    const zero = simulateFlow(normalizingRequest(request, 0));
    zero.samples!.pushed.forEach((p, i) => assert.deepEqual(p, zero.samples!.base[i]));
    assert.ok(zero.density!.logDet.every((v) => v === 0));
    // The same seed gives the same base samples at every k.
    const all = simulateFlow(normalizingRequest(request));
    assert.deepEqual(all.samples!.base, zero.samples!.base);
  });

  it('every objective preset runs, with a grid around the trajectories', () => {
    for (const name of Object.keys(OBJECTIVE_PRESETS)) {
      const result = simulateFlow(gradientRequest(applyObjectivePreset(defaultRequest(), name)));
      const g = result.gradientFlow!;
      assert.ok(g.euler && g.rk4 && g.gd, name);
      assert.equal(g.grid!.values.length, 96 * 96);
      const [x0, x1, y0, y1] = g.grid!.box;
      assert.ok(Math.abs(x1 - x0 - (y1 - y0)) < 1e-12, `${name}: the default box is square`);
      for (const p of g.rk4!.trajectory) assert.ok(p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1, `${name}: ${p}`);
    }
  });

  it('the objective grid is f at (x_j, y_i), row-major', () => {
    const g = simulateFlow({
      kind: 'flow',
      layers: [],
      gradientFlow: { objective: 'x + 10*y', start: [0, 0], h: 0.1, T: 0.1, grid: { box: [0, 1, 0, 2], n: 3 } },
    }).gradientFlow!.grid!;
    assert.deepEqual(g.box, [0, 1, 0, 2]);
    assert.deepEqual(g.values, [0, 0.5, 1, 10, 10.5, 11, 20, 20.5, 21]);
    assert.throws(
      () => simulateFlow({ kind: 'flow', layers: [], gradientFlow: { objective: 'x + y + z', start: [0, 0, 0], h: 0.1, T: 0.1, grid: { n: 3 } } }),
      /2-D/,
    );
  });

  it('normalize fills a partial save; helpers parse and move', () => {
    const n = normalize({ kind: 'flow', layers: [NEW_LAYERS.radial] });
    assert.equal(n.layers.length, 1);
    assert.equal(n.view!.section, 'normalizing');
    assert.ok(n.gradientFlow.h > 0);
    assert.deepEqual(parseVector('0.5, -1'), [0.5, -1]);
    assert.equal(parseVector('1'), undefined);
    assert.deepEqual(moveLayer(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']);
    assert.match(layerError({ type: 'affine_coupling', mask: [1, 0], s: 'x1', t: '0' })!, /x1/);
  });
});
