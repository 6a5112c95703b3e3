/**
 * PyTorch's optimizers, update for update: the single-tensor code paths of torch/optim/{sgd,
 * adagrad,rmsprop,adam,adamw}.py in PyTorch 1.13 (the default `foreach=None` resolves to them on
 * CPU), with the same defaults, the same argument checks and the same floating-point operations,
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
  crossCheck: (v) => (bool(v, 'nesterov') && (num(v, 'momentum') <= 0 || num(v, 'dampening') !== 0) ? 'Nesterov momentum requires a momentum and zero dampening.' : undefined),
  create(v, n) {
    let momentum = num(v, 'momentum');
    const dampening = num(v, 'dampening');
    const wd = num(v, 'weight_decay');
    const nesterov = bool(v, 'nesterov');
    const max = bool(v, 'maximize');
    const buf = new Float64Array(n);
    let hasBuf = false; // PyTorch creates the buffer at the first step with momentum ≠ 0, as a copy of g
    return {
      momentumName: 'momentum',
      setMomentum: (m) => void (momentum = m),
      step(x, g, lr) {
        const damp = 1 - dampening;
        for (let i = 0; i < n; i++) {
          let d = max ? -g[i] : g[i];
          if (wd !== 0) d = fma(wd, x[i], d);
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
    const wd = num(v, 'weight_decay');
    const e = num(v, 'eps');
    const max = bool(v, 'maximize');
    const sum = new Float64Array(n).fill(num(v, 'initial_accumulator_value'));
    let t = 0;
    return {
      step(x, g, lr) {
        t++;
        const clr = lr / (1 + (t - 1) * lrDecay);
        for (let i = 0; i < n; i++) {
          let d = max ? -g[i] : g[i];
          if (wd !== 0) d = fma(wd, x[i], d);
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
    const wd = num(v, 'weight_decay');
    let momentum = num(v, 'momentum');
    const centered = bool(v, 'centered');
    const max = bool(v, 'maximize');
    const sq = new Float64Array(n);
    const avgG = new Float64Array(n);
    const buf = new Float64Array(n);
    return {
      momentumName: 'momentum',
      setMomentum: (m) => void (momentum = m),
      step(x, g, lr) {
        const oneMinus = 1 - alpha;
        for (let i = 0; i < n; i++) {
          let d = max ? -g[i] : g[i];
          if (wd !== 0) d = fma(wd, x[i], d);
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
  let [beta1] = v.betas as number[];
  const beta2 = (v.betas as number[])[1];
  const e = num(v, 'eps');
  const wd = num(v, 'weight_decay');
  const ams = bool(v, 'amsgrad');
  const max = bool(v, 'maximize');
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
        let d = max ? -g[i] : g[i];
        if (decoupled) x[i] = x[i] * shrink;
        else if (wd !== 0) d = fma(wd, x[i], d);
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

export const TORCH_OPTIMIZERS: Readonly<Record<string, OptimizerDef>> = { sgd: SGD, adagrad: ADAGRAD, rmsprop: RMSPROP, adam: ADAM, adamw: ADAMW };
