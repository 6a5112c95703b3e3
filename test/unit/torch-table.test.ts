/**
 * The PyTorch framework table (compute/program/torch-table.ts, torch-ops.ts) against PyTorch:
 * every case of test/fixtures/torch_table.json (written by test/fixtures/gen_torch_table.py with
 * Debian's python3-torch) must give exactly PyTorch's output shapes, parameter and buffer counts,
 * and PyTorch's error messages. MACs are checked on hand-computed cases, with the formula written
 * next to each; symbolic shapes on cases PyTorch cannot run.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComputeError } from '../../compute/errors';
import { isLayerInstance, type BoundArgs, type ForwardOut, type LayerInstanceArg } from '../../compute/program/table-types';
import { addConst, divDimExact, macCount, mulDim, sameDim } from '../../compute/program/torch-dims';
import { bindTorchArgs, TORCH_LAYERS, torchLayerRule } from '../../compute/program/torch-table';
import { binaryOp, indexTensor, tensorMethod, torchFunction } from '../../compute/program/torch-ops';
import {
  ELLIPSIS,
  NeedsUnknown,
  SLICE_ALL as SLICE,
  SliceArg,
  SymDim,
  TensorV,
  UnknownV,
  type Arg,
  type Dim,
  type IndexArg,
} from '../../compute/program/values';

type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

interface LayerCase {
  name: string;
  cls: string;
  args: Json[];
  kwargs: Record<string, Json>;
  inputs: Json[];
  forwardKwargs: Record<string, Json>;
  outputs: Json;
  params: number;
  buffers: number;
}
interface OpCase {
  name: string;
  kind: 'function' | 'method' | 'binary' | 'index';
  fn: string;
  self: Json;
  args: Json[];
  kwargs: Record<string, Json>;
  output: Json;
}
interface ErrorCase extends Omit<OpCase, 'kind' | 'output'> {
  kind: OpCase['kind'] | 'construct' | 'layer';
  inputs: Json[];
  forwardKwargs: Record<string, Json>;
  error: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'torch_table.json'), 'utf8')) as {
  torch: string;
  layers: LayerCase[];
  ops: OpCase[];
  errors: ErrorCase[];
  resampleFields: { mode: string; scale: number; inSize: number; spans: ([number, number] | null)[] }[];
};

/** A fixture argument as the evaluator passes it. */
function arg(v: Json): IndexArg {
  if (Array.isArray(v)) return v.map(arg) as Arg[];
  if (v !== null && typeof v === 'object') {
    if (Array.isArray(v.tensor)) return new TensorV(v.tensor as number[]);
    if (Array.isArray(v.slice)) return new SliceArg(...(v.slice as (number | null)[]));
    if (v.ellipsis === true) return ELLIPSIS;
    if (typeof v.layer === 'string') return layerInstance(v.layer, v.args as Json[], v.kwargs as Record<string, Json>) as Arg;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, arg(x) as Arg]));
  }
  return v;
}
const args = (vs: Json[]) => vs.map(arg) as Arg[];
const kwargs = (o: Record<string, Json>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, arg(v) as Arg]));

function layerInstance(cls: string, a: Json[], kw: Record<string, Json>): LayerInstanceArg {
  return { __layer__: cls, args: bindTorchArgs(torchLayerRule(cls)!, cls, args(a), kwargs(kw)).args };
}

/** Tensors among forward arguments, tuples flattened (LSTM's (h0, c0)). */
const tensors = (vs: Arg[]): TensorV[] => vs.flatMap((v) => (v instanceof TensorV ? [v] : Array.isArray(v) ? tensors(v) : []));

/** Our result in the fixture's encoding: tensors as {shape}, a symbolic dim as its text. */
function encode(v: ForwardOut | Arg): Json {
  if (v instanceof TensorV) return { shape: v.shape as Json[] };
  if (v instanceof SymDim) return v.expr;
  if (Array.isArray(v)) return v.map(encode);
  return v as Json;
}

/** PyTorch's None inside a returned tuple (MHA's weights with need_weights=False) is an empty tuple in ForwardOut. */
const noneAsEmpty = (v: Json): Json => (v === null ? [] : Array.isArray(v) ? v.map(noneAsEmpty) : v);

/** torch.Size results are plain tuples of dims here. */
const sizes = (v: Json): Json => (Array.isArray(v) ? v.map(sizes) : v !== null && typeof v === 'object' && Array.isArray(v.size) ? v.size : v);

function build(c: { cls: string; args: Json[]; kwargs: Record<string, Json> }) {
  const rule = torchLayerRule(c.cls);
  assert.ok(rule, `no rule for ${c.cls}`);
  return { rule, bound: bindTorchArgs(rule, c.cls, args(c.args), kwargs(c.kwargs)) };
}

function runOp(c: Pick<OpCase, 'kind' | 'fn' | 'self' | 'args' | 'kwargs'>) {
  const self = arg(c.self) as Arg;
  switch (c.kind) {
    case 'function':
      return torchFunction(c.fn, args(c.args), kwargs(c.kwargs));
    case 'method':
      return tensorMethod(self as TensorV, c.fn, args(c.args), kwargs(c.kwargs));
    case 'binary':
      return binaryOp(c.fn as '+', self, arg(c.args[0]) as Arg);
    case 'index':
      return indexTensor(self as TensorV, c.args.map(arg));
  }
}

describe(`PyTorch table against PyTorch ${fixture.torch}`, () => {
  it('has enough reference cases', () => {
    assert.ok(fixture.layers.length + fixture.ops.length >= 120);
    const covered = new Set(fixture.layers.map((c) => c.cls));
    const missing = Object.keys(TORCH_LAYERS).filter((k) => !covered.has(k));
    // Layers newer than PyTorch 1.13 are checked by hand below.
    assert.deepEqual(missing.sort(), ['CircularPad1d', 'CircularPad2d', 'CircularPad3d', 'LPPool3d', 'RMSNorm', 'ZeroPad1d', 'ZeroPad3d']);
  });

  describe('layers: output shapes, parameters, buffers', () => {
    for (const c of fixture.layers) {
      it(c.name, () => {
        const { rule, bound } = build(c);
        assert.equal(rule.paramCount(bound.args), c.params, 'params');
        assert.equal(rule.bufferCount?.(bound.args) ?? 0, c.buffers, 'buffers');
        const r = rule.forward(bound.args, tensors(args(c.inputs)), kwargs(c.forwardKwargs));
        assert.deepEqual(encode(r.out), noneAsEmpty(c.outputs));
      });
    }
  });

  describe('functional ops, tensor methods, operators, indexing', () => {
    for (const c of fixture.ops) {
      it(c.name, () => {
        const r = runOp(c);
        assert.ok(r, `${c.fn} is not known`);
        assert.deepEqual(encode(r.value), sizes(c.output));
      });
    }
  });

  describe("errors in PyTorch's words", () => {
    for (const c of fixture.errors) {
      it(`${c.kind} ${c.name}: ${c.error.slice(0, 60)}`, () => {
        const run = () => {
          if (c.kind === 'construct' || c.kind === 'layer') {
            const { rule, bound } = build({ cls: c.fn, args: c.args, kwargs: c.kwargs });
            if (c.kind === 'layer') rule.forward(bound.args, tensors(args(c.inputs)), kwargs(c.forwardKwargs));
          } else runOp({ ...c, kind: c.kind });
        };
        assert.throws(run, (e: unknown) => e instanceof ComputeError && e.message === (DELIBERATE[c.error] ?? c.error), c.error);
      });
    }
  });
});

// ── Hand-computed cases ──────────────────────────────────────────────────────────────────────────

const N = 'N';
/** Build a layer from Python-like arguments and run it. */
function layer(cls: string, positional: Arg[], keywords: Record<string, Arg> = {}) {
  const rule = torchLayerRule(cls)!;
  const { args: a, defaultsUsed } = bindTorchArgs(rule, cls, positional, keywords);
  return {
    rule,
    args: a,
    defaultsUsed,
    params: () => rule.paramCount(a),
    run: (inputs: TensorV[], kw?: BoundArgs) => rule.forward(a, inputs, kw),
  };
}
const shapeOf = (o: unknown): Dim[] => {
  assert.ok(o instanceof TensorV, 'a tensor');
  return o.shape;
};

describe('MACs (multiply-accumulates with weights, plus attention products)', () => {
  it('Conv2d: N·∏out·C_out·(C_in/g)·∏k, per sample for a symbolic batch', () => {
    const r = layer('Conv2d', [3, 64, 7, 2, 3]).run([new TensorV([N, 3, 224, 224])]);
    assert.deepEqual(shapeOf(r.out), [N, 64, 112, 112]);
    // 112·112 positions · 64 filters · 3·7·7 taps = 118,013,952
    assert.equal(r.macs, 112 * 112 * 64 * 3 * 7 * 7);
    assert.equal(layer('Conv2d', [3, 64, 7, 2, 3]).run([new TensorV([2, 3, 224, 224])]).macs, 2 * 118_013_952);
  });
  it('depthwise and transposed convolutions', () => {
    // groups = 32: each output channel sums 32/32 = 1 input channel · 9 taps; 2 samples · 81 positions · 32 channels.
    assert.equal(layer('Conv2d', [32, 32, 3], { padding: 1, groups: 32 }).run([new TensorV([2, 32, 9, 9])]).macs, 2 * 81 * 32 * 1 * 9);
    // Transposed: every input position scatters C_in·C_out/g·∏k products: 2·(10·12)·16·33·9.
    assert.equal(layer('ConvTranspose2d', [16, 33, 3], { stride: 2 }).run([new TensorV([2, 16, 10, 12])]).macs, 2 * 120 * 16 * 33 * 9);
  });
  it('Linear: rows · in · out', () => {
    assert.equal(layer('Linear', [9216, 128]).run([new TensorV([N, 9216])]).macs, 9216 * 128);
    // 4·7 rows of 20 features to 30.
    assert.equal(layer('Linear', [20, 30]).run([new TensorV([4, 7, 20])]).macs, 28 * 20 * 30);
    assert.equal(layer('Linear', [20, 30]).run([new TensorV(['B', 20])]).macs, null, 'a symbol other than N is unknown');
  });
  it('LSTM / GRU: L·N·Σ layers, directions of G·H·(in_l + h_out) + P·H', () => {
    // LSTM(10, 20, 2) on (L=5, N=3, 10): layer 0: 4·20·(10+20) = 2400, layer 1: 4·20·(20+20) = 3200.
    assert.equal(layer('LSTM', [10, 20, 2]).run([new TensorV([5, 3, 10])]).macs, 5 * 3 * (2400 + 3200));
    // Bidirectional, proj_size 5, batch_first (N=3, L=5): each layer and direction 4·20·(in+5) + 5·20,
    // in = 10 for layer 0 and 2·5 = 10 for layer 1: 1300 per direction, 4 of them.
    assert.equal(
      layer('LSTM', [10, 20], { num_layers: 2, bidirectional: true, proj_size: 5, batch_first: true }).run([new TensorV([3, 5, 10])]).macs,
      15 * 4 * 1300,
    );
    // GRU: 3 gates: 3·20·(10+20) per step.
    assert.equal(layer('GRU', [10, 20]).run([new TensorV([5, 3, 10])]).macs, 15 * 1800);
    // LSTMCell on a batch of 3: 3·4·20·(10+20).
    assert.equal(layer('LSTMCell', [10, 20]).run([new TensorV([3, 10])]).macs, 3 * 2400);
  });
  it('MultiheadAttention: projections, QKᵀ and AV over all heads, out-projection', () => {
    const q = new TensorV([10, 2, 64]);
    const kv = new TensorV([12, 2, 64]);
    // L = 10, S = 12, E = 64, N = 2: Q L·E², K and V S·E², QKᵀ + AV 2·L·S·E, out L·E².
    const perSample = 10 * 64 * 64 + 2 * 12 * 64 * 64 + 2 * 10 * 12 * 64 + 10 * 64 * 64;
    assert.equal(layer('MultiheadAttention', [64, 8]).run([q, kv, kv]).macs, 2 * perSample);
    // kdim 32, vdim 16: K 12·32·64, V 12·16·64.
    const mixed = 10 * 64 * 64 + 12 * 32 * 64 + 12 * 16 * 64 + 2 * 10 * 12 * 64 + 10 * 64 * 64;
    assert.equal(layer('MultiheadAttention', [64, 4], { kdim: 32, vdim: 16 }).run([q, new TensorV([12, 2, 32]), new TensorV([12, 2, 16])]).macs, 2 * mixed);
    // add_bias_kv and add_zero_attn add two keys to the attention products only (S′ = 14).
    const extra = perSample - 2 * 10 * 12 * 64 + 2 * 10 * 14 * 64;
    assert.equal(layer('MultiheadAttention', [64, 8, 0.0, true, true, true]).run([q, kv, kv]).macs, 2 * extra);
  });
  it('TransformerEncoderLayer: self-attention plus the feed-forward block 2·rows·E·F', () => {
    const attention = 4 * 10 * 512 * 512 + 2 * 10 * 10 * 512;
    const ffn = 10 * 2 * 512 * 2048;
    assert.equal(layer('TransformerEncoderLayer', [512, 8]).run([new TensorV([10, 2, 512])]).macs, 2 * (attention + ffn));
    const encoder = layer('TransformerEncoder', [{ __layer__: 'TransformerEncoderLayer', args: layer('TransformerEncoderLayer', [512, 8]).args }, 6]);
    assert.equal(encoder.run([new TensorV([10, 2, 512])]).macs, 6 * 2 * (attention + ffn));
  });
  it('matmul, einsum, F.conv2d, F.linear, scaled_dot_product_attention', () => {
    assert.equal(binaryOp('@', new TensorV([2, 3, 4]), new TensorV([4, 5])).macs, 2 * 3 * 4 * 5);
    assert.equal(torchFunction('torch.einsum', ['bhqd,bhkd->bhqk', new TensorV([2, 4, 5, 8]), new TensorV([2, 4, 6, 8])], {})!.macs, 2 * 4 * 5 * 6 * 8);
    assert.equal(torchFunction('F.conv2d', [new TensorV([N, 3, 8, 8]), new TensorV([16, 3, 3, 3])], { padding: 1 })!.macs, 64 * 16 * 27);
    assert.equal(torchFunction('F.linear', [new TensorV([N, 20]), new TensorV([30, 20])], {})!.macs, 600);
    // Q (N, 4 heads, 10, 16), K, V (…, 12, 16): 4·10·12·16 twice.
    const sdpa = torchFunction('F.scaled_dot_product_attention', [new TensorV([N, 4, 10, 16]), new TensorV([N, 4, 12, 16]), new TensorV([N, 4, 12, 16])], {})!;
    assert.deepEqual(shapeOf(sdpa.value), [N, 4, 10, 16]);
    assert.equal(sdpa.macs, 2 * 4 * 10 * 12 * 16);
  });
  it('normalization, activations, pooling and dropout count 0', () => {
    const x = new TensorV([N, 64, 8, 8]);
    for (const [cls, a] of [
      ['BatchNorm2d', [64]],
      ['ReLU', []],
      ['MaxPool2d', [2]],
      ['Dropout', []],
      ['PReLU', [64]],
      ['GroupNorm', [8, 64]],
    ] as const) {
      assert.equal(layer(cls, [...a]).run([x]).macs, 0, cls);
    }
  });
});

describe('symbolic sizes', () => {
  it('x.view(x.size(0), -1) cancels the batch: N·64·12·12 / N = 9216', () => {
    const x = new TensorV([N, 64, 12, 12]);
    const n = tensorMethod(x, 'size', [0], {})!.value;
    assert.deepEqual(n, new SymDim(N));
    assert.deepEqual(shapeOf(tensorMethod(x, 'view', [n as SymDim, -1], {})!.value), [N, 9216]);
    assert.deepEqual(shapeOf(tensorMethod(new TensorV([N, 16, 5, 5]), 'view', [-1, 16 * 5 * 5], {})!.value), [N, 400]);
    assert.deepEqual(shapeOf(torchFunction('torch.flatten', [x], {})!.value), ['N·9216']);
    assert.deepEqual(shapeOf(tensorMethod(x, 'flatten', [1], {})!.value), [N, 9216]);
    assert.deepEqual(tensorMethod(x, 'size', [], {})!.value, [new SymDim(N), 64, 12, 12]);
    assert.deepEqual(tensorMethod(x, 'numel', [], {})!.value, new SymDim('N·9216'));
  });
  it('an unknown constructor argument becomes a named dim; its parameter count needs it', () => {
    const unknown = new UnknownV('num_classes', 'parameter of Net.__init__', 3);
    const fc = layer('Linear', [512, unknown]);
    const r = fc.run([new TensorV([N, 512])]);
    assert.deepEqual(shapeOf(r.out), [N, 'num_classes']);
    assert.equal(r.macs, null);
    assert.throws(() => fc.params(), NeedsUnknown);
    // nn.Linear(x.size(1), 10): a size from a tensor, counted as unknown too.
    assert.throws(() => layer('Linear', [new SymDim('C'), 10]).params(), NeedsUnknown);
  });
  it('spatial formulas on symbolic H, W', () => {
    const r = layer('Conv2d', [3, 64, 7, 2, 3]).run([new TensorV([N, 3, 'H', 'W'])]);
    assert.deepEqual(shapeOf(r.out), [N, 64, '(H-1)//2+1', '(W-1)//2+1']);
    assert.equal(r.macs, null);
    assert.deepEqual(shapeOf(layer('Conv2d', [3, 8, 3], { padding: 1 }).run([new TensorV([N, 3, 'H', 'W'])]).out), [N, 8, 'H', 'W']);
    assert.deepEqual(shapeOf(layer('MaxPool2d', [2]).run([new TensorV([N, 8, 'H', 'W'])]).out), [N, 8, '(H-2)//2+1', '(W-2)//2+1']);
    assert.deepEqual(shapeOf(layer('Upsample', [], { scale_factor: 2 }).run([new TensorV([N, 8, 'H', 'W'])]).out), [N, 8, 'H·2', 'W·2']);
    assert.deepEqual(shapeOf(indexTensor(new TensorV([N, 3, 'H', 'W']), [SLICE, SLICE, new SliceArg(1, -1)]).value), [N, 3, 'H-2', 'W']);
    assert.deepEqual(shapeOf(indexTensor(new TensorV([N, 'T', 8]), [SLICE, new SliceArg(null, new SymDim('L'))]).value), [N, 'L', 8]);
    assert.deepEqual(shapeOf(torchFunction('torch.cat', [[new TensorV([N, 'C', 4]), new TensorV([N, 3, 4])]], { dim: 1 })!.value), [N, 'C+3', 4]);
    assert.deepEqual(shapeOf(binaryOp('+', new TensorV([N, 64, 1, 1]), new TensorV([N, 64, 'H', 'W'])).value), [N, 64, 'H', 'W']);
    assert.deepEqual(binaryOp('*', new SymDim(N), 2).value, new SymDim('N·2'));
  });
  it('dimension algebra folds numbers and cancels symbols', () => {
    assert.equal(mulDim(mulDim(N, 64), 12), 'N·768');
    assert.equal(mulDim('H-2', 2), '(H-2)·2');
    assert.equal(addConst('H-1', 1), 'H');
    assert.equal(divDimExact('N·9216', N), 9216);
    assert.ok(sameDim('N·64', '64·N'));
    assert.equal(macCount([N, 3, 4]), 12);
    assert.equal(macCount(['T', 3]), null);
  });
  it('a pool over the whole input written with its own sizes, and conversions with options', () => {
    const x = new TensorV([N, 8, 'H', 'W']);
    const r = torchFunction('F.avg_pool2d', [x, [new SymDim('H'), new SymDim('W')]], {})!;
    assert.deepEqual(shapeOf(r.value), [N, 8, 1, 1]);
    assert.deepEqual(r.rf, { kind: 'global' });
    assert.deepEqual(shapeOf(tensorMethod(x, 'to', ['cuda'], { non_blocking: true })!.value), x.shape);
  });
  it("errors name the symbolic batch in PyTorch's wording", () => {
    assert.throws(() => layer('Linear', [9200, 128]).run([new TensorV([N, 9216])]), {
      message: 'mat1 and mat2 shapes cannot be multiplied (Nx9216 and 9200x128)',
    });
    assert.throws(() => layer('Conv2d', [3, 64, 7]).run([new TensorV([N, 4, 224, 224])]), {
      message: 'Given groups=1, weight of size [64, 3, 7, 7], expected input[N, 4, 224, 224] to have 3 channels, but got 4 channels instead',
    });
    assert.throws(() => torchFunction('torch.cat', [[new TensorV([N, 3, 28, 28]), new TensorV([N, 3, 14, 14])]], { dim: 1 }), {
      message: 'Sizes of tensors must match except in dimension 1. Expected size 28 but got size 14 for tensor number 1 in the list.',
    });
  });
});

describe('constructor binding', () => {
  it('names positionals, fills defaults and lists them, ignores device and dtype', () => {
    const conv = layer('Conv2d', [3, 64, 3], { device: 'cuda', dtype: null });
    assert.deepEqual(conv.defaultsUsed, ['stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode']);
    assert.equal(conv.args.kernel_size, 3);
    assert.equal(layer('Conv2d', [3, 64, 3, 1, 1, 1, 1, true, 'zeros', 'cpu', null]).args.padding, 1);
    assert.equal(layer('Identity', [54], { unused: 'x' }).params(), 0);
    // PyTorch 2.x: RNN's fourth positional is nonlinearity.
    assert.equal(layer('RNN', [10, 20, 2, 'relu']).args.nonlinearity, 'relu');
    assert.equal(torchLayerRule('torch.nn.Conv2d'), TORCH_LAYERS.Conv2d);
    assert.equal(torchLayerRule('nn.Frobnicate'), undefined);
  });
  it("raises Python's TypeErrors", () => {
    assert.throws(() => layer('Bilinear', []), {
      message: "Bilinear.__init__() missing 3 required positional arguments: 'in1_features', 'in2_features', and 'out_features'",
    });
    assert.throws(() => layer('Tanh', [1]), { message: 'Tanh.__init__() takes 1 positional argument but 2 were given' });
    assert.throws(() => layer('Linear', [3, 4], { bias: false, biass: true }), { message: "Linear.__init__() got an unexpected keyword argument 'biass'" });
  });
  it('a layer passed as an argument is a LayerInstanceArg', () => {
    const inner = { __layer__: 'TransformerEncoderLayer', args: layer('TransformerEncoderLayer', [64, 4, 128]).args };
    assert.ok(isLayerInstance(inner));
    assert.ok(!isLayerInstance(new TensorV([1])));
    const enc = layer('TransformerEncoder', [inner, 2], { norm: { __layer__: 'LayerNorm', args: layer('LayerNorm', [64]).args } });
    assert.equal(enc.params(), 2 * 33472 + 128);
    assert.throws(() => layer('TransformerEncoder', ['not a layer', 2]).params(), ComputeError);
  });
});

describe('layers newer than PyTorch 1.13 (by hand)', () => {
  it('RMSNorm, LayerNorm(bias=False), Transformer layers with bias=False', () => {
    assert.equal(layer('RMSNorm', [64]).params(), 64);
    assert.equal(layer('RMSNorm', [[4, 4]], { elementwise_affine: false }).params(), 0);
    assert.equal(layer('LayerNorm', [64], { bias: false }).params(), 64);
    // MHA without biases 4·64², FFN 2·64·128 without biases, two LayerNorms of 64 weights.
    assert.equal(layer('TransformerEncoderLayer', [64, 4, 128], { bias: false }).params(), 4 * 4096 + 2 * 64 * 128 + 2 * 64);
  });
  it('ZeroPad1d/3d, CircularPad2d, LPPool3d', () => {
    assert.deepEqual(shapeOf(layer('ZeroPad1d', [2]).run([new TensorV([1, 2, 4])]).out), [1, 2, 8]);
    assert.deepEqual(shapeOf(layer('ZeroPad3d', [1]).run([new TensorV([1, 1, 2, 2, 2])]).out), [1, 1, 4, 4, 4]);
    assert.deepEqual(shapeOf(layer('CircularPad2d', [[1, 1, 2, 0]]).run([new TensorV([1, 1, 3, 3])]).out), [1, 1, 5, 5]);
    assert.deepEqual(shapeOf(layer('LPPool3d', [2, 2]).run([new TensorV([1, 2, 4, 4, 4])]).out), [1, 2, 2, 2, 2]);
  });
});

describe('receptive-field rules', () => {
  const spatial = (shape: Dim[]) =>
    new TensorV(
      shape,
      shape.slice(2).map(() => ({ size: 1, jump: 1, left: 0 })),
    );
  it('windows, transposed windows, global pools, padding', () => {
    assert.deepEqual(layer('Conv2d', [3, 8, 7, 2, 3]).run([spatial([1, 3, 32, 32])]).rf, {
      kind: 'window',
      kernel: [7, 7],
      stride: [2, 2],
      padding: [3, 3],
      dilation: [1, 1],
    });
    // padding='same' with an even kernel puts the extra zero after: left = ⌊d·(k−1)/2⌋.
    assert.deepEqual((layer('Conv1d', [3, 8, 4], { padding: 'same' }).run([spatial([1, 3, 32])]).rf as { padding: number[] }).padding, [1]);
    assert.deepEqual(layer('ConvTranspose2d', [8, 4, 4, 2, 1]).run([spatial([1, 8, 8, 8])]).rf, {
      kind: 'window',
      kernel: [4, 4],
      stride: [2, 2],
      padding: [1, 1],
      dilation: [1, 1],
      transposed: true,
    });
    assert.deepEqual(layer('AdaptiveAvgPool2d', [1]).run([spatial([1, 8, 7, 7])]).rf, { kind: 'global' });
    assert.deepEqual(layer('AdaptiveAvgPool2d', [7]).run([spatial([1, 8, 14, 14])]).rf, {
      kind: 'window',
      kernel: [2, 2],
      stride: [2, 2],
      padding: [0, 0],
      dilation: [1, 1],
    });
    // ZeroPad2d((left, right, top, bottom)): output o reads input o − top on H, o − left on W.
    assert.deepEqual(layer('ZeroPad2d', [[1, 1, 2, 0]]).run([spatial([1, 3, 5, 5])]).rf, {
      kind: 'window',
      kernel: [1, 1],
      stride: [1, 1],
      padding: [2, 1],
      dilation: [1, 1],
    });
    assert.deepEqual(layer('PixelShuffle', [2]).run([spatial([1, 8, 4, 4])]).rf, {
      kind: 'window',
      kernel: [2, 2],
      stride: [2, 2],
      padding: [0, 0],
      dilation: [1, 1],
      transposed: true,
    });
  });
  it('Linear: none on features, same per position (channels-last, tokens), global across a spatial last axis', () => {
    assert.deepEqual(layer('Linear', [20, 30]).run([new TensorV([N, 20])]).rf, { kind: 'none' });
    assert.deepEqual(layer('Linear', [20, 30]).run([new TensorV([N, 7, 7, 20])]).rf, { kind: 'same' });
    assert.deepEqual(layer('Linear', [20, 30]).run([spatial([N, 3, 7, 20])]).rf, { kind: 'global' });
    assert.deepEqual(layer('Flatten', []).run([spatial([N, 3, 7, 7])]).rf, { kind: 'none' });
    assert.deepEqual(layer('MultiheadAttention', [64, 8]).run([new TensorV([10, 2, 64])]).rf, { kind: 'global' });
  });
  it('tensor ops: reductions, permutes, slices', () => {
    const x = spatial([N, 8, 16, 16]);
    assert.deepEqual(tensorMethod(x, 'mean', [[2, 3]], {})!.rf, { kind: 'global' });
    assert.deepEqual(tensorMethod(x, 'mean', [1], {})!.rf, { kind: 'same' });
    assert.deepEqual(tensorMethod(x, 'permute', [0, 2, 3, 1], {})!.rf, { kind: 'none' });
    assert.deepEqual(tensorMethod(x, 'transpose', [0, 1], {})!.rf, { kind: 'same' });
    assert.deepEqual(tensorMethod(x, 'view', [new SymDim(N), 2, 4, 16, 16], {})!.rf, { kind: 'same' });
    assert.deepEqual(indexTensor(x, [SLICE, SLICE, new SliceArg(2, null), new SliceArg(null, null, 2)]).rf, {
      kind: 'window',
      kernel: [1, 1],
      stride: [1, 2],
      padding: [-2, -0],
      dilation: [1, 1],
    });
    assert.deepEqual(indexTensor(x, [SLICE, SLICE, 0]).rf, { kind: 'none' });
    assert.deepEqual(indexTensor(x, [ELLIPSIS, new SliceArg(null, null)]).rf, { kind: 'same' });
  });
  describe('interpolation, against autograd (resampleFields)', () => {
    for (const f of fixture.resampleFields) {
      it(`${f.mode} ×${+f.scale.toFixed(3)}`, () => {
        const r = torchFunction('F.interpolate', [new TensorV([1, 1, f.inSize])], { scale_factor: f.scale, mode: f.mode === 'bicubic' ? 'linear' : f.mode })!;
        // bicubic needs a 4-D input in PyTorch; its rule is read on the last axis.
        const rule =
          f.mode === 'bicubic' ? torchFunction('F.interpolate', [new TensorV([1, 1, 1, f.inSize])], { scale_factor: [1, f.scale], mode: 'bicubic' })!.rf : r.rf;
        assert.equal(rule.kind, 'window');
        if (rule.kind !== 'window') return;
        const i = rule.kernel.length - 1;
        const [k, s, p] = [rule.kernel[i], rule.stride[i], rule.padding[i]];
        let compared = 0;
        f.spans.forEach((span, o) => {
          // Output o of a window reads o·s − p … o·s − p + k − 1; of a transposed one, ⌈(o + p − k + 1)/s⌉ … ⌊(o + p)/s⌋.
          const [lo, hi] = rule.transposed ? [Math.ceil((o + p - k + 1) / s), Math.floor((o + p) / s)] : [o * s - p, o * s - p + k - 1];
          if (lo < 1 || hi > f.inSize - 2 || !span) return; // borders clamp PyTorch's reads
          compared++;
          // Bicubic, and linear ×odd, land some outputs exactly on an input, where PyTorch's
          // rounding of 1/s decides whether a zero-weight neighbour is read: the rule holds both.
          if (f.mode === 'bicubic' || (f.mode === 'linear' && f.scale === 3))
            assert.ok(lo <= span[0] && span[1] <= hi, `output ${o}: [${lo}, ${hi}] holds [${span}]`);
          else assert.deepEqual([lo, hi], span, `output ${o}`);
        });
        assert.ok(compared > 3);
      });
    }
  });
});

describe('names the table does not know', () => {
  it('returns undefined so the caller can warn', () => {
    assert.equal(torchFunction('F.frobnicate', [new TensorV([1])], {}), undefined);
    assert.equal(torchFunction('numpy.mean', [new TensorV([1])], {}), undefined);
    assert.equal(tensorMethod(new TensorV([1]), 'frobnicate', [], {}), undefined);
  });
});

/** PyTorch 1.13 messages we replace with the current (2.x) wording. */
const DELIBERATE: Record<string, string> = {
  // 1.13 unsqueezes a 4-D input before checking it and reports 5 dimensions.
  'input must have 3 dimensions, got 5': 'LSTM: Expected input to be 2D or 3D, got 4D instead',
};
