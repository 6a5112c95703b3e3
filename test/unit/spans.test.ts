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
    assert.deepEqual(
      spans.map((s) => [s.callee, s.kind]),
      [
        ['nn.Sequential', 'layers'],
        ['torch.nn.Conv2d', 'layers'],
        ['torch.optim.SGD', 'optimizer'],
        ['torch.optim.lr_scheduler.StepLR', 'optimizer'],
        ['optax.adamw', 'optimizer'],
      ],
    );
    assert.equal(text.slice(spans[0].from, spans[0].to), 'nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.MaxPool2d(2))');
  });

  it('finds the example file’s layers and nothing in ordinary code', () => {
    const example = simulatableSpans(readFileSync('examples/resnet_stem.py', 'utf8'));
    assert.equal(example.filter((s) => s.kind === 'layers').length, 6);
    assert.deepEqual(simulatableSpans('import os\nprint(os.getcwd())\nx = max(1, 2)\n'), []);
  });
});

describe('simulatableSpans: helpers that return a layer', () => {
  it('puts the lens on conv3x3(...) calls, not on the layer the helper returns', () => {
    const text =
      'def conv3x3(i, o, stride=1):\n    return nn.Conv2d(i, o, 3, stride, padding=1)\n\nclass B(nn.Module):\n    def __init__(self):\n        self.conv1 = conv3x3(64, 64)\n        self.bn = nn.BatchNorm2d(64)\n';
    assert.deepEqual(
      simulatableSpans(text).map((s) => s.callee),
      ['conv3x3'],
    );
  });
});
