import * as assert from 'node:assert/strict';
import { analyzeConvRequest, normalizeLayer, recognizeRequest, type ConvLayerJson, type ConvRecognition } from '../../compute';
import { isShapeOp } from '../../compute/conv/layer';
import { convEdit } from '../../compute/recognize/apply-conv';
import type { TextEdit } from '../../compute/recognize/apply';

const apply = (text: string, edits: TextEdit[]) =>
  [...edits].sort((a, b) => b.from - a.from).reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);

function recognized(text: string, inputShape?: number[]): ConvRecognition {
  const r = recognizeRequest(text, inputShape ? { inputShape } : {});
  if ('error' in r) assert.fail(`${r.error}\n${text}`);
  assert.equal(r.kind, 'conv');
  return r as ConvRecognition;
}

/** What a layer computes (shapes, parameters, normalized arguments), to compare a round trip. */
function summary(r: ConvRecognition) {
  return r.layers.map((l) => {
    const base = { op: l.op, outShape: l.outShape, params: l.params };
    if (isShapeOp(l.op)) return base;
    const n = normalizeLayer(l);
    const crop = n.family === 'conv_transpose' ? n.padding.map(([a, b], k) => [a, b - n.output_padding[k]]) : n.padding;
    return {
      ...base,
      kernel: n.kernel_size,
      stride: n.stride,
      dilation: n.dilation,
      crop,
      groups: n.groups,
      bias: n.bias,
      mode: n.padding_mode,
      ceil: n.ceil_mode,
    };
  });
}

/** Edit the recognized layers with `change`, apply to the code, recognize again: the lab's layers come back. */
function roundTrip(text: string, change: (layers: ConvLayerJson[]) => void, inputShape?: number[]) {
  const before = recognized(text, inputShape);
  const lab = structuredClone(before.layers) as ConvLayerJson[];
  change(lab);
  // What the lab shows for the edited layers: analyze them as the lab would.
  const labView = { ...before, layers: recognizeRequestLayers(lab, before.inputShape) };
  const edits = convEdit(text, lab, before.framework, { original: before.layers, inputShape: before.inputShape });
  const after = apply(text, edits);
  const back = recognized(after, inputShape);
  assert.deepEqual(summary(back), summary(labView as ConvRecognition), after);
  return { after, edits };
}

const recognizeRequestLayers = (layers: ConvLayerJson[], inputShape: number[]) => analyzeConvRequest({ kind: 'conv', layers, inputShape }).layers;

describe('Apply to code (conv lab)', () => {
  it('PyTorch: rewrites one call, keeping the callee as written and leaving defaults out', () => {
    const text = 'stem = torch.nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)  # the stem\n';
    const { after, edits } = roundTrip(text, ([l]) => Object.assign(l, { stride: 1, padding: 'same', out_channels: 32, dilation: 2 }));
    assert.equal(after, "stem = torch.nn.Conv2d(3, 32, 7, padding='same', dilation=2, bias=False)  # the stem\n");
    assert.equal(edits.length, 1);
    // Nothing changed: no edits.
    const r = recognized(text);
    assert.deepEqual(convEdit(text, r.layers, 'pytorch', { original: r.layers }), []);
    assert.deepEqual(convEdit(text, r.layers, 'pytorch'), []);
  });

  it('PyTorch: keeps arguments the lab does not model, changes the class with the op family', () => {
    const text = "conv = nn.Conv2d(in_channels=8, out_channels=8, kernel_size=3, padding=1, device='cpu')";
    const { after } = roundTrip(text, ([l]) => Object.assign(l, { groups: 8, padding_mode: 'reflect' }));
    assert.equal(after, "conv = nn.Conv2d(8, 8, kernel_size=3, padding=1, groups=8, padding_mode='reflect', device='cpu')");
    const pool = 'p = nn.MaxPool2d(2)';
    assert.equal(
      roundTrip(pool, ([l]) => Object.assign(l, { op: 'avg_pool2d', kernel_size: 3, stride: 2, padding: 1, count_include_pad: false })).after,
      'p = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)',
    );
    assert.equal(
      roundTrip('m = nn.ConvTranspose2d(16, 8, 4, 2, 1)', ([l]) => Object.assign(l, { kernel_size: [3, 3], output_padding: [1, 1] })).after,
      'm = nn.ConvTranspose2d(16, 8, 3, 2, 1, output_padding=1)',
    );
    assert.throws(
      () => convEdit("nn.Conv2d(3, 8, 3, device='cpu')", [{ op: 'max_pool2d', kernel_size: 2 }], 'pytorch'),
      /device is not an argument of MaxPool2d/,
    );
  });

  it('PyTorch: edits each changed layer of a Sequential in order, leaving the rest (and the formatting) untouched', () => {
    const text = [
      'model = nn.Sequential(',
      '    nn.Conv2d(3, 16, kernel_size=3, padding=1),   # block 1',
      '    nn.BatchNorm2d(16),',
      '    nn.ReLU(inplace=True),',
      '    nn.MaxPool2d(2),',
      '    nn.Conv2d(16, 32, 3,',
      '              padding=1),',
      '    nn.Flatten(),',
      '    nn.Linear(32 * 16 * 16, 10),',
      ')',
      '',
    ].join('\n');
    const { after, edits } = roundTrip(
      text,
      (ls) => {
        Object.assign(ls[3], { kernel_size: [3, 3], stride: [2, 2], padding: [1, 1] });
        Object.assign(ls[4], { stride: [2, 2] });
        Object.assign(ls[6], { in_features: 32 * 8 * 8 });
      },
      [1, 3, 32, 32],
    );
    assert.equal(edits.length, 3);
    assert.equal(
      after,
      text
        .replace('nn.MaxPool2d(2)', 'nn.MaxPool2d(3, stride=2, padding=1)')
        .replace('nn.Conv2d(16, 32, 3,\n              padding=1)', 'nn.Conv2d(16, 32, 3, stride=2, padding=1)')
        .replace('nn.Linear(32 * 16 * 16, 10)', 'nn.Linear(2048, 10)'),
    );
  });

  it('Keras: keeps activation=, input_shape= and name=; writes filters/kernel_size as the code did', () => {
    const text = [
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'model = keras.Sequential([',
      "    layers.Conv2D(32, 3, activation='relu', input_shape=(28, 28, 1)),",
      '    layers.MaxPooling2D(),',
      "    layers.Conv2D(64, (3, 3), padding='same', name='conv2'),",
      '    layers.Flatten(),',
      '    layers.Dense(10),',
      '])',
    ].join('\n');
    const { after } = roundTrip(text, (ls) => {
      Object.assign(ls[0], {
        stride: [2, 2],
        padding: [
          [0, 1],
          [0, 1],
        ],
      }); // TF 'same' on 28 with stride 2
      Object.assign(ls[2], { out_channels: 48, dilation: [2, 2], padding: [2, 2], bias: false });
      Object.assign(ls[4], { in_features: 48 * 7 * 7 });
    });
    assert.match(after, /layers\.Conv2D\(32, 3, strides=2, padding='same', activation='relu', input_shape=\(28, 28, 1\)\),/);
    assert.match(after, /layers\.Conv2D\(48, 3, padding='same', dilation_rate=2, use_bias=False, name='conv2'\),/);
    assert.match(after, /layers\.MaxPooling2D\(\),\n/);
    // Dense has no in_features to write: its call is unchanged.
    assert.match(after, /layers\.Dense\(10\),\n\]\)$/);
  });

  it('Keras: a pooling layer becomes another, a transposed conv takes output_padding; refuses what needs another layer', () => {
    const text =
      'import keras\nm = keras.Sequential([keras.Input(shape=(16, 16, 4)), keras.layers.MaxPool2D(2), keras.layers.Conv2DTranspose(8, 3, strides=2)])';
    const { after } = roundTrip(text, (ls) => {
      Object.assign(ls[0], { op: 'avg_pool2d', count_include_pad: false });
      // 'valid' with output_padding 1 on k = 3, s = 2: the full output and one more sample.
      Object.assign(ls[1], { padding: [0, 0], output_padding: [1, 1] });
    });
    assert.equal(
      after,
      'import keras\nm = keras.Sequential([keras.Input(shape=(16, 16, 4)), keras.layers.AveragePooling2D(), keras.layers.Conv2DTranspose(8, 3, strides=2, output_padding=1)])',
    );
    const r = recognized(text);
    const bad = structuredClone(r.layers) as ConvLayerJson[];
    Object.assign(bad[1], {
      op: 'conv_transpose2d',
      padding: [
        [2, 0],
        [2, 0],
      ],
    });
    assert.throws(
      () => convEdit(text, bad, 'keras', { original: r.layers }),
      /needs another layer \(layers\.Conv2DTranspose and layers\.Cropping2D\).*Copy as code/,
    );
    const reflect = structuredClone(r.layers) as ConvLayerJson[];
    Object.assign(reflect[0], { op: 'conv2d', in_channels: 4, out_channels: 4, kernel_size: 3, stride: 1, padding: 1, padding_mode: 'reflect' });
    assert.throws(() => convEdit(text, reflect, 'keras', { original: r.layers }), /padding_mode='reflect' cannot be expressed in Keras/);
  });

  it('Flax: rewrites nn.Conv modules and pooling functions in an x = ...(x) chain', () => {
    const text = [
      'import flax.linen as nn',
      'class CNN(nn.Module):',
      '    @nn.compact',
      '    def __call__(self, x):',
      '        x = nn.Conv(features=32, kernel_size=(3, 3), name="c1")(x)',
      '        x = nn.relu(x)',
      '        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))',
      '        x = nn.Conv(64, (3, 3), padding="VALID")(x)',
      '        return x',
    ].join('\n');
    const { after } = roundTrip(
      text,
      (ls) => {
        Object.assign(ls[0], {
          stride: [2, 2],
          padding: [
            [0, 1],
            [0, 1],
          ],
          groups: 1,
          bias: false,
        }); // 'SAME' at stride 2 on 32
        Object.assign(ls[2], { op: 'max_pool2d', kernel_size: [3, 3] });
        Object.assign(ls[3], { in_channels: 32, out_channels: 16, kernel_size: [5, 5], groups: 2 });
      },
      [1, 3, 32, 32],
    );
    assert.match(after, /x = nn\.Conv\(features=32, kernel_size=\(3, 3\), strides=2, use_bias=False, name="c1"\)\(x\)\n/);
    assert.match(after, /x = nn\.max_pool\(x, \(3, 3\), strides=\(2, 2\)\)\n/);
    // Values the code already wrote keep their spelling ("VALID").
    assert.match(after, /x = nn\.Conv\(16, \(5, 5\), padding="VALID", feature_group_count=2\)\(x\)\n/);
    assert.match(after, /^import flax\.linen as nn\nclass CNN\(nn\.Module\):\n {4}@nn\.compact\n {4}def __call__\(self, x\):\n/);
    const r = recognized(text, [1, 3, 32, 32]);
    const bad = structuredClone(r.layers) as ConvLayerJson[];
    Object.assign(bad[0], { op: 'max_pool2d', kernel_size: 2, padding: 0 });
    assert.throws(() => convEdit(text, bad, 'flax', { original: r.layers }), /Flax module cannot become nn\.max_pool in place/);
  });

  it('refuses when the code no longer matches the lab', () => {
    const text = 'nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())';
    const r = recognized(text);
    assert.throws(() => convEdit(text, r.layers.slice(0, 1), 'pytorch'), /The code has 2 layers but the lab has 1/);
    assert.throws(() => convEdit('x = 1', r.layers, 'pytorch'), /No layer call is there any more/);
    const fn = 'conv = nn.Conv2d(3, 8, 3)\ny = F.max_pool2d(x, 2)';
    const fr = recognized(fn, [1, 3, 16, 16]);
    assert.equal(fr.layers.length, 2);
    const changed = structuredClone(fr.layers) as ConvLayerJson[];
    Object.assign(changed[1], { kernel_size: [3, 3] });
    assert.throws(() => convEdit(fn, changed, 'pytorch', { original: fr.layers }), /function call with its input; change it in the code by hand/);
  });
});
