/**
 * Which calls are optimizers and schedules, whatever way the file imports them:
 * `torch.optim.Adam`, `import torch.optim as optim` → `optim.Adam`, `from torch import optim`,
 * `from torch.optim import Adam`, `from torch.optim.lr_scheduler import StepLR` → `StepLR`,
 * `from torch.optim import lr_scheduler`, `from keras import optimizers` → `optimizers.Adam`,
 * `import tensorflow as tf` → `tf.keras.optimizers.schedules.ExponentialDecay`, `import optax`,
 * `from optax import adamw`, and star imports of those modules. A callee is rewritten to its
 * fully qualified name through the file's imports, then classified. Without an import (a pasted
 * snippet) the usual spellings are assumed: `optim.` and `lr_scheduler.` are PyTorch's, `tf.` is
 * TensorFlow, `optimizers.` is Keras', and a bare scheduler class name (`StepLR`) is PyTorch's.
 */
import type { Tree } from '@lezer/common';
import { nodeText } from '../python/syntax';

export type { OptimizerFramework } from '../optim/types';
import type { OptimizerFramework } from '../optim/types';

export type CalleeKind =
  | { kind: 'optimizer'; framework: OptimizerFramework; name: string; qualified: string }
  | { kind: 'torch-scheduler'; className: string; qualified: string }
  | { kind: 'keras-schedule'; className: string; qualified: string }
  | { kind: 'optax-schedule'; fn: string; qualified: string }
  | { kind: 'optax-chain'; qualified: string }
  /** Recognized as an optimizer or schedule of a framework ML Lens reads, but not simulated: `why` says so. */
  | { kind: 'unsupported'; qualified: string; why: string };

/** torch.optim classes → the optimizer lab's names. */
export const TORCH_OPTIMIZERS: Readonly<Record<string, string>> = {
  SGD: 'sgd',
  Adam: 'adam',
  AdamW: 'adamw',
  RMSprop: 'rmsprop',
  Adagrad: 'adagrad',
  Adadelta: 'adadelta',
  Adamax: 'adamax',
  NAdam: 'nadam',
  RAdam: 'radam',
  Rprop: 'rprop',
  ASGD: 'asgd',
};
/** keras.optimizers classes → the optimizer lab's names. */
export const KERAS_OPTIMIZERS: Readonly<Record<string, string>> = {
  SGD: 'sgd',
  Adam: 'adam',
  AdamW: 'adamw',
  RMSprop: 'rmsprop',
  Adagrad: 'adagrad',
  Adadelta: 'adadelta',
  Adamax: 'adamax',
  Nadam: 'nadam',
};
/** optax functions simulated (optax.nadam is optax.adam with nesterov=True). */
export const OPTAX_OPTIMIZERS: Readonly<Record<string, string>> = {
  sgd: 'sgd',
  adam: 'adam',
  adamw: 'adamw',
  rmsprop: 'rmsprop',
  adagrad: 'adagrad',
  nadam: 'adam',
  nadamw: 'adamw',
};

export const TORCH_SCHEDULERS = [
  'LambdaLR',
  'MultiplicativeLR',
  'StepLR',
  'MultiStepLR',
  'ConstantLR',
  'LinearLR',
  'ExponentialLR',
  'SequentialLR',
  'PolynomialLR',
  'CosineAnnealingLR',
  'ChainedScheduler',
  'ReduceLROnPlateau',
  'CyclicLR',
  'CosineAnnealingWarmRestarts',
  'OneCycleLR',
];
export const KERAS_SCHEDULES = ['ExponentialDecay', 'CosineDecay', 'PiecewiseConstantDecay', 'PolynomialDecay', 'InverseTimeDecay', 'CosineDecayRestarts'];

const NOT_SIMULATED: Record<string, string> = {
  'torch.optim.LBFGS':
    'L-BFGS needs a closure that re-evaluates the loss several times per step and a line search; the optimizer lab simulates first-order update rules only',
  'torch.optim.SparseAdam': 'SparseAdam updates only the rows a sparse gradient touches; on a dense 2-D objective it is Adam, so simulate torch.optim.Adam',
  'torch.optim.swa_utils.SWALR':
    'SWALR anneals towards the SWA learning rate for stochastic weight averaging; it is not simulated (the lab’s Polyak averaging shows an average of the iterates)',
  'torch.optim.swa_utils.AveragedModel':
    'AveragedModel keeps a running average of a model, not an optimizer; the lab’s Polyak/EMA averaging shows averaged iterates',
};
const KERAS_NOT_SIMULATED = ['Ftrl', 'Lion', 'Adafactor', 'LossScaleOptimizer', 'Lamb', 'Muon'];
const OPTAX_NOT_SIMULATED = [
  'adabelief',
  'adadelta',
  'adafactor',
  'adamax',
  'adamaxw',
  'amsgrad',
  'fromage',
  'lamb',
  'lars',
  'lion',
  'noisy_sgd',
  'novograd',
  'optimistic_gradient_descent',
  'radam',
  'rprop',
  'sm3',
  'yogi',
  'adan',
  'sophia',
  'polyak_sgd',
  'lbfgs',
  'contrib',
];

/** Fully qualified names of what the file imports: local name → `module.attribute`. */
export interface ImportTable {
  names: Map<string, string>;
  /** Modules imported with `from m import *`. */
  star: string[];
}

const cache = new WeakMap<Tree, ImportTable>();

export function importTable(tree: Tree, text: string): ImportTable {
  const cached = cache.get(tree);
  if (cached) return cached;
  const names = new Map<string, string>();
  const star: string[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'ImportStatement') return;
      const parts: { name: string; text: string }[] = [];
      for (let c = ref.node.firstChild; c; c = c.nextSibling) parts.push({ name: c.name, text: nodeText(text, c) });
      const isFrom = parts[0]?.name === 'from';
      let i = 1;
      const dotted = (): string => {
        let out = '';
        while (i < parts.length && (parts[i].name === 'VariableName' || parts[i].name === '.')) out += parts[i++].text;
        return out;
      };
      if (isFrom) {
        const module = dotted();
        if (parts[i]?.name !== 'import') return;
        i++;
        if (module.startsWith('.')) return; // relative: a workspace module
        for (; i < parts.length; i++) {
          const p = parts[i];
          if (p.name === '*') star.push(module);
          if (p.name !== 'VariableName') continue;
          const local = parts[i + 1]?.name === 'as' ? parts[i + 2]?.text : p.text;
          if (parts[i + 1]?.name === 'as') i += 2;
          if (local && !names.has(local)) names.set(local, `${module}.${p.text}`);
        }
      } else {
        while (i < parts.length) {
          const module = dotted();
          if (parts[i]?.name === 'as') {
            const local = parts[i + 1]?.text;
            if (local && !names.has(local)) names.set(local, module);
            i += 2;
          } else if (module) {
            const head = module.split('.')[0];
            if (!names.has(head)) names.set(head, head);
          }
          if (parts[i]?.name === ',') i++;
          else if (i < parts.length && parts[i].name !== 'VariableName') i++;
        }
      }
    },
  });
  const table = { names, star };
  cache.set(tree, table);
  return table;
}

/** Spellings assumed when the file does not import the head name. */
const ASSUMED_HEADS: Record<string, string> = {
  tf: 'tensorflow',
  optim: 'torch.optim',
  lr_scheduler: 'torch.optim.lr_scheduler',
  optimizers: 'keras.optimizers',
  schedules: 'keras.optimizers.schedules',
};

/** keras under TensorFlow, tf_keras, or keras itself: one namespace. */
function normalize(qualified: string): string {
  return qualified
    .replace(/^tensorflow\.(python\.)?keras\./, 'keras.')
    .replace(/^tensorflow\.optimizers\./, 'keras.optimizers.')
    .replace(/^tf_keras\./, 'keras.')
    .replace(/^keras\.src\./, 'keras.')
    .replace(/^keras\.optimizers\.(legacy|experimental)\.(?!schedules\.)/, 'keras.optimizers.')
    .replace(/^optax\.schedules\./, 'optax.')
    .replace(/^optax\._src\.\w+\./, 'optax.');
}

const STAR_MODULES: Record<string, string[]> = {
  'torch.optim': Object.keys(TORCH_OPTIMIZERS),
  'torch.optim.lr_scheduler': TORCH_SCHEDULERS,
  'keras.optimizers': Object.keys(KERAS_OPTIMIZERS),
  'keras.optimizers.schedules': KERAS_SCHEDULES,
};

/** The callee as a fully qualified, normalized name (`StepLR` → `torch.optim.lr_scheduler.StepLR`). */
export function qualify(table: ImportTable, callee: string): string {
  const dot = callee.indexOf('.');
  const head = dot < 0 ? callee : callee.slice(0, dot);
  const rest = dot < 0 ? '' : callee.slice(dot);
  const imported = table.names.get(head);
  if (imported) return normalize(imported + rest);
  for (const module of table.star) {
    const m = normalize(module);
    if (dot < 0 && STAR_MODULES[m]?.includes(callee)) return `${m}.${callee}`;
  }
  if (Object.hasOwn(ASSUMED_HEADS, head)) return normalize(ASSUMED_HEADS[head] + rest);
  if (dot < 0) {
    // A bare class name pasted without its import.
    if (TORCH_SCHEDULERS.includes(callee)) return `torch.optim.lr_scheduler.${callee}`;
    if (KERAS_SCHEDULES.includes(callee)) return `keras.optimizers.schedules.${callee}`;
    if (Object.hasOwn(TORCH_OPTIMIZERS, callee)) return `torch.optim.${callee}`;
    if (callee === 'Nadam') return 'keras.optimizers.Nadam';
  }
  return normalize(callee);
}

/** What a call is, from its qualified name; undefined when it is not an optimizer or a schedule. */
export function classify(qualified: string): CalleeKind | undefined {
  if (Object.hasOwn(NOT_SIMULATED, qualified)) return { kind: 'unsupported', qualified, why: NOT_SIMULATED[qualified] };
  let m = /^torch\.optim\.(?:\w+\.)?(\w+)$/.exec(qualified);
  if (m && !qualified.startsWith('torch.optim.lr_scheduler.')) {
    if (Object.hasOwn(TORCH_OPTIMIZERS, m[1])) return { kind: 'optimizer', framework: 'pytorch', name: TORCH_OPTIMIZERS[m[1]], qualified };
    if (Object.hasOwn(NOT_SIMULATED, `torch.optim.${m[1]}`)) return { kind: 'unsupported', qualified, why: NOT_SIMULATED[`torch.optim.${m[1]}`] };
  }
  m = /^torch\.optim\.lr_scheduler\.(\w+)$/.exec(qualified);
  if (m) {
    if (TORCH_SCHEDULERS.includes(m[1])) return { kind: 'torch-scheduler', className: m[1], qualified };
    if (/LR$|Scheduler$|Plateau$|Restarts$/.test(m[1]))
      return {
        kind: 'unsupported',
        qualified,
        why: `${m[1]} is not one of the PyTorch schedulers the optimizer lab simulates (${TORCH_SCHEDULERS.join(', ')})`,
      };
    return undefined;
  }
  m = /^keras\.optimizers\.schedules\.(\w+)$/.exec(qualified);
  if (m) {
    if (KERAS_SCHEDULES.includes(m[1])) return { kind: 'keras-schedule', className: m[1], qualified };
    return { kind: 'unsupported', qualified, why: `${m[1]} is not one of the Keras schedules read (${KERAS_SCHEDULES.join(', ')})` };
  }
  m = /^keras\.optimizers\.(\w+)$/.exec(qualified);
  if (m) {
    if (Object.hasOwn(KERAS_OPTIMIZERS, m[1])) return { kind: 'optimizer', framework: 'keras', name: KERAS_OPTIMIZERS[m[1]], qualified };
    if (KERAS_NOT_SIMULATED.includes(m[1]))
      return {
        kind: 'unsupported',
        qualified,
        why: `keras.optimizers.${m[1]} is a Keras optimizer the optimizer lab does not simulate (it simulates ${Object.keys(KERAS_OPTIMIZERS).join(', ')})`,
      };
    return undefined;
  }
  m = /^optax\.(\w+)$/.exec(qualified);
  if (m) {
    if (Object.hasOwn(OPTAX_OPTIMIZERS, m[1])) return { kind: 'optimizer', framework: 'optax', name: m[1], qualified };
    if (m[1] === 'chain') return { kind: 'optax-chain', qualified };
    if (/schedule|decay$/.test(m[1])) return { kind: 'optax-schedule', fn: m[1], qualified };
    if (OPTAX_NOT_SIMULATED.includes(m[1]))
      return {
        kind: 'unsupported',
        qualified,
        why: `optax.${m[1]} is an optax optimizer the optimizer lab does not simulate (it simulates ${Object.keys(OPTAX_OPTIMIZERS)
          .map((k) => `optax.${k}`)
          .join(', ')})`,
      };
  }
  return undefined;
}

/** classify(qualify(...)) for a callee as written in this file. */
export function calleeKind(file: { tree: Tree; text: string }, callee: string): CalleeKind | undefined {
  return classify(qualify(importTable(file.tree, file.text), callee));
}
