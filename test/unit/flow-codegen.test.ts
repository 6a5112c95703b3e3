// "Copy as code" for the flow lab (compute/flow/codegen.ts). The generated PyTorch was executed
// by test/fixtures/check_flow_codegen.py with python3-torch 1.13 on every stack of
// test/fixtures/flow_codegen.json (outputs and log|det J| against compute/flow, and against
// autograd's slogdet of the generated forward; worst relative error 1.5e-15). This test keeps the
// TypeScript side writing exactly that code, with the values that were compared.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateFlow } from '../../compute/flow';
import { flowCode, torchExpression } from '../../compute/flow/codegen';
import type { FlowLayerJson } from '../../compute/flow/types';
import { parseExpression } from '../../compute/expr';
import { FLOW_CODEGEN_CASES } from '../fixtures/gen_flow_codegen';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'flow_codegen.json'), 'utf8')) as {
  cases: { name: string; layers: FlowLayerJson[]; code: string; points: number[][]; outputs: number[][]; logDet: number[] }[];
};

describe('flow lab: Copy as code (PyTorch)', () => {
  it('writes exactly the code that check_flow_codegen.py executed, for the same stacks', () => {
    assert.deepEqual(
      fixture.cases.map((c) => c.name),
      FLOW_CODEGEN_CASES.map((c) => c.name),
    );
    for (const c of fixture.cases) assert.equal(flowCode(c.layers), c.code, c.name);
  });

  it('compute/flow still gives the values the Python check compared', () => {
    for (const c of fixture.cases) {
      const r = simulateFlow({ kind: 'flow', layers: c.layers, points: c.points });
      assert.deepEqual(r.outputs, c.outputs, c.name);
      assert.deepEqual(r.logDet, c.logDet, c.name);
    }
  });

  it('translates expressions to torch calls (aliases, constants as tensors, two-argument functions)', () => {
    const t = (src: string) => torchExpression(parseExpression(src, ['x0', 'x1']).body, true);
    assert.equal(t('0.5*tanh(x0)'), '0.5 * torch.tanh(x0)');
    assert.equal(t('np.arctan(x0) + math.pi'), 'torch.atan(x0) + 3.141592653589793');
    assert.equal(t('exp(1)'), 'torch.exp(_c(1.0))');
    assert.equal(t('maximum(x0, 0)'), 'torch.maximum(x0, _c(0.0))');
    assert.equal(t('-x0**2'), '(-(x0 ** 2.0))');
    assert.equal(t('softplus(x1)'), '_softplus(x1)');
  });

  it('a stack is a Flow over an nn.ModuleList; the layer classes appear only when used', () => {
    const code = flowCode([{ type: 'radial', z0: [0, 0], alpha: 1, beta: 0.5 }]);
    assert.match(code, /flow = Flow\(\[\n {4}Radial\(z0=\[0\.0, 0\.0\], alpha=1\.0, beta=0\.5\),\n\]\)/);
    assert.match(code, /self\.layers = nn\.ModuleList\(layers\)/);
    assert.doesNotMatch(code, /class AffineCoupling|class Planar|class MLP/);
    assert.throws(() => flowCode([]), /no layers/);
  });
});
