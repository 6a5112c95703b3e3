/**
 * Hyperparameter hovers (compute/hover/args.ts): the argument's meaning for the callee's
 * framework, the framework table's default, and the value resolved as the labs resolve it.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { hoverInDocument, termById } from '../../compute';
import { ARGUMENT_DOCS, SPECIFIC_ARGUMENT_NAMES, argumentDoc } from '../../compute/terms/arguments';
import type { MathTable } from '../../compute/hover/math';

const math = new Proxy({}, { get: () => ({ svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', widthEx: 1, heightEx: 1, valignEx: 0 }) }) as MathTable;
const options = { math, theme: 'dark' as const, fontSize: 14 };

/** The hover on the `occurrence`-th `word` of `text` (0-based), in `languageId`. */
function hoverOn(text: string, word: string, occurrence = 0, languageId = 'python') {
  const lines = text.split('\n');
  let seen = 0;
  for (let l = 0; l < lines.length; l++) {
    for (let c = lines[l].indexOf(word); c >= 0; c = lines[l].indexOf(word, c + 1)) {
      const before = lines[l][c - 1] ?? ' ';
      const after = lines[l][c + word.length] ?? ' ';
      if (/\w/.test(before) || /\w/.test(after)) continue;
      if (seen++ === occurrence) return hoverInDocument(text, 'file:///t.py', l, c, languageId, options);
    }
  }
  throw new Error(`no ${word} #${occurrence}`);
}

const TRAIN = `import argparse
import torch
from torch import nn, optim

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=3e-4)
args = parser.parse_args()
model = nn.Sequential(nn.Conv2d(3, 64, kernel_size=3, padding=1), nn.BatchNorm2d(64, momentum=0.01), nn.ReLU())
opt = optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-4)
sched = optim.lr_scheduler.StepLR(opt, step_size=30, gamma=0.1)
drop = nn.Dropout(p=0.2)
lr_now = get_lr(opt)
`;

describe('hyperparameter hovers', () => {
  it('lr of torch.optim.Adam: meaning, PyTorch default, and args.lr resolved from argparse with its line', () => {
    const h = hoverOn(TRAIN, 'lr', 1)!;
    assert.equal(h.term, 'arg:lr');
    assert.match(h.markdown, /\*\*`lr`\*\* of `torch\.optim\.Adam` \(PyTorch\)/);
    assert.match(h.markdown, /\*\*PyTorch default:\*\* `0\.001`/);
    assert.match(h.markdown, /`args\.lr` = `0\.0003` — the argparse default of --lr \(line 6\)/);
    assert.match(h.markdown, /lookUpTerm\?%5B%22learning-rate%22%5D/);
    assert.match(h.markdown, /Simulate this optimizer/);
  });

  it('weight_decay of torch Adam is L2 added to the gradient; of AdamW, decoupled; of Keras, decoupled for every optimizer', () => {
    assert.match(hoverOn(TRAIN, 'weight_decay')!.markdown, /added to the gradient/);
    const adamw = hoverOn('import torch\nopt = torch.optim.AdamW(p, lr=1e-3, weight_decay=0.05)\n', 'weight_decay')!;
    assert.match(adamw.markdown, /Decoupled weight decay/);
    assert.match(adamw.markdown, /default:\*\* `0\.01`/);
    const keras = hoverOn('import keras\nopt = keras.optimizers.SGD(learning_rate=0.1, weight_decay=1e-4)\n', 'weight_decay')!;
    assert.match(keras.markdown, /Keras 3 shrinks every variable/);
  });

  it("BatchNorm momentum: PyTorch's update weight (default 0.1) versus Keras' and Flax's decay (default 0.99)", () => {
    const torch = hoverOn(TRAIN, 'momentum')!;
    assert.match(torch.markdown, /`torch\.nn\.BatchNorm2d`/);
    assert.match(torch.markdown, /opposite convention/);
    assert.match(torch.markdown, /default:\*\* `0\.1`/);
    assert.match(torch.markdown, /In this call:\*\* `0\.01`/);
    const keras = hoverOn('from tensorflow import keras\nbn = keras.layers.BatchNormalization(momentum=0.9)\n', 'momentum')!;
    assert.match(keras.markdown, /`keras\.layers\.BatchNormalization` \(Keras\)/);
    assert.match(keras.markdown, /opposite of PyTorch/);
    assert.match(keras.markdown, /default:\*\* `0\.99`/);
    const flax = hoverOn('from flax import linen as nn\nbn = nn.BatchNorm(use_running_average=True, momentum=0.9)\n', 'momentum')!;
    assert.match(flax.markdown, /`flax\.linen\.BatchNorm` \(Flax linen\)/);
    assert.match(flax.markdown, /default:\*\* `0\.99`/);
  });

  it('SGD momentum: PyTorch buffer form, Keras velocity form, optax trace', () => {
    assert.match(hoverOn('import torch\no = torch.optim.SGD(p, lr=0.1, momentum=0.9)\n', 'momentum')!.markdown, /dampening/);
    assert.match(hoverOn('import keras\no = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)\n', 'momentum')!.markdown, /velocity/);
    assert.match(hoverOn('import optax\no = optax.sgd(0.1, momentum=0.9)\n', 'momentum')!.markdown, /None turns it off/);
  });

  it('eps: outside the root in PyTorch RMSprop, inside in Keras RMSprop and optax rmsprop, in the variance of a norm layer', () => {
    assert.match(hoverOn('import torch\no = torch.optim.RMSprop(p, lr=0.01, eps=1e-8)\n', 'eps')!.markdown, /outside the square root/);
    assert.match(hoverOn('import keras\no = keras.optimizers.RMSprop(learning_rate=0.01, epsilon=1e-7)\n', 'epsilon')!.markdown, /inside the square root/);
    assert.match(hoverOn('import optax\no = optax.rmsprop(0.01, eps=1e-8)\n', 'eps')!.markdown, /inside the square root/);
    const norm = hoverOn('import torch.nn as nn\nln = nn.LayerNorm(512, eps=1e-6)\n', 'eps')!;
    assert.match(norm.markdown, /added to the variance/);
    assert.match(norm.markdown, /default:\*\* `0\.00001`|default:\*\* `1e-5`/);
  });

  it("RMSprop's alpha is PyTorch's smoothing constant, not the learning rate", () => {
    assert.match(hoverOn('import torch\no = torch.optim.RMSprop(p, lr=0.01, alpha=0.9)\n', 'alpha')!.markdown, /smoothing constant/);
  });

  it('conv and layer arguments take their defaults from the framework tables', () => {
    const k = hoverOn(TRAIN, 'kernel_size')!;
    assert.match(k.markdown, /none \(required\)/);
    assert.match(k.markdown, /In this call:\*\* `3`/);
    assert.match(hoverOn(TRAIN, 'padding')!.markdown, /default:\*\* `0`/);
    assert.match(
      hoverOn('from flax import linen as nn\nc = nn.Conv(features=32, kernel_size=(3, 3), padding="VALID")\n', 'padding')!.markdown,
      /default:\*\* `'SAME'`/,
    );
    assert.match(hoverOn('import keras\nc = keras.layers.Conv2D(32, 3, strides=2)\n', 'strides')!.markdown, /default:\*\* `\(1, 1\)`/);
    const p = hoverOn(TRAIN, 'p')!;
    assert.equal(p.term, 'arg:p');
    assert.match(p.markdown, /default:\*\* `0\.5`/);
  });

  it('scheduler arguments: StepLR step_size is required, gamma defaults to 0.1', () => {
    assert.match(hoverOn(TRAIN, 'step_size')!.markdown, /none \(required\)/);
    assert.match(hoverOn(TRAIN, 'gamma')!.markdown, /default:\*\* `0\.1`/);
  });

  it('a variable passed positionally under the argument name, a function parameter and a plain assignment', () => {
    const pos = hoverOn('import keras\nfilters = 64\nx = keras.layers.Conv2D(filters, 3)(x)\n', 'filters', 1)!;
    assert.equal(pos.term, 'arg:filters');
    assert.match(pos.markdown, /In this call:\*\* `filters` = `64`/);
    const param = hoverOn('def make(hidden_size=256):\n    pass\n', 'hidden_size')!;
    assert.match(param.markdown, /Default of this parameter:\*\* `256`/);
    const assigned = hoverOn('learning_rate = 3e-4\n', 'learning_rate')!;
    assert.match(assigned.markdown, /Assigned here:\*\* `3e-4` = `0\.0003`/);
  });

  it('a parameter means what the call it is passed to says, in the signature and where the docstring documents it', () => {
    const BLOCK = [
      'import torch.nn as nn',
      '',
      'class Block(nn.Module):',
      '    """Conv, batch norm, ReLU.',
      '',
      '    Args:',
      '        channels (int): output channels.',
      '        momentum (float): batch-norm momentum.',
      '        eps: added to the variance.',
      '    """',
      '',
      '    def __init__(self, channels, momentum=0.1, eps=1e-5):',
      '        super().__init__()',
      '        self.bn = nn.BatchNorm2d(channels, momentum=momentum, eps=eps)',
      '',
      'def head(features, p=0.5):',
      '    """',
      '    Parameters',
      '    ----------',
      '    p : float',
      '        dropout rate.',
      '    """',
      '    return nn.Sequential(nn.Dropout(p=p), nn.Linear(features, 10))',
      '',
    ].join('\n');
    // Google style in the class docstring (documents __init__), the signature, NumPy style.
    for (const [word, occurrence] of [
      ['momentum', 0],
      ['momentum', 1],
      ['eps', 0],
    ] as const) {
      const h = hoverOn(BLOCK, word, occurrence)!;
      assert.equal(h?.term, `arg:${word}`, `${word} #${occurrence}`);
      assert.match(h.markdown, /of `torch\.nn\.BatchNorm2d` \(PyTorch\)/);
      assert.match(h.markdown, new RegExp(`\\*\\*Passed to:\\*\\* \`nn\\.BatchNorm2d\\(${word}=${word}\\)\` \\(line 14\\)`));
    }
    assert.match(hoverOn(BLOCK, 'momentum')!.markdown, /Default of this parameter:\*\* `0\.1`/);
    const p = hoverOn(BLOCK, 'p', 1)!;
    assert.equal(p.term, 'arg:p');
    assert.match(p.markdown, /of `torch\.nn\.Dropout`/);
    // Not a documented argument: the word in prose, the line that only mentions it.
    assert.notEqual(hoverOn(BLOCK, 'channels', 0)?.term, 'arg:channels');
  });

  it('a value that cannot be read statically is shown as written, said to be unresolved', () => {
    const h = hoverOn('import torch\no = torch.optim.SGD(p, lr=schedule(0))\n', 'lr')!;
    assert.match(h.markdown, /`schedule\(0\)` \(not resolved statically\)/);
  });

  it('common names (alpha, p, padding) hover only as keywords of a framework call; specific ones (lr) anywhere in code', () => {
    assert.equal(hoverOn('def f(x, alpha=0.5):\n    return build(alpha=alpha)\n', 'alpha', 1), null);
    assert.equal(hoverOn('p = 3\nq = p + 1\n', 'p'), null);
    assert.equal(hoverOn('box = Box(padding=4)\n', 'padding'), null);
    assert.equal(hoverOn('run(lr=0.1)\n', 'lr')!.term, 'arg:lr');
    assert.equal(hoverOn(TRAIN, 'lr_now'), null);
  });

  it('never in strings or comments', () => {
    assert.notEqual(hoverOn('x = "lr"  # nothing\n', 'lr')?.term, 'arg:lr');
    assert.notEqual(hoverOn('y = 1  # lr schedule\n', 'lr')?.term, 'arg:lr');
  });

  it('reads a Python fence of a Markdown document as Python code', () => {
    const md = 'Use SGD with Nesterov momentum:\n\n```python\nopt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)\n```\n';
    const h = hoverOn(md, 'nesterov', 0, 'markdown')!;
    assert.equal(h.term, 'arg:nesterov');
    assert.match(h.markdown, /default:\*\* `False`/);
    assert.equal(hoverOn('```css\n.a { padding: 4px; }\n```\n', 'padding', 0, 'markdown'), null);
  });

  it('every argument entry links to a catalog entry, keeps its TeX ASCII, and every specific name has a general entry', () => {
    for (const doc of ARGUMENT_DOCS) {
      assert.ok(doc.term && termById(doc.term), `${doc.names.join('/')}: entry ${doc.term}`);
      if (doc.tex) assert.doesNotMatch(doc.tex, /[^\x20-\x7e]/, doc.tex);
    }
    for (const name of SPECIFIC_ARGUMENT_NAMES) assert.ok(argumentDoc(name), `${name} has no general entry`);
  });

  it('every argument formula was rendered at build time', function () {
    if (!existsSync('dist/math.json')) this.skip();
    const rendered = JSON.parse(readFileSync('dist/math.json', 'utf8')) as Record<string, unknown>;
    for (const doc of ARGUMENT_DOCS) if (doc.tex) assert.ok(rendered[doc.tex], `not rendered: ${doc.tex}`);
  });
});
