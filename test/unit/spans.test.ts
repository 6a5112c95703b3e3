import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { simulatableSpans } from '../../compute/recognize/spans';

describe('CodeLens spans', () => {
  it('finds layers, Sequential blocks (once, not their inner layers) and optimizers', () => {
    const text = [
      'net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.MaxPool2d(2))',
      'conv = torch.nn.Conv2d(8, 16, 3)',
      'opt = torch.optim.SGD(net.parameters(), lr=0.1)',
      'sched = torch.optim.lr_scheduler.StepLR(opt, 30)',
      'tx = optax.adamw(1e-3)',
      'y = F.relu(x)',
    ].join('\n');
    const spans = simulatableSpans(text);
    assert.deepEqual(spans.map((s) => [s.callee, s.kind]), [
      ['nn.Sequential', 'layers'],
      ['torch.nn.Conv2d', 'layers'],
      ['torch.optim.SGD', 'optimizer'],
      ['torch.optim.lr_scheduler.StepLR', 'optimizer'],
      ['optax.adamw', 'optimizer'],
    ]);
    assert.equal(text.slice(spans[0].from, spans[0].to), 'nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.MaxPool2d(2))');
  });

  it('finds the example file’s layers and nothing in ordinary code', () => {
    const example = simulatableSpans(readFileSync('examples/resnet_stem.py', 'utf8'));
    assert.equal(example.filter((s) => s.kind === 'layers').length, 6);
    assert.deepEqual(simulatableSpans('import os\nprint(os.getcwd())\nx = max(1, 2)\n'), []);
  });
});
