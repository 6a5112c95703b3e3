/**
 * The optimizer lab's parameters, kept as the request itself (what is saved and what the worker
 * runs), and the pure edits the controls make to it. No DOM here: tested in plain Node.
 */
import { buildOptimizer, type OptimizerRequest, type OptimizerSpec, type ScheduleSpec } from '../../../compute';

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

export const OPTIMIZERS = [
  { id: 'gd', label: 'GD' },
  { id: 'sgd', label: 'SGD' },
  { id: 'adagrad', label: 'AdaGrad' },
  { id: 'rmsprop', label: 'RMSProp' },
  { id: 'adam', label: 'Adam' },
  { id: 'adamw', label: 'AdamW' },
] as const;

/** Schedules with the arguments the lab edits and their starting values (PyTorch names). */
export const SCHEDULES: Record<string, Record<string, number>> = {
  none: {},
  StepLR: { step_size: 100, gamma: 0.5 },
  ExponentialLR: { gamma: 0.99 },
  CosineAnnealingLR: { T_max: 300, eta_min: 0 },
  LinearLR: { start_factor: 0.1, end_factor: 1, total_iters: 50 },
};

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

/** A saved or recognized request in the lab's own form: `optimizers` list, no results. */
export function normalizeRequest(request: OptimizerRequest | undefined): OptimizerRequest {
  if (!request) return defaultRequest();
  const specs = specsOf(request);
  const rest: OptimizerRequest = { ...request };
  delete rest.optimizer;
  delete rest.grid;
  return { ...rest, kind: 'optimizer', optimizers: specs.length ? specs : defaultRequest().optimizers, steps: Number.isInteger(request.steps) ? request.steps : DEFAULT_STEPS };
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
export const lrName = (framework: string | undefined): string => (framework === 'keras' || framework === 'optax' ? 'learning_rate' : 'lr');

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

/** Another framework or optimizer for a row: the lr carries over, other arguments are reset. */
export function retarget(spec: OptimizerSpec, name: string, framework: string): OptimizerSpec {
  const lr = specLr(spec) ?? 0.01;
  return { name, framework, hyperparameters: { [lrName(framework)]: lr } };
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

export function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return Number(v.toPrecision(6)).toExponential().replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
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
    const parts = t.split(/[,\s]+/).filter(Boolean).map(Number);
    return parts.length === like.length && parts.every(Number.isFinite) ? parts : { error: `Enter ${like.length} numbers, e.g. ${formatValue(like)}.` };
  }
  if (/^none|null$/i.test(t)) return null;
  const v = Number(t);
  return t !== '' && Number.isFinite(v) ? v : { error: `“${text}” is not a number.` };
}

/** A short legend label: "SGD", "SGD (momentum 0.9)", "Adam (keras)". */
export function runLabel(spec: OptimizerSpec): string {
  const base = OPTIMIZERS.find((o) => o.id === spec.name?.toLowerCase())?.label ?? spec.name;
  const m = spec.hyperparameters?.momentum;
  const parts: string[] = [];
  if (typeof m === 'number' && m > 0 && spec.name === 'sgd') parts.push(spec.hyperparameters?.nesterov ? `Nesterov ${m}` : `momentum ${m}`);
  parts.push(`lr ${formatValue(specLr(spec))}`);
  if (spec.framework && spec.framework !== 'pytorch') parts.push(spec.framework);
  return `${base} (${parts.join(', ')})`;
}

/** The schedule picker's id and a schedule with its starting arguments. */
export const scheduleId = (s: ScheduleSpec | null | undefined): string => (s && typeof s.name === 'string' ? s.name : 'none');
export const scheduleFor = (id: string): ScheduleSpec | undefined => (id === 'none' || !SCHEDULES[id] ? undefined : { name: id, ...SCHEDULES[id] });
