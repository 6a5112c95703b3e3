import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { humanUnits } from '../../compute/count-format';
import { inlayTexts, totalsLabel } from '../../compute/editor/shape-text';
import { shapeHoverAt } from '../../compute/hover/shapes';
import { fromCell, joinCells, toCell } from '../../compute/notebook/program';
import { analyzeFile } from '../../compute/program/file-analysis';

const mnist = readFileSync('examples/mnist_mismatch.py', 'utf8');
const at = (text: string, probe: string, delta = 0) => {
  const i = text.indexOf(probe);
  assert.ok(i >= 0, `"${probe}" is in the text`);
  return i + delta;
};
/** The text an inlay hint follows (the end of its line up to the hint). */
const before = (text: string, offset: number) => text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset).trim();

describe('shapes in the editor: inlay texts and hover sections', () => {
  it('human units as the model view writes them', () => {
    assert.deepEqual([11689512, 1814073344, 118013952, 9408, 999960, 12, null].map(humanUnits), ['11.7 M', '1.8 G', '118 M', '9.4 k', '1.0 M', '12', '?']);
  });

  it('MNIST with a planted mismatch: a shape after each layer and forward statement, totals at the class', () => {
    const analysis = analyzeFile(mnist, { path: 'examples/mnist_mismatch.py' });
    const hints = inlayTexts(analysis, mnist);
    const shown = hints.map((h) => `${before(mnist, h.at)} ${h.label}`);
    // The trace stops at the mismatch (fc1): the MACs are those of the layers before it, and the label says partial.
    assert.ok(shown.includes('class MnistNet(nn.Module): 1.2 M params · 10.8 M MACs · partial'), shown.join('\n'));
    assert.ok(shown.includes('self.conv1 = nn.Conv2d(1, 32, kernel_size=3) → N×32×26×26'));
    assert.ok(shown.includes('self.pool = nn.MaxPool2d(2) → N×64×12×12'));
    assert.ok(shown.includes('x = torch.flatten(x, 1) → N×9216'));
    const conv2 = hints.find((h) => before(mnist, h.at).includes('Conv2d(32'))!;
    assert.match(conv2.tooltip, /\*\*`conv2`\*\* · Conv2d · in MnistNet/);
    assert.match(conv2.tooltip, /`\[N, 32, 26, 26\]` → `\[N, 64, 24, 24\]`/);
    assert.match(conv2.tooltip, /18,496 parameters · 10\.6 M MACs per sample/);
    // The planted mismatch: the argument 9200, with PyTorch's words and the fix.
    assert.equal(analysis.diagnostics.length, 1);
    const [d] = analysis.diagnostics;
    assert.equal(mnist.slice(d.from, d.to), '9200');
    assert.match(d.message, /mat1 and mat2 shapes cannot be multiplied \(Nx9216 and 9200x128\)/);
    assert.deepEqual(d.fix && { title: d.fix.title, text: mnist.slice(d.fix.from, d.fix.to), newText: d.fix.newText }, {
      title: 'Set in_features to 9216',
      text: '9200',
      newText: '9216',
    });
    // Fixed, the model reads through: fc1 and fc2 get their shapes, no mismatch is left.
    const fixed = mnist.slice(0, d.fix!.from) + d.fix!.newText + mnist.slice(d.fix!.to);
    const again = analyzeFile(fixed, { path: 'examples/mnist_mismatch.py' });
    assert.equal(again.diagnostics.length, 0);
    assert.ok(inlayTexts(again, fixed).some((h) => before(fixed, h.at) === 'self.fc2 = nn.Linear(128, num_classes)' && h.label === '→ N×10'));
    assert.equal(totalsLabel(again.models[0]), '1.2 M params · 12.0 M MACs');
  });

  it('hover: a layer construction, self.layer in forward, and a tensor variable (assigned, then used)', () => {
    const analysis = analyzeFile(mnist, { path: 'examples/mnist_mismatch.py' });
    const conv = shapeHoverAt(analysis, mnist, at(mnist, 'nn.Conv2d(32', 4));
    assert.ok(conv);
    assert.equal(mnist.slice(conv.from, conv.to), 'nn.Conv2d(32, 64, kernel_size=3)');
    assert.match(conv.markdown, /`\[N, 32, 26, 26\]` → `\[N, 64, 24, 24\]`/);
    const use = shapeHoverAt(analysis, mnist, at(mnist, 'self.conv2(x)', 6));
    assert.equal(use && mnist.slice(use.from, use.to), 'conv2');
    assert.match(use!.markdown, /18,496 parameters/);
    const assigned = shapeHoverAt(analysis, mnist, at(mnist, 'x = torch.flatten'));
    assert.match(assigned!.markdown, /\*\*`x`\*\* · in MnistNet\.forward {2}\n`\[N, 9216\]`/);
    // `x` read by the statement after the flatten holds the flattened tensor.
    const read = shapeHoverAt(analysis, mnist, at(mnist, 'self.fc1(x)', 9));
    assert.match(read!.markdown, /`\[N, 9216\]`/);
    // The parameter before any statement, a name outside functions, and plain text: nothing.
    assert.equal(shapeHoverAt(analysis, mnist, at(mnist, 'import torch')), null);
    assert.equal(shapeHoverAt(analysis, mnist, at(mnist, 'num_classes: int')), null);
  });

  it('an assumed input is said so in the tooltip', () => {
    const stem = readFileSync('examples/resnet_stem.py', 'utf8');
    const analysis = analyzeFile(stem, { path: 'examples/resnet_stem.py' });
    const bottleneck = inlayTexts(analysis, stem).find((h) => before(stem, h.at).startsWith('self.conv3'));
    assert.ok(bottleneck);
    assert.match(bottleneck.tooltip, /input assumed \[N, 256, 224, 224\]/);
  });

  it('a notebook: a name and a class from earlier cells, hints mapped back to their cells', () => {
    const cells = [
      { kind: 'code' as const, language: 'python', text: 'import torch\nimport torch.nn as nn\nC = 64' },
      { kind: 'markup' as const, language: 'markdown', text: '## The model' },
      {
        kind: 'code' as const,
        language: 'python',
        text: 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, C, 3)\n        self.fc = nn.Linear(60, 10)\n\n    def forward(self, x):\n        # x: (N, 3, 8, 8)\n        x = self.conv(x).flatten(1)\n        return self.fc(x)',
      },
      { kind: 'code' as const, language: 'python', text: 'net = Net()' },
    ];
    const program = joinCells(cells);
    const analysis = analyzeFile(program.text, { path: 'nb.ipynb' });
    const conv = analysis.hints.find((h) => h.label === 'conv');
    assert.ok(conv, JSON.stringify(analysis));
    assert.deepEqual(conv.shape, ['N', 64, 6, 6]);
    assert.equal(toCell(program, conv.at)?.cell, 2);
    const [d] = analysis.diagnostics;
    assert.ok(d, 'the Linear after the flatten of 64×6×6 = 2304 is flagged');
    const place = toCell(program, d.from)!;
    assert.equal(place.cell, 2);
    assert.equal(cells[2].text.slice(place.offset, place.offset + 2), '60');
    assert.equal(d.fix?.newText, '2304');
    assert.equal(fromCell(program, 2, place.offset), d.from);
  });
});
