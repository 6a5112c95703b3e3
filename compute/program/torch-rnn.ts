/**
 * Recurrent layers: RNN, LSTM, GRU and their cells.
 *
 * One layer and direction holds, for G gates (RNN 1, GRU 3, LSTM 4), hidden size H and the size
 * h_out of the state fed back (H, or proj_size P for a projected LSTM):
 *   W_ih: G·H × in_l   W_hh: G·H × h_out   b_ih, b_hh: G·H each   W_hr (LSTM with P): P × H
 * where in_l is input_size for the first layer and D·h_out for the next (D = 2 when
 * bidirectional). MACs per time step and sample: Σ over layers and directions of
 * G·H·(in_l + h_out) + P·H, times sequence length and batch.
 *
 * Shapes (PyTorch 2.x docs): input (L, N, H_in), or (N, L, H_in) with batch_first, or unbatched
 * (L, H_in); output (…, D·h_out); h_n (D·num_layers, N, h_out); LSTM's c_n (D·num_layers, N, H).
 * The receptive field is `global`: each output step reads the whole sequence before it (or all of
 * it when bidirectional).
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardOut, ForwardResult, LayerRule } from './table-types';
import { boolArg, count, knownDifferent, macCount, makeRule, mulDim, sizeArg, sumMacs } from './torch-dims';
import { num, TensorV, type Dim } from './values';

type Kind = 'RNN' | 'LSTM' | 'GRU';
const GATES: Record<Kind, number> = { RNN: 1, LSTM: 4, GRU: 3 };

const RNN_PARAMS: Record<Kind, string[]> = {
  RNN: ['input_size', 'hidden_size', 'num_layers', 'nonlinearity', 'bias', 'batch_first', 'dropout', 'bidirectional'],
  LSTM: ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional', 'proj_size'],
  GRU: ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional'],
};
const RNN_DEFAULTS = { num_layers: 1, nonlinearity: 'tanh', bias: true, batch_first: false, dropout: 0.0, bidirectional: false, proj_size: 0 };

interface Sizes<T extends Dim> {
  input: T;
  hidden: T;
  /** The state fed back and output: proj_size when set, else hidden. */
  out: T;
  proj: T;
  layers: number;
  directions: number;
  gates: number;
}

function sizes(a: BoundArgs, kind: Kind, read: (v: BoundArgs[string], what: string) => Dim): Sizes<Dim> {
  const hidden = read(a.hidden_size, 'hidden_size');
  const proj = kind === 'LSTM' ? read(a.proj_size, 'proj_size') : 0;
  return {
    input: read(a.input_size, 'input_size'),
    hidden,
    out: proj === 0 ? hidden : proj,
    proj,
    layers: num(a.num_layers, 'num_layers'),
    directions: boolArg(a.bidirectional, 'bidirectional') ? 2 : 1,
    gates: GATES[kind],
  };
}

/** Per layer: [input width, weight count, MAC factors per step]. */
function perLayer(s: Sizes<Dim>, bias: boolean): { weights: Dim[]; macs: Dim[][] }[] {
  return Array.from({ length: s.layers }, (_, l) => {
    const inL = l === 0 ? s.input : mulDim(s.out, s.directions);
    const gh = mulDim(s.gates, s.hidden);
    const weights: Dim[] = [mulDim(gh, inL), mulDim(gh, s.out), ...(bias ? [mulDim(2, gh)] : []), ...(s.proj !== 0 ? [mulDim(s.proj, s.hidden)] : [])];
    const macs: Dim[][] = [[gh, inL], [gh, s.out], ...(s.proj !== 0 ? [[s.proj, s.hidden]] : [])];
    return { weights, macs };
  });
}

function rnnParams(a: BoundArgs, kind: Kind): number {
  const s = sizes(a, kind, count);
  return perLayer(s, boolArg(a.bias, 'bias')).reduce((sum, l) => sum + s.directions * l.weights.reduce<number>((t, w) => t + (w as number), 0), 0);
}

function checkRnn(a: BoundArgs, kind: Kind): void {
  if (kind === 'RNN' && a.nonlinearity !== 'tanh' && a.nonlinearity !== 'relu')
    throw new ComputeError(`Unknown nonlinearity '${a.nonlinearity}'. Select from 'tanh' or 'relu'.`);
  const dropout = num(a.dropout, 'dropout');
  if (dropout < 0 || dropout > 1) throw new ComputeError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
  if (typeof a.hidden_size === 'number' && a.hidden_size <= 0) throw new ComputeError('hidden_size must be greater than zero');
  if (num(a.num_layers, 'num_layers') <= 0) throw new ComputeError('num_layers must be greater than zero');
  if (kind === 'LSTM') {
    const p = num(a.proj_size, 'proj_size');
    if (p < 0) throw new ComputeError('proj_size should be a positive integer or zero to disable projections');
    if (typeof a.hidden_size === 'number' && p >= a.hidden_size) throw new ComputeError('proj_size has to be smaller than hidden_size');
  }
}

const showTuple = (shape: Dim[]) => `(${shape.join(', ')})`;

function rnnForward(a: BoundArgs, kind: Kind, [x, h0, c0]: TensorV[]): ForwardResult {
  const s = sizes(a, kind, sizeArg);
  const rank = x.shape.length;
  if (rank !== 2 && rank !== 3) throw new ComputeError(`${kind}: Expected input to be 2D or 3D, got ${rank}D instead`);
  const batched = rank === 3;
  const batchFirst = batched && boolArg(a.batch_first, 'batch_first');
  const [steps, batch] = !batched ? [x.shape[0], 1] : batchFirst ? [x.shape[1], x.shape[0]] : [x.shape[0], x.shape[1]];
  const features = x.shape[rank - 1];
  if (knownDifferent(features, s.input)) throw new ComputeError(`input.size(-1) must be equal to input_size. Expected ${s.input}, got ${features}`);
  const width = mulDim(s.directions, s.out);
  const output = new TensorV(!batched ? [steps, width] : batchFirst ? [batch, steps, width] : [steps, batch, width]);
  const stack = s.directions * s.layers;
  const state = (last: Dim): Dim[] => (batched ? [stack, batch, last] : [stack, last]);
  const check = (t: TensorV | undefined, expected: Dim[], name: string) => {
    if (t && (t.shape.length !== expected.length || t.shape.some((d, i) => knownDifferent(d, expected[i])))) {
      throw new ComputeError(`Expected ${name} size ${showTuple(expected)}, got [${t.shape.join(', ')}]`);
    }
  };
  check(h0, state(s.out), kind === 'LSTM' ? 'hidden[0]' : 'hidden');
  check(c0, state(s.hidden), 'hidden[1]');
  const hN = new TensorV(state(s.out));
  const out: ForwardOut[] = kind === 'LSTM' ? [output, [hN, new TensorV(state(s.hidden))]] : [output, hN];
  const perStep = perLayer(s, false).flatMap((l) => l.macs.map((f) => macCount([steps, batch, s.directions, ...f])));
  return { out, macs: sumMacs(perStep), rf: { kind: 'global' } };
}

function rnnRule(kind: Kind): LayerRule {
  const defaults = Object.fromEntries(RNN_PARAMS[kind].filter((p) => p in RNN_DEFAULTS).map((p) => [p, RNN_DEFAULTS[p as keyof typeof RNN_DEFAULTS]]));
  return makeRule(kind.toLowerCase(), RNN_PARAMS[kind], defaults, {
    factory: true,
    check: (a) => checkRnn(a, kind),
    paramCount: (a) => rnnParams(a, kind),
    forward: (a, inputs, kw) => rnnForward(a, kind, [...inputs, ...hiddenFromKeywords(kw)]),
  });
}

/** `lstm(x, hx=(h0, c0))` passes the state by keyword. */
function hiddenFromKeywords(kw?: BoundArgs): TensorV[] {
  const hx = kw?.hx;
  if (hx instanceof TensorV) return [hx];
  return Array.isArray(hx) ? hx.filter((t): t is TensorV => t instanceof TensorV) : [];
}

// ── Cells: one time step ────────────────────────────────────────────────────────────────────────

function cellRule(kind: Kind): LayerRule {
  const gates = GATES[kind];
  const params = kind === 'RNN' ? ['input_size', 'hidden_size', 'bias', 'nonlinearity'] : ['input_size', 'hidden_size', 'bias'];
  return makeRule(`${kind.toLowerCase()}_cell`, params, kind === 'RNN' ? { bias: true, nonlinearity: 'tanh' } : { bias: true }, {
    factory: true,
    // W_ih: G·H × in, W_hh: G·H × H, and two biases of G·H.
    paramCount: (a) => {
      const h = count(a.hidden_size, 'hidden_size');
      return gates * h * (count(a.input_size, 'input_size') + h) + (boolArg(a.bias, 'bias') ? 2 * gates * h : 0);
    },
    forward: (a, [x]) => {
      const rank = x.shape.length;
      if (rank !== 1 && rank !== 2) throw new ComputeError(`${kind}Cell: Expected input to be 1-D or 2-D but received ${rank}-D tensor`);
      const input = sizeArg(a.input_size, 'input_size');
      const hidden = sizeArg(a.hidden_size, 'hidden_size');
      const features = x.shape[rank - 1];
      if (knownDifferent(features, input)) throw new ComputeError(`input has inconsistent input_size: got ${features} expected ${input}`);
      const batch = rank === 2 ? x.shape[0] : 1;
      const h = new TensorV(rank === 2 ? [batch, hidden] : [hidden]);
      return {
        out: kind === 'LSTM' ? [h, new TensorV(h.shape)] : h,
        macs: sumMacs([macCount([batch, gates, hidden, input]), macCount([batch, gates, hidden, hidden])]),
        rf: { kind: 'none' },
      };
    },
  });
}

export const RNN_LAYERS: Readonly<Record<string, LayerRule>> = {
  RNN: rnnRule('RNN'),
  LSTM: rnnRule('LSTM'),
  GRU: rnnRule('GRU'),
  RNNCell: cellRule('RNN'),
  LSTMCell: cellRule('LSTM'),
  GRUCell: cellRule('GRU'),
};
