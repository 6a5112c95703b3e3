/**
 * PyTorch's learning-rate schedulers as PyTorch runs them (torch/optim/lr_scheduler.py, 1.13):
 * objects that share the optimizer's param group and rewrite its `lr` (and, for OneCycleLR and
 * CyclicLR, its momentum or β₁). Each is built on the group (recording `initial_lr` the first
 * time, then taking one step, so last_epoch = 0), and `step()` is called once after every
 * optimizer step: the lr used at optimizer step k is the group's lr after k scheduler steps.
 * Most schedulers are "chainable": they multiply the group's current lr, so several of them
 * (ChainedScheduler) or a hand-over between them (SequentialLR, which calls the next one's
 * step(0) and so its closed form) compose exactly as in PyTorch. This module reproduces that
 * machinery, not just each closed form, so the composites match PyTorch's floats
 * (test/fixtures/gen_optim.py).
 *
 * This file is the entry: the table of every scheduler, names and aliases, building one from a
 * spec (children first, for the composites) and running it. The machinery is in
 * torch-schedulers-core.ts, the schedulers in torch-schedulers-{decay,cyclic,compose}.ts.
 */
import { fail } from '../errors';
import { readArgs, type ArgDef } from './hyper';
import { ONE_CYCLE_DEFS, oneCycleSetup } from './one-cycle';
import { COMPOSE_DEFS } from './torch-schedulers-compose';
import { constructed, type BuildContext, type Def, type Group, type Steppable } from './torch-schedulers-core';
import { CYCLIC_DEFS, OneCycleLR } from './torch-schedulers-cyclic';
import { DECAY_DEFS } from './torch-schedulers-decay';
import type { ScheduleSpec } from './types';

const DEFS: Record<string, Def> = { ...DECAY_DEFS, ...CYCLIC_DEFS, ...COMPOSE_DEFS };

const ALIASES: Record<string, string> = {
  step: 'steplr',
  multistep: 'multisteplr',
  exponential: 'exponentiallr',
  exp: 'exponentiallr',
  cosine: 'cosineannealinglr',
  cosineannealing: 'cosineannealinglr',
  cos: 'cosineannealinglr',
  linear: 'linearlr',
  warmup: 'linearlr',
  constant: 'constantlr',
  onecycle: 'onecyclelr',
  lambda: 'lambdalr',
  multiplicative: 'multiplicativelr',
  polynomial: 'polynomiallr',
  cyclic: 'cycliclr',
  sequential: 'sequentiallr',
  chained: 'chainedscheduler',
  plateau: 'reducelronplateau',
  warmrestarts: 'cosineannealingwarmrestarts',
};

/** PyTorch scheduler class names accepted (case and underscores ignored). */
export const TORCH_SCHEDULE_NAMES = Object.values(DEFS).map((d) => d.owner);

/**
 * A PyTorch scheduler's arguments as the simulator reads them (names, types, defaults, checks),
 * and the arguments that are not plain values (`schedulers`, a list of child schedulers); by
 * table key (torchScheduleKey). For the lab's form.
 */
export function torchScheduleSignature(key: string): { owner: string; defs: readonly ArgDef[]; nested: readonly string[] } | undefined {
  if (!Object.hasOwn(DEFS, key)) return undefined;
  const def = DEFS[key];
  return { owner: def.owner, defs: key === 'onecyclelr' ? ONE_CYCLE_DEFS : def.defs, nested: def.nested ?? [] };
}

/** The table key of a PyTorch scheduler name, or undefined. */
export function torchScheduleKey(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .replace(/^(torch\.optim\.)?(lr_scheduler\.)?/, '')
    .replace(/[^a-z]/g, '');
  const resolved = ALIASES[key] ?? key;
  return Object.hasOwn(DEFS, resolved) ? resolved : undefined;
}

/** Arguments every PyTorch scheduler takes and that change nothing for a fresh run. */
function ownArgs(spec: ScheduleSpec, owner: string): Record<string, unknown> {
  if (spec.last_epoch !== undefined && spec.last_epoch !== -1)
    fail(`${owner}: only last_epoch = -1 (a fresh schedule) can be simulated.`, 'schedule.last_epoch');
  return Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'name' && k !== 'last_epoch' && k !== 'verbose'));
}

function buildScheduler(
  spec: ScheduleSpec,
  ctx: BuildContext,
): { scheduler: Steppable; owner: string; arguments: Record<string, unknown>; defaultsUsed: string[] } {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    fail('A schedule must be an object such as {"name": "StepLR", "step_size": 30, "gamma": 0.1}.', 'schedule');
  const key = typeof spec.name === 'string' ? torchScheduleKey(spec.name) : undefined;
  if (!key) fail(`Unknown PyTorch scheduler "${String(spec.name)}"; use one of ${TORCH_SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  const def = DEFS[key];
  const raw = ownArgs(spec, def.owner);
  const nested = def.nested ?? [];
  if (key === 'onecyclelr') {
    const setup = oneCycleSetup(raw, ctx.steps, ctx.hasMomentum);
    ctx.notes.push(...setup.notes);
    return {
      scheduler: constructed(new OneCycleLR(ctx.group, setup)),
      owner: def.owner,
      arguments: { ...setup.values, total_steps: setup.total },
      defaultsUsed: setup.defaultsUsed,
    };
  }
  const plain = Object.fromEntries(Object.entries(raw).filter(([k]) => !nested.includes(k)));
  const { values, defaultsUsed } = readArgs(def.owner, def.defs, plain);
  const problem = def.validate?.(values);
  if (problem) fail(`${def.owner}: ${problem}`, 'schedule');
  const children = nested.includes('schedulers') ? childSchedulers(def.owner, raw.schedulers, ctx) : [];
  const scheduler = def.build(values, ctx, children);
  const args: Record<string, unknown> = { ...values };
  for (const k of nested) if (raw[k] !== undefined) args[k] = raw[k];
  return { scheduler, owner: def.owner, arguments: args, defaultsUsed };
}

function childSchedulers(owner: string, list: unknown, ctx: BuildContext): Steppable[] {
  if (!Array.isArray(list) || list.length === 0)
    fail(
      `${owner} needs "schedulers": a list of PyTorch schedulers such as [{"name": "LinearLR", "start_factor": 0.1, "total_iters": 5}, {"name": "CosineAnnealingLR", "T_max": 95}].`,
      'schedule.schedulers',
    );
  if (ctx.depth >= 1) fail(`${owner} inside SequentialLR or ChainedScheduler is not simulated.`, 'schedule.schedulers');
  if (list.length > 16) fail(`${owner}: at most 16 schedulers are simulated, not ${list.length}.`, 'schedule.schedulers');
  // Built in list order on the shared group, each taking its construction step, as they are
  // when a script builds them one after another before the composite.
  return list.map((s) => buildScheduler(s as ScheduleSpec, { ...ctx, depth: ctx.depth + 1 }).scheduler);
}

export interface TorchScheduleRun {
  owner: string;
  arguments: Record<string, unknown>;
  defaultsUsed: string[];
  lr: Float64Array;
  momentum?: Float64Array;
  notes: string[];
}

/** The group's lr (and momentum, when a scheduler sets it) before each of `steps` optimizer steps. */
export function torchScheduleRun(spec: ScheduleSpec, baseLr: number, steps: number, hasMomentum: boolean): TorchScheduleRun {
  const group: Group = { lr: baseLr };
  const notes: string[] = [];
  const built = buildScheduler(spec, { group, hasMomentum, steps, notes, depth: 0 });
  const lr = new Float64Array(steps);
  let momentum: Float64Array | undefined;
  for (let k = 0; k < steps; k++) {
    lr[k] = group.lr;
    if (group.momentum !== undefined) {
      momentum ??= new Float64Array(steps).fill(NaN); // NaN: the optimizer's own momentum (run.ts)
      momentum[k] = group.momentum;
    }
    if (!Number.isFinite(group.lr)) fail(`${built.owner}: the learning rate becomes ${group.lr} at step ${k}.`, 'schedule');
    built.scheduler.step();
  }
  return { owner: built.owner, arguments: built.arguments, defaultsUsed: built.defaultsUsed, lr, momentum, notes };
}
