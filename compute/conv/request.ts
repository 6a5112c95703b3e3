/**
 * The conv part of the request/result contract (DESIGN.md, "The headless CLI"): a list of
 * PyTorch-named layers, an input shape or an input tensor, and optional weights.
 */
import { fail } from '../errors';
import { fromJson, numel, toJson, type Tensor, type TensorJson } from '../tensor';
import { analyzeLayers, type LayerAnalysis } from './analyze';
import { runLayer } from './direct';
import { normalizeLayer, type ConvLayer, type ConvLayerJson } from './layer';

export const MAX_LAYERS = 256;
/** Most multiply-accumulates (or pooling window reads) a request may ask to compute values for. */
export const MAX_VALUE_MACS = 2e9;

export interface ConvRequest {
  kind: 'conv';
  layers: ConvLayerJson[];
  /** (N, C, *spatial); taken from `input` when that is given. */
  inputShape?: number[];
  input?: TensorJson;
  [extra: string]: unknown;
}

/** A layer's arguments (per-axis arrays, defaults filled) with its shapes and costs. */
export type AnalyzedLayer = ConvLayerJson & LayerAnalysis & { defaultsUsed?: string[] };

export interface ConvResult {
  kind: 'conv';
  inputShape: number[];
  layers: AnalyzedLayer[];
  totals: { params: number; macs: number };
  output?: TensorJson;
  outputs?: TensorJson[];
}

/** The arguments of a normalized layer in the request's JSON form (per-axis arrays). */
export function layerToJson(layer: ConvLayer): ConvLayerJson {
  const common = { op: layer.op, kernel_size: layer.kernel_size, stride: layer.stride, dilation: layer.dilation };
  const padding = typeof layer.paddingSpec === 'string' ? layer.paddingSpec : layer.padding.every(([b, a]) => b === a) ? layer.padding.map(([b]) => b) : layer.padding;
  switch (layer.family) {
    case 'conv':
    case 'conv_transpose':
      return {
        ...common,
        in_channels: layer.in_channels,
        out_channels: layer.out_channels,
        padding,
        groups: layer.groups,
        bias: layer.bias,
        padding_mode: layer.padding_mode,
        ...(layer.family === 'conv_transpose' ? { output_padding: layer.output_padding } : {}),
        ...(layer.flip_kernel ? { flip_kernel: true } : {}),
      };
    case 'max_pool':
      return { ...common, padding, ceil_mode: layer.ceil_mode };
    case 'avg_pool':
      return {
        ...common,
        padding,
        ceil_mode: layer.ceil_mode,
        count_include_pad: layer.count_include_pad,
        ...(layer.divisor_override ? { divisor_override: layer.divisor_override } : {}),
      };
  }
}

function requestLayers(request: ConvRequest): ConvLayer[] {
  if (!Array.isArray(request.layers) || request.layers.length === 0) fail('A conv request needs a non-empty "layers" list.', 'layers');
  if (request.layers.length > MAX_LAYERS) fail(`A conv request may hold at most ${MAX_LAYERS} layers, not ${request.layers.length}.`, 'layers');
  return request.layers.map((raw, i) => {
    try {
      return normalizeLayer(raw);
    } catch (e) {
      if (request.layers.length > 1 && e instanceof Error) e.message = `Layer ${i + 1}: ${e.message}`;
      throw e;
    }
  });
}

/** Shapes, parameter counts, MACs and receptive fields of every layer. */
export function analyzeConvRequest(request: ConvRequest): ConvResult {
  const layers = requestLayers(request);
  const inputShape = request.input ? (request.input as TensorJson).shape : request.inputShape;
  if (!Array.isArray(inputShape)) fail('A conv request needs "inputShape" (N, C, *spatial) or an "input" tensor.', 'inputShape');
  // Shapes alone are arithmetic: any size may be analyzed. Values are limited in fromJson.
  if (inputShape.length < 3 || inputShape.some((d) => !Number.isInteger(d) || d < 1 || d > 2 ** 31)) {
    fail(`inputShape must be (N, C, *spatial) with positive integer sizes, not [${inputShape.join(', ')}].`, 'inputShape');
  }
  const analyses = analyzeLayers(inputShape, layers);
  const analyzed = layers.map((layer, i) => ({ ...request.layers[i], ...layerToJson(layer), ...analyses[i] })) as AnalyzedLayer[];
  for (const layer of analyzed) delete (layer as { weight?: unknown }).weight;
  return {
    kind: 'conv',
    inputShape: [...inputShape],
    layers: analyzed,
    totals: {
      params: analyses.reduce((s, a) => s + a.params, 0),
      macs: analyses.reduce((s, a) => s + a.macs, 0),
    },
  };
}

function optionalTensor(value: unknown, what: string): Tensor | undefined {
  return value && typeof value === 'object' ? fromJson(value, what) : undefined;
}

/** Analyze, and when the request carries an input tensor, run every layer on it. */
export function simulateConv(request: ConvRequest): ConvResult {
  const result = analyzeConvRequest(request);
  if (!request.input) return result;
  // Pooling has no MACs but reads a whole window per output; count those reads too.
  const work = result.layers.reduce((sum, l) => sum + (l.op.includes('pool') ? numel(l.outShape) * numel(l.kernel_size as number[]) : l.macs), 0);
  if (work > MAX_VALUE_MACS) {
    fail(`Computing values would take ${work.toExponential(2)} multiply-accumulates (or pooling window reads); the limit is ${MAX_VALUE_MACS.toExponential(0)}. Use a smaller input, or omit "input" to get shapes and costs only.`, 'input');
  }
  const layers = requestLayers(request);
  let x = fromJson(request.input, 'input');
  const outputs: TensorJson[] = [];
  layers.forEach((layer, i) => {
    const raw = request.layers[i];
    x = runLayer(layer, x, optionalTensor(raw.weight, `layer ${i + 1} weight`), optionalTensor(raw.bias, `layer ${i + 1} bias`));
    outputs.push(toJson(x));
  });
  return { ...result, output: outputs[outputs.length - 1], outputs };
}
