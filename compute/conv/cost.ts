/**
 * The cost model that picks a convolution method: estimated milliseconds for the reference loop
 * nest (direct), the implicit GEMM and the FFT path, from counts of their basic operations times
 * per-operation costs measured on this engine with bench/calibrate-conv.mjs. Only the ratios
 * between methods matter; the absolute numbers are for one core of a 2-core AMD EPYC VM (Node 20).
 */
import { numel } from '../tensor';
import { layerOutShape } from './analyze';
import { fftGrid, fftSpectrumBins, MAX_SPECTRUM_BINS } from './fft';
import { convGeometry, type ConvGeometry } from './geometry';
import { transposedGeometry } from './transposed';
import { winogradApplies, winogradTiles, type WinogradTile } from './winograd';
import type { ConvLayer } from './layer';

export type ConvMethod = 'direct' | 'gemm' | 'winograd' | 'fft';

/** Estimated milliseconds per method for one layer and input shape (Infinity: not possible). */
export interface ConvCosts {
  direct: number;
  gemm: number;
  winograd: number;
  fft: number;
}

/** Nanoseconds per operation. */
export const COST_NS = {
  /** Reference loop nest, per multiply-add (border tests and padding-mode look-ups included). */
  directMac: 6,
  /** Implicit GEMM, 4 output channels × 4 outputs register block, per multiply-add. */
  gemmMac: 0.5,
  /** Implicit GEMM, 1 × 8 block (fewer than 4 output channels per group: depthwise). */
  gemmMacNarrow: 0.6,
  /** Winograd F(2×2, 3×3): transforming one 4×4 input patch of one channel, one 2×2 output block. */
  winogradInputTile: 30,
  winogradOutputTile: 25,
  /** Winograd F(4×4, 3×3): one 6×6 input patch, one 4×4 output block. */
  winograd4InputTile: 80,
  winograd4OutputTile: 60,
  /** Writing a padded input sample or an output sample. */
  copy: 1,
  /** One complex radix-2 butterfly (or its share of a radix-4 one) in an FFT. */
  butterfly: 4,
  /** One complex multiply-add of the spectrum product X·conj(W). */
  spectrumMac: 2,
  /** Fixed cost of one call: the reference, and the fast paths (tables, packing, scratch). */
  directSetup: 3_000,
  setup: 10_000,
};

/**
 * Butterflies of one real 3-D transform whose first `rows` grid rows (of nd·nh) are non-zero:
 * a length-nw real FFT per non-zero row (a complex FFT of nw/2 plus the split, ~nw/2), then
 * complex FFTs along height and depth over all nw/2 + 1 bins (zero rows still take part there).
 */
function transformButterflies(grid: number[], rows: number): number {
  const [nd, nh, nw] = grid;
  const m = nw / 2;
  const perRow = (m / 2) * Math.log2(Math.max(m, 1)) + m;
  const columns = (m + 1) * ((nd * nh) / 2) * Math.log2(nd * nh);
  return rows * perRow + columns;
}

/** FFT path: input, kernel and output transforms plus the spectrum products, in nanoseconds. */
function fftCost(geom: ConvGeometry): number {
  if (fftSpectrumBins(geom) > MAX_SPECTRUM_BINS) return Infinity;
  const grid = fftGrid(geom);
  const { batch, groups, cInG, cOutG } = geom;
  const [Dp, Hp] = geom.padded;
  const [KD, KH] = geom.kernel;
  const [OD, OH] = geom.outSize;
  const inputs = groups * batch * cInG * transformButterflies(grid, Dp * Hp);
  const kernels = groups * cOutG * cInG * transformButterflies(grid, KD * KH);
  const outputs = groups * batch * cOutG * transformButterflies(grid, OD * OH);
  const bins = grid[0] * grid[1] * (grid[2] / 2 + 1);
  const products = groups * batch * cOutG * cInG * bins;
  // Every transform starts from a zero-filled grid.
  const fills = groups * (batch * cInG + cOutG * cInG + batch * cOutG) * numel(grid);
  return COST_NS.setup + (inputs + kernels + outputs) * COST_NS.butterfly + products * COST_NS.spectrumMac + fills * COST_NS.copy * 0.25;
}

/**
 * The stride-1-or-more forward convolution the fast paths run for `layer`: the layer itself, or
 * for a transposed convolution its zero-inserted equivalent (transposed.ts); none for pooling.
 */
export function fastGeometry(layer: ConvLayer, inShape: readonly number[]): ConvGeometry | undefined {
  if (layer.family !== 'conv' && layer.family !== 'conv_transpose') return undefined;
  const outShape = layerOutShape(layer, inShape);
  return layer.family === 'conv' ? convGeometry(layer, inShape, outShape) : transposedGeometry(layer, inShape, outShape).geom;
}

/** The cost model: estimated time of each method for `layer` on an input of `inShape`. */
export function estimateCosts(layer: ConvLayer, inShape: readonly number[]): ConvCosts {
  const geom = fastGeometry(layer, inShape);
  if (!geom) return { direct: 0, gemm: Infinity, winograd: Infinity, fft: Infinity };
  const outputs = geom.batch * geom.cOut * numel(geom.outSize);
  // The reference does the layer's own multiply-adds (a transposed conv's scatter skips the
  // inserted zeros); the fast paths do the equivalent convolution's.
  const layerMacs =
    layer.family === 'conv' ? outputs * geom.cInG * numel(geom.kernel) : inShape[0] * numel(inShape.slice(2)) * geom.cIn * geom.cOutG * numel(geom.kernel);
  const macs = outputs * geom.cInG * numel(geom.kernel);
  const copies = geom.batch * geom.cIn * numel(geom.padded) + outputs;
  const perMac = geom.cOutG >= 4 ? COST_NS.gemmMac : COST_NS.gemmMacNarrow;
  const gemm = COST_NS.setup + macs * perMac + copies * COST_NS.copy;
  return {
    direct: (COST_NS.directSetup + layerMacs * COST_NS.directMac) / 1e6,
    gemm: gemm / 1e6,
    winograd: (Math.min(winogradCost(geom, 2), winogradCost(geom, 4)) + copies * COST_NS.copy) / 1e6,
    fft: (fftCost(geom) + copies * COST_NS.copy) / 1e6,
  };
}

/** Winograd F(m×m, 3×3): α² products per tile and channel pair, plus the tile transforms. */
function winogradCost(geom: ConvGeometry, m: WinogradTile): number {
  if (!winogradApplies(geom)) return Infinity;
  const T = winogradTiles(geom, m);
  const { groups, cInG, cOutG } = geom;
  const perMac = cOutG >= 4 ? COST_NS.gemmMac : COST_NS.gemmMacNarrow;
  const macs = groups * (m + 2) ** 2 * cOutG * cInG * T;
  const [input, output] = m === 2 ? [COST_NS.winogradInputTile, COST_NS.winogradOutputTile] : [COST_NS.winograd4InputTile, COST_NS.winograd4OutputTile];
  return COST_NS.setup + macs * perMac + groups * T * (cInG * input + cOutG * output);
}

/** The cheaper Winograd tile for this layer: F(4×4, 3×3) once outputs are large enough. */
export function winogradTile(geom: ConvGeometry): WinogradTile {
  return winogradCost(geom, 4) < winogradCost(geom, 2) ? 4 : 2;
}

/** The method the cost model picks for `layer` on an input of `inShape`. */
export function chooseConvMethod(layer: ConvLayer, inShape: readonly number[]): ConvMethod {
  if (layer.family !== 'conv' && layer.family !== 'conv_transpose') return 'direct';
  const c = estimateCosts(layer, inShape);
  const methods: ConvMethod[] = ['gemm', 'direct', 'winograd', 'fft'];
  return methods.reduce((best, m) => (c[m] < c[best] ? m : best));
}
