/**
 * Models a file builds at module level (or under `if __name__ == "__main__":`) are models of the
 * file: `model = ConvNet(in_channels=1, num_classes=10).to(device)`, a notebook-style
 * `classifier = nn.Sequential(...)`, `net = make_mlp(784, args.hidden, 10)`, a model built in a
 * training script's `def main():` from argparse defaults, a class built from a
 * config dict, the blocks the model corpus builds under `__main__`. Their totals in the editor must
 * equal PyTorch's: test/fixtures/module_level.json, written by gen_module_level.py, runs each file as
 * a script and counts the model's parameters and its conv and linear multiply-accumulates on the
 * input the file gives.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { totalsLabel } from '../../compute/editor/shape-text';
import { analyzeFile } from '../../compute/program/file-analysis';
import { analyzeModel } from '../../compute/program/trace';
import { modelSpans } from '../../compute/recognize/model-spans';

interface Case {
  file: string;
  var: string;
  written: string;
  label: string;
  input: number[];
  params: number;
  trainableParams: number;
  outShape: number[];
  macs: number;
}

const root = join(__dirname, '..', '..');
const cases = JSON.parse(readFileSync(join(root, 'test/fixtures/module_level.json'), 'utf8')) as Case[];
const read = (file: string) => readFileSync(join(root, 'test', file), 'utf8');

describe('models built at module level, against PyTorch', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.var} = ${c.label}`, () => {
      const text = read(c.file);
      const a = analyzeFile(text, { path: c.file });
      assert.deepEqual(a.diagnostics, []);
      const m = a.models.find((x) => x.name === c.label);
      assert.ok(m, `a model named ${c.label} among ${JSON.stringify(a.models.map((x) => x.name))}`);
      assert.equal(m.partial, false);
      assert.equal(m.inputAssumed, false, 'the input is the one the file gives');
      assert.equal(m.totals.params, c.params);
      assert.equal(m.totals.trainableParams, c.trainableParams);
      // A symbolic batch (`# x: (N, 3, 32, 32)`) gives MACs per sample; the oracle ran one sample then.
      const batch = typeof m.inputShape[0] === 'number' ? m.inputShape[0] : 1;
      assert.equal(batch, c.input[0]);
      assert.deepEqual(m.inputShape.slice(1), c.input.slice(1));
      assert.equal(m.totals.macs, c.macs);
      // The totals sit on the line of the statement that builds the model.
      const line = text.slice(0, m.at).split('\n').length;
      assert.match(text.split('\n')[line - 1], new RegExp(`^\\s*${c.written} = `));
      // The model's output shape is shown where the file computes it, or at its last layer (when
      // other models of the file run the same lines first, their shapes are the ones shown there).
      const out = c.outShape.slice(1).join('×');
      if (a.models.length === 1)
        assert.ok(
          a.hints.some((h) => h.shape.slice(1).join('×') === out),
          `a hint with the output [${c.outShape.join(', ')}] among ${JSON.stringify(a.hints.map((h) => h.shape))}`,
        );
    });
  }

  it('Keras at module level: a Sequential with keras.Input, and a functional keras.Model', () => {
    const sequential = [
      'import keras',
      'from keras import layers',
      '',
      'model = keras.Sequential([',
      '    keras.Input(shape=(28, 28, 1)),',
      '    layers.Conv2D(8, 3),',
      '    layers.Flatten(),',
      '    layers.Dense(10),',
      '])',
      'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")',
      '',
    ].join('\n');
    const [s] = analyzeFile(sequential, { path: 'keras_seq.py' }).models;
    // Conv2D: 3·3·1·8 + 8 = 80; Dense on 26·26·8 = 5408 features: 5408·10 + 10 = 54,090.
    assert.equal(s.name, 'keras.Sequential(…)');
    assert.equal(s.totals.params, 80 + 54090);
    // MACs per sample: 26·26·8 outputs × 9 taps + 5408 × 10.
    assert.equal(s.totals.macs, 26 * 26 * 8 * 9 + 5408 * 10);
    assert.equal(s.inputAssumed, false);

    const functional = [
      'import keras',
      'from keras import layers',
      '',
      'inputs = keras.Input(shape=(32, 32, 3))',
      'x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)',
      'x = layers.MaxPooling2D()(x)',
      'x = layers.Flatten()(x)',
      'outputs = layers.Dense(10)(x)',
      'model = keras.Model(inputs, outputs)',
      '',
    ].join('\n');
    const [f] = analyzeFile(functional, { path: 'keras_functional.py' }).models;
    // Conv2D: 3·3·3·16 + 16 = 448; Dense on 16·16·16 = 4096 features: 40,970.
    assert.equal(f.name, 'keras.Model(inputs, outputs)');
    assert.equal(f.totals.params, 448 + 40970);
    assert.equal(f.totals.macs, 32 * 32 * 16 * 27 + 4096 * 10);
  });

  it('examples/train_script.py: main() builds SmallCNN from argparse defaults; its lens traces it on the batch main() passes', () => {
    const text = readFileSync(join(root, 'examples/train_script.py'), 'utf8');
    const [m] = analyzeFile(text, { path: 'examples/train_script.py' }).models;
    // Three ConvBlocks (3→32→64→128, no conv bias, BatchNorm) and a 2048→10 head.
    const params = 3 * 32 * 9 + 64 + (32 * 64 * 9 + 128) + (64 * 128 * 9 + 256) + (2048 * 10 + 10);
    assert.equal(m.totals.params, params);
    assert.equal(m.totals.macs, 64 * (32 * 32 * 32 * 27 + 16 * 16 * 64 * 288 + 8 * 8 * 128 * 576 + 2048 * 10));
    // The MACs count the whole batch main() feeds it, and the label says so.
    assert.equal(totalsLabel(m), '114 k params · 662 M MACs (batch of 64)');
    const lens = modelSpans(text).find((s) => s.kind === 'build');
    assert.ok(lens, 'an Analyze model lens above model = SmallCNN(...)');
    const r = analyzeModel(text, { from: lens.at, to: lens.at, path: 'examples/train_script.py' })!;
    assert.equal(r.totals.params, params);
    assert.deepEqual(r.inputShape, [64, 3, 32, 32]);
    // `images, labels = torch.randn(...), torch.randint(...)` then `model(images)`: read pairwise.
    assert.ok(
      r.notes.some((n) => /is the tensor the file passes to the model on line 44/.test(n)),
      JSON.stringify(r.notes),
    );
  });

  it('what a module-level build cannot read is said, with its line, not left out or counted as 0', () => {
    const text = [
      'import yaml',
      'import torch',
      'import torch.nn as nn',
      'import timm',
      '',
      'class Classifier(nn.Module):',
      '    def __init__(self, backbone_name, num_classes):',
      '        super().__init__()',
      '        self.backbone = timm.create_model(backbone_name, num_classes=0)',
      '        self.head = nn.Linear(512, num_classes)',
      '',
      '    def forward(self, x):',
      '        return self.head(self.backbone(x))',
      '',
      'with open("config.yaml") as f:',
      '    cfg = yaml.safe_load(f)',
      '',
      'model = Classifier(cfg["backbone"], num_classes=cfg["num_classes"])',
      'head_only = nn.Sequential(nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, cfg["num_classes"]))',
      'print(model(torch.randn(8, 3, 224, 224)).shape)',
      '',
    ].join('\n');
    const a = analyzeFile(text, { path: 'config_model.py' });
    // The timm backbone is not read: the totals are partial, and no MACs were traced, so none are claimed.
    const [m] = a.models;
    assert.equal(m.partial, true);
    assert.equal(totalsLabel(m), '? params · ? MACs (batch of 8) · partial');
    // The Sequential whose size comes from the YAML file is named, with the line, in the notes.
    assert.ok(
      a.notes.some((n) =>
        /^nn\.Sequential\(…\): line 19: the model built here is not analysed: nn\.Linear's arguments are not known: .*yaml\.safe_load.*\(line 16\)/.test(n),
      ),
      JSON.stringify(a.notes),
    );
  });

  it('a class without required arguments stays one model when the file also builds it', () => {
    const text = [
      'import torch.nn as nn',
      '',
      'class Tiny(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc = nn.Linear(4, 2)',
      '',
      '    def forward(self, x):',
      '        return self.fc(x)',
      '',
      'model = Tiny()',
      '',
    ].join('\n');
    const a = analyzeFile(text, { path: 'tiny.py' });
    assert.deepEqual(
      a.models.map((m) => m.name),
      ['Tiny'],
    );
  });

  it('a module-level call that builds no model is not one (an optimizer, a tensor, a library model ML Lens does not read)', () => {
    const text = [
      'import torch',
      'import torch.nn as nn',
      'import torchvision',
      '',
      'layer = nn.Linear(8, 2)',
      'x = torch.randn(4, 8)',
      'opt = torch.optim.Adam(layer.parameters(), lr=1e-3)',
      'backbone = torchvision.models.resnet18(weights=None)',
      '',
    ].join('\n');
    assert.deepEqual(
      analyzeFile(text, { path: 'none.py' }).models.map((m) => m.name),
      [],
    );
  });
});
