/**
 * Checks an optimizer request's shape on receipt (shared/protocol.ts: showLab, applyToCode, saved
 * state): what the optimizer lab's form reads must be there with the right types and within
 * bounds, so a malformed message is dropped instead of half-drawn. The compute module still
 * validates every value when it runs the request (ranges, names, a schedule's arguments).
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bounds: 16 optimizers (MAX_RUNS), 16 children of a composite (as the simulator allows), Python functions up to 20,000 characters (py-function.ts). */
const MAX_OPTIMIZERS = 16;
const MAX_CHILDREN = 16;
const MAX_ARGS = 64;
const MAX_LIST = 10_000;
const MAX_TEXT = 20_000;
const MAX_NAME = 200;

const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;

/** A plain argument value: a number, true/false, None, a string (an lr_lambda's source), a list of numbers (milestones, betas). */
function isArgValue(v: unknown): boolean {
  if (v === null || typeof v === 'boolean' || isFinite(v)) return true;
  if (typeof v === 'string') return v.length <= MAX_TEXT;
  return Array.isArray(v) && v.length <= MAX_LIST && v.every(isFinite);
}

/** optax's boundaries_and_scales: [[step, scale], …] (how the recognizer writes a dict) or {step: scale}. */
function isScales(v: unknown): boolean {
  if (Array.isArray(v)) return v.length <= MAX_LIST && v.every((p) => Array.isArray(p) && p.length === 2 && isFinite(p[0]) && isFinite(p[1]));
  return isObject(v) && Object.keys(v).length <= MAX_LIST && Object.entries(v).every(([k, s]) => /^-?\d+$/.test(k) && isFinite(s));
}

/**
 * A schedule: `{name, ...arguments}` where the arguments are plain values, except a composite's
 * children (`schedulers` of SequentialLR/ChainedScheduler, `schedules` of optax.join_schedules:
 * schedules themselves, one level deep) and optax's `boundaries_and_scales`.
 */
export function isScheduleSpec(v: unknown, depth = 0): boolean {
  if (!isObject(v) || !isName(v.name)) return false;
  const entries = Object.entries(v);
  if (entries.length > MAX_ARGS) return false;
  return entries.every(([k, x]) => {
    if (k === 'name') return true;
    if (k === 'schedulers' || k === 'schedules')
      return depth === 0 && Array.isArray(x) && x.length <= MAX_CHILDREN && x.every((c) => isScheduleSpec(c, depth + 1));
    if (k === 'boundaries_and_scales') return isScales(x);
    return isArgValue(x);
  });
}

/** An optimizer as the lab reads it: a name, optionally a framework, hyperparameters (plain values), defaultsUsed and its own schedule. */
export function isOptimizerSpecShape(v: unknown): boolean {
  if (!isObject(v) || !isName(v.name)) return false;
  if (v.framework !== undefined && v.framework !== null && !isName(v.framework)) return false;
  const hyper = v.hyperparameters;
  if (hyper !== undefined && !(isObject(hyper) && Object.keys(hyper).length <= MAX_ARGS && Object.values(hyper).every(isArgValue))) return false;
  if (
    v.defaultsUsed !== undefined &&
    !(Array.isArray(v.defaultsUsed) && v.defaultsUsed.length <= MAX_ARGS && v.defaultsUsed.every((s) => typeof s === 'string'))
  )
    return false;
  if (v.schedule !== undefined && v.schedule !== null && !isScheduleSpec(v.schedule)) return false;
  return v.label === undefined || typeof v.label === 'string';
}

/** An optimizer request: `optimizer` or `optimizers` (up to 16), an objective, and a schedule when there is one. */
export function isOptimizerRequestShape(v: unknown): boolean {
  if (!isObject(v) || v.kind !== 'optimizer' || !isObject(v.objective)) return false;
  const one = v.optimizer;
  const many = v.optimizers;
  if (one === undefined && many === undefined) return false;
  if (one !== undefined && !isOptimizerSpecShape(one)) return false;
  if (many !== undefined && !(Array.isArray(many) && many.length <= MAX_OPTIMIZERS && many.every(isOptimizerSpecShape))) return false;
  if (v.schedule !== undefined && v.schedule !== null && !isScheduleSpec(v.schedule)) return false;
  return v.steps === undefined || (Number.isInteger(v.steps) && (v.steps as number) >= 0);
}
