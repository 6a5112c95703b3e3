/**
 * The formulas of the generative-model, classical-ML and RL entries beyond the notes, implemented
 * as written in each entry's TeX and compared with reference values from PyTorch and SciPy
 * (test/fixtures/gen_term_generative_classical.py → term_generative_classical.json).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { termById } from '../../compute';
import { CLASSICAL_TERMS } from '../../compute/terms/classical';
import { GENERATIVE_BEYOND_TERMS } from '../../compute/terms/generative-beyond';

/* eslint-disable @typescript-eslint/no-explicit-any */
const FX: any = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'term_generative_classical.json'), 'utf8'));

const TOL = 1e-6;
type Num = number | Num[];

function near(actual: Num, expected: Num, what: string, tol = TOL): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${what}: shape`);
    expected.forEach((e, i) => near((actual as Num[])[i], e, `${what}[${i}]`, tol));
    return;
  }
  assert.equal(typeof actual, 'number', what);
  const a = actual as number;
  const err = Math.abs(a - expected) / Math.max(1e-12, Math.abs(expected));
  assert.ok(err <= tol || Math.abs(a - expected) <= 1e-12, `${what}: ${a} vs ${expected} (rel ${err})`);
}

const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
const mean = (v: number[]) => sum(v) / v.length;
const dot = (a: number[], b: number[]) => sum(a.map((x, i) => x * b[i]));
const matVec = (M: number[][], v: number[]) => M.map((row) => dot(row, v));
const transpose = (M: number[][]) => M[0].map((_, j) => M.map((row) => row[j]));
const norm2 = (v: number[]) => Math.sqrt(dot(v, v));
const logNormal = (x: number, m: number, s: number) => -0.5 * Math.log(2 * Math.PI * s * s) - ((x - m) * (x - m)) / (2 * s * s);
const normalPdf = (x: number, m: number, s: number) => Math.exp(logNormal(x, m, s));
const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  return e.map((v) => v / sum(e));
};

/** Solve A x = b by Gaussian elimination with partial pivoting; also returns log|det A| and U's diagonal. */
function solve(A: number[][], b: number[]): { x: number[]; logAbsDet: number; diagU: number[] } {
  const n = A.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    [M[k], M[p]] = [M[p], M[k]];
    for (let i = k + 1; i < n; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= f * M[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) x[i] = (M[i][n] - sum(M[i].slice(i + 1, n).map((v, j) => v * x[i + 1 + j]))) / M[i][i];
  const diagU = M.map((row, i) => row[i]);
  return { x, logAbsDet: sum(diagU.map((d) => Math.log(Math.abs(d)))), diagU };
}

const GEN_IDS = [
  'latent-variable',
  'vae',
  'elbo',
  'reparameterization-trick',
  'map-estimation',
  'prior-posterior',
  'score-matching',
  'langevin-dynamics',
  'ddim',
  'classifier-free-guidance',
  'wgan',
  'gradient-penalty',
  'spectral-normalization',
  'autoregressive-flow',
  'maf',
  'iaf',
  'glow',
  'invertible-1x1-convolution',
  'actnorm',
];
const EVAL_IDS = [
  'logistic-regression',
  'svm',
  'accuracy',
  'precision',
  'recall',
  'f1-score',
  'roc-auc',
  'confusion-matrix',
  'selection-rate',
  'fpr-parity',
  'group-metrics',
];
const RL_IDS = ['reward', 'policy', 'policy-gradient', 'actor-critic', 'value-function', 'discount-factor', 'advantage'];

describe('term entries: generative models, classical ML and RL', () => {
  it('has the required ids in their sections', () => {
    for (const id of GEN_IDS) assert.equal(GENERATIVE_BEYOND_TERMS.find((t) => t.id === id)?.section, 'Beyond the notes: Generative models', id);
    for (const id of EVAL_IDS) assert.equal(CLASSICAL_TERMS.find((t) => t.id === id)?.section, 'Beyond the notes: Classical ML and evaluation', id);
    for (const id of RL_IDS) assert.equal(CLASSICAL_TERMS.find((t) => t.id === id)?.section, 'Beyond the notes: Reinforcement learning', id);
    for (const id of [...GEN_IDS, ...EVAL_IDS, ...RL_IDS]) assert.ok(termById(id), id);
    assert.ok(termById('selection-rate')!.related.includes('demographic-parity'));
    assert.ok(termById('fpr-parity')!.related.includes('equalized-odds'));
    for (const id of ['accuracy', 'precision', 'recall', 'reward', 'policy', 'prior-posterior']) {
      const t = termById(id)!;
      assert.ok((t.generic ?? []).length > 0 && (t.notWithin ?? []).length > 0, `${id}: common words only as generic, with notWithin phrases`);
    }
    // The flow lab shows coupling, planar and radial layers only: none of these entries claims a lab.
    for (const t of GENERATIVE_BEYOND_TERMS) assert.equal(t.lab, undefined, t.id);
  });

  describe('generative models', () => {
    it('latent-variable: p(x) = ∫ p(x | z) p(z) dz (Simpson) equals SciPy quadrature', () => {
      const { a, b, s, x, px } = FX.latent;
      const n = 20000;
      const [lo, hi] = [-12, 12];
      const h = (hi - lo) / n;
      let acc = 0;
      for (let i = 0; i <= n; i++) {
        const z = lo + i * h;
        const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
        acc += w * normalPdf(x, a * z + b, s) * normalPdf(z, 0, 1);
      }
      near((acc * h) / 3, px, 'p(x)');
    });

    it('vae: closed-form Gaussian KL equals torch.distributions.kl_divergence', () => {
      const { mu, sigma, kl } = FX.vae_kl;
      near(0.5 * sum(mu.map((m: number, j: number) => m * m + sigma[j] ** 2 - Math.log(sigma[j] ** 2) - 1)), kl, 'KL');
    });

    it('elbo: E_q[log p(x|z)] − KL(q‖p(z)) = log p(x) − KL(q‖p(z|x))', () => {
      const { a, s, x, m, v, logpx, expectedLoglik, klQPost, elbo } = FX.elbo;
      const klGauss = (m1: number, v1: number, m2: number, v2: number) => 0.5 * (Math.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1);
      const eLoglik = -0.5 * Math.log(2 * Math.PI * s * s) - ((x - a * m) ** 2 + a * a * v) / (2 * s * s);
      near(eLoglik, expectedLoglik, 'E_q log p(x|z)');
      const L = eLoglik - 0.5 * (m * m + v - Math.log(v) - 1);
      near(L, elbo, 'ELBO');
      const postMean = (a * x) / (a * a + s * s);
      const postVar = (s * s) / (a * a + s * s);
      near(klGauss(m, v, postMean, postVar), klQPost, 'KL(q‖posterior)');
      near(logNormal(x, 0, Math.sqrt(a * a + s * s)) - klGauss(m, v, postMean, postVar), L, 'log p(x) − gap');
      near(logpx, logNormal(x, 0, Math.sqrt(a * a + s * s)), 'log p(x)');
    });

    it('reparameterization-trick: pathwise gradient of E[z²] equals autograd on the same ε', () => {
      const { mu, sigma, eps, gradMu, gradSigma, exactGradMu, exactGradSigma } = FX.reparam;
      const z = eps.map((e: number) => mu + sigma * e);
      near(mean(z.map((zi: number) => 2 * zi)), gradMu, '∂/∂μ');
      near(mean(z.map((zi: number, i: number) => 2 * zi * eps[i])), gradSigma, '∂/∂σ');
      near([2 * mu, 2 * sigma], [exactGradMu, exactGradSigma], 'exact gradient of μ² + σ²');
    });

    it('map-estimation and prior-posterior: conjugate Gaussian closed forms equal SciPy optimization and quadrature', () => {
      const { x, sigma, mu0, tau, map, postMean, postVar } = FX.bayes;
      const n = x.length;
      near((tau ** 2 * sum(x) + sigma ** 2 * mu0) / (n * tau ** 2 + sigma ** 2), map, 'MAP', 1e-6);
      const vPost = 1 / (n / sigma ** 2 + 1 / tau ** 2);
      near(vPost, postVar, 'posterior variance');
      near(vPost * (sum(x) / sigma ** 2 + mu0 / tau ** 2), postMean, 'posterior mean');
    });

    it('score-matching: Gaussian score −Σ⁻¹(x − μ) and the DSM loss equal autograd', () => {
      const { mu, Sigma, x, score, xClean, xNoisy, sigma, sTheta, dsm } = FX.score;
      near(
        solve(
          Sigma,
          x.map((xi: number, i: number) => -(xi - mu[i])),
        ).x,
        score,
        'score',
      );
      near(sum(sTheta.map((s: number, i: number) => (s + (xNoisy[i] - xClean[i]) / sigma ** 2) ** 2)), dsm, 'DSM');
    });

    it('langevin-dynamics: one step x + η/2 ∇log p + √η ξ, and the annealed step sizes', () => {
      const { mu, Sigma, x, xi, eta, xNext, epsilon, sigmas, etas } = FX.langevin;
      const s = solve(
        Sigma,
        x.map((v: number, i: number) => -(v - mu[i])),
      ).x;
      near(
        x.map((v: number, i: number) => v + (eta / 2) * s[i] + Math.sqrt(eta) * xi[i]),
        xNext,
        'x_{k+1}',
      );
      near(
        sigmas.map((sg: number) => (epsilon * sg ** 2) / sigmas[sigmas.length - 1] ** 2),
        etas,
        'η_i',
      );
    });

    it('ddim: x̂₀, the η = 0 and η = 1 updates and σ_t', () => {
      const d = FX.ddim;
      const step = (xt: number[], ep: number[], at: number, ap: number, eta: number) => {
        const x0 = xt.map((v, i) => (v - Math.sqrt(1 - at) * ep[i]) / Math.sqrt(at));
        const st = eta * Math.sqrt((1 - ap) / (1 - at)) * Math.sqrt(1 - at / ap);
        return { x0, st, prev: x0.map((v, i) => Math.sqrt(ap) * v + Math.sqrt(1 - ap - st * st) * ep[i] + st * d.z[i]) };
      };
      near(step(d.xt, d.epsTrue, d.abarT, d.abarPrev, 0).x0, d.x0, 'x̂₀ with the true noise');
      const e0 = step(d.xt, d.epsPred, d.abarT, d.abarPrev, 0);
      near(e0.x0, d.x0hat, 'x̂₀');
      near(e0.prev, d.xPrevEta0, 'x_{t−1}, η = 0');
      const e1 = step(d.xt, d.epsPred, d.abarT, d.abarPrev, 1);
      near(e1.prev, d.xPrevEta1, 'x_{t−1}, η = 1');
      near(e1.st, d.sigmaEta1, 'σ_t');
      const consecutive = step(d.xt, d.epsPred, d.abarT, d.abarTm1, 1).st;
      near(consecutive ** 2, ((1 - d.abarTm1) / (1 - d.abarT)) * d.betaT, 'η = 1: DDPM posterior variance');
    });

    it('classifier-free-guidance: ε_∅ + w(ε_c − ε_∅) and its score form', () => {
      const { epsUncond, epsCond, w, guided, scoreUncond, scoreCond, gradLogClassifier } = FX.cfg;
      near(
        epsUncond.map((u: number, i: number) => u + w * (epsCond[i] - u)),
        guided,
        'guided ε',
      );
      near(scoreUncond + w * (scoreCond - scoreUncond), scoreUncond + w * gradLogClassifier, 'score form');
    });

    it('wgan: the LP-optimal 1-Lipschitz critic attains W₁ (Kantorovich–Rubinstein)', () => {
      const { x, y, fX, fY, w1 } = FX.wgan;
      near(mean(fX) - mean(fY), w1, 'E_p f − E_q f');
      const pts = [...x, ...y];
      const f = [...fX, ...fY];
      for (let i = 0; i < pts.length; i++)
        for (let j = 0; j < pts.length; j++) assert.ok(Math.abs(f[i] - f[j]) <= Math.abs(pts[i] - pts[j]) + 1e-9, 'Lipschitz');
      const xs = [...x].sort((p, q) => p - q);
      const ys = [...y].sort((p, q) => p - q);
      near(mean(xs.map((v, i) => Math.abs(v - ys[i]))), w1, 'primal (sorted coupling)');
    });

    it('gradient-penalty: critic loss with λ E[(‖∇f(x̂)‖ − 1)²] equals torch.autograd.grad', () => {
      const g = FX.gp;
      const xhat = g.real.map((r: number[], k: number) => r.map((v, i) => g.u[k] * v + (1 - g.u[k]) * g.fake[k][i]));
      const critics: Record<string, { f: (h: number[]) => number; grad: (h: number[]) => number[] }> = {
        linear: { f: (h) => dot(h, g.w) + g.b, grad: () => g.w },
        tanh: {
          f: (h) =>
            dot(
              matVec(g.W1, h).map((v, j) => Math.tanh(v + g.c1[j])),
              g.v1,
            ),
          grad: (h) =>
            matVec(
              transpose(g.W1),
              matVec(g.W1, h).map((v, j) => g.v1[j] * (1 - Math.tanh(v + g.c1[j]) ** 2)),
            ),
        },
      };
      for (const [name, { f, grad }] of Object.entries(critics)) {
        const penalty = mean(xhat.map((h: number[]) => (norm2(grad(h)) - 1) ** 2));
        near(penalty, g[name].penalty, `${name} penalty`);
        near(mean(g.fake.map(f)) - mean(g.real.map(f)) + g.lambda * penalty, g[name].loss, `${name} loss`);
      }
    });

    it('spectral-normalization: power iteration gives matrix_norm(ord=2), W/σ equals the torch parametrization', () => {
      const { W, u0, sigma, Wbar } = FX.spectral;
      let u = u0 as number[];
      let v: number[] = [];
      for (let k = 0; k < 100; k++) {
        v = matVec(transpose(W), u);
        v = v.map((x) => x / norm2(v));
        const wv = matVec(W, v);
        u = wv.map((x) => x / norm2(wv));
      }
      const s = dot(u, matVec(W, v));
      near(s, sigma, 'σ(W)');
      near(
        W.map((row: number[]) => row.map((x) => x / s)),
        Wbar,
        'W̄',
      );
    });

    it('autoregressive-flow, maf, iaf: log|det J| = ±Σ α_i equals torch.logdet of the autograd Jacobian', () => {
      const a = FX.autoregressive;
      const mu = (h: number[]) => matVec(a.Mmu, h).map((v, i) => Math.tanh(v + a.bmu[i]));
      const al = (h: number[]) => matVec(a.Malpha, h).map((v, i) => 0.5 * Math.tanh(v + a.balpha[i]));
      const logN = (z: number[]) => sum(z.map((zi) => logNormal(zi, 0, 1)));
      // MAF: z_i = (x_i − μ_i) e^{−α_i}; log p(x) = log N(z) − Σ α_i.
      const z = a.x.map((xi: number, i: number) => (xi - mu(a.x)[i]) * Math.exp(-al(a.x)[i]));
      near(z, a.mafZ, 'MAF z');
      near(-sum(al(a.x)), a.mafLogdet, 'MAF log|det ∂z/∂x|');
      near(logN(z) - sum(al(a.x)), a.mafLogp, 'MAF log p(x)');
      // IAF: x_i = z_i e^{α_i} + μ_i; the generic affine autoregressive log-det is +Σ α_i.
      near(
        a.z.map((zi: number, i: number) => zi * Math.exp(al(a.z)[i]) + mu(a.z)[i]),
        a.iafX,
        'IAF x',
      );
      near(sum(al(a.z)), a.iafLogdet, 'IAF log|det ∂x/∂z|');
      near(logN(a.z) - sum(al(a.z)), a.iafLogq, 'IAF log q(x)');
    });

    it('invertible-1x1-convolution: h·w·log|det W| = Σ log|s_i| of the LU factor = torch log|det| of the conv Jacobian', () => {
      const { W, h, w, logdet, logAbsDetW } = FX.conv1x1;
      const lu = solve(
        W,
        W.map(() => 0),
      );
      near(sum(lu.diagU.map((s) => Math.log(Math.abs(s)))), logAbsDetW, 'Σ log|s_i|');
      near(h * w * lu.logAbsDet, logdet, 'h·w·log|det W|');
    });

    it('actnorm: data-dependent init and log|det| = h·w·Σ log|s_c|', () => {
      const { batch, s, b, logdet } = FX.actnorm;
      const C = s.length;
      for (let c = 0; c < C; c++) {
        const vals = batch.flatMap((n: number[][][]) => n[c].flat());
        const m = mean(vals);
        const sd = Math.sqrt(mean(vals.map((v: number) => (v - m) ** 2)));
        near([1 / sd, -m / sd], [s[c], b[c]], `init channel ${c}`);
      }
      const [h, w] = [batch[0][0].length, batch[0][0][0].length];
      near(h * w * sum(s.map((v: number) => Math.log(Math.abs(v)))), logdet, 'log|det|');
    });

    it('glow: the sum of actnorm, 1×1 conv and coupling log-dets equals the autograd log|det| of the step', () => {
      const g = FX.glow;
      const [C, H, W] = [g.x.length, g.x[0].length, g.x[0][0].length];
      // Channel vectors per pixel.
      const pix: number[][] = [];
      for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) pix.push(Array.from({ length: C }, (_, c) => g.x[c][i][j]));
      let ld = H * W * sum(g.s.map((v: number) => Math.log(Math.abs(v))));
      ld +=
        H *
        W *
        solve(
          g.W,
          g.W.map(() => 0),
        ).logAbsDet;
      const out: number[][] = [];
      for (const p of pix) {
        const an = p.map((v, c) => g.s[c] * v + g.b[c]);
        const mixed = matVec(g.W, an);
        const [x1, x2] = [mixed.slice(0, 2), mixed.slice(2)];
        const sc = matVec(g.A, x1).map((v, k) => Math.tanh(v + g.a[k]));
        const tc = matVec(g.B, x1).map((v, k) => v + g.bb[k]);
        ld += sum(sc);
        out.push([...x1, ...x2.map((v, k) => v * Math.exp(sc[k]) + tc[k])]);
      }
      near(ld, g.logdet, 'Σ log|det J_k|');
      const zFlat: number[] = [];
      for (let c = 0; c < C; c++) for (let k = 0; k < H * W; k++) zFlat.push(out[k][c]);
      near(zFlat, g.z.flat(2), 'z');
      near(sum(zFlat.map((v) => logNormal(v, 0, 1))) + ld, g.logp, 'log p(x)');
    });
  });

  describe('classical ML and evaluation', () => {
    it('logistic-regression: mean log-loss and its gradient equal autograd', () => {
      const { X, y, w, b, loss, gradW, gradB } = FX.logreg;
      const p = X.map((x: number[]) => sigmoid(dot(w, x) + b));
      near(-mean(p.map((pi: number, i: number) => y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi))), loss, 'loss');
      near(
        [0, 1, 2].map((j) => mean(p.map((pi: number, i: number) => (pi - y[i]) * X[i][j]))),
        gradW,
        '∇w',
      );
      near(mean(p.map((pi: number, i: number) => pi - y[i])), gradB, '∂b');
    });

    it('svm: primal objective, its subgradient, and the kernel decision function', () => {
      const { X, y, w, b, C, objective, gradW, gradB, alpha, xTest, decisionLinearKernel } = FX.svm;
      const margins = X.map((x: number[], i: number) => y[i] * (dot(w, x) + b));
      near(0.5 * dot(w, w) + C * sum(margins.map((m: number) => Math.max(0, 1 - m))), objective, 'objective');
      const active = margins.map((m: number) => (m < 1 ? 1 : 0));
      near(
        w.map((wj: number, j: number) => wj - C * sum(X.map((x: number[], i: number) => active[i] * y[i] * x[j]))),
        gradW,
        '∇w',
      );
      near(-C * sum(y.map((yi: number, i: number) => active[i] * yi)), gradB, '∂b');
      near(
        xTest.map((xt: number[]) => sum(X.map((xi: number[], i: number) => alpha[i] * y[i] * dot(xi, xt))) + 0.1),
        decisionLinearKernel,
        'Σ α_i y_i k(x_i, x) + b',
      );
    });

    it('confusion-matrix, accuracy, precision, recall, f1-score: formulas from the counts', () => {
      const m = FX.metrics;
      const C = [
        [0, 0],
        [0, 0],
      ];
      m.yTrue.forEach((t: number, i: number) => C[t][m.yPred[i]]++);
      assert.deepEqual(C, m.confusion);
      const [[TN, FP], [FN, TP]] = C;
      near((TP + TN) / (TP + TN + FP + FN), m.accuracy, 'accuracy (counts)');
      near(mean(m.yTrue.map((t: number, i: number) => (t === m.yPred[i] ? 1 : 0))), m.accuracy, 'accuracy (mean)');
      const P = TP / (TP + FP);
      const R = TP / (TP + FN);
      near(P, m.precision, 'precision');
      near(R, m.recall, 'recall');
      near((2 * P * R) / (P + R), m.f1, 'F1');
      near((2 * TP) / (2 * TP + FP + FN), m.f1, 'F1 (counts)');
      near(((1 + m.beta ** 2) * P * R) / (m.beta ** 2 * P + R), m.fbeta, 'F-beta');
      near(FP / (FP + TN), m.fpr, 'FPR');
      near(TN / (TN + FP), m.tnr, 'TNR');
    });

    it('roc-auc: the pairwise count equals the area under the swept ROC curve and U / (n₊n₋)', () => {
      const { scores, labels, auc, mannWhitneyU, threshold, tprAtThreshold, fprAtThreshold } = FX.roc;
      const pos = scores.filter((_: number, i: number) => labels[i] === 1);
      const neg = scores.filter((_: number, i: number) => labels[i] === 0);
      let count = 0;
      for (const si of pos) for (const sj of neg) count += (si > sj ? 1 : 0) + 0.5 * (si === sj ? 1 : 0);
      near(count / (pos.length * neg.length), auc, 'AUC');
      near(count, mannWhitneyU, 'U');
      const pred = scores.map((s: number) => (s >= threshold ? 1 : 0));
      const tp = sum(pred.map((p: number, i: number) => (p === 1 && labels[i] === 1 ? 1 : 0)));
      const fp = sum(pred.map((p: number, i: number) => (p === 1 && labels[i] === 0 ? 1 : 0)));
      near(tp / pos.length, tprAtThreshold, 'TPR(t) = TP / (TP + FN)');
      near(fp / neg.length, fprAtThreshold, 'FPR(t) = FP / (FP + TN)');
    });

    it('selection-rate, fpr-parity, group-metrics: per group, difference and ratio', () => {
      const g = FX.groups;
      const { yTrue, yPred } = FX.metrics;
      const names = Object.keys(g.byGroup);
      const per = names.map((a) => {
        const idx = g.group.map((x: string, i: number) => (x === a ? i : -1)).filter((i: number) => i >= 0);
        const sr = mean(idx.map((i: number) => yPred[i]));
        const fp = sum(idx.map((i: number) => (yPred[i] === 1 && yTrue[i] === 0 ? 1 : 0)));
        const tn = sum(idx.map((i: number) => (yPred[i] === 0 && yTrue[i] === 0 ? 1 : 0)));
        const acc = mean(idx.map((i: number) => (yPred[i] === yTrue[i] ? 1 : 0)));
        near([sr, fp / (fp + tn), acc], [g.byGroup[a].selectionRate, g.byGroup[a].fpr, g.byGroup[a].accuracy], `group ${a}`);
        return { sr, fpr: fp / (fp + tn), acc };
      });
      const diff = (v: number[]) => Math.max(...v) - Math.min(...v);
      const ratio = (v: number[]) => Math.min(...v) / Math.max(...v);
      near(diff(per.map((p) => p.sr)), g.selectionRateDifference, 'SR difference');
      near(ratio(per.map((p) => p.sr)), g.selectionRateRatio, 'SR ratio');
      near(diff(per.map((p) => p.fpr)), g.fprDifference, 'Δ_FPR');
      near(diff(per.map((p) => p.acc)), g.accuracyDifference, 'accuracy difference');
      near(ratio(per.map((p) => p.acc)), g.accuracyRatio, 'accuracy ratio');
    });
  });

  describe('reinforcement learning', () => {
    it('discount-factor: G_t as a sum and by the recursion', () => {
      const { rewards, gamma, G } = FX.returns;
      const T = rewards.length;
      near(
        rewards.map((_: number, t: number) => sum(Array.from({ length: T - t }, (_, k) => gamma ** k * rewards[t + k]))),
        G,
        'Σ γ^k r',
      );
      const rec = new Array<number>(T + 1).fill(0);
      for (let t = T - 1; t >= 0; t--) rec[t] = rewards[t] + gamma * rec[t + 1];
      near(rec.slice(0, T), G, 'recursion');
    });

    it('policy, policy-gradient, reward: softmax bandit, REINFORCE estimate and exact gradient', () => {
      const b = FX.bandit;
      const pi = softmax(b.theta);
      near(dot(pi, b.armRewards), b.J, 'J = E_π[r]');
      const gradLog = (a: number) => pi.map((p, k) => (k === a ? 1 : 0) - p);
      const est = (base: number) => [0, 1].map((k) => mean(b.actions.map((a: number) => gradLog(a)[k] * (b.armRewards[a] - base))));
      near(est(0), b.gradEstimate, 'REINFORCE');
      near(est(b.baseline), b.gradEstimateBaseline, 'REINFORCE with baseline');
      near(
        [0, 1].map((k) => sum([0, 1].map((a) => pi[a] * gradLog(a)[k] * b.armRewards[a]))),
        b.gradExact,
        'E[∇log π · r] = ∇J',
      );
    });

    it('advantage: TD errors and GAE(λ) as a sum and by the recursion', () => {
      const { rewards, values, gamma, lambda, delta, gae } = FX.gae;
      const T = rewards.length;
      const d = rewards.map((r: number, t: number) => r + gamma * values[t + 1] - values[t]);
      near(d, delta, 'δ_t');
      near(
        d.map((_: number, t: number) => sum(Array.from({ length: T - t }, (_, l) => (gamma * lambda) ** l * d[t + l]))),
        gae,
        'Σ (γλ)^l δ',
      );
      const rec = new Array<number>(T + 1).fill(0);
      for (let t = T - 1; t >= 0; t--) rec[t] = d[t] + gamma * lambda * rec[t + 1];
      near(rec.slice(0, T), gae, 'recursion');
    });

    it('actor-critic: δ_t, the critic and the actor updates', () => {
      const a = FX.actorCritic;
      const V = (phi: number[]) => dot(phi, a.w);
      const delta = a.reward + a.gamma * V(a.phiS1) - V(a.phiS);
      near(delta, a.delta, 'δ_t');
      near(
        a.w.map((w: number, j: number) => w + a.beta * delta * a.phiS[j]),
        a.wNew,
        'w update',
      );
      const pi = softmax(a.logits);
      near(
        a.logits.map((l: number, k: number) => l + a.alpha * delta * ((k === a.action ? 1 : 0) - pi[k])),
        a.logitsNew,
        'θ update',
      );
    });

    it('value-function: the Bellman expectation equation by iteration, Q and A = Q − V', () => {
      const { P, R, pi, gamma, V, Q, A } = FX.mdp;
      const S = P.length;
      const nA = P[0].length;
      let v = new Array<number>(S).fill(0);
      const q = (vv: number[], s: number, a: number) => sum(P[s][a].map((p: number, s2: number) => p * (R[s][a][s2] + gamma * vv[s2])));
      for (let k = 0; k < 2000; k++) v = v.map((_, s) => sum(Array.from({ length: nA }, (_, a) => pi[s][a] * q(v, s, a))));
      near(v, V, 'V^π');
      const Qs = v.map((_, s) => Array.from({ length: nA }, (_, a) => q(v, s, a)));
      near(Qs, Q, 'Q^π');
      near(
        Qs.map((row, s) => row.map((x) => x - v[s])),
        A,
        'A = Q − V',
      );
    });
  });
});
