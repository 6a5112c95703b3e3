/**
 * A small multilayer perceptron for the s and t of a coupling layer: one hidden tanh layer,
 * out = W₂ tanh(W₁ x + b₁) + b₂, as in RealNVP (Dinh, Sohl-Dickstein & Bengio 2017), where s, t
 * may be any functions of the kept coordinates. Weights come from a seed (or are given), so a
 * lab session is reproducible. Evaluation is batched over columns in cache-sized chunks.
 */
import { fail } from '../errors';
import { createRng } from '../random';
import { MAX_HIDDEN, type MlpJson } from './types';
import { finiteMatrix, finiteNumber, finiteVector, positiveInteger } from './validate';

export interface Mlp {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  /** hidden × inputs, row-major. */
  readonly W1: Float64Array;
  readonly b1: Float64Array;
  /** outputs × hidden, row-major. */
  readonly W2: Float64Array;
  readonly b2: Float64Array;
}

export interface SeededMlpOptions {
  inputs: number;
  hidden: number;
  outputs: number;
  seed: number;
  /** Multiplies the output weights (default 0.5). */
  scale?: number;
}

/**
 * Weights drawn from `createRng(seed).normal()` in this order: W₁ row by row (scaled by 1/√inputs,
 * LeCun initialisation), b₁ (scaled by 0.1), W₂ row by row (scaled by scale/√hidden); b₂ = 0.
 */
export function seededMlp({ inputs, hidden, outputs, seed, scale = 0.5 }: SeededMlpOptions): Mlp {
  const rng = createRng(seed);
  const W1 = new Float64Array(hidden * inputs);
  const b1 = new Float64Array(hidden);
  const W2 = new Float64Array(outputs * hidden);
  for (let i = 0; i < W1.length; i++) W1[i] = rng.normal() / Math.sqrt(inputs);
  for (let i = 0; i < b1.length; i++) b1[i] = 0.1 * rng.normal();
  for (let i = 0; i < W2.length; i++) W2[i] = (scale * rng.normal()) / Math.sqrt(hidden);
  return { inputs, hidden, outputs, W1, b1, W2, b2: new Float64Array(outputs) };
}

/** An MLP from its JSON form: explicit weights (W1, b1, W2, b2) or a seed and a hidden width. */
export function mlpFromJson(json: MlpJson, inputs: number, outputs: number, where: string): Mlp {
  if (!json || typeof json !== 'object') fail(`${where}.mlp must be an object such as {"hidden": 16, "seed": 1}.`, where);
  if (json.W1 !== undefined || json.W2 !== undefined) {
    const hidden = Array.isArray(json.W1) ? json.W1.length : 0;
    if (hidden < 1 || hidden > MAX_HIDDEN) fail(`${where}.mlp.W1 must have between 1 and ${MAX_HIDDEN} rows (the hidden width).`, where);
    return {
      inputs,
      hidden,
      outputs,
      W1: finiteMatrix(json.W1, `${where}.mlp.W1`, hidden, inputs),
      b1: Float64Array.from(json.b1 === undefined ? new Array(hidden).fill(0) : finiteVector(json.b1, `${where}.mlp.b1`, hidden)),
      W2: finiteMatrix(json.W2, `${where}.mlp.W2`, outputs, hidden),
      b2: Float64Array.from(json.b2 === undefined ? new Array(outputs).fill(0) : finiteVector(json.b2, `${where}.mlp.b2`, outputs)),
    };
  }
  const hidden = json.hidden === undefined ? 16 : positiveInteger(json.hidden, `${where}.mlp.hidden`, MAX_HIDDEN);
  const seed = json.seed === undefined ? 0 : finiteNumber(json.seed, `${where}.mlp.seed`);
  const scale = json.scale === undefined ? 0.5 : finiteNumber(json.scale, `${where}.mlp.scale`);
  return seededMlp({ inputs, hidden, outputs, seed, scale });
}

/** The weights as JSON (so a seeded network can be shown, edited or exported). */
export function mlpToJson(mlp: Mlp): Required<Pick<MlpJson, 'W1' | 'b1' | 'W2' | 'b2'>> {
  const rows = (a: Float64Array, r: number, c: number) => Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
  return { W1: rows(mlp.W1, mlp.hidden, mlp.inputs), b1: Array.from(mlp.b1), W2: rows(mlp.W2, mlp.outputs, mlp.hidden), b2: Array.from(mlp.b2) };
}

const CHUNK = 256;

/**
 * outs[o][k] = (W₂ tanh(W₁ x_k + b₁) + b₂)_o for k < count, where x_k = (inputs[0][k], …).
 * `hiddenScratch` must hold hidden × 256 numbers (see `mlpScratch`).
 */
export function mlpForwardBatch(mlp: Mlp, inputs: readonly Float64Array[], outs: readonly Float64Array[], count: number, hiddenScratch: Float64Array): void {
  const { hidden, W1, b1, W2, b2 } = mlp;
  const nIn = mlp.inputs;
  const h = hiddenScratch;
  for (let start = 0; start < count; start += CHUNK) {
    const m = Math.min(CHUNK, count - start);
    for (let q = 0; q < hidden; q++) {
      const row = q * CHUNK;
      h.fill(b1[q], row, row + m);
      for (let i = 0; i < nIn; i++) {
        const w = W1[q * nIn + i];
        const x = inputs[i];
        for (let k = 0; k < m; k++) h[row + k] += w * x[start + k];
      }
      for (let k = 0; k < m; k++) h[row + k] = Math.tanh(h[row + k]);
    }
    for (let o = 0; o < mlp.outputs; o++) {
      const out = outs[o];
      out.fill(b2[o], start, start + m);
      for (let q = 0; q < hidden; q++) {
        const w = W2[o * hidden + q];
        const row = q * CHUNK;
        for (let k = 0; k < m; k++) out[start + k] += w * h[row + k];
      }
    }
  }
}

export const mlpScratch = (mlp: Mlp) => new Float64Array(mlp.hidden * CHUNK);
