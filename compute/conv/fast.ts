/**
 * Fast convolution: picks the loop-by-definition reference (direct.ts), the implicit GEMM
 * (gemm.ts), Winograd F(2×2, 3×3) (winograd.ts) or the FFT path (fft.ts) by a cost model
 * calibrated on this engine (cost.ts), or runs the method the caller forces. Transposed
 * convolutions run as the equivalent stride-1 convolution (transposed.ts); pooling always runs on
 * the reference.
 *
 * Every method computes the same function (PyTorch's cross-correlation with padding modes,
 * stride, dilation and groups); they differ in rounding only. Sums are float64 throughout; the
 * `float32` precision stores inputs, weights and outputs as Float32Array.
 */
import { fail } from '../errors';
import { checkShape, numel, type Tensor } from '../tensor';
import { layerOutShape } from './analyze';
import { runLayer, weightShape } from './direct';
import { chooseConvMethod, winogradTile, type ConvMethod } from './cost';
import { convFft } from './fft';
import { convGemm } from './gemm';
import { transposedGeometry, transposedWeights, upsamplePad } from './transposed';
import { convWinograd, winogradApplies, type WinogradTile } from './winograd';
import { checkPaddingMode, convGeometry, padInput, type ConvGeometry, type Real, type RealArrayConstructor } from './geometry';
import type { ConvLayer } from './layer';

export type { Real } from './geometry';
export { chooseConvMethod, estimateCosts, COST_NS, type ConvCosts, type ConvMethod } from './cost';
export { releaseScratch } from './scratch';
export type { WinogradTile } from './winograd';
export type ConvPrecision = 'float64' | 'float32';

export interface FastConvOptions {
  /** Force a method; 'auto' (the default) lets the cost model choose. */
  method?: ConvMethod | 'auto';
  /** Storage precision of the result (and of the copies the kernels read). Default float64. */
  precision?: ConvPrecision;
  /** Winograd output block: F(2×2, 3×3) or F(4×4, 3×3); default: the cheaper by the cost model. */
  winogradTile?: WinogradTile;
}

/** A tensor in either precision. */
export interface RealTensor {
  readonly shape: readonly number[];
  readonly data: Real;
}

function checkParam(t: RealTensor | undefined, expected: number[], what: string, op: string): RealTensor {
  if (!t) fail(`${op} needs a ${what} tensor of shape [${expected.join(', ')}] to compute values.`, what);
  if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
    fail(`${op} ${what} has shape [${t.shape.join(', ')}] but should have [${expected.join(', ')}].`, what);
  }
  return t;
}

function asType(data: Real, Type: RealArrayConstructor): Real {
  return data instanceof Type ? data : Type.from(data);
}

/**
 * The weight reversed along every spatial axis (`flip_kernel`: true convolution instead of
 * cross-correlation). Reversing all axes of a row-major block reverses the block, so each
 * (out, in) filter is reversed as a flat run.
 */
function flipSpatial(w: RealTensor, Type: RealArrayConstructor): Real {
  const volume = numel(w.shape.slice(2));
  const out = new Type(w.data.length);
  for (let base = 0; base < out.length; base += volume) {
    for (let i = 0; i < volume; i++) out[base + i] = w.data[base + volume - 1 - i];
  }
  return out;
}

/**
 * A convolution or transposed convolution in either precision: the input, weight and bias may be
 * Float64Array or Float32Array; the result is Float32Array when `precision` is 'float32', else
 * Float64Array. Pooling (and method 'direct') runs on the reference in float64.
 */
export function convForward(layer: ConvLayer, input: RealTensor, weight?: RealTensor, bias?: RealTensor, options: FastConvOptions = {}): RealTensor {
  const Type: RealArrayConstructor = options.precision === 'float32' ? Float32Array : Float64Array;
  const requested = options.method ?? 'auto';
  const method = requested === 'auto' ? chooseConvMethod(layer, input.shape) : requested;
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  if (!isConv || method === 'direct') {
    const f64 = (t: RealTensor | undefined): Tensor | undefined => t && { shape: t.shape, data: asType(t.data, Float64Array) as Float64Array };
    const out = runLayer(layer, f64(input) as Tensor, f64(weight), f64(bias));
    return { shape: out.shape, data: asType(out.data, Type) };
  }
  const outShape = layerOutShape(layer, input.shape);
  checkShape(outShape, 'output');
  const w = checkParam(weight, weightShape(layer), 'weight', layer.op);
  const b = layer.bias ? checkParam(bias, [layer.out_channels], 'bias', layer.op) : undefined;
  let geom: ConvGeometry;
  let xp: Real;
  let wData: Real;
  if (layer.family === 'conv') {
    checkPaddingMode(layer, input.shape.slice(2));
    geom = convGeometry(layer, input.shape, outShape);
    xp = padInput(geom, layer.padding_mode, input.data, Type);
    wData = layer.flip_kernel ? flipSpatial(w, Type) : asType(w.data, Type);
  } else {
    const equivalent = transposedGeometry(layer, input.shape, outShape);
    geom = equivalent.geom;
    xp = upsamplePad(geom, equivalent.up, input.data, Type);
    wData = transposedWeights(layer, w.data, Type);
  }
  const bData = b && asType(b.data, Type);
  if (method === 'winograd' && !winogradApplies(geom)) {
    const needs = layer.family === 'conv' ? '3×3 windows with stride 1 and dilation 1' : '3×3 windows with dilation 1';
    fail(
      `The Winograd method needs ${needs}; ${layer.op} has kernel ${layer.kernel_size.join('×')}, stride ${layer.stride.join('×')}, dilation ${layer.dilation.join('×')}.`,
      'method',
    );
  }
  const data =
    method === 'fft'
      ? convFft(geom, xp, wData, bData, Type)
      : method === 'winograd'
        ? convWinograd(geom, xp, wData, bData, Type, options.winogradTile ?? winogradTile(geom))
        : convGemm(geom, xp, wData, bData, Type);
  return { shape: outShape, data };
}

/**
 * Drop-in replacement for `runLayer`: same arguments and float64 result, computed by the fastest
 * method for the layer (or `options.method`).
 */
export function runLayerFast(layer: ConvLayer, input: Tensor, weight?: Tensor, bias?: Tensor, options: FastConvOptions = {}): Tensor {
  const out = convForward(layer, input, weight, bias, options);
  return { shape: out.shape, data: asType(out.data, Float64Array) as Float64Array };
}
