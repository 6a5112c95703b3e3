/**
 * PyTorch's conv and pooling constructors: their positional argument order and defaults, so a
 * call such as `nn.Conv2d(3, 64, 7, 2, 3)` maps to named arguments with the defaults listed.
 */
import type { ConvLayerJson } from '../conv/layer';
import type { Literal } from './python';

interface Signature {
  op: string;
  /** Argument names in PyTorch's positional order. */
  params: readonly string[];
  /** Defaults of the optional arguments (`null` is PyTorch's None). */
  defaults: Readonly<Record<string, Literal>>;
}

const CONV = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode'] as const;
const CONV_DEFAULTS = { stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros' };
const CONV_T = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode'] as const;
const CONV_T_DEFAULTS = { ...CONV_DEFAULTS, output_padding: 0 };
const MAX_POOL = ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'] as const;
const MAX_POOL_DEFAULTS = { stride: null, padding: 0, dilation: 1, return_indices: false, ceil_mode: false };
const AVG_POOL = ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'] as const;
const AVG_POOL_DEFAULTS = { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null };

const BN = ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'] as const;
const BN_DEFAULTS = { eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true };

/** Class name (the last part of the dotted callee) → signature. */
export const TORCH_LAYERS: Readonly<Record<string, Signature>> = {
  Conv1d: { op: 'conv1d', params: CONV, defaults: CONV_DEFAULTS },
  Conv2d: { op: 'conv2d', params: CONV, defaults: CONV_DEFAULTS },
  Conv3d: { op: 'conv3d', params: CONV, defaults: CONV_DEFAULTS },
  ConvTranspose1d: { op: 'conv_transpose1d', params: CONV_T, defaults: CONV_T_DEFAULTS },
  ConvTranspose2d: { op: 'conv_transpose2d', params: CONV_T, defaults: CONV_T_DEFAULTS },
  ConvTranspose3d: { op: 'conv_transpose3d', params: CONV_T, defaults: CONV_T_DEFAULTS },
  MaxPool1d: { op: 'max_pool1d', params: MAX_POOL, defaults: MAX_POOL_DEFAULTS },
  MaxPool2d: { op: 'max_pool2d', params: MAX_POOL, defaults: MAX_POOL_DEFAULTS },
  MaxPool3d: { op: 'max_pool3d', params: MAX_POOL, defaults: MAX_POOL_DEFAULTS },
  AvgPool1d: { op: 'avg_pool1d', params: AVG_POOL, defaults: AVG_POOL_DEFAULTS },
  AvgPool2d: { op: 'avg_pool2d', params: AVG_POOL, defaults: AVG_POOL_DEFAULTS },
  AvgPool3d: { op: 'avg_pool3d', params: AVG_POOL, defaults: AVG_POOL_DEFAULTS },
  ReLU: { op: 'relu', params: ['inplace'], defaults: { inplace: false } },
  ReLU6: { op: 'relu6', params: ['inplace'], defaults: { inplace: false } },
  GELU: { op: 'gelu', params: ['approximate'], defaults: { approximate: 'none' } },
  Tanh: { op: 'tanh', params: [], defaults: {} },
  Sigmoid: { op: 'sigmoid', params: [], defaults: {} },
  SiLU: { op: 'silu', params: ['inplace'], defaults: { inplace: false } },
  ELU: { op: 'elu', params: ['alpha', 'inplace'], defaults: { alpha: 1, inplace: false } },
  LeakyReLU: { op: 'leaky_relu', params: ['negative_slope', 'inplace'], defaults: { negative_slope: 0.01, inplace: false } },
  Softmax: { op: 'softmax', params: ['dim'], defaults: { dim: null } },
  Dropout: { op: 'dropout', params: ['p', 'inplace'], defaults: { p: 0.5, inplace: false } },
  Dropout1d: { op: 'dropout', params: ['p', 'inplace'], defaults: { p: 0.5, inplace: false } },
  Dropout2d: { op: 'dropout', params: ['p', 'inplace'], defaults: { p: 0.5, inplace: false } },
  Dropout3d: { op: 'dropout', params: ['p', 'inplace'], defaults: { p: 0.5, inplace: false } },
  Identity: { op: 'identity', params: [], defaults: {} },
  BatchNorm1d: { op: 'batch_norm1d', params: BN, defaults: BN_DEFAULTS },
  BatchNorm2d: { op: 'batch_norm2d', params: BN, defaults: BN_DEFAULTS },
  BatchNorm3d: { op: 'batch_norm3d', params: BN, defaults: BN_DEFAULTS },
  Flatten: { op: 'flatten', params: ['start_dim', 'end_dim'], defaults: { start_dim: 1, end_dim: -1 } },
  Linear: { op: 'linear', params: ['in_features', 'out_features', 'bias'], defaults: { bias: true } },
  AdaptiveAvgPool1d: { op: 'adaptive_avg_pool1d', params: ['output_size'], defaults: {} },
  AdaptiveAvgPool2d: { op: 'adaptive_avg_pool2d', params: ['output_size'], defaults: {} },
  AdaptiveAvgPool3d: { op: 'adaptive_avg_pool3d', params: ['output_size'], defaults: {} },
  AdaptiveMaxPool1d: { op: 'adaptive_max_pool1d', params: ['output_size', 'return_indices'], defaults: { return_indices: false } },
  AdaptiveMaxPool2d: { op: 'adaptive_max_pool2d', params: ['output_size', 'return_indices'], defaults: { return_indices: false } },
  AdaptiveMaxPool3d: { op: 'adaptive_max_pool3d', params: ['output_size', 'return_indices'], defaults: { return_indices: false } },
};

/** Prefixes under which the classes above live (`nn.Conv2d`, `torch.nn.Conv2d`, bare `Conv2d`). */
const MODULE_PREFIXES = ['', 'nn.', 'torch.nn.'];

export function torchLayerSignature(callee: string): Signature | undefined {
  const dot = callee.lastIndexOf('.');
  const prefix = callee.slice(0, dot + 1);
  const name = callee.slice(dot + 1);
  return MODULE_PREFIXES.includes(prefix) && Object.hasOwn(TORCH_LAYERS, name) ? TORCH_LAYERS[name] : undefined;
}

export interface BoundArguments {
  layer: ConvLayerJson;
  defaultsUsed: string[];
}

/** Bind literal arguments to names, fill the defaults, and drop those that do not shape the result. */
export function bindTorchLayer(sig: Signature, positional: Literal[], keywords: Map<string, Literal>): BoundArguments {
  if (positional.length > sig.params.length) {
    throw new Error(`${sig.op} takes at most ${sig.params.length} positional arguments, got ${positional.length}.`);
  }
  const values: Record<string, Literal> = {};
  positional.forEach((v, i) => (values[sig.params[i]] = v));
  for (const [name, v] of keywords) {
    if (!sig.params.includes(name) && !['device', 'dtype'].includes(name)) {
      throw new Error(`${sig.op} has no argument "${name}".`);
    }
    if (Object.hasOwn(values, name)) throw new Error(`${sig.op} got "${name}" twice.`);
    values[name] = v;
  }
  const defaultsUsed: string[] = [];
  for (const name of sig.params) {
    if (Object.hasOwn(values, name)) continue;
    if (!Object.hasOwn(sig.defaults, name)) throw new Error(`${sig.op} is missing the required argument "${name}".`);
    values[name] = sig.defaults[name];
    defaultsUsed.push(name);
  }
  const layer: ConvLayerJson = { op: sig.op };
  for (const name of sig.params) {
    const v = values[name];
    // None means "the default" for these arguments (stride=None → kernel size for pooling).
    if ((v === null && name !== 'output_size') || name === 'return_indices' || name === 'inplace') continue;
    layer[name] = v;
  }
  return { layer, defaultsUsed };
}
