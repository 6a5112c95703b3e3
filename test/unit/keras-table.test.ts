/**
 * The Keras layer table against Keras's documented rules. There is no TensorFlow or Keras on
 * this machine, so every expectation is worked out from the rule written next to it (Keras 3
 * source: BaseConv.build, compute_conv_output_shape, compute_pooling_output_shape,
 * compute_conv_transpose_output_length, the RNN cells' build) or is a published model.summary()
 * figure from a keras.io example, named where used.
 */
import { strict as assert } from 'node:assert';
import { ComputeError } from '../../compute/errors';
import { bindKerasArgs, kerasAutoName, kerasInput, kerasLayerRule, KERAS_LAYERS } from '../../compute/program/keras-table';
import type { ForwardOut, RfRule } from '../../compute/program/table-types';
import { NeedsUnknown, NotUnderstood, TensorV, UnknownV, type Arg, type Dim } from '../../compute/program/values';

interface Called {
  shape: Dim[] | Dim[][];
  params: number;
  nonTrainable: number;
  macs: number | null;
  rf: RfRule;
  out: ForwardOut;
}

/** Build `name(*positional, **keywords)` and call it on tensors of the given shapes. */
function call(name: string, positional: Arg[], keywords: Record<string, Arg>, ...inputs: Dim[][]): Called {
  const rule = kerasLayerRule(name);
  assert.ok(rule, `${name} is in the table`);
  const { args } = bindKerasArgs(rule, name, positional, keywords);
  const xs = inputs.map((s) => new TensorV(s));
  const r = rule.forward(args, xs, {});
  const params = rule.paramCountFor ? rule.paramCountFor(args, xs) : rule.paramCount(args);
  const shapeOf = (o: ForwardOut): Dim[] => (o instanceof TensorV ? o.shape : []);
  const shape = r.out instanceof TensorV ? r.out.shape : r.out.map(shapeOf);
  return { shape, params, nonTrainable: rule.nonTrainableFor?.(args, xs) ?? 0, macs: r.macs, rf: r.rf, out: r.out };
}

const throwsMessage = (f: () => unknown, message: string | RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof ComputeError && (typeof message === 'string' ? e.message === message : message.test(e.message)));

describe('Keras table: convolutions', () => {
  it('reproduces the keras.io MNIST convnet summary (34,826 parameters)', () => {
    // Conv2D(32, 3) on 28×28×1, valid: 28 − 3 + 1 = 26; params 3·3·1·32 + 32 = 320.
    const c1 = call('Conv2D', [32], { kernel_size: [3, 3], activation: 'relu' }, ['N', 28, 28, 1]);
    assert.deepEqual([c1.shape, c1.params], [['N', 26, 26, 32], 320]);
    // MaxPooling2D(pool_size=(2, 2)), strides None = pool size: ⌊(26 − 2)/2⌋ + 1 = 13.
    const p1 = call('MaxPooling2D', [], { pool_size: [2, 2] }, ['N', 26, 26, 32]);
    assert.deepEqual([p1.shape, p1.params], [['N', 13, 13, 32], 0]);
    // Conv2D(64, 3): 13 − 2 = 11; params 3·3·32·64 + 64 = 18,496.
    const c2 = call('Conv2D', [64], { kernel_size: [3, 3], activation: 'relu' }, ['N', 13, 13, 32]);
    assert.deepEqual([c2.shape, c2.params], [['N', 11, 11, 64], 18496]);
    // ⌊(11 − 2)/2⌋ + 1 = 5; Flatten 5·5·64 = 1600; Dense(10): 1600·10 + 10 = 16,010.
    assert.deepEqual(call('MaxPooling2D', [], { pool_size: [2, 2] }, ['N', 11, 11, 64]).shape, ['N', 5, 5, 64]);
    assert.deepEqual(call('Flatten', [], {}, ['N', 5, 5, 64]).shape, ['N', 1600]);
    assert.deepEqual(call('Dropout', [0.5], {}, ['N', 1600]).shape, ['N', 1600]);
    const d = call('Dense', [10], { activation: 'softmax' }, ['N', 1600]);
    assert.deepEqual([d.shape, d.params], [['N', 10], 16010]);
    assert.equal(c1.params + c2.params + d.params, 34826);
    // MACs: 26·26 positions · 32 filters · 1 channel · 9 taps; Dense 1600·10.
    assert.equal(c1.macs, 26 * 26 * 32 * 9);
    assert.equal(d.macs, 16000);
  });

  it("reads padding='same' as TensorFlow does: ⌈n/s⌉, odd padding after", () => {
    // ⌈28/2⌉ = 14; params 3·3·3·16 + 16 = 448.
    const a = call('Conv2D', [16, 3], { strides: 2, padding: 'same' }, ['N', 28, 28, 3]);
    assert.deepEqual([a.shape, a.params], [['N', 14, 14, 16], 448]);
    // total padding max((14 − 1)·2 + 3 − 28, 0) = 1: 0 before, 1 after.
    assert.deepEqual(a.rf, { kind: 'window', kernel: [3, 3], stride: [2, 2], padding: [0, 0], dilation: [1, 1], axes: [1, 2] });
    // On 7: ⌈7/2⌉ = 4, total (4 − 1)·2 + 3 − 7 = 2: 1 before.
    const b = call('Conv2D', [16, 3], { strides: 2, padding: 'SAME' }, ['N', 7, 7, 3]);
    assert.deepEqual(b.shape, ['N', 4, 4, 16]);
    assert.deepEqual((b.rf as { padding: number[] }).padding, [1, 1]);
  });

  it('reads dilation, groups, Conv1D causal padding and Conv3D', () => {
    // Dilated kernel 2·(3 − 1) + 1 = 5: 28 − 5 + 1 = 24.
    assert.deepEqual(call('Conv2D', [8, 3], { dilation_rate: 2 }, ['N', 28, 28, 1]).shape, ['N', 24, 24, 8]);
    // groups=2: kernel 3·3·(8/2)·16 + 16 = 592.
    assert.equal(call('Conv2D', [16, 3], { groups: 2 }, ['N', 10, 10, 8]).params, 592);
    // causal: k_d − 1 = 4 zeros before, none after: length kept; params 3·8·16 + 16 = 400.
    const c = call('Conv1D', [16, 3], { padding: 'causal', dilation_rate: 2 }, ['N', 100, 8]);
    assert.deepEqual([c.shape, c.params], [['N', 100, 16], 400]);
    assert.deepEqual((c.rf as { padding: number[] }).padding, [4]);
    // Conv3D(8, 3): 16 − 2 = 14 on each axis; params 27·1·8 + 8 = 224.
    const v = call('Conv3D', [8, 3], {}, ['N', 16, 16, 16, 1]);
    assert.deepEqual([v.shape, v.params], [['N', 14, 14, 14, 8], 224]);
  });

  it('reproduces the keras.io VAE decoder transposed convolutions', () => {
    // Conv2DTranspose(64, 3, strides=2, padding='same') on 7×7×64: 7·2 = 14; params 3·3·64·64 + 64 = 36,928.
    const a = call('Conv2DTranspose', [64, 3], { activation: 'relu', strides: 2, padding: 'same' }, ['N', 7, 7, 64]);
    assert.deepEqual([a.shape, a.params], [['N', 14, 14, 64], 36928]);
    // Conv2DTranspose(32, 3, strides=2, 'same') on 14×14×64: 28; 3·3·32·64 + 32 = 18,464.
    assert.equal(call('Conv2DTranspose', [32, 3], { strides: 2, padding: 'same' }, ['N', 14, 14, 64]).params, 18464);
    // Conv2DTranspose(1, 3, padding='same') on 28×28×32: 28; 9·1·32 + 1 = 289.
    const c = call('Conv2DTranspose', [1, 3], { padding: 'same' }, ['N', 28, 28, 32]);
    assert.deepEqual([c.shape, c.params], [['N', 28, 28, 1], 289]);
    // The full output (7 − 1)·2 + 3 = 15 is cropped to 14: total 1, ⌊1/2⌋ = 0 before.
    assert.deepEqual(a.rf, { kind: 'window', kernel: [3, 3], stride: [2, 2], padding: [0, 0], dilation: [1, 1], axes: [1, 2], transposed: true });
    // MACs: each of 7·7 inputs · 64 channels scatters into 64 filters · 9 taps.
    assert.equal(a.macs, 7 * 7 * 64 * 64 * 9);
  });

  it('follows compute_conv_transpose_output_length for valid and output_padding', () => {
    // valid, output_padding None: n·s + max(k − s, 0) = 14 + 1 = 15.
    assert.deepEqual(call('Conv2DTranspose', [4, 3], { strides: 2 }, ['N', 7, 7, 2]).shape, ['N', 15, 15, 4]);
    // same with output_padding 1: (n − 1)·s + k − 2·⌊k/2⌋ + 1 = 12 + 3 − 2 + 1 = 14.
    assert.deepEqual(call('Conv2DTranspose', [4, 3], { strides: 2, padding: 'same', output_padding: 1 }, ['N', 7, 7, 2]).shape, ['N', 14, 14, 4]);
    // Conv1DTranspose(8, 5, strides=3), valid: 10·3 + max(5 − 3, 0) = 32; params 5·8·4 + 8 = 168.
    const t = call('Conv1DTranspose', [8, 5], { strides: 3 }, ['N', 10, 4]);
    assert.deepEqual([t.shape, t.params], [['N', 32, 8], 168]);
  });

  it('counts depthwise and separable convolutions', () => {
    // DepthwiseConv2D(3, depth_multiplier=3) on 10×10×12: 8×8×36; params 3·3·12·3 + 36 = 360.
    const d = call('DepthwiseConv2D', [3], { depth_multiplier: 3 }, ['N', 10, 10, 12]);
    assert.deepEqual([d.shape, d.params], [['N', 8, 8, 36], 360]);
    // SeparableConv2D(64, 3, padding='same') on 32×32×32: 3·3·32 + 32·64 + 64 = 2,400.
    const s = call('SeparableConv2D', [64, 3], { padding: 'same' }, ['N', 32, 32, 32]);
    assert.deepEqual([s.shape, s.params], [['N', 32, 32, 64], 2400]);
    // MACs: depthwise 32·32·32·9 + pointwise 32·32·32·64.
    assert.equal(s.macs, 32 * 32 * 32 * 9 + 32 * 32 * 32 * 64);
  });

  it("reads data_format='channels_first' with the spatial axes named in the rule", () => {
    // (N, 3, 32, 32): 30×30, channels on axis 1; params 3·3·3·8 + 8 = 224.
    const c = call('Conv2D', [8, 3], { data_format: 'channels_first' }, ['N', 3, 32, 32]);
    assert.deepEqual([c.shape, c.params], [['N', 8, 30, 30], 224]);
    assert.deepEqual((c.rf as { axes: number[] }).axes, [2, 3]);
  });

  it("says what Keras says when a convolution can't run", () => {
    throwsMessage(
      () => call('Conv2D', [32, 3], {}, ['N', 28, 28]),
      'Input 0 of layer "conv2d" is incompatible with the layer: expected min_ndim=4, found ndim=3. Full shape received: (None, 28, 28)',
    );
    throwsMessage(
      () => call('Conv2D', [32, 5], {}, ['N', 3, 3, 1]),
      /^Computed output size would be zero or negative\. Received `inputs shape=\(None, 3, 3, 1\)`, `kernel shape=\(5, 5, 1, 32\)`/,
    );
    throwsMessage(
      () => call('Conv2D', [8, 3], { groups: 2 }, ['N', 8, 8, 3]),
      /^The number of input channels must be evenly divisible by the number of groups\. Received groups=2, but the input has 3 channels/,
    );
    throwsMessage(
      () => call('Conv2D', [8, 3], { strides: 2, dilation_rate: 2 }, ['N', 8, 8, 3]),
      '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)',
    );
    throwsMessage(
      () => call('Conv2D', [8, 3], { padding: 'causal' }, ['N', 8, 8, 3]),
      /^The `padding` argument must be a list\/tuple or one of \{'valid', 'same'\}/,
    );
    throwsMessage(
      () => call('Conv2DTranspose', [8, 3], { strides: 2, output_padding: 2 }, ['N', 8, 8, 3]),
      '`output_padding` must be < `strides`. output_padding=(2, 2), strides=(2, 2)',
    );
    throwsMessage(() => call('Conv2D', [8, [3, 3, 3]], {}, ['N', 8, 8, 3]), /^The `kernel_size` argument must be a tuple of 2 integers\./);
  });
});

describe('Keras table: pooling, resampling, padding', () => {
  it('pools with strides defaulting to the pool size', () => {
    // ⌊(5 − 2)/2⌋ + 1 = 2; 'same': ⌈5/2⌉ = 3; strides=1: 5 − 2 + 1 = 4.
    assert.deepEqual(call('MaxPooling2D', [], {}, ['N', 5, 5, 64]).shape, ['N', 2, 2, 64]);
    assert.deepEqual(call('MaxPooling2D', [], { padding: 'same' }, ['N', 5, 5, 64]).shape, ['N', 3, 3, 64]);
    assert.deepEqual(call('MaxPool2D', [2, 1], {}, ['N', 5, 5, 64]).shape, ['N', 4, 4, 64]);
    // AveragePooling1D(4) on 100 steps: 25.
    assert.deepEqual(call('AveragePooling1D', [4], {}, ['N', 100, 16]).shape, ['N', 25, 16]);
    const g = call('GlobalAveragePooling2D', [], {}, ['N', 7, 7, 512]);
    assert.deepEqual([g.shape, g.rf], [['N', 512], { kind: 'global', axes: [1, 2] }]);
    assert.deepEqual(call('GlobalMaxPooling2D', [], { keepdims: true }, ['N', 7, 7, 512]).shape, ['N', 1, 1, 512]);
    throwsMessage(
      () => call('MaxPooling2D', [3], {}, ['N', 2, 2, 1]),
      /^Computed output size would be zero or negative\. Received: `inputs.shape=\(None, 2, 2, 1\)`/,
    );
  });

  it('upsamples, pads and crops', () => {
    const u = call('UpSampling2D', [], {}, ['N', 7, 7, 8]);
    assert.deepEqual(u.shape, ['N', 14, 14, 8]);
    assert.deepEqual(u.rf, { kind: 'window', kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], axes: [1, 2], transposed: true });
    // ((top, bottom), (left, right)) = ((1, 2), (3, 4)): 28 + 3, 28 + 7.
    assert.deepEqual(
      call(
        'ZeroPadding2D',
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
        {},
        ['N', 28, 28, 3],
      ).shape,
      ['N', 31, 35, 3],
    );
    assert.deepEqual(call('ZeroPadding2D', [], {}, ['N', 28, 28, 3]).shape, ['N', 30, 30, 3]);
    assert.deepEqual(
      call(
        'Cropping2D',
        [
          [
            [2, 2],
            [4, 4],
          ],
        ],
        {},
        ['N', 28, 28, 3],
      ).shape,
      ['N', 24, 20, 3],
    );
    assert.deepEqual(call('ZeroPadding1D', [[1, 2]], {}, ['N', 10, 3]).shape, ['N', 13, 3]);
  });
});

describe('Keras table: core layers', () => {
  it('maps the last axis with Dense on any rank', () => {
    // (N, 10, 64) → (N, 10, 32); params 64·32 + 32 = 2,080; MACs 10·64·32.
    const d = call('Dense', [32], {}, ['N', 10, 64]);
    assert.deepEqual([d.shape, d.params, d.macs, d.rf], [['N', 10, 32], 2080, 10 * 64 * 32, { kind: 'same' }]);
    assert.equal(call('Dense', [32], { use_bias: false }, ['N', 64]).params, 2048);
    throwsMessage(() => call('Dense', [4], {}, ['N']), /expected min_ndim=2, found ndim=1/);
  });

  it('reshapes and permutes the non-batch axes', () => {
    assert.deepEqual(call('Reshape', [[7, 7, 64]], {}, ['N', 3136]).shape, ['N', 7, 7, 64]);
    assert.deepEqual(call('Reshape', [[-1, 64]], {}, ['N', 7, 7, 64]).shape, ['N', 49, 64]);
    throwsMessage(
      () => call('Reshape', [[10, 10]], {}, ['N', 28, 28, 1]),
      'The total size of the tensor must be unchanged. Received: input_shape=(28, 28, 1), target_shape=(10, 10)',
    );
    assert.deepEqual(call('Permute', [[2, 1]], {}, ['N', 10, 64]).shape, ['N', 64, 10]);
    throwsMessage(() => call('Permute', [[2, 3]], {}, ['N', 10, 64]), /^Invalid permutation argument `dims` for Permute Layer/);
    assert.deepEqual(call('RepeatVector', [3], {}, ['N', 32]).shape, ['N', 3, 32]);
  });

  it('counts BatchNormalization moving statistics as non-trainable', () => {
    // γ, β: 2·32 trainable; moving_mean, moving_variance: 2·32 non-trainable; summary shows 128.
    const b = call('BatchNormalization', [], {}, ['N', 26, 26, 32]);
    assert.deepEqual([b.shape, b.params, b.nonTrainable, b.macs], [['N', 26, 26, 32], 64, 64, 0]);
    assert.equal(call('BatchNormalization', [], { scale: false }, ['N', 26, 26, 32]).params, 32);
    // axis=1 on channels-first (N, 16, 8, 8): C = 16.
    assert.equal(call('BatchNormalization', [], { axis: 1 }, ['N', 16, 8, 8]).params, 32);
  });

  it('counts LayerNormalization, GroupNormalization and their errors', () => {
    // γ and β over the last axis: 2·32.
    assert.equal(call('LayerNormalization', [], { epsilon: 1e-6 }, ['N', 200, 32]).params, 64);
    assert.equal(call('LayerNormalization', [], { rms_scaling: true }, ['N', 200, 32]).params, 32);
    assert.equal(call('GroupNormalization', [], { groups: 4 }, ['N', 8, 8, 16]).params, 32);
    throwsMessage(() => call('GroupNormalization', [], {}, ['N', 8, 8, 16]), 'Number of groups (32) cannot be more than the number of channels (16).');
    throwsMessage(() => call('GroupNormalization', [3], {}, ['N', 8, 8, 16]), 'Number of groups (3) must be a multiple of the number of channels (16).');
  });

  it('counts activation layers, PReLU included', () => {
    // One α per element of (26, 26, 32) = 21,632; shared over axes 1 and 2: 32.
    assert.equal(call('PReLU', [], {}, ['N', 26, 26, 32]).params, 21632);
    assert.equal(call('PReLU', [], { shared_axes: [1, 2] }, ['N', 26, 26, 32]).params, 32);
    for (const name of ['ReLU', 'ELU', 'Softmax', 'LeakyReLU']) assert.deepEqual(call(name, [], {}, ['N', 5, 3]).shape, ['N', 5, 3]);
    assert.equal(call('Activation', ['gelu'], {}, ['N', 4]).params, 0);
    throwsMessage(() => call('Activation', ['relu7'], {}, ['N', 4]), 'Could not interpret activation function identifier: relu7');
  });

  it("reads LeakyReLU's Keras 2 alpha and Keras 3 negative_slope", () => {
    const rule = KERAS_LAYERS.LeakyReLU;
    assert.equal(bindKerasArgs(rule, 'LeakyReLU', [], { alpha: 0.2 }).args.negative_slope, 0.2);
    assert.equal(bindKerasArgs(rule, 'LeakyReLU', [], { negative_slope: 0.1 }).args.negative_slope, 0.1);
    assert.equal(bindKerasArgs(rule, 'LeakyReLU', [0.01], {}).args.negative_slope, 0.01);
    assert.equal(bindKerasArgs(rule, 'LeakyReLU', [], {}).args.negative_slope, 0.3);
  });

  it('counts Embedding from its arguments (keras.io transformer text classifier)', () => {
    // Embedding(input_dim=20000, output_dim=32): 20000·32 = 640,000; (N, 200) → (N, 200, 32).
    const rule = KERAS_LAYERS.Embedding;
    const { args } = bindKerasArgs(rule, 'Embedding', [20000, 32], {});
    assert.equal(rule.paramCount(args), 640000);
    assert.deepEqual(call('Embedding', [20000, 32], {}, ['N', 200]).shape, ['N', 200, 32]);
    // Keras 2's input_length is accepted and dropped.
    assert.doesNotThrow(() => bindKerasArgs(rule, 'Embedding', [1000, 64], { input_length: 10 }));
  });

  it('merges lists of tensors', () => {
    assert.deepEqual(call('Add', [], {}, ['N', 8, 8, 16], ['N', 8, 8, 16]).shape, ['N', 8, 8, 16]);
    assert.deepEqual(call('Multiply', [], {}, ['N', 8, 8, 16], ['N', 1, 1, 16]).shape, ['N', 8, 8, 16]);
    assert.deepEqual(call('Concatenate', [], {}, ['N', 8, 8, 16], ['N', 8, 8, 32]).shape, ['N', 8, 8, 48]);
    assert.deepEqual(call('Concatenate', [], { axis: 1 }, ['N', 8, 16], ['N', 4, 16]).shape, ['N', 12, 16]);
    throwsMessage(() => call('Add', [], {}, ['N', 4, 5], ['N', 3, 5]), 'Inputs have incompatible shapes. Received shapes (4, 5) and (3, 5)');
    throwsMessage(
      () => call('Concatenate', [], {}, ['N', 4, 4, 3], ['N', 5, 5, 3]),
      /^A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis/,
    );
    throwsMessage(() => call('Subtract', [], {}, ['N', 4], ['N', 4], ['N', 4]), /^A `Subtract` layer should be called on exactly 2 inputs/);
  });

  it('reads keras.Input and InputLayer', () => {
    assert.deepEqual(kerasInput([], { shape: [28, 28, 1] }).shape, ['N', 28, 28, 1]);
    assert.deepEqual(kerasInput([[32, 32, 3]], { batch_size: 16 }).shape, [16, 32, 32, 3]);
    assert.deepEqual(kerasInput([], { shape: [null] }).shape, ['N', 'd1']);
    throwsMessage(() => kerasInput([], {}), 'You must pass a `shape` argument.');
    const bound = bindKerasArgs(KERAS_LAYERS.InputLayer, 'InputLayer', [], { input_shape: [28, 28, 1] });
    assert.deepEqual(bound.args.shape, [28, 28, 1]);
    // input_shape on a first layer (Keras 2 Sequential style) is returned with the batch.
    assert.deepEqual(bindKerasArgs(KERAS_LAYERS.Conv2D, 'Conv2D', [32, 3], { input_shape: [28, 28, 1] }).inputShape, ['N', 28, 28, 1]);
    assert.deepEqual(bindKerasArgs(KERAS_LAYERS.Dense, 'Dense', [64], { input_dim: 784 }).inputShape, ['N', 784]);
  });

  it('counts preprocessing state as non-trainable and refuses Lambda', () => {
    // Normalization: mean and variance per channel and a count: 2·3 + 1 = 7, all non-trainable.
    const n = call('Normalization', [], {}, ['N', 32, 32, 3]);
    assert.deepEqual([n.params, n.nonTrainable], [0, 7]);
    assert.equal(call('Normalization', [], { mean: 0.5, variance: 0.25 }, ['N', 32, 32, 3]).nonTrainable, 0);
    assert.deepEqual(call('Rescaling', [1 / 255], {}, ['N', 32, 32, 3]).shape, ['N', 32, 32, 3]);
    assert.deepEqual(call('Resizing', [64, 64], {}, ['N', 32, 32, 3]).shape, ['N', 64, 64, 3]);
    assert.deepEqual(call('RandomFlip', ['horizontal'], {}, ['N', 32, 32, 3]).shape, ['N', 32, 32, 3]);
    assert.throws(
      () => call('Lambda', ['<lambda>'], {}, ['N', 4]),
      (e: unknown) => e instanceof NotUnderstood && /Lambda layer is not read/.test(e.message),
    );
  });
});

describe('Keras table: recurrent layers and attention', () => {
  it('reproduces the keras.io bidirectional LSTM IMDB summary (2,757,761 parameters)', () => {
    // Embedding(20000, 128): 2,560,000.
    const { args } = bindKerasArgs(KERAS_LAYERS.Embedding, 'Embedding', [20000, 128], {});
    const emb = KERAS_LAYERS.Embedding.paramCount(args);
    // LSTM(64) on 128 features: 4·64·(128 + 64) + 4·64 = 49,408; Bidirectional doubles it: 98,816.
    const lstm = (returnSequences: boolean) => ({
      __layer__: 'LSTM',
      args: bindKerasArgs(KERAS_LAYERS.LSTM, 'LSTM', [64], { return_sequences: returnSequences }).args,
    });
    const b1 = call('Bidirectional', [lstm(true)], {}, ['N', 200, 128]);
    assert.deepEqual([b1.shape, b1.params], [['N', 200, 128], 98816]);
    // The second sees 2·64 = 128 concatenated features: 98,816 again, output (N, 128).
    const b2 = call('Bidirectional', [lstm(false)], {}, ['N', 200, 128]);
    assert.deepEqual([b2.shape, b2.params], [['N', 128], 98816]);
    // Dense(1) on 128: 129.
    const d = call('Dense', [1], { activation: 'sigmoid' }, ['N', 128]);
    assert.equal(emb + b1.params + b2.params + d.params, 2757761);
  });

  it('counts GRU biases by reset_after and SimpleRNN', () => {
    // GRU(32) on 16: 3·32·(16 + 32) = 4,608 weights; reset_after=True biases 2·3·32 = 192.
    assert.equal(call('GRU', [32], {}, ['N', 10, 16]).params, 4800);
    assert.equal(call('GRU', [32], { reset_after: false }, ['N', 10, 16]).params, 4704);
    // SimpleRNN(32) on 16: 32·(16 + 32) + 32 = 1,568; MACs 10 steps · 32 · 48.
    const s = call('SimpleRNN', [32], {}, ['N', 10, 16]);
    assert.deepEqual([s.params, s.macs], [1568, 10 * 32 * 48]);
  });

  it('returns sequences and states', () => {
    assert.deepEqual(call('LSTM', [64], { return_sequences: true }, ['N', 10, 8]).shape, ['N', 10, 64]);
    assert.deepEqual(call('LSTM', [64], { return_state: true }, ['N', 10, 8]).shape, [
      ['N', 64],
      ['N', 64],
      ['N', 64],
    ]);
    assert.deepEqual(call('GRU', [64], { return_state: true, return_sequences: true }, ['N', 10, 8]).shape, [
      ['N', 10, 64],
      ['N', 64],
    ]);
    assert.deepEqual(
      call('Bidirectional', [{ __layer__: 'GRU', args: bindKerasArgs(KERAS_LAYERS.GRU, 'GRU', [16], {}).args }], { merge_mode: 'sum' }, ['N', 10, 8]).shape,
      ['N', 16],
    );
    throwsMessage(
      () => call('LSTM', [64], {}, ['N', 8]),
      'Input 0 of layer "lstm" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (None, 8)',
    );
  });

  it('counts MultiHeadAttention as four projections (keras.io transformer block)', () => {
    // num_heads=2, key_dim=32 on 32 features: q, k, v: 32·64 + 64 = 2,112 each; output 64·32 + 32 = 2,080.
    const m = call('MultiHeadAttention', [], { num_heads: 2, key_dim: 32 }, ['N', 200, 32], ['N', 200, 32]);
    assert.deepEqual([m.shape, m.params], [['N', 200, 32], 8416]);
    // With the block's FFN (32·32 + 32)·2 = 2,112 and two LayerNorms 2·64: 10,656, the summary's total.
    assert.equal(m.params + 2112 + 128, 10656);
    // output_shape=16: output projection 64·16 + 16 = 1,040.
    const o = call('MultiHeadAttention', [2, 32], { output_shape: 16 }, ['N', 10, 32], ['N', 20, 32]);
    assert.deepEqual([o.shape, o.params], [['N', 10, 16], 3 * 2112 + 1040]);
    // MACs: projections 10·32·64 + 20·32·64 + 20·32·64, scores and values 2·10·20·32 each, output 10·64·16.
    assert.equal(o.macs, 10 * 32 * 64 + 2 * 20 * 32 * 64 + 2 * (2 * 10 * 20 * 32) + 10 * 64 * 16);
  });
});

describe('Keras table: binding', () => {
  it('drops initializers, regularizers, names and dtypes', () => {
    const { args, defaultsUsed } = bindKerasArgs(KERAS_LAYERS.Conv2D, 'Conv2D', [32, 3], {
      kernel_initializer: 'he_normal',
      kernel_regularizer: '<L2>',
      name: 'c1',
      dtype: 'float32',
      trainable: false,
    });
    assert.equal(args.filters, 32);
    assert.ok(!('kernel_initializer' in args));
    assert.ok(defaultsUsed.includes('padding'));
  });

  it("uses Python's and Keras's wording for bad calls", () => {
    throwsMessage(() => bindKerasArgs(KERAS_LAYERS.Dense, 'Dense', [10], { foo: 1 }), "Unrecognized keyword arguments passed to Dense: {'foo': 1}");
    throwsMessage(
      () => bindKerasArgs(KERAS_LAYERS.Conv2D, 'Conv2D', [], { kernel_size: 3 }),
      "Conv2D.__init__() missing 1 required positional argument: 'filters'",
    );
    throwsMessage(() => bindKerasArgs(KERAS_LAYERS.Dense, 'Dense', [10], { units: 3 }), "Dense.__init__() got multiple values for argument 'units'");
    throwsMessage(
      () => bindKerasArgs(KERAS_LAYERS.Flatten, 'Flatten', [null, 1], {}),
      'Flatten.__init__() takes from 1 to 2 positional arguments but 3 were given',
    );
    throwsMessage(
      () => bindKerasArgs(KERAS_LAYERS.Conv2D, 'Conv2D', [0, 3], {}),
      'Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.',
    );
  });

  it('asks for the input before a lazily built layer has parameters', () => {
    const { args } = bindKerasArgs(KERAS_LAYERS.Dense, 'Dense', [10], {});
    assert.throws(() => KERAS_LAYERS.Dense.paramCount(args), NeedsUnknown);
    // A symbolic feature axis is an unknown too, not a guess.
    assert.throws(() => KERAS_LAYERS.Dense.paramCountFor!(args, [new TensorV(['N', 'features'])]), NeedsUnknown);
  });

  it('waits for unknown arguments instead of guessing them', () => {
    // filters from a constructor parameter no call site binds: the shape carries its name, params wait.
    const filters = new UnknownV('width', 'parameter of Block.__init__', 3);
    const { args } = bindKerasArgs(KERAS_LAYERS.Conv2D, 'Conv2D', [filters, 3], {});
    const r = KERAS_LAYERS.Conv2D.forward(args, [new TensorV(['N', 8, 8, 3])]);
    assert.deepEqual((r.out as TensorV).shape, ['N', 6, 6, 'width']);
    assert.throws(() => KERAS_LAYERS.Conv2D.paramCountFor!(args, [new TensorV(['N', 8, 8, 3])]), NeedsUnknown);
  });

  it('names layers the way Keras does', () => {
    const counters = new Map<string, number>();
    assert.deepEqual(
      ['Conv2D', 'Conv2D', 'MaxPooling2D', 'BatchNormalization', 'PReLU', 'Conv2DTranspose', 'LSTM'].map((n) => kerasAutoName(n, counters)),
      ['conv2d', 'conv2d_1', 'max_pooling2d', 'batch_normalization', 'p_re_lu', 'conv2d_transpose', 'lstm'],
    );
  });
});
