/**
 * optax's optimizers (optax/_src/alias.py and transform.py): each is a chain of gradient
 * transformations ending in `scale_by_learning_rate`, i.e. u ← −lr·u and θ ← θ + u. optax is
 * not installed here, so these are checked against first steps computed by hand from those
 * formulas (test/unit/optim-frameworks.test.ts). See frameworks.ts for how each differs from
 * PyTorch. optax has no default learning rate: `learning_rate` is required everywhere.
 *
 * update_moment(g, m, decay) is (1 − decay)·g + decay·m; bias_correction(m, decay, t) is
 * m/(1 − decayᵗ). jax's rsqrt(z) is written 1/√z here.
 */
import { atLeastZero, bool, num, unitInterval, type ArgDef, type ArgValue, type OptimizerDef } from './hyper';
import type { Stepper } from './types';

const learningRate: ArgDef = { name: 'learning_rate', type: 'number', check: atLeastZero('learning_rate'), about: 'learning rate' };
const decayRate = (name: string, dflt: number): ArgDef => ({ name, type: 'number', default: dflt, check: unitInterval(name) });
const nonNegative = (name: string, dflt: number): ArgDef => ({ name, type: 'number', default: dflt, check: atLeastZero(name) });
const optionalMomentum: ArgDef = {
  name: 'momentum',
  type: 'number?',
  default: null,
  check: (v: number | null) => (v === null ? undefined : atLeastZero('momentum')(v)),
};
const nesterov: ArgDef = { name: 'nesterov', type: 'boolean', default: false };

/** Arguments that change dtypes or masks, not the maths on a dense float64 vector. */
export const OPTAX_IGNORED = ['mu_dtype', 'accumulator_dtype', 'mask'];

/** optax.trace(decay, nesterov): t ← g + decay·t; output t, or g + decay·t with Nesterov. Returns the new u. */
function trace(t: Float64Array, i: number, u: number, decay: number, nest: boolean): number {
  t[i] = u + decay * t[i];
  return nest ? u + decay * t[i] : t[i];
}

/** optax.sgd: chain(trace(momentum, nesterov) if momentum is not None, scale_by_learning_rate). */
const SGD: OptimizerDef = {
  owner: 'optax.sgd',
  defs: [learningRate, optionalMomentum, nesterov],
  create(v, n) {
    let momentum = v.momentum as number | null;
    const nest = bool(v, 'nesterov');
    const tr = new Float64Array(n);
    const stepper: Stepper = {
      step(x, g, lr) {
        for (let i = 0; i < n; i++) {
          const u = momentum === null ? g[i] : trace(tr, i, g[i], momentum, nest);
          x[i] = x[i] + -lr * u;
        }
      },
    };
    return momentum === null ? stepper : { ...stepper, momentumName: 'momentum', setMomentum: (m: number) => void (momentum = m) };
  },
};

/** optax.adagrad: chain(scale_by_rss(initial_accumulator_value, eps), scale_by_learning_rate); s ← g² + s; u = g/√(s + ε) where s > 0, else 0. */
const ADAGRAD: OptimizerDef = {
  owner: 'optax.adagrad',
  defs: [learningRate, nonNegative('initial_accumulator_value', 0.1), nonNegative('eps', 1e-7)],
  create(v, n) {
    const eps = num(v, 'eps');
    const sum = new Float64Array(n).fill(num(v, 'initial_accumulator_value'));
    return {
      step(x, g, lr) {
        for (let i = 0; i < n; i++) {
          sum[i] = g[i] * g[i] + sum[i];
          const u = sum[i] > 0 ? g[i] / Math.sqrt(sum[i] + eps) : 0;
          x[i] = x[i] + -lr * u;
        }
      },
    };
  },
};

/**
 * optax.rmsprop: scale_by_rms (or scale_by_stddev when centred), then trace(momentum, nesterov)
 * if momentum is not None, then scale_by_learning_rate. ν ← (1 − d)g² + dν (ν₀ = initial_scale);
 * u = g/√(ν + ε) when eps_in_sqrt (the default), else g/(√ν + ε); centred uses ν − μ².
 */
const RMSPROP: OptimizerDef = {
  owner: 'optax.rmsprop',
  defs: [
    learningRate,
    decayRate('decay', 0.9),
    nonNegative('eps', 1e-8),
    nonNegative('initial_scale', 0),
    { name: 'eps_in_sqrt', type: 'boolean', default: true },
    { name: 'centered', type: 'boolean', default: false },
    optionalMomentum,
    nesterov,
    { name: 'bias_correction', type: 'boolean', default: false },
  ],
  create(v, n) {
    const d = num(v, 'decay');
    const eps = num(v, 'eps');
    const inSqrt = bool(v, 'eps_in_sqrt');
    const centered = bool(v, 'centered');
    let momentum = v.momentum as number | null;
    const nest = bool(v, 'nesterov');
    const debias = bool(v, 'bias_correction');
    const nu = new Float64Array(n).fill(num(v, 'initial_scale'));
    const mu = new Float64Array(n);
    const tr = new Float64Array(n);
    let t = 0;
    const stepper: Stepper = {
      step(x, g, lr) {
        t++;
        const c = debias ? 1 - d ** t : 1;
        for (let i = 0; i < n; i++) {
          nu[i] = (1 - d) * (g[i] * g[i]) + d * nu[i];
          let second = debias ? nu[i] / c : nu[i];
          if (centered) {
            mu[i] = (1 - d) * g[i] + d * mu[i];
            const first = debias ? mu[i] / c : mu[i];
            second = second - first * first;
          }
          let u = inSqrt ? g[i] / Math.sqrt(second + eps) : g[i] / (Math.sqrt(second) + eps);
          if (momentum !== null) u = trace(tr, i, u, momentum, nest);
          x[i] = x[i] + -lr * u;
        }
      },
    };
    return momentum === null ? stepper : { ...stepper, momentumName: 'momentum', setMomentum: (m: number) => void (momentum = m) };
  },
};

/**
 * optax.adam / optax.adamw: scale_by_adam (μ̂ = μ/(1 − b1ᵗ), ν̂ = ν/(1 − b2ᵗ),
 * u = μ̂/(√(ν̂ + eps_root) + eps); with nesterov μ̂ = b1·μ/(1 − b1ᵗ⁺¹) + (1 − b1)·g/(1 − b1ᵗ)),
 * then for adamw add_decayed_weights (u ← u + wd·θ), then scale_by_learning_rate.
 */
function adamStepper(v: Record<string, ArgValue>, n: number, wd: number): Stepper {
  let b1 = num(v, 'b1');
  const b2 = num(v, 'b2');
  const eps = num(v, 'eps');
  const epsRoot = num(v, 'eps_root');
  const nest = bool(v, 'nesterov');
  const mu = new Float64Array(n);
  const nu = new Float64Array(n);
  let t = 0;
  return {
    momentumName: 'b1',
    setMomentum: (b) => void (b1 = b),
    step(x, g, lr) {
      t++;
      const c1 = 1 - b1 ** t;
      const c1Next = 1 - b1 ** (t + 1);
      const c2 = 1 - b2 ** t;
      for (let i = 0; i < n; i++) {
        mu[i] = (1 - b1) * g[i] + b1 * mu[i];
        nu[i] = (1 - b2) * (g[i] * g[i]) + b2 * nu[i];
        const muHat = nest ? b1 * (mu[i] / c1Next) + (1 - b1) * (g[i] / c1) : mu[i] / c1;
        let u = muHat / (Math.sqrt(nu[i] / c2 + epsRoot) + eps);
        if (wd !== 0) u = u + wd * x[i];
        x[i] = x[i] + -lr * u;
      }
    },
  };
}

const adamDefs = (): ArgDef[] => [learningRate, decayRate('b1', 0.9), decayRate('b2', 0.999), nonNegative('eps', 1e-8), nonNegative('eps_root', 0), nesterov];

const ADAM: OptimizerDef = { owner: 'optax.adam', defs: adamDefs(), create: (v, n) => adamStepper(v, n, 0) };

const ADAMW: OptimizerDef = {
  owner: 'optax.adamw',
  defs: [...adamDefs(), nonNegative('weight_decay', 1e-4)],
  create: (v, n) => adamStepper(v, n, num(v, 'weight_decay')),
};

export const OPTAX_OPTIMIZERS: Readonly<Record<string, OptimizerDef>> = { sgd: SGD, adagrad: ADAGRAD, rmsprop: RMSPROP, adam: ADAM, adamw: ADAMW };
