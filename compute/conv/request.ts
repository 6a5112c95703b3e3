/**
 * The conv part of the request/result contract (docs/cli.md): a list of
 * PyTorch-named layers, an input shape or an input tensor, and optional weights.
 */
import { fail } from '../errors';
import { fromJson, numel, toJson, type Tensor, type TensorJson } from '../tensor';
import { analyzeLayers, layerMacs, layerOutShape, layerParams, receptiveFields, shapeLayerAnalysis, type LayerAnalysis, type ReceptiveField } from './analyze';
import { runLayerFast, type ConvMethod } from './fast';
import { isShapeOp, normalizeLayer, SHAPE_OPS, type ConvLayer, type ConvLayerJson } from './layer';

export const MAX_LAYERS = 256;
/** Most multiply-accumulates (or pooling window reads) a request may ask to compute values for. */
export const MAX_VALUE_MACS = 2e9;

export interface ConvRequest {
  kind: 'conv';
  layers: ConvLayerJson[];
  /** (N, C, *spatial); taken from `input` when that is given. */
  inputShape?: number[];
  input?: TensorJson;
  /** How values are computed: 'auto' (the cost model's choice) or one method, e.g. for FFT-vs-direct checks. */
  method?: ConvMethod | 'auto';
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
  const padding =
    typeof layer.paddingSpec === 'string' ? layer.paddingSpec : layer.padding.every(([b, a]) => b === a) ? layer.padding.map(([b]) => b) : layer.padding;
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

/** Conv/pool layers normalized; pass-through and reshaping layers (SHAPE_OPS) as `undefined`. */
function requestLayers(request: ConvRequest): (ConvLayer | undefined)[] {
  if (!Array.isArray(request.layers) || request.layers.length === 0) fail('A conv request needs a non-empty "layers" list.', 'layers');
  if (request.layers.length > MAX_LAYERS) fail(`A conv request may hold at most ${MAX_LAYERS} layers, not ${request.layers.length}.`, 'layers');
  return request.layers.map((raw, i) => {
    try {
      if (raw && typeof raw === 'object' && isShapeOp(raw.op)) return undefined;
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
  const hasShapeOps = layers.some((l) => !l);
  const inputShape = request.input ? (request.input as TensorJson).shape : request.inputShape;
  if (!Array.isArray(inputShape)) fail('A conv request needs "inputShape" (N, C, *spatial) or an "input" tensor.', 'inputShape');
  // Shapes alone are arithmetic: any size may be analyzed. Values are limited in fromJson.
  if (inputShape.length < (hasShapeOps ? 2 : 3) || inputShape.some((d) => !Number.isInteger(d) || d < 1 || d > 2 ** 31)) {
    fail(`inputShape must be (N, C, *spatial) with positive integer sizes, not [${inputShape.join(', ')}].`, 'inputShape');
  }
  const analyses = hasShapeOps ? analyzeMixed(inputShape, request.layers, layers) : analyzeLayers(inputShape, layers as ConvLayer[]);
  const analyzed = layers.map((layer, i) => ({ ...request.layers[i], ...(layer ? layerToJson(layer) : {}), ...analyses[i] })) as AnalyzedLayer[];
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
  const unsupported = request.layers.find((l) => isShapeOp(l.op) && !VALUE_OPS.has(l.op));
  if (unsupported) fail(`Values for ${unsupported.op} are not supported (only shapes, parameters and MACs); omit "input" to analyze the stack.`, 'input');
  // Pooling has no MACs but reads a whole window per output; count those reads too.
  const work = result.layers.reduce((sum, l) => sum + (l.op.includes('pool') ? numel(l.outShape) * numel(l.kernel_size as number[]) : l.macs), 0);
  if (work > MAX_VALUE_MACS) {
    fail(
      `Computing values would take ${work.toExponential(2)} multiply-accumulates (or pooling window reads); the limit is ${MAX_VALUE_MACS.toExponential(0)}. Use a smaller input, or omit "input" to get shapes and costs only.`,
      'input',
    );
  }
  const methods: readonly string[] = ['auto', 'direct', 'gemm', 'winograd', 'fft'];
  if (request.method !== undefined && !methods.includes(request.method)) {
    fail(`method must be one of ${methods.join(', ')}, not ${JSON.stringify(request.method)}.`, 'method');
  }
  const layers = requestLayers(request);
  let x = fromJson(request.input, 'input');
  const outputs: TensorJson[] = [];
  layers.forEach((layer, i) => {
    const raw = request.layers[i];
    // The fastest exact method for each layer (GEMM, Winograd, FFT or direct), or the one asked for.
    const weight = optionalTensor(raw.weight, `layer ${i + 1} weight`);
    const bias = optionalTensor(raw.bias, `layer ${i + 1} bias`);
    x = layer
      ? runLayerFast(layer, x, weight, bias, { method: request.method ?? 'auto' })
      : runShapeLayer(raw, x, result.layers[i].outShape, weight, bias, i + 1);
    outputs.push(toJson(x));
  });
  return { ...result, output: outputs[outputs.length - 1], outputs };
}

/**
 * Analysis of a stack that mixes conv/pool layers with pass-through and reshaping ones. The
 * receptive field passes through pointwise layers unchanged; from the first layer that mixes all
 * positions (flatten, linear, adaptive pooling) on, it is the whole input (jump 0).
 */
function analyzeMixed(inputShape: readonly number[], raws: ConvLayerJson[], layers: (ConvLayer | undefined)[]): LayerAnalysis[] {
  let shape = [...inputShape];
  const dims = inputShape.length - 2;
  const base = raws.map((raw, index) => {
    try {
      const layer = layers[index];
      let a: Omit<LayerAnalysis, 'receptiveField'>;
      if (layer) {
        const outShape = layerOutShape(layer, shape);
        a = { inShape: shape, outShape, params: layerParams(layer), macs: layerMacs(layer, shape, outShape) };
      } else {
        a = shapeLayerAnalysis(raw, shape);
      }
      shape = a.outShape;
      return a;
    } catch (e) {
      if (raws.length > 1 && e instanceof Error) e.message = `Layer ${index + 1} (${raw.op}): ${e.message}`;
      throw e;
    }
  });
  const globalAt = raws.findIndex((raw) => isShapeOp(raw.op) && SHAPE_OPS[raw.op] !== 'pointwise' && SHAPE_OPS[raw.op] !== 'batch_norm');
  const prefix = globalAt < 0 ? raws.length : globalAt;
  // Pointwise layers act as a 1-wide, stride-1 window for the receptive field.
  const unit = (): ConvLayer => normalizeLayer({ op: `max_pool${dims}d`, kernel_size: 1, stride: 1 });
  const local = dims >= 1 && dims <= 3 ? layers.slice(0, prefix).map((l) => l ?? unit()) : [];
  const fields: ReceptiveField[] = local.length ? receptiveFields(local, dims) : [];
  const whole: ReceptiveField = { size: inputShape.slice(2), jump: inputShape.slice(2).map(() => 0) };
  return base.map((a, i) => ({ ...a, receptiveField: i < prefix ? fields[i] : whole }));
}

/** Pass-through and reshaping layers whose values are computed (the others give shapes only). */
const POINTWISE: Record<string, (v: number, raw: ConvLayerJson) => number> = {
  relu: (v) => Math.max(v, 0),
  relu6: (v) => Math.min(Math.max(v, 0), 6),
  tanh: (v) => Math.tanh(v),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  silu: (v) => v / (1 + Math.exp(-v)),
  leaky_relu: (v, raw) => (v >= 0 ? v : v * (typeof raw.negative_slope === 'number' ? raw.negative_slope : 0.01)),
  elu: (v, raw) => (v > 0 ? v : (typeof raw.alpha === 'number' ? raw.alpha : 1) * Math.expm1(v)),
  // Dropout in evaluation mode (model.eval()) passes values through.
  dropout: (v) => v,
  identity: (v) => v,
};
const VALUE_OPS = new Set([...Object.keys(POINTWISE), 'flatten', 'linear']);

function runShapeLayer(raw: ConvLayerJson, x: Tensor, outShape: number[], weight: Tensor | undefined, bias: Tensor | undefined, index: number): Tensor {
  const f = POINTWISE[raw.op];
  if (f) return { shape: outShape, data: x.data.map((v) => f(v, raw)) };
  if (raw.op === 'flatten') return { shape: outShape, data: x.data };
  // linear: y = x Wᵀ + b with W of shape (out_features, in_features), as PyTorch.
  const inF = raw.in_features as number;
  const outF = raw.out_features as number;
  if (!weight || weight.shape.length !== 2 || weight.shape[0] !== outF || weight.shape[1] !== inF) {
    fail(`Layer ${index} (linear) needs a weight of shape [${outF}, ${inF}] to compute values.`, 'weight');
  }
  const withBias = raw.bias !== false;
  if (withBias && (!bias || bias.shape.length !== 1 || bias.shape[0] !== outF))
    fail(`Layer ${index} (linear) needs a bias of shape [${outF}] (or bias: false) to compute values.`, 'bias');
  const rows = x.data.length / inF;
  const data = new Float64Array(rows * outF);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outF; o++) {
      let sum = withBias ? bias!.data[o] : 0;
      for (let k = 0; k < inF; k++) sum += x.data[r * inF + k] * weight.data[o * inF + k];
      data[r * outF + o] = sum;
    }
  }
  return { shape: outShape, data };
}
