/**
 * Optimizers as Python source: the arguments a person would write (the learning rate and every
 * hyperparameter that differs from the framework default) and whole assignments for "Copy as
 * code". No parser here, so the webview can use it without bundling one.
 */
import { ComputeError } from '../errors';
import { buildOptimizer } from './frameworks';
import type { OptimizerRequest, OptimizerSpec, ScheduleSpec } from './types';

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
const CLASS_NAMES: Record<string, string> = {
  sgd: 'SGD',
  adam: 'Adam',
  adamw: 'AdamW',
  adagrad: 'Adagrad',
  rmsprop: 'RMSprop',
  gd: 'SGD',
  adadelta: 'Adadelta',
  adamax: 'Adamax',
  nadam: 'NAdam',
  radam: 'RAdam',
  rprop: 'Rprop',
  asgd: 'ASGD',
};
/** Where Keras spells a class differently from PyTorch. */
const KERAS_CLASS_NAMES: Record<string, string> = { nadam: 'Nadam' };

/** A Python value for a schedule argument: optax's boundaries_and_scales pairs as a dict. */
function scheduleLiteral(key: string, value: unknown): string {
  if (key === 'boundaries_and_scales' && Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2)) {
    return `{${(value as [unknown, unknown][]).map(([b, v]) => `${pythonLiteral(b)}: ${pythonLiteral(v)}`).join(', ')}}`;
  }
  if (Array.isArray(value) && ['milestones', 'boundaries', 'values'].includes(key)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return pythonLiteral(value);
}

/**
 * A PyTorch scheduler as code (lines before it for a def lr_lambda or the schedulers of a
 * SequentialLR/ChainedScheduler, which are built first, on the same optimizer).
 */
function torchScheduler(schedule: ScheduleSpec, optimizer: string, variable: string): string[] {
  const { name, ...rest } = schedule;
  const before: string[] = [];
  const args: string[] = [];
  for (const [k, v] of Object.entries(rest)) {
    if ((k === 'lr_lambda' || k === 'scale_fn') && typeof v === 'string') {
      const def = /^def\s+(\w+)/.exec(v.trim());
      if (def) {
        before.push(v.trimEnd(), '');
        args.push(`${k}=${def[1]}`);
      } else args.push(`${k}=${v.trim()}`);
    } else if (k === 'schedulers' && Array.isArray(v)) {
      const names = v.map((child, i) => {
        const n = `${variable}_${i + 1}`;
        before.push(...torchScheduler(child as ScheduleSpec, optimizer, n));
        return n;
      });
      args.push(`schedulers=[${names.join(', ')}]`);
    } else args.push(`${k}=${scheduleLiteral(k, v)}`);
  }
  const callArgs = name === 'ChainedScheduler' ? args : [optimizer, ...args];
  return [...before, `${variable} = torch.optim.lr_scheduler.${name}(${callArgs.join(', ')})`];
}

/** An optax or Keras schedule as a call of that library (nested optax schedules inline). */
function librarySchedule(schedule: ScheduleSpec): string {
  const { name, ...rest } = schedule;
  const callee = name.startsWith('keras.') ? `keras.optimizers.schedules.${name.slice(6)}` : name;
  const args = Object.entries(rest).map(([k, v]) =>
    k === 'schedules' && Array.isArray(v) ? `${k}=[${v.map((c) => librarySchedule(c as ScheduleSpec)).join(', ')}]` : `${k}=${scheduleLiteral(k, v)}`,
  );
  return `${callee}(${args.join(', ')})`;
}

/** A PyTorch StepLR/ExponentialLR as the same per-step values in Keras or optax; undefined when there is no exact twin. */
function twin(schedule: ScheduleSpec, framework: string, lr: unknown): string | undefined {
  const init = pythonLiteral(lr);
  if (schedule.name === 'StepLR') {
    const gamma = pythonLiteral(schedule.gamma ?? 0.1);
    return framework === 'keras'
      ? `keras.optimizers.schedules.ExponentialDecay(${init}, decay_steps=${pythonLiteral(schedule.step_size)}, decay_rate=${gamma}, staircase=True)`
      : `optax.exponential_decay(${init}, transition_steps=${pythonLiteral(schedule.step_size)}, decay_rate=${gamma}, staircase=True)`;
  }
  if (schedule.name === 'ExponentialLR') {
    const gamma = pythonLiteral(schedule.gamma);
    return framework === 'keras'
      ? `keras.optimizers.schedules.ExponentialDecay(${init}, decay_steps=1, decay_rate=${gamma})`
      : `optax.exponential_decay(${init}, transition_steps=1, decay_rate=${gamma})`;
  }
  return undefined;
}

/**
 * "Copy as code": the lab's optimizers (and their schedules) as code for their framework, one
 * assignment per optimizer, ready to paste into a training script. A PyTorch scheduler follows
 * its optimizer; a Keras or optax schedule is built first and given as the learning rate.
 */
export function optimizerCode(request: OptimizerRequest): string {
  const specs = request.optimizers ?? (request.optimizer ? [request.optimizer] : []);
  const lines: string[] = [];
  specs.forEach((spec, i) => {
    const built = buildOptimizer(spec);
    const framework = built.framework;
    const name = specs.length > 1 ? `optimizer_${i + 1}` : 'optimizer';
    const suffix = specs.length > 1 ? `_${i + 1}` : '';
    const schedule = spec.schedule ?? request.schedule;
    let args = hyperparameterArgs(spec, framework);
    const torchSchedule = !!schedule && !schedule.name.startsWith('optax.') && !schedule.name.startsWith('keras.');
    if (schedule && framework !== 'pytorch') {
      const sameLibrary = (framework === 'keras') === schedule.name.startsWith('keras.');
      const library = torchSchedule ? twin(schedule, framework, built.hyperparameters[built.lrName]) : sameLibrary ? librarySchedule(schedule) : undefined;
      if (library) {
        lines.push(`learning_rate${suffix} = ${library}`);
        args = args.map((a) => (a.startsWith('learning_rate=') ? `learning_rate=learning_rate${suffix}` : a));
      } else {
        lines.push(`# The lab's schedule ${schedule.name} has no exact ${framework} twin; it is not written here.`);
      }
    }
    if (framework === 'pytorch') lines.push(`${name} = torch.optim.${CLASS_NAMES[spec.name]}(${['model.parameters()', ...args].join(', ')})`);
    else if (framework === 'keras') lines.push(`${name} = keras.optimizers.${KERAS_CLASS_NAMES[spec.name] ?? CLASS_NAMES[spec.name]}(${args.join(', ')})`);
    else lines.push(`${name} = optax.${spec.name === 'gd' ? 'sgd' : spec.name}(${args.join(', ')})`);
    if (schedule && framework === 'pytorch') {
      if (torchSchedule) lines.push(...torchScheduler(schedule, name, `scheduler${suffix}`));
      else lines.push(`# The lab's schedule ${schedule.name} is not a PyTorch scheduler; it is not written here.`);
    }
  });
  return `${lines.join('\n')}\n`;
}
