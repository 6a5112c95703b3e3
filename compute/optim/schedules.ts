/**
 * PyTorch's learning-rate schedulers (torch/optim/lr_scheduler.py, 1.13) with their per-step
 * semantics: the scheduler is built on the optimizer (which runs its first `step()`, so
 * last_epoch = 0), and `scheduler.step()` is called once after every `optimizer.step()`. The lr
 * used at optimizer step k is therefore the scheduler's value at last_epoch = k. Values come
 * from the same recursive ("chainable") formulas PyTorch uses, not the closed forms, so they
 * match PyTorch's floats.
 */
import { fail } from '../errors';
import { bool, num, readArgs, type ArgDef, type ArgValue } from './hyper';
import { kerasSchedule, kerasScheduleKey, kerasScheduleSignature, KERAS_SCHEDULE_NAMES } from './keras-schedules';
import { oneCycle } from './one-cycle';
import { TORCH_SCHEDULE_NAMES, torchScheduleKey, torchScheduleRun, torchScheduleSignature } from './torch-schedulers';
import type { ScheduleSpec, ScheduleValues, StepSizeFamily } from './types';

export type { ScheduleValues } from './types';

/** Scheduler names accepted (PyTorch class names; case and underscores ignored). */
export const SCHEDULE_NAMES = TORCH_SCHEDULE_NAMES;

export type ScheduleLibrary = 'pytorch' | 'keras' | 'optax';

/** What a schedule takes, as the simulator reads it: for forms that edit a schedule. */
export interface ScheduleSignature {
  /** The name as requests spell it: `StepLR`, `keras.CosineDecay`, `optax.linear_schedule`. */
  name: string;
  library: ScheduleLibrary;
  /** Plain arguments (names, types, defaults, checks) in the library's order. */
  defs: readonly ArgDef[];
  /** Arguments that are not plain values: `schedulers`/`schedules` (child schedules of the same library), `boundaries_and_scales` ({step: scale}). */
  nested: readonly string[];
  /** PyTorch schedulers give a factor on the optimizer's lr; Keras and optax schedules give the lr itself. */
  absolute: boolean;
}

/** The signature of a schedule by any accepted spelling of its name, or undefined. */
export function scheduleSignature(name: unknown): ScheduleSignature | undefined {
  const optax = optaxScheduleKey(name);
  if (optax) return { ...optaxScheduleSignature(optax)!, library: 'optax', absolute: true, name: OPTAX_SCHEDULES[optax].owner };
  const keras = kerasScheduleKey(name);
  if (keras) {
    const k = kerasScheduleSignature(keras)!;
    return { name: k.owner, library: 'keras', defs: k.defs, nested: [], absolute: true };
  }
  const torch = typeof name === 'string' ? torchScheduleKey(name) : undefined;
  if (!torch) return undefined;
  const t = torchScheduleSignature(torch)!;
  return { name: t.owner, library: 'pytorch', defs: t.defs, nested: t.nested, absolute: false };
}

/** Every schedule the simulator runs, PyTorch's first, then Keras', then optax's. */
export function scheduleSignatures(): ScheduleSignature[] {
  return [...TORCH_SCHEDULE_NAMES, ...KERAS_SCHEDULE_NAMES, ...OPTAX_SCHEDULE_NAMES].map((n) => scheduleSignature(n)!);
}

export function scheduleKey(name: unknown): string {
  const optax = optaxScheduleKey(name);
  if (optax) return `optax${optax}`;
  const keras = kerasScheduleKey(name);
  if (keras) return `keras${keras}`;
  if (typeof name !== 'string') fail(`A schedule needs a "name": one of ${SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  const resolved = torchScheduleKey(name);
  if (!resolved)
    fail(
      `Unknown schedule "${name}"; use one of ${SCHEDULE_NAMES.join(', ')} (or an optax schedule: ${OPTAX_SCHEDULE_NAMES.join(', ')}; or a Keras one: ${KERAS_SCHEDULE_NAMES.join(', ')}).`,
      'schedule.name',
    );
  return resolved;
}

/** The schedule's own arguments (everything but `name`; `last_epoch` −1 and `verbose` are accepted and ignored). */
export function scheduleArgs(spec: ScheduleSpec): Record<string, unknown> {
  if (spec.last_epoch !== undefined && spec.last_epoch !== -1) fail('Only last_epoch = -1 (a fresh schedule) can be simulated.', 'schedule.last_epoch');
  return Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'name' && k !== 'last_epoch' && k !== 'verbose'));
}

/**
 * The lr (and OneCycleLR's or CyclicLR's momentum) for `steps` optimizer steps, from the
 * optimizer's lr. `momentum` says whether the optimizer has a momentum-like hyperparameter.
 */
export function scheduleValues(spec: ScheduleSpec | null | undefined, baseLr: number, steps: number, momentum: boolean): ScheduleValues {
  if (!spec) return { name: 'constant', arguments: {}, defaultsUsed: [], lr: new Float64Array(steps).fill(baseLr), notes: [] };
  if (typeof spec !== 'object') fail('A schedule must be an object such as {"name": "StepLR", "step_size": 30, "gamma": 0.1}.', 'schedule');
  const key = scheduleKey(spec.name);
  if (key.startsWith('optax')) return optaxScheduleValues(spec, steps);
  if (key.startsWith('keras')) {
    const k = kerasSchedule(spec);
    const lr = new Float64Array(steps);
    for (let i = 0; i < steps; i++) lr[i] = k.fn(i);
    return {
      name: k.owner,
      arguments: k.arguments,
      defaultsUsed: k.defaultsUsed,
      lr,
      notes: [
        `${k.owner} gives the learning rate itself at each iteration (update k uses schedule(k)), as Keras computes it (here in float64); the optimizer's learning_rate is the schedule.`,
      ],
    };
  }
  if (key === 'onecyclelr') return oneCycle(scheduleArgs(spec), steps, momentum);
  scheduleArgs(spec);
  const run = torchScheduleRun(spec, baseLr, steps, momentum);
  return {
    name: run.owner,
    arguments: run.arguments,
    defaultsUsed: run.defaultsUsed,
    lr: run.lr,
    ...(run.momentum ? { momentum: run.momentum } : {}),
    notes: run.notes,
  };
}

// ---------------------------------------------------------------------------------------------
// optax schedules (optax/schedules/_schedule.py and _join.py, google-deepmind/optax main; the
// same formulas as optax/_src/schedule.py in optax 0.1.x). An optax schedule maps the update
// count to an absolute value: optimizer step k (0-based) uses schedule(k), and the optimizer's
// own learning rate is not involved. optax evaluates in float32 under jit; these are float64.
// ---------------------------------------------------------------------------------------------

type OptaxFn = (count: number) => number;

interface OptaxScheduleDef {
  owner: string;
  defs: ArgDef[];
  make(a: Record<string, ArgValue>, raw: Record<string, unknown>): OptaxFn;
}

const anyNumber = (name: string, dflt?: number): ArgDef => ({ name, type: 'number', default: dflt });
const int = (name: string, dflt?: number): ArgDef => ({ name, type: 'number', integer: true, default: dflt });

/** polynomial_schedule: constant init when transition_steps ≤ 0; count = clip(count − begin, 0, T); (I − E)(1 − count/T)^P + E. */
function polynomial(init: number, end: number, power: number, steps: number, begin: number): OptaxFn {
  if (steps <= 0) return () => init;
  const b = Math.max(begin, 0);
  return (count) => {
    const c = Math.min(Math.max(count - b, 0), steps);
    return (init - end) * (1 - c / steps) ** power + end;
  };
}

/** cosine_decay_schedule: count = min(count, T); init·((1 − α)·(½(1 + cos(πcount/T)))^p + α); T must be > 0. */
function cosineDecay(init: number, steps: number, alpha: number, exponent: number, owner = 'optax.cosine_decay_schedule'): OptaxFn {
  if (!(steps > 0)) fail(`${owner}: the cosine_decay_schedule requires positive decay_steps, got decay_steps=${steps}.`, 'decay_steps');
  return (count) => {
    const c = Math.min(count, steps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * c) / steps));
    return init * ((1 - alpha) * cosine ** exponent + alpha);
  };
}

/** exponential_decay: init·rate^((count − begin)/T) (floored with staircase) once count > begin, clipped at end_value. */
function exponentialDecay(init: number, steps: number, rate: number, begin: number, staircase: boolean, end: number | null): OptaxFn {
  if (steps <= 0 || rate === 0) return () => init;
  const b = Math.max(begin, 0);
  return (count) => {
    const d = count - b;
    let p = d / steps;
    if (staircase) p = Math.floor(p);
    let v = d <= 0 ? init : init * rate ** p;
    if (end !== null) v = rate < 1 ? Math.max(v, end) : Math.min(v, end);
    return v;
  };
}

/** exponential_decay's arguments after its start value, which warmup_exponential_decay_schedule takes too. */
const exponentialDefs: ArgDef[] = [
  int('transition_steps'),
  anyNumber('decay_rate'),
  int('transition_begin', 0),
  { name: 'staircase', type: 'boolean', default: false },
  { name: 'end_value', type: 'number?', default: null },
];

/** exponential_decay from `init`, with the rest of its arguments (exponentialDefs) read from `a`. */
const exponentialFrom = (init: number, a: Record<string, ArgValue>): OptaxFn =>
  exponentialDecay(init, num(a, 'transition_steps'), num(a, 'decay_rate'), num(a, 'transition_begin'), bool(a, 'staircase'), a.end_value as number | null);

/** join_schedules: schedules[0](step), replaced by schedules[i](step − boundaries[i−1]) once step ≥ that boundary. */
function join(fns: OptaxFn[], boundaries: number[]): OptaxFn {
  return (step) => {
    let out = fns[0](step);
    boundaries.forEach((b, i) => {
      if (i + 1 < fns.length && step >= b) out = fns[i + 1](step - b);
    });
    return out;
  };
}

/** piecewise_interpolate_schedule: values = cumprod(init, scales...) at bounds (0, b...), interpolated linearly or by cosine between them. */
function piecewiseInterpolate(kind: 'linear' | 'cosine', init: number, pairs: [number, number][]): OptaxFn {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const bounds = [0, ...sorted.map(([b]) => b)];
  const values = [init];
  for (const [, s] of sorted) values.push(values[values.length - 1] * s);
  const interp =
    kind === 'linear'
      ? (a: number, b: number, t: number) => (b - a) * t + a
      : (a: number, b: number, t: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * t) + 1);
  return (count) => {
    let out = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      if (bounds[i] <= count && count < bounds[i + 1]) out += interp(values[i], values[i + 1], (count - bounds[i]) / Math.max(bounds[i + 1] - bounds[i], 1));
    }
    if (bounds[bounds.length - 1] <= count) out += values[values.length - 1];
    return out;
  };
}

/** {step: scale} as a JSON object, or [[step, scale], ...] (how the recognizer writes a Python dict). */
function boundaryPairs(owner: string, raw: unknown): [number, number][] {
  if (raw === undefined || raw === null) return [];
  const entries: [unknown, unknown][] = Array.isArray(raw)
    ? raw.map((p) => (Array.isArray(p) && p.length === 2 ? [p[0], p[1]] : [NaN, NaN]))
    : typeof raw === 'object'
      ? Object.entries(raw as object)
      : [[NaN, NaN]];
  return entries.map(([b, s]) => {
    const step = Number(b);
    if (!Number.isInteger(step) || typeof s !== 'number' || !Number.isFinite(s))
      fail(
        `${owner}: boundaries_and_scales must map integer steps to numbers, such as {100: 0.1, 200: 0.1}; got ${JSON.stringify(raw)}.`,
        'boundaries_and_scales',
      );
    return [step, s];
  });
}

const OPTAX_SCHEDULES: Record<string, OptaxScheduleDef> = {
  constantschedule: { owner: 'optax.constant_schedule', defs: [anyNumber('value')], make: (a) => () => num(a, 'value') },
  polynomialschedule: {
    owner: 'optax.polynomial_schedule',
    defs: [anyNumber('init_value'), anyNumber('end_value'), anyNumber('power'), int('transition_steps'), int('transition_begin', 0)],
    make: (a) => polynomial(num(a, 'init_value'), num(a, 'end_value'), num(a, 'power'), num(a, 'transition_steps'), num(a, 'transition_begin')),
  },
  linearschedule: {
    owner: 'optax.linear_schedule',
    defs: [anyNumber('init_value'), anyNumber('end_value'), int('transition_steps'), int('transition_begin', 0)],
    make: (a) => polynomial(num(a, 'init_value'), num(a, 'end_value'), 1, num(a, 'transition_steps'), num(a, 'transition_begin')),
  },
  warmupconstantschedule: {
    owner: 'optax.warmup_constant_schedule',
    defs: [anyNumber('init_value'), anyNumber('peak_value'), int('warmup_steps')],
    make: (a) => polynomial(num(a, 'init_value'), num(a, 'peak_value'), 1, num(a, 'warmup_steps'), 0),
  },
  piecewiseconstantschedule: {
    owner: 'optax.piecewise_constant_schedule',
    defs: [anyNumber('init_value')],
    make: (a, raw) => {
      const pairs = boundaryPairs('optax.piecewise_constant_schedule', raw.boundaries_and_scales).sort((x, y) => x[0] - y[0]);
      if (pairs.some(([, s]) => s < 0))
        fail('optax.piecewise_constant_schedule: `piecewise_constant_schedule` expects non-negative scale factors.', 'boundaries_and_scales');
      // indicator = max(0, sign(threshold − count)): the scale applies from count = threshold on.
      return (count) => pairs.reduce((v, [b, s]) => (count < b ? v : v * s), num(a, 'init_value'));
    },
  },
  exponentialdecay: {
    owner: 'optax.exponential_decay',
    defs: [anyNumber('init_value'), ...exponentialDefs],
    make: (a) => exponentialFrom(num(a, 'init_value'), a),
  },
  cosinedecayschedule: {
    owner: 'optax.cosine_decay_schedule',
    defs: [anyNumber('init_value'), int('decay_steps'), anyNumber('alpha', 0), anyNumber('exponent', 1)],
    make: (a) => cosineDecay(num(a, 'init_value'), num(a, 'decay_steps'), num(a, 'alpha'), num(a, 'exponent')),
  },
  warmupcosinedecayschedule: {
    owner: 'optax.warmup_cosine_decay_schedule',
    defs: [anyNumber('init_value'), anyNumber('peak_value'), int('warmup_steps'), int('decay_steps'), anyNumber('end_value', 0), anyNumber('exponent', 1)],
    make: (a) => {
      const peak = num(a, 'peak_value');
      const warmup = num(a, 'warmup_steps');
      const alpha = peak === 0 ? 0 : num(a, 'end_value') / peak;
      const cos = cosineDecay(
        peak,
        num(a, 'decay_steps') - warmup,
        alpha,
        num(a, 'exponent'),
        'optax.warmup_cosine_decay_schedule (decay_steps includes the warm-up, so decay_steps − warmup_steps must be > 0)',
      );
      return join([polynomial(num(a, 'init_value'), peak, 1, warmup, 0), cos], [warmup]);
    },
  },
  warmupexponentialdecayschedule: {
    owner: 'optax.warmup_exponential_decay_schedule',
    defs: [anyNumber('init_value'), anyNumber('peak_value'), int('warmup_steps'), ...exponentialDefs],
    make: (a) =>
      join(
        [polynomial(num(a, 'init_value'), num(a, 'peak_value'), 1, num(a, 'warmup_steps'), 0), exponentialFrom(num(a, 'peak_value'), a)],
        [num(a, 'warmup_steps')],
      ),
  },
  cosineonecycleschedule: {
    owner: 'optax.cosine_onecycle_schedule',
    defs: [int('transition_steps'), anyNumber('peak_value'), anyNumber('pct_start', 0.3), anyNumber('div_factor', 25), anyNumber('final_div_factor', 1e4)],
    make: (a) => {
      const T = num(a, 'transition_steps');
      if (T <= 0) fail('optax.cosine_onecycle_schedule: A cosine onecycle schedule was set with a non-positive `transition_steps`.', 'transition_steps');
      const div = num(a, 'div_factor');
      // A Python dict: a repeated key keeps the later scale.
      const m = new Map<number, number>([[Math.trunc(num(a, 'pct_start') * T), div]]);
      m.set(T, 1 / (div * num(a, 'final_div_factor')));
      return piecewiseInterpolate('cosine', num(a, 'peak_value') / div, [...m]);
    },
  },
  linearonecycleschedule: {
    owner: 'optax.linear_onecycle_schedule',
    defs: [
      int('transition_steps'),
      anyNumber('peak_value'),
      anyNumber('pct_start', 0.3),
      anyNumber('pct_final', 0.85),
      anyNumber('div_factor', 25),
      anyNumber('final_div_factor', 1e4),
    ],
    make: (a) => {
      const T = num(a, 'transition_steps');
      if (T <= 0) fail('optax.linear_onecycle_schedule: A linear onecycle schedule was set with a non-positive `transition_steps`.', 'transition_steps');
      const div = num(a, 'div_factor');
      const m = new Map<number, number>([[Math.trunc(num(a, 'pct_start') * T), div]]);
      m.set(Math.trunc(num(a, 'pct_final') * T), 1 / div);
      m.set(T, 1 / num(a, 'final_div_factor'));
      return piecewiseInterpolate('linear', num(a, 'peak_value') / div, [...m]);
    },
  },
  joinschedules: {
    owner: 'optax.join_schedules',
    defs: [{ name: 'boundaries', type: 'numbers' }],
    make: (a, raw) => {
      const list = raw.schedules;
      const boundaries = a.boundaries as number[];
      if (!Array.isArray(list) || list.length === 0)
        fail('optax.join_schedules needs "schedules": a list of optax schedules such as [{"name": "optax.linear_schedule", ...}, ...].', 'schedules');
      if (boundaries.length !== list.length - 1)
        fail(`optax.join_schedules: ${list.length} schedules need ${list.length - 1} boundaries, not ${boundaries.length}.`, 'boundaries');
      return join(
        list.map((s) => optaxSchedule(s as ScheduleSpec).fn),
        boundaries,
      );
    },
  },
};

/** Names of the optax schedules accepted (`optax.` + optax's function name). */
export const OPTAX_SCHEDULE_NAMES = Object.values(OPTAX_SCHEDULES).map((d) => d.owner);

/** The key of an optax schedule name (`optax.warmup_cosine_decay_schedule`, `optax.schedules.…`), or undefined. */
export function optaxScheduleKey(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const m = /^optax\.(?:schedules\.)?(\w+)$/.exec(name.trim());
  if (!m) return undefined;
  const key = m[1].toLowerCase().replace(/[^a-z]/g, '');
  return Object.hasOwn(OPTAX_SCHEDULES, key) ? key : undefined;
}

const NESTED_ARGS = ['schedules', 'boundaries_and_scales'];

/** An optax schedule's arguments by table key, and its one non-plain argument (if any). */
function optaxScheduleSignature(key: string): { owner: string; defs: readonly ArgDef[]; nested: readonly string[] } | undefined {
  if (!Object.hasOwn(OPTAX_SCHEDULES, key)) return undefined;
  const nested = key === 'joinschedules' ? ['schedules'] : key === 'piecewiseconstantschedule' ? ['boundaries_and_scales'] : [];
  return { owner: OPTAX_SCHEDULES[key].owner, defs: OPTAX_SCHEDULES[key].defs, nested };
}

/** An optax schedule as a function of the update count, with its arguments and the defaults used. */
export function optaxSchedule(spec: ScheduleSpec): { fn: OptaxFn; owner: string; arguments: Record<string, ArgValue>; defaultsUsed: string[] } {
  if (!spec || typeof spec !== 'object')
    fail(
      'An optax schedule must be an object such as {"name": "optax.linear_schedule", "init_value": 0, "end_value": 1e-3, "transition_steps": 100}.',
      'schedule',
    );
  const key = optaxScheduleKey(spec.name);
  if (!key) fail(`Unknown optax schedule "${String(spec.name)}"; use one of ${OPTAX_SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  const def = OPTAX_SCHEDULES[key];
  const raw = Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'name'));
  const plain = Object.fromEntries(Object.entries(raw).filter(([k]) => !NESTED_ARGS.includes(k)));
  const { values, defaultsUsed } = readArgs(def.owner, def.defs, plain);
  for (const k of NESTED_ARGS)
    if (raw[k] !== undefined && !(key === 'joinschedules' ? k === 'schedules' : key === 'piecewiseconstantschedule' && k === 'boundaries_and_scales'))
      fail(`${def.owner} has no argument "${k}".`, k);
  return { fn: def.make(values, raw), owner: def.owner, arguments: values, defaultsUsed };
}

function optaxScheduleValues(spec: ScheduleSpec, steps: number): ScheduleValues {
  const s = optaxSchedule(spec);
  const lr = new Float64Array(steps);
  for (let k = 0; k < steps; k++) lr[k] = s.fn(k);
  return {
    name: s.owner,
    arguments: s.arguments,
    defaultsUsed: s.defaultsUsed,
    lr,
    notes: [`${s.owner} gives the learning rate itself at each update count (step k uses schedule(k)); the optimizer's learning_rate is not used.`],
  };
}

/**
 * What an optax schedule does for ever (it keeps running past its last transition), for the
 * Robbins–Monro check: every optax schedule here ends constant except exponential decay with no
 * end_value, which stays geometric (ratio decay_rate^(1/transition_steps) per step).
 */
export function optaxStepSizeFamily(spec: ScheduleSpec): StepSizeFamily {
  const s = optaxSchedule(spec);
  const key = optaxScheduleKey(spec.name)!;
  const a = s.arguments;
  if (key === 'joinschedules') return optaxStepSizeFamily((spec.schedules as ScheduleSpec[]).at(-1)!);
  if (
    (key === 'exponentialdecay' || key === 'warmupexponentialdecayschedule') &&
    a.end_value === null &&
    num(a, 'transition_steps') > 0 &&
    num(a, 'decay_rate') !== 0
  ) {
    const start = key === 'exponentialdecay' ? num(a, 'init_value') : num(a, 'peak_value');
    return { family: 'geometric', a: start, gamma: num(a, 'decay_rate') ** (1 / num(a, 'transition_steps')) };
  }
  // Constant from some count on: evaluate far beyond every boundary the arguments mention.
  const far =
    1 +
    Object.values(a).reduce<number>((m, v) => m + (typeof v === 'number' ? Math.abs(v) : 0), 0) +
    boundaryPairs(s.owner, spec.boundaries_and_scales).reduce((m, [b]) => m + Math.abs(b), 0);
  return { family: 'constant', a: s.fn(Math.ceil(far)) };
}
