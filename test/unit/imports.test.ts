import * as assert from 'node:assert/strict';
import { importedPaths, importsOf, modulePaths } from '../../compute/recognize/imports';

describe('workspace imports of a model file (read ahead for the trace)', () => {
  it('reads every import form', () => {
    const text = [
      'import torch',
      'import torch.nn as nn',
      'from .blocks import Bottleneck, BasicBlock',
      'from ..common.layers import (conv3x3, conv1x1)',
      'from . import heads',
      'from models.resnet import ResNet as R',
      '    from .lazy import thing',
      'x = "from a import b"',
    ].join('\n');
    assert.deepEqual(importsOf(text), [
      { level: 1, dotted: 'blocks', names: ['Bottleneck', 'BasicBlock'] },
      { level: 2, dotted: 'common.layers', names: ['conv3x3', 'conv1x1'] },
      { level: 1, dotted: '', names: ['heads'] },
      { level: 0, dotted: 'models.resnet', names: ['ResNet'] },
      { level: 1, dotted: 'lazy', names: ['thing'] },
      { level: 0, dotted: 'torch', names: [] },
      { level: 0, dotted: 'torch.nn', names: [] },
    ]);
  });

  it('resolves modules next to the importing file, as the trace’s loader does', () => {
    assert.deepEqual(modulePaths('/ws/models/net.py', 1, 'blocks'), ['/ws/models/blocks.py', '/ws/models/blocks/__init__.py']);
    assert.deepEqual(modulePaths('/ws/models/net.py', 2, 'common.layers'), ['/ws/common/layers.py', '/ws/common/layers/__init__.py']);
    assert.deepEqual(modulePaths('/ws/train.py', 0, 'models.resnet'), ['/ws/models/resnet.py', '/ws/models/resnet/__init__.py']);
    assert.deepEqual(modulePaths('/net.py', 1, 'blocks'), ['/blocks.py', '/blocks/__init__.py']);
  });

  it('lists the candidate files once, submodules named in from-imports included, never the file itself', () => {
    const paths = importedPaths('from . import heads\nfrom .net import X\nimport net', '/ws/net.py');
    assert.deepEqual(paths, ['/ws/__init__.py', '/ws/heads.py', '/ws/heads/__init__.py', '/ws/net/__init__.py', '/ws/net/X.py', '/ws/net/X/__init__.py']);
  });
});
