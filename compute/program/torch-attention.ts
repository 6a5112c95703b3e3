/**
 * Attention layers: MultiheadAttention and the Transformer family.
 *
 * MultiheadAttention with embed_dim E, h heads, key/value widths kdim, vdim (E by default):
 *   params = in-projections (3E² packed, or E² + E·kdim + E·vdim) + 3E biases + out-projection
 *            E² + E, + 2E for add_bias_kv (bias=False drops every bias).
 *   MACs per sample, for L queries and S keys = Q, K, V projections L·E² + S·kdim·E + S·vdim·E,
 *            QKᵀ and AV over all heads 2·L·S′·E (h heads × L·S′·E/h each), out-projection L·E²;
 *            S′ = S + 1 for add_bias_kv, + 1 for add_zero_attn (the extra key and value).
 * A Transformer layer adds the feed-forward block: Linear(E, F) and Linear(F, E), 2·rows·E·F MACs.
 * The receptive field of attention is `global`: every query reads every key.
 */
import { ComputeError } from '../errors';
import { isLayerInstance, type BoundArgs, type ForwardOut, type ForwardResult, type LayerRule } from './table-types';
import { addConst, boolArg, count, isNone, knownDifferent, macCount, makeRule, mulDim, sizeArg, sumMacs } from './torch-dims';
import { num, TensorV, type Arg, type Dim } from './values';

/** The table, for layers passed as arguments (set by torch-table.ts, which imports this file). */
let lookup: (name: string) => LayerRule | undefined = () => undefined;
export function linkLayerTable(find: (name: string) => LayerRule | undefined): void {
  lookup = find;
}

// ── MultiheadAttention ──────────────────────────────────────────────────────────────────────────

interface Mha {
  e: Dim;
  heads: Dim;
  kdim: Dim;
  vdim: Dim;
  bias: boolean;
  biasKv: boolean;
  zeroAttn: boolean;
  batchFirst: boolean;
}

function mhaOf(a: BoundArgs): Mha {
  const e = sizeArg(a.embed_dim, 'embed_dim');
  return {
    e,
    heads: sizeArg(a.num_heads, 'num_heads'),
    kdim: isNone(a.kdim) ? e : sizeArg(a.kdim, 'kdim'),
    vdim: isNone(a.vdim) ? e : sizeArg(a.vdim, 'vdim'),
    bias: boolArg(a.bias, 'bias'),
    biasKv: boolArg(a.add_bias_kv, 'add_bias_kv'),
    zeroAttn: boolArg(a.add_zero_attn, 'add_zero_attn'),
    batchFirst: boolArg(a.batch_first, 'batch_first'),
  };
}

function mhaParams(a: BoundArgs): number {
  const e = count(a.embed_dim, 'embed_dim');
  const k = isNone(a.kdim) ? e : count(a.kdim, 'kdim');
  const v = isNone(a.vdim) ? e : count(a.vdim, 'vdim');
  const bias = boolArg(a.bias, 'bias');
  const inProj = e * e + e * k + e * v + (bias ? 3 * e : 0);
  const outProj = e * e + (bias ? e : 0);
  return inProj + outProj + (boolArg(a.add_bias_kv, 'add_bias_kv') ? 2 * e : 0);
}

const torchSize = (t: TensorV) => `torch.Size([${t.shape.join(', ')}])`;

/** Keys added by add_bias_kv (a learned one) and add_zero_attn (a zero one). */
const extraKeys = (m: Mha): number => (m.biasKv ? 1 : 0) + (m.zeroAttn ? 1 : 0);

/** MACs of one attention call for batch n, l queries and s keys (see the header). */
function attentionMacs(m: Mha, n: Dim, l: Dim, s: Dim): number | null {
  return sumMacs([
    macCount([n, l, m.e, m.e]),
    macCount([n, s, m.kdim, m.e]),
    macCount([n, s, m.vdim, m.e]),
    macCount([2, n, l, addConst(s, extraKeys(m)), m.e]),
    macCount([n, l, m.e, m.e]),
  ]);
}

/** Sequence length and batch of a (L, N, E) / (N, L, E) / unbatched (L, E) tensor. */
function seqBatch(t: TensorV, batchFirst: boolean): { len: Dim; batch: Dim; batched: boolean } {
  if (t.shape.length === 2) return { len: t.shape[0], batch: 1, batched: false };
  return batchFirst ? { len: t.shape[1], batch: t.shape[0], batched: true } : { len: t.shape[0], batch: t.shape[1], batched: true };
}

export function mhaForward(a: BoundArgs, inputs: TensorV[], kw?: BoundArgs): ForwardResult {
  const m = mhaOf(a);
  const [query, key = query, value = key] = inputs;
  const rank = query.shape.length;
  if (rank !== 2 && rank !== 3) throw new ComputeError(`query should be unbatched 2D or batched 3D tensor but received ${rank}-D query tensor`);
  const qe = query.shape[rank - 1];
  if (knownDifferent(qe, m.e)) throw new ComputeError(`was expecting embedding dimension of ${m.e}, but got ${qe}`);
  const packed = m.kdim === m.e && m.vdim === m.e;
  if (packed && (key.shape.length !== value.shape.length || key.shape.some((d, i) => knownDifferent(d, value.shape[i])))) {
    throw new ComputeError(`key shape ${torchSize(key)} does not match value shape ${torchSize(value)}`);
  }
  if (!packed && key.shape.slice(0, -1).some((d, i) => knownDifferent(d, value.shape[i]))) {
    throw new ComputeError(`key's sequence and batch dims ${key.shape.slice(0, -1).join(', ')} do not match value's ${value.shape.slice(0, -1).join(', ')}`);
  }
  const q = seqBatch(query, m.batchFirst);
  const k = seqBatch(key, m.batchFirst);
  const keyWidth = key.shape[key.shape.length - 1];
  if (knownDifferent(keyWidth, m.kdim)) {
    throw new ComputeError(`mat1 and mat2 shapes cannot be multiplied (${mulDim(k.len, k.batch)}x${keyWidth} and ${m.kdim}x${m.e})`);
  }
  if (knownDifferent(k.batch, q.batch) && typeof m.e === 'number' && typeof m.heads === 'number') {
    // PyTorch reshapes the keys with the query's batch size and fails there.
    throw new ComputeError(
      `shape '[${k.len}, ${mulDim(q.batch, m.heads)}, ${m.e / m.heads}]' is invalid for input of size ${mulDim(mulDim(k.len, k.batch), m.e)}`,
    );
  }
  const output = new TensorV(query.shape.slice(0, -1).concat([m.e]));
  const sPrime = addConst(k.len, extraKeys(m));
  const needWeights = kw?.need_weights === undefined ? true : boolArg(kw.need_weights, 'need_weights');
  const average = kw?.average_attn_weights === undefined ? true : boolArg(kw.average_attn_weights, 'average_attn_weights');
  const perHead = average ? [q.len, sPrime] : [m.heads, q.len, sPrime];
  // attn_weights are (N, L, S) whatever batch_first says. With need_weights=False PyTorch returns
  // None; ForwardOut has no None, so an empty tuple stands for it.
  const weights: ForwardOut = needWeights ? new TensorV(q.batched ? [q.batch, ...perHead] : perHead) : [];
  return { out: [output, weights], macs: attentionMacs(m, q.batch, q.len, k.len), rf: { kind: 'global' } };
}

const MHA = makeRule(
  'multi_head_attention',
  ['embed_dim', 'num_heads', 'dropout', 'bias', 'add_bias_kv', 'add_zero_attn', 'kdim', 'vdim', 'batch_first'],
  { dropout: 0.0, bias: true, add_bias_kv: false, add_zero_attn: false, kdim: null, vdim: null, batch_first: false },
  {
    factory: true,
    check: (a) => {
      const e = num(a.embed_dim, 'embed_dim');
      const h = num(a.num_heads, 'num_heads');
      if (e <= 0 || h <= 0) throw new ComputeError(`embed_dim and num_heads must be greater than 0, got embed_dim=${e} and num_heads=${h} instead`);
      if (e % h !== 0) throw new ComputeError('embed_dim must be divisible by num_heads');
    },
    paramCount: mhaParams,
    forward: mhaForward,
  },
);

// ── Transformer layers ──────────────────────────────────────────────────────────────────────────

const LAYER_PARAMS = ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first', 'bias'];
const LAYER_DEFAULTS = { dim_feedforward: 2048, dropout: 0.1, activation: 'relu', layer_norm_eps: 1e-5, batch_first: false, norm_first: false, bias: true };

/** The MultiheadAttention inside a Transformer layer. */
const innerMha = (a: BoundArgs): BoundArgs => ({
  embed_dim: a.d_model,
  num_heads: a.nhead,
  dropout: a.dropout,
  bias: a.bias,
  add_bias_kv: false,
  add_zero_attn: false,
  kdim: null,
  vdim: null,
  batch_first: a.batch_first,
});

/** Two linears E→F→E with biases, and `norms` LayerNorms of 2E (E without bias). */
function blockParams(a: BoundArgs, attentions: number, norms: number): number {
  const e = count(a.d_model, 'd_model');
  const f = count(a.dim_feedforward, 'dim_feedforward');
  const bias = boolArg(a.bias, 'bias');
  const ffn = 2 * e * f + (bias ? e + f : 0);
  return attentions * mhaParams(innerMha(a)) + ffn + norms * (bias ? 2 * e : e);
}

/** The feed-forward block's MACs: rows · (E·F + F·E). */
const ffnMacs = (a: BoundArgs, x: TensorV) =>
  macCount([...x.shape.slice(0, -1), 2, sizeArg(a.d_model, 'd_model'), sizeArg(a.dim_feedforward, 'dim_feedforward')]);

function encoderLayerForward(a: BoundArgs, [src]: TensorV[]): ForwardResult {
  const attn = mhaForward(innerMha(a), [src, src, src], { need_weights: false });
  return { out: new TensorV(src.shape), macs: sumMacs([attn.macs, ffnMacs(a, src)]), rf: { kind: 'global' } };
}

function decoderLayerForward(a: BoundArgs, [tgt, memory]: TensorV[]): ForwardResult {
  const mha = innerMha(a);
  const self = mhaForward(mha, [tgt, tgt, tgt], { need_weights: false });
  const cross = mhaForward(mha, [tgt, memory ?? tgt, memory ?? tgt], { need_weights: false });
  return { out: new TensorV(tgt.shape), macs: sumMacs([self.macs, cross.macs, ffnMacs(a, tgt)]), rf: { kind: 'global' } };
}

const ENCODER_LAYER = makeRule('transformer_encoder_layer', LAYER_PARAMS, LAYER_DEFAULTS, {
  factory: true,
  check: (a) => MHA.check?.(innerMha(a)),
  // Self-attention, the feed-forward block, two LayerNorms.
  paramCount: (a) => blockParams(a, 1, 2),
  forward: encoderLayerForward,
});

const DECODER_LAYER = makeRule('transformer_decoder_layer', LAYER_PARAMS, LAYER_DEFAULTS, {
  factory: true,
  check: (a) => MHA.check?.(innerMha(a)),
  // Self-attention, cross-attention, the feed-forward block, three LayerNorms.
  paramCount: (a) => blockParams(a, 2, 3),
  forward: decoderLayerForward,
});

/** A layer given as a constructor argument (see LayerInstanceArg). */
function instance(v: Arg, what: string): { rule: LayerRule; args: BoundArgs } {
  if (!isLayerInstance(v)) throw new ComputeError(`${what} must be a built-in layer such as nn.TransformerEncoderLayer(...), not ${String(v)}`, what);
  const rule = lookup(v.__layer__);
  if (!rule) throw new ComputeError(`${what}: nn.${v.__layer__} is not a layer this table knows`, what);
  return { rule, args: v.args };
}

/** num_layers copies of a layer, then an optional norm. */
function stackRule(op: string, layerArg: string, params: string[], defaults: BoundArgs): LayerRule {
  return makeRule(op, params, defaults, {
    paramCount: (a) => {
      const layer = instance(a[layerArg], layerArg);
      const norm = isNone(a.norm) ? 0 : instance(a.norm, 'norm').rule.paramCount(instance(a.norm, 'norm').args);
      return num(a.num_layers, 'num_layers') * layer.rule.paramCount(layer.args) + norm;
    },
    forward: (a, inputs, kw) => {
      const layer = instance(a[layerArg], layerArg);
      const [x, ...rest] = inputs;
      let out = x;
      const macs: (number | null)[] = [];
      for (let i = 0; i < num(a.num_layers, 'num_layers'); i++) {
        const r = layer.rule.forward(layer.args, [out, ...rest], kw);
        macs.push(r.macs);
        out = r.out instanceof TensorV ? r.out : out;
      }
      if (!isNone(a.norm)) {
        const norm = instance(a.norm, 'norm');
        out = norm.rule.forward(norm.args, [out]).out as TensorV;
      }
      return { out, macs: sumMacs(macs), rf: { kind: 'global' } };
    },
  });
}

const ENCODER = stackRule('transformer_encoder', 'encoder_layer', ['encoder_layer', 'num_layers', 'norm', 'enable_nested_tensor', 'mask_check'], {
  norm: null,
  enable_nested_tensor: true,
  mask_check: true,
});
const DECODER = stackRule('transformer_decoder', 'decoder_layer', ['decoder_layer', 'num_layers', 'norm'], { norm: null });

/** nn.Transformer: an encoder stack and a decoder stack, each ending in a LayerNorm. */
const TRANSFORMER = makeRule(
  'transformer',
  [
    'd_model',
    'nhead',
    'num_encoder_layers',
    'num_decoder_layers',
    'dim_feedforward',
    'dropout',
    'activation',
    'custom_encoder',
    'custom_decoder',
    'layer_norm_eps',
    'batch_first',
    'norm_first',
    'bias',
  ],
  {
    d_model: 512,
    nhead: 8,
    num_encoder_layers: 6,
    num_decoder_layers: 6,
    dim_feedforward: 2048,
    dropout: 0.1,
    activation: 'relu',
    custom_encoder: null,
    custom_decoder: null,
    layer_norm_eps: 1e-5,
    batch_first: false,
    norm_first: false,
    bias: true,
  },
  {
    factory: true,
    check: (a) => MHA.check?.(innerMha(a)),
    paramCount: (a) => {
      const e = count(a.d_model, 'd_model');
      const norm = boolArg(a.bias, 'bias') ? 2 * e : e;
      return (
        num(a.num_encoder_layers, 'num_encoder_layers') * blockParams(a, 1, 2) +
        norm +
        num(a.num_decoder_layers, 'num_decoder_layers') * blockParams(a, 2, 3) +
        norm
      );
    },
    forward: (a, [src, tgt]) => {
      const batchFirst = boolArg(a.batch_first, 'batch_first');
      const target = tgt ?? src;
      const s = seqBatch(src, batchFirst);
      const t = seqBatch(target, batchFirst);
      if (s.batched && knownDifferent(s.batch, t.batch)) throw new ComputeError('the batch number of src and tgt must be equal');
      const d = sizeArg(a.d_model, 'd_model');
      if ([src, target].some((x) => knownDifferent(x.shape[x.shape.length - 1], d)))
        throw new ComputeError('the feature number of src and tgt must be equal to d_model');
      const enc = encoderLayerForward(a, [src]).macs;
      const dec = decoderLayerForward(a, [target, src]).macs;
      const macs = sumMacs([
        enc === null ? null : enc * num(a.num_encoder_layers, 'num_encoder_layers'),
        dec === null ? null : dec * num(a.num_decoder_layers, 'num_decoder_layers'),
      ]);
      return { out: new TensorV(target.shape), macs, rf: { kind: 'global' } };
    },
  },
);

export const ATTENTION_LAYERS: Readonly<Record<string, LayerRule>> = {
  MultiheadAttention: MHA,
  TransformerEncoderLayer: ENCODER_LAYER,
  TransformerDecoderLayer: DECODER_LAYER,
  TransformerEncoder: ENCODER,
  TransformerDecoder: DECODER,
  Transformer: TRANSFORMER,
};
