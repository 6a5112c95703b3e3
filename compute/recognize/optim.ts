/**
 * Optimizers and learning-rate schedules from code: `torch.optim.*`, `keras.optimizers.*`,
 * `optax.*`, `torch.optim.lr_scheduler.*`, Keras and optax schedules, in every import form
 * (optim-names.ts). Arguments are bound by the framework's positional order and validated by
 * compute/optim's own tables (buildOptimizer, scheduleValues), which also fill and list the
 * framework defaults. Values may come from outside the call (`args.lr`, `cfg.optim.lr`;
 * outside.ts). A scheduler finds its optimizer through the variable it is given; a call of a
 * helper of the file that returns an optimizer or a scheduler is read with the helper's
 * parameters bound to the call's arguments, and a selection inside such a helper is bound where
 * the helper is called.
 *
 * This file is the entry (recognizeOptimizer): which calls of the selection are read, and the
 * request built from them. The calls are read by optim-optimizer.ts and optim-schedules.ts, with
 * the argument orders of optim-args.ts, names followed to calls by optim-follow.ts, and LambdaLR
 * functions by optim-lambda.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import { buildOptimizer, resolveObjective, scheduleValues, type ObjectiveSpec, type OptimizerRequest } from '../optim';
import { optaxName } from './optim-args';
import { bindCall, callOf, helperCall, lineOf } from './optim-follow';
import { calleeKind, type CalleeKind, type OptimizerFramework } from './optim-names';
import { readOptimizer } from './optim-optimizer';
import { compositeUsing, readSchedule, type ScheduleFound } from './optim-schedules';
import { callsIn, nodeText, type Literal, type PyCall } from '../python/syntax';
import { withArguments, type FileContext } from './values';

export { optimizerCallee } from './optim-optimizer';
export { readSchedule, type ScheduleFound } from './optim-schedules';

export interface OptimizerRecognition extends OptimizerRequest {
  framework: OptimizerFramework;
  resolved: Record<string, Literal>;
  /** Where values resolved outside the call came from (`args.lr`: "the argparse default of --lr (line 12)"). */
  resolvedFrom?: Record<string, string>;
  notes: string[];
  warnings: string[];
  source: { from: number; to: number };
  /** When the values come from a call of a helper (or the call that binds the helper's parameters). */
  boundBy?: { call: string; line: number };
}

export const DEFAULT_OBJECTIVE: ObjectiveSpec = { name: 'rosenbrock' };
export const DEFAULT_STEPS = 200;

/** The optimizer (and its schedule) in the selection, or undefined when there is none. */
export function recognizeOptimizer(ctx: FileContext, from: number, to: number): OptimizerRecognition | undefined {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, from - 1), to).filter((c) =>
    from === to ? c.node.from <= from && from <= c.node.to : c.node.to > from && c.node.from < to,
  );
  const kinds = calls.map((c) => ({ call: c, kind: calleeKind(ctx, c.callee) }));
  // An optax.chain(...) selected or under the cursor: the optimizer inside it.
  const chainCall = kinds.find((k) => k.kind?.kind === 'optax-chain')?.call;
  if (chainCall && !kinds.some((k) => k.kind?.kind === 'optimizer')) {
    for (const c of callsIn(ctx.tree, ctx.text, chainCall.node.from, chainCall.node.to)) {
      const k = calleeKind(ctx, c.callee);
      if (k?.kind === 'optimizer' && c.node.from > chainCall.node.from) {
        kinds.push({ call: c, kind: k });
        calls.push(c);
        break;
      }
    }
  }
  const opt = kinds.find((k) => k.kind?.kind === 'optimizer');
  const scheds = kinds.filter((k) => k.kind && ['torch-scheduler', 'keras-schedule', 'optax-schedule'].includes(k.kind.kind));
  if (!opt && scheds.length === 0) {
    for (const c of calls) {
      const helper = helperCall(ctx, c);
      if (helper) {
        const r = withArguments(ctx, helper.def, helper.args, () => recognizeOptimizer(ctx, helper.inner.node.from, helper.inner.node.to));
        if (!r) continue;
        const fnName = nodeText(ctx.text, helper.def.getChild('VariableName')!);
        const why = helper.taken.length ? ` (${helper.taken.join(', ')})` : '';
        r.notes.unshift(
          `${fnName}() (line ${lineOf(ctx, helper.def.from)}) returns ${helper.inner.callee}(...) (line ${lineOf(ctx, helper.inner.node.from)})${why}; it is read with ${fnName}'s parameters bound to this call's arguments.`,
        );
        r.boundBy = { call: nodeText(ctx.text, c.node), line: lineOf(ctx, c.node.from) };
        r.source = { from: c.node.from, to: c.node.to };
        return r;
      }
    }
    const unsupported = kinds.find((k) => k.kind?.kind === 'unsupported');
    if (unsupported?.kind?.kind === 'unsupported') throw new Error(`${unsupported.call.callee}: ${unsupported.kind.why}.`);
    return undefined;
  }
  return bindWhereCalled(ctx, () =>
    recognizeFound(
      ctx,
      from,
      to,
      calls,
      opt?.call,
      scheds.map((s) => s.call),
    ),
  );
}

/**
 * Read the selection; when a value is a parameter of a def of the file without a default (the
 * def the selection sits in, or a helper it uses), read it again with that def's parameters
 * bound where the def is called in the file (all its calls must give the same answer).
 */
function bindWhereCalled(ctx: FileContext, read: () => OptimizerRecognition, bound: string[] = []): OptimizerRecognition {
  try {
    return read();
  } catch (e) {
    const m = e instanceof Error ? /is a parameter of (\w+)\(\) without a default/.exec(e.message) : null;
    if (!m || bound.includes(m[1]) || bound.length >= 4) throw e;
    const found = lookupDef(ctx, m[1]);
    const sites = found ? callsIn(ctx.tree, ctx.text).filter((c) => c.callee === m[1]) : [];
    if (!found || sites.length === 0) throw e;
    const def = found;
    const results = sites.map((site) => {
      ctx.resolved = {};
      ctx.resolvedFrom = {};
      const r = withArguments(ctx, def, bindCall(ctx, def, site), () => bindWhereCalled(ctx, read, [...bound, m[1]]));
      return { site, r };
    });
    const key = (r: OptimizerRecognition) => JSON.stringify([r.optimizer, r.schedule ?? null]);
    if (results.some((x) => key(x.r) !== key(results[0].r))) {
      throw new Error(
        `${(e as Error).message} It is called ${results.length} times in this file with different values (lines ${results.map((x) => lineOf(ctx, x.site.node.from)).join(', ')}); select one of those calls.`,
      );
    }
    const { site, r } = results[0];
    r.boundBy ??= { call: nodeText(ctx.text, site.node), line: lineOf(ctx, site.node.from) };
    r.notes.unshift(
      `${m[1]}()'s parameters are bound by ${results.length > 1 ? `its ${results.length} calls in this file (all the same), the first` : 'its call'} ${nodeText(ctx.text, site.node).slice(0, 80)} (line ${lineOf(ctx, site.node.from)}).`,
    );
    return r;
  }
}

/** The one def of the file with this name. */
function lookupDef(ctx: FileContext, name: string): SyntaxNode | undefined {
  const defs: SyntaxNode[] = [];
  ctx.tree.iterate({
    enter(ref) {
      if (ref.name === 'FunctionDefinition') {
        const n = ref.node.getChild('VariableName');
        if (n && nodeText(ctx.text, n) === name) defs.push(ref.node);
      }
    },
  });
  return defs.length === 1 ? defs[0] : undefined;
}

function recognizeFound(ctx: FileContext, from: number, to: number, calls: PyCall[], opt: PyCall | undefined, schedCalls: PyCall[]): OptimizerRecognition {
  const notes: string[] = [];
  const warnings: string[] = [];
  // optax.chain(clip, ..., adamw(...)): the other transforms change the update but are not simulated.
  const chain = opt && calls.find((c) => calleeKind(ctx, c.callee)?.kind === 'optax-chain' && c.node.from < opt.node.from && opt.node.to <= c.node.to);
  if (chain && opt) {
    const args = chain.node.getChild('ArgList');
    const others = callsIn(ctx.tree, ctx.text, chain.node.from, chain.node.to).filter(
      (c) => c.node.parent?.from === args?.from && c.node.parent?.to === args?.to && c.node.from !== opt.node.from,
    );
    if (others.length)
      warnings.push(
        `optax.chain: ${others.map((c) => c.callee).join(', ')} ${others.length > 1 ? 'are' : 'is'} not simulated; the lab runs ${opt.callee} alone.`,
      );
  }
  // Which schedule: those the selection contains whole (a composite — SequentialLR,
  // ChainedScheduler — before the schedulers it holds); else the innermost one around the
  // selection or the cursor (a scheduler inside a composite's list is shown alone, with a note).
  const inside = schedCalls.filter((c) => from < to && c.node.from >= from && c.node.to <= to);
  const around = schedCalls.filter((c) => c.node.from <= from && to <= c.node.to).sort((a, b) => b.node.from - a.node.from);
  const candidates = inside.length ? inside : around.length ? around : schedCalls;
  const composite = inside.find((c) =>
    /^(SequentialLR|ChainedScheduler)$/.test((calleeKind(ctx, c.callee) as { className?: string } | undefined)?.className ?? ''),
  );
  const ordered = composite ? [composite, ...candidates.filter((c) => c !== composite)] : candidates;
  let schedule: ScheduleFound | undefined;
  for (const c of ordered) {
    // A scheduler that is the learning rate of the selected optimizer is read with it.
    if (opt && c.node.from >= opt.node.from && c.node.to <= opt.node.to) continue;
    schedule = readSchedule(ctx, c);
    if (schedule) break;
  }
  if (schedule && !['SequentialLR', 'ChainedScheduler'].includes(schedule.schedule.name)) {
    const partOf = compositeUsing(ctx, schedule.call);
    if (partOf)
      notes.push(
        `${schedule.call.callee} is one of the schedulers of ${partOf.callee} (line ${lineOf(ctx, partOf.node.from)}); select that call to see the whole schedule.`,
      );
  }
  let optCall = opt;
  // A scheduler alone: its optimizer, when its variable is bound to an optimizer call.
  if (!optCall && schedule?.optimizerNode) {
    const trail: string[] = [];
    const c = callOf(ctx, schedule.optimizerNode, 0, trail);
    notes.push(...[...new Set(trail)]);
    if (c && calleeKind(ctx, c.callee)?.kind === 'optimizer') optCall = c;
    else {
      const name = nodeText(ctx.text, schedule.optimizerNode);
      throw new Error(
        `${schedule.call.callee}: its optimizer \`${name}\` is not assigned an optimizer call in this file (such as ${name} = torch.optim.SGD(model.parameters(), lr=0.1)); select the optimizer too.`,
      );
    }
  }
  if (!optCall && schedule && schedule.initialLr === undefined) throw new Error(`${schedule.call.callee}: no optimizer found; select the optimizer too.`);
  const which = optCall ? (calleeKind(ctx, optCall.callee) as CalleeKind & { kind: 'optimizer' }) : undefined;
  // A schedule alone runs on plain SGD of its own framework.
  const framework: OptimizerFramework = which?.framework ?? (schedule && calleeKind(ctx, schedule.call.callee)?.kind === 'keras-schedule' ? 'keras' : 'optax');
  const name = which ? (which.framework === 'optax' ? optaxName(which.name) : which.name) : 'sgd';
  let hyper: Record<string, unknown> = {};
  const lrKey = framework === 'pytorch' ? 'lr' : 'learning_rate';
  if (optCall && which) {
    const read = readOptimizer(ctx, optCall, which);
    hyper = read.hyper;
    notes.push(...read.notes);
    warnings.push(...read.warnings);
    if (read.lrSchedule) {
      schedule = read.lrSchedule;
      if (!read.lrSchedule.schedule.name.startsWith('keras.InverseTimeDecay') || read.lrSchedule.call !== optCall)
        notes.push(`The learning rate is the schedule ${read.lrSchedule.call.callee}(...).`);
    }
    if (schedule?.initialLr !== undefined) hyper[lrKey] = schedule.initialLr;
  } else if (schedule?.initialLr !== undefined) {
    hyper.learning_rate = schedule.initialLr;
    notes.push(`No optimizer was selected; ${framework === 'keras' ? 'keras.optimizers.SGD' : 'optax.sgd'} carries the schedule.`);
  }
  const built = buildOptimizer({ name, framework, hyperparameters: hyper });
  if (schedule) {
    notes.push(...schedule.notes);
    warnings.push(...schedule.warnings);
    // Validate the schedule with compute/optim's own tables (and collect its notes).
    const hasMomentum = built.create(2).momentumName !== undefined;
    const values = scheduleValues(schedule.schedule, Number(built.hyperparameters[built.lrName] ?? 0.01), 1, hasMomentum);
    // What the simulation adds (CyclicLR's momentum, ReduceLROnPlateau's limits, Keras' formulas);
    // optax schedules already say it above.
    if (!schedule.schedule.name.startsWith('optax.')) for (const n of values.notes) if (!notes.includes(n)) notes.push(n);
  }
  if (name === 'rprop' && schedule)
    notes.push(
      'Rprop reads lr once, as its initial step size at the first step (PyTorch fills state["step_size"] then); a schedule changes nothing after that.',
    );
  if (name === 'asgd')
    notes.push(
      `ASGD's averaged parameters ā (optimizer.state[p]["ax"]) start averaging only after t0 = ${built.hyperparameters.t0} steps; the trajectory shown is θ, the parameters ASGD updates (the lab's Polyak averaging shows an average from step 0).`,
    );
  const start = resolveObjective(DEFAULT_OBJECTIVE).info.defaultStart;
  const sourceCalls = [optCall, schedule?.call].filter((c): c is PyCall => !!c && c.node.to > from - 1 && c.node.from <= Math.max(to, from + 1));
  const srcFrom = Math.min(...sourceCalls.map((c) => c.node.from));
  const srcTo = Math.max(...sourceCalls.map((c) => c.node.to));
  const resolvedFrom = ctx.resolvedFrom && Object.keys(ctx.resolvedFrom).length ? { ...ctx.resolvedFrom } : undefined;
  for (const [k, how] of Object.entries(resolvedFrom ?? {})) notes.push(`${k} = ${JSON.stringify(ctx.resolved[k])}: ${how}.`);
  return {
    kind: 'optimizer',
    framework,
    optimizer: {
      name,
      framework,
      hyperparameters: { ...built.hyperparameters },
      defaultsUsed: built.defaultsUsed,
      ...(schedule ? { schedule: schedule.schedule } : {}),
    },
    ...(schedule ? { schedule: schedule.schedule } : {}),
    objective: DEFAULT_OBJECTIVE,
    start: start ? [...start] : [-1.5, 2],
    steps: DEFAULT_STEPS,
    resolved: { ...ctx.resolved },
    ...(resolvedFrom ? { resolvedFrom } : {}),
    notes,
    warnings,
    source: { from: Number.isFinite(srcFrom) ? srcFrom : from, to: Number.isFinite(srcTo) ? srcTo : to },
  };
}
