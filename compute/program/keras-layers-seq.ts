/**
 * Keras sequence layers: SimpleRNN, LSTM, GRU, the Bidirectional wrapper, and MultiHeadAttention.
 *
 * Recurrent parameters, for input features F and `units` u (g gates: SimpleRNN 1, GRU 3, LSTM 4):
 *   kernel F·g·u  +  recurrent_kernel u·g·u  +  bias g·u,
 * except GRU with reset_after=True (the Keras 3 / TF 2 default), whose bias has shape (2, 3·u):
 * separate input and recurrent biases, 2·3·u. MACs per sample: T·g·u·(F + u) for T time steps.
 *
 * Inputs are (batch, T, F). return_sequences gives (batch, T, u), else (batch, u); return_state
 * adds the final states: [output, h] (SimpleRNN, GRU) or [output, h, c] (LSTM).
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardOut, ForwardResult, LayerRule } from './table-types';
import { isLayerInstance } from './table-types';
import { checkRank, kerasShape, type KerasLayerRule } from './keras-args';
import { knownChannels, lazyParams } from './keras-layers-conv';
import { boolArg, isNone, macCount, mulDim, prodDims, sizeArg } from './torch-dims';
import { num, TensorV, type Arg, type Dim } from './values';

type Cell = 'SimpleRNN' | 'LSTM' | 'GRU';
const GATES: Record<Cell, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };

const RNN_TAIL = ['dropout', 'recurrent_dropout', 'seed', 'return_sequences', 'return_state', 'go_backwards', 'stateful', 'unroll'];
const RNN_TAIL_DEFAULTS = {
  dropout: 0.0,
  recurrent_dropout: 0.0,
  seed: null,
  return_sequences: false,
  return_state: false,
  go_backwards: false,
  stateful: false,
  unroll: false,
};
const REGS = [
  'kernel_regularizer',
  'recurrent_regularizer',
  'bias_regularizer',
  'activity_regularizer',
  'kernel_constraint',
  'recurrent_constraint',
  'bias_constraint',
];
const REG_DEFAULTS = Object.fromEntries(REGS.map((r) => [r, null]));
const INITS = { kernel_initializer: 'glorot_uniform', recurrent_initializer: 'orthogonal', bias_initializer: 'zeros' };

/** Keras 3 signatures, in order (tf.keras 2 differs only after `recurrent_dropout`: no `seed`, plus `time_major`). */
const SIGNATURES: Record<Cell, { params: string[]; defaults: BoundArgs }> = {
  SimpleRNN: {
    params: ['units', 'activation', 'use_bias', 'kernel_initializer', 'recurrent_initializer', 'bias_initializer', ...REGS, ...RNN_TAIL],
    defaults: { activation: 'tanh', use_bias: true, ...INITS, ...REG_DEFAULTS, ...RNN_TAIL_DEFAULTS },
  },
  LSTM: {
    params: [
      'units',
      'activation',
      'recurrent_activation',
      'use_bias',
      'kernel_initializer',
      'recurrent_initializer',
      'bias_initializer',
      'unit_forget_bias',
      ...REGS,
      ...RNN_TAIL,
      'use_cudnn',
    ],
    defaults: {
      activation: 'tanh',
      recurrent_activation: 'sigmoid',
      use_bias: true,
      ...INITS,
      unit_forget_bias: true,
      ...REG_DEFAULTS,
      ...RNN_TAIL_DEFAULTS,
      use_cudnn: 'auto',
    },
  },
  GRU: {
    params: [
      'units',
      'activation',
      'recurrent_activation',
      'use_bias',
      'kernel_initializer',
      'recurrent_initializer',
      'bias_initializer',
      ...REGS,
      ...RNN_TAIL,
      'reset_after',
      'use_cudnn',
    ],
    defaults: {
      activation: 'tanh',
      recurrent_activation: 'sigmoid',
      use_bias: true,
      ...INITS,
      ...REG_DEFAULTS,
      ...RNN_TAIL_DEFAULTS,
      reset_after: true,
      use_cudnn: 'auto',
    },
  },
};

/** Weights of one recurrent layer on F input features. */
function rnnParams(cell: Cell, a: BoundArgs, features: number): number {
  const u = num(a.units, 'units');
  const g = GATES[cell];
  const biases = !boolArg(a.use_bias, 'use_bias') ? 0 : cell === 'GRU' && boolArg(a.reset_after, 'reset_after') ? 2 * g * u : g * u;
  return features * g * u + u * g * u + biases;
}

/** Output(s) of one recurrent layer on (batch, T, F), and its MACs. */
function rnnOutputs(cell: Cell, a: BoundArgs, x: TensorV): { outs: TensorV[]; macs: number | null } {
  checkRank(cell, x.shape, 3, 'ndim');
  const [n, t, f] = x.shape;
  const u = sizeArg(a.units, 'units');
  const y = new TensorV(boolArg(a.return_sequences, 'return_sequences') ? [n, t, u] : [n, u]);
  const states = boolArg(a.return_state, 'return_state') ? Array.from({ length: cell === 'LSTM' ? 2 : 1 }, () => new TensorV([n, u])) : [];
  // Each step multiplies the input (F) and the previous state (u) into g·u gate pre-activations.
  return { outs: [y, ...states], macs: macCount([n, t, GATES[cell], u, typeof f === 'number' && typeof u === 'number' ? f + u : `${f}+${u}`]) };
}

function rnnRule(cell: Cell): KerasLayerRule {
  const { params, defaults } = SIGNATURES[cell];
  return {
    op: cell.toLowerCase(),
    params: [...params, 'time_major'],
    defaults: { ...defaults, time_major: false },
    ignoredParams: [],
    check(a) {
      if (a.time_major === true)
        throw new ComputeError(`${cell}(time_major=True) (tf.keras 2) is not read: ML Lens reads Keras's (batch, time, features) inputs.`, 'time_major');
      if (typeof a.units === 'number' && (!Number.isInteger(a.units) || a.units <= 0))
        throw new ComputeError(`Received an invalid value for argument \`units\`, expected a positive integer, got ${a.units}.`, 'units');
    },
    paramCount: lazyParams(cell),
    paramCountFor: (a, [x]) => rnnParams(cell, a, knownChannels(x.shape[x.shape.length - 1], cell)),
    forward(a, [x]) {
      const { outs, macs } = rnnOutputs(cell, a, x);
      return { out: outs.length === 1 ? outs[0] : outs, macs, rf: { kind: 'none' } };
    },
  };
}

// ── Bidirectional ───────────────────────────────────────────────────────────────────────────────

let lookup: (name: string) => LayerRule | undefined = () => undefined;
/** keras-table.ts gives the table here so the wrapper can read the layer it wraps. */
export function linkKerasTable(find: (name: string) => LayerRule | undefined): void {
  lookup = find;
}

const MERGE_MODES = ['sum', 'mul', 'ave', 'concat'];

/** The recurrent layer a Bidirectional wraps, as (cell, args). */
function wrapped(v: Arg, what: string): { cell: Cell; args: BoundArgs } {
  if (!isLayerInstance(v) || !(v.__layer__ in GATES) || !lookup(v.__layer__)) {
    throw new ComputeError(
      `Please initialize \`Bidirectional\` layer with a \`keras.layers.Layer\` instance. Received: ${what}=${isLayerInstance(v) ? `<${v.__layer__}>` : String(v)} (ML Lens reads SimpleRNN, LSTM and GRU here)`,
      what,
    );
  }
  return { cell: v.__layer__ as Cell, args: v.args };
}

/**
 * Bidirectional(layer, merge_mode='concat', backward_layer=None): the layer and a copy run in
 * opposite directions; outputs merged by concat (2·u features), sum, mul, ave (u), or None (a list
 * of the two). return_state appends the forward then the backward states. Parameters: both copies.
 */
const bidirectional: KerasLayerRule = {
  op: 'bidirectional',
  params: ['layer', 'merge_mode', 'weights', 'backward_layer'],
  defaults: { merge_mode: 'concat', weights: null, backward_layer: null },
  ignoredParams: [],
  check(a) {
    wrapped(a.layer, 'layer');
    if (!isNone(a.merge_mode) && !MERGE_MODES.includes(String(a.merge_mode))) {
      throw new ComputeError(
        `Invalid merge mode. Received: ${String(a.merge_mode)}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`,
        'merge_mode',
      );
    }
  },
  paramCount: lazyParams('Bidirectional'),
  paramCountFor(a, [x]) {
    const f = knownChannels(x.shape[x.shape.length - 1], 'Bidirectional');
    const fwd = wrapped(a.layer, 'layer');
    const bwd = isNone(a.backward_layer) ? fwd : wrapped(a.backward_layer, 'backward_layer');
    return rnnParams(fwd.cell, fwd.args, f) + rnnParams(bwd.cell, bwd.args, f);
  },
  forward(a, [x]): ForwardResult {
    const fwd = wrapped(a.layer, 'layer');
    const bwd = isNone(a.backward_layer) ? fwd : wrapped(a.backward_layer, 'backward_layer');
    const f = rnnOutputs(fwd.cell, fwd.args, x);
    const b = rnnOutputs(bwd.cell, bwd.args, x);
    const [yf, ...sf] = f.outs;
    const [yb, ...sb] = b.outs;
    const mode = isNone(a.merge_mode) ? null : String(a.merge_mode);
    let merged: ForwardOut[];
    if (mode === null) merged = [yf, yb];
    else {
      const last = yf.shape.length - 1;
      const shape = [...yf.shape];
      if (mode === 'concat')
        shape[last] =
          typeof yf.shape[last] === 'number' && typeof yb.shape[last] === 'number'
            ? (yf.shape[last] as number) + (yb.shape[last] as number)
            : mulDim(yf.shape[last], 2);
      merged = [new TensorV(shape)];
    }
    const outs: ForwardOut[] = [...merged, ...sf, ...sb];
    const macs = f.macs === null || b.macs === null ? null : f.macs + b.macs;
    return { out: outs.length === 1 ? (outs[0] as TensorV) : outs, macs, rf: { kind: 'none' } };
  },
};

// ── MultiHeadAttention ──────────────────────────────────────────────────────────────────────────

/**
 * keras.layers.MultiHeadAttention(num_heads H, key_dim k, value_dim v = k, use_bias, output_shape).
 * Called as mha(query, value, key=value). With query features Dq, key Dk, value Dv and output
 * features O (output_shape, else Dq), its four EinsumDense projections hold
 *   query:  Dq·H·k + H·k      key:   Dk·H·k + H·k
 *   value:  Dv·H·v + H·v      output: H·v·O + O
 * (biases only with use_bias=True). Output: query's shape with the last axis O. MACs per sample
 * for T query and S key positions: T·Dq·H·k + S·Dk·H·k + S·Dv·H·v (projections) + H·T·S·k
 * (scores) + H·T·S·v (weighted values) + T·H·v·O (output projection).
 */
function mhaInputs(inputs: TensorV[], kw: BoundArgs | undefined): { q: TensorV; v: TensorV; k: TensorV } {
  const pick = (i: number, name: string): TensorV | undefined => inputs[i] ?? (kw?.[name] instanceof TensorV ? (kw[name] as TensorV) : undefined);
  const q = pick(0, 'query');
  const v = pick(1, 'value');
  if (!q || !v) throw new ComputeError("MultiHeadAttention.call() missing 1 required positional argument: 'value'");
  return { q, v, k: pick(2, 'key') ?? v };
}

function outFeatures(a: BoundArgs, q: TensorV): Dim[] {
  if (isNone(a.output_shape)) return [q.shape[q.shape.length - 1]];
  return (Array.isArray(a.output_shape) ? a.output_shape : [a.output_shape]).map((d) => sizeArg(d, 'output_shape'));
}

const multiHeadAttention: KerasLayerRule = {
  op: 'multi_head_attention',
  params: ['num_heads', 'key_dim', 'value_dim', 'dropout', 'use_bias', 'output_shape', 'attention_axes', 'flash_attention'],
  defaults: { value_dim: null, dropout: 0.0, use_bias: true, output_shape: null, attention_axes: null, flash_attention: null },
  ignoredParams: [
    'kernel_initializer',
    'bias_initializer',
    'kernel_regularizer',
    'bias_regularizer',
    'activity_regularizer',
    'kernel_constraint',
    'bias_constraint',
    'seed',
  ],
  paramCount: lazyParams('MultiHeadAttention'),
  paramCountFor(a, inputs) {
    const { q, v, k } = mhaInputs(inputs, undefined);
    const h = num(a.num_heads, 'num_heads');
    const kd = num(a.key_dim, 'key_dim');
    const vd = isNone(a.value_dim) ? kd : num(a.value_dim, 'value_dim');
    const feat = (t: TensorV) => knownChannels(t.shape[t.shape.length - 1], 'MultiHeadAttention');
    const o = outFeatures(a, q).reduce<number>((p, d) => p * knownChannels(d, 'MultiHeadAttention'), 1);
    const bias = boolArg(a.use_bias, 'use_bias');
    const proj = (din: number, dout: number) => din * dout + (bias ? dout : 0);
    return proj(feat(q), h * kd) + proj(feat(k), h * kd) + proj(feat(v), h * vd) + proj(h * vd, o);
  },
  forward(a, inputs, kw) {
    const { q, v, k } = mhaInputs(inputs, kw);
    if (
      v.shape.length !== k.shape.length ||
      v.shape.slice(1, -1).some((d, i) => typeof d === 'number' && typeof k.shape[i + 1] === 'number' && d !== k.shape[i + 1])
    ) {
      throw new ComputeError(
        `All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${kerasShape(v.shape)} and key_shape=${kerasShape(k.shape)}`,
      );
    }
    const h = sizeArg(a.num_heads, 'num_heads');
    const kd = sizeArg(a.key_dim, 'key_dim');
    const vd = isNone(a.value_dim) ? kd : sizeArg(a.value_dim, 'value_dim');
    const o = outFeatures(a, q);
    const out = new TensorV([...q.shape.slice(0, -1), ...o]);
    const n = q.shape[0];
    const tq = prodDims(q.shape.slice(1, -1));
    const sk = prodDims(v.shape.slice(1, -1));
    const last = (t: TensorV) => t.shape[t.shape.length - 1];
    const terms = [
      macCount([n, tq, last(q), h, kd]),
      macCount([n, sk, last(k), h, kd]),
      macCount([n, sk, last(v), h, vd]),
      macCount([n, h, tq, sk, kd]),
      macCount([n, h, tq, sk, vd]),
      macCount([n, tq, h, vd, prodDims(o)]),
    ];
    // Explicit attention_axes attend over some axes only; the score count above assumes all.
    const macs = !isNone(a.attention_axes) || terms.some((t) => t === null) ? null : terms.reduce<number>((s, t) => s + (t as number), 0);
    const scores = kw?.return_attention_scores === true ? [new TensorV([n, h, tq, sk])] : [];
    const rfAxes = Array.from({ length: q.shape.length - 2 }, (_, i) => i + 1);
    return { out: scores.length ? [out, ...scores] : out, macs, rf: { kind: 'global', axes: rfAxes } };
  },
};

export const KERAS_SEQ_LAYERS: Record<string, KerasLayerRule> = {
  SimpleRNN: rnnRule('SimpleRNN'),
  LSTM: rnnRule('LSTM'),
  GRU: rnnRule('GRU'),
  Bidirectional: bidirectional,
  MultiHeadAttention: multiHeadAttention,
};
