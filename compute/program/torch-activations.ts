/**
 * Every activation and dropout layer of torch.nn: elementwise, so the shape is unchanged, no
 * MACs, and the receptive field is `same`. The exceptions: softmax-like layers normalise along a
 * dim (a field-wide mix when that dim is spatial), GLU halves a dim, PReLU holds learned slopes.
 */
import { ComputeError } from '../errors';
import type { ForwardResult, LayerRule } from './table-types';
import { count, divDim, FACTORY, isNone, makeRule, normDim, sizeArg } from './torch-dims';
import { mixesSpatial } from './torch-layers-basic';
import { num, TensorV, type Arg, type Dim } from './values';

const pass = (x: TensorV): ForwardResult => ({ out: new TensorV(x.shape), macs: 0, rf: { kind: 'same' } });

/** PyTorch's implicit softmax dim (deprecated): 0 for 0-, 1- and 3-D inputs, else 1. */
export const implicitSoftmaxDim = (rank: number): number => ([0, 1, 3].includes(rank) ? 0 : 1);

export function softmaxForward(x: TensorV, dim: Arg): ForwardResult {
  const rank = x.shape.length;
  const d = normDim(isNone(dim) ? implicitSoftmaxDim(rank) : num(dim, 'dim'), rank);
  return { out: new TensorV(x.shape), macs: 0, rf: mixesSpatial(x, [d]) ? { kind: 'global' } : { kind: 'same' } };
}

/** GLU: a ⊗ σ(b) for the two halves of `dim`. */
export function gluForward(x: TensorV, dim: Arg): ForwardResult {
  const d = normDim(num(dim, 'dim'), x.shape.length);
  const n = x.shape[d];
  if (typeof n === 'number' && n % 2 !== 0) throw new ComputeError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  const shape: Dim[] = x.shape.map((s, i) => (i === d ? divDim(s, 2) : s));
  return { out: new TensorV(shape), macs: 0, rf: { kind: 'same' } };
}

const INPLACE = { inplace: false };
const pointwise = (op: string, params: string[] = [], defaults: Record<string, Arg> = {}): LayerRule =>
  makeRule(op, params, defaults, { forward: (_a, [x]) => pass(x) });

function dropoutRule(op: string, ranks?: [number, number]): LayerRule {
  return makeRule(
    op,
    ['p', 'inplace'],
    { p: 0.5, ...INPLACE },
    {
      check: (a) => {
        const p = num(a.p, 'p');
        if (p < 0 || p > 1) throw new ComputeError(`dropout probability has to be between 0 and 1, but got ${p}`);
      },
      forward: (_a, [x]) => {
        const rank = x.shape.length;
        if (ranks && !ranks.includes(rank)) {
          const spatial = ranks[0] - 1;
          throw new ComputeError(
            `${op}: Expected ${ranks[0]}D or ${ranks[1]}D input, but received a ${rank}D input. Note that ${op} exists to provide channel-wise dropout on inputs with ${spatial} spatial dimension${spatial > 1 ? 's' : ''}, a channel dimension, and an optional batch dimension (i.e. ${ranks[0]}D or ${ranks[1]}D inputs).`,
          );
        }
        return pass(x);
      },
    },
  );
}

export const ACTIVATION_LAYERS: Readonly<Record<string, LayerRule>> = {
  ReLU: pointwise('relu', ['inplace'], INPLACE),
  ReLU6: pointwise('relu6', ['inplace'], INPLACE),
  LeakyReLU: pointwise('leaky_relu', ['negative_slope', 'inplace'], { negative_slope: 0.01, ...INPLACE }),
  ELU: pointwise('elu', ['alpha', 'inplace'], { alpha: 1.0, ...INPLACE }),
  SELU: pointwise('selu', ['inplace'], INPLACE),
  CELU: pointwise('celu', ['alpha', 'inplace'], { alpha: 1.0, ...INPLACE }),
  GELU: pointwise('gelu', ['approximate'], { approximate: 'none' }),
  SiLU: pointwise('silu', ['inplace'], INPLACE),
  Mish: pointwise('mish', ['inplace'], INPLACE),
  Hardswish: pointwise('hardswish', ['inplace'], INPLACE),
  Hardsigmoid: pointwise('hardsigmoid', ['inplace'], INPLACE),
  Hardtanh: pointwise('hardtanh', ['min_val', 'max_val', 'inplace', 'min_value', 'max_value'], {
    min_val: -1.0,
    max_val: 1.0,
    ...INPLACE,
    min_value: null,
    max_value: null,
  }),
  Tanh: pointwise('tanh'),
  Sigmoid: pointwise('sigmoid'),
  LogSigmoid: pointwise('log_sigmoid'),
  Softplus: pointwise('softplus', ['beta', 'threshold'], { beta: 1.0, threshold: 20.0 }),
  Softsign: pointwise('softsign'),
  Tanhshrink: pointwise('tanhshrink'),
  Softshrink: pointwise('softshrink', ['lambd'], { lambd: 0.5 }),
  Hardshrink: pointwise('hardshrink', ['lambd'], { lambd: 0.5 }),
  Threshold: pointwise('threshold', ['threshold', 'value', 'inplace'], INPLACE),
  RReLU: pointwise('rrelu', ['lower', 'upper', 'inplace'], { lower: 1 / 8, upper: 1 / 3, ...INPLACE }),
  // One learned slope, or one per channel (dim 1); a slope multiply is not counted as a MAC.
  PReLU: makeRule(
    'prelu',
    ['num_parameters', 'init'],
    { num_parameters: 1, init: 0.25 },
    {
      ignoredParams: FACTORY,
      paramCount: (a) => count(a.num_parameters, 'num_parameters'),
      forward: (a, [x]) => {
        const k = sizeArg(a.num_parameters, 'num_parameters');
        const c = x.shape.length >= 2 ? x.shape[1] : 1;
        if (typeof k === 'number' && k !== 1 && typeof c === 'number' && c !== k) {
          throw new ComputeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${k} and channel size = ${c}.`);
        }
        return pass(x);
      },
    },
  ),
  Softmax: makeRule('softmax', ['dim'], { dim: null }, { forward: (a, [x]) => softmaxForward(x, a.dim) }),
  LogSoftmax: makeRule('log_softmax', ['dim'], { dim: null }, { forward: (a, [x]) => softmaxForward(x, a.dim) }),
  Softmin: makeRule('softmin', ['dim'], { dim: null }, { forward: (a, [x]) => softmaxForward(x, a.dim) }),
  // Softmax over the channels at every position of a (C, H, W) or (N, C, H, W) input.
  Softmax2d: makeRule(
    'softmax2d',
    [],
    {},
    {
      forward: (_a, [x]) => {
        if (x.shape.length !== 3 && x.shape.length !== 4) throw new ComputeError('Softmax2d requires a 3D or 4D tensor as input');
        return softmaxForward(x, -3);
      },
    },
  ),
  GLU: makeRule('glu', ['dim'], { dim: -1 }, { forward: (a, [x]) => gluForward(x, a.dim) }),
  Dropout: dropoutRule('dropout'),
  Dropout1d: dropoutRule('dropout1d', [2, 3]),
  Dropout2d: dropoutRule('dropout2d'),
  Dropout3d: dropoutRule('dropout3d', [4, 5]),
  AlphaDropout: dropoutRule('alpha_dropout'),
  FeatureAlphaDropout: dropoutRule('feature_alpha_dropout'),
};
