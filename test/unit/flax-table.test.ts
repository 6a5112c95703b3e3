/**
 * The Flax tables (linen, NNX, functions) against Flax's documented rules. There is no JAX or
 * Flax on this machine, so every expectation is worked out from the rule written next to it
 * (flax.linen / flax.nnx source: the param shapes each module creates, lax's 'SAME'/'VALID'
 * padding, lax.conv_transpose's padding) or from a model in Flax's own documentation.
 */
import { strict as assert } from 'node:assert';
import { ComputeError } from '../../compute/errors';
import {
  bindLinenArgs,
  bindNnxArgs,
  flaxFunction,
  flaxLinenRule,
  flaxNnxRule,
  jaxArrayMethod,
  linenAutoName,
  linenSetupName,
  nnxPath,
  type OpResult,
} from '../../compute/program/flax-table';
import type { ForwardOut, ForwardResult } from '../../compute/program/table-types';
import { NeedsUnknown, SymDim, TensorV, type Arg, type Dim } from '../../compute/program/values';

type Shape = Dim[] | Shape[];
const shapeOf = (o: ForwardOut): Shape => (o instanceof TensorV ? o.shape : o.map(shapeOf));

interface Called {
  shape: Shape;
  params: number;
  buffers: number;
  r: ForwardResult;
}

/** Build linen `nn.<name>(…)` and call it on tensors of the given shapes. */
function linen(name: string, positional: Arg[], keywords: Record<string, Arg>, ...inputs: Dim[][]): Called {
  const rule = flaxLinenRule(name);
  assert.ok(rule, `nn.${name} is in the table`);
  const { args } = bindLinenArgs(rule, name, positional, keywords);
  const xs = inputs.map((s) => new TensorV(s));
  const r = rule.forward(args, xs, {});
  const params = rule.paramCountFor ? rule.paramCountFor(args, xs) : rule.paramCount(args);
  return { shape: shapeOf(r.out), params, buffers: rule.bufferCountFor?.(args, xs) ?? 0, r };
}

/** Build `nnx.<name>(…, rngs=…)` and call it. */
function nnx(name: string, positional: Arg[], keywords: Record<string, Arg>, ...inputs: Dim[][]): Called {
  const rule = flaxNnxRule(name);
  assert.ok(rule, `nnx.${name} is in the table`);
  const { args } = bindNnxArgs(rule, name, positional, { rngs: '<nnx.Rngs>', ...keywords });
  const xs = inputs.map((s) => new TensorV(s));
  const r = rule.forward(args, xs, {});
  return { shape: shapeOf(r.out), params: rule.paramCount(args), buffers: rule.bufferCount?.(args) ?? 0, r };
}

const fn = (name: string, positional: Arg[], keywords: Record<string, Arg> = {}): OpResult => {
  const r = flaxFunction(name, positional, keywords);
  assert.ok(r, `${name} is read`);
  return r;
};
const valueShape = (r: OpResult): Dim[] => (r.value as TensorV).shape;
const t = (...shape: Dim[]) => new TensorV(shape);

const throwsMessage = (f: () => unknown, message: string | RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof ComputeError && (typeof message === 'string' ? e.message === message : message.test(e.message)));

describe('Flax linen table', () => {
  it("reads the Flax MNIST example's CNN (824,458 parameters by the rules)", () => {
    // nn.Conv(32, (3, 3)): padding 'SAME' by default, 28 → 28; kernel 3·3·1·32 + 32 = 320.
    const c1 = linen('Conv', [], { features: 32, kernel_size: [3, 3] }, ['N', 28, 28, 1]);
    assert.deepEqual([c1.shape, c1.params], [['N', 28, 28, 32], 320]);
    // nn.avg_pool(x, (2, 2), strides=(2, 2)), 'VALID': ⌊(28 − 2)/2⌋ + 1 = 14.
    const p1 = fn('nn.avg_pool', [t('N', 28, 28, 32)], { window_shape: [2, 2], strides: [2, 2] });
    assert.deepEqual(valueShape(p1), ['N', 14, 14, 32]);
    // nn.Conv(64, (3, 3)) on 14×14×32: 3·3·32·64 + 64 = 18,496.
    const c2 = linen('Conv', [64, [3, 3]], {}, ['N', 14, 14, 32]);
    assert.deepEqual([c2.shape, c2.params], [['N', 14, 14, 64], 18496]);
    // x.reshape((x.shape[0], -1)) on N×7×7×64: (N, 3136).
    const flat = jaxArrayMethod(t('N', 7, 7, 64), 'reshape', [[new SymDim('N'), -1]], {});
    assert.deepEqual(valueShape(flat!), ['N', 3136]);
    // nn.Dense(256) on 3136: 3136·256 + 256 = 803,072; nn.Dense(10): 256·10 + 10 = 2,570.
    const d1 = linen('Dense', [256], {}, ['N', 3136]);
    const d2 = linen('Dense', [10], {}, ['N', 256]);
    assert.deepEqual([d1.shape, d1.params, d2.params], [['N', 256], 803072, 2570]);
    assert.equal(c1.params + c2.params + d1.params + d2.params, 824458);
    // MACs of the first conv: 28·28 positions · 32 filters · 1 channel · 9 taps.
    assert.equal(c1.r.macs, 28 * 28 * 32 * 9);
  });

  it("names compact submodules the way linen does (the nn.tabulate docstring's Dense_0, Dense_1)", () => {
    // Foo: nn.Dense(4) then nn.Dense(2) on float32[16, 9]: 9·4 + 4 = 40, 4·2 + 2 = 10.
    const counters = new Map<string, number>();
    assert.deepEqual([linenAutoName('Dense', counters), linenAutoName('Dense', counters), linenAutoName('Conv', counters)], ['Dense_0', 'Dense_1', 'Conv_0']);
    assert.equal(linen('Dense', [4], {}, [16, 9]).params + linen('Dense', [2], {}, [16, 4]).params, 50);
    assert.equal(linenSetupName('layers', 1), 'layers_1');
    assert.equal(linenSetupName('conv1'), 'conv1');
    assert.equal(nnxPath(['layers', 0, 'linear']), 'layers.0.linear');
  });

  it("pads convolutions as lax does: 'SAME' ⌈n/s⌉, 'VALID', explicit pairs, CIRCULAR, CAUSAL", () => {
    // strides 2, 'SAME': ⌈28/2⌉ = 14; total padding (14 − 1)·2 + 3 − 28 = 1, 0 before.
    const s = linen('Conv', [16, [3, 3]], { strides: 2 }, ['N', 28, 28, 3]);
    assert.deepEqual(s.shape, ['N', 14, 14, 16]);
    assert.deepEqual(s.r.rf, { kind: 'window', kernel: [3, 3], stride: [2, 2], padding: [0, 0], dilation: [1, 1], axes: [1, 2] });
    assert.deepEqual(linen('Conv', [16, [3, 3]], { padding: 'VALID' }, ['N', 28, 28, 3]).shape, ['N', 26, 26, 16]);
    // padding=1 is ((1, 1), (1, 1)): 28 + 2 − 5 + 1 = 26 for a 5×5 kernel.
    assert.deepEqual(linen('Conv', [16, [5, 5]], { padding: 1 }, ['N', 28, 28, 3]).shape, ['N', 26, 26, 16]);
    assert.deepEqual(
      linen(
        'Conv',
        [16, [3, 3]],
        {
          padding: [
            [2, 0],
            [0, 2],
          ],
        },
        ['N', 8, 8, 3],
      ).shape,
      ['N', 8, 8, 16],
    );
    // CIRCULAR wraps (k − 1)//2 before and k//2 after: size kept.
    assert.deepEqual(linen('Conv', [16, [4, 4]], { padding: 'CIRCULAR' }, ['N', 8, 8, 3]).shape, ['N', 8, 8, 16]);
    // CAUSAL (1-D): k_d − 1 = 4 before with kernel_dilation 2.
    const c = linen('Conv', [8, [3]], { padding: 'CAUSAL', kernel_dilation: 2 }, ['N', 50, 4]);
    assert.deepEqual([c.shape, (c.r.rf as { padding: number[] }).padding], [['N', 50, 8], [4]]);
    throwsMessage(() => linen('Conv', [8, [3, 3]], { padding: 'CAUSAL' }, ['N', 8, 8, 3]), 'Causal padding is only implemented for 1D convolutions.');
    throwsMessage(
      () => linen('Conv', [8, [3, 3]], { padding: [1, 2, 3] }, ['N', 8, 8, 3]),
      /^Invalid padding format: \(1, 2, 3\), should be str, int, or a sequence of len 2/,
    );
  });

  it('reads feature groups, input dilation and unbatched inputs', () => {
    // feature_group_count=4 on 8 features: kernel 3·3·2·16 + 16 = 304.
    assert.equal(linen('Conv', [16, [3, 3]], { feature_group_count: 4 }, ['N', 8, 8, 8]).params, 304);
    // input_dilation 2 on 8: (8 − 1)·2 + 1 = 15, 'SAME' stride 1 keeps 15.
    assert.deepEqual(linen('Conv', [4, [3, 3]], { input_dilation: 2 }, ['N', 8, 8, 1]).shape, ['N', 15, 15, 4]);
    // No batch axis: a single example (H, W, C).
    assert.deepEqual(linen('Conv', [4, [3, 3]], {}, [8, 8, 1]).shape, [8, 8, 4]);
  });

  it('reads an int kernel_size as Flax ≥ 0.8 does, and says so', () => {
    // kernel_size=3 is (3,): on N×28×28×1 the leading N×28 are batch axes, W is convolved; 3·1·32 + 32 = 128.
    const c = linen('Conv', [32, 3], {}, ['N', 28, 28, 1]);
    assert.deepEqual([c.shape, c.params], [['N', 28, 28, 32], 128]);
    assert.match(c.r.notes![0], /kernel_size=3 is the 1-D kernel \(3,\) in Flax ≥ 0\.8, so on this N×28×28×1 input Flax treats N×28 as batch axes/);
    assert.match(c.r.notes![0], /Flax 0\.3\.5–0\.7 raised TypeError: Expected Conv kernel_size to be a tuple\/list of integers \(eg\.: \[3, 3\]\) but got 3\./);
    assert.deepEqual((c.r.rf as { axes: number[] }).axes, [2]);
  });

  it('reads ConvTranspose as lax.conv_transpose', () => {
    // strides 2, 'SAME': 7·2 = 14; kernel 3·3·64·32 + 32 = 18,464.
    const a = linen('ConvTranspose', [32, [3, 3]], { strides: [2, 2] }, ['N', 7, 7, 64]);
    assert.deepEqual([a.shape, a.params], [['N', 14, 14, 32], 18464]);
    // 'VALID': n·s + max(k − s, 0) = 14 + 1 = 15.
    assert.deepEqual(linen('ConvTranspose', [32, [3, 3]], { strides: [2, 2], padding: 'VALID' }, ['N', 7, 7, 64]).shape, ['N', 15, 15, 32]);
    // The flax docstring's example: ConvTranspose(4, (3,), 'VALID') on (1, 8, 3) → (1, 10, 4).
    assert.deepEqual(linen('ConvTranspose', [4, [3]], { padding: 'VALID' }, [1, 8, 3]).shape, [1, 10, 4]);
    // 'SAME', k = 3, s = 2: pads (k − 1, s − 1 + …) = (2, 1), so nothing is cropped before (3 − 1 − 2 = 0).
    assert.deepEqual((a.r.rf as { padding: number[] }).padding, [0, 0]);
  });

  it('counts Dense, DenseGeneral and Embed', () => {
    // Dense on (N, 10, 64) maps the last axis: 64·32 + 32.
    assert.deepEqual([linen('Dense', [32], {}, ['N', 10, 64]).shape, linen('Dense', [32], { use_bias: false }, ['N', 64]).params], [['N', 10, 32], 2048]);
    // DenseGeneral(features=(8, 16), axis=-1) on (N, 10, 64): kernel 64·8·16 + bias 8·16 = 8,320.
    const g = linen('DenseGeneral', [], { features: [8, 16] }, ['N', 10, 64]);
    assert.deepEqual([g.shape, g.params], [['N', 10, 8, 16], 8320]);
    // DenseGeneral(features=10, axis=(-2, -1)) on (N, 8, 16): 8·16·10 + 10 = 1,290.
    assert.deepEqual(linen('DenseGeneral', [10], { axis: [-2, -1] }, ['N', 8, 16]).shape, ['N', 10]);
    assert.equal(linen('DenseGeneral', [10], { axis: [-2, -1] }, ['N', 8, 16]).params, 1290);
    // Embed(num_embeddings=1000, features=64): 64,000; (N, 20) → (N, 20, 64).
    const rule = flaxLinenRule('Embed')!;
    assert.equal(rule.paramCount(bindLinenArgs(rule, 'Embed', [1000, 64], {}).args), 64000);
    assert.deepEqual(linen('Embed', [1000, 64], {}, ['N', 20]).shape, ['N', 20, 64]);
  });

  it('keeps BatchNorm statistics out of the params', () => {
    // scale and bias: 2·32 params; mean and var: 2·32 batch_stats.
    const b = linen('BatchNorm', [], { use_running_average: true }, ['N', 28, 28, 32]);
    assert.deepEqual([b.shape, b.params, b.buffers], [['N', 28, 28, 32], 64, 64]);
    assert.equal(linen('BatchNorm', [], { use_scale: false }, ['N', 32]).params, 32);
    assert.equal(linen('LayerNorm', [], {}, ['N', 10, 64]).params, 128);
    assert.equal(linen('RMSNorm', [], {}, ['N', 10, 64]).params, 64);
    assert.equal(linen('GroupNorm', [], { num_groups: 8 }, ['N', 8, 8, 64]).params, 128);
    throwsMessage(() => linen('GroupNorm', [], {}, ['N', 8, 8, 48]), 'Number of groups (32) does not divide the number of channels (48).');
    throwsMessage(() => linen('GroupNorm', [], { group_size: 16 }, ['N', 8, 8, 48]), /^Either `num_groups` or `group_size` should be specified/);
    throwsMessage(() => linen('GroupNorm', [null, 5], {}, ['N', 8, 8, 48]), 'Number of features (48) is not multiple of the group size (5).');
    assert.deepEqual(linen('Dropout', [0.5], { deterministic: true }, ['N', 10]).shape, ['N', 10]);
  });

  it('counts MultiHeadDotProductAttention as four DenseGeneral projections', () => {
    // num_heads 8 on 64 features (qkv_features = out_features = 64): 4·(64·64 + 64) = 16,640.
    const m = linen('MultiHeadDotProductAttention', [8], {}, ['N', 10, 64]);
    assert.deepEqual([m.shape, m.params], [['N', 10, 64], 16640]);
    // Cross-attention with qkv_features=32, out_features=16 on q 64, kv 48:
    // 64·32 + 32 + 2·(48·32 + 32) + 32·16 + 16 = 2,080 + 3,136 + 528 = 5,744.
    const x = linen('MultiHeadDotProductAttention', [4], { qkv_features: 32, out_features: 16 }, ['N', 10, 64], ['N', 20, 48]);
    assert.deepEqual([x.shape, x.params], [['N', 10, 16], 5744]);
    // normalize_qk adds a scale-only LayerNorm of head_dim 64/8 = 8 for q and k.
    assert.equal(linen('MultiHeadDotProductAttention', [8], { normalize_qk: true }, ['N', 10, 64]).params, 16640 + 16);
    assert.deepEqual(linen('SelfAttention', [8], {}, ['N', 10, 64]).shape, ['N', 10, 64]);
    throwsMessage(() => linen('MultiHeadDotProductAttention', [3], {}, ['N', 10, 64]), 'Memory dimension (64) must be divisible by number of heads (3).');
  });

  it('counts recurrent cells and nn.RNN', () => {
    // LSTMCell(64) on 32 inputs: 4·32·64 + 4·(64·64 + 64) = 24,832; carry (c, h), output h.
    const lstm = linen('LSTMCell', [64], {}, ['N', 32]);
    assert.deepEqual(
      [lstm.shape, lstm.params],
      [
        [
          [
            ['N', 64],
            ['N', 64],
          ],
          ['N', 64],
        ],
        24832,
      ],
    );
    // linen GRUCell(64) on 32: 3·(32·64 + 64) + 3·64·64 + 64 (hn's bias) = 6,336 + 12,288 + 64 = 18,688.
    assert.equal(linen('GRUCell', [64], {}, ['N', 32]).params, 18688);
    // nn.RNN(nn.LSTMCell(64)) on (N, 50, 32): (N, 50, 64), the cell's params; the docstring's (10, 50, 32) → (10, 50, 64).
    const cell = { __layer__: 'LSTMCell', args: bindLinenArgs(flaxLinenRule('LSTMCell')!, 'LSTMCell', [64], {}).args };
    const rnn = linen('RNN', [cell], {}, [10, 50, 32]);
    assert.deepEqual([rnn.shape, rnn.params, rnn.r.macs], [[10, 50, 64], 24832, 10 * 50 * 4 * 64 * (32 + 64)]);
    assert.deepEqual(linen('RNN', [cell], { return_carry: true }, [10, 50, 32]).shape, [
      [
        [10, 64],
        [10, 64],
      ],
      [10, 50, 64],
    ]);
    // Bidirectional concatenates the two directions: 128 features, twice the params.
    const r = { __layer__: 'RNN', args: bindLinenArgs(flaxLinenRule('RNN')!, 'RNN', [cell], {}).args };
    const bi = linen('Bidirectional', [r, r], {}, [10, 50, 32]);
    assert.deepEqual([bi.shape, bi.params], [[10, 50, 128], 2 * 24832]);
  });

  it('needs the input before a linen layer has params, and binds dataclass fields', () => {
    const rule = flaxLinenRule('Dense')!;
    const { args } = bindLinenArgs(rule, 'Dense', [10], { name: 'head', kernel_init: '<init>' });
    assert.throws(() => rule.paramCount(args), NeedsUnknown);
    throwsMessage(() => bindLinenArgs(rule, 'Dense', [10], { units: 3 }), "Dense.__init__() got an unexpected keyword argument 'units'");
    throwsMessage(
      () => bindLinenArgs(flaxLinenRule('Conv')!, 'Conv', [], { kernel_size: [3, 3] }),
      "Conv.__init__() missing 1 required positional argument: 'features'",
    );
  });
});

describe('Flax NNX table', () => {
  it('counts eager layers from their arguments and checks the input against them', () => {
    // nnx.Conv(1, 32, (3, 3)): 3·3·1·32 + 32 = 320, known before any call.
    const c = nnx('Conv', [1, 32, [3, 3]], {}, ['N', 28, 28, 1]);
    assert.deepEqual([c.shape, c.params], [['N', 28, 28, 32], 320]);
    throwsMessage(
      () => nnx('Conv', [3, 32, [3, 3]], {}, ['N', 28, 28, 1]),
      /^conv_general_dilated lhs feature dimension size divided by feature_group_count must equal the rhs input feature dimension size, but 1 \/\/ 1 != 3\./,
    );
    // nnx.Linear(3136, 256): 3136·256 + 256 = 803,072.
    const l = nnx('Linear', [3136, 256], {}, ['N', 3136]);
    assert.deepEqual([l.shape, l.params], [['N', 256], 803072]);
    throwsMessage(
      () => nnx('Linear', [1600, 10], {}, ['N', 800]),
      /^dot_general requires contracting dimensions to have the same shape, got \(800,\) and \(1600,\)\./,
    );
    // nnx.ConvTranspose(64, 32, (3, 3), strides=2): 3·3·64·32 + 32 = 18,464; 'SAME' 7 → 14.
    const ct = nnx('ConvTranspose', [64, 32, [3, 3], 2], {}, ['N', 7, 7, 64]);
    assert.deepEqual([ct.shape, ct.params], [['N', 14, 14, 32], 18464]);
    assert.equal(nnx('Embed', [1000, 64], {}, ['N', 20]).params, 64000);
  });

  it("counts the nnx.tabulate docstring's Foo by the rules (5,790 params, 276 batch stats)", () => {
    // Block(32, 128): Linear 32·128 + 128 = 4,224; BatchNorm(128) scale + bias 256, mean + var 256.
    const l1 = nnx('Linear', [32, 128], {}, ['N', 32]);
    const b1 = nnx('BatchNorm', [128], {}, ['N', 128]);
    // Block(128, 10): Linear 128·10 + 10 = 1,290; BatchNorm(10) 20 params, 20 stats; Dropout none.
    const l2 = nnx('Linear', [128, 10], {}, ['N', 128]);
    const b2 = nnx('BatchNorm', [10], {}, ['N', 10]);
    const d = nnx('Dropout', [0.2], {}, ['N', 10]);
    assert.equal(l1.params + b1.params + l2.params + b2.params + d.params, 5790);
    assert.equal(b1.buffers + b2.buffers, 276);
  });

  it('counts normalization, attention and recurrent NNX layers', () => {
    assert.equal(nnx('LayerNorm', [64], {}, ['N', 10, 64]).params, 128);
    assert.equal(nnx('GroupNorm', [64], { num_groups: 8 }, ['N', 8, 8, 64]).params, 128);
    throwsMessage(() => nnx('BatchNorm', [32], {}, ['N', 8, 8, 16]), /^nnx\.BatchNorm was built with num_features=32 but its input has 16 features/);
    throwsMessage(
      () => bindNnxArgs(flaxNnxRule('GroupNorm')!, 'GroupNorm', [48], { rngs: '<r>' }),
      'Number of groups (32) does not divide the number of channels (48).',
    );
    // nnx.MultiHeadAttention(num_heads=8, in_features=64): 4·(64·64 + 64) = 16,640.
    const m = nnx('MultiHeadAttention', [], { num_heads: 8, in_features: 64 }, ['N', 10, 64]);
    assert.deepEqual([m.shape, m.params], [['N', 10, 64], 16640]);
    // nnx.GRUCell(32, 64): dense_i 32·192 + 192, dense_h 64·192 (no bias) = 6,336 + 12,288 = 18,624 (no hn bias, unlike linen).
    assert.equal(nnx('GRUCell', [32, 64], {}, ['N', 32]).params, 18624);
    assert.equal(nnx('LSTMCell', [32, 64], {}, ['N', 32]).params, 24832);
    const cell = { __layer__: 'LSTMCell', args: bindNnxArgs(flaxNnxRule('LSTMCell')!, 'LSTMCell', [32, 64], { rngs: '<r>' }).args };
    const rnn = nnx('RNN', [cell], {}, ['N', 50, 32]);
    assert.deepEqual([rnn.shape, rnn.params], [['N', 50, 64], 24832]);
  });

  it("binds NNX's keyword-only arguments and required rngs in Python's words", () => {
    const conv = flaxNnxRule('Conv')!;
    throwsMessage(
      () => bindNnxArgs(conv, 'Conv', [1, 32, [3, 3], 1, 'SAME'], { rngs: '<r>' }),
      'Conv.__init__() takes from 4 to 5 positional arguments but 6 were given',
    );
    throwsMessage(() => bindNnxArgs(conv, 'Conv', [1, 32, [3, 3]], {}), "Conv.__init__() missing 1 required keyword-only argument: 'rngs'");
    throwsMessage(
      () => bindNnxArgs(flaxNnxRule('Linear')!, 'Linear', [4], { rngs: '<r>' }),
      "Linear.__init__() missing 1 required positional argument: 'out_features'",
    );
    // Dropout's rngs is optional.
    assert.doesNotThrow(() => bindNnxArgs(flaxNnxRule('Dropout')!, 'Dropout', [0.1], {}));
    assert.equal(bindNnxArgs(conv, 'Conv', [1, 32, [3, 3]], { padding: 'VALID', kernel_init: '<init>', rngs: '<r>' }).args.padding, 'VALID');
  });
});

describe('Flax functions', () => {
  it('pools with strides None meaning 1, and says so', () => {
    // window (2, 2), strides (1, 1): 28 − 2 + 1 = 27.
    const p = fn('nn.max_pool', [t('N', 28, 28, 32), [2, 2]]);
    assert.deepEqual(valueShape(p), ['N', 27, 27, 32]);
    assert.deepEqual(p.rf, { kind: 'window', kernel: [2, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1], axes: [1, 2] });
    // 'SAME' with strides 2 on 7: ⌈7/2⌉ = 4.
    assert.deepEqual(valueShape(fn('flax.linen.max_pool', [t('N', 7, 7, 8), [3, 3]], { strides: [2, 2], padding: 'SAME' })), ['N', 4, 4, 8]);
    assert.deepEqual(valueShape(fn('nnx.avg_pool', [t('N', 8, 8, 8), [2, 2], [2, 2]])), ['N', 4, 4, 8]);
    throwsMessage(() => fn('nn.max_pool', [t('N', 28, 28, 32), 2]), /window_shape must be a tuple such as \(2, 2\); an int fails in Flax/);
  });

  it('reads activations with their jax.nn defaults', () => {
    assert.deepEqual(valueShape(fn('nn.relu', [t('N', 10)])), ['N', 10]);
    assert.deepEqual(valueShape(fn('nnx.gelu', [t('N', 10)], { approximate: false })), ['N', 10]);
    assert.deepEqual(valueShape(fn('jax.nn.softmax', [t('N', 10)], { axis: -1 })), ['N', 10]);
    assert.deepEqual(valueShape(fn('nn.glu', [t('N', 10)])), ['N', 5]);
    assert.deepEqual(valueShape(fn('jax.nn.one_hot', [t('N'), 10])), ['N', 10]);
    throwsMessage(() => fn('nn.relu', [t('N', 10)], { inplace: true }), "relu() got an unexpected keyword argument 'inplace'");
    assert.equal(flaxFunction('nn.not_a_function', [t('N', 1)], {}), undefined);
  });

  it('reads jax.numpy reshapes, reductions and concatenation', () => {
    assert.deepEqual(valueShape(fn('jnp.reshape', [t('N', 7, 7, 64), [new SymDim('N'), -1]])), ['N', 3136]);
    throwsMessage(() => fn('jnp.reshape', [t(2, 3), [4]]), 'cannot reshape array of shape (2, 3) (size 6) into shape (4,) (size 4)');
    // jnp.mean(x, axis=(1, 2)) on N×7×7×512: a global average pool, (N, 512).
    const m = fn('jnp.mean', [t('N', 7, 7, 512)], { axis: [1, 2] });
    assert.deepEqual([valueShape(m), m.rf], [['N', 512], { kind: 'global', axes: [1, 2] }]);
    assert.deepEqual(valueShape(jaxArrayMethod(t('N', 7, 7, 512), 'mean', [], { axis: [1, 2], keepdims: true })!), ['N', 1, 1, 512]);
    // concatenate's default axis is 0 (NumPy); channels are axis −1.
    assert.deepEqual(valueShape(fn('jnp.concatenate', [[t(2, 4), t(3, 4)]])), [5, 4]);
    assert.deepEqual(valueShape(fn('jax.numpy.concatenate', [[t('N', 8, 8, 16), t('N', 8, 8, 32)]], { axis: -1 })), ['N', 8, 8, 48]);
    throwsMessage(
      () => fn('jnp.concatenate', [[t('N', 4, 4, 3), t('N', 5, 5, 3)]], { axis: -1 }),
      /^Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension 3/,
    );
    assert.deepEqual(valueShape(fn('jnp.stack', [[t(2, 4), t(2, 4)]], { axis: 1 })), [2, 2, 4]);
    assert.deepEqual(valueShape(fn('jnp.transpose', [t('N', 8, 16)], { axes: [0, 2, 1] })), ['N', 16, 8]);
    assert.deepEqual(valueShape(fn('jnp.add', [t('N', 8, 8, 16), t(16)])), ['N', 8, 8, 16]);
    assert.deepEqual(valueShape(jaxArrayMethod(t('N', 4, 4), 'reshape', [new SymDim('N'), 16], {})!), ['N', 16]);
  });
});
