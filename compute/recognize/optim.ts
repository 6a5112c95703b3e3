/**
 * Optimizers and learning-rate schedules from code: `torch.optim.*`, `keras.optimizers.*`,
 * `optax.*`, `torch.optim.lr_scheduler.*`, optax and Keras schedules. Arguments are bound by the
 * framework's positional order and validated by compute/optim's own tables (buildOptimizer,
 * scheduleValues), which also fill and list the framework defaults.
 */
import type { SyntaxNode } from '@lezer/common';
import { optaxSchedule } from '../optim/schedules';
import { buildOptimizer, resolveObjective, scheduleValues, type ObjectiveSpec, type OptimizerRequest, type ScheduleSpec } from '../optim';
import { readArgs } from './conv';
import { callsIn, nodeText, type Literal, type PyCall } from './python';
import type { FileContext } from './values';

type Fw = 'pytorch' | 'keras' | 'optax';

/** Positional order of each optimizer's arguments (the first torch one is the parameters). */
const POSITIONAL: Record<Fw, Record<string, string[]>> = {
  pytorch: {
    sgd: ['params', 'lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
    adam: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    adamw: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    rmsprop: ['params', 'lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered'],
    adagrad: ['params', 'lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps'],
  },
  keras: {
    sgd: ['learning_rate', 'momentum', 'nesterov'],
    adam: ['learning_rate', 'beta_1', 'beta_2', 'epsilon', 'amsgrad'],
    adamw: ['learning_rate', 'weight_decay', 'beta_1', 'beta_2', 'epsilon', 'amsgrad'],
    rmsprop: ['learning_rate', 'rho', 'momentum', 'epsilon', 'centered'],
    adagrad: ['learning_rate', 'initial_accumulator_value', 'epsilon'],
  },
  optax: {
    sgd: ['learning_rate', 'momentum', 'nesterov'],
    adam: ['learning_rate', 'b1', 'b2', 'eps', 'eps_root'],
    adamw: ['learning_rate', 'b1', 'b2', 'eps', 'eps_root', 'mu_dtype', 'weight_decay'],
    rmsprop: ['learning_rate', 'decay', 'eps', 'initial_scale', 'eps_in_sqrt', 'centered', 'momentum', 'nesterov'],
    adagrad: ['learning_rate', 'initial_accumulator_value', 'eps'],
  },
};

const CLASS_NAMES: Record<string, string> = { SGD: 'sgd', Adam: 'adam', AdamW: 'adamw', RMSprop: 'rmsprop', Adagrad: 'adagrad' };

export function optimizerCallee(callee: string): { framework: Fw; name: string } | undefined {
  let m = /^(?:torch\.optim\.|optim\.)?(SGD|Adam|AdamW|RMSprop|Adagrad)$/.exec(callee);
  if (m && (callee.includes('optim.') || callee === m[1])) {
    if (callee === m[1] || callee.startsWith('torch.optim.') || callee.startsWith('optim.')) return { framework: 'pytorch', name: CLASS_NAMES[m[1]] };
  }
  m = /^(?:tf\.keras\.|keras\.|tensorflow\.keras\.)optimizers\.(?:legacy\.)?(SGD|Adam|AdamW|RMSprop|Adagrad)$/.exec(callee);
  if (m) return { framework: 'keras', name: CLASS_NAMES[m[1]] };
  m = /^optax\.(sgd|adam|adamw|rmsprop|adagrad)$/.exec(callee);
  if (m) return { framework: 'optax', name: m[1] };
  return undefined;
}

/** Schedules: PyTorch schedulers directly; optax/Keras ones mapped to the PyTorch schedule with the same per-step values. */
const TORCH_SCHEDULERS: Record<string, string[]> = {
  StepLR: ['optimizer', 'step_size', 'gamma'],
  MultiStepLR: ['optimizer', 'milestones', 'gamma'],
  ExponentialLR: ['optimizer', 'gamma'],
  CosineAnnealingLR: ['optimizer', 'T_max', 'eta_min'],
  OneCycleLR: ['optimizer', 'max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', 'anneal_strategy', 'cycle_momentum', 'base_momentum', 'max_momentum', 'div_factor', 'final_div_factor', 'three_phase'],
  LinearLR: ['optimizer', 'start_factor', 'end_factor', 'total_iters'],
  ConstantLR: ['optimizer', 'factor', 'total_iters'],
};

export interface ScheduleFound {
  schedule: ScheduleSpec;
  /** The initial learning rate an optax/Keras schedule carries. */
  initialLr?: number;
  /** The optimizer variable a PyTorch scheduler is built on. */
  optimizerName?: string;
  notes: string[];
  call: PyCall;
}

const lit = (v: Literal | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

function named(args: { positional: Literal[]; keywords: Map<string, Literal> }, order: string[]): Record<string, Literal> {
  const out: Record<string, Literal> = {};
  args.positional.forEach((v, i) => {
    if (i >= order.length) throw new Error(`takes at most ${order.length} positional arguments.`);
    out[order[i]] = v;
  });
  for (const [k, v] of args.keywords) out[k] = v;
  return out;
}

export function readSchedule(ctx: FileContext, call: PyCall): ScheduleFound | undefined {
  const torch = /^(?:torch\.optim\.lr_scheduler\.|optim\.lr_scheduler\.|lr_scheduler\.)(\w+)$/.exec(call.callee);
  if (torch) {
    const order = TORCH_SCHEDULERS[torch[1]];
    if (!order) throw new Error(`${call.callee} is not supported; the optimizer lab simulates ${Object.keys(TORCH_SCHEDULERS).join(', ')}.`);
    const optNode = call.positional[0] ?? call.keywords.get('optimizer');
    const rest = { ...call, positional: call.positional.slice(1), keywords: new Map([...call.keywords].filter(([k]) => k !== 'optimizer')) };
    const values = named(readArgs(ctx, rest), order.slice(1));
    return { schedule: { name: torch[1], ...values }, optimizerName: optNode?.name === 'VariableName' ? nodeText(ctx.text, optNode) : undefined, notes: [], call };
  }
  const optax = /^optax\.(?:schedules\.)?(\w+)$/.exec(call.callee);
  const keras = /^(?:tf\.keras\.|keras\.|tensorflow\.keras\.)optimizers\.schedules\.(\w+)$/.exec(call.callee);
  const kind = optax?.[1] ?? keras?.[1];
  if (!kind) return undefined;
  const spec: Record<string, string[]> = {
    exponential_decay: ['init_value', 'transition_steps', 'decay_rate', 'transition_begin', 'staircase', 'end_value'],
    cosine_decay_schedule: ['init_value', 'decay_steps', 'alpha', 'exponent'],
    constant_schedule: ['value'],
    warmup_cosine_decay_schedule: ['init_value', 'peak_value', 'warmup_steps', 'decay_steps', 'end_value'],
    linear_schedule: ['init_value', 'end_value', 'transition_steps', 'transition_begin'],
    piecewise_constant_schedule: ['init_value', 'boundaries_and_scales'],
    ExponentialDecay: ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase'],
    CosineDecay: ['initial_learning_rate', 'decay_steps', 'alpha', 'name', 'warmup_target', 'warmup_steps'],
  };
  if (optax && !Object.hasOwn(OPTAX_ORDER, kind) && /schedule|decay/.test(kind)) return optaxNative(ctx, call, kind);
  if (optax && Object.hasOwn(OPTAX_ORDER, kind) && !(kind === 'exponential_decay' || kind === 'cosine_decay_schedule' || kind === 'constant_schedule')) return optaxNative(ctx, call, kind);
  if (!Object.hasOwn(spec, kind)) return undefined;
  const v = named(readArgs(ctx, call), spec[kind]);
  const init = lit(v.init_value ?? v.initial_learning_rate ?? v.value);
  const notes: string[] = [];
  const owner = call.callee;
  switch (kind) {
    case 'exponential_decay':
    case 'ExponentialDecay': {
      const steps = lit(v.transition_steps ?? v.decay_steps);
      const rate = lit(v.decay_rate);
      if (steps === undefined || rate === undefined) throw new Error(`${owner} needs the decay steps and the decay rate.`);
      if (lit(v.transition_begin) || (v.end_value !== undefined && v.end_value !== null)) {
        if (optax) return optaxNative(ctx, call, kind);
        throw new Error(`${owner}: transition_begin and end_value are not supported by the optimizer lab's schedules.`);
      }
      if (v.staircase === true) {
        notes.push(`${owner}(staircase=True) is the same per-step lr as PyTorch's StepLR(step_size=${steps}, gamma=${rate}).`);
        return { schedule: { name: 'StepLR', step_size: steps, gamma: rate }, initialLr: init, notes, call };
      }
      const gamma = rate ** (1 / steps);
      notes.push(`${owner} decays by ${rate} every ${steps} steps, continuously: the same per-step lr as PyTorch's ExponentialLR(gamma=${rate}^(1/${steps}) = ${gamma}).`);
      return { schedule: { name: 'ExponentialLR', gamma }, initialLr: init, notes, call };
    }
    case 'cosine_decay_schedule':
    case 'CosineDecay': {
      const steps = lit(v.decay_steps);
      if (steps === undefined || init === undefined) throw new Error(`${owner} needs the initial value and decay_steps.`);
      if (optax && v.exponent !== undefined && v.exponent !== 1) return optaxNative(ctx, call, kind);
      if (v.exponent !== undefined && v.exponent !== 1) throw new Error(`${owner}: exponent ≠ 1 is not supported.`);
      if (v.warmup_steps !== undefined && v.warmup_steps !== 0) throw new Error(`${owner}: warmup is not supported by the optimizer lab's schedules.`);
      const alpha = lit(v.alpha) ?? 0;
      notes.push(`${owner} is shown as PyTorch's CosineAnnealingLR(T_max=${steps}, eta_min=${alpha * init}); they agree for the first ${steps} steps (after that ${owner} stays at its final value while CosineAnnealingLR rises again).`);
      return { schedule: { name: 'CosineAnnealingLR', T_max: steps, eta_min: alpha * init }, initialLr: init, notes, call };
    }
    case 'constant_schedule':
      return { schedule: { name: 'ConstantLR', factor: 1, total_iters: 0 }, initialLr: init, notes, call };
    default:
      throw new Error(`${owner} is recognized but not supported: the optimizer lab's schedules are ${Object.keys(TORCH_SCHEDULERS).join(', ')} (and optax/Keras exponential and cosine decay, mapped to them).`);
  }
}

/** optax schedules' positional order (optax/schedules/_schedule.py, _join.py). */
const OPTAX_ORDER: Record<string, string[]> = {
  constant_schedule: ['value'],
  polynomial_schedule: ['init_value', 'end_value', 'power', 'transition_steps', 'transition_begin'],
  linear_schedule: ['init_value', 'end_value', 'transition_steps', 'transition_begin'],
  piecewise_constant_schedule: ['init_value', 'boundaries_and_scales'],
  exponential_decay: ['init_value', 'transition_steps', 'decay_rate', 'transition_begin', 'staircase', 'end_value'],
  cosine_decay_schedule: ['init_value', 'decay_steps', 'alpha', 'exponent'],
  warmup_constant_schedule: ['init_value', 'peak_value', 'warmup_steps'],
  warmup_cosine_decay_schedule: ['init_value', 'peak_value', 'warmup_steps', 'decay_steps', 'end_value', 'exponent'],
  warmup_exponential_decay_schedule: ['init_value', 'peak_value', 'warmup_steps', 'transition_steps', 'decay_rate', 'transition_begin', 'staircase', 'end_value'],
  cosine_onecycle_schedule: ['transition_steps', 'peak_value', 'pct_start', 'div_factor', 'final_div_factor'],
  linear_onecycle_schedule: ['transition_steps', 'peak_value', 'pct_start', 'pct_final', 'div_factor', 'final_div_factor'],
  join_schedules: ['schedules', 'boundaries'],
};

/** The optax schedule as optax computes it (compute/optim's optax schedules), not mapped to a PyTorch scheduler. */
function optaxSpec(ctx: FileContext, call: PyCall, kind: string, depth = 0): ScheduleSpec {
  const order = OPTAX_ORDER[kind];
  if (!order) throw new Error(`${call.callee} is not supported; optax schedules that can be simulated: ${Object.keys(OPTAX_ORDER).map((k) => `optax.${k}`).join(', ')}.`);
  if (kind === 'join_schedules') {
    if (depth > 4) throw new Error(`${call.callee}: schedules nested too deeply.`);
    const listNode = call.keywords.get('schedules') ?? call.positional[0];
    if (!listNode || !['ArrayExpression', 'TupleExpression', 'VariableName'].includes(listNode.name)) throw new Error(`${call.callee}: "schedules" must be a list of optax schedule calls written in this file.`);
    let list: SyntaxNode | undefined = listNode;
    if (listNode.name === 'VariableName') {
      const b = ctx.bindings.get(nodeText(ctx.text, listNode));
      list = b?.length === 1 ? b[0].node : undefined;
      if (!list || !['ArrayExpression', 'TupleExpression'].includes(list.name)) throw new Error(`${call.callee}: \`${nodeText(ctx.text, listNode)}\` is not assigned a list of schedules in this file.`);
    }
    const schedules: ScheduleSpec[] = [];
    for (let c: SyntaxNode | null = list.firstChild; c; c = c.nextSibling) {
      if (['[', ']', '(', ')', ','].includes(c.name)) continue;
      const inner = bindingCall(ctx, c);
      const m = inner ? /^optax\.(?:schedules\.)?(\w+)$/.exec(inner.callee) : null;
      if (!inner || !m) throw new Error(`${call.callee}: \`${nodeText(ctx.text, c).slice(0, 60)}\` is not an optax schedule call (or a name assigned one in this file).`);
      schedules.push(optaxSpec(ctx, inner, m[1], depth + 1));
    }
    const rest = { ...call, positional: call.positional.slice(1), keywords: new Map([...call.keywords].filter(([k]) => k !== 'schedules')) };
    const v = named(readArgs(ctx, rest), order.slice(1));
    return { name: `optax.${kind}`, schedules, ...v };
  }
  const v = named(readArgs(ctx, call), order);
  return { name: `optax.${kind}`, ...v };
}

function optaxNative(ctx: FileContext, call: PyCall, kind: string): ScheduleFound {
  const schedule = optaxSpec(ctx, call, kind);
  const built = optaxSchedule(schedule);
  return {
    schedule,
    initialLr: built.fn(0),
    notes: [`${call.callee} is simulated with optax's own formula (update k uses schedule(k)); the optimizer's learning_rate is shown as schedule(0) = ${built.fn(0)}.`],
    call,
  };
}

export interface OptimizerRecognition extends OptimizerRequest {
  framework: Fw;
  resolved: Record<string, Literal>;
  notes: string[];
  warnings: string[];
  source: { from: number; to: number };
}

export const DEFAULT_OBJECTIVE: ObjectiveSpec = { name: 'rosenbrock' };
export const DEFAULT_STEPS = 200;

function bindingCall(ctx: FileContext, node: SyntaxNode): PyCall | undefined {
  let target: SyntaxNode | undefined = node;
  if (node.name === 'VariableName') {
    const list = ctx.bindings.get(nodeText(ctx.text, node));
    target = list?.length === 1 ? list[0].node : undefined;
  }
  if (!target || target.name !== 'CallExpression') return undefined;
  return callsIn(ctx.tree, ctx.text, target.from, target.to).find((c) => c.node.from === target!.from && c.node.to === target!.to);
}

/** The optimizer (and its schedule) in the selection, or undefined when there is none. */
export function recognizeOptimizer(ctx: FileContext, from: number, to: number): OptimizerRecognition | undefined {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, from - 1), to).filter((c) => (from === to ? c.node.from <= from && from <= c.node.to : c.node.to > from && c.node.from < to));
  const opt = calls.find((c) => optimizerCallee(c.callee));
  const schedCalls = calls.filter((c) => /lr_scheduler\.|^optax\.\w*(schedule|decay)$|optimizers\.schedules\./.test(c.callee));
  if (!opt && schedCalls.length === 0) return undefined;
  const notes: string[] = [];
  const warnings: string[] = [];
  // optax.chain(clip, ..., adamw(...)): the other transforms change the update but are not simulated.
  const chain = opt && calls.find((c) => /^optax\.chain$/.test(c.callee) && c.node.from < opt.node.from && opt.node.to <= c.node.to);
  if (chain && opt) {
    const args = chain.node.getChild('ArgList');
    const others = callsIn(ctx.tree, ctx.text, chain.node.from, chain.node.to).filter((c) => c.node.parent?.from === args?.from && c.node.parent?.to === args?.to && c.node.from !== opt.node.from);
    if (others.length) warnings.push(`optax.chain: ${others.map((c) => c.callee).join(', ')} ${others.length > 1 ? 'are' : 'is'} not simulated; the lab runs ${opt.callee} alone.`);
  }
  let schedule: ScheduleFound | undefined;
  for (const c of schedCalls) {
    const s = readSchedule(ctx, c);
    if (s) {
      schedule = s;
      break;
    }
  }
  let optCall = opt;
  // A scheduler alone: its optimizer, when bound in the file (`opt = torch.optim.SGD(...)`).
  if (!optCall && schedule?.optimizerName) {
    const list = ctx.bindings.get(schedule.optimizerName);
    const c = list?.length === 1 ? bindingCall(ctx, list[0].node) : undefined;
    if (c && optimizerCallee(c.callee)) optCall = c;
  }
  if (!optCall) {
    if (schedule?.optimizerName) throw new Error(`${schedule.call.callee}: its optimizer \`${schedule.optimizerName}\` is not assigned an optimizer call in this file; select the optimizer too.`);
    if (schedule && schedule.initialLr === undefined) throw new Error(`${schedule.call.callee}: no optimizer found; select the optimizer too.`);
  }
  const which = optCall ? optimizerCallee(optCall.callee)! : { framework: 'optax' as Fw, name: 'sgd' };
  const hyper: Record<string, unknown> = {};
  if (optCall) {
    const order = POSITIONAL[which.framework][which.name];
    const lrKey = which.framework === 'pytorch' ? 'lr' : 'learning_rate';
    // A learning rate given as a schedule object (or a name bound to one) is read as a schedule.
    const lrNode = optCall.keywords.get(lrKey) ?? optCall.positional[order.indexOf(lrKey)];
    const lrCall = lrNode ? bindingCall(ctx, lrNode) : undefined;
    const lrSchedule = lrCall ? readSchedule(ctx, lrCall) : undefined;
    const skip = new Set<SyntaxNode>(lrSchedule && lrNode ? [lrNode] : []);
    if (which.framework === 'pytorch') {
      const p = optCall.positional[0] ?? optCall.keywords.get('params');
      if (p) skip.add(p);
    }
    const plain = { ...optCall, positional: optCall.positional.filter((n) => !skip.has(n)).map((n) => n), keywords: new Map([...optCall.keywords].filter(([k, n]) => !skip.has(n) && k !== 'params')) };
    // Keep positional indices: replace skipped ones by placeholders.
    const args = readArgs(ctx, { ...optCall, positional: optCall.positional.filter((n) => !skip.has(n)), keywords: plain.keywords });
    const positionalNames = order.filter((_, i) => !skip.has(optCall.positional[i]));
    args.positional.forEach((v, i) => {
      if (i >= positionalNames.length) throw new Error(`${optCall.callee} takes at most ${order.length} positional arguments.`);
      hyper[positionalNames[i]] = v;
    });
    for (const [k, v] of args.keywords) hyper[k] = v;
    if (which.framework === 'pytorch' && !('params' in hyper)) {
      /* the parameters are the model's; nothing to read */
    }
    delete hyper.params;
    if (lrSchedule) {
      schedule = lrSchedule;
      notes.push(`The learning rate is the schedule ${lrSchedule.call.callee}(...).`);
    }
    if (schedule?.initialLr !== undefined) hyper[lrKey] = schedule.initialLr;
  } else if (schedule?.initialLr !== undefined) {
    hyper.learning_rate = schedule.initialLr;
    notes.push('No optimizer was selected; optax.sgd carries the schedule.');
  }
  const built = buildOptimizer({ name: which.name, framework: which.framework, hyperparameters: hyper });
  if (schedule) {
    notes.push(...schedule.notes);
    // Validate the schedule with compute/optim's own tables.
    const hasMomentum = ['adam', 'adamw'].includes(which.name) || Number(built.hyperparameters.momentum ?? 0) > 0;
    scheduleValues(schedule.schedule, Number(hyper.lr ?? hyper.learning_rate ?? 0.01), 1, hasMomentum);
  }
  const start = resolveObjective(DEFAULT_OBJECTIVE).info.defaultStart;
  const sourceCalls = [optCall, schedule?.call].filter((c): c is PyCall => !!c && c.node.to > from - 1 && c.node.from <= Math.max(to, from + 1));
  const srcFrom = Math.min(...sourceCalls.map((c) => c.node.from));
  const srcTo = Math.max(...sourceCalls.map((c) => c.node.to));
  return {
    kind: 'optimizer',
    framework: which.framework,
    optimizer: { name: which.name, framework: which.framework, hyperparameters: { ...built.hyperparameters }, defaultsUsed: built.defaultsUsed, ...(schedule ? { schedule: schedule.schedule } : {}) },
    ...(schedule ? { schedule: schedule.schedule } : {}),
    objective: DEFAULT_OBJECTIVE,
    start: start ? [...start] : [-1.5, 2],
    steps: DEFAULT_STEPS,
    resolved: { ...ctx.resolved },
    notes,
    warnings,
    source: { from: Number.isFinite(srcFrom) ? srcFrom : from, to: Number.isFinite(srcTo) ? srcTo : to },
  };
}
