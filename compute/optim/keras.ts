/**
 * Keras 3 optimizers (keras/src/optimizers/{sgd,rmsprop,adagrad,adam,adamw,adadelta,adamax,
 * nadam}.py and the base optimizer's `_apply_weight_decay`), written from their `update_step`
 * code. Keras is not installed here, so these are checked against first steps computed by hand
 * from those formulas (test/unit/optim-frameworks.test.ts, optim-more.test.ts), and Adadelta,
 * Adamax and Nadam against torch.optim run with the settings that make the rules identical. See frameworks.ts for how each differs from
 * PyTorch.
 *
 * Weight decay in Keras 3 is decoupled for every optimizer: before the update,
 * θ ← θ − θ·wd·lr (base_optimizer.py, `_apply_weight_decay`); `weight_decay=None` means none.
 */
import { atLeastZero, bool, num, unitInterval, type ArgDef, type ArgValue, type OptimizerDef } from './hyper';
import type { Stepper } from './types';

const learningRate = (dflt: number): ArgDef => ({ name: 'learning_rate', type: 'number', default: dflt, check: atLeastZero('learning_rate') });
const epsilon: ArgDef = { name: 'epsilon', type: 'number', default: 1e-7, check: atLeastZero('epsilon') };
const weightDecay = (dflt: number | null): ArgDef => ({
  name: 'weight_decay',
  type: 'number?',
  default: dflt,
  check: (v: number | null) => (v === null ? undefined : atLeastZero('weight_decay')(v)),
});
const beta = (name: string, dflt: number): ArgDef => ({ name, type: 'number', default: dflt, check: unitInterval(name) });

/** Arguments of Keras' base optimizer that this simulator does not model. */
export const KERAS_IGNORED = ['name'];

/** θ ← θ − θ·wd·lr, Keras' decoupled weight decay (applied before every update step). */
function decay(x: Float64Array, wd: number | null, lr: number): void {
  if (wd === null) return;
  for (let i = 0; i < x.length; i++) x[i] = x[i] - x[i] * wd * lr;
}

/** The hyperparameters Adam, AdamW, Adamax and Nadam read alike. */
function adamArgs(v: Record<string, ArgValue>): { beta1: number; beta2: number; eps: number; wd: number | null } {
  return { beta1: num(v, 'beta_1'), beta2: num(v, 'beta_2'), eps: num(v, 'epsilon'), wd: v.weight_decay as number | null };
}

/** Adam's and Nadam's moments on element i: m ← m + (g − m)(1 − β₁), v ← v + (g² − v)(1 − β₂). */
function adamMoments(m: Float64Array, s: Float64Array, i: number, gi: number, beta1: number, beta2: number): void {
  m[i] = m[i] + (gi - m[i]) * (1 - beta1);
  s[i] = s[i] + (gi * gi - s[i]) * (1 - beta2);
}

/** keras.optimizers.SGD: v ← μv − lr·g; θ ← θ + v (Nesterov: θ ← θ + μv − lr·g). */
const SGD: OptimizerDef = {
  owner: 'keras.optimizers.SGD',
  defs: [
    learningRate(0.01),
    { name: 'momentum', type: 'number', default: 0, check: (v: number) => (v >= 0 && v <= 1 ? undefined : '`momentum` must be a float between [0, 1].') },
    { name: 'nesterov', type: 'boolean', default: false },
    weightDecay(null),
  ],
  create(v, n) {
    let momentum = num(v, 'momentum');
    const nesterov = bool(v, 'nesterov');
    const wd = v.weight_decay as number | null;
    const vel = new Float64Array(n);
    return {
      momentumName: 'momentum',
      setMomentum: (m) => void (momentum = m),
      step(x, g, lr) {
        decay(x, wd, lr);
        for (let i = 0; i < n; i++) {
          if (momentum !== 0) {
            vel[i] = vel[i] * momentum - g[i] * lr;
            x[i] = x[i] + (nesterov ? vel[i] * momentum - g[i] * lr : vel[i]);
          } else {
            x[i] = x[i] - g[i] * lr;
          }
        }
      },
    };
  },
};

/** keras.optimizers.RMSprop: v ← ρv + (1 − ρ)g²; Δ = lr·g/√(v + ε) (centred: √(v − ḡ² + ε)); θ ← θ − Δ, or through b ← μb + Δ. */
const RMSPROP: OptimizerDef = {
  owner: 'keras.optimizers.RMSprop',
  defs: [
    learningRate(0.001),
    beta('rho', 0.9),
    { name: 'momentum', type: 'number', default: 0, check: atLeastZero('momentum') },
    epsilon,
    { name: 'centered', type: 'boolean', default: false },
    weightDecay(null),
  ],
  create(v, n) {
    const rho = num(v, 'rho');
    let momentum = num(v, 'momentum');
    const eps = num(v, 'epsilon');
    const centered = bool(v, 'centered');
    const wd = v.weight_decay as number | null;
    const vel = new Float64Array(n);
    const avg = new Float64Array(n);
    const mom = new Float64Array(n);
    return {
      momentumName: 'momentum',
      setMomentum: (m) => void (momentum = m),
      step(x, g, lr) {
        decay(x, wd, lr);
        for (let i = 0; i < n; i++) {
          vel[i] = rho * vel[i] + (1 - rho) * (g[i] * g[i]);
          let denominator: number;
          if (centered) {
            avg[i] = rho * avg[i] + (1 - rho) * g[i];
            denominator = vel[i] - avg[i] * avg[i] + eps;
          } else {
            denominator = vel[i] + eps;
          }
          const increment = (lr * g[i]) / Math.sqrt(denominator);
          if (momentum > 0) {
            mom[i] = momentum * mom[i] + increment;
            x[i] = x[i] - mom[i];
          } else {
            x[i] = x[i] - increment;
          }
        }
      },
    };
  },
};

/** keras.optimizers.Adagrad: s ← s + g² (s₀ = 0.1); θ ← θ − lr·g/√(s + ε). */
const ADAGRAD: OptimizerDef = {
  owner: 'keras.optimizers.Adagrad',
  defs: [
    learningRate(0.001),
    { name: 'initial_accumulator_value', type: 'number', default: 0.1, check: atLeastZero('initial_accumulator_value') },
    epsilon,
    weightDecay(null),
  ],
  create(v, n) {
    const eps = num(v, 'epsilon');
    const wd = v.weight_decay as number | null;
    const acc = new Float64Array(n).fill(num(v, 'initial_accumulator_value'));
    return {
      step(x, g, lr) {
        decay(x, wd, lr);
        for (let i = 0; i < n; i++) {
          acc[i] = acc[i] + g[i] * g[i];
          x[i] = x[i] - (lr * g[i]) / Math.sqrt(acc[i] + eps);
        }
      },
    };
  },
};

/**
 * keras.optimizers.Adam / AdamW: α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ); m ← m + (g − m)(1 − β₁);
 * v ← v + (g² − v)(1 − β₂); θ ← θ − α·m/(√v + ε̂) ("epsilon hat" of Kingma & Ba, outside the
 * bias correction). AMSGrad: v replaced by its running maximum.
 */
function adamStepper(v: Record<string, ArgValue>, n: number): Stepper {
  const hp = adamArgs(v);
  const { beta2, eps, wd } = hp;
  let beta1 = hp.beta1;
  const ams = bool(v, 'amsgrad');
  const m = new Float64Array(n);
  const s = new Float64Array(n);
  const sHat = new Float64Array(n);
  let t = 0;
  return {
    momentumName: 'beta_1',
    setMomentum: (b) => void (beta1 = b),
    step(x, g, lr) {
      decay(x, wd, lr);
      t++;
      const alpha = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
      for (let i = 0; i < n; i++) {
        adamMoments(m, s, i, g[i], beta1, beta2);
        let second = s[i];
        if (ams) second = sHat[i] = Math.max(sHat[i], s[i]);
        x[i] = x[i] - (m[i] * alpha) / (Math.sqrt(second) + eps);
      }
    },
  };
}

/** learning_rate, beta_1, beta_2 and epsilon, with the defaults Adam, AdamW, Adamax and Nadam share. */
const betaDefs = (): ArgDef[] => [learningRate(0.001), beta('beta_1', 0.9), beta('beta_2', 0.999), epsilon];

const adamDefs = (wd: number | null): ArgDef[] => [...betaDefs(), { name: 'amsgrad', type: 'boolean', default: false }, weightDecay(wd)];

const ADAM: OptimizerDef = { owner: 'keras.optimizers.Adam', defs: adamDefs(null), create: adamStepper };

const ADAMW: OptimizerDef = {
  owner: 'keras.optimizers.AdamW',
  defs: adamDefs(0.004),
  crossCheck: (v) => (v.weight_decay === null ? 'Argument `weight_decay` must be a float. Received: weight_decay=None' : undefined),
  create: adamStepper,
};

/**
 * keras.optimizers.Adadelta (keras/src/optimizers/adadelta.py): a ← ρa + (1 − ρ)g²;
 * Δ = −√(d + ε)·g/√(a + ε); d ← ρd + (1 − ρ)Δ²; θ ← θ + lr·Δ. The same maths as PyTorch's
 * Adadelta with Keras' defaults (learning_rate 0.001, ρ = 0.95, ε = 1e-7 against PyTorch's 1.0,
 * 0.9, 1e-6).
 */
const ADADELTA: OptimizerDef = {
  owner: 'keras.optimizers.Adadelta',
  defs: [learningRate(0.001), beta('rho', 0.95), epsilon, weightDecay(null)],
  create(v, n) {
    const rho = num(v, 'rho');
    const eps = num(v, 'epsilon');
    const wd = v.weight_decay as number | null;
    const accGrad = new Float64Array(n);
    const accDelta = new Float64Array(n);
    return {
      step(x, g, lr) {
        decay(x, wd, lr);
        for (let i = 0; i < n; i++) {
          accGrad[i] = rho * accGrad[i] + (1 - rho) * (g[i] * g[i]);
          const delta = -((Math.sqrt(accDelta[i] + eps) * g[i]) / Math.sqrt(accGrad[i] + eps));
          accDelta[i] = rho * accDelta[i] + (1 - rho) * (delta * delta);
          x[i] = x[i] + lr * delta;
        }
      },
    };
  },
};

/**
 * keras.optimizers.Adamax (keras/src/optimizers/adamax.py): m ← m + (g − m)(1 − β₁);
 * u ← max(β₂u, |g|); θ ← θ − lr·m/((1 − β₁ᵗ)(u + ε)). PyTorch adds ε inside the max instead
 * (u ← max(β₂u, |g| + ε)); with ε = 0 the two are the same.
 */
const ADAMAX: OptimizerDef = {
  owner: 'keras.optimizers.Adamax',
  defs: [...betaDefs(), weightDecay(null)],
  create(v, n) {
    const hp = adamArgs(v);
    const { beta2, eps, wd } = hp;
    let beta1 = hp.beta1;
    const m = new Float64Array(n);
    const u = new Float64Array(n);
    let t = 0;
    return {
      momentumName: 'beta_1',
      setMomentum: (b) => void (beta1 = b),
      step(x, g, lr) {
        decay(x, wd, lr);
        t++;
        const power = beta1 ** t;
        for (let i = 0; i < n; i++) {
          m[i] = m[i] + (g[i] - m[i]) * (1 - beta1);
          u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
          x[i] = x[i] - (lr * m[i]) / ((1 - power) * (u[i] + eps));
        }
      },
    };
  },
};

/**
 * keras.optimizers.Nadam (keras/src/optimizers/nadam.py): uₜ = β₁(1 − ½·0.96ᵗ), Πₜ = Πᵢ≤ₜ uᵢ;
 * m ← m + (g − m)(1 − β₁); v ← v + (g² − v)(1 − β₂);
 * m̂ = uₜ₊₁m/(1 − Πₜuₜ₊₁) + (1 − uₜ)g/(1 − Πₜ); v̂ = v/(1 − β₂ᵗ); θ ← θ − lr·m̂/(√v̂ + ε).
 * That is PyTorch's NAdam with momentum_decay ψ = 1 (PyTorch uses 0.96^(tψ), ψ = 0.004).
 */
const NADAM: OptimizerDef = {
  owner: 'keras.optimizers.Nadam',
  defs: [...betaDefs(), weightDecay(null)],
  create(v, n) {
    const hp = adamArgs(v);
    const { beta2, eps, wd } = hp;
    let beta1 = hp.beta1;
    const m = new Float64Array(n);
    const s = new Float64Array(n);
    let t = 0;
    let uProduct = 1;
    return {
      momentumName: 'beta_1',
      setMomentum: (b) => void (beta1 = b),
      step(x, g, lr) {
        decay(x, wd, lr);
        t++;
        uProduct = uProduct * beta1 * (1 - 0.5 * 0.96 ** t);
        const ut = beta1 * (1 - 0.5 * 0.96 ** t);
        const ut1 = beta1 * (1 - 0.5 * 0.96 ** (t + 1));
        const uProduct1 = uProduct * ut1;
        const beta2Power = beta2 ** t;
        for (let i = 0; i < n; i++) {
          adamMoments(m, s, i, g[i], beta1, beta2);
          const mHat = (ut1 * m[i]) / (1 - uProduct1) + ((1 - ut) * g[i]) / (1 - uProduct);
          const vHat = s[i] / (1 - beta2Power);
          x[i] = x[i] - (mHat * lr) / (Math.sqrt(vHat) + eps);
        }
      },
    };
  },
};

export const KERAS_OPTIMIZERS: Readonly<Record<string, OptimizerDef>> = {
  sgd: SGD,
  rmsprop: RMSPROP,
  adagrad: ADAGRAD,
  adam: ADAM,
  adamw: ADAMW,
  adadelta: ADADELTA,
  adamax: ADAMAX,
  nadam: NADAM,
};
