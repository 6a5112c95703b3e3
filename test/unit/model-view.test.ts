/**
 * The model view's pure logic (webview/labs/model/table.ts) on a ResNet-18 answer, plus the
 * protocol's check of a model answer. test/fixtures/model-view-sample.json is the CLI's answer,
 * kept as the view's input: `node dist/cli.js recognize test/model-corpus/resnet.py --range 180:5-180:5`.
 */
import { fullCount, humanUnits } from '../../compute/count-format';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelRecognition } from '../../compute/program/model-types';
import { isModelRecognition, parseFromWebview, parseLabState, parseToWebview } from '../../shared/protocol';
import {
  flattenTree,
  focusPath,
  formatRf,
  formatShape,
  kernelLayer,
  markdownTable,
  moduleUri,
  parseGiven,
  parseInputShape,
  revealPath,
  treeKey,
  visibleRows,
  warningParts,
} from '../../webview/labs/model/table';
import { analyzeModel } from '../../compute/program/trace';

const sample = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'model-view-sample.json'), 'utf8')) as ModelRecognition;

describe('model view: rows of the module tree', () => {
  const rows = flattenTree(sample);

  it('one row per module in depth-first order, the model first', () => {
    assert.equal(rows[0].path, '');
    assert.equal(rows[0].depth, 0);
    assert.equal(rows[0].label, 'ResNet (resnet18())');
    assert.deepEqual(
      rows.slice(1, 7).map((r) => r.path),
      ['conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer1.0'],
    );
    const count = (n: ModelRecognition['tree']): number => 1 + n.children.reduce((s, c) => s + count(c), 0);
    assert.equal(rows.length, count(sample.tree));
    const down = rows.find((r) => r.path === 'layer2.0.downsample.0')!;
    assert.equal(down.depth, 4);
    assert.equal(down.parent, 'layer2.0.downsample');
  });

  it('a built-in layer carries its first call (op, arguments, receptive field); containers the RF of their last layer', () => {
    const conv1 = rows.find((r) => r.path === 'conv1')!;
    assert.equal(conv1.layer?.op, 'conv2d');
    assert.deepEqual(conv1.receptiveField, { size: [7, 7], jump: [2, 2] });
    assert.deepEqual(formatRf(rows.find((r) => r.path === 'maxpool')!.receptiveField), { size: '11×11', jump: '4×4' });
    const layer1 = rows.find((r) => r.path === 'layer1')!;
    const lastInLayer1 = sample.layers.filter((l) => l.path?.startsWith('layer1.')).at(-1)!;
    assert.deepEqual(layer1.receptiveField, lastInLayer1.receptiveField);
    assert.equal(layer1.layer, undefined, 'containers have no layer call of their own');
    assert.equal(rows.find((r) => r.path === 'fc')!.receptiveField, null);
  });

  it('depth limits: 1 shows the model and its children; 2 adds the blocks; all shows every module', () => {
    assert.deepEqual(
      visibleRows(rows, 1, {}).map((r) => r.path),
      ['', 'conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc'],
    );
    const two = visibleRows(rows, 2, {}).map((r) => r.path);
    assert.ok(two.includes('layer2.0') && two.includes('layer4.1') && !two.includes('layer2.0.conv1'));
    assert.equal(visibleRows(rows, 'all', {}).length, rows.length);
  });

  it('per-row toggles open or close one row over the depth limit, and hidden ancestors hide descendants', () => {
    const opened = visibleRows(rows, 1, { layer2: true }).map((r) => r.path);
    assert.ok(opened.includes('layer2.0') && opened.includes('layer2.1') && !opened.includes('layer3.0'));
    assert.ok(!opened.includes('layer2.0.conv1'), 'its children stay at their own default (closed at depth 1)');
    const closed = visibleRows(rows, 'all', { layer1: false }).map((r) => r.path);
    assert.ok(!closed.includes('layer1.0') && !closed.includes('layer1.0.conv1') && closed.includes('layer2.0.conv1'));
    const reopened = visibleRows(rows, 1, revealPath(rows, 'layer3.1.conv2', {})).map((r) => r.path);
    assert.ok(reopened.includes('layer3.1.conv2'), 'revealPath opens every ancestor of a focused row');
  });

  it('tree-grid keys: arrows move and fold, Enter jumps, K opens a conv/pool layer', () => {
    const visible = visibleRows(rows, 1, {});
    const at = (p: string) => visible.findIndex((r) => r.path === p);
    assert.deepEqual(treeKey(visible, 0, 'ArrowDown', 1, {}), { focus: 1 });
    assert.deepEqual(treeKey(visible, 0, 'ArrowUp', 1, {}), { focus: 0 });
    assert.deepEqual(treeKey(visible, 3, 'End', 1, {}), { focus: visible.length - 1 });
    assert.deepEqual(treeKey(visible, at('layer1'), 'ArrowRight', 1, {}), { toggle: 'layer1', open: true });
    assert.deepEqual(treeKey(visible, 0, 'ArrowRight', 1, {}), { focus: 1 }, 'an open row moves to its first child');
    assert.deepEqual(treeKey(visible, 0, 'ArrowLeft', 1, {}), { toggle: '', open: false });
    assert.deepEqual(treeKey(visible, at('conv1'), 'ArrowLeft', 1, {}), { focus: 0 }, 'a leaf moves to its parent');
    assert.equal(treeKey(visible, at('conv1'), 'ArrowRight', 1, {}), undefined);
    assert.deepEqual(treeKey(visible, at('fc'), 'Enter', 1, {}), { jump: at('fc') });
    assert.deepEqual(treeKey(visible, at('conv1'), 'k', 1, {}), { kernel: at('conv1') });
    assert.deepEqual(treeKey(visible, at('maxpool'), 'K', 1, {}), { kernel: at('maxpool') });
    assert.equal(treeKey(visible, at('fc'), 'k', 1, {}), undefined, 'Linear is not a kernel-view layer');
    assert.equal(treeKey(visible, at('bn1'), 'x', 1, {}), undefined);
  });
});

describe('model view: formatting', () => {
  it('shapes keep symbolic dims as written', () => {
    assert.equal(formatShape(['N', 64, 56, 56]), 'N×64×56×56');
    assert.equal(formatShape(['N·4', 'T', 512]), 'N·4×T×512');
    assert.equal(formatShape(undefined), '—');
    assert.equal(formatShape([]), '—');
  });

  it('counts are exact with separators; MACs in human units (MACs, never FLOPs)', () => {
    assert.equal(fullCount(11689512), '11,689,512');
    assert.equal(fullCount(null), '?');
    assert.equal(humanUnits(1816557056), '1.8 G');
    assert.equal(humanUnits(11689512), '11.7 M');
    assert.equal(humanUnits(118013952), '118 M');
    assert.equal(humanUnits(4_100_000_000), '4.1 G');
    assert.equal(humanUnits(9408), '9.4 k');
    assert.equal(humanUnits(2_000_000), '2.0 M');
    assert.equal(humanUnits(999_960), '1.0 M');
    assert.equal(humanUnits(99_960), '100 k');
    assert.equal(humanUnits(-2_500), '-2.5 k');
    assert.equal(humanUnits(1_019_000_000), '1.0 G');
    assert.equal(humanUnits(512), '512');
    assert.equal(humanUnits(0), '0');
    assert.equal(humanUnits(null), '?');
  });

  it('warnings: the line number and the message', () => {
    assert.deepEqual(warningParts('line 42: Fire (Fire) is built but its forward pass was not traced'), {
      line: 42,
      text: 'Fire (Fire) is built but its forward pass was not traced',
    });
    assert.deepEqual(warningParts('step budget exhausted'), { text: 'step budget exhausted' });
  });

  it('the focused layer: the path of focus.layer', () => {
    const i = sample.layers.findIndex((l) => l.path === 'layer2.0.conv1');
    assert.equal(focusPath({ ...sample, focus: { layer: i, instances: 1 } }), 'layer2.0.conv1');
    assert.equal(focusPath(sample), undefined);
  });
});

describe('model view: Copy as Markdown table', () => {
  it('the visible rows, indented by depth, with totals, the input and MACs per sample', () => {
    const md = markdownTable(visibleRows(flattenTree(sample), 1, {}), sample);
    const lines = md.trim().split('\n');
    assert.equal(lines[0], '| Module | Type | Input shape | Output shape | Parameters | Trainable | MACs | RF size | RF jump |');
    assert.equal(lines[1], '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
    assert.equal(lines[2], '| ResNet (resnet18()) | ResNet | N×3×224×224 | N×1000 | 11,689,512 | 11,689,512 | 1.8 G | — | — |');
    assert.equal(lines[3], '| \u00a0\u00a0`conv1` | Conv2d | N×3×224×224 | N×64×112×112 | 9,408 | 9,408 | 118 M | 7×7 | 2×2 |');
    assert.equal(lines.length, 2 + 11 + 1 + 2);
    assert.match(lines[13], /^\| \*\*Total\*\* \|  \|  \|  \| \*\*11,689,512\*\* \| \*\*11,689,512\*\* \| \*\*1\.8 G\*\* \|/);
    assert.equal(lines[15], 'Input N×3×224×224 (assumed); MACs are multiply-accumulates per sample.');
    assert.doesNotMatch(md, /FLOP/i);
  });

  it('a partial answer says so; pipes in cells are escaped', () => {
    const partial = { ...sample, partial: true, warnings: ['line 3: a | b'] };
    const rows = flattenTree({ ...sample, tree: { ...sample.tree, type: 'A|B' } });
    const md = markdownTable(visibleRows(rows, 1, {}), partial);
    assert.match(md, /Partial answer: 1 warning; some of the model is missing/);
    assert.match(md, /\| A\\\|B \(resnet18\(\)\) \| A\\\|B \|/);
  });
});

describe('model view: what the user types', () => {
  it('values for unknowns: numbers, booleans, lists, names and quoted strings', () => {
    assert.equal(parseGiven('10'), 10);
    assert.equal(parseGiven(' 0.5 '), 0.5);
    assert.equal(parseGiven('1e-3'), 0.001);
    assert.equal(parseGiven('True'), true);
    assert.equal(parseGiven('false'), false);
    assert.deepEqual(parseGiven('[2, 2, 2, 2]'), [2, 2, 2, 2]);
    assert.deepEqual(parseGiven('3, 4, 6, 3'), [3, 4, 6, 3]);
    assert.deepEqual(parseGiven('(1, 1)'), [1, 1]);
    assert.equal(parseGiven("'relu'"), 'relu');
    assert.equal(parseGiven('Bottleneck'), 'Bottleneck');
    assert.deepEqual(parseGiven(''), { error: 'Enter a value.' });
    assert.ok('error' in (parseGiven('[1, x]') as object));
    assert.ok('error' in (parseGiven('1 +') as object));
  });

  it('input shapes: numbers or names per dim', () => {
    assert.deepEqual(parseInputShape('N, 3, 224, 224'), ['N', 3, 224, 224]);
    assert.deepEqual(parseInputShape('8×3×32×32'), [8, 3, 32, 32]);
    assert.deepEqual(parseInputShape('(1, 3, 64, 64)'), [1, 3, 64, 64]);
    assert.ok('error' in (parseInputShape('3') as object));
    assert.ok('error' in (parseInputShape('N, 0, 4') as object));
    assert.ok('error' in (parseInputShape('N, -3, 4') as object));
  });
});

describe('model view: a layer in the kernel view', () => {
  it('conv and pool calls give their PyTorch arguments and a numeric input (batch 1 for N)', () => {
    const conv = sample.layers.find((l) => l.path === 'layer2.0.conv1')!;
    const made = kernelLayer(conv);
    assert.ok(!('error' in made));
    assert.deepEqual(made.inputShape, [1, 64, 56, 56]);
    assert.equal(made.layer.op, 'conv2d');
    assert.equal(made.layer.stride, 2);
    assert.equal(made.layer.kernel_size, 3);
    assert.equal(made.layer.in_channels, 64);
  });

  it('refuses other layers, unknown arguments and symbolic spatial sizes with a message', () => {
    assert.match((kernelLayer(sample.layers.find((l) => l.op === 'linear')!) as { error: string }).error, /not a convolution/);
    const conv = sample.layers[0];
    assert.match((kernelLayer({ ...conv, args: { ...conv.args, in_channels: { unknown: 'in_ch' } } }) as { error: string }).error, /in_channels is not known/);
    assert.match((kernelLayer({ ...conv, inShape: ['N', 3, 'H', 'W'] }) as { error: string }).error, /symbolic/);
  });
});

describe('protocol: whole-model answers and the model view’s messages', () => {
  it('a model answer is a valid conv request; a malformed one is dropped', () => {
    assert.ok(isModelRecognition(sample));
    const message = {
      type: 'showLab',
      lab: 'conv',
      request: sample,
      source: { uri: 'file:///r.py', range: [0, 0, 1, 0] },
      model: { selection: { uri: 'file:///r.py', range: [179, 4, 179, 4] }, values: { num_classes: 10 } },
    };
    assert.ok(parseToWebview(message));
    assert.equal(parseToWebview({ ...message, request: { ...sample, tree: { ...sample.tree, children: [{ name: 'x' }] } } }), undefined);
    assert.equal(parseToWebview({ ...message, request: { ...sample, unknowns: [{ name: 1 }] } }), undefined);
    assert.equal(parseToWebview({ ...message, request: { ...sample, warnings: [3] } }), undefined);
    assert.equal(parseToWebview({ ...message, model: { selection: message.model.selection, values: { 'bad key': 1 } } }), undefined);
    assert.equal(parseToWebview({ ...message, model: { selection: message.model.selection, values: { x: { a: 1 } } } }), undefined);
    const deep: Record<string, unknown> = { name: '', path: '', type: 'M', line: 1, params: 0, trainableParams: 0, macs: 0, calls: 0, children: [] };
    let node = deep;
    for (let i = 0; i < 100; i++) {
      const child = { ...deep, children: [] as unknown[] };
      (node.children as unknown[]).push(child);
      node = child;
    }
    assert.equal(isModelRecognition({ ...sample, tree: deep }), false, 'nesting is bounded');
    assert.deepEqual(parseToWebview({ type: 'modelError', message: 'x' }), { type: 'modelError', message: 'x' });
  });

  it('revealLine and analyzeModel from the webview are checked', () => {
    assert.deepEqual(parseFromWebview({ type: 'revealLine', uri: 'file:///r.py', line: 12 }), { type: 'revealLine', uri: 'file:///r.py', line: 12 });
    assert.equal(parseFromWebview({ type: 'revealLine', uri: 'file:///r.py', line: 0 }), undefined);
    assert.equal(parseFromWebview({ type: 'revealLine', uri: 3, line: 2 }), undefined);
    const selection = { uri: 'file:///r.py', range: [1, 2, 1, 2] };
    assert.deepEqual(
      parseFromWebview({ type: 'analyzeModel', selection, values: { num_classes: 10, layers: [2, 2, 2, 2] }, inputShape: ['N', 3, 32, 32], extra: 1 }),
      {
        type: 'analyzeModel',
        selection,
        values: { num_classes: 10, layers: [2, 2, 2, 2] },
        inputShape: ['N', 3, 32, 32],
      },
    );
    assert.equal(parseFromWebview({ type: 'analyzeModel', selection, values: { x: [1, 'a'] } }), undefined);
    assert.equal(parseFromWebview({ type: 'analyzeModel', selection, values: {}, inputShape: [3] }), undefined);
    assert.equal(parseFromWebview({ type: 'applyToCode', lab: 'conv', request: sample, source: selection }), undefined, 'a model is not written back');
  });

  it('saved state keeps the model inputs and view choices when well-formed', () => {
    const model = { selection: { uri: 'file:///r.py', range: [1, 2, 1, 2] }, values: {} };
    const modelView = { key: 'ResNet|resnet18()', depth: 'all', toggled: { layer1: false }, kernel: 'conv1' };
    const state = parseLabState({ lab: 'conv', requests: { conv: sample }, model, modelView });
    assert.deepEqual(state?.model, model);
    assert.deepEqual(state?.modelView, modelView);
    assert.equal(state?.requests.conv, sample);
    const bad = parseLabState({ lab: 'conv', requests: {}, model: { selection: 1 }, modelView: { key: 'k', depth: 7, toggled: {} } });
    assert.equal(bad?.model, undefined);
    assert.equal(bad?.modelView, undefined);
  });
});

describe('model view: a module built in an imported file', () => {
  it('its row links to that file, next to the analysed one (same scheme and authority)', () => {
    assert.equal(moduleUri('file:///work/proj/net.py', '/work/proj/blocks.py'), 'file:///work/proj/blocks.py');
    assert.equal(moduleUri('vscode-remote://ssh-remote%2Bbox/home/u/net.py', '/home/u/my blocks.py'), 'vscode-remote://ssh-remote%2Bbox/home/u/my%20blocks.py');
    assert.equal(moduleUri('file:///work/proj/net.py', undefined), 'file:///work/proj/net.py');
  });

  it('the tree row carries the file of a module the evaluator read in an import', () => {
    const blocks =
      'import torch.nn as nn\n\nclass Block(nn.Module):\n    def __init__(self, c=8):\n        super().__init__()\n        self.conv = nn.Conv2d(c, c, 3, padding=1)\n\n    def forward(self, x):\n        return self.conv(x)\n';
    const net =
      'import torch.nn as nn\nfrom .blocks import Block\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.stem = nn.Conv2d(3, 8, 3)\n        self.block = Block()\n\n    def forward(self, x):\n        return self.block(self.stem(x))\n';
    const r = analyzeModel(net, {
      from: net.indexOf('class Net') + 1,
      to: net.indexOf('class Net') + 1,
      path: '/p/net.py',
      loader: (d) => (d === 'blocks' ? { path: '/p/blocks.py', text: blocks } : undefined),
    });
    assert.ok(r);
    const rows = flattenTree(r);
    // A row's line is where the module was built: Block() is called in net.py, its conv in blocks.py.
    assert.equal(rows.find((row) => row.path === 'block')?.file, undefined);
    assert.equal(rows.find((row) => row.path === 'block.conv')?.file, '/p/blocks.py');
    assert.equal(rows.find((row) => row.path === 'block.conv')?.line, 6);
    assert.equal(rows.find((row) => row.path === 'stem')?.file, undefined);
  });
});
