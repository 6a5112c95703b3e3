/**
 * The static evaluator on plain Python: scopes, statement order, loops, comprehensions, classes
 * as values, partial, *args/**kwargs, dataclasses, budgets. Values are read through a model whose
 * layer arguments are the expressions under test, so the whole path (text → evaluation → layer)
 * is exercised.
 */
import { strict as assert } from 'node:assert';
import { analyzeModel } from '../../compute/program/trace';

/** Trace the class `Net` and return the first layer's constructor arguments. */
function firstArgs(src: string, inputShape?: (number | string)[]): Record<string, unknown> {
  const text = `import torch\nfrom torch import nn\nimport torch.nn.functional as F\nimport math\nfrom functools import partial\n${src}`;
  const at = text.indexOf('class Net');
  const r = analyzeModel(text, { from: at + 1, to: at + 1, ...(inputShape ? { inputShape } : {}) });
  assert.ok(r, 'a model');
  const first = r.layers.find((l) => l.path !== null);
  assert.ok(first, `a layer was traced; warnings: ${r.warnings.join(' | ')}`);
  return first.args ?? {};
}

function trace(src: string, inputShape?: (number | string)[]) {
  const text = `import torch\nfrom torch import nn\nimport torch.nn.functional as F\nimport math\nfrom functools import partial\n${src}`;
  const at = text.indexOf('class Net');
  const r = analyzeModel(text, { from: at + 1, to: at + 1, ...(inputShape ? { inputShape } : {}) });
  assert.ok(r);
  return r;
}

describe('static evaluator: Python values', () => {
  it('reads statement order, augmented assignment and globals', () => {
    const a = firstArgs(`
WIDTH = 16
WIDTH *= 2
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        c = WIDTH
        c += 8
        self.conv = nn.Conv2d(3, c, kernel_size=3)
    def forward(self, x):
        return self.conv(x)
`);
    assert.equal(a.out_channels, 40);
  });

  it('follows loops, comprehensions, zip, enumerate and list methods', () => {
    const r = trace(
      `
cfg = [(1, 16, 1, 1), (6, 24, 2, 2)]
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        c = 8
        for t, out, n, s in cfg:
            for i in range(n):
                stride = s if i == 0 else 1
                layers.append(nn.Conv2d(c, out * t, 3, stride, 1))
                c = out * t
        layers += [nn.ReLU(inplace=True)]
        self.body = nn.Sequential(*layers)
        widths = [c * k for k in (1, 2) if k > 1]
        self.head = nn.ModuleList([nn.Conv2d(c, w, 1) for i, w in enumerate(widths)])
    def forward(self, x):
        x = self.body(x)
        for h in self.head:
            x = h(x)
        return x
`,
      ['N', 8, 32, 32],
    );
    assert.deepEqual(
      r.layers.filter((l) => l.path).map((l) => [l.path, l.outShape]),
      [
        ['body.0', ['N', 16, 32, 32]],
        ['body.1', ['N', 144, 16, 16]],
        ['body.2', ['N', 144, 16, 16]],
        ['body.3', ['N', 144, 16, 16]],
        ['head.0', ['N', 288, 16, 16]],
      ],
    );
    assert.deepEqual(r.warnings, []);
  });

  it('reads classes as values, class attributes, partial and **kwargs passthrough', () => {
    const r = trace(
      `
class Block(nn.Module):
    expansion = 4
    def __init__(self, cin, planes, norm_layer=None, **kwargs):
        super().__init__()
        norm_layer = norm_layer or nn.BatchNorm2d
        self.conv = nn.Conv2d(cin, planes * self.expansion, 1, **kwargs)
        self.bn = norm_layer(planes * self.expansion)
    def forward(self, x):
        return self.bn(self.conv(x))

def make(block, cin, planes, **kw):
    return block(cin, planes, **kw)

class Net(nn.Module):
    def __init__(self, block=Block):
        super().__init__()
        self.inplanes = 8
        self.a = make(block, self.inplanes, 2, norm_layer=partial(nn.BatchNorm2d, eps=1e-3), bias=False)
        self.inplanes = 2 * block.expansion
    def forward(self, x):
        return self.a(x)
`,
      ['N', 8, 4, 4],
    );
    const [conv, bn] = r.layers;
    assert.equal(conv.args?.bias, false);
    assert.equal(conv.params, 8 * 8);
    assert.equal(bn.args?.eps, 1e-3);
    assert.equal(r.totals.params, 64 + 16);
  });

  it('evaluates helper functions such as _make_divisible with math and int', () => {
    const a = firstArgs(`
def _make_divisible(v, divisor, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v
class Net(nn.Module):
    def __init__(self, width_mult=0.75):
        super().__init__()
        self.conv = nn.Conv2d(3, _make_divisible(32 * width_mult, 8), 3, padding=math.ceil(0.5))
    def forward(self, x):
        return self.conv(x)
`);
    assert.equal(a.out_channels, 24);
  });

  it('names an unknown parameter instead of guessing, and keeps tracing', () => {
    const r = trace(`
class Net(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(8, num_classes)
    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.conv(x), 1).flatten(1)
        return self.fc(x)
`);
    assert.deepEqual(
      r.unknowns.map((u) => u.name),
      ['num_classes'],
    );
    assert.equal(r.partial, true);
    assert.ok(r.layers.some((l) => l.path === 'conv'));
    assert.equal(r.totals.params, null, 'the Linear needs num_classes');
  });

  it('says which condition it could not decide, with its line', () => {
    const r = trace(`
class Net(nn.Module):
    def __init__(self, use_bn):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        if use_bn:
            self.bn = nn.BatchNorm2d(8)
    def forward(self, x):
        return self.conv(x)
`);
    assert.ok(
      r.warnings.some((w) => /line 11: .*use_bn.*cannot be decided/.test(w)),
      r.warnings.join(' | '),
    );
  });

  it('stops a runaway loop with a message, never hangs', () => {
    assert.throws(
      () =>
        trace(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = 0
        while True:
            n += 1
        self.conv = nn.Conv2d(3, 8, 3)
    def forward(self, x):
        return self.conv(x)
`),
      /line 11: the while loop ran 10,000 times/,
    );
  });
});

describe('static evaluator: values from config objects', () => {
  it('reads an ml_collections.ConfigDict built in the file, attribute assignments and nested dicts', () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const text = readFileSync(join(__dirname, '..', 'recognize-corpus', 'model_config.py'), 'utf8');
    const at = text.indexOf('class MLP');
    const r = analyzeModel(text, { from: at + 1, to: at + 1, inputShape: [4, 1, 28, 28] });
    assert.ok(r);
    assert.deepEqual(r.warnings, []);
    // 784·32 + 32, then 32·32 + 32 (depth 2), then 32·10 + 10.
    assert.equal(r.totals.params, 784 * 32 + 32 + (32 * 32 + 32) + (32 * 10 + 10));
    assert.deepEqual(r.output?.shape, [4, 10]);
  });
});

describe('static evaluator: activation checkpointing', () => {
  it('torch.utils.checkpoint.checkpoint(fn, x) traces fn(x)', () => {
    const r = trace(
      `
from torch.utils.checkpoint import checkpoint
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())
        self.head = nn.Conv2d(8, 4, 1)
    def forward(self, x):
        x = checkpoint(self.block, x, use_reentrant=False)
        return self.head(x)
`,
      ['N', 3, 16, 16],
    );
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(
      r.layers.filter((l) => l.path).map((l) => l.path),
      ['block.0', 'block.1', 'head'],
    );
  });
});
