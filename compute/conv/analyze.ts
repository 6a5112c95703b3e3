/**
 * Static facts about a stack of conv/pool layers for a given input shape: output shapes,
 * parameter counts, multiply-accumulates and the receptive field, with no tensor values.
 */
import { fail } from '../errors';
import { numel } from '../tensor';
import type { ConvLayer } from './layer';
import { convOutSize, convTransposeOutSize, effectiveKernel, poolOutSize } from './shape';

export interface ReceptiveField {
  /** Input samples (per axis) that one output sample can see. */
  size: number[];
  /** Distance in input samples between neighbouring outputs (the product of strides). */
  jump: number[];
}

export interface LayerAnalysis {
  inShape: number[];
  outShape: number[];
  /** Learned weights plus biases. */
  params: number;
  /** Multiply-accumulates with weights for one forward pass of the whole batch; 0 for pooling. */
  macs: number;
  /** Receptive field of one output sample of this layer, measured on the network's input. */
  receptiveField: ReceptiveField;
}

/** Output shape of one layer for an input of shape (N, C, *spatial). */
export function layerOutShape(layer: ConvLayer, inShape: readonly number[]): number[] {
  const { dims } = layer;
  if (inShape.length !== dims + 2) {
    fail(`${layer.op} expects a ${dims + 2}-D input (N, C, ${spatialNames(dims)}) but the input has shape [${inShape.join(', ')}].`, 'inShape');
  }
  const [n, c] = inShape;
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  if (isConv && c !== layer.in_channels) {
    fail(`${layer.op} expects ${layer.in_channels} input channels but the input has ${c}.`, 'in_channels');
  }
  const spatial = inShape.slice(2).map((size, i) => {
    const k = layer.kernel_size[i];
    const s = layer.stride[i];
    const d = layer.dilation[i];
    const [pb, pa] = layer.padding[i];
    switch (layer.family) {
      case 'conv':
        if (size + pb + pa < effectiveKernel(k, d)) {
          fail(`On axis ${spatialNames(dims).split(', ')[i]} the kernel spans ${effectiveKernel(k, d)} samples but the padded input has only ${size + pb + pa}.`, 'kernel_size');
        }
        return convOutSize(size, k, s, pb, pa, d);
      case 'conv_transpose':
        return convTransposeOutSize(size, k, s, pb, pa, d, layer.output_padding[i]);
      default:
        return poolOutSize(size, k, s, pb, d, layer.ceil_mode);
    }
  });
  const bad = spatial.findIndex((o) => o <= 0);
  if (bad >= 0) {
    fail(`${layer.op} would produce an empty output (size ${spatial[bad]}) on axis ${spatialNames(dims).split(', ')[bad]} for input [${inShape.join(', ')}].`, 'inShape');
  }
  return [n, isConv ? layer.out_channels : c, ...spatial];
}

export function spatialNames(dims: number): string {
  return ['L', 'H, W', 'D, H, W'][dims - 1];
}

function layerParams(layer: ConvLayer): number {
  if (layer.family !== 'conv' && layer.family !== 'conv_transpose') return 0;
  // Conv weight: (C_out, C_in/g, *k); transposed: (C_in, C_out/g, *k). Both hold C_in·C_out/g·∏k.
  const weights = (layer.in_channels * layer.out_channels * numel(layer.kernel_size)) / layer.groups;
  return weights + (layer.bias ? layer.out_channels : 0);
}

function layerMacs(layer: ConvLayer, inShape: readonly number[], outShape: readonly number[]): number {
  const perPosition = (layer.in_channels * layer.out_channels * numel(layer.kernel_size)) / layer.groups;
  if (layer.family === 'conv') return inShape[0] * numel(outShape.slice(2)) * perPosition;
  // Each input sample of a transposed conv scatters C_out/g·∏k products per input channel.
  if (layer.family === 'conv_transpose') return inShape[0] * numel(inShape.slice(2)) * perPosition;
  return 0;
}

/**
 * Receptive field recursion (Araujo et al., "Computing receptive fields of CNNs", Distill 2019):
 * r_out = r_in + (k_eff − 1)·j_in and j_out = j_in·s. A transposed conv divides the jump by s and
 * widens the field by the most inputs any one output draws from, ⌊d·(k − 1)/s⌋ + 1.
 */
function nextReceptiveField(layer: ConvLayer, rf: ReceptiveField): ReceptiveField {
  return {
    size: rf.size.map((r, i) => {
      const span = effectiveKernel(layer.kernel_size[i], layer.dilation[i]) - 1;
      const grow = layer.family === 'conv_transpose' ? Math.floor(span / layer.stride[i]) : span;
      return r + grow * rf.jump[i];
    }),
    jump: rf.jump.map((j, i) => (layer.family === 'conv_transpose' ? j / layer.stride[i] : j * layer.stride[i])),
  };
}

/** Walk the layers from an input shape, one analysis per layer. Throws ComputeError on mismatch. */
export function analyzeLayers(inputShape: readonly number[], layers: readonly ConvLayer[]): LayerAnalysis[] {
  let shape = [...inputShape];
  const dims = Math.max(1, shape.length - 2);
  let rf: ReceptiveField = { size: Array(dims).fill(1), jump: Array(dims).fill(1) };
  return layers.map((layer, index) => {
    let outShape: number[];
    try {
      outShape = layerOutShape(layer, shape);
    } catch (e) {
      if (layers.length > 1 && e instanceof Error) e.message = `Layer ${index + 1} (${layer.op}): ${e.message}`;
      throw e;
    }
    rf = nextReceptiveField(layer, rf);
    const analysis: LayerAnalysis = {
      inShape: shape,
      outShape,
      params: layerParams(layer),
      macs: layerMacs(layer, shape, outShape),
      receptiveField: rf,
    };
    shape = outShape;
    return analysis;
  });
}
