import * as assert from 'node:assert/strict';
import { recognize, simulateConv, type ConvRecognition } from '../../compute';

function ok(text: string, options = {}): ConvRecognition {
  const result = recognize(text, options);
  if ('error' in result) assert.fail(result.error);
  return result;
}
const err = (text: string, options = {}): string => {
  const r = recognize(text, options);
  assert.ok('error' in r, `expected an error for ${text}`);
  return r.error;
};
const ops = (r: ConvRecognition) => r.layers.map((l) => `${l.op}:${l.outShape.join('x')}:${l.params}`);

describe('recognize: names, stacks and frameworks', () => {
  it('resolves names bound to one literal and reports them; refuses ambiguous or unbound names', () => {
    const r = ok('C = 64\nk, s = 3, 2\nnn.Conv2d(3, C * 2, k, stride=s)');
    assert.deepEqual(r.resolved, { C: 64, k: 3, s: 2 });
    assert.deepEqual(r.layers[0].outShape, [1, 128, 111, 111]);
    assert.match(err('k = 3\nk = 5\nnn.Conv2d(3, 8, k)'), /`k` is assigned different values \(line 1: 3, line 2: 5\)/);
    assert.match(err('k = get_k()\nnn.Conv2d(3, 8, k)'), /`k` \(line 1\) is `get_k\(\)`, not a literal/);
    assert.match(err('nn.Conv2d(3, 8, kk)'), /`kk` is not assigned a literal value/);
  });

  it('reads a whole nn.Sequential with pass-through layers and an input from torch.randn', () => {
    const text =
      'C = 64\nx = torch.randn(8, 3, 32, 32)\nm = nn.Sequential(nn.Conv2d(3, C, 3, padding=1), nn.BatchNorm2d(C), nn.ReLU(inplace=True), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(C*16*16, 10))';
    const r = ok(text, { from: text.indexOf('nn.Sequential'), to: text.length });
    assert.equal(r.inputShapeSource, 'code');
    assert.deepEqual(ops(r), [
      'conv2d:8x64x32x32:1792',
      'batch_norm2d:8x64x32x32:128',
      'relu:8x64x32x32:0',
      'max_pool2d:8x64x16x16:0',
      'flatten:8x16384:0',
      'linear:8x10:163850',
    ]);
    // Some of its layers selected: those layers only.
    const some = ok(text, { from: text.indexOf('nn.BatchNorm2d'), to: text.indexOf('nn.MaxPool2d') + 14 });
    assert.deepEqual(
      some.layers.map((l) => l.op),
      ['batch_norm2d', 'relu', 'max_pool2d'],
    );
    // The cursor on the word Sequential takes the whole block too.
    assert.equal(ok(text, { from: text.indexOf('Sequential') + 2, to: text.indexOf('Sequential') + 2 }).layers.length, 6);
    assert.match(
      err('nn.Sequential(nn.Conv2d(3, 8, 3), nn.Flatten(), nn.Linear(100, 10))', { inputShape: [1, 3, 12, 12] }),
      /Layer 3 \(linear\).*in_features=100/,
    );
  });

  it('computes values through ReLU, Flatten and Linear, and refuses the shape-only layers clearly', () => {
    const r = ok('nn.Sequential(nn.Conv2d(1, 1, 2, bias=False), nn.ReLU(), nn.Flatten(), nn.Linear(4, 2))', { inputShape: [1, 1, 3, 3] });
    const layers = r.layers.map((l) => ({ ...l }));
    layers[0] = { ...layers[0], weight: { shape: [1, 1, 2, 2], data: [1, 0, 0, -1] } };
    layers[3] = { ...layers[3], weight: { shape: [2, 4], data: [1, 1, 1, 1, 1, 0, 0, 0] }, bias: { shape: [2], data: [0.5, 0] } };
    const input = { shape: [1, 1, 3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 10] };
    const out = simulateConv({ kind: 'conv', layers, input });
    // conv: x[i][j] − x[i+1][j+1] = [1−5, 2−6, 4−8, 5−10] = −4, −4, −4, −5; ReLU zeroes them.
    assert.deepEqual(out.outputs![1].data, [0, 0, 0, 0]);
    assert.deepEqual(out.output, { shape: [1, 2], data: [0.5, 0] });
    const bn = ok('nn.Sequential(nn.Conv2d(1, 1, 3), nn.BatchNorm2d(1))', { inputShape: [1, 1, 4, 4] });
    assert.throws(
      () => simulateConv({ kind: 'conv', layers: bn.layers, input: { shape: [1, 1, 4, 4], data: new Array(16).fill(1) } }),
      /Values for batch_norm2d are not supported/,
    );
  });

  it('reads a Keras Sequential with input_shape (NHWC → NCHW) and TF same padding', () => {
    const r = ok(
      'model = keras.Sequential([layers.Conv2D(32, (3,3), activation="relu", input_shape=(28,28,1)), layers.MaxPooling2D((2,2)), layers.Conv2D(64, 3, strides=2, padding="same"), layers.Flatten(), layers.Dense(10)])',
    );
    assert.equal(r.framework, 'keras');
    assert.deepEqual(r.inputShape, [1, 1, 28, 28]);
    assert.deepEqual(ops(r), ['conv2d:1x32x26x26:320', 'max_pool2d:1x32x13x13:0', 'conv2d:1x64x7x7:18496', 'flatten:1x3136:0', 'linear:1x10:31370']);
    assert.deepEqual(r.layers[2].padding, [1, 1]);
    assert.deepEqual(ok('layers.Conv2D(8, 3, strides=2, padding="same", input_shape=(28, 28, 3))').layers[0].padding, [
      [0, 1],
      [0, 1],
    ]);
    assert.ok(r.notes?.some((n) => /NHWC/.test(n)));
  });

  it('reads Flax nn.Conv (default SAME) chains with a jnp.ones input', () => {
    const text =
      'from flax import linen as nn\nx = nn.Conv(features=32, kernel_size=(3, 3))(x)\nx = nn.relu(x)\nx = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))\nx = x.reshape((x.shape[0], -1))\nx = nn.Dense(features=10)(x)\ny = m.init(rng, jnp.ones((1, 28, 28, 1)))';
    const r = ok(text, { from: text.indexOf('x = nn.Conv'), to: text.indexOf('y =') });
    assert.deepEqual(ops(r), ['conv2d:1x32x28x28:320', 'relu:1x32x28x28:0', 'avg_pool2d:1x32x14x14:0', 'flatten:1x6272:0', 'linear:1x10:62730']);
    assert.ok(r.layers[0].defaultsUsed?.includes('padding'));
  });

  it('reads F.conv2d with the weight shape from a torch.randn binding, and says what is missing otherwise', () => {
    const text = 'import torch\nx = torch.randn(1, 3, 32, 32)\nw = torch.randn(8, 3, 5, 5)\ny = F.conv2d(x, w, stride=2, padding=2)\nz = F.max_pool2d(y, 2)';
    const r = ok(text, { from: text.indexOf('y ='), to: text.length });
    assert.deepEqual(ops(r), ['conv2d:1x8x16x16:600', 'max_pool2d:1x8x8x8:0']);
    assert.match(err('y = F.conv2d(x, weight, padding=1)'), /weight's shape is unknown/);
  });

  it('takes the input shape from a shape comment, else assumes one and says so', () => {
    const r = ok('# x: (N, 3, 64, 64)\nself.conv1 = nn.Conv2d(3, 16, 3)\nself.conv2 = nn.Conv2d(16, 32, 3, stride=2)');
    assert.equal(r.inputShapeSource, 'comment');
    assert.deepEqual(r.layers[1].outShape, [1, 32, 30, 30]);
    assert.equal(ok('nn.Linear(784, 10)').inputShapeAssumed, true);
    assert.deepEqual(ok('nn.Linear(784, 10)').layers[0].outShape, [1, 10]);
  });

  it('maps Keras Activation layers and refuses channels_first rather than misreading it', () => {
    const r = ok('keras.Sequential([layers.Conv2D(8, 3, input_shape=(8, 8, 3)), layers.Activation("tanh"), layers.BatchNormalization()])');
    assert.deepEqual(
      r.layers.map((l) => `${l.op}:${l.params}`),
      ['conv2d:224', 'tanh:0', 'batch_norm2d:16'],
    );
    assert.match(err('layers.Conv2D(8, 3, data_format="channels_first", input_shape=(3, 8, 8))'), /channels_first' is not supported/);
  });

  it('warns about Keras strides with dilation and fails clearly on rejected PyTorch configurations', () => {
    const r = ok('layers.Conv2D(8, 3, strides=2, dilation_rate=2, input_shape=(32, 32, 3))');
    assert.match(r.warnings![0], /Keras rejects strides > 1 together with dilation_rate > 1/);
    assert.match(err('nn.Conv2d(3, 8, 3, stride=2, padding="same")'), /padding='same' needs stride 1/);
    assert.match(err('nn.Conv2d(6, 8, 3, groups=4)'), /divisible by groups/);
    assert.match(err('nn.Sequential(nn.Conv2d(3, 8, 7), nn.Conv2d(8, 8, 7))', { inputShape: [1, 3, 10, 10] }), /Layer 2 \(conv2d\).*kernel spans 7/);
  });
});
