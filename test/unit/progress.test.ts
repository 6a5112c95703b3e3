import * as assert from 'node:assert/strict';
import { simulate, type FlowResult, type OptimizerResult } from '../../compute';

/** The fractions a run reports: they must rise from 0 and stay below 1. */
function recorded(run: (onProgress: (f: number) => void) => unknown): number[] {
  const seen: number[] = [];
  run((f) => seen.push(f));
  return seen;
}

describe('progress of long runs (simulate onProgress)', () => {
  const optimizer = {
    kind: 'optimizer',
    objective: { name: 'rosenbrock' },
    start: [-1.5, 2],
    steps: 50_000,
    optimizers: [
      { name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 1e-4 } },
      { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 1e-3 } },
    ],
  };

  it('optimizer runs report rising fractions in [0, 1), per optimizer share, and the same result', () => {
    let result: OptimizerResult | undefined;
    const seen = recorded((onProgress) => (result = simulate(optimizer, { onProgress }) as OptimizerResult));
    // 50,000 steps report every 4,096: 13 reports per optimizer.
    assert.equal(seen.length, 2 * Math.ceil(50_000 / 4096));
    assert.equal(seen[0], 0);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1], `fraction ${i} rises`);
    assert.ok(seen[seen.length - 1] < 1 && seen[seen.length - 1] > 0.9);
    assert.ok(Math.abs(seen[13] - 0.5) < 1e-12, 'the second optimizer starts at one half');
    assert.deepEqual(result, simulate(optimizer));
  });

  it('gradient flow reports per method; a short conv request reports nothing', () => {
    const flow = { kind: 'flow', gradientFlow: { objective: '(x - 1)**2 + 10*(y + 0.5)**2', start: [-1, 1], h: 1e-4, T: 2 } };
    let result: FlowResult | undefined;
    const seen = recorded((onProgress) => (result = simulate(flow, { onProgress }) as FlowResult));
    assert.ok(seen.length >= 3, `reports: ${seen.length}`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1]);
    assert.deepEqual(result, simulate(flow));
    assert.deepEqual(
      recorded((onProgress) =>
        simulate({ kind: 'conv', layers: [{ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 3 }], inputShape: [1, 3, 32, 32] }, { onProgress }),
      ),
      [],
    );
  });
});
