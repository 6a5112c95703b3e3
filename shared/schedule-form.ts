/**
 * The optimizer lab's learning-rate schedule, as the form edits it: every schedule the compute
 * module simulates (PyTorch schedulers, Keras and optax schedules) with starting arguments that
 * suit the lab's 300-step runs, each schedule's arguments as fields (given or the library's
 * default, marked as such), the children of composites (SequentialLR, ChainedScheduler,
 * optax.join_schedules) with their milestones or boundaries, and the pure edits the controls make.
 * Arguments, defaults and checks come from the simulator's own tables (scheduleSignature), so
 * the form cannot drift from what runs. No DOM here: tested in plain Node.
 */
import {
  compilePyFunction,
  scheduleSignature,
  scheduleSignatures,
  scheduleValues,
  type ArgDef,
  type ScheduleLibrary,
  type ScheduleSignature,
} from '../compute/optim';
import type { ScheduleSpec } from '../compute';
import { formatNumber } from './number-format';

export interface ScheduleChoice {
  /** The schedule's name as requests spell it (`StepLR`, `keras.CosineDecay`, `optax.linear_schedule`), or `none`. */
  id: string;
  label: string;
  library?: ScheduleLibrary;
}

const LIBRARY_LABEL: Record<ScheduleLibrary, string> = { pytorch: 'PyTorch', keras: 'Keras', optax: 'optax' };

const choiceOf = (s: ScheduleSignature): ScheduleChoice => ({
  id: s.name,
  label: s.library === 'pytorch' ? s.name : `${LIBRARY_LABEL[s.library]} ${s.name.replace(/^(keras|optax)\./, '')}`,
  library: s.library,
});

/** The picker's options: constant (no schedule), then every simulated schedule by library. */
export const SCHEDULE_CHOICES: readonly ScheduleChoice[] = [{ id: 'none', label: 'constant' }, ...scheduleSignatures().map(choiceOf)];

/** Composites and the key of their children, their switch points, and the children they accept. */
const COMPOSITES: Record<string, { children: 'schedulers' | 'schedules'; points?: 'milestones' | 'boundaries'; library: ScheduleLibrary }> = {
  SequentialLR: { children: 'schedulers', points: 'milestones', library: 'pytorch' },
  ChainedScheduler: { children: 'schedulers', library: 'pytorch' },
  'optax.join_schedules': { children: 'schedules', points: 'boundaries', library: 'optax' },
};

/** Schedules that cannot be a composite's child in the simulator (nesting, or a metric to wait for). */
const NOT_A_CHILD = new Set(['SequentialLR', 'ChainedScheduler', 'ReduceLROnPlateau', 'optax.join_schedules']);

/** What a composite's child may be: same library, not a composite. */
export function childChoices(parent: string): ScheduleChoice[] {
  const library = COMPOSITES[parent]?.library;
  return SCHEDULE_CHOICES.filter((c) => c.library !== undefined && c.library === library && !NOT_A_CHILD.has(c.id));
}

/**
 * Starting arguments for the lab's runs (300 steps): a visible effect within them. `lr` is the
 * first optimizer's lr, for Keras and optax schedules, which give the lr itself.
 */
export const SCHEDULES: Readonly<Record<string, (lr: number) => Record<string, unknown>>> = {
  none: () => ({}),
  // PyTorch: factors on the optimizer's lr.
  LambdaLR: () => ({ lr_lambda: 'lambda epoch: 0.99 ** epoch' }),
  MultiplicativeLR: () => ({ lr_lambda: 'lambda epoch: 0.99' }),
  StepLR: () => ({ step_size: 100, gamma: 0.5 }),
  MultiStepLR: () => ({ milestones: [100, 200], gamma: 0.5 }),
  ExponentialLR: () => ({ gamma: 0.99 }),
  CosineAnnealingLR: () => ({ T_max: 300, eta_min: 0 }),
  LinearLR: () => ({ start_factor: 0.1, end_factor: 1, total_iters: 50 }),
  ConstantLR: () => ({ factor: 0.5, total_iters: 100 }),
  PolynomialLR: () => ({ total_iters: 300, power: 2 }),
  CosineAnnealingWarmRestarts: () => ({ T_0: 100, T_mult: 2 }),
  CyclicLR: (lr) => ({ base_lr: lr / 10, max_lr: lr, step_size_up: 50 }),
  OneCycleLR: (lr) => ({ max_lr: lr }),
  ReduceLROnPlateau: () => ({}),
  SequentialLR: () => ({
    schedulers: [
      { name: 'LinearLR', start_factor: 0.1, total_iters: 50 },
      { name: 'CosineAnnealingLR', T_max: 250 },
    ],
    milestones: [50],
  }),
  ChainedScheduler: () => ({
    schedulers: [
      { name: 'ConstantLR', factor: 0.5, total_iters: 50 },
      { name: 'ExponentialLR', gamma: 0.995 },
    ],
  }),
  // Keras: the learning rate itself at each iteration.
  'keras.ExponentialDecay': (lr) => ({ initial_learning_rate: lr, decay_steps: 100, decay_rate: 0.5 }),
  'keras.PiecewiseConstantDecay': (lr) => ({ boundaries: [100, 200], values: [lr, lr / 2, lr / 10] }),
  'keras.PolynomialDecay': (lr) => ({ initial_learning_rate: lr, decay_steps: 300, end_learning_rate: lr / 100 }),
  'keras.InverseTimeDecay': (lr) => ({ initial_learning_rate: lr, decay_steps: 10, decay_rate: 1 }),
  'keras.CosineDecay': (lr) => ({ initial_learning_rate: lr, decay_steps: 300 }),
  'keras.CosineDecayRestarts': (lr) => ({ initial_learning_rate: lr, first_decay_steps: 100 }),
  // optax: the learning rate itself at each update count.
  'optax.constant_schedule': (lr) => ({ value: lr }),
  'optax.polynomial_schedule': (lr) => ({ init_value: lr, end_value: lr / 100, power: 2, transition_steps: 300 }),
  'optax.linear_schedule': (lr) => ({ init_value: lr, end_value: 0, transition_steps: 300 }),
  'optax.warmup_constant_schedule': (lr) => ({ init_value: 0, peak_value: lr, warmup_steps: 50 }),
  'optax.piecewise_constant_schedule': (lr) => ({
    init_value: lr,
    boundaries_and_scales: [
      [100, 0.5],
      [200, 0.5],
    ],
  }),
  'optax.exponential_decay': (lr) => ({ init_value: lr, transition_steps: 100, decay_rate: 0.5 }),
  'optax.cosine_decay_schedule': (lr) => ({ init_value: lr, decay_steps: 300 }),
  'optax.warmup_cosine_decay_schedule': (lr) => ({ init_value: 0, peak_value: lr, warmup_steps: 50, decay_steps: 300 }),
  'optax.warmup_exponential_decay_schedule': (lr) => ({ init_value: 0, peak_value: lr, warmup_steps: 50, transition_steps: 100, decay_rate: 0.5 }),
  'optax.cosine_onecycle_schedule': (lr) => ({ transition_steps: 300, peak_value: lr }),
  'optax.linear_onecycle_schedule': (lr) => ({ transition_steps: 300, peak_value: lr }),
  'optax.join_schedules': (lr) => ({
    schedules: [
      { name: 'optax.linear_schedule', init_value: 0, end_value: lr, transition_steps: 50 },
      { name: 'optax.cosine_decay_schedule', init_value: lr, decay_steps: 250 },
    ],
    boundaries: [50],
  }),
};

/** The picker's id for a schedule: its canonical name (any accepted spelling), `none`, or the name as given when nothing simulates it. */
export function scheduleId(s: ScheduleSpec | null | undefined): string {
  if (!s || typeof s !== 'object') return 'none';
  return scheduleSignature(s.name)?.name ?? String(s.name);
}

/** The picker's options for a schedule: a name nothing simulates is listed (and selected) as such, never replaced by the first option. */
export function scheduleChoicesFor(id: string, choices: readonly ScheduleChoice[] = SCHEDULE_CHOICES): ScheduleChoice[] {
  return choices.some((c) => c.id === id) ? [...choices] : [...choices, { id, label: `${id} (not simulated)` }];
}

/** A schedule with its starting arguments (undefined for `none` or a name nothing simulates). */
export function scheduleFor(id: string, lr = 0.01): ScheduleSpec | undefined {
  const start = Object.hasOwn(SCHEDULES, id) ? SCHEDULES[id] : undefined;
  return id === 'none' || !start ? undefined : { name: id, ...start(lr) };
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

export type FieldKind = 'number' | 'number?' | 'boolean' | 'pair' | 'numbers' | 'string' | 'function' | 'scales';

export interface ScheduleField {
  name: string;
  kind: FieldKind;
  /** The value that runs: given, or the library default; undefined when required and missing. */
  value: unknown;
  /** Not given: the library default runs. */
  isDefault: boolean;
  /** The library gives no default. */
  required: boolean;
  integer: boolean;
  /** The field's text. */
  text: string;
}

export interface ChildView {
  index: number;
  /** The child's form, when it is a schedule the simulator knows; else it is shown read-only. */
  view?: ScheduleView;
  /** What the child is, as text (for a read-only child). */
  summary: string;
  /** When it runs: "steps 0–49", "from step 50", or "every step" (ChainedScheduler). */
  when: string;
}

export interface ScheduleView {
  id: string;
  signature?: ScheduleSignature;
  fields: ScheduleField[];
  /** Arguments in the spec that the schedule does not take (shown read-only; the run reports them). */
  extra: [string, unknown][];
  composite?: { key: 'schedulers' | 'schedules'; points?: 'milestones' | 'boundaries'; children: ChildView[]; choices: ScheduleChoice[]; explain: string };
}

/** Python-callable arguments: Python source text, parsed by the simulator's own function reader. */
const FUNCTION_ARGS = new Set(['lr_lambda', 'scale_fn']);

function kindOf(def: ArgDef): FieldKind {
  if (FUNCTION_ARGS.has(def.name)) return 'function';
  return def.type;
}

/** A value as field text: numbers short, lists "a, b", None, {step: scale} pairs "100: 0.5". */
export function fieldText(kind: FieldKind, value: unknown): string {
  if (value === undefined) return '';
  if (kind === 'function') return value === '' ? 'None' : String(value);
  if (kind === 'scales')
    return scalePairs(value)
      .map(([b, s]) => `${b}: ${formatNumber(s)}`)
      .join(', ');
  if (value === null) return 'None';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? formatNumber(v) : String(v))).join(', ');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** optax's boundaries_and_scales as [step, scale] pairs, from pairs or an object. */
function scalePairs(value: unknown): [number, number][] {
  if (Array.isArray(value)) return value.filter((p): p is [number, number] => Array.isArray(p) && p.length === 2).map(([b, s]) => [Number(b), Number(s)]);
  if (value && typeof value === 'object') return Object.entries(value).map(([b, s]) => [Number(b), Number(s)]);
  return [];
}

function fieldsOf(spec: ScheduleSpec, signature: ScheduleSignature): ScheduleField[] {
  const fields: ScheduleField[] = signature.defs.map((def) => {
    const given = spec[def.name];
    const kind = kindOf(def);
    const value = given === undefined ? def.default : given;
    return {
      name: def.name,
      kind,
      value,
      isDefault: given === undefined,
      required: def.default === undefined,
      integer: def.integer === true,
      text: fieldText(kind, value),
    };
  });
  if (signature.nested.includes('boundaries_and_scales')) {
    const given = spec.boundaries_and_scales;
    fields.push({
      name: 'boundaries_and_scales',
      kind: 'scales',
      value: given ?? [],
      isDefault: given === undefined,
      required: false,
      integer: false,
      text: fieldText('scales', given ?? []),
    });
  }
  return fields;
}

const IGNORED_KEYS = new Set(['name', 'last_epoch', 'verbose']);

/** The form of a schedule: its fields, read-only extras, and a composite's children. */
export function scheduleView(spec: ScheduleSpec): ScheduleView {
  const signature = scheduleSignature(spec.name);
  const id = scheduleId(spec);
  if (!signature) return { id, fields: [], extra: Object.entries(spec).filter(([k]) => !IGNORED_KEYS.has(k)) };
  const fields = fieldsOf(spec, signature);
  const known = new Set([...fields.map((f) => f.name), ...signature.nested]);
  const extra = Object.entries(spec).filter(([k]) => !IGNORED_KEYS.has(k) && !known.has(k));
  const view: ScheduleView = { id, signature, fields, extra };
  const composite = COMPOSITES[signature.name];
  if (composite) {
    const list = Array.isArray(spec[composite.children]) ? (spec[composite.children] as unknown[]) : [];
    const points = composite.points ? (Array.isArray(spec[composite.points]) ? (spec[composite.points] as unknown[]) : []) : undefined;
    const children = list.map((child, index): ChildView => {
      const ok =
        child !== null &&
        typeof child === 'object' &&
        !Array.isArray(child) &&
        scheduleSignature((child as ScheduleSpec).name) !== undefined &&
        !NOT_A_CHILD.has(scheduleId(child as ScheduleSpec));
      return { index, view: ok ? scheduleView(child as ScheduleSpec) : undefined, summary: summarize(child), when: whenText(points, index, list.length) };
    });
    view.composite = {
      key: composite.children,
      points: composite.points,
      children,
      choices: childChoices(signature.name),
      explain:
        signature.name === 'ChainedScheduler'
          ? 'Every scheduler steps at every step, in this order, each multiplying the lr the one before it left.'
          : signature.name === 'SequentialLR'
            ? 'One scheduler at a time: each milestone hands the lr over to the next one, which restarts its own count there.'
            : 'One schedule at a time: from each boundary on, the next schedule runs on the count minus that boundary.',
    };
  }
  return view;
}

function whenText(points: unknown[] | undefined, i: number, count: number): string {
  if (!points) return 'every step';
  const at = (k: number) => (typeof points[k] === 'number' ? String(points[k]) : '?');
  if (count === 1) return 'every step';
  if (i === 0) return `steps 0 to ${typeof points[0] === 'number' ? points[0] - 1 : '?'}`;
  if (i === count - 1) return `from step ${at(i - 1)}`;
  return `steps ${at(i - 1)} to ${typeof points[i] === 'number' ? points[i] - 1 : '?'}`;
}

/** A one-line description of a schedule spec: `LinearLR(start_factor=0.1, total_iters=20)`. */
export function summarize(spec: unknown): string {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return JSON.stringify(spec) ?? String(spec);
  const { name, ...args } = spec as Record<string, unknown>;
  const text = (v: unknown): string =>
    typeof v === 'number' ? formatNumber(v) : Array.isArray(v) ? `[${v.map(text).join(', ')}]` : v && typeof v === 'object' ? summarize(v) : JSON.stringify(v);
  return `${String(name)}(${Object.entries(args)
    .map(([k, v]) => `${k}=${text(v)}`)
    .join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// Parsing field text
// ---------------------------------------------------------------------------------------------

export type Parsed = { value: unknown } | { reset: true } | { error: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function number(text: string, field: Pick<ScheduleField, 'integer' | 'name'>): number | { error: string } {
  const t = text.trim();
  if (!NUMBER.test(t)) return { error: `“${text.trim()}” is not a number.` };
  const v = Number(t);
  if (field.integer && !Number.isInteger(v)) return { error: `${field.name} must be a whole number, not ${t}.` };
  return v;
}

function numberList(text: string, field: Pick<ScheduleField, 'integer' | 'name'>): number[] | { error: string } {
  const inner = text.trim().replace(/^[[(]|[\])]$/g, '');
  const parts = inner.split(/[,\s]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const v = number(p, field);
    if (typeof v !== 'number') return v;
    out.push(v);
  }
  return out;
}

/**
 * A field's text as a value of its kind, `{reset}` for an empty field (back to the default), or
 * what is wrong. A function is checked by the simulator's own reader (parsed, then evaluated at
 * the first steps), so its errors are the ones a run would give.
 */
export function parseField(text: string, field: Pick<ScheduleField, 'kind' | 'integer' | 'name' | 'required'>, owner = 'schedule'): Parsed {
  const t = text.trim();
  if (t === '') {
    if (field.kind === 'numbers' || field.kind === 'scales') return { value: [] };
    return field.required ? { error: `${field.name} has no default: enter a value.` } : { reset: true };
  }
  switch (field.kind) {
    case 'number': {
      const v = number(t, field);
      return typeof v === 'number' ? { value: v } : v;
    }
    case 'number?': {
      if (/^(none|null)$/i.test(t)) return { value: null };
      const v = number(t, field);
      return typeof v === 'number' ? { value: v } : v;
    }
    case 'boolean':
      if (/^(true|1)$/i.test(t)) return { value: true };
      if (/^(false|0)$/i.test(t)) return { value: false };
      return { error: 'Enter True or False.' };
    case 'pair': {
      const v = numberList(t, field);
      if (!Array.isArray(v)) return v;
      return v.length === 2 ? { value: v } : { error: `Enter 2 numbers, e.g. 0.5, 1.2.` };
    }
    case 'numbers': {
      const v = numberList(t, field);
      return Array.isArray(v) ? { value: v } : v;
    }
    case 'string':
      return { value: t.replace(/^(['"])(.*)\1$/, '$2') };
    case 'function': {
      if (/^none$/i.test(t)) return field.required ? { error: `${field.name} must be a function such as lambda epoch: 0.95 ** epoch.` } : { value: '' };
      const problem = functionProblem(t, `${owner} ${field.name}`);
      return problem ? { error: problem } : { value: t };
    }
    case 'scales': {
      const pairs: [number, number][] = [];
      for (const part of t
        .replace(/^\{|\}$/g, '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^(\S+)\s*:\s*(\S+)$/.exec(part);
        const step = m ? number(m[1], { integer: true, name: 'a boundary' }) : undefined;
        const scale = m ? number(m[2], { integer: false, name: 'a scale' }) : undefined;
        if (typeof step !== 'number' || typeof scale !== 'number') return { error: `Write step: scale pairs, e.g. 100: 0.5, 200: 0.5 (“${part}”).` };
        pairs.push([step, scale]);
      }
      return { value: pairs };
    }
  }
}

/** What is wrong with a Python learning-rate function (lambda or def), as the simulator reads it; undefined when it runs. */
export function functionProblem(source: string, owner: string): string | undefined {
  try {
    const fn = compilePyFunction(source, owner);
    // Free names are found when it is read; a division by zero or a bad call only when it runs.
    for (const k of [0, 1, 2]) fn(k);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Edits (each returns a new schedule; `path` [] is the schedule, [i] its child i)
// ---------------------------------------------------------------------------------------------

function childKey(spec: ScheduleSpec): 'schedulers' | 'schedules' | undefined {
  return COMPOSITES[scheduleId(spec)]?.children;
}

function atPath(spec: ScheduleSpec, path: readonly number[], edit: (s: ScheduleSpec) => ScheduleSpec): ScheduleSpec {
  if (path.length === 0) return edit(spec);
  const key = childKey(spec);
  const list = key && Array.isArray(spec[key]) ? (spec[key] as ScheduleSpec[]) : [];
  if (!key || path[0] < 0 || path[0] >= list.length) return spec;
  return { ...spec, [key]: list.map((c, i) => (i === path[0] ? atPath(c, path.slice(1), edit) : c)) };
}

/** Set one argument (undefined: back to the library default) of the schedule at `path`. */
export function withScheduleArg(spec: ScheduleSpec, path: readonly number[], name: string, value: unknown): ScheduleSpec {
  return atPath(spec, path, (s) => {
    const next: ScheduleSpec = { ...s };
    if (value === undefined) delete next[name];
    else next[name] = value;
    return next;
  });
}

/** Replace a composite's child `i` by another schedule with its starting arguments. */
export function withChild(spec: ScheduleSpec, i: number, id: string, lr = 0.01): ScheduleSpec {
  const child = scheduleFor(id, lr);
  const key = childKey(spec);
  if (!child || !key || !Array.isArray(spec[key])) return spec;
  return { ...spec, [key]: (spec[key] as unknown[]).map((c, k) => (k === i ? child : c)) };
}

/** A composite's switch points (milestones, boundaries) after an edit of its children. */
function pointsKey(spec: ScheduleSpec): 'milestones' | 'boundaries' | undefined {
  return COMPOSITES[scheduleId(spec)]?.points;
}

/** Append a child (a constant one: ExponentialLR(gamma=1) or optax.constant_schedule(lr)), with a switch point 50 steps after the last. */
export function addChild(spec: ScheduleSpec, lr = 0.01): ScheduleSpec {
  const key = childKey(spec);
  if (!key) return spec;
  const list = Array.isArray(spec[key]) ? (spec[key] as unknown[]) : [];
  const child = key === 'schedules' ? { name: 'optax.constant_schedule', value: lr } : { name: 'ExponentialLR', gamma: 0.99 };
  const next: ScheduleSpec = { ...spec, [key]: [...list, child] };
  const pk = pointsKey(spec);
  if (pk && list.length > 0) {
    const points = Array.isArray(spec[pk]) ? (spec[pk] as number[]).filter((p) => typeof p === 'number') : [];
    next[pk] = [...points, (points.length ? Math.max(...points) : 0) + 50];
  }
  return next;
}

/** Remove child `i` and the switch point that started it (the first child's end, for child 0). */
export function removeChild(spec: ScheduleSpec, i: number): ScheduleSpec {
  const key = childKey(spec);
  if (!key || !Array.isArray(spec[key])) return spec;
  const list = spec[key] as unknown[];
  if (list.length <= 1) return spec;
  const next: ScheduleSpec = { ...spec, [key]: list.filter((_c, k) => k !== i) };
  const pk = pointsKey(spec);
  if (pk && Array.isArray(spec[pk])) {
    const drop = Math.max(0, i - 1);
    next[pk] = (spec[pk] as unknown[]).filter((_p, k) => k !== drop);
  }
  return next;
}

/**
 * What the simulator says about this schedule on an optimizer with learning rate `lr` (and a
 * momentum or β₁ to cycle, or not) over `steps` steps; undefined when it runs.
 */
export function scheduleProblem(spec: ScheduleSpec | null | undefined, lr: number, steps: number, momentum: boolean): string | undefined {
  if (!spec) return undefined;
  try {
    scheduleValues(spec, lr, steps, momentum);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
