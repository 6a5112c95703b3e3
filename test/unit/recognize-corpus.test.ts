/**
 * The recognizer on realistic code (test/recognize-corpus/): selections and cursors as a user
 * makes them. PyTorch shapes and parameter counts are compared with test/fixtures/recognize.json,
 * recorded by test/fixtures/gen_recognize.py with Debian's python3-torch.
 */
import * as assert from 'node:assert/strict';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recognizeRequest, type AnyRecognition } from '../../compute/recognize';

/** The hyperparameters written in the code (the rest are framework defaults, listed in defaultsUsed). */
function given(all: Record<string, unknown>, written: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(written)) assert.deepEqual(all[k], v, k);
}

const CORPUS = join(__dirname, '..', 'recognize-corpus');
const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'recognize.json'), 'utf8')) as {
  cases: Record<
    string,
    {
      inputShape: number[];
      layers: { type: string; outShape: number[]; params: number }[];
      children?: Record<string, { type: string; inShape: number[]; outShape: number[]; params: number }>;
    }
  >;
};

interface Case {
  name: string;
  file: string;
  /** Select from the start of `from` to the end of `to` (or to the end of `from` when absent). */
  from?: string;
  to?: string;
  /** A cursor just inside this text (no selection). */
  cursor?: string;
  input?: number[];
  /** A key of recognize.json whose layers must match. */
  torch?: string;
  expect?: (r: Record<string, unknown>) => void;
  error?: RegExp;
}

function run(c: Case): AnyRecognition {
  const text = readFileSync(join(CORPUS, c.file), 'utf8');
  let from = 0;
  let to = text.length;
  if (c.cursor !== undefined) {
    const at = text.indexOf(c.cursor);
    assert.ok(at >= 0, `${c.name}: cursor text not found`);
    from = to = at + 1;
  } else if (c.from !== undefined) {
    from = text.indexOf(c.from);
    assert.ok(from >= 0, `${c.name}: selection start not found`);
    const end = c.to ?? c.from;
    const at = text.indexOf(end, from);
    assert.ok(at >= 0, `${c.name}: selection end not found`);
    to = at + end.length;
  }
  return recognizeRequest(text, { from, to, ...(c.input ? { inputShape: c.input } : {}) });
}

const layersOf = (r: Record<string, unknown>) =>
  r.layers as { op: string; inShape: number[]; outShape: number[]; params: number; defaultsUsed?: string[]; padding?: unknown }[];

const CASES: Case[] = [
  {
    name: 'ResNet stem Sequential, input from the shape comment',
    file: 'resnet_stem.py',
    from: 'nn.Sequential(\n            nn.Conv2d(3, 64',
    to: 'padding=1),\n        )',
    torch: 'resnet_stem.py#stem',
    expect: (r) => assert.equal(r.inputShapeSource, 'comment'),
  },
  {
    name: 'ResNet stem, cursor on the word Sequential',
    file: 'resnet_stem.py',
    cursor: 'Sequential(\n            nn.Conv2d(3, 64',
    torch: 'resnet_stem.py#stem',
  },
  // num_classes is a parameter of __init__: its default (1000) is the value used, and reported.
  {
    name: 'ResNet head with an explicit input',
    file: 'resnet_stem.py',
    from: 'nn.Sequential(\n            nn.AdaptiveAvgPool2d',
    to: 'num_classes),\n        )',
    input: [1, 512, 7, 7],
    torch: 'resnet_stem.py#head',
    expect: (r) => assert.deepEqual(r.resolved, { num_classes: 1000 }),
  },
  {
    name: 'BasicBlock self.x = nn.… lines',
    file: 'resnet_stem.py',
    from: 'self.conv1',
    to: 'self.bn2 = nn.BatchNorm2d(64)',
    torch: 'resnet_stem.py#block',
    expect: (r) => assert.equal(r.inputShapeAssumed, true),
  },
  {
    name: 'one layer under the cursor',
    file: 'resnet_stem.py',
    cursor: 'kernel_size=7',
    expect: (r) =>
      assert.deepEqual(
        layersOf(r).map((l) => l.outShape),
        [[1, 64, 112, 112]],
      ),
  },
  {
    name: 'VGG features with C/WIDTH resolved and the torch.randn input',
    file: 'vgg_block.py',
    from: 'features = nn.Sequential(',
    to: 'stride=2),\n)',
    torch: 'vgg_block.py#features',
    expect: (r) => assert.deepEqual(r.resolved, { C: 64, WIDTH: 128 }),
  },
  {
    name: 'VGG classifier with an explicit input',
    file: 'vgg_block.py',
    from: 'classifier = nn.Sequential(',
    to: 'nn.Linear(256, 10),\n)',
    input: [16, 128, 8, 8],
    torch: 'vgg_block.py#classifier',
  },
  { name: '1-D audio encoder from torch.zeros', file: 'small_cnn_1d.py', from: 'encoder', to: '35),\n)', torch: 'small_cnn_1d.py#encoder' },
  {
    name: 'U-Net up block (assumed input from in_channels)',
    file: 'unet_up.py',
    torch: 'unet_up.py#up',
    expect: (r) => assert.equal(r.inputShapeAssumed, true),
  },
  {
    name: 'Keras MNIST CNN: Input(shape=input_shape) resolved, NHWC → NCHW',
    file: 'keras_mnist.py',
    from: 'model = keras.Sequential(',
    to: '    ]\n)',
    expect: (r) => {
      assert.equal(r.framework, 'keras');
      assert.deepEqual(r.inputShape, [1, 1, 28, 28]);
      assert.deepEqual(
        layersOf(r).map((l) => [l.op, l.outShape.join('x'), l.params]),
        [
          ['conv2d', '1x32x26x26', 320],
          ['max_pool2d', '1x32x13x13', 0],
          ['conv2d', '1x64x11x11', 18496],
          ['max_pool2d', '1x64x5x5', 0],
          ['flatten', '1x1600', 0],
          ['dropout', '1x1600', 0],
          ['linear', '1x10', 16010],
        ],
      );
      assert.equal((r.totals as { params: number }).params, 34826); // Keras model.summary(): 34,826
    },
  },
  {
    name: 'Keras optimizer inside model.compile',
    file: 'keras_mnist.py',
    cursor: 'optimizers.Adam',
    expect: (r) => given((r.optimizer as { hyperparameters: Record<string, unknown> }).hyperparameters, { learning_rate: 1e-3 }),
  },
  {
    name: 'Keras strided same padding, dilation warning, transposed same, global pooling',
    file: 'keras_strided.py',
    expect: (r) => {
      assert.deepEqual(
        layersOf(r).map((l) => l.outShape.join('x')),
        ['1x16x16x16', '1x32x8x8', '1x16x16x16', '1x16x1x1', '1x16', '1x10'],
      );
      assert.deepEqual(layersOf(r)[0].padding, [
        [0, 1],
        [0, 1],
      ]);
      assert.match((r.warnings as string[]).join('\n'), /Keras rejects strides > 1 together with dilation_rate > 1/);
    },
  },
  {
    name: 'Flax CNN: default SAME padding, reshape as Flatten, jnp.ones input',
    file: 'flax_cnn.py',
    from: 'x = nn.Conv(features=32',
    to: 'nn.Dense(features=10)(x)',
    expect: (r) => {
      assert.equal(r.framework, 'flax');
      assert.deepEqual(r.inputShape, [1, 1, 28, 28]);
      assert.deepEqual(
        layersOf(r).map((l) => l.outShape.join('x')),
        ['1x32x28x28', '1x32x28x28', '1x32x14x14', '1x64x14x14', '1x64x14x14', '1x64x7x7', '1x3136', '1x256', '1x256', '1x10'],
      );
      assert.ok(layersOf(r)[0].defaultsUsed?.includes('padding'));
      assert.equal((r.totals as { params: number }).params, 320 + 18496 + 3136 * 256 + 256 + 2570);
    },
  },
  {
    name: 'SGD with its StepLR, lr resolved',
    file: 'train_torch.py',
    from: 'optimizer = torch.optim.SGD',
    to: 'gamma=0.1)',
    expect: (r) => {
      const o = r.optimizer as { name: string; hyperparameters: unknown; schedule: unknown };
      assert.equal(o.name, 'sgd');
      given(o.hyperparameters as Record<string, unknown>, { lr: 0.1, momentum: 0.9, weight_decay: 1e-4 });
      assert.deepEqual(o.schedule, { name: 'StepLR', step_size: 30, gamma: 0.1 });
      assert.deepEqual(r.resolved, { lr: 0.1 });
    },
  },
  {
    name: 'CosineAnnealingLR under the cursor finds opt2',
    file: 'train_torch.py',
    cursor: 'CosineAnnealingLR',
    expect: (r) => assert.deepEqual(r.schedule, { name: 'CosineAnnealingLR', T_max: 90 }),
  },
  {
    name: 'Adam with a positional lr',
    file: 'train_torch.py',
    cursor: 'optim.Adam',
    expect: (r) => given((r.optimizer as { hyperparameters: Record<string, unknown> }).hyperparameters, { lr: 3e-4, betas: [0.9, 0.99] }),
  },
  {
    name: 'optax adamw with a schedule bound to a name',
    file: 'train_optax.py',
    cursor: 'optax.adamw',
    expect: (r) => {
      const o = r.optimizer as { hyperparameters: unknown; schedule: unknown };
      given(o.hyperparameters as Record<string, unknown>, { learning_rate: 1e-3, weight_decay: 1e-4 });
      assert.deepEqual(o.schedule, { name: 'StepLR', step_size: 1000, gamma: 0.9 });
    },
  },
  {
    name: 'optax sgd with momentum',
    file: 'train_optax.py',
    cursor: 'optax.sgd',
    expect: (r) => given((r.optimizer as { hyperparameters: Record<string, unknown> }).hyperparameters, { learning_rate: 0.1, momentum: 0.9 }),
  },
  {
    name: 'def rosenbrock under the cursor',
    file: 'objectives.py',
    cursor: 'return (1 - x)',
    expect: (r) => assert.match((r.objective as { expr: string }).expr, /^def rosenbrock/),
  },
  {
    name: 'a lambda objective',
    file: 'objectives.py',
    from: 'lambda x, y',
    to: 'y ** 2',
    expect: (r) => assert.deepEqual(r.objective, { expr: 'lambda x, y: x ** 2 - y ** 2' }),
  },
  {
    name: 'a NumPy/PyTorch expression',
    file: 'objectives.py',
    from: 'np.sin(x)',
    to: 'torch.exp(-y)',
    expect: (r) => assert.deepEqual(r.objective, { expr: 'np.sin(x) * torch.exp(-y)' }),
  },
  {
    name: 'two coupling calls make a stack',
    file: 'flows.py',
    from: 'layer1',
    to: 'sin(x1))',
    expect: (r) =>
      assert.deepEqual(r.layers, [
        { type: 'affine_coupling', mask: [1, 0], s: 'tanh(x0)', t: 'x0**2' },
        { type: 'affine_coupling', mask: [0, 1], s: '0.5 * x1', t: 'sin(x1)' },
      ]),
  },
  {
    name: 'mask/s/t assignments',
    file: 'flows.py',
    from: 'mask = [1, 0]',
    to: 'x0 / 2',
    expect: (r) => assert.deepEqual(r.layers, [{ type: 'affine_coupling', mask: [1, 0], s: 'tanh(0.5 * x0)', t: 'x0 / 2' }]),
  },
  {
    name: 'cursor on one Keras layer inside Sequential: its input is keras.Input(shape) through the layers before it',
    file: 'keras_mnist.py',
    cursor: 'Conv2D(64',
    expect: (r) => {
      assert.deepEqual(r.inputShape, [1, 32, 13, 13]);
      assert.equal(r.inputShapeSource, 'code');
      assert.deepEqual(
        layersOf(r).map((l) => [l.op, l.outShape.join('x'), l.params]),
        [['conv2d', '1x64x11x11', 18496]],
      );
      assert.match(
        (r.notes as string[]).join('\n'),
        /shape flowing into this layer: the Sequential's input \[1, 1, 28, 28\] \(from the code\) through the 2 layers before it \(Conv2D, MaxPooling2D\)/,
      );
    },
  },
  {
    name: 'cursor on the Keras Dense after Flatten and Dropout',
    file: 'keras_mnist.py',
    cursor: 'Dense(num_classes',
    expect: (r) => assert.deepEqual([r.inputShape, layersOf(r)[0].params], [[1, 1600], 16010]),
  },
  {
    name: 'cursor on one PyTorch layer inside nn.Sequential: torch.randn input through the layers before it',
    file: 'vgg_block.py',
    cursor: 'Conv2d(C, WIDTH',
    expect: (r) => {
      assert.deepEqual(r.inputShape, [16, 64, 16, 16]);
      assert.deepEqual(
        layersOf(r).map((l) => l.outShape),
        [[16, 128, 16, 16]],
      );
      assert.match((r.notes as string[]).join('\n'), /through the 5 layers before it \(Conv2d, ReLU, Conv2d, ReLU, MaxPool2d\)/);
    },
  },
  {
    name: 'selecting two layers in the middle of a Sequential',
    file: 'vgg_block.py',
    from: 'nn.Conv2d(WIDTH, WIDTH',
    to: 'nn.ReLU(inplace=True),\n    nn.MaxPool2d(kernel_size=2, stride=2),\n)',
    expect: (r) =>
      assert.deepEqual(
        [r.inputShape, layersOf(r).map((l) => l.outShape.join('x'))],
        [
          [16, 128, 16, 16],
          ['16x128x16x16', '16x128x16x16', '16x128x8x8'],
        ],
      ),
  },
  {
    name: 'Keras decoder: Conv2DTranspose with output_padding (Keras deconv_output_length sizes)',
    file: 'keras_decoder.py',
    from: 'decoder = keras.Sequential(',
    to: '])',
    expect: (r) => {
      // 7 → 'same' (6·2 + 3 − 2·1 + 1) = 14 → 'valid' (13·2 + 4 − 0 + 1) = 31 → conv 5 valid = 27.
      assert.deepEqual(
        layersOf(r).map((l) => l.outShape.join('x')),
        ['1x64x7x7', '1x32x14x14', '1x16x31x31', '1x1x27x27'],
      );
      assert.deepEqual(
        [layersOf(r)[1].padding, (layersOf(r)[1] as unknown as { output_padding: number[] }).output_padding],
        [
          [
            [0, 1],
            [0, 1],
          ],
          [0, 0],
        ],
      );
    },
  },
  {
    name: 'cursor on the second Keras Conv2DTranspose: the input runs through the first',
    file: 'keras_decoder.py',
    cursor: 'Conv2DTranspose(16',
    expect: (r) =>
      assert.deepEqual(
        [r.inputShape, layersOf(r)[0].outShape],
        [
          [1, 32, 14, 14],
          [1, 16, 31, 31],
        ],
      ),
  },
  {
    name: 'Flax decoder: nn.ConvTranspose SAME doubles, VALID adds max(k − s, 0)',
    file: 'flax_decoder.py',
    from: 'x = nn.ConvTranspose(features=32',
    to: 'padding="VALID")(x)',
    expect: (r) => {
      assert.equal(r.framework, 'flax');
      assert.deepEqual(r.inputShape, [1, 32, 7, 7]);
      assert.deepEqual(
        layersOf(r).map((l) => [l.op, l.outShape.join('x')]),
        [
          ['conv_transpose2d', '1x32x14x14'],
          ['relu', '1x32x14x14'],
          ['conv_transpose2d', '1x1x29x29'],
        ],
      );
    },
  },
  {
    name: 'a name bound to a call is reported',
    file: 'broken.py',
    cursor: 'Conv2d(3, channels',
    error: /`channels` \(line 3\) is `get_channels\(\)`, not a literal/,
  },
  {
    name: 'a name assigned twice is reported',
    file: 'broken.py',
    cursor: 'Conv2d(3, 8, k)',
    error: /`k` is assigned different values \(line 4: 3, line 5: 5\)/,
  },
  { name: 'channels not divisible by groups', file: 'broken.py', cursor: 'Conv2d(6, 8', error: /in_channels \(6\) must be divisible by groups \(4\)/ },
  { name: "padding='same' with stride 2", file: 'broken.py', cursor: "Conv2d(3, 8, 3, stride=2, padding='same')", error: /padding='same' needs stride 1/ },
  {
    name: 'spatial size ≤ 0 names the layer',
    file: 'broken.py',
    from: 'nn.Sequential(nn.Conv2d(3, 8, 7)',
    to: 'nn.Conv2d(8, 8, 7))',
    input: [1, 3, 32, 32],
    error: /Layer 3 \(conv2d\).*kernel spans 7 samples but the padded input has only 6/,
  },
  {
    name: 'unfinished code: the complete layers before the cursor',
    file: 'broken.py',
    cursor: 'Conv2d(3, 16, 3)',
    expect: (r) =>
      assert.deepEqual(
        layersOf(r).map((l) => l.op),
        ['conv2d'],
      ),
  },
  { name: 'nothing recognizable', file: 'broken.py', cursor: 'import torch', error: /No layer found here, nor an optimizer/ },
];

describe('recognize corpus', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = run(c) as Record<string, unknown>;
      if (c.error) {
        assert.ok('error' in r, `expected an error, got ${JSON.stringify(r).slice(0, 300)}`);
        assert.match(String(r.error), c.error);
        return;
      }
      if ('error' in r) assert.fail(String(r.error));
      if (c.torch) {
        const ref = reference.cases[c.torch];
        assert.ok(ref, `no reference for ${c.torch}`);
        assert.deepEqual(r.inputShape, ref.inputShape);
        assert.deepEqual(
          layersOf(r).map((l) => ({ outShape: l.outShape, params: l.params })),
          ref.layers.map((l) => ({ outShape: l.outShape, params: l.params })),
        );
      }
      c.expect?.(r);
    });
  }
});

describe('recognize corpus: a layer of an nn.Module gets its input through the layers forward applies before it', () => {
  const text = readFileSync(join(CORPUS, 'module_forward.py'), 'utf8');
  for (const module of ['Stem', 'Block', 'BasicBlock']) {
    const ref = reference.cases[`module_forward.py#${module}`];
    for (const [child, torch] of Object.entries(ref.children ?? {})) {
      // Block.pool takes h + self.skip(x): a branch, which is not followed (its input is not computed).
      const chained = !(module === 'Block' && child === 'pool');
      it(`${module}.${child}: ${chained ? `in ${torch.inShape.join('×')}, out ${torch.outShape.join('×')}, ${torch.params} parameters as torch runs it` : 'a branch: no chain'}`, () => {
        const at = text.indexOf(`self.${child} = `, text.indexOf(`class ${module}(`)) + 6;
        const r = recognizeRequest(text, { from: at, to: at }) as Record<string, unknown>;
        if ('error' in r) assert.fail(String(r.error));
        const [layer] = layersOf(r);
        if (!chained) {
          assert.ok(!(r.notes as string[]).some((n) => n.includes('flowing into this layer')), JSON.stringify(r.notes));
          assert.ok(
            (r.warnings as string[]).some((w) => /Block\.forward applies this layer to a combination of branches/.test(w)),
            JSON.stringify(r.warnings),
          );
          return;
        }
        assert.deepEqual(
          { inShape: layer.inShape, outShape: layer.outShape, params: layer.params },
          { inShape: torch.inShape, outShape: torch.outShape, params: torch.params },
        );
      });
    }
  }
});
