/**
 * The optimizer lab's update rules for Adadelta, Adamax, NAdam, RAdam, Rprop and ASGD (PyTorch)
 * and Keras' Adadelta, Adamax and Nadam: each TeX rule renders with KaTeX, carries the
 * hyperparameters, and — transcribed line by line into code here, independently of
 * compute/optim — reproduces the simulator's trajectory. So the formulas shown are the ones
 * that run.
 */
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { simulateOptimizer, type ObjectiveSpec, type OptimizerSpec } from '../../compute';
import { resolveObjective } from '../../compute/optim/objectives';
import { radamFirstAdaptiveStep, updateRuleLines, updateRuleNote, updateRuleTex } from '../../webview/labs/optimizer/update-rule';
import { buildOptimizer } from '../../compute/optim';

type Vec = number[];
type Rule = (t: number, theta: Vec, g: Vec) => Vec;

const OBJECTIVE: ObjectiveSpec = { name: 'rosenbrock' };
const START = [-1.2, 1.4];

/** θ_t for t = 0…steps from a rule written as the lab shows it. */
function transcribed(rule: Rule, steps: number, objective: ObjectiveSpec = OBJECTIVE, start = START): Vec[] {
  const { objective: f } = resolveObjective(objective, start.length);
  const out: Vec[] = [start];
  let theta = [...start];
  for (let t = 1; t <= steps; t++) {
    const grad = new Float64Array(theta.length);
    f.valueAndGradient(new Float64Array(theta), grad);
    theta = rule(t, theta, [...grad]);
    out.push(theta);
  }
  return out;
}

function simulated(spec: OptimizerSpec, steps: number, objective: ObjectiveSpec = OBJECTIVE, start = START): Vec[] {
  const r = simulateOptimizer({ kind: 'optimizer', optimizer: spec, objective, start, steps });
  assert.equal(r.diverged, undefined, `${spec.name} diverged`);
  return r.trajectory;
}

function assertSame(a: Vec[], b: Vec[], what: string, tol = 1e-10) {
  assert.equal(a.length, b.length, what);
  for (let k = 0; k < a.length; k++) {
    for (let i = 0; i < a[k].length; i++) {
      const scale = Math.max(1, Math.abs(a[k][i]));
      assert.ok(Math.abs(a[k][i] - b[k][i]) <= tol * scale, `${what}: step ${k}, coordinate ${i}: formula ${a[k][i]}, simulator ${b[k][i]}`);
    }
  }
}

/** Weight decay as the rule's first lines show it: λθ added to g (L2), or θ' = θ(1 − lr·λ) (decoupled). */
const decayed = (theta: Vec, g: Vec, lr: number, wd: number, decoupled: boolean, maximize = false) => {
  const grad = g.map((v, i) => (maximize ? -v : v) + (decoupled ? 0 : wd * theta[i]));
  const prev = decoupled ? theta.map((v) => v * (1 - lr * wd)) : theta;
  return { grad, prev };
};

/** Every new rule with the hyperparameters the simulator fills in, framework by framework. */
const CASES: { spec: OptimizerSpec; steps: number; rule: () => Rule; objective?: { expr: string } }[] = [
  {
    spec: { name: 'adadelta', framework: 'pytorch', hyperparameters: { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0.01 } },
    steps: 80,
    rule: () => {
      const [rho, eps, lr] = [0.9, 1e-6, 1.0];
      let v = [0, 0];
      let u = [0, 0];
      return (_t, theta, g0) => {
        const { grad: g, prev } = decayed(theta, g0, lr, 0.01, false);
        v = v.map((vi, i) => rho * vi + (1 - rho) * g[i] ** 2);
        const delta = g.map((gi, i) => (Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps)) * gi);
        u = u.map((ui, i) => rho * ui + (1 - rho) * delta[i] ** 2);
        return prev.map((p, i) => p - lr * delta[i]);
      };
    },
  },
  {
    spec: { name: 'adadelta', framework: 'keras', hyperparameters: { learning_rate: 1.0, weight_decay: 0.01 } },
    steps: 80,
    rule: () => {
      const [rho, eps, lr] = [0.95, 1e-7, 1.0];
      let v = [0, 0];
      let u = [0, 0];
      return (_t, theta, g0) => {
        const { grad: g, prev } = decayed(theta, g0, lr, 0.01, true);
        v = v.map((vi, i) => rho * vi + (1 - rho) * g[i] ** 2);
        const delta = g.map((gi, i) => (Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps)) * gi);
        u = u.map((ui, i) => rho * ui + (1 - rho) * delta[i] ** 2);
        return prev.map((p, i) => p - lr * delta[i]);
      };
    },
  },
  {
    spec: { name: 'adamax', framework: 'pytorch', hyperparameters: { lr: 0.05, weight_decay: 0.01 } },
    steps: 80,
    rule: () => {
      const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.05];
      let m = [0, 0];
      let u = [0, 0];
      return (t, theta, g0) => {
        const { grad: g, prev } = decayed(theta, g0, lr, 0.01, false);
        m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
        u = u.map((ui, i) => Math.max(b2 * ui, Math.abs(g[i]) + eps));
        return prev.map((p, i) => p - (lr / (1 - b1 ** t)) * (m[i] / u[i]));
      };
    },
  },
  {
    spec: { name: 'adamax', framework: 'keras', hyperparameters: { learning_rate: 0.05, epsilon: 1e-3, weight_decay: 0.01 } },
    steps: 80,
    rule: () => {
      const [b1, b2, eps, lr] = [0.9, 0.999, 1e-3, 0.05];
      let m = [0, 0];
      let u = [0, 0];
      return (t, theta, g0) => {
        const { grad: g, prev } = decayed(theta, g0, lr, 0.01, true);
        m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
        u = u.map((ui, i) => Math.max(b2 * ui, Math.abs(g[i])));
        return prev.map((p, i) => p - (lr / (1 - b1 ** t)) * (m[i] / (u[i] + eps)));
      };
    },
  },
  ...[
    { framework: 'pytorch', hyper: { lr: 0.05 }, psi: 0.004, wd: 0, decoupled: false },
    { framework: 'pytorch', hyper: { lr: 0.05, momentum_decay: 0.01, weight_decay: 0.1, decoupled_weight_decay: true }, psi: 0.01, wd: 0.1, decoupled: true },
    { framework: 'pytorch', hyper: { lr: 0.05, weight_decay: 0.1 }, psi: 0.004, wd: 0.1, decoupled: false },
    { framework: 'keras', hyper: { learning_rate: 0.05, weight_decay: 0.1 }, psi: 1, wd: 0.1, decoupled: true },
  ].map(({ framework, hyper, psi, wd, decoupled }) => ({
    spec: { name: 'nadam', framework, hyperparameters: hyper },
    steps: 80,
    rule: (): Rule => {
      const [b1, b2, lr] = [0.9, 0.999, 0.05];
      const eps = framework === 'keras' ? 1e-7 : 1e-8;
      const mu = (t: number) => b1 * (1 - 0.5 * 0.96 ** (psi * t));
      let m = [0, 0];
      let v = [0, 0];
      let product = 1; // Π_{i ≤ t−1} μ_i
      return (t, theta, g0) => {
        const { grad: g, prev } = decayed(theta, g0, lr, wd, decoupled);
        const prodT = product * mu(t);
        const prodT1 = prodT * mu(t + 1);
        product = prodT;
        m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
        v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] ** 2);
        return prev.map((p, i) => {
          const mBar = ((1 - mu(t)) / (1 - prodT)) * g[i] + (mu(t + 1) / (1 - prodT1)) * m[i];
          const vHat = v[i] / (1 - b2 ** t);
          return p - (lr * mBar) / (Math.sqrt(vHat) + eps);
        });
      };
    },
  })),
  {
    // maximize: g_t = −∇f, on a concave bowl.
    spec: { name: 'nadam', framework: 'pytorch', hyperparameters: { lr: 0.05, maximize: true } },
    objective: { expr: '-((x - 1)**2 + 2*(y + 0.5)**2)' },
    steps: 60,
    rule: () => {
      const [b1, b2, lr, eps] = [0.9, 0.999, 0.05, 1e-8];
      const mu = (t: number) => b1 * (1 - 0.5 * 0.96 ** (0.004 * t));
      let m = [0, 0];
      let v = [0, 0];
      let product = 1;
      return (t, theta, g0) => {
        const g = g0.map((x) => -x);
        const prodT = product * mu(t);
        const prodT1 = prodT * mu(t + 1);
        product = prodT;
        m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
        v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] ** 2);
        return theta.map(
          (p, i) => p - (lr * (((1 - mu(t)) / (1 - prodT)) * g[i] + (mu(t + 1) / (1 - prodT1)) * m[i])) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps),
        );
      };
    },
  },
  ...[
    { betas: [0.9, 0.999], wd: 0, decoupled: false },
    { betas: [0.8, 0.99], wd: 0.05, decoupled: true },
    { betas: [0.9, 0.5], wd: 0.05, decoupled: false }, // ρ∞ = 3: never rectified
  ].map(({ betas, wd, decoupled }) => ({
    spec: { name: 'radam', framework: 'pytorch', hyperparameters: { lr: 0.01, betas, weight_decay: wd, decoupled_weight_decay: decoupled } },
    objective: { expr: '(x - 1)**2 + 3*(y + x**2/2)**2' },
    steps: 60,
    rule: (): Rule => {
      const [b1, b2] = betas;
      const [lr, eps] = [0.01, 1e-8];
      const rhoInf = 2 / (1 - b2) - 1;
      let m = [0, 0];
      let v = [0, 0];
      return (t, theta, g0) => {
        const { grad: g, prev } = decayed(theta, g0, lr, wd, decoupled);
        m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
        v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] ** 2);
        const rho = rhoInf - (2 * t * b2 ** t) / (1 - b2 ** t);
        const r = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho));
        return prev.map((p, i) => {
          const mHat = m[i] / (1 - b1 ** t);
          return rho > 5 ? p - lr * r * mHat * (Math.sqrt(1 - b2 ** t) / (Math.sqrt(v[i]) + eps)) : p - lr * mHat;
        });
      };
    },
  })),
  ...[
    { lr: 0.1, etas: [0.5, 1.2], stepSizes: [1e-6, 50] },
    { lr: 0.05, etas: [0.3, 1.5], stepSizes: [1e-3, 0.2] },
  ].map(({ lr, etas, stepSizes }) => ({
    spec: { name: 'rprop', framework: 'pytorch', hyperparameters: { lr, etas, step_sizes: stepSizes } },
    steps: 120,
    rule: (): Rule => {
      const [etaMinus, etaPlus] = etas;
      const [lo, hi] = stepSizes;
      let delta = [lr, lr]; // Δ_0 = lr
      let gTilde = [0, 0];
      return (_t, theta, g) => {
        const eta = g.map((gi, i) => (gi * gTilde[i] > 0 ? etaPlus : gi * gTilde[i] < 0 ? etaMinus : 1));
        delta = delta.map((d, i) => Math.min(Math.max(eta[i] * d, lo), hi));
        gTilde = g.map((gi, i) => (gi * gTilde[i] < 0 ? 0 : gi));
        return theta.map((p, i) => p - Math.sign(gTilde[i]) * delta[i]);
      };
    },
  })),
  {
    spec: { name: 'asgd', framework: 'pytorch', hyperparameters: { lr: 0.001, lambd: 0.5, alpha: 0.75, t0: 5, weight_decay: 0.01 } },
    steps: 80,
    rule: () => {
      const [lr, lambd, alpha] = [0.001, 0.5, 0.75];
      return (t, theta, g0) => {
        const g = g0.map((gi, i) => gi + 0.01 * theta[i]);
        const eta = lr / (1 + lambd * lr * (t - 1)) ** alpha;
        return theta.map((p, i) => p * (1 - lambd * eta) - eta * g[i]);
      };
    },
  },
];

describe('optimizer lab: the update rules of the added optimizers are the simulated ones', () => {
  for (const c of CASES) {
    it(`${c.spec.framework} ${c.spec.name} ${JSON.stringify(c.spec.hyperparameters)}: the formula, transcribed, gives the simulator's trajectory`, () => {
      assertSame(
        transcribed(c.rule(), c.steps, c.objective ?? OBJECTIVE),
        simulated(c.spec, c.steps, c.objective ?? OBJECTIVE),
        `${c.spec.framework} ${c.spec.name}`,
      );
    });
  }

  it('every optimizer of every framework has its own rule (no placeholder), and KaTeX renders it', () => {
    for (const framework of ['pytorch', 'keras', 'optax'] as const) {
      for (const name of ['gd', 'sgd', 'adagrad', 'rmsprop', 'adam', 'adamw', 'adadelta', 'adamax', 'nadam', 'radam', 'rprop', 'asgd']) {
        let built;
        try {
          built = buildOptimizer({ name, framework, hyperparameters: { [framework === 'pytorch' ? 'lr' : 'learning_rate']: 0.01 } });
        } catch {
          continue; // not in this framework
        }
        const tex = updateRuleTex(name, framework, built.hyperparameters);
        assert.doesNotMatch(tex, /\\theta_t &= \\text\{/, `${framework} ${name} falls back to a placeholder`);
        assert.doesNotThrow(() => katex.renderToString(tex, { displayMode: true, throwOnError: true }), `${framework} ${name}: ${tex}`);
      }
    }
  });

  it('substitutes the hyperparameters: NAdam’s 0.96^(ψt), RAdam’s ρ∞ and threshold, Rprop’s η±, Adadelta’s ε in both roots, Adamax’s ε, ASGD’s t0', () => {
    const nadam = updateRuleTex('nadam', 'pytorch', {
      lr: 0.002,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weight_decay: 0,
      momentum_decay: 0.004,
      decoupled_weight_decay: false,
      maximize: false,
    });
    assert.match(nadam, /0\.96\^\{0\.004\\,t\}/);
    assert.match(nadam, /\\prod_\{i=1\}\^\{t\+1\}/);
    assert.match(
      updateRuleTex('nadam', 'keras', { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, weight_decay: null }),
      /0\.96\^\{t\}/,
      'Keras: ψ = 1',
    );
    const radam = updateRuleTex('radam', 'pytorch', { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 });
    assert.match(radam, /= 1999/);
    assert.match(radam, /\\rho_t > 5/);
    assert.equal(radamFirstAdaptiveStep(0.999), 6);
    assert.equal(radamFirstAdaptiveStep(0.5), undefined);
    assert.match(updateRuleNote('radam', 'pytorch', { betas: [0.9, 0.999] }), /from step 6/);
    const rprop = updateRuleTex('rprop', 'pytorch', { lr: 0.01, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false });
    assert.match(rprop, /\\eta_\+ = 1\.2/);
    assert.match(rprop, /\\eta_- = 0\.5/);
    assert.match(rprop, /\\Delta_0 = 0\.01/);
    const adadelta = updateRuleLines('adadelta', 'pytorch', { lr: 1, rho: 0.9, eps: 1e-6, weight_decay: 0 });
    assert.equal(adadelta[2], '\\Delta_t &= \\frac{\\sqrt{u_{t-1} + 10^{-6}}}{\\sqrt{v_t + 10^{-6}}}\\, g_t');
    assert.match(updateRuleTex('adamax', 'pytorch', { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8 }), /\|g_t\| \+ 10\^\{-8\}/, 'PyTorch: ε inside the max');
    assert.match(
      updateRuleTex('adamax', 'keras', { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 }),
      /u_t \+ 10\^\{-7\}/,
      'Keras: ε beside u',
    );
    assert.match(updateRuleTex('asgd', 'pytorch', { lr: 0.01, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0 }), /t - 1 - 10\^\{6\}/);
    // Decoupled weight decay shows as θ' = θ(1 − lr·λ): PyTorch's flag, and every Keras optimizer.
    assert.match(
      updateRuleTex('nadam', 'pytorch', { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.1, decoupled_weight_decay: true }),
      /\\theta' &= \\theta_\{t-1\}\\,\(1 - 0\.002\\cdot 0\.1\)/,
    );
    assert.match(updateRuleTex('adam', 'keras', { learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, weight_decay: 0.01 }), /\\theta' &=/);
    assert.match(updateRuleLines('nadam', 'pytorch', { lr: 0.002, maximize: true })[0], /^g_t &= -\\nabla/);
    for (const name of ['adadelta', 'adamax', 'nadam', 'radam', 'rprop', 'asgd']) assert.ok(updateRuleNote(name, 'pytorch', {}).length > 40, name);
  });
});
