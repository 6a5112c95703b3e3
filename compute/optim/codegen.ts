/**
 * Optimizers as Python source: the arguments a person would write (the learning rate and every
 * hyperparameter that differs from the framework default) and whole assignments for "Copy as
 * code". No parser here, so the webview can use it without bundling one.
 */
import { ComputeError } from '../errors';
import { buildOptimizer } from './frameworks';
import type { OptimizerRequest, OptimizerSpec } from './types';

/** A JSON value as Python source: numbers, True/False/None, strings, tuples. */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ComputeError(`${value} cannot be written as a Python literal.`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pythonLiteral(value[0])},)` : `(${value.map(pythonLiteral).join(', ')})`;
  throw new ComputeError(`${JSON.stringify(value)} cannot be written as a Python literal.`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `name=value` for the learning rate and every hyperparameter that differs from the default. */
export function hyperparameterArgs(spec: OptimizerSpec, framework: string): string[] {
  const built = buildOptimizer({ ...spec, framework });
  const lrKey = framework === 'pytorch' ? 'lr' : 'learning_rate';
  const defaults = buildOptimizer({ name: spec.name, framework, hyperparameters: { [lrKey]: built.hyperparameters[lrKey] } }).hyperparameters;
  return Object.entries(built.hyperparameters)
    .filter(([name, value]) => name === lrKey || !same(value, defaults[name]))
    .map(([name, value]) => `${name}=${pythonLiteral(value)}`);
}

/** Class names of the optimizers in PyTorch and Keras (optax uses the lower-case names). */
const CLASS_NAMES: Record<string, string> = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', adagrad: 'Adagrad', rmsprop: 'RMSprop', gd: 'SGD', adadelta: 'Adadelta', adamax: 'Adamax', nadam: 'NAdam', radam: 'RAdam', rprop: 'Rprop', asgd: 'ASGD' };
/** Where Keras spells a class differently from PyTorch. */
const KERAS_CLASS_NAMES: Record<string, string> = { nadam: 'Nadam' };

/**
 * "Copy as code": the lab's optimizers (and a PyTorch scheduler) as code for their framework,
 * one assignment per optimizer, ready to paste into a training script.
 */
export function optimizerCode(request: OptimizerRequest): string {
  const specs = request.optimizers ?? (request.optimizer ? [request.optimizer] : []);
  const lines: string[] = [];
  specs.forEach((spec, i) => {
    const framework = buildOptimizer(spec).framework;
    const name = specs.length > 1 ? `optimizer_${i + 1}` : 'optimizer';
    const args = hyperparameterArgs(spec, framework);
    if (framework === 'pytorch') lines.push(`${name} = torch.optim.${CLASS_NAMES[spec.name]}(${['model.parameters()', ...args].join(', ')})`);
    else if (framework === 'keras') lines.push(`${name} = keras.optimizers.${KERAS_CLASS_NAMES[spec.name] ?? CLASS_NAMES[spec.name]}(${args.join(', ')})`);
    else lines.push(`${name} = optax.${spec.name === 'gd' ? 'sgd' : spec.name}(${args.join(', ')})`);
    const schedule = spec.schedule ?? request.schedule;
    if (schedule && framework === 'pytorch') {
      const { name: kind, ...rest } = schedule;
      const scheduleArgs = Object.entries(rest).map(([k, v]) => `${k}=${pythonLiteral(v)}`);
      lines.push(`scheduler${specs.length > 1 ? `_${i + 1}` : ''} = torch.optim.lr_scheduler.${kind}(${[name, ...scheduleArgs].join(', ')})`);
    }
  });
  return `${lines.join('\n')}\n`;
}
