// Flow lab "Apply to code" (compute/recognize/apply-flow.ts): the lab's layers written back into
// the coupling code, in the form it was written; re-recognizing the edited code gives the lab's layers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AffineCouplingJson, FlowLayerJson } from '../../compute/flow/types';
import { recognizeRequest } from '../../compute/recognize';
import { applyEdits, flowEdit } from '../../compute/recognize/apply-flow';

const layersOf = (text: string): FlowLayerJson[] => {
  const r = recognizeRequest(text, { from: 0, to: text.length });
  assert.ok(!('error' in r), JSON.stringify(r));
  assert.equal(r.kind, 'flow');
  return (r as { layers: FlowLayerJson[] }).layers;
};

const roundTrip = (text: string, layers: AffineCouplingJson[]): string => {
  const edited = applyEdits(text, flowEdit(text, layers));
  assert.deepEqual(layersOf(edited), layers, edited);
  return edited;
};

describe('flow lab: Apply to code', () => {
  it('rewrites a call with string s and t, keeping the quotes', () => {
    const text = 'layer = AffineCoupling(mask=[1, 0], s=\'0.5*tanh(x0)\', t="x0**2 - 1")';
    const edited = roundTrip(text, [{ type: 'affine_coupling', mask: [0, 1], s: 'sin(x1)', t: 'x1 / 2' }]);
    assert.equal(edited, 'layer = AffineCoupling(mask=[0, 1], s=\'sin(x1)\', t="x1 / 2")');
  });

  it('keeps a lambda a lambda, its parameters the kept coordinates', () => {
    const text = 'layer = AffineCoupling([1, 0], s=lambda x0: 0.5*x0, t=lambda x0: x0**2)';
    const edited = roundTrip(text, [{ type: 'affine_coupling', mask: [1, 0], s: 'tanh(x0)', t: '0.1 * x0' }]);
    assert.equal(edited, 'layer = AffineCoupling([1, 0], s=lambda x0: tanh(x0), t=lambda x0: 0.1 * x0)');
    const three = roundTrip('c = RealNVPCoupling(mask=(1, 0, 1), s=lambda x0, x2: x0 * x2, t="x2")', [
      { type: 'affine_coupling', mask: [0, 1, 1], s: 'x1 - x2', t: 'x1' },
    ]);
    assert.equal(three, 'c = RealNVPCoupling(mask=(0, 1, 1), s=lambda x1, x2: x1 - x2, t="x1")');
  });

  it('a stack of calls, each layer to its call; missing arguments are added as keywords', () => {
    const text = 'flow = [\n    AffineCoupling(mask=[1, 0], s="tanh(x0)", t="x0**2"),\n    AffineCoupling(mask=[0, 1]),\n]';
    const layers: AffineCouplingJson[] = [
      { type: 'affine_coupling', mask: [1, 0], s: '0.3*x0', t: 'x0' },
      { type: 'affine_coupling', mask: [0, 1], s: '0.5 * x1', t: 'sin(x1)' },
    ];
    const edited = roundTrip(text, layers);
    assert.match(edited, /AffineCoupling\(mask=\[0, 1\], s="0.5 \* x1", t="sin\(x1\)"\)/);
  });

  it('mask/s/t assignments: values replaced in place; a missing mask is added when it is not the default', () => {
    const text = 'def make():\n    s = lambda x0: tanh(0.5 * x0)\n    t = "x0 / 2"\n    return s, t\n';
    const same = roundTrip(text, [{ type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0 + 1' }]);
    assert.equal(same, 'def make():\n    s = lambda x0: x0\n    t = "x0 + 1"\n    return s, t\n');
    const masked = roundTrip(text, [{ type: 'affine_coupling', mask: [0, 1], s: 'x1', t: '2*x1' }]);
    assert.equal(masked, 'def make():\n    mask = [0, 1]\n    s = lambda x1: x1\n    t = "2*x1"\n    return s, t\n');
    const withMask = 'mask = [1, 0]\ns = "tanh(x0)"\nt = "x0"';
    assert.equal(roundTrip(withMask, [{ type: 'affine_coupling', mask: [0, 1], s: 'x1', t: '0' }]), 'mask = [0, 1]\ns = "x1"\nt = "0"');
  });

  it('arguments bound to names in the selection are written at their assignment', () => {
    const text = 'm = [1, 0]\nscale = "tanh(x0)"\nlayer = AffineCoupling(mask=m, s=scale, t="x0")';
    const edited = roundTrip(text, [{ type: 'affine_coupling', mask: [0, 1], s: 'x1 * 0.2', t: 'x1' }]);
    assert.equal(edited, 'm = [0, 1]\nscale = "x1 * 0.2"\nlayer = AffineCoupling(mask=m, s=scale, t="x1")');
  });

  it('the example file: apply, then Simulate Selection reads the lab’s layer', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'examples', 'objectives_and_flows.py'), 'utf8');
    const from = text.indexOf('layer = AffineCoupling');
    const to = text.indexOf('\n', from);
    const selection = text.slice(from, to);
    const lab: AffineCouplingJson = { type: 'affine_coupling', mask: [1, 0], s: '0.8*tanh(x0) - 0.1', t: 'x0**3 / 3' };
    const edited = text.slice(0, from) + applyEdits(selection, flowEdit(selection, [lab])) + text.slice(to);
    const at = edited.indexOf('layer = AffineCoupling') + 'layer = '.length;
    const r = recognizeRequest(edited, { from: at, to: at }) as { layers: FlowLayerJson[] };
    assert.deepEqual(r.layers, [lab]);
  });

  it('says what cannot be written: planar/radial layers, a different layer count, MLPs, per-coordinate lists', () => {
    const call = 'AffineCoupling(mask=[1, 0], s="x0", t="x0")';
    assert.throws(
      () => flowEdit(call, [{ type: 'planar', u: [1, 0], w: [0, 1], b: 0 }]),
      /Layer 1 is a planar layer\. Planar and radial layers have no code form.*Copy as code/,
    );
    assert.throws(
      () =>
        flowEdit(call, [
          { type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0' },
          { type: 'radial', z0: [0, 0], alpha: 1, beta: 1 },
        ]),
      /Layer 2 is a radial layer/,
    );
    assert.throws(
      () =>
        flowEdit(call, [
          { type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0' },
          { type: 'affine_coupling', mask: [0, 1], s: 'x1', t: 'x1' },
        ]),
      /The lab has 2 coupling layers but the code has 1 AffineCoupling call/,
    );
    assert.throws(
      () => flowEdit(call, [{ type: 'affine_coupling', mask: [1, 0], s: { mlp: { hidden: 4 } }, t: 'x0' }]),
      /layers\[0\]\.s is an MLP.*Copy as code/,
    );
    assert.throws(
      () => flowEdit('AffineCoupling(mask=[1, 0, 0], s="x0", t="x0")', [{ type: 'affine_coupling', mask: [1, 0, 0], s: ['x0', '2*x0'], t: 'x0' }]),
      /one expression per transformed coordinate/,
    );
    assert.throws(() => flowEdit('x = 1', [{ type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0' }]), /No coupling layer is in the code any more/);
    assert.throws(
      () =>
        flowEdit('s = "x0"\nt = "x0"', [
          { type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0' },
          { type: 'affine_coupling', mask: [0, 1], s: 'x1', t: 'x1' },
        ]),
      /The lab has 2 layers but the code defines one coupling layer/,
    );
    assert.throws(
      () => flowEdit('AffineCoupling(mask=m, s="x0", t="x0")', [{ type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0' }]),
      /mask is the variable `m`, which is not assigned in the selected code/,
    );
    const shared = 'm = [1, 0]\na = AffineCoupling(mask=m, s="x0", t="x0")\nb = AffineCoupling(mask=m, s="x0", t="x0")';
    assert.throws(
      () =>
        flowEdit(shared, [
          { type: 'affine_coupling', mask: [1, 0], s: 'x0', t: 'x0' },
          { type: 'affine_coupling', mask: [0, 1], s: 'x1', t: 'x1' },
        ]),
      /share the same mask, s or t variable/,
    );
    // The same value for a shared variable is fine.
    roundTrip(shared, [
      { type: 'affine_coupling', mask: [1, 0], s: 'x0', t: '1' },
      { type: 'affine_coupling', mask: [1, 0], s: '2*x0', t: 'x0' },
    ]);
  });
});
