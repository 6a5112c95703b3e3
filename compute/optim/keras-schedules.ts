/**
 * Keras learning-rate schedules (keras/src/optimizers/schedules/learning_rate_schedule.py,
 * Keras 3), as Keras computes them: a schedule is a function of the optimizer's iteration count,
 * and update k (0-based) uses schedule(k); the optimizer's own learning_rate is the schedule.
 * Keras evaluates them in the dtype of initial_learning_rate (usually float32); these are
 * float64. The formulas, written from Keras' `__call__` code:
 *
 * - ExponentialDecay: init·rate^p, p = k/decay_steps (floored with staircase).
 * - PiecewiseConstantDecay: values[0] while k ≤ boundaries[0], values[i] while
 *   boundaries[i−1] < k ≤ boundaries[i], values[−1] once k > boundaries[−1].
 * - PolynomialDecay: (init − end)·(1 − k/D)^power + end with k = min(k, D); with cycle, D is
 *   replaced by D·ceil(k/D) (1 at k = 0).
 * - InverseTimeDecay: init/(1 + rate·p), p = k/decay_steps (floored with staircase).
 * - CosineDecay: without warmup_target, init·((1 − α)·½(1 + cos(π·min(k, D)/D)) + α); with it,
 *   a linear warm-up (target − init)·k/W + init while k < W, then the same cosine from target
 *   over D steps (k clipped at D + W).
 * - CosineDecayRestarts (SGDR): fraction f = k/first_decay_steps; restart i = ⌊f⌋ (t_mul = 1) or
 *   ⌊log(1 − f(1 − t_mul))/log(t_mul)⌋, f becomes the fraction into that period; value
 *   init·((1 − α)·½·m_mul^i·(1 + cos(πf)) + α).
 */
import { fail } from '../errors';
import { bool, num, readArgs, type ArgDef, type ArgValue } from './hyper';
import type { ScheduleSpec, StepSizeFamily } from './types';

type Fn = (step: number) => number;

interface Def {
  owner: string;
  defs: ArgDef[];
  make(a: Record<string, ArgValue>): Fn;
  family(a: Record<string, ArgValue>, fn: Fn): StepSizeFamily | undefined;
}

const n = (name: string, dflt?: number): ArgDef => ({ name, type: 'number', default: dflt });
const maybe = (name: string): ArgDef => ({ name, type: 'number?', default: null });
const positiveSteps = (name: string): ArgDef => ({
  name,
  type: 'number',
  check: (v: number) => (v > 0 ? undefined : `Argument \`${name}\` must be > 0. Received: ${name}=${v}`),
});
const flag = (name: string): ArgDef => ({ name, type: 'boolean', default: false });
const label: ArgDef = { name: 'name', type: 'string', default: '' };

const DEFS: Record<string, Def> = {
  exponentialdecay: {
    owner: 'keras.ExponentialDecay',
    defs: [n('initial_learning_rate'), positiveSteps('decay_steps'), n('decay_rate'), flag('staircase'), label],
    make: (a) => (k) => {
      let p = k / num(a, 'decay_steps');
      if (bool(a, 'staircase')) p = Math.floor(p);
      return num(a, 'initial_learning_rate') * num(a, 'decay_rate') ** p;
    },
    family: (a) => ({ family: 'geometric', a: num(a, 'initial_learning_rate'), gamma: num(a, 'decay_rate') ** (1 / num(a, 'decay_steps')) }),
  },
  piecewiseconstantdecay: {
    owner: 'keras.PiecewiseConstantDecay',
    defs: [{ name: 'boundaries', type: 'numbers' }, { name: 'values', type: 'numbers' }, label],
    make: (a) => {
      const b = a.boundaries as number[];
      const v = a.values as number[];
      if (b.length !== v.length - 1)
        fail(
          `keras.PiecewiseConstantDecay: The length of boundaries should be 1 less than the length of values. Received: boundaries=${JSON.stringify(b)} of length ${b.length}, and values=${JSON.stringify(v)} of length ${v.length}.`,
          'values',
        );
      if (b.length === 0) fail('keras.PiecewiseConstantDecay needs at least one boundary.', 'boundaries');
      return (k) => {
        if (k <= b[0]) return v[0];
        for (let i = 1; i < b.length; i++) if (k > b[i - 1] && k <= b[i]) return v[i];
        return v[v.length - 1];
      };
    },
    family: (a) => ({ family: 'constant', a: (a.values as number[]).at(-1)! }),
  },
  polynomialdecay: {
    owner: 'keras.PolynomialDecay',
    defs: [n('initial_learning_rate'), positiveSteps('decay_steps'), n('end_learning_rate', 0.0001), n('power', 1), flag('cycle'), label],
    make: (a) => (k) => {
      const init = num(a, 'initial_learning_rate');
      const end = num(a, 'end_learning_rate');
      let D = num(a, 'decay_steps');
      let step = k;
      if (bool(a, 'cycle')) D = D * (step === 0 ? 1 : Math.ceil(step / D));
      else step = Math.min(step, D);
      return (init - end) * (1 - step / D) ** num(a, 'power') + end;
    },
    family: (a) =>
      bool(a, 'cycle') ? undefined : { family: 'eventually', a: num(a, 'end_learning_rate'), after: num(a, 'decay_steps'), what: 'Keras PolynomialDecay' },
  },
  inversetimedecay: {
    owner: 'keras.InverseTimeDecay',
    defs: [n('initial_learning_rate'), positiveSteps('decay_steps'), n('decay_rate'), flag('staircase'), label],
    make: (a) => (k) => {
      let p = k / num(a, 'decay_steps');
      if (bool(a, 'staircase')) p = Math.floor(p);
      return num(a, 'initial_learning_rate') / (1 + num(a, 'decay_rate') * p);
    },
    // init/(1 + r·k/D) = (init·D/r)/(k + D/r): the power family with p = 1.
    family: (a) =>
      num(a, 'decay_rate') > 0
        ? {
            family: 'power',
            a: (num(a, 'initial_learning_rate') * num(a, 'decay_steps')) / num(a, 'decay_rate'),
            b: num(a, 'decay_steps') / num(a, 'decay_rate'),
            p: 1,
          }
        : { family: 'constant', a: num(a, 'initial_learning_rate') },
  },
  cosinedecay: {
    owner: 'keras.CosineDecay',
    defs: [n('initial_learning_rate'), positiveSteps('decay_steps'), n('alpha', 0), label, maybe('warmup_target'), n('warmup_steps', 0)],
    make: (a) => {
      const init = num(a, 'initial_learning_rate');
      const D = num(a, 'decay_steps');
      const alpha = num(a, 'alpha');
      const decay = (step: number, from: number) => from * ((1 - alpha) * (0.5 * (1 + Math.cos(Math.PI * (step / D)))) + alpha);
      const target = a.warmup_target as number | null;
      if (target === null) return (k) => decay(Math.min(k, D), init);
      const W = num(a, 'warmup_steps');
      return (k) => {
        const step = Math.min(k, D + W);
        return step < W ? (target - init) * (step / W) + init : decay(step - W, target);
      };
    },
    family: (a, fn) => ({
      family: 'eventually',
      a: fn(num(a, 'decay_steps') + num(a, 'warmup_steps')),
      after: num(a, 'decay_steps') + num(a, 'warmup_steps'),
      what: 'Keras CosineDecay',
    }),
  },
  cosinedecayrestarts: {
    owner: 'keras.CosineDecayRestarts',
    defs: [n('initial_learning_rate'), positiveSteps('first_decay_steps'), n('t_mul', 2), n('m_mul', 1), n('alpha', 0), label],
    make: (a) => {
      const init = num(a, 'initial_learning_rate');
      const first = num(a, 'first_decay_steps');
      const tMul = num(a, 't_mul');
      const mMul = num(a, 'm_mul');
      const alpha = num(a, 'alpha');
      return (k) => {
        let f = k / first;
        let i: number;
        if (tMul === 1) {
          i = Math.floor(f);
          f -= i;
        } else {
          i = Math.floor(Math.log(1 - f * (1 - tMul)) / Math.log(tMul));
          const sum = (1 - tMul ** i) / (1 - tMul);
          f = (f - sum) / tMul ** i;
        }
        const cosine = 0.5 * mMul ** i * (1 + Math.cos(Math.PI * f));
        return init * ((1 - alpha) * cosine + alpha);
      };
    },
    family: (a) =>
      num(a, 'm_mul') === 1
        ? {
            family: 'periodic',
            mean: (num(a, 'initial_learning_rate') * (1 + num(a, 'alpha'))) / 2,
            what: 'Keras CosineDecayRestarts restarts from the initial rate',
          }
        : undefined,
  },
};

/** Names accepted: `keras.ExponentialDecay`, `keras.optimizers.schedules.ExponentialDecay`, `tf.keras.…`. */
export const KERAS_SCHEDULE_NAMES = Object.values(DEFS).map((d) => d.owner);

/** A Keras schedule's arguments by table key (without its `name` label, which the spec's name would shadow). */
export function kerasScheduleSignature(key: string): { owner: string; defs: readonly ArgDef[] } | undefined {
  if (!Object.hasOwn(DEFS, key)) return undefined;
  return { owner: DEFS[key].owner, defs: DEFS[key].defs.filter((d) => d !== label) };
}

export function kerasScheduleKey(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const m = /^(?:tf\.|tensorflow\.)?keras\.(?:optimizers\.schedules\.)?(\w+)$/.exec(name.trim());
  if (!m) return undefined;
  const key = m[1].toLowerCase();
  return Object.hasOwn(DEFS, key) ? key : undefined;
}

export function kerasSchedule(spec: ScheduleSpec): {
  fn: Fn;
  owner: string;
  arguments: Record<string, ArgValue>;
  defaultsUsed: string[];
  family?: StepSizeFamily;
} {
  const key = kerasScheduleKey(spec?.name);
  if (!key) fail(`Unknown Keras schedule "${String(spec?.name)}"; use one of ${KERAS_SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  const def = DEFS[key];
  const raw = Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'name'));
  const { values, defaultsUsed } = readArgs(def.owner, def.defs, raw);
  const fn = def.make(values);
  return { fn, owner: def.owner, arguments: values, defaultsUsed: defaultsUsed.filter((d) => d !== 'name'), family: def.family(values, fn) };
}
