/**
 * nn layers that slide a window or resample along the spatial axes: convolutions, pooling,
 * padding, upsampling, pixel shuffle, fold/unfold. Argument checks and parameter counts reuse
 * compute/conv (normalizeLayer, layerParams); shapes come from torch-window.ts.
 */
import { ComputeError } from '../errors';
import { normalizeLayer, type ConvLayer } from '../conv/layer';
import { layerParams } from '../conv/analyze';
import type { BoundArgs, LayerRule } from './table-types';
import { boolArg, count, divDim, intArg, makeRule, plain, sizeArg } from './torch-dims';
import {
  adaptiveForward,
  convForward,
  foldForward,
  interpolateForward,
  padForward,
  pixelShuffleForward,
  pixelUnshuffleForward,
  poolForward,
  poolWindow,
  unfoldForward,
  withBatch,
  type ConvSpec,
} from './torch-window';
import { num, TensorV, tuple, type Arg } from './values';

// ── Convolution ─────────────────────────────────────────────────────────────────────────────────

const CONV = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode'];
const CONV_T = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode'];
const CONV_DEFAULTS = { stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros' };
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

/**
 * The layer as compute/conv normalizes it. Symbolic channel counts (`x.size(1)`, an unknown) are
 * replaced by `groups` there, which only the parameter count would read (and it asks for numbers).
 */
function convLayer(a: BoundArgs, op: string, transposed: boolean, channels: 'numbers' | 'placeholders'): ConvLayer {
  const groups = intArg(a.groups, 'groups');
  const channel = (v: Arg, what: string) => (channels === 'numbers' ? count(v, what) : typeof v === 'number' ? v : groups);
  return normalizeLayer({
    op,
    in_channels: channel(a.in_channels, 'in_channels'),
    out_channels: channel(a.out_channels, 'out_channels'),
    kernel_size: plain(a.kernel_size, 'kernel_size') as number | number[],
    stride: plain(a.stride, 'stride') as number | number[],
    padding: plain(a.padding, 'padding') as number | number[] | 'same' | 'valid',
    dilation: plain(a.dilation, 'dilation') as number | number[],
    groups,
    bias: boolArg(a.bias, 'bias'),
    ...(transposed ? { output_padding: plain(a.output_padding, 'output_padding') as number | number[] } : {}),
    padding_mode: String(a.padding_mode),
  });
}

function convSpec(a: BoundArgs, op: string, dims: number, transposed: boolean): ConvSpec {
  const layer = convLayer(a, op, transposed, 'placeholders');
  const inC = sizeArg(a.in_channels, 'in_channels');
  const outC = sizeArg(a.out_channels, 'out_channels');
  const g = layer.groups;
  const per = (c: typeof inC) => divDim(c, g);
  return {
    op,
    dims,
    transposed,
    inC,
    outC,
    weight: transposed ? [inC, per(outC), ...layer.kernel_size] : [outC, per(inC), ...layer.kernel_size],
    kernel: layer.kernel_size,
    stride: layer.stride,
    dilation: layer.dilation,
    padding: layer.padding,
    outputPadding: layer.output_padding,
    groups: g,
  };
}

/** The checks of PyTorch's _ConvNd.__init__, in its words. */
function checkConv(a: BoundArgs, transposed: boolean, cls: string): void {
  const groups = num(a.groups, 'groups');
  if (groups <= 0) throw new ComputeError('groups must be a positive integer');
  if (typeof a.in_channels === 'number' && a.in_channels % groups !== 0) throw new ComputeError('in_channels must be divisible by groups');
  if (typeof a.out_channels === 'number' && a.out_channels % groups !== 0) throw new ComputeError('out_channels must be divisible by groups');
  if (typeof a.padding === 'string') {
    if (a.padding !== 'same' && a.padding !== 'valid') throw new ComputeError(`Invalid padding string '${a.padding}', should be one of {'valid', 'same'}`);
    const strides = Array.isArray(a.stride) ? a.stride : [a.stride];
    if (a.padding === 'same' && strides.some((s) => num(s, 'stride') !== 1)) {
      throw new ComputeError("padding='same' is not supported for strided convolutions");
    }
  }
  if (!PADDING_MODES.includes(String(a.padding_mode))) {
    throw new ComputeError(`padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${a.padding_mode}'`);
  }
  if (transposed && a.padding_mode !== 'zeros') throw new ComputeError(`Only "zeros" padding mode is supported for ${cls}`);
}

function convRule(dims: number, transposed: boolean): LayerRule {
  const op = `${transposed ? 'conv_transpose' : 'conv'}${dims}d`;
  const cls = `${transposed ? 'ConvTranspose' : 'Conv'}${dims}d`;
  return makeRule(op, transposed ? CONV_T : CONV, transposed ? { ...CONV_DEFAULTS, output_padding: 0 } : CONV_DEFAULTS, {
    factory: true,
    check: (a) => checkConv(a, transposed, cls),
    // Weight (C_out, C_in/g, *k) or (C_in, C_out/g, *k), plus C_out biases.
    paramCount: (a) => layerParams(convLayer(a, op, transposed, 'numbers')),
    forward: (a, [x]) => convForward(convSpec(a, op, dims, transposed), x),
  });
}

// ── Pooling ─────────────────────────────────────────────────────────────────────────────────────

function maxPoolRule(dims: number): LayerRule {
  const op = `max_pool${dims}d`;
  return makeRule(
    op,
    ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'],
    { stride: null, padding: 0, dilation: 1, return_indices: false, ceil_mode: false },
    {
      forward: (a, [x]) =>
        poolForward(
          {
            op,
            dims,
            ...poolWindow(dims, a.kernel_size, a.stride, a.padding, a.dilation),
            ceilMode: boolArg(a.ceil_mode, 'ceil_mode'),
            returnIndices: boolArg(a.return_indices, 'return_indices'),
          },
          x,
        ),
    },
  );
}

function avgPoolRule(dims: number): LayerRule {
  const op = `avg_pool${dims}d`;
  const params = ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', ...(dims > 1 ? ['divisor_override'] : [])];
  const defaults = { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, ...(dims > 1 ? { divisor_override: null } : {}) };
  return makeRule(op, params, defaults, {
    forward: (a, [x]) =>
      poolForward(
        { op, dims, ...poolWindow(dims, a.kernel_size, a.stride, a.padding, 1), ceilMode: boolArg(a.ceil_mode, 'ceil_mode'), returnIndices: false },
        x,
      ),
  });
}

/** LPPool: (Σ x^p)^(1/p) over each window, computed by PyTorch as an avg_pool without padding. */
function lpPoolRule(dims: number): LayerRule {
  return makeRule(
    `lp_pool${dims}d`,
    ['norm_type', 'kernel_size', 'stride', 'ceil_mode'],
    { stride: null, ceil_mode: false },
    {
      forward: (a, [x]) =>
        poolForward(
          {
            op: `avg_pool${dims}d`,
            dims,
            ...poolWindow(dims, a.kernel_size, a.stride, 0, 1),
            ceilMode: boolArg(a.ceil_mode, 'ceil_mode'),
            returnIndices: false,
          },
          x,
        ),
    },
  );
}

function adaptiveRule(kind: 'avg' | 'max', dims: number): LayerRule {
  const op = `adaptive_${kind}_pool${dims}d`;
  return makeRule(op, kind === 'max' ? ['output_size', 'return_indices'] : ['output_size'], kind === 'max' ? { return_indices: false } : {}, {
    forward: (a, [x]) => adaptiveForward(op, dims, a.output_size, x, kind === 'max' && boolArg(a.return_indices, 'return_indices')),
  });
}

// ── Padding ─────────────────────────────────────────────────────────────────────────────────────

/** A module's padding: an int for every side, or 2·dims values (last axis first: left, right, top, bottom, …). */
function sides(v: Arg, dims: number): number[] {
  return tuple(v, 2 * dims, 'padding');
}

function padRule(kind: 'zero' | 'constant' | 'reflection' | 'replication' | 'circular', dims: number): LayerRule {
  const mode = { zero: 'constant', constant: 'constant', reflection: 'reflect', replication: 'replicate', circular: 'circular' }[kind];
  const params = kind === 'constant' ? ['padding', 'value'] : ['padding'];
  return makeRule(
    `${kind}_pad${dims}d`,
    params,
    {},
    {
      forward: (a, [x]) => {
        if (mode !== 'constant')
          withBatch(
            x,
            dims,
            () =>
              `Expected ${dims + 1}D or ${dims + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${x.shape.length}D`,
          );
        return padForward(x, sides(a.padding, dims), mode);
      },
    },
  );
}

// ── Resampling ──────────────────────────────────────────────────────────────────────────────────

const upsample =
  (mode: string | ((a: BoundArgs) => string)): LayerRule['forward'] =>
  (a, [x]) =>
    interpolateForward(x, a.size, a.scale_factor, typeof mode === 'string' ? mode : mode(a));

const UPSAMPLE_RULES: Record<string, LayerRule> = {
  Upsample: makeRule(
    'upsample',
    ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'],
    { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null },
    {
      forward: upsample((a) => String(a.mode)),
    },
  ),
  UpsamplingNearest2d: makeRule('upsample_nearest2d', ['size', 'scale_factor'], { size: null, scale_factor: null }, { forward: upsample('nearest') }),
  UpsamplingBilinear2d: makeRule('upsample_bilinear2d', ['size', 'scale_factor'], { size: null, scale_factor: null }, { forward: upsample('bilinear') }),
  PixelShuffle: makeRule('pixel_shuffle', ['upscale_factor'], {}, { forward: (a, [x]) => pixelShuffleForward(x, num(a.upscale_factor, 'upscale_factor')) }),
  PixelUnshuffle: makeRule(
    'pixel_unshuffle',
    ['downscale_factor'],
    {},
    { forward: (a, [x]) => pixelUnshuffleForward(x, num(a.downscale_factor, 'downscale_factor')) },
  ),
  ChannelShuffle: makeRule(
    'channel_shuffle',
    ['groups'],
    {},
    {
      forward: (a, [x]) => {
        const g = num(a.groups, 'groups');
        const c = x.shape[1];
        if (typeof c === 'number' && c % g !== 0) throw new ComputeError(`Number of channels must be divisible by groups. Got ${c} channels and ${g} groups.`);
        return { out: new TensorV(x.shape), macs: 0, rf: { kind: 'same' } };
      },
    },
  ),
  Unfold: makeRule(
    'unfold',
    ['kernel_size', 'dilation', 'padding', 'stride'],
    { dilation: 1, padding: 0, stride: 1 },
    {
      forward: (a, [x]) =>
        unfoldForward(
          x,
          tuple(a.kernel_size, 2, 'kernel_size'),
          tuple(a.dilation, 2, 'dilation'),
          tuple(a.padding, 2, 'padding'),
          tuple(a.stride, 2, 'stride'),
        ),
    },
  ),
  Fold: makeRule(
    'fold',
    ['output_size', 'kernel_size', 'dilation', 'padding', 'stride'],
    { dilation: 1, padding: 0, stride: 1 },
    {
      forward: (a, [x]) =>
        foldForward(
          x,
          tuple(a.output_size, 2, 'output_size'),
          tuple(a.kernel_size, 2, 'kernel_size'),
          tuple(a.dilation, 2, 'dilation'),
          tuple(a.padding, 2, 'padding'),
          tuple(a.stride, 2, 'stride'),
        ),
    },
  ),
};

// ── The table part ──────────────────────────────────────────────────────────────────────────────

export const SPATIAL_LAYERS: Record<string, LayerRule> = { ...UPSAMPLE_RULES };
for (const d of [1, 2, 3]) {
  SPATIAL_LAYERS[`Conv${d}d`] = convRule(d, false);
  SPATIAL_LAYERS[`ConvTranspose${d}d`] = convRule(d, true);
  SPATIAL_LAYERS[`MaxPool${d}d`] = maxPoolRule(d);
  SPATIAL_LAYERS[`AvgPool${d}d`] = avgPoolRule(d);
  SPATIAL_LAYERS[`LPPool${d}d`] = lpPoolRule(d);
  SPATIAL_LAYERS[`AdaptiveAvgPool${d}d`] = adaptiveRule('avg', d);
  SPATIAL_LAYERS[`AdaptiveMaxPool${d}d`] = adaptiveRule('max', d);
  SPATIAL_LAYERS[`ZeroPad${d}d`] = padRule('zero', d);
  SPATIAL_LAYERS[`ConstantPad${d}d`] = padRule('constant', d);
  SPATIAL_LAYERS[`ReflectionPad${d}d`] = padRule('reflection', d);
  SPATIAL_LAYERS[`ReplicationPad${d}d`] = padRule('replication', d);
  SPATIAL_LAYERS[`CircularPad${d}d`] = padRule('circular', d);
}
