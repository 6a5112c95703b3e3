/**
 * PyTorch's optimizers, update for update: the single-tensor code paths of torch/optim/{sgd,
 * adagrad,rmsprop,adam,adamw,adadelta,adamax,nadam,radam,rprop,asgd}.py in PyTorch 1.13 (the
 * default `foreach=None` resolves to them on CPU), with the same defaults, the same argument checks and the same floating-point operations,
 * so float64 trajectories agree with torch bit for bit (test/fixtures/gen_optim.py).
 *
 * ATen's CPU kernels round as follows (see fma.ts): `a.add_(b, alpha=c)` is fma(c, b, a);
 * `a.addcmul_(b, c, value=v)` is fma(v·b, c, a); `a.addcdiv_(b, c, value=v)` is a + (v·b)/c.
 */
import { atLeastZero, betaCheck, bool, num, type ArgDef, type ArgValue, type OptimizerDef } from './hyper';
import { fma } from './fma';
import type { Stepper } from './types';

const lr = (dflt?: number): ArgDef => ({ name: 'lr', type: 'number', default: dflt, check: atLeastZero('learning rate'), about: 'learning rate' });
const weightDecay = (dflt = 0): ArgDef => ({ name: 'weight_decay', type: 'number', default: dflt, check: atLeastZero('weight_decay value') });
const eps = (dflt: number): ArgDef => ({ name: 'eps', type: 'number', default: dflt, check: atLeastZero('epsilon value') });
const maximize: ArgDef = { name: 'maximize', type: 'boolean', default: false };
const betas: ArgDef = { name: 'betas', type: 'pair', default: [0.9, 0.999], check: betaCheck };
const amsgrad: ArgDef = { name: 'amsgrad', type: 'boolean', default: false };

/** Arguments that select an implementation, not the maths; accepted and ignored. */
export const TORCH_IGNORED = ['foreach', 'differentiable', 'capturable', 'fused'];

/**
 * The gradient element an update uses: negated under `maximize`, plus λθ when λ ≠ 0 (L2 weight
 * decay, PyTorch's `grad = grad.add(param, alpha=weight_decay)`, so fma(λ, θ, g)).
 */
function l2Grad(gi: number, xi: number, wd: number, max: boolean): number {
  const d = max ? -gi : gi;
  return wd !== 0 ? fma(wd, xi, d) : d;
}

/**
 * The Adam family's weight decay on element i: decoupled (AdamW, `decoupled_weight_decay`)
 * multiplies θᵢ by `shrink` (1 − γλ, computed once per step by the caller) first and leaves the
 * gradient alone (negated under `maximize`); coupled is l2Grad.
 */
function decayedGrad(x: Float64Array, i: number, gi: number, wd: number, max: boolean, decoupled: boolean, shrink: number): number {
  if (!decoupled) return l2Grad(gi, x[i], wd, max);
  x[i] = x[i] * shrink;
  return max ? -gi : gi;
}

/** weight_decay and maximize, which every optimizer but Rprop reads for l2Grad or decayedGrad. */
function decayArgs(v: Record<string, ArgValue>): { wd: number; max: boolean } {
  return { wd: num(v, 'weight_decay'), max: bool(v, 'maximize') };
}

// The Adam family's two moment updates stay written out in each loop: folded into a third helper
// they made 10⁵-step runs on two coordinates 10–15% slower (V8 then inlines step() into
// runOptimizer and runs out of inlining budget before reaching the helpers; see `npm run bench`).

/** The hyperparameters the Adam family (Adam, AdamW, Adamax, NAdam, RAdam) reads alike. */
function adamArgs(v: Record<string, ArgValue>): { beta1: number; beta2: number; eps: number; wd: number; max: boolean } {
  const [beta1, beta2] = v.betas as number[];
  return { beta1, beta2, eps: num(v, 'eps'), ...decayArgs(v) };
}

/** torch.optim.SGD: g ← g + λθ; b ← μb + (1 − τ)g (b₁ = g); g ← g + μb (Nesterov) or b; θ ← θ − γg. */
const SGD: OptimizerDef = {
  owner: 'torch.optim.SGD',
  defs: [
    lr(undefined),
    { name: 'momentum', type: 'number', default: 0, check: atLeastZero('momentum value') },
    { name: 'dampening', type: 'number', default: 0 },
    weightDecay(),
    { name: 'nesterov', type: 'boolean', default: false },
    maximize,
  ],
  crossCheck: (v) =>
    bool(v, 'nesterov') && (num(v, 'momentum') <= 0 || num(v, 'dampening') !== 0) ? 'Nesterov momentum requires a momentum and zero dampening.' : undefined,
  create(v, n) {
    let momentum = num(v, 'momentum');
    const dampening = num(v, 'dampening');
    const { wd, max } = decayArgs(v);
    const nesterov = bool(v, 'nesterov');
    const buf = new Float64Array(n);
    let hasBuf = false; // PyTorch creates the buffer at the first step with momentum ≠ 0, as a copy of g
    return {
      momentumName: 'momentum',
      setMomentum: (m) => void (momentum = m),
      step(x, g, lr) {
        const damp = 1 - dampening;
        for (let i = 0; i < n; i++) {
          let d = l2Grad(g[i], x[i], wd, max);
          if (momentum !== 0) {
            buf[i] = hasBuf ? fma(damp, d, buf[i] * momentum) : d;
            d = nesterov ? fma(momentum, buf[i], d) : buf[i];
          }
          x[i] = fma(-lr, d, x[i]);
        }
        if (momentum !== 0) hasBuf = true;
      },
    };
  },
};

/** torch.optim.Adagrad: s ← s + g²; θ ← θ − γ/(1 + (t − 1)η) · g/(√s + ε). */
const ADAGRAD: OptimizerDef = {
  owner: 'torch.optim.Adagrad',
  defs: [
    lr(1e-2),
    { name: 'lr_decay', type: 'number', default: 0, check: atLeastZero('lr_decay value') },
    weightDecay(),
    { name: 'initial_accumulator_value', type: 'number', default: 0, check: atLeastZero('initial_accumulator_value value') },
    eps(1e-10),
    maximize,
  ],
  create(v, n) {
    const lrDecay = num(v, 'lr_decay');
    const { wd, max } = decayArgs(v);
    const e = num(v, 'eps');
    const sum = new Float64Array(n).fill(num(v, 'initial_accumulator_value'));
    let t = 0;
    return {
      step(x, g, lr) {
        t++;
        const clr = lr / (1 + (t - 1) * lrDecay);
        for (let i = 0; i < n; i++) {
          const d = l2Grad(g[i], x[i], wd, max);
          sum[i] = fma(d, d, sum[i]);
          x[i] = x[i] + (-clr * d) / (Math.sqrt(sum[i]) + e);
        }
      },
    };
  },
};

/** torch.optim.RMSprop: v ← αv + (1 − α)g²; centred: subtract ḡ²; θ ← θ − γ g/(√v + ε) (through a momentum buffer if μ > 0). */
const RMSPROP: OptimizerDef = {
  owner: 'torch.optim.RMSprop',
  defs: [
    lr(1e-2),
    { name: 'alpha', type: 'number', default: 0.99, check: atLeastZero('alpha value') },
    eps(1e-8),
    weightDecay(),
    { name: 'momentum', type: 'number', default: 0, check: atLeastZero('momentum value') },
    { name: 'centered', type: 'boolean', default: false },
    maximize,
  ],
  create(v, n) {
    const alpha = num(v, 'alpha');
    const e = num(v, 'eps');
    const { wd, max } = decayArgs(v);
    let momentum = num(v, 'momentum');
    const centered = bool(v, 'centered');
    const sq = new Float64Array(n);
    const avgG = new Float64Array(n);
    const buf = new Float64Array(n);
    return {
      momentumName: 'momentum',
      setMomentum: (m) => void (momentum = m),
      step(x, g, lr) {
        const oneMinus = 1 - alpha;
        for (let i = 0; i < n; i++) {
          const d = l2Grad(g[i], x[i], wd, max);
          sq[i] = fma(oneMinus * d, d, sq[i] * alpha);
          let avg: number;
          if (centered) {
            avgG[i] = fma(oneMinus, d, avgG[i] * alpha);
            avg = Math.sqrt(fma(-avgG[i], avgG[i], sq[i]));
          } else {
            avg = Math.sqrt(sq[i]);
          }
          avg = avg + e;
          if (momentum > 0) {
            buf[i] = buf[i] * momentum + d / avg;
            x[i] = fma(-lr, buf[i], x[i]);
          } else {
            x[i] = x[i] + (-lr * d) / avg;
          }
        }
      },
    };
  },
};

/**
 * Adam and AdamW share one body: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 * θ ← θ − γ/(1 − β₁ᵗ) · m/(√v/√(1 − β₂ᵗ) + ε) (AMSGrad: v replaced by its running maximum).
 * Adam's weight decay is L2 (g ← g + λθ); AdamW's is decoupled (θ ← θ(1 − γλ) first).
 */
function adamStepper(v: Record<string, ArgValue>, n: number, decoupled: boolean): Stepper {
  const hp = adamArgs(v);
  const { beta2, eps: e, wd, max } = hp;
  let beta1 = hp.beta1;
  const ams = bool(v, 'amsgrad');
  const m = new Float64Array(n);
  const s = new Float64Array(n);
  const sMax = new Float64Array(n);
  let t = 0;
  let bc1 = 0;
  let bc2 = 0;
  let cycled = false; // OneCycleLR changes β₁, so 1 − β₁ᵗ must be recomputed every step
  return {
    momentumName: 'betas[0]',
    setMomentum(b) {
      beta1 = b;
      cycled = true;
    },
    step(x, g, lr) {
      t++;
      // 1 − βᵗ, as PyTorch computes it; once βᵗ < 2⁻⁵⁴ it rounds to exactly 1 for good (βᵗ only
      // shrinks), so pow is skipped from then on — same floats, much less work on long runs.
      if (bc1 !== 1 || cycled) bc1 = 1 - beta1 ** t;
      if (bc2 !== 1) bc2 = 1 - beta2 ** t;
      const stepSize = lr / bc1;
      const bc2Sqrt = Math.sqrt(bc2);
      const c1 = 1 - beta1;
      const c2 = 1 - beta2;
      const shrink = 1 - lr * wd;
      for (let i = 0; i < n; i++) {
        const d = decayedGrad(x, i, g[i], wd, max, decoupled, shrink);
        m[i] = fma(c1, d, m[i] * beta1);
        s[i] = fma(c2 * d, d, s[i] * beta2);
        let denom: number;
        if (ams) {
          sMax[i] = Math.max(sMax[i], s[i]);
          denom = Math.sqrt(sMax[i]) / bc2Sqrt + e;
        } else {
          denom = Math.sqrt(s[i]) / bc2Sqrt + e;
        }
        x[i] = x[i] + (-stepSize * m[i]) / denom;
      }
    },
  };
}

const ADAM: OptimizerDef = {
  owner: 'torch.optim.Adam',
  defs: [lr(1e-3), betas, eps(1e-8), weightDecay(0), amsgrad, maximize],
  create: (v, n) => adamStepper(v, n, false),
};

const ADAMW: OptimizerDef = {
  owner: 'torch.optim.AdamW',
  defs: [lr(1e-3), betas, eps(1e-8), weightDecay(1e-2), amsgrad, maximize],
  create: (v, n) => adamStepper(v, n, true),
};

// ---------------------------------------------------------------------------------------------
// Adadelta, Adamax, NAdam, RAdam, Rprop and ASGD: the single-tensor code paths of
// torch/optim/{adadelta,adamax,nadam,radam,rprop,asgd}.py in PyTorch 1.13, operation for
// operation (test/fixtures/gen_optim.py checks them against torch.optim). Arguments PyTorch 2.x
// added (NAdam/RAdam `maximize` and `decoupled_weight_decay`, keyword-only flags such as
// `capturable`) are read too; their maths is written from the 2.x sources (maximize negates the
// gradient; decoupled weight decay multiplies θ by 1 − γλ before the update, as AdamW does).
// ---------------------------------------------------------------------------------------------

const unitClosed = (what: string) => (v: number) => (v >= 0 && v <= 1 ? undefined : `Invalid ${what} value: ${v} (it must be in [0, 1]).`);
const decoupled: ArgDef = { name: 'decoupled_weight_decay', type: 'boolean', default: false };

/** torch.optim.Adadelta: v ← ρv + (1 − ρ)g²; Δ = √(u + ε)/√(v + ε)·g; u ← ρu + (1 − ρ)Δ²; θ ← θ − γΔ. */
const ADADELTA: OptimizerDef = {
  owner: 'torch.optim.Adadelta',
  defs: [lr(1.0), { name: 'rho', type: 'number', default: 0.9, check: unitClosed('rho') }, eps(1e-6), weightDecay(), maximize],
  create(v, n) {
    const rho = num(v, 'rho');
    const e = num(v, 'eps');
    const { wd, max } = decayArgs(v);
    const sq = new Float64Array(n);
    const acc = new Float64Array(n);
    return {
      step(x, g, lr) {
        const c = 1 - rho;
        for (let i = 0; i < n; i++) {
          const d = l2Grad(g[i], x[i], wd, max);
          sq[i] = fma(c * d, d, sq[i] * rho);
          const std = Math.sqrt(sq[i] + e);
          const delta = (Math.sqrt(acc[i] + e) / std) * d;
          acc[i] = fma(c * delta, delta, acc[i] * rho);
          x[i] = fma(-lr, delta, x[i]);
        }
      },
    };
  },
};

/** torch.optim.Adamax: m ← β₁m + (1 − β₁)g; u ← max(β₂u, |g| + ε); θ ← θ − γ/(1 − β₁ᵗ)·m/u. */
const ADAMAX: OptimizerDef = {
  owner: 'torch.optim.Adamax',
  defs: [lr(2e-3), betas, eps(1e-8), weightDecay(), maximize],
  create(v, n) {
    const hp = adamArgs(v);
    const { beta2, eps: e, wd, max } = hp;
    let beta1 = hp.beta1;
    const m = new Float64Array(n);
    const u = new Float64Array(n);
    let t = 0;
    return {
      momentumName: 'betas[0]',
      setMomentum: (b) => void (beta1 = b),
      step(x, g, lr) {
        t++;
        const clr = lr / (1 - beta1 ** t);
        for (let i = 0; i < n; i++) {
          const d = l2Grad(g[i], x[i], wd, max);
          m[i] = fma(1 - beta1, d, m[i] * beta1);
          u[i] = Math.max(u[i] * beta2, Math.abs(d) + e);
          x[i] = x[i] + (-clr * m[i]) / u[i];
        }
      },
    };
  },
};

/**
 * torch.optim.NAdam (Dozat's Nesterov Adam with PyTorch's momentum schedule; PyTorch ≥ 2.0):
 * μₜ = β₁(1 − ½·0.96^(tψ)), ψ = momentum_decay; m, v as in Adam; with D = √(v/(1 − β₂ᵗ)) + ε,
 * θ ← θ − γ(1 − μₜ)/(1 − Πᵢ≤ₜ μᵢ)·g/D − γμₜ₊₁/(1 − Πᵢ≤ₜ₊₁ μᵢ)·m/D.
 */
const NADAM: OptimizerDef = {
  owner: 'torch.optim.NAdam',
  defs: [
    lr(2e-3),
    betas,
    eps(1e-8),
    weightDecay(),
    { name: 'momentum_decay', type: 'number', default: 4e-3, check: atLeastZero('momentum_decay value') },
    decoupled,
    maximize,
  ],
  create(v, n) {
    const hp = adamArgs(v);
    const { beta2, eps: e, wd, max } = hp;
    let beta1 = hp.beta1;
    const psi = num(v, 'momentum_decay');
    const dwd = bool(v, 'decoupled_weight_decay');
    const m = new Float64Array(n);
    const s = new Float64Array(n);
    let t = 0;
    let muProduct = 1;
    return {
      momentumName: 'betas[0]',
      setMomentum: (b) => void (beta1 = b),
      step(x, g, lr) {
        t++;
        const bc2 = 1 - beta2 ** t;
        const mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi));
        const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi));
        muProduct = muProduct * mu;
        // PyTorch ≥ 2.0 (and Dozat, and Keras): Πᵢ≤ₜ₊₁ μᵢ = Πᵢ≤ₜ μᵢ · μₜ₊₁. PyTorch 1.13 multiplied
        // by μₜ once more here; the current rule is simulated.
        const muProductNext = muProduct * muNext;
        const a = (-lr * (1 - mu)) / (1 - muProduct);
        const b = (-lr * muNext) / (1 - muProductNext);
        const shrink = wd !== 0 ? 1 - lr * wd : 1; // PyTorch decays only when λ ≠ 0 (θ·1 = θ)
        for (let i = 0; i < n; i++) {
          const d = decayedGrad(x, i, g[i], wd, max, dwd, shrink);
          m[i] = fma(1 - beta1, d, m[i] * beta1);
          s[i] = fma((1 - beta2) * d, d, s[i] * beta2);
          const denom = Math.sqrt(s[i] / bc2) + e;
          x[i] = x[i] + (a * d) / denom;
          x[i] = x[i] + (b * m[i]) / denom;
        }
      },
    };
  },
};

/**
 * torch.optim.RAdam (Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond"):
 * ρ∞ = 2/(1 − β₂) − 1, ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ); while ρₜ ≤ 5 the step is SGD with momentum on
 * the bias-corrected m̂; after that it is Adam's step times the rectification
 * r = √((ρₜ − 4)(ρₜ − 2)ρ∞/((ρ∞ − 4)(ρ∞ − 2)ρₜ)), with ε added to √v (not √v̂).
 */
const RADAM: OptimizerDef = {
  owner: 'torch.optim.RAdam',
  defs: [lr(1e-3), betas, eps(1e-8), weightDecay(), decoupled, maximize],
  create(v, n) {
    const hp = adamArgs(v);
    const { beta2, eps: e, wd, max } = hp;
    let beta1 = hp.beta1;
    const dwd = bool(v, 'decoupled_weight_decay');
    const m = new Float64Array(n);
    const s = new Float64Array(n);
    let t = 0;
    return {
      momentumName: 'betas[0]',
      setMomentum: (b) => void (beta1 = b),
      step(x, g, lr) {
        t++;
        const bc1 = 1 - beta1 ** t;
        const bc2 = 1 - beta2 ** t;
        const rhoInf = 2 / (1 - beta2) - 1;
        const rhoT = rhoInf - (2 * t * beta2 ** t) / bc2;
        const rect = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
        const bc2Sqrt = Math.sqrt(bc2);
        const shrink = wd !== 0 ? 1 - lr * wd : 1; // PyTorch decays only when λ ≠ 0 (θ·1 = θ)
        for (let i = 0; i < n; i++) {
          const d = decayedGrad(x, i, g[i], wd, max, dwd, shrink);
          m[i] = fma(1 - beta1, d, m[i] * beta1);
          s[i] = fma((1 - beta2) * d, d, s[i] * beta2);
          const mHat = m[i] / bc1;
          if (rhoT > 5) {
            const adaptive = bc2Sqrt / (Math.sqrt(s[i]) + e);
            x[i] = x[i] - mHat * lr * adaptive * rect;
          } else {
            x[i] = x[i] - mHat * lr;
          }
        }
      },
    };
  },
};

const etaPair: ArgDef = {
  name: 'etas',
  type: 'pair',
  default: [0.5, 1.2],
  check: (v: number[]) =>
    0 < v[0] && v[0] < 1 && 1 < v[1] ? undefined : `Invalid eta values: ${v[0]}, ${v[1]} (they must satisfy 0 < etaminus < 1 < etaplus).`,
};

/**
 * torch.optim.Rprop: per coordinate, the step size grows by η₊ while the gradient keeps its sign
 * and shrinks by η₋ when it flips (then that coordinate does not move and forgets the gradient);
 * θ ← θ − sign(g)·step, steps clamped to step_sizes. The lr is only the initial step size, read
 * at the first step (as PyTorch fills state['step_size']): a schedule changes nothing after that.
 */
const RPROP: OptimizerDef = {
  owner: 'torch.optim.Rprop',
  defs: [lr(1e-2), etaPair, { name: 'step_sizes', type: 'pair', default: [1e-6, 50] }, maximize],
  create(v, n) {
    const [etaMinus, etaPlus] = v.etas as number[];
    const [minStep, maxStep] = v.step_sizes as number[];
    const max = bool(v, 'maximize');
    const prev = new Float64Array(n);
    const size = new Float64Array(n);
    let started = false;
    return {
      step(x, g, lr) {
        if (!started) {
          size.fill(lr);
          started = true;
        }
        for (let i = 0; i < n; i++) {
          let d = max ? -g[i] : g[i];
          const p = d * prev[i];
          const factor = p > 0 ? etaPlus : p < 0 ? etaMinus : 1;
          size[i] = Math.min(Math.max(size[i] * factor, minStep), maxStep);
          if (factor === etaMinus) d = 0;
          x[i] = fma(-Math.sign(d), size[i], x[i]);
          prev[i] = d;
        }
      },
    };
  },
};

/**
 * torch.optim.ASGD (Polyak–Juditsky averaged SGD as PyTorch implements it): θ ← θ(1 − λη);
 * θ ← θ − ηg; then η ← γ/(1 + λγt)^α with the current lr γ, and the average ā starts moving
 * only after t0 steps (μ = 1/max(1, t − t0)). The trajectory shown is θ (PyTorch's parameters);
 * the average ā lives in the optimizer's state and equals θ until step t0 (default 10⁶).
 */
const ASGD: OptimizerDef = {
  owner: 'torch.optim.ASGD',
  defs: [
    lr(1e-2),
    { name: 'lambd', type: 'number', default: 1e-4 },
    { name: 'alpha', type: 'number', default: 0.75 },
    { name: 't0', type: 'number', default: 1e6 },
    weightDecay(),
    maximize,
  ],
  create(v, n) {
    const lambd = num(v, 'lambd');
    const alpha = num(v, 'alpha');
    const t0 = num(v, 't0');
    const { wd, max } = decayArgs(v);
    const ax = new Float64Array(n);
    let eta = NaN; // PyTorch stores the group's lr at the first step
    let mu = 1;
    let t = 0;
    return {
      step(x, g, lr) {
        if (t === 0) eta = lr;
        t++;
        const shrink = 1 - lambd * eta;
        for (let i = 0; i < n; i++) {
          const d = l2Grad(g[i], x[i], wd, max);
          x[i] = x[i] * shrink;
          x[i] = fma(-eta, d, x[i]);
          ax[i] = mu !== 1 ? ax[i] + (x[i] - ax[i]) * mu : x[i];
        }
        eta = lr / Math.pow(1 + lambd * lr * t, alpha);
        mu = 1 / Math.max(1, t - t0);
      },
    };
  },
};

export const TORCH_OPTIMIZERS: Readonly<Record<string, OptimizerDef>> = {
  sgd: SGD,
  adagrad: ADAGRAD,
  rmsprop: RMSPROP,
  adam: ADAM,
  adamw: ADAMW,
  adadelta: ADADELTA,
  adamax: ADAMAX,
  nadam: NADAM,
  radam: RADAM,
  rprop: RPROP,
  asgd: ASGD,
};
