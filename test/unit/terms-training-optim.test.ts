// The catalog entries of compute/terms/training.ts and optimizers-beyond.ts: every formula is
// implemented here exactly as the entry's TeX writes it and checked against
// test/fixtures/term_training_optim.json (gen_term_training_optim.py): torch 1.13 for
// torch.nn.init, nn.Linear, Adadelta, Adamax, RAdam, AMSGrad, Rprop, ASGD, SGD/Adam with
// weight_decay, AdamW, Adam's moment buffers, finfo, fp16 casts, AveragedModel, DataLoader and
// random_split; the papers (written out in the generator) for Lion, LAMB, LARS, Yogi and Adafactor.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { termById, TERMS } from '../../compute';

/* eslint-disable @typescript-eslint/no-explicit-any */
const F: any = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'term_training_optim.json'), 'utf8'));
/* eslint-enable @typescript-eslint/no-explicit-any */

const REL = 1e-6;
function close(ours: number, ref: number, tol = REL, what = ''): void {
  assert.ok(Math.abs(ours - ref) <= tol * Math.max(1, Math.abs(ref)), `${what}: ${ours} vs ${ref}`);
}
function closeVec(ours: number[], ref: number[], tol = REL, what = ''): void {
  assert.equal(ours.length, ref.length, what);
  const scale = Math.max(1e-300, ...ref.map(Math.abs));
  ours.forEach((v, i) => assert.ok(Math.abs(v - ref[i]) <= tol * Math.max(1, scale), `${what}[${i}]: ${v} vs ${ref[i]}`));
}
function closeTraj(ours: number[][], ref: number[][], what: string, tol = REL): void {
  assert.equal(ours.length, ref.length, `${what}: steps`);
  ref.forEach((p, k) => closeVec(ours[k], p, tol, `${what} step ${k}`));
}

const { a: A, c: C, start: X0 } = F.quadratic as { a: number[]; c: number[]; start: number[] };
const grad = (x: number[]) => x.map((xi, i) => A[i] * (xi - C[i]));
const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);
const norm = (v: number[]) => Math.sqrt(v.reduce((s, t) => s + t * t, 0));
const zeros = () => X0.map(() => 0);

/** Runs `step` (which maps θ_{t-1}, g_t and t to θ_t) from the start for `steps` steps. */
function run(steps: number, step: (x: number[], g: number[], t: number) => number[]): number[][] {
  let x = X0.slice();
  const out = [x.slice()];
  for (let t = 1; t <= steps; t++) {
    x = step(x, grad(x), t);
    out.push(x.slice());
  }
  return out;
}

describe('catalog: training practice and optimizers beyond the notes', () => {
  it('has the required ids in their sections', () => {
    const training = [
      'epoch',
      'batch-size',
      'gradient-accumulation',
      'mixed-precision',
      'loss-scaling',
      'weight-ema',
      'weight-initialization',
      'xavier-init',
      'kaiming-init',
      'orthogonal-init',
      'regularization',
      'l1-regularization',
      'l2-regularization',
      'overfitting',
      'early-stopping',
      'hyperparameter',
      'train-val-test-split',
    ];
    const optim = [
      'moment-estimates',
      'bias-correction',
      'adadelta',
      'adamax',
      'radam',
      'amsgrad',
      'lion',
      'lamb',
      'lars',
      'adafactor',
      'yogi',
      'rprop',
      'asgd',
    ];
    for (const id of training) assert.equal(termById(id)?.section, 'Beyond the notes: Training practice', id);
    for (const id of optim) assert.equal(termById(id)?.section, 'Beyond the notes: Optimizers', id);
    for (const [id, name] of [
      ['adadelta', 'adadelta'],
      ['adamax', 'adamax'],
      ['radam', 'radam'],
      ['rprop', 'rprop'],
      ['asgd', 'asgd'],
      ['amsgrad', 'adam'],
    ]) {
      assert.equal(termById(id)?.lab?.params?.optimizer, name, id);
    }
    assert.equal(termById('amsgrad')?.lab?.params?.amsgrad, true);
    for (const id of ['lion', 'lamb', 'lars', 'adafactor', 'yogi']) assert.equal(termById(id)?.lab, undefined, id);
    assert.ok(termById('batch-size')!.aliases.includes('mini-batches'));
    assert.ok(termById('moment-estimates')!.aliases.includes('exponential decay rate'));
    assert.ok(!TERMS.some((t) => t.id !== 'moment-estimates' && t.aliases.includes('exponential decay rate')));
  });

  describe('initialization (torch.nn.init, torch 1.13)', () => {
    const I = F.init;
    const nIn = I.fanIn as number;
    const nOut = I.fanOut as number;
    const leakyGain = (a: number) => Math.sqrt(2 / (1 + a * a));

    it('gains: g = sqrt(2/(1 + a^2)) for (leaky) ReLU, 5/3 for tanh, 1 for linear and sigmoid', () => {
      close(leakyGain(0), I.gains.relu, REL, 'relu');
      close(leakyGain(0.2), I.gains['leaky_relu_0.2'], REL, 'leaky 0.2');
      close(leakyGain(Math.sqrt(5)), I.gains.leaky_relu_sqrt5, REL, 'leaky sqrt5');
      close(Math.sqrt(1 / 3), I.gains.leaky_relu_sqrt5, REL, 'sqrt(1/3)');
      close(5 / 3, I.gains.tanh, REL, 'tanh');
      close(1, I.gains.linear, REL, 'linear');
      close(1, I.gains.sigmoid, REL, 'sigmoid');
    });

    /** A uniform U(−b, b) sample: max |w| just below b, std b/√3 (within sampling error). */
    function uniform(stats: { std: number; maxAbs: number }, b: number, what: string) {
      assert.ok(stats.maxAbs <= b && stats.maxAbs >= b * (1 - 1e-4), `${what}: max ${stats.maxAbs} vs bound ${b}`);
      assert.ok(Math.abs(stats.std - b / Math.sqrt(3)) <= 0.005 * b, `${what}: std ${stats.std} vs ${b / Math.sqrt(3)}`);
    }
    const normal = (stats: { std: number }, sigma: number, what: string) =>
      assert.ok(Math.abs(stats.std - sigma) <= 0.005 * sigma, `${what}: std ${stats.std} vs ${sigma}`);

    it('Xavier: a = g sqrt(6/(n_in + n_out)), sigma = g sqrt(2/(n_in + n_out))', () => {
      uniform(I.xavierUniform, Math.sqrt(6 / (nIn + nOut)), 'xavier_uniform_');
      uniform(I.xavierUniformTanh, (5 / 3) * Math.sqrt(6 / (nIn + nOut)), 'xavier_uniform_ tanh gain');
      normal(I.xavierNormal, Math.sqrt(2 / (nIn + nOut)), 'xavier_normal_');
    });

    it('Kaiming: b = g sqrt(3/n_in), N(0, g^2/n_in); a = sqrt5 gives b = 1/sqrt(n_in), nn.Linear default', () => {
      uniform(I.kaimingUniformRelu, leakyGain(0) * Math.sqrt(3 / nIn), 'kaiming_uniform_ relu');
      normal(I.kaimingNormalRelu, leakyGain(0) / Math.sqrt(nIn), 'kaiming_normal_ relu');
      normal(I.kaimingNormalFanOut, leakyGain(0) / Math.sqrt(nOut), "kaiming_normal_ mode='fan_out'");
      const b = leakyGain(Math.sqrt(5)) * Math.sqrt(3 / nIn);
      close(b, 1 / Math.sqrt(nIn), 1e-12, 'a = sqrt5 bound');
      uniform(I.kaimingUniformSqrt5, b, 'kaiming_uniform_(a=sqrt5)');
      uniform({ std: I.linearDefault.weightStd, maxAbs: I.linearDefault.weightMaxAbs }, 1 / Math.sqrt(nIn), 'nn.Linear weight');
      assert.ok(I.linearDefault.biasMaxAbs <= 1 / Math.sqrt(nIn) && I.linearDefault.biasMaxAbs > 0.999 / Math.sqrt(nIn), 'nn.Linear bias');
    });

    it('weight initialization: E[y^2] = n_in Var[w] E[x^2]', () => {
      const v = I.variancePropagation;
      const predicted = v.fanIn * v.weightVar * v.inputSecondMoment;
      assert.ok(Math.abs(predicted - v.outputSecondMoment) <= 0.03 * predicted, `${predicted} vs ${v.outputSecondMoment}`);
      close(v.fanIn * (2 / v.fanIn) * 0.5, 1, REL, 'He with ReLU: 1');
    });

    it('orthogonal: W = gQ with Q^T Q = I (tall), Q Q^T = I (wide), |Wx| = g|x|', () => {
      const gram = (W: number[][], cols: boolean) => {
        const n = cols ? W[0].length : W.length;
        return Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => (cols ? W.reduce((s, row) => s + row[i] * row[j], 0) : W[i].reduce((s, w, k) => s + w * W[j][k], 0))),
        );
      };
      for (const [name, cols] of [
        ['tall', true],
        ['wide', false],
        ['tallGain2', true],
      ] as const) {
        const { W, gain } = I.orthogonal[name] as { W: number[][]; gain: number };
        gram(W, cols).forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? gain * gain : 0)) <= 1e-6, `${name} [${i}][${j}] = ${v}`)));
        if (cols) {
          const x = W[0].map((_, j) => Math.sin(j + 1));
          const Wx = W.map((row) => row.reduce((s, w, j) => s + w * x[j], 0));
          close(norm(Wx), gain * norm(x), REL, `${name} |Wx|`);
        }
      }
    });
  });

  describe('optimizers against torch.optim (torch 1.13)', () => {
    const T = F.torchOptim;

    it('Adadelta', () => {
      const { lr, rho, eps } = T.adadelta.hyper;
      const v = zeros();
      const u = zeros();
      const ours = run(T.adadelta.grads.length, (x, g) =>
        x.map((xi, i) => {
          v[i] = rho * v[i] + (1 - rho) * g[i] ** 2;
          const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps)) * g[i];
          u[i] = rho * u[i] + (1 - rho) * delta ** 2;
          return xi - lr * delta;
        }),
      );
      closeTraj(ours, T.adadelta.trajectory, 'Adadelta');
    });

    it('Adamax', () => {
      const { lr, beta1, beta2, eps } = T.adamax.hyper;
      const m = zeros();
      const u = zeros();
      const ours = run(T.adamax.grads.length, (x, g, t) =>
        x.map((xi, i) => {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          u[i] = Math.max(beta2 * u[i], Math.abs(g[i]) + eps);
          return xi - (lr / (1 - beta1 ** t)) * (m[i] / u[i]);
        }),
      );
      closeTraj(ours, T.adamax.trajectory, 'Adamax');
    });

    it('RAdam, through both branches (rho_t <= 5, then rectified)', () => {
      const { lr, beta1, beta2, eps } = T.radam.hyper;
      const m = zeros();
      const v = zeros();
      const rhoInf = 2 / (1 - beta2) - 1;
      const branches = new Set<boolean>();
      const ours = run(T.radam.grads.length, (x, g, t) => {
        const rhoT = rhoInf - (2 * t * beta2 ** t) / (1 - beta2 ** t);
        branches.add(rhoT > 5);
        return x.map((xi, i) => {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2;
          const mHat = m[i] / (1 - beta1 ** t);
          if (!(rhoT > 5)) return xi - lr * mHat;
          const r = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
          return xi - lr * r * mHat * (Math.sqrt(1 - beta2 ** t) / (Math.sqrt(v[i]) + eps));
        });
      });
      assert.equal(branches.size, 2, 'both branches taken');
      closeTraj(ours, T.radam.trajectory, 'RAdam');
    });

    it('AMSGrad (torch.optim.Adam(amsgrad=True)), where the running maximum matters', () => {
      const { lr, beta1, beta2, eps } = T.amsgrad.hyper;
      const m = zeros();
      const v = zeros();
      const vMax = zeros();
      let maxDiffers = false;
      const ours = run(T.amsgrad.grads.length, (x, g, t) =>
        x.map((xi, i) => {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2;
          vMax[i] = Math.max(vMax[i], v[i]);
          if (vMax[i] > v[i] * 1.01) maxDiffers = true;
          return xi - (lr / (1 - beta1 ** t)) * (m[i] / (Math.sqrt(vMax[i]) / Math.sqrt(1 - beta2 ** t) + eps));
        }),
      );
      assert.ok(maxDiffers, 'v_max differs from v at some step');
      closeTraj(ours, T.amsgrad.trajectory, 'AMSGrad');
    });

    it('Rprop (sign flips included)', () => {
      const { lr, etaMinus, etaPlus, minStep, maxStep } = T.rprop.hyper;
      const prev = zeros();
      const delta = X0.map(() => lr);
      let flips = 0;
      const ours = run(T.rprop.grads.length, (x, g) =>
        x.map((xi, i) => {
          const p = g[i] * prev[i];
          const s = p > 0 ? etaPlus : p < 0 ? etaMinus : 1;
          delta[i] = Math.min(Math.max(s * delta[i], minStep), maxStep);
          let gi = g[i];
          if (p < 0) {
            gi = 0;
            flips++;
          }
          prev[i] = gi;
          return xi - delta[i] * sign(gi);
        }),
      );
      assert.ok(flips > 0, 'some sign flips');
      closeTraj(ours, T.rprop.trajectory, 'Rprop');
    });

    it('ASGD with t0 = 3, parameters and the average ax', () => {
      const { lr: gamma, lambd, alpha, t0 } = T.asgd.hyper;
      let ax = X0.slice();
      const axs: number[][] = [];
      const ours = run(T.asgd.grads.length, (x, g, t) => {
        const eta = gamma / (1 + lambd * gamma * (t - 1)) ** alpha;
        const mu = 1 / Math.max(1, t - 1 - t0);
        const next = x.map((xi, i) => (1 - lambd * eta) * xi - eta * g[i]);
        ax = ax.map((ai, i) => ai + mu * (next[i] - ai));
        axs.push(ax.slice());
        return next;
      });
      closeTraj(ours, T.asgd.trajectory, 'ASGD');
      closeTraj(
        axs,
        T.asgd.state.map((s: { ax: number[] }) => s.ax),
        'ASGD ax',
      );
      assert.ok(Math.abs(axs.at(-1)![0] - ours.at(-1)![0]) > 1e-6, 'the average has separated from the parameters');
    });

    it('L2 in the loss: SGD(weight_decay) is (1 - eta lambda) theta - eta grad J; Adam + L2 and AdamW differ', () => {
      const { lr, lambda } = T.sgdL2.hyper;
      closeTraj(
        run(T.sgdL2.grads.length, (x, g) => x.map((xi, i) => (1 - lr * lambda) * xi - lr * g[i])),
        T.sgdL2.trajectory,
        'SGD + L2',
      );
      const adam = (decoupled: boolean) => {
        const h = T.adamL2.hyper;
        const m = zeros();
        const v = zeros();
        return run(T.adamL2.grads.length, (x, gJ, t) =>
          x.map((xi, i) => {
            const g = decoupled ? gJ[i] : gJ[i] + h.lambda * xi;
            m[i] = h.beta1 * m[i] + (1 - h.beta1) * g;
            v[i] = h.beta2 * v[i] + (1 - h.beta2) * g * g;
            const step = (h.lr * (m[i] / (1 - h.beta1 ** t))) / (Math.sqrt(v[i] / (1 - h.beta2 ** t)) + h.eps);
            return (decoupled ? 1 - h.lr * h.lambda : 1) * xi - step;
          }),
        );
      };
      closeTraj(adam(false), T.adamL2.trajectory, 'Adam + L2');
      closeTraj(adam(true), T.adamw.trajectory, 'AdamW');
      const last = T.adamL2.trajectory.length - 1;
      assert.ok(Math.abs(T.adamL2.trajectory[last][2] - T.adamw.trajectory[last][2]) > 1e-4, 'Adam + L2 and AdamW differ');
    });

    it('moment estimates: recursion, closed-form sum, and bias correction (torch Adam state)', () => {
      const { beta1, beta2 } = T.adamMoments.hyper;
      const gs: number[][] = T.adamMoments.grads;
      const m = zeros();
      const v = zeros();
      gs.forEach((g, k) => {
        g.forEach((gi, i) => {
          m[i] = beta1 * m[i] + (1 - beta1) * gi;
          v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
        });
        const t = k + 1;
        const sum = m.map((_, i) => (1 - beta1) * gs.slice(0, t).reduce((s, gj, j) => s + beta1 ** (t - 1 - j) * gj[i], 0));
        closeVec(m, T.adamMoments.state[k].exp_avg, REL, `m_${t}`);
        closeVec(sum, T.adamMoments.state[k].exp_avg, REL, `m_${t} as a sum`);
        closeVec(v, T.adamMoments.state[k].exp_avg_sq, REL, `v_${t}`);
      });
      // Constant gradient: m_t = (1 - beta1^t) g, so m_t/(1 - beta1^t) = g and v_t/(1 - beta2^t) = g^2.
      const K = T.adamConstantGradient;
      K.state.forEach((s: { exp_avg: number[]; exp_avg_sq: number[] }, k: number) => {
        const t = k + 1;
        closeVec(
          K.g.map((g: number) => (1 - K.beta1 ** t) * g),
          s.exp_avg,
          REL,
          `E[m_${t}]`,
        );
        closeVec(
          s.exp_avg.map((mi) => mi / (1 - K.beta1 ** t)),
          K.g,
          REL,
          `m-hat_${t}`,
        );
        closeVec(
          s.exp_avg_sq.map((vi) => vi / (1 - K.beta2 ** t)),
          K.g.map((g: number) => g * g),
          REL,
          `v-hat_${t}`,
        );
        close((1 - K.beta1) * Array.from({ length: t }, (_, i) => K.beta1 ** (t - 1 - i)).reduce((x, y) => x + y, 0), 1 - K.beta1 ** t, REL, 'sum of weights');
      });
    });
  });

  describe('optimizers against references written from the papers (not in torch 1.13)', () => {
    const P = F.paperReference;

    it('Lion: every coordinate moves by lr before weight decay', () => {
      const { lr, beta1, beta2, lambda } = P.lion.hyper;
      const m = zeros();
      const ours = run(P.lion.trajectory.length - 1, (x, g) => {
        const next = x.map((xi, i) => xi - lr * (sign(beta1 * m[i] + (1 - beta1) * g[i]) + lambda * xi));
        g.forEach((gi, i) => (m[i] = beta2 * m[i] + (1 - beta2) * gi));
        next.forEach((ni, i) => close(Math.abs(ni - (1 - lr * lambda) * x[i]), lr, REL, 'Lion |step|'));
        return next;
      });
      closeTraj(ours, P.lion.trajectory, 'Lion');
    });

    it('LAMB (phi = identity): |delta theta| / |theta| = eta', () => {
      const { lr, beta1, beta2, eps, lambda } = P.lamb.hyper;
      const m = zeros();
      const v = zeros();
      const ours = run(P.lamb.trajectory.length - 1, (x, g, t) => {
        const r = x.map((xi, i) => {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2;
          return m[i] / (1 - beta1 ** t) / (Math.sqrt(v[i] / (1 - beta2 ** t)) + eps) + lambda * xi;
        });
        const next = x.map((xi, i) => xi - lr * (norm(x) / norm(r)) * r[i]);
        close(norm(next.map((ni, i) => ni - x[i])) / norm(x), lr, REL, 'LAMB relative step');
        return next;
      });
      closeTraj(ours, P.lamb.trajectory, 'LAMB');
    });

    it('LARS', () => {
      const { lr, momentum, lambda, trust } = P.lars.hyper;
      const v = zeros();
      const ours = run(P.lars.trajectory.length - 1, (w, g) => {
        const local = (trust * norm(w)) / (norm(g) + lambda * norm(w));
        return w.map((wi, i) => {
          v[i] = momentum * v[i] + lr * local * (g[i] + lambda * wi);
          return wi - v[i];
        });
      });
      closeTraj(ours, P.lars.trajectory, 'LARS');
    });

    it('Yogi: v changes by at most (1 - beta2) g^2 per step', () => {
      const { lr, beta1, beta2, eps } = P.yogi.hyper;
      const m = zeros();
      const v = zeros();
      const ours = run(P.yogi.trajectory.length - 1, (x, g) =>
        x.map((xi, i) => {
          const before = v[i];
          v[i] = v[i] - (1 - beta2) * sign(v[i] - g[i] ** 2) * g[i] ** 2;
          assert.ok(Math.abs(v[i] - before) <= (1 - beta2) * g[i] ** 2 * (1 + 1e-12) + 4 * Number.EPSILON * Math.abs(before), 'Yogi |v_t - v_{t-1}|');
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          return xi - (lr * m[i]) / (Math.sqrt(v[i]) + eps);
        }),
      );
      closeTraj(ours, P.yogi.trajectory, 'Yogi');
    });

    it('Adafactor: factored second moment (row sums kept), update clipping, relative step size', () => {
      const { eps1, eps2, d, decay } = P.adafactor.hyper;
      const Am: number[][] = P.adafactor.A;
      const Cm: number[][] = P.adafactor.C;
      const n = Am.length;
      const mm = Am[0].length;
      const rms = (M: number[][]) => Math.sqrt(M.flat().reduce((s, x) => s + x * x, 0) / (n * mm));
      let X: number[][] = P.adafactor.trajectory[0].map((row: number[]) => row.slice());
      let R = new Array(n).fill(0);
      let Cc = new Array(mm).fill(0);
      const steps = P.adafactor.trajectory.length - 1;
      for (let t = 1; t <= steps; t++) {
        const G = X.map((row, i) => row.map((x, j) => Am[i][j] * (x - Cm[i][j])));
        const b2 = 1 - t ** -decay;
        const sq = G.map((row) => row.map((g) => g * g + eps1));
        R = R.map((r, i) => b2 * r + (1 - b2) * sq[i].reduce((s, x) => s + x, 0));
        Cc = Cc.map((c, j) => b2 * c + (1 - b2) * sq.reduce((s, row) => s + row[j], 0));
        const total = R.reduce((s, x) => s + x, 0);
        const V = R.map((r) => Cc.map((c) => (r * c) / total));
        V.forEach((row, i) =>
          close(
            row.reduce((s, x) => s + x, 0),
            R[i],
            REL,
            'row sums of V-hat',
          ),
        );
        const U = G.map((row, i) => row.map((g, j) => g / Math.sqrt(V[i][j])));
        close(rms(U), P.adafactor.rmsUnclipped[t - 1], REL, `RMS(U_${t})`);
        const Uhat = U.map((row) => row.map((u) => u / Math.max(1, rms(U) / d)));
        assert.ok(rms(Uhat) <= d * (1 + 1e-12), 'clipped RMS <= d');
        const alpha = Math.max(eps2, rms(X)) * Math.min(1e-2, 1 / Math.sqrt(t));
        X = X.map((row, i) => row.map((x, j) => x - alpha * Uhat[i][j]));
        closeTraj(X, P.adafactor.trajectory[t], `Adafactor step ${t}`);
      }
    });
  });

  describe('mixed precision and loss scaling', () => {
    it('float16 / bfloat16 epsilon and max (torch.finfo) and fp16 underflow', () => {
      const P = F.precision;
      close(2 ** -10, P.fp16.eps, REL, 'fp16 eps');
      close((2 - 2 ** -10) * 2 ** 15, P.fp16.max, REL, 'fp16 max');
      assert.equal((2 - 2 ** -10) * 2 ** 15, 65504);
      close(2 ** -7, P.bf16.eps, REL, 'bf16 eps');
      close((2 - 2 ** -7) * 2 ** 127, P.bf16.max, REL, 'bf16 max');
      assert.ok(P.underflow.grad < P.fp16.smallestSubnormal / 2 && P.underflow.fp16 === 0, 'a 1e-8 gradient flushes to zero in fp16');
      // Scaled by S it is representable; unscaling recovers it to fp16's relative precision.
      assert.ok(Math.abs(P.underflow.scaledThenUnscaled - P.underflow.grad) <= 2 ** -11 * P.underflow.grad);
    });

    /** The dynamic rule of the loss-scaling entry, with overflow meaning |S g| > max fp16. */
    function dynamic(grads: number[], S0: number, growth: number, backoff: number, N: number) {
      let S = S0;
      let finite = 0;
      const scales: number[] = [];
      const skipped: boolean[] = [];
      for (const g of grads) {
        const overflow = Math.abs(S * g) > 65504;
        assert.ok(Math.abs(Math.abs(S * g) - 65504) > 100, 'no case sits on the fp16 rounding edge');
        skipped.push(overflow);
        if (overflow) {
          S = backoff * S;
          finite = 0;
        } else if (++finite === N) {
          S = growth * S;
          finite = 0;
        }
        scales.push(S);
      }
      return { scales, skipped };
    }

    it('dynamic loss scaling follows torch.cuda.amp.GradScaler’s rule (short intervals)', () => {
      for (const c of F.lossScaling.slice(0, 2)) {
        const ours = dynamic(c.grads, c.initScale, c.growth, c.backoff, c.interval);
        assert.deepEqual(ours.skipped, c.skipped);
        closeVec(ours.scales, c.scales, 0, 'scales');
      }
    });

    it('GradScaler defaults (2^16, growth 2, backoff 0.5, interval 2000) over 4500 steps', () => {
      const c = F.lossScaling[2];
      assert.equal(c.initScale, 2 ** 16);
      const grads = new Array(c.steps).fill(c.small);
      for (const s of c.spikes) grads[s] = c.big;
      const ours = dynamic(grads, c.initScale, c.growth, c.backoff, c.interval);
      closeVec(
        c.checkpoints.map((k: number) => ours.scales[k]),
        c.scales,
        0,
        'scales',
      );
      assert.equal(ours.skipped.filter(Boolean).length, c.skippedCount);
    });
  });

  describe('EMA of weights', () => {
    it('AveragedModel with an EMA avg_fn: bar theta_1 = theta_1, then beta bar + (1 - beta) theta', () => {
      const E = F.ema;
      let avg: number[] = [];
      E.sequence.forEach((theta: number[], k: number) => {
        avg = k === 0 ? theta.slice() : avg.map((a, i) => E.decay * a + (1 - E.decay) * theta[i]);
        closeVec(avg, E.averagedModel[k], REL, `step ${k + 1}`);
      });
    });

    it('zero-initialized EMA of a constant is (1 - beta^t) x; dividing by 1 - beta^t removes the bias', () => {
      const E = F.ema;
      for (const { t, ema, debiased } of E.zeroInit as { t: number; ema: number; debiased: number }[]) {
        const sum = (1 - E.beta) * Array.from({ length: t }, (_, i) => E.beta ** (t - 1 - i) * E.constant).reduce((x, y) => x + y, 0);
        close(sum, ema, REL, `EMA_${t}`);
        close((1 - E.beta ** t) * E.constant, ema, REL, `(1 - beta^t) x at ${t}`);
        close(sum / (1 - E.beta ** t), E.constant, REL, `debiased at ${t}`);
        close(debiased, E.constant, REL, `generator's debiased at ${t}`);
      }
      assert.ok(E.zeroInit[0].ema < 0.02 * E.constant, 'the raw EMA starts far below the constant');
    });
  });

  describe('batches, accumulation, regularization, splits', () => {
    it('steps per epoch: ceil(N/B), or floor(N/B) without the last partial batch (DataLoader)', () => {
      for (const { n, b, len, lenDropLast } of F.batches) {
        assert.equal(Math.ceil(n / b), len, `${n}/${b}`);
        assert.equal(Math.floor(n / b), lenDropLast, `${n}/${b} drop_last`);
      }
    });

    it('Var of a mini-batch mean is sigma^2/B (exact, over all draws with replacement)', () => {
      const pop = [0.5, -1.2, 2.0, 0.1, 3.3];
      const mean = pop.reduce((s, x) => s + x, 0) / pop.length;
      const sigma2 = pop.reduce((s, x) => s + (x - mean) ** 2, 0) / pop.length;
      for (const B of [1, 2, 3]) {
        let count = 0;
        let m2 = 0;
        const rec = (k: number, sum: number) => {
          if (k === B) {
            count++;
            m2 += (sum / B - mean) ** 2;
            return;
          }
          for (const x of pop) rec(k + 1, sum + x);
        };
        rec(0, 0);
        close(m2 / count, sigma2 / B, 1e-12, `B = ${B}`);
      }
    });

    it('gradient accumulation: the mean of K micro-batch gradients is the full-batch gradient', () => {
      const G = F.accumulation;
      const X: number[][] = G.X;
      const y: number[] = G.y;
      const w: number[] = G.w;
      const batchGrad = (rows: number[]) =>
        w.map((_, j) => rows.reduce((s, r) => s + 2 * (X[r].reduce((p, x, k) => p + x * w[k], 0) - y[r]) * X[r][j], 0) / rows.length);
      const K = G.microBatches;
      const b = X.length / K;
      const micro = Array.from({ length: K }, (_, k) => batchGrad(Array.from({ length: b }, (_, i) => k * b + i)));
      const accumulated = w.map((_, j) => micro.reduce((s, g) => s + g[j], 0) / K);
      closeVec(accumulated, G.accumulatedGrad, REL, 'accumulated');
      closeVec(accumulated, G.fullGrad, REL, 'full batch');
      closeVec(batchGrad(X.map((_, i) => i)), G.fullGrad, REL, 'full batch directly');
    });

    it('L1: subgradient lambda sign(theta) (autograd) and soft-thresholding = the proximal step (grid)', () => {
      const L = F.l1;
      closeVec(
        L.theta.map((t: number) => L.lambda * sign(t)),
        L.subgradient,
        REL,
        'subgradient',
      );
      const prox = L.theta.map((z: number) => sign(z) * Math.max(Math.abs(z) - L.eta * L.lambda, 0));
      prox.forEach((p: number, i: number) => assert.ok(Math.abs(p - L.proxGrid[i]) <= L.gridStep, `prox ${p} vs grid ${L.proxGrid[i]}`));
      assert.ok(prox.filter((p: number) => p === 0).length === 2, 'two small weights set exactly to zero');
    });

    it('split sizes: ceil(pN) for train_test_split, floor + round-robin remainder for random_split', () => {
      for (const { n, testSize, nTest, nTrain } of F.splits.trainTestSplit) {
        assert.equal(Math.ceil(testSize * n), nTest);
        assert.equal(n - Math.ceil(testSize * n), nTrain);
      }
      for (const { n, fractions, sizes } of F.splits.randomSplit as { n: number; fractions: number[]; sizes: number[] }[]) {
        const floors = fractions.map((f) => Math.floor(f * n));
        const r = n - floors.reduce((s, x) => s + x, 0);
        assert.deepEqual(
          floors.map((f, i) => f + (i < r ? 1 : 0)),
          sizes,
          `${n} ${fractions}`,
        );
      }
    });

    it('early stopping: t_best moves on improvements larger than delta; stop when t - t_best >= p', () => {
      const E = F.earlyStopping;
      for (const c of E.cases) {
        let best = -1;
        let stopped: number | null = null;
        for (let t = 0; t < E.valLoss.length; t++) {
          if (best < 0 || E.valLoss[t] < E.valLoss[best] - c.minDelta) best = t;
          else if (t - best >= c.patience) {
            stopped = t;
            break;
          }
        }
        assert.equal(stopped, c.stoppedEpoch, `delta ${c.minDelta} p ${c.patience}`);
        assert.equal(best, c.bestEpoch);
      }
    });

    it('overfitting: the gap R - R_n grows once the polynomial can fit the noise', () => {
      const rows = F.overfitting as { degree: number; train: number; test: number }[];
      const gap = rows.map((r) => r.test - r.train);
      for (let k = 1; k < rows.length; k++) assert.ok(rows[k].train <= rows[k - 1].train + 1e-12, 'nested least squares: training error never rises');
      assert.ok(rows[9].train < 1e-12, 'degree 9 interpolates 10 points');
      assert.ok(gap[9] > 2 * gap[3] && rows[9].test > rows[3].test, 'the interpolating fit overfits');
    });
  });
});
