/**
 * From an optimizer as written in code ({name, framework, hyperparameters}) to an update rule.
 *
 * How the three frameworks differ (PyTorch 1.13 torch/optim/*.py; Keras 3
 * keras/src/optimizers/*.py and base_optimizer.py; optax ≥ 0.2 optax/_src/alias.py and
 * transform.py, where rmsprop's eps_in_sqrt appeared):
 *
 * | optimizer | PyTorch                                   | Keras                                        | optax                                         |
 * |-----------|-------------------------------------------|----------------------------------------------|-----------------------------------------------|
 * | SGD       | lr required; b ← μb + (1−τ)g, b₁ = g;     | learning_rate 0.01; v ← μv − lr·g, θ ← θ + v | learning_rate required; momentum None (off);  |
 * |           | θ ← θ − lr·b: lr outside the buffer       | (lr inside the buffer: differs once lr       | trace t ← g + μt (= PyTorch with τ = 0);      |
 * |           | (same as Keras only for constant lr);     | changes); Nesterov θ ← θ + μv − lr·g;        | no dampening, no weight decay                 |
 * |           | dampening τ; L2 weight decay g ← g + λθ   | momentum must be in [0, 1]                   |                                               |
 * | Adagrad   | lr 1e-2; s₀ = 0; ε = 1e-10 outside the √: | learning_rate 1e-3; s₀ = 0.1; ε = 1e-7       | s₀ = 0.1; ε = 1e-7 inside the √;              |
 * |           | g/(√s + ε); lr_decay: lr/(1 + (t−1)η)     | inside the √: g/√(s + ε); no lr_decay        | update 0 where s = 0                          |
 * | RMSprop   | lr 1e-2; α = 0.99; ε = 1e-8 outside the √;| learning_rate 1e-3; rho = 0.9; ε = 1e-7      | decay 0.9; ε = 1e-8 inside the √ (eps_in_sqrt |
 * |           | momentum buffer b ← μb + g/(√v + ε),      | inside the √; buffer holds lr·g/√(v+ε)       | True); initial_scale; optional bias           |
 * |           | θ ← θ − lr·b                              | (lr inside)                                  | correction; trace after scaling, lr outside   |
 * | Adam      | lr 1e-3; ε = 1e-8 added to √v̂ (after the  | ε = 1e-7 "epsilon hat": α = lr√(1−β₂ᵗ)/      | same maths as PyTorch (ε = 1e-8 outside,      |
 * |           | bias correction); weight_decay is L2      | (1−β₁ᵗ), θ ← θ − α·m/(√v + ε̂): PyTorch's     | eps_root inside); no weight decay; nesterov   |
 * |           | (g ← g + λθ)                              | form with ε = ε̂/√(1−β₂ᵗ) (larger early on);  | (NAdam-style) option                          |
 * |           |                                           | decoupled weight_decay (default None)        |                                               |
 * | AdamW     | weight_decay 1e-2: θ ← θ(1 − lr·λ) first  | weight_decay 0.004: θ ← θ − θ·λ·lr first     | weight_decay 1e-4: u ← u_adam + λθ, then      |
 * |           |                                           |                                              | θ ← θ − lr·u (same maths as PyTorch's)        |
 *
 * Names are the framework's own (PyTorch `lr`, `betas`, `eps`; Keras `learning_rate`, `beta_1`,
 * `epsilon`, `rho`; optax `learning_rate`, `b1`, `eps`, `decay`). `gd` is plain gradient descent
 * θ ← θ − lr·g in any framework (PyTorch's SGD with its defaults).
 */
import { fail } from '../errors';
import { fma } from './fma';
import { atLeastZero, readArgs, type ArgDef, type ArgValue, type OptimizerDef } from './hyper';
import { KERAS_IGNORED, KERAS_OPTIMIZERS } from './keras';
import { OPTAX_IGNORED, OPTAX_OPTIMIZERS } from './optax';
import { TORCH_IGNORED, TORCH_OPTIMIZERS } from './torch';
import type { OptimizerFramework, OptimizerSpec, Stepper } from './types';

export const FRAMEWORKS: readonly OptimizerFramework[] = ['pytorch', 'keras', 'optax'];

const FRAMEWORK_ALIASES: Record<string, OptimizerFramework> = {
  pytorch: 'pytorch',
  torch: 'pytorch',
  'torch.optim': 'pytorch',
  keras: 'keras',
  'tf.keras': 'keras',
  tensorflow: 'keras',
  tf: 'keras',
  optax: 'optax',
  jax: 'optax',
};

export function normalizeFramework(framework: unknown): OptimizerFramework {
  if (framework === undefined || framework === null) return 'pytorch';
  const f = typeof framework === 'string' ? FRAMEWORK_ALIASES[framework.toLowerCase()] : undefined;
  if (!f) fail(`Unknown framework ${JSON.stringify(framework)}; use "pytorch", "keras" or "optax".`, 'framework');
  return f;
}

/** Plain gradient descent θ ← θ − lr·g, with the framework's name for the learning rate. */
function gd(framework: OptimizerFramework): OptimizerDef {
  const lrName = framework === 'pytorch' ? 'lr' : 'learning_rate';
  return {
    owner: 'gradient descent',
    defs: [{ name: lrName, type: 'number', check: atLeastZero('learning rate'), about: 'learning rate' }],
    create: (_v, n) => ({
      step(x, g, lr) {
        for (let i = 0; i < n; i++) x[i] = fma(-lr, g[i], x[i]); // rounded as PyTorch's SGD does
      },
    }),
  };
}

const REGISTRY: Record<OptimizerFramework, Readonly<Record<string, OptimizerDef>>> = {
  pytorch: TORCH_OPTIMIZERS,
  keras: KERAS_OPTIMIZERS,
  optax: OPTAX_OPTIMIZERS,
};
const IGNORED: Record<OptimizerFramework, readonly string[]> = { pytorch: TORCH_IGNORED, keras: KERAS_IGNORED, optax: [...OPTAX_IGNORED, 'weight_decay_mask'] };

/** One framework's optimizer as its argument table: owner name and argument definitions (defaults, meanings), or undefined. */
export function optimizerSignature(framework: OptimizerFramework, name: string): { owner: string; defs: readonly ArgDef[] } | undefined {
  if (name === 'gd') return undefined;
  const def = Object.hasOwn(REGISTRY[framework], name) ? REGISTRY[framework][name] : undefined;
  return def && { owner: def.owner, defs: def.defs };
}

/** Names accepted in `optimizer.name` (lower-case). */
export const OPTIMIZER_NAMES = ['gd', 'sgd', 'adagrad', 'rmsprop', 'adam', 'adamw', 'adadelta', 'adamax', 'nadam', 'radam', 'rprop', 'asgd'] as const;

/** The optimizer names one framework has here (`gd` first, then OPTIMIZER_NAMES' order). */
export function optimizerNamesFor(framework: OptimizerFramework): string[] {
  return OPTIMIZER_NAMES.filter((n) => n === 'gd' || Object.hasOwn(REGISTRY[framework], n));
}

export interface BuiltOptimizer {
  name: string;
  framework: OptimizerFramework;
  /** The framework's own name, e.g. `torch.optim.Adam`. */
  owner: string;
  /** Every hyperparameter, given or defaulted. */
  hyperparameters: Record<string, ArgValue>;
  defaultsUsed: string[];
  /** The name of the learning-rate argument (`lr` or `learning_rate`). */
  lrName: string;
  /** A fresh update rule (new state) for `dims` coordinates. */
  create(dims: number): Stepper;
}

export function buildOptimizer(spec: OptimizerSpec): BuiltOptimizer {
  if (!spec || typeof spec !== 'object')
    fail('An optimizer must be an object such as {"name": "adam", "framework": "pytorch", "hyperparameters": {"lr": 0.001}}.', 'optimizer');
  if (typeof spec.name !== 'string') fail(`An optimizer needs a "name": one of ${OPTIMIZER_NAMES.join(', ')}.`, 'optimizer.name');
  const framework = normalizeFramework(spec.framework);
  const name = spec.name.toLowerCase().replace(/^(torch\.optim\.|keras\.optimizers\.|optax\.)/, '');
  const def = name === 'gd' ? gd(framework) : Object.hasOwn(REGISTRY[framework], name) ? REGISTRY[framework][name] : undefined;
  if (!def)
    fail(
      `Unknown optimizer "${spec.name}" for ${framework}; ${framework}'s optimizers here are ${['gd', ...Object.keys(REGISTRY[framework])].join(', ')}.`,
      'optimizer.name',
    );
  const { values, defaultsUsed } = readArgs(def.owner, def.defs, spec.hyperparameters, IGNORED[framework]);
  const problem = def.crossCheck?.(values);
  if (problem) fail(`${def.owner}: ${problem}`, 'hyperparameters');
  const lrName = def.defs[0].name;
  return { name, framework, owner: def.owner, hyperparameters: values, defaultsUsed, lrName, create: (dims) => def.create(values, dims) };
}
