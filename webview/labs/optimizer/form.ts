/**
 * The optimizer lab's parameters, kept as the request itself (what is saved and what the worker
 * runs), and the pure edits the controls make to it. No DOM here: tested in plain Node.
 */
// Straight from the modules, not the compute barrel: the barrel would bundle the hover catalog and the Python evaluator into the webview.
import { buildOptimizer, FRAMEWORKS, type OPTIMIZER_NAMES } from '../../../compute/optim/frameworks';
import type { OptimizerRequest, OptimizerSpec } from '../../../compute';
import { optimizerNamesFor } from '../../../compute/optim';
import { formatNumber } from '../../../shared/number-format';

export { formatNumber } from '../../../shared/number-format';
export { SCHEDULES, SCHEDULE_CHOICES, scheduleFor, scheduleId } from '../../../shared/schedule-form';

export const DEFAULT_GRID = 128;
export const DEFAULT_STEPS = 300;

/** The objectives the picker offers; `custom` is a user expression in x, y. */
export const OBJECTIVES = [
  { id: 'quadratic', label: 'Quadratic (κ)' },
  { id: 'rosenbrock', label: 'Rosenbrock' },
  { id: 'beale', label: 'Beale' },
  { id: 'himmelblau', label: 'Himmelblau' },
  { id: 'rastrigin', label: 'Rastrigin' },
  { id: 'custom', label: 'Custom f(x, y)' },
] as const;

/** Every optimizer the compute module simulates (OPTIMIZER_NAMES), with the lab's label. */
export const OPTIMIZERS = [
  { id: 'gd', label: 'GD' },
  { id: 'sgd', label: 'SGD' },
  { id: 'adagrad', label: 'AdaGrad' },
  { id: 'rmsprop', label: 'RMSProp' },
  { id: 'adam', label: 'Adam' },
  { id: 'adamw', label: 'AdamW' },
  { id: 'adadelta', label: 'Adadelta' },
  { id: 'adamax', label: 'Adamax' },
  { id: 'nadam', label: 'NAdam' },
  { id: 'radam', label: 'RAdam' },
  { id: 'rprop', label: 'Rprop' },
  { id: 'asgd', label: 'ASGD' },
] as const satisfies readonly { id: (typeof OPTIMIZER_NAMES)[number]; label: string }[];

/** An optimizer name as the simulator reads it: lower-case, without `torch.optim.`/`keras.optimizers.`/`optax.`. */
export const optimizerId = (name: unknown): string =>
  typeof name === 'string' ? name.toLowerCase().replace(/^(torch\.optim\.|keras\.optimizers\.|optax\.)/, '') : '';

const FRAMEWORK_ALIASES: Record<string, string> = {
  torch: 'pytorch',
  'torch.optim': 'pytorch',
  'tf.keras': 'keras',
  tensorflow: 'keras',
  tf: 'keras',
  jax: 'optax',
};

/** A framework as the picker lists it (the simulator's aliases: torch → pytorch, tf.keras → keras, jax → optax). */
export function frameworkId(framework: unknown): string {
  if (framework === undefined || framework === null) return 'pytorch';
  const f = String(framework).toLowerCase();
  return FRAMEWORK_ALIASES[f] ?? f;
}

export interface Choice {
  id: string;
  label: string;
  disabled?: boolean;
}

const known = (framework: string): framework is (typeof FRAMEWORKS)[number] => (FRAMEWORKS as readonly string[]).includes(framework);
const optimizerLabel = (id: string) => OPTIMIZERS.find((o) => o.id === id)?.label;

/**
 * The optimizer picker of a row: the optimizers its framework has here. A name the framework
 * does not have is still listed and selected, marked as not simulated: never a silent switch to
 * the first option.
 */
export function optimizerChoices(spec: OptimizerSpec): Choice[] {
  const framework = frameworkId(spec.framework);
  const names = known(framework) ? optimizerNamesFor(framework) : [];
  const choices: Choice[] = OPTIMIZERS.filter((o) => names.includes(o.id)).map((o) => ({ id: o.id, label: o.label }));
  const id = optimizerId(spec.name);
  if (!choices.some((c) => c.id === id)) choices.push({ id, label: `${optimizerLabel(id) ?? String(spec.name)} (not simulated for ${framework})` });
  return choices;
}

/** The framework picker of a row: every framework, those without this optimizer disabled; the row's own framework always listed and selectable. */
export function frameworkChoices(spec: OptimizerSpec): Choice[] {
  const id = optimizerId(spec.name);
  const framework = frameworkId(spec.framework);
  const choices: Choice[] = FRAMEWORKS.map((f) => {
    const has = optimizerNamesFor(f).includes(id);
    return { id: f, label: has ? f : `${f} (no ${optimizerLabel(id) ?? id})`, ...(has || f === framework ? {} : { disabled: true }) };
  });
  if (!known(framework)) choices.push({ id: framework, label: `${framework} (unknown)` });
  return choices;
}

export const DEFAULT_EXPR = '(x - 1)**2 + 3*(y + x**2/2)**2';

export function defaultRequest(): OptimizerRequest {
  return {
    kind: 'optimizer',
    optimizers: [
      { name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.001 } },
      { name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.001, momentum: 0.9 } },
      { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.05 } },
    ],
    objective: { name: 'rosenbrock' },
    steps: DEFAULT_STEPS,
  };
}

/** The optimizers of a request as a list (a recognized request may carry just `optimizer`). */
export function specsOf(request: OptimizerRequest): OptimizerSpec[] {
  return request.optimizers ?? (request.optimizer ? [request.optimizer] : []);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A spec with the hyperparameters the recognizer filled in from the framework defaults
 * (`defaultsUsed`) taken out again, so that they show, run and are written back as defaults.
 * Only a value that really is the framework default is dropped.
 */
function withoutFilledDefaults(spec: OptimizerSpec): OptimizerSpec {
  if (!Array.isArray(spec.defaultsUsed)) return spec;
  const rest: OptimizerSpec = { ...spec };
  delete rest.defaultsUsed;
  const given = spec.hyperparameters;
  if (!given || typeof given !== 'object' || !spec.defaultsUsed.length) return rest;
  const filled = new Set(spec.defaultsUsed);
  const written = Object.fromEntries(Object.entries(given).filter(([k]) => !filled.has(k)));
  try {
    const defaults = buildOptimizer({ ...spec, hyperparameters: written }).hyperparameters;
    return { ...rest, hyperparameters: Object.fromEntries(Object.entries(given).filter(([k, v]) => !filled.has(k) || !sameJson(v, defaults[k]))) };
  } catch {
    return rest; // the row shows the framework's error; nothing is dropped
  }
}

/**
 * A saved or recognized request in the lab's own form: an `optimizers` list, no results, the
 * recognizer's filled-in defaults as defaults, and a schedule the optimizers share kept once, at
 * the request's level, where the schedule controls edit it. An optimizer's own different
 * schedule stays on it.
 */
export function normalizeRequest(request: OptimizerRequest | undefined): OptimizerRequest {
  if (!request) return defaultRequest();
  let specs = specsOf(request).map(withoutFilledDefaults);
  const rest: OptimizerRequest = { ...request };
  delete rest.optimizer;
  delete rest.grid;
  // The recognizer puts the schedule on its optimizer and on the request.
  const own = specs.filter((s) => s.schedule !== undefined);
  if (rest.schedule === undefined && own.length > 0 && own.length === specs.length && own.every((s) => sameJson(s.schedule, own[0].schedule)))
    rest.schedule = own[0].schedule;
  specs = specs.map((s) => {
    if (s.schedule === undefined || !sameJson(s.schedule, rest.schedule)) return s;
    const spec = { ...s };
    delete spec.schedule;
    return spec;
  });
  return {
    ...rest,
    kind: 'optimizer',
    optimizers: specs.length ? specs : defaultRequest().optimizers,
    steps: Number.isInteger(request.steps) ? request.steps : DEFAULT_STEPS,
  };
}

/** Drop an optimizer's own schedule: it runs with the shared one. */
export function withSharedSchedule(request: OptimizerRequest, i: number): OptimizerRequest {
  return {
    ...request,
    optimizers: specsOf(request).map((s, k) => {
      if (k !== i) return s;
      const spec = { ...s };
      delete spec.schedule;
      return spec;
    }),
  };
}

/** What the worker runs: the saved request plus the contour grid (2-D objectives only). */
export function runRequest(request: OptimizerRequest, gridN = DEFAULT_GRID): OptimizerRequest {
  const dims = request.start?.length ?? 2;
  return dims === 2 ? { ...request, grid: { n: gridN } } : request;
}

/** The objective picker's id for a request's objective. */
export function objectiveId(request: OptimizerRequest): string {
  const o = request.objective as { name?: unknown; expr?: unknown };
  return typeof o.expr === 'string' ? 'custom' : typeof o.name === 'string' ? o.name.toLowerCase() : 'rosenbrock';
}

export function withObjective(request: OptimizerRequest, id: string, expr = DEFAULT_EXPR): OptimizerRequest {
  const objective = id === 'custom' ? { expr } : id === 'quadratic' ? { name: 'quadratic', kappa: 10 } : { name: id };
  // A new objective starts from its own default start.
  const rest: OptimizerRequest = { ...request, objective };
  delete rest.start;
  return rest;
}

/** The learning-rate argument's name in a framework. */
export const lrName = (framework: string | undefined): string =>
  frameworkId(framework) === 'keras' || frameworkId(framework) === 'optax' ? 'learning_rate' : 'lr';

/** The lr a spec runs with (given, or the framework default). */
export function specLr(spec: OptimizerSpec): number | undefined {
  const v = spec.hyperparameters?.[lrName(spec.framework)];
  if (typeof v === 'number') return v;
  try {
    return buildOptimizer({ ...spec, hyperparameters: {} }).hyperparameters[lrName(spec.framework)] as number;
  } catch {
    return undefined;
  }
}

/** Another framework or optimizer for a row: the lr carries over, other hyperparameters are reset; its own schedule, noise and averaging stay. */
export function retarget(spec: OptimizerSpec, name: string, framework: string): OptimizerSpec {
  const lr = specLr(spec) ?? 0.01;
  const kept: OptimizerSpec = { ...spec, name, framework, hyperparameters: { [lrName(framework)]: lr } };
  delete kept.defaultsUsed;
  delete kept.label;
  return kept;
}

/** Set (or, with undefined, reset to the framework default) one hyperparameter of row `i`. */
export function withHyper(request: OptimizerRequest, i: number, name: string, value: unknown): OptimizerRequest {
  const specs = specsOf(request).map((s, k) => {
    if (k !== i) return s;
    const hyperparameters = { ...(s.hyperparameters ?? {}) };
    if (value === undefined) delete hyperparameters[name];
    else hyperparameters[name] = value;
    return { ...s, hyperparameters };
  });
  return { ...request, optimizers: specs };
}

export interface HyperField {
  name: string;
  value: unknown;
  /** True when the value is the framework default (not written in the request). */
  isDefault: boolean;
}

/** Every hyperparameter of a row, given or defaulted, or the framework's error for the row. */
export function hyperFields(spec: OptimizerSpec): { fields: HyperField[]; error?: string } {
  try {
    const built = buildOptimizer(spec);
    const fields = Object.entries(built.hyperparameters).map(([name, value]) => ({ name, value, isDefault: built.defaultsUsed.includes(name) }));
    return { fields };
  } catch (e) {
    const given = Object.entries(spec.hyperparameters ?? {}).map(([name, value]) => ({ name, value, isDefault: false }));
    return { fields: given, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A field's text: numbers in short form, pairs as "0.9, 0.999", None as "None". */
export function formatValue(value: unknown): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** A field's text back to a value of the same kind as `like`; a string with what is wrong otherwise. */
export function parseValue(text: string, like: unknown): unknown {
  const t = text.trim();
  if (typeof like === 'boolean') {
    if (/^(true|1|yes)$/i.test(t)) return true;
    if (/^(false|0|no)$/i.test(t)) return false;
    return { error: 'Enter true or false.' };
  }
  if (Array.isArray(like)) {
    const parts = t
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    return parts.length === like.length && parts.every(Number.isFinite) ? parts : { error: `Enter ${like.length} numbers, e.g. ${formatValue(like)}.` };
  }
  if (/^none|null$/i.test(t)) return null;
  const v = Number(t);
  return t !== '' && Number.isFinite(v) ? v : { error: `“${text}” is not a number.` };
}

/** A short legend label: "SGD", "SGD (momentum 0.9)", "Adam (keras)". */
export function runLabel(spec: OptimizerSpec): string {
  const base = optimizerLabel(optimizerId(spec.name)) ?? spec.name;
  const m = spec.hyperparameters?.momentum;
  const parts: string[] = [];
  if (typeof m === 'number' && m > 0 && optimizerId(spec.name) === 'sgd') parts.push(spec.hyperparameters?.nesterov ? `Nesterov ${m}` : `momentum ${m}`);
  parts.push(`lr ${formatValue(specLr(spec))}`);
  if (frameworkId(spec.framework) !== 'pytorch') parts.push(frameworkId(spec.framework));
  return `${base} (${parts.join(', ')})`;
}
