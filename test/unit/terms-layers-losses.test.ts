/**
 * The formulas of compute/terms/layers-beyond.ts and compute/terms/losses.ts, implemented in plain
 * TypeScript exactly as their TeX reads, against PyTorch 1.13 values from
 * test/fixtures/term_layers_losses.json (written by test/fixtures/gen_term_layers_losses.py; the
 * fixture says per case whether a value comes from a torch API or from the definition in torch
 * ops). Relative error ≤ 1e-6 everywhere.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { termById } from '../../compute';

type M = number[][];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const FX: any = JSON.parse(readFileSync('test/fixtures/term_layers_losses.json', 'utf8'));

const LAYER_IDS = [
  'batch-norm',
  'layer-norm',
  'group-norm',
  'instance-norm',
  'rms-norm',
  'residual-connection',
  'scaled-dot-product-attention',
  'multi-head-attention',
  'attention-mask',
  'cross-attention',
  'transformer',
  'positional-encoding',
  'rotary-embedding',
  'embedding',
  'logits',
  'softmax-temperature',
  'label-smoothing',
];
const LOSS_IDS = [
  'mse-loss',
  'l1-loss',
  'huber-loss',
  'smooth-l1-loss',
  'hinge-loss',
  'focal-loss',
  'contrastive-loss',
  'infonce-loss',
  'triplet-loss',
  'ctc-loss',
];

function close(actual: number, expected: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(err <= 1e-6, `${what}: ${actual} vs ${expected} (rel. error ${err})`);
}

function closeAll(actual: unknown, expected: unknown, what: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${what}: shape`);
    expected.forEach((e, i) => closeAll((actual as unknown[])[i], e, `${what}[${i}]`));
  } else {
    close(actual as number, expected as number, what);
  }
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const mean = (v: number[]) => sum(v) / v.length;
const dot = (a: number[], b: number[]) => sum(a.map((x, i) => x * b[i]));
const norm2 = (a: number[]) => Math.sqrt(dot(a, a));
const transpose = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]));
const matmul = (a: M, b: M): M => a.map((row) => b[0].map((_, j) => sum(row.map((x, k) => x * b[k][j]))));
const addRow = (a: M, b: number[]): M => a.map((row) => row.map((x, j) => x + b[j]));
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = sum(e);
  return e.map((x) => x / s);
};
const logSoftmax = (z: number[]) => {
  const m = Math.max(...z);
  const lse = m + Math.log(sum(z.map((x) => Math.exp(x - m))));
  return z.map((x) => x - lse);
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Biased mean and variance of a list (the 1/n statistics every normalization layer uses). */
function moments(v: number[]): [number, number] {
  const mu = mean(v);
  return [mu, mean(v.map((x) => (x - mu) ** 2))];
}

/** softmax(Q Kᵀ / √d_k + M) V, with M given as a boolean "forbidden" matrix (→ −∞) or none. */
function attention(Q: M, K: M, V: M, forbidden?: boolean[][]): M {
  const dk = Q[0].length;
  const scores = matmul(Q, transpose(K)).map((row, i) => row.map((s, j) => s / Math.sqrt(dk) + (forbidden?.[i][j] ? -Infinity : 0)));
  return matmul(scores.map(softmax), V);
}

/** Attention weights a_ij of the same formula. */
function attentionWeights(Q: M, K: M, forbidden?: boolean[][]): M {
  const dk = Q[0].length;
  return matmul(Q, transpose(K)).map((row, i) => softmax(row.map((s, j) => s / Math.sqrt(dk) + (forbidden?.[i][j] ? -Infinity : 0))));
}

/**
 * MultiHead(Q, K, V) = [head_1, …, head_h] W^O + b^O with head_i = Attention(Q W_i^Q + b_i^Q, …).
 * PyTorch stores weights as (out, in), so W^Q = in_proj_weight[0:E]ᵀ and head i uses columns
 * i·d_k … (i+1)·d_k − 1 of it.
 */
function multiHead(
  p: { inProjWeight: M; inProjBias: number[]; outProjWeight: M; outProjBias: number[] },
  heads: number,
  xq: M,
  xkv: M,
  forbidden?: boolean[][],
): { out: M; weightsAvg: M } {
  const E = xq[0].length;
  const dk = E / heads;
  const W = (r: number) => transpose(p.inProjWeight.slice(r * E, (r + 1) * E));
  const b = (r: number) => p.inProjBias.slice(r * E, (r + 1) * E);
  const Q = addRow(matmul(xq, W(0)), b(0));
  const K = addRow(matmul(xkv, W(1)), b(1));
  const V = addRow(matmul(xkv, W(2)), b(2));
  const cols = (A: M, i: number) => A.map((row) => row.slice(i * dk, (i + 1) * dk));
  const headOuts: M[] = [];
  const weights: M[] = [];
  for (let i = 0; i < heads; i++) {
    headOuts.push(attention(cols(Q, i), cols(K, i), cols(V, i), forbidden));
    weights.push(attentionWeights(cols(Q, i), cols(K, i), forbidden));
  }
  const concat = xq.map((_, r) => headOuts.flatMap((h) => h[r]));
  const out = addRow(matmul(concat, transpose(p.outProjWeight)), p.outProjBias);
  const weightsAvg = weights[0].map((row, r) => row.map((_, c) => mean(weights.map((w) => w[r][c]))));
  return { out, weightsAvg };
}

/** y_i = γ_i (x_i − μ)/√(σ² + ε) + β_i over one feature vector. */
function layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[] {
  const [mu, v] = moments(x);
  return x.map((xi, i) => (gamma[i] * (xi - mu)) / Math.sqrt(v + eps) + beta[i]);
}

describe('layer, attention and loss entries: catalog', () => {
  it('has every id in its section', () => {
    for (const id of LAYER_IDS) assert.equal(termById(id)?.section, 'Beyond the notes: Layers and attention', id);
    for (const id of LOSS_IDS) assert.equal(termById(id)?.section, 'Beyond the notes: Losses', id);
    // NLLLoss stays on the existing negative-log-likelihood entry.
    assert.ok(termById('negative-log-likelihood')?.code.includes('torch.nn.NLLLoss'));
    assert.equal(termById('residual-connection')?.related.includes('resnet'), true);
  });

  it('gives batch-norm a conv lab that includes batch_norm2d', () => {
    const lab = termById('batch-norm')?.lab;
    assert.equal(lab?.kind, 'conv');
    assert.ok((lab?.params?.layers as { op: string }[]).some((l) => l.op === 'batch_norm2d'));
  });
});

describe('layer, attention and loss entries: normalization formulas vs PyTorch', () => {
  it('batch norm: per-channel batch statistics, scale and shift, running averages (BatchNorm2d, train)', () => {
    const {
      x,
      gamma,
      beta,
      eps,
      y,
      momentum: m,
      runningMean,
      runningVar,
    } = FX.batchNorm as {
      x: number[][][][];
      gamma: number[];
      beta: number[];
      eps: number;
      y: number[][][][];
      momentum: number;
      runningMean: number[];
      runningVar: number[];
    };
    const [N, C] = [x.length, x[0].length];
    for (let c = 0; c < C; c++) {
      const vals = x.flatMap((xn) => xn[c].flat());
      const [mu, v] = moments(vals);
      for (let n = 0; n < N; n++) {
        x[n][c].forEach((row, h) =>
          row.forEach((xv, w) => close(gamma[c] * ((xv - mu) / Math.sqrt(v + eps)) + beta[c], y[n][c][h][w], `bn y[${n},${c},${h},${w}]`)),
        );
      }
      const count = vals.length;
      close((1 - m) * 0 + m * mu, runningMean[c], `running mean ${c}`);
      close((1 - m) * 1 + m * (count / (count - 1)) * v, runningVar[c], `running var ${c}`);
    }
  });

  it('layer norm over the last dimension (LayerNorm(6))', () => {
    const { x, gamma, beta, eps, y } = FX.layerNorm as { x: M; gamma: number[]; beta: number[]; eps: number; y: M };
    closeAll(
      x.map((row) => layerNorm(row, gamma, beta, eps)),
      y,
      'layer norm',
    );
  });

  it('group norm: statistics per sample and group, affine per channel (GroupNorm(2, 4))', () => {
    const {
      x,
      groups: G,
      gamma,
      beta,
      eps,
      y,
    } = FX.groupNorm as { x: number[][][]; groups: number; gamma: number[]; beta: number[]; eps: number; y: number[][][] };
    const C = x[0].length;
    const g = (c: number) => Math.floor((c * G) / C);
    const out = x.map((xn) => {
      const stats = Array.from({ length: G }, (_, gi) => moments(xn.filter((_, c) => g(c) === gi).flat()));
      return xn.map((row, c) => row.map((v) => gamma[c] * ((v - stats[g(c)][0]) / Math.sqrt(stats[g(c)][1] + eps)) + beta[c]));
    });
    closeAll(out, y, 'group norm');
  });

  it('instance norm: statistics per sample and channel over H, W (InstanceNorm2d(affine=True))', () => {
    const { x, gamma, beta, eps, y } = FX.instanceNorm as { x: number[][][][]; gamma: number[]; beta: number[]; eps: number; y: number[][][][] };
    const out = x.map((xn) =>
      xn.map((plane, c) => {
        const [mu, v] = moments(plane.flat());
        return plane.map((row) => row.map((xv) => gamma[c] * ((xv - mu) / Math.sqrt(v + eps)) + beta[c]));
      }),
    );
    closeAll(out, y, 'instance norm');
  });

  it('RMS norm: x / sqrt(mean(x^2) + eps) * gamma (by formula; torch 1.13 has no RMSNorm)', () => {
    const { x, gamma, eps, y } = FX.rmsNorm as { x: M; gamma: number[]; eps: number; y: M };
    const out = x.map((row) => {
      const rms = Math.sqrt(mean(row.map((v) => v * v)) + eps);
      return row.map((v, i) => (v / rms) * gamma[i]);
    });
    closeAll(out, y, 'rms norm');
  });
});

describe('layer, attention and loss entries: attention formulas vs PyTorch', () => {
  it('scaled dot-product attention, plain and with a causal mask', () => {
    const { q, k, v, y, qCausal, yCausal } = FX.sdpa as { q: M; k: M; v: M; y: M; qCausal: M; yCausal: M };
    closeAll(attention(q, k, v), y, 'sdpa');
    const causal = qCausal.map((_, i) => k.map((__, j) => j > i));
    closeAll(attention(qCausal, k, v, causal), yCausal, 'sdpa causal');
  });

  it('equals a one-head nn.MultiheadAttention with identity projections; bool attn_mask True = not allowed', () => {
    const { x, y, yCausal } = FX.sdpaVsMha as { x: M; y: M; yCausal: M };
    closeAll(attention(x, x, x), y, 'one head');
    closeAll(
      attention(
        x,
        x,
        x,
        x.map((_, i) => x.map((__, j) => j > i)),
      ),
      yCausal,
      'one head causal',
    );
  });

  it('multi-head attention: self, causal, cross and key-padding cases (nn.MultiheadAttention(4, 2))', () => {
    const f = FX.mha;
    const self = multiHead(f, f.heads, f.x, f.x);
    closeAll(self.out, f.y, 'mha self');
    closeAll(self.weightsAvg, f.weightsAvg, 'mha weights averaged over heads');
    closeAll(multiHead(f, f.heads, f.x, f.x, f.causalMask as boolean[][]).out, f.yCausal, 'mha causal (True = masked)');
    closeAll(multiHead(f, f.heads, f.x, f.memory).out, f.yCross, 'cross-attention: 3 queries, 5 keys');
    const pad = f.keyPaddingMask as boolean[];
    const padded = multiHead(
      f,
      f.heads,
      f.x,
      f.memory,
      (f.x as M).map(() => pad),
    ).out;
    closeAll(padded, f.yCrossPadded, 'key_padding_mask True = ignored');
    // And the padded keys really are ignored: dropping them gives the same output.
    const kept = (f.memory as M).filter((_, j) => !pad[j]);
    closeAll(multiHead(f, f.heads, f.x, kept).out, f.yCrossPadded, 'padding = dropping the keys');
  });

  it('post-norm Transformer encoder layer: H = LN(X + MHA(X)), Y = LN(H + FFN(H)) (TransformerEncoderLayer)', () => {
    const { params: p, eps, x, y } = FX.encoderLayer as { params: Record<string, number[] & M>; eps: number; x: M; y: M };
    const mha = multiHead(
      {
        inProjWeight: p['self_attn.in_proj_weight'],
        inProjBias: p['self_attn.in_proj_bias'],
        outProjWeight: p['self_attn.out_proj.weight'],
        outProjBias: p['self_attn.out_proj.bias'],
      },
      2,
      x,
      x,
    ).out;
    const H = x.map((row, i) =>
      layerNorm(
        row.map((v, j) => v + mha[i][j]),
        p['norm1.weight'],
        p['norm1.bias'],
        eps,
      ),
    );
    const ffn = (h: number[]) => {
      const a = matmul([h], transpose(p['linear1.weight']))[0].map((v, j) => Math.max(0, v + p['linear1.bias'][j]));
      return matmul([a], transpose(p['linear2.weight']))[0].map((v, j) => v + p['linear2.bias'][j]);
    };
    const Y = H.map((h) => {
      const f = ffn(h);
      return layerNorm(
        h.map((v, j) => v + f[j]),
        p['norm2.weight'],
        p['norm2.bias'],
        eps,
      );
    });
    closeAll(Y, y, 'encoder layer');
  });

  it('sinusoidal positional encoding: sin/cos of p / 10000^(2i/d)', () => {
    const { d, pe } = FX.sinusoidal as { d: number; pe: M };
    pe.forEach((row, p) =>
      row.forEach((val, k) => {
        const i = Math.floor(k / 2);
        const angle = p / 10000 ** ((2 * i) / d);
        close(k % 2 === 0 ? Math.sin(angle) : Math.cos(angle), val, `PE[${p},${k}]`);
      }),
    );
  });

  it('rotary embedding: the score of R_m q and R_n k equals q^T R_{n-m} k (by formula)', () => {
    const d = 8;
    const rotate = (x: number[], p: number) => {
      const out = [...x];
      for (let i = 0; i < d / 2; i++) {
        const th = p * 10000 ** ((-2 * i) / d);
        out[2 * i] = Math.cos(th) * x[2 * i] - Math.sin(th) * x[2 * i + 1];
        out[2 * i + 1] = Math.sin(th) * x[2 * i] + Math.cos(th) * x[2 * i + 1];
      }
      return out;
    };
    const q = [0.3, -1.2, 0.5, 0.8, -0.1, 0.9, 1.4, -0.7];
    const k = [1.1, 0.2, -0.6, 0.4, 0.75, -1.3, 0.05, 0.6];
    for (const [m, n] of [
      [0, 0],
      [3, 7],
      [10, 2],
      [100, 95],
    ]) {
      close(dot(rotate(q, m), rotate(k, n)), dot(q, rotate(k, n - m)), `RoPE m=${m} n=${n}`);
    }
    close(norm2(rotate(q, 17)), norm2(q), 'rotations keep the norm');
  });

  it('embedding lookup equals the one-hot vector times the table (nn.Embedding)', () => {
    const { weight, idx, y } = FX.embedding as { weight: M; idx: number[]; y: M };
    const onehot = idx.map((t) => weight.map((_, v) => (v === t ? 1 : 0)));
    closeAll(matmul(onehot, weight), y, 'E^T 1_t');
    closeAll(
      idx.map((t) => weight[t]),
      y,
      'row t',
    );
  });
});

describe('layer, attention and loss entries: logits, temperature, label smoothing vs PyTorch', () => {
  it('logit = log(p / (1 - p)) is the inverse sigmoid (torch.logit); softmax ignores a shift of the logits', () => {
    const { p, z } = FX.logit as { p: number[]; z: number[] };
    p.forEach((pi, i) => close(Math.log(pi / (1 - pi)), z[i], `logit(${pi})`));
    z.forEach((zi, i) => close(sigmoid(zi), p[i], `sigmoid(logit(${p[i]}))`));
    const logits = [0.3, -1.2, 2.5];
    const probs = softmax(logits);
    const c = 4.2;
    closeAll(softmax(probs.map((pk) => Math.log(pk) + c)), probs, 'z_k = log p_k + c');
  });

  it('softmax with temperature: exp(z/T) / sum exp(z/T), and its limits', () => {
    const { z, cases } = FX.temperature as { z: number[]; cases: { T: number; p: number[] }[] };
    for (const { T, p } of cases)
      closeAll(
        z.map((zi) => Math.exp(zi / T)).map((e, _, all) => e / sum(all)),
        p,
        `T=${T}`,
      );
    const cold = softmax(z.map((zi) => zi / 1e-3));
    close(cold[z.indexOf(Math.max(...z))], 1, 'T → 0 gives one-hot at the arg max');
    softmax(z.map((zi) => zi / 1e9)).forEach((pi) => close(pi, 1 / z.length, 'T → ∞ gives uniform'));
  });

  it('label smoothing: q = (1 - eps) y + eps / K, and both forms of the loss (cross_entropy(label_smoothing=0.1))', () => {
    const { logits, target, eps, loss, lossNone } = FX.labelSmoothing as { logits: M; target: number[]; eps: number; loss: number; lossNone: number[] };
    const per = logits.map((z, n) => {
      const K = z.length;
      const logp = logSoftmax(z);
      const q = z.map((_, k) => (1 - eps) * (k === target[n] ? 1 : 0) + eps / K);
      const full = -sum(q.map((qk, k) => qk * logp[k]));
      const split = (1 - eps) * -logp[target[n]] + (eps / K) * sum(logp.map((l) => -l));
      close(split, full, 'the two forms agree');
      return full;
    });
    closeAll(per, lossNone, 'per sample');
    close(mean(per), loss, 'mean');
  });
});

describe('layer, attention and loss entries: loss formulas vs PyTorch', () => {
  const { pred, target, mse, l1, delta, huber, beta, smoothL1, huberOverDelta } = FX.regression as {
    pred: number[];
    target: number[];
    mse: number;
    l1: number;
    delta: number;
    huber: number;
    beta: number;
    smoothL1: number;
    huberOverDelta: number;
  };
  const r = pred.map((p, i) => p - target[i]);
  const huberL = (ri: number, d: number) => (Math.abs(ri) <= d ? 0.5 * ri * ri : d * (Math.abs(ri) - 0.5 * d));
  const smoothL1L = (ri: number, b: number) => (Math.abs(ri) < b ? (ri * ri) / (2 * b) : Math.abs(ri) - b / 2);

  it('MSE and L1 (mse_loss, l1_loss)', () => {
    close(mean(r.map((ri) => ri * ri)), mse, 'mse');
    close(mean(r.map(Math.abs)), l1, 'l1');
    // The gradient formulas, by central differences.
    const h = 1e-6;
    const mseAt = (p: number[]) => mean(p.map((pi, i) => (pi - target[i]) ** 2));
    const shifted = (s: number) => pred.map((p, i) => (i === 2 ? p + s : p));
    close((mseAt(shifted(h)) - mseAt(shifted(-h))) / (2 * h), (2 / pred.length) * r[2], 'dMSE/dy_hat');
  });

  it('Huber (huber_loss(delta=0.7)); residuals fall on both sides of delta', () => {
    assert.ok(r.some((ri) => Math.abs(ri) <= delta) && r.some((ri) => Math.abs(ri) > delta));
    close(mean(r.map((ri) => huberL(ri, delta))), huber, 'huber');
  });

  it('smooth L1 (smooth_l1_loss(beta=0.7)) equals Huber(delta=beta) / beta', () => {
    close(mean(r.map((ri) => smoothL1L(ri, beta))), smoothL1, 'smooth l1');
    close(huberOverDelta, smoothL1, 'torch: huber_loss(delta=b)/b = smooth_l1_loss(beta=b)');
    r.forEach((ri) => close(smoothL1L(ri, beta), huberL(ri, beta) / beta, 'pointwise identity'));
  });

  it('hinge losses: MultiMarginLoss (p=1, 2) is the Weston–Watkins form divided by C; binary hinge by formula', () => {
    const {
      scores,
      target: y,
      margin,
      loss,
      lossSquared,
    } = FX.multiMargin as { scores: M; target: number[]; margin: number; loss: number; lossSquared: number };
    const ww = (p: number) => mean(scores.map((f, n) => sum(f.map((fj, j) => (j === y[n] ? 0 : Math.max(0, margin - f[y[n]] + fj) ** p))) / f.length));
    close(ww(1), loss, 'MultiMarginLoss p=1');
    close(ww(2), lossSquared, 'MultiMarginLoss p=2');
    const { f, y: yb, loss: bin } = FX.binaryHinge as { f: number[]; y: number[]; loss: number };
    close(mean(f.map((fi, i) => Math.max(0, 1 - yb[i] * fi))), bin, 'binary hinge');
    // Crammer–Singer (formula only): zero once f_y beats every other score by 1.
    const cs = (fv: number[], yy: number) => Math.max(0, 1 + Math.max(...fv.filter((_, j) => j !== yy)) - fv[yy]);
    assert.equal(cs([3, 1.5, 0.2], 0), 0);
    close(cs([1, 1.5, 0.2], 0), 1.5, 'Crammer–Singer');
  });

  it('focal loss: -alpha_t (1 - p_t)^gamma log p_t (formula as torchvision.ops.sigmoid_focal_loss computes it)', () => {
    const { z, y, alpha, gamma, loss, lossGamma0NoAlpha } = FX.focal as {
      z: number[];
      y: number[];
      alpha: number;
      gamma: number;
      loss: number[];
      lossGamma0NoAlpha: number[];
    };
    const fl = (zi: number, yi: number, a: number | undefined, g: number) => {
      const p = sigmoid(zi);
      const pt = yi === 1 ? p : 1 - p;
      const at = a === undefined ? 1 : yi === 1 ? a : 1 - a;
      return -at * (1 - pt) ** g * Math.log(pt);
    };
    closeAll(
      z.map((zi, i) => fl(zi, y[i], alpha, gamma)),
      loss,
      'focal',
    );
    closeAll(
      z.map((zi, i) => fl(zi, y[i], undefined, 0)),
      lossGamma0NoAlpha,
      'gamma = 0, no alpha = BCE with logits',
    );
  });

  it('contrastive losses: CosineEmbeddingLoss, HingeEmbeddingLoss (torch) and the Hadsell form (formula)', () => {
    const c = FX.contrastive as {
      x1: M;
      x2: M;
      y: number[];
      cosMargin: number;
      cosineEmbedding: number;
      dist: number[];
      yDist: number[];
      margin: number;
      hingeEmbedding: number;
      hadsell: number;
    };
    const cos = (a: number[], b: number[]) => dot(a, b) / (norm2(a) * norm2(b));
    close(mean(c.x1.map((a, i) => (c.y[i] === 1 ? 1 - cos(a, c.x2[i]) : Math.max(0, cos(a, c.x2[i]) - c.cosMargin)))), c.cosineEmbedding, 'cosine embedding');
    close(mean(c.dist.map((d, i) => (c.yDist[i] === 1 ? d : Math.max(0, c.margin - d)))), c.hingeEmbedding, 'hinge embedding');
    const y01 = c.yDist.map((v) => (v === 1 ? 1 : 0));
    close(mean(c.dist.map((d, i) => 0.5 * (y01[i] * d * d + (1 - y01[i]) * Math.max(0, c.margin - d) ** 2))), c.hadsell, 'Hadsell');
  });

  it('InfoNCE / NT-Xent on 2N views with cosine similarity / tau, self-similarity excluded', () => {
    const { z, tau, loss } = FX.ntxent as { z: M; tau: number; loss: number };
    const N2 = z.length;
    const sim = (u: number[], v: number[]) => dot(u, v) / (norm2(u) * norm2(v));
    const partner = (i: number) => (i + N2 / 2) % N2;
    const li = z.map((zi, i) => {
      const num = Math.exp(sim(zi, z[partner(i)]) / tau);
      const den = sum(z.map((zk, k) => (k === i ? 0 : Math.exp(sim(zi, zk) / tau))));
      return -Math.log(num / den);
    });
    close(mean(li), loss, 'NT-Xent');
  });

  it('triplet margin loss with Euclidean distances (TripletMarginLoss(eps=0))', () => {
    const { a, p, n, margin, loss } = FX.triplet as { a: M; p: M; n: M; margin: number; loss: number };
    const dist = (u: number[], v: number[]) => norm2(u.map((x, i) => x - v[i]));
    close(mean(a.map((ai, i) => Math.max(0, dist(ai, p[i]) - dist(ai, n[i]) + margin))), loss, 'triplet');
  });

  it('CTC: the alpha recursion over the blank-extended label equals F.ctc_loss, and equals the sum over all alignments', () => {
    const { logProbs, targets, targetLengths, inputLengths, blank, lossNone, lossMean } = FX.ctc as {
      logProbs: number[][][];
      targets: M;
      targetLengths: number[];
      inputLengths: number[];
      blank: number;
      lossNone: number[];
      lossMean: number;
    };
    const per = targets.map((tg, n) => {
      const T = inputLengths[n];
      const y = tg.slice(0, targetLengths[n]);
      const p = (t: number, c: number) => Math.exp(logProbs[t][n][c]);
      const ext = [blank, ...y.flatMap((s) => [s, blank])];
      const S = ext.length;
      let alpha = ext.map((_, s) => (s === 0 ? p(0, blank) : s === 1 ? p(0, ext[1]) : 0));
      for (let t = 1; t < T; t++) {
        alpha = ext.map((l, s) => (alpha[s] + (s >= 1 ? alpha[s - 1] : 0) + (s >= 2 && l !== blank && l !== ext[s - 2] ? alpha[s - 2] : 0)) * p(t, l));
      }
      const nll = -Math.log(alpha[S - 1] + alpha[S - 2]);
      // Brute force: every path of length T whose collapse (merge repeats, drop blanks) is y.
      const C = logProbs[0][n].length;
      let total = 0;
      const walk = (t: number, path: number[], prob: number) => {
        if (t === T) {
          const collapsed = path.filter((c, i) => i === 0 || c !== path[i - 1]).filter((c) => c !== blank);
          if (collapsed.length === y.length && collapsed.every((c, i) => c === y[i])) total += prob;
          return;
        }
        for (let c = 0; c < C; c++) walk(t + 1, [...path, c], prob * p(t, c));
      };
      walk(0, [], 1);
      close(-Math.log(total), nll, 'sum over alignments');
      return nll;
    });
    closeAll(per, lossNone, 'ctc per sample');
    close(mean(per.map((l, n) => l / targetLengths[n])), lossMean, 'mean reduction divides by target length');
  });
});
