import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { modelSpans } from '../../compute/recognize/model-spans';

const names = (text: string) => modelSpans(text).map((s) => `${s.kind}:${s.name}`);

describe('Analyze model CodeLens spans', () => {
  it('finds module classes (direct bases, dotted or imported names, and subclasses of them in the file)', () => {
    const text = [
      'import torch',
      'from torch import nn',
      'from torch.nn import Module',
      'class A(nn.Module):\n    pass',
      'class B(torch.nn.Module):\n    pass',
      'class C(Module):\n    pass',
      'class Stack(nn.Sequential):\n    pass',
      'class D(A, metaclass=Meta):\n    pass',
      'class E(D):\n    pass',
      'class Config:\n    lr = 0.1',
      'class Other(Config):\n    pass',
    ].join('\n');
    assert.deepEqual(names(text), ['class:A', 'class:B', 'class:C', 'class:Stack', 'class:D', 'class:E']);
  });

  it('a subclass may come before its base in the file', () => {
    assert.deepEqual(names('class Late(Base):\n    pass\nclass Base(nn.Module):\n    pass\n'), ['class:Late', 'class:Base']);
  });

  it('finds factories: returning a model class call, a local name bound to one, a Sequential, or another factory', () => {
    const text = [
      'class ResNet(nn.Module):\n    pass',
      'def _resnet(block, layers, **kwargs):\n    model = ResNet(block, layers, **kwargs)\n    return model',
      'def resnet18(num_classes=1000):\n    return _resnet(BasicBlock, [2, 2, 2, 2], num_classes=num_classes)',
      'def make_layers(cfg):\n    layers = []\n    for v in cfg:\n        layers.append(nn.Conv2d(3, v, 3))\n    return nn.Sequential(*layers)',
      'def conv3x3(i, o):\n    return nn.Conv2d(i, o, 3, padding=1)',
      'def build_optimizer(model):\n    return torch.optim.SGD(model.parameters(), lr=0.1)',
      'def helper():\n    def inner():\n        return ResNet()\n    return 3',
      'def main():\n    model = ResNet()\n    print(model)',
    ].join('\n');
    assert.deepEqual(names(text), ['class:ResNet', 'factory:_resnet', 'factory:resnet18', 'factory:make_layers']);
  });

  it('the lens sits above decorators; the cursor goes on the name', () => {
    const text = 'import torch.nn as nn\n\n@register\nclass Net(nn.Module):\n    pass\n';
    const [span] = modelSpans(text);
    assert.equal(text.slice(span.from, span.from + 9), '@register');
    assert.equal(text.slice(span.at, span.at + 3), 'Net');
    assert.ok(text.slice(span.from, span.to).trimEnd().endsWith('pass'));
  });

  it('examples/resnet.py: the blocks, the model and both factories', () => {
    const spans = modelSpans(readFileSync('examples/resnet.py', 'utf8'));
    assert.deepEqual(
      spans.map((s) => `${s.kind}:${s.name}`),
      ['class:BasicBlock', 'class:Bottleneck', 'class:ResNet', 'factory:resnet18', 'factory:resnet50'],
    );
  });

  it('a module-level or __main__ statement that builds a model of the file with arguments, through .to(device)', () => {
    const text = [
      'import torch.nn as nn',
      '',
      'class Net(nn.Module):',
      '    def __init__(self, width):',
      '        super().__init__()',
      '        self.fc = nn.Linear(4, width)',
      '',
      'def make(width):',
      '    return Net(width)',
      '',
      'model = Net(width=8).to("cpu")',
      'plain = Net()',
      'other = dict(a=1)',
      'moved = Net(8).cpu().forward(x)',
      '',
      'if __name__ == "__main__":',
      '    net = make(16)',
      '',
    ].join('\n');
    const builds = modelSpans(text).filter((s) => s.kind === 'build');
    assert.deepEqual(
      builds.map((s) => `${s.name} @ ${text.slice(s.at, s.at + 4)}`),
      ['Net(width=8) @ Net(', 'make(16) @ make'],
    );
    assert.equal(text.slice(builds[0].from, builds[0].to), 'model = Net(width=8).to("cpu")');
  });

  it('nothing in ordinary code, and nothing nested (methods, inner classes)', () => {
    assert.deepEqual(modelSpans('import os\nprint(os.getcwd())\nx = max(1, 2)\n'), []);
    assert.deepEqual(names('def f():\n    class Inner(nn.Module):\n        pass\n    return 1\n'), []);
    assert.deepEqual(modelSpans('('.repeat(600)), []);
  });
});
