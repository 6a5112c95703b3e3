/**
 * Fast forward convolution: picks the loop-by-definition reference, the implicit GEMM or the FFT
 * path by a cost model calibrated on this engine (see `estimateCosts`), or the method the caller
 * forces. Transposed convolutions and pooling always run on the reference (direct.ts).
 *
 * Every method computes the same function (PyTorch's cross-correlation with padding modes,
 * stride, dilation and groups); they differ in rounding only. Sums are float64 throughout; the
 * `float32` precision stores inputs, weights and outputs as Float32Array.
 */
import { fail } from '../errors';
import { numel, type Tensor } from '../tensor';
import { layerOutShape } from './analyze';
import { runLayer, weightShape } from './direct';
import { convFft, fftGrid, fftSpectrumBins, MAX_SPECTRUM_BINS } from './fft';
import { convGemm } from './gemm';
import { checkPaddingMode, convGeometry, padInput, type ConvGeometry, type Real, type RealArrayConstructor } from './geometry';
import type { ConvLayer } from './layer';

export type { Real } from './geometry';
export type ConvMethod = 'direct' | 'gemm' | 'fft';
export type ConvPrecision = 'float64' | 'float32';

export interface FastConvOptions {
  /** Force a method; 'auto' (the default) lets the cost model choose. */
  method?: ConvMethod | 'auto';
  /** Storage precision of the result (and of the copies the kernels read). Default float64. */
  precision?: ConvPrecision;
}

/** A tensor in either precision. */
export interface RealTensor {
  readonly shape: readonly number[];
  readonly data: Real;
}

/** Estimated milliseconds per method for one layer and input shape (Infinity: not possible). */
export interface ConvCosts {
  direct: number;
  gemm: number;
  fft: number;
}

/*
 * Cost model, nanoseconds per unit of work, measured with bench/calibrate-conv.mjs on a 2-core
 * AMD EPYC (Node 20, V8 11). Only ratios matter for the choice.
 */
/** Reference loop nest, per multiply-add (border tests and padding-mode look-ups included). */
const NS_DIRECT_MAC = 3.0;
/** Implicit GEMM 4×4 register block, per multiply-add. */
const NS_GEMM_MAC = 0.5;
/** Implicit GEMM 1×8 block (fewer than 4 output channels per group: depthwise), per multiply-add. */
const NS_GEMM1_MAC = 0.8;
/** Writing the padded input and the output, per sample. */
const NS_COPY = 1.5;
/** One real FFT of a grid of G samples costs NS_FFT · G · log2(G). */
const NS_FFT = 1.2;
/** One complex multiply-add in the spectrum product. */
const NS_SPECTRUM_MAC = 1.5;
/** Fixed cost of setting up a fast path (allocation, tables, packing). */
const NS_SETUP = 20_000;

/** The cost model: estimated time of each method for `layer` on an input of `inShape`. */
export function estimateCosts(layer: ConvLayer, inShape: readonly number[]): ConvCosts {
  if (layer.family !== 'conv') return { direct: 0, gemm: Infinity, fft: Infinity };
  const outShape = layerOutShape(layer, inShape);
  const geom = convGeometry(layer, inShape, outShape);
  const { batch, cIn, groups, cInG, cOutG } = geom;
  const outputs = numel(outShape);
  const macs = outputs * cInG * numel(geom.kernel);
  const copies = batch * cIn * numel(geom.padded) + outputs;
  const perMac = cOutG >= 4 ? NS_GEMM_MAC : NS_GEMM1_MAC;
  const gemm = NS_SETUP + macs * perMac + copies * NS_COPY;
  const G = numel(fftGrid(geom));
  const bins = G / 2 + G / fftGrid(geom)[2];
  const transforms = groups * (batch * cInG + cOutG * cInG + batch * cOutG);
  const fft =
    fftSpectrumBins(geom) > MAX_SPECTRUM_BINS
      ? Infinity
      : NS_SETUP + transforms * NS_FFT * G * Math.log2(G) + groups * batch * cOutG * cInG * bins * NS_SPECTRUM_MAC + copies * NS_COPY;
  return { direct: (macs * NS_DIRECT_MAC) / 1e6, gemm: gemm / 1e6, fft: fft / 1e6 };
}

/** The method the cost model picks for `layer` on an input of `inShape`. */
export function chooseConvMethod(layer: ConvLayer, inShape: readonly number[]): ConvMethod {
  if (layer.family !== 'conv') return 'direct';
  const c = estimateCosts(layer, inShape);
  if (c.fft < c.gemm && c.fft < c.direct) return 'fft';
  return c.gemm <= c.direct ? 'gemm' : 'direct';
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
 * A forward convolution in either precision: the input, weight and bias may be Float64Array or
 * Float32Array; the result is Float32Array when `precision` is 'float32', else Float64Array.
 * Other layer kinds (transposed convolution, pooling) run on the reference in float64.
 */
export function convForward(layer: ConvLayer, input: RealTensor, weight?: RealTensor, bias?: RealTensor, options: FastConvOptions = {}): RealTensor {
  const Type: RealArrayConstructor = options.precision === 'float32' ? Float32Array : Float64Array;
  const requested = options.method ?? 'auto';
  const method = requested === 'auto' ? chooseConvMethod(layer, input.shape) : requested;
  if (layer.family !== 'conv' || method === 'direct') {
    const f64 = (t: RealTensor | undefined): Tensor | undefined => t && { shape: t.shape, data: asType(t.data, Float64Array) as Float64Array };
    const out = runLayer(layer, f64(input) as Tensor, f64(weight), f64(bias));
    return { shape: out.shape, data: asType(out.data, Type) };
  }
  const outShape = layerOutShape(layer, input.shape);
  const w = checkParam(weight, weightShape(layer), 'weight', layer.op);
  const b = layer.bias ? checkParam(bias, [layer.out_channels], 'bias', layer.op) : undefined;
  checkPaddingMode(layer, input.shape.slice(2));
  const geom: ConvGeometry = convGeometry(layer, input.shape, outShape);
  const xp = padInput(geom, layer.padding_mode, input.data, Type);
  const wData = layer.flip_kernel ? flipSpatial(w, Type) : asType(w.data, Type);
  const bData = b && asType(b.data, Type);
  const data = method === 'fft' ? convFft(geom, xp, wData, bData, Type) : convGemm(geom, xp, wData, bData, Type);
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
