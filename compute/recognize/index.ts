/**
 * From selected Python to a simulation request. The text is parsed, never executed; anything
 * that is not a literal (or a name assigned one literal in the same file) is reported instead of
 * guessed. What the selection (or the code under the cursor) contains picks the kind: layers →
 * conv, an optimizer or scheduler → optimizer, coupling layers → flow, an expression, def or
 * lambda → optimizer on that objective.
 */
import { ComputeError } from '../errors';
import { MAX_NESTING, maxBracketDepth } from '../text';
import { recognizeStack, type ConvRecognition } from './conv';
import { recognizeFlow, recognizeObjective, type FlowRecognition, type ObjectiveRecognition } from './expr';
import { recognizeOptimizer, type OptimizerRecognition } from './optim';
import { callsIn, parsePython } from '../python/syntax';
import type { SyntaxNode } from '@lezer/common';
import { fileContext } from './values';
import { analyzeModel, type ModelOptions } from '../program/trace';
import type { ModuleLoader } from '../program/natives';
import type { ModelRecognition } from '../program/model-types';
import { NotUnderstood } from '../program/values';
import { CONV_OPS, type ConvLayerJson } from '../conv/layer';
import { analyzeConvRequest } from '../conv/request';
import { resolveObjective } from '../optim/objectives';
import type { ObjectiveSpec } from '../optim/types';

export interface RecognizeOptions {
  /** Selection as offsets into the text; from === to means "the call under the cursor". */
  from?: number;
  to?: number;
  /** Input shape (N, C, *spatial) the user gave; otherwise one is read from the code or assumed. */
  inputShape?: number[];
  /** The assumed 2-D input (N, C, H, W); C is replaced by the first layer's in_channels. */
  defaultInputShape?: number[];
  /** A named objective (e.g. `rastrigin`) a selected optimizer runs on, instead of Rosenbrock. */
  optimizerObjective?: string;
  /** Steps simulated for a recognized optimizer or objective, instead of 200. */
  optimizerSteps?: number;
  /** The file's path, for workspace imports and the model answer's boundBy. */
  path?: string;
  /** Values the user gave for a model's named unknowns. */
  set?: ModelOptions['set'];
  /** A model's further forward inputs after the first (`forward(self, z, labels)`). */
  extraInputs?: ModelOptions['extraInputs'];
  /** Reads workspace modules the file imports (`from .blocks import Bottleneck`). */
  loader?: ModuleLoader;
}

export type { ConvRecognition } from './conv';
export type { OptimizerRecognition } from './optim';
export type { FlowRecognition, ObjectiveRecognition } from './expr';
export type Recognition = ConvRecognition | { error: string };
export type AnyRecognition = ConvRecognition | ModelRecognition | OptimizerRecognition | ObjectiveRecognition | FlowRecognition | { error: string };

export const NOTHING_RECOGNIZED = [
  'No layer found here, nor an optimizer, schedule, objective or flow. Select one of:',
  '- a layer or block with literal arguments: nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3), nn.Sequential(...), keras.layers.Conv2D(32, 3), flax nn.Conv(32, (3, 3));',
  '- an optimizer and optionally its scheduler: opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9), then StepLR(opt, step_size=30) (select both, or the scheduler once opt is assigned in the file); optax.adamw(1e-3);',
  '- an objective: (1 - x)**2 + 100*(y - x**2)**2, lambda x, y: x**2 + y**2, or def f(x, y): return ...;',
  '- a flow: AffineCoupling(mask=[1, 0], s="tanh(x0)", t="x0**2").',
].join('\n');

/** Longest text recognized at all (larger files are refused rather than parsed slowly). */
export const MAX_TEXT = 2_000_000;

/**
 * Layers only (the conv lab): the stack in the selection, or an error that names what the
 * selection is instead (use recognizeRequest for every kind).
 */
export function recognize(text: string, options: RecognizeOptions = {}): Recognition {
  const r = recognizeRequest(text, options);
  if ('error' in r) return { error: String(r.error) };
  if (r.kind === 'conv') return r as ConvRecognition;
  return {
    error: `The selection is ${r.kind === 'flow' ? 'a flow (coupling layers)' : 'an optimizer, schedule or objective'}, not layers (recognizeRequest returns its ${r.kind} request).`,
  };
}

function recognizeIn(ctx: ReturnType<typeof fileContext>, from: number, to: number, options: RecognizeOptions): AnyRecognition | undefined {
  return (
    recognizeStack(ctx, { from, to, inputShape: options.inputShape, defaultInputShape: options.defaultInputShape }) ??
    recognizeOptimizer(ctx, from, to) ??
    recognizeFlow(ctx, from, to) ??
    recognizeObjective(ctx, from, to)
  );
}

/**
 * The user's lab defaults (settings): steps for any optimizer request, and the objective for an
 * optimizer selected without one (an objective the code wrote stays). Unknown names are refused
 * by resolveObjective with its own message.
 */
function withLabDefaults<T extends NonNullable<ReturnType<typeof recognizeIn>>>(found: T, options: RecognizeOptions): T {
  if ('error' in found || found.kind !== 'optimizer') return found;
  const next = { ...found } as T & { steps: number; start?: number[]; objective: ObjectiveSpec };
  if (options.optimizerSteps !== undefined) {
    if (!Number.isInteger(options.optimizerSteps) || options.optimizerSteps < 1 || options.optimizerSteps > MAX_LAB_STEPS) {
      throw new ComputeError(
        `The default number of steps must be a whole number from 1 to ${MAX_LAB_STEPS.toLocaleString('en-US')}, not ${options.optimizerSteps}.`,
      );
    }
    next.steps = options.optimizerSteps;
  }
  const objective = options.optimizerObjective;
  if (objective && !('expr' in next.objective) && next.objective.name !== objective) {
    const start = resolveObjective({ name: objective }).info.defaultStart;
    next.objective = { name: objective };
    if (start) next.start = [...start];
  }
  return next;
}

/**
 * A single PyTorch layer selected inside a model class: the input the model's forward feeds it
 * (its first instance in execution order), from the whole-model trace, when that trace reaches it
 * with a known shape and differs from what the conv lab's reader found alone.
 */
function inputFromModel(
  text: string,
  found: ConvRecognition,
  options: Parameters<typeof analyzeModel>[1],
): { shape: number[]; note: string; op: string; args?: Record<string, unknown>; where: string } | undefined {
  if (found.framework !== 'pytorch' || found.layers.length !== 1) return undefined;
  let model: ModelRecognition | undefined;
  try {
    // The model's own input, not the layer's (an input given for the layer does not fit the model).
    model = analyzeModel(text, { ...options, inputShape: undefined });
  } catch {
    return undefined;
  }
  if (!model?.focus) return undefined;
  const layer = model.layers[model.focus.layer];
  const batch = found.inputShape[0] ?? 1;
  const shape = layer.inShape.map((d, i) => (i === 0 && d === 'N' ? batch : d));
  if (!shape.every((d): d is number => typeof d === 'number')) return undefined;
  const where = model.boundBy ? `${model.boundBy.call}${model.boundBy.line ? ` (line ${model.boundBy.line})` : ''}` : model.model.name;
  const many = model.focus.instances > 1 ? `, the first of ${model.focus.instances} instances` : '';
  return {
    shape,
    op: layer.op,
    args: layer.args,
    where,
    note: `The input [${shape.join(', ')}] is what ${where} feeds this layer (${layer.path ?? 'it'}${many}), traced through the whole model; the model's input ${model.inputShapeAssumed ? `[${model.inputShape.join(', ')}] is assumed` : `is [${model.inputShape.join(', ')}]`}.`,
  };
}

/** The arguments that decide a conv or pool layer's shapes. */
const SHAPING = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'output_padding', 'ceil_mode'] as const;

/**
 * When the conv lab's reader of the call alone disagrees with the model that builds it (a name it
 * resolved to another function's value), the layer is shown as the model builds it, with a
 * warning, and marked so Apply to code does not write those values over the names in the call.
 */
function preferTracedArguments(conv: ConvRecognition, fed: NonNullable<ReturnType<typeof inputFromModel>>): void {
  if (!fed.args || !Object.hasOwn(CONV_OPS, fed.op)) return;
  const picked: Record<string, unknown> = { op: fed.op };
  for (const k of [...SHAPING, 'bias', 'padding_mode', 'count_include_pad']) if (fed.args[k] !== undefined && fed.args[k] !== null) picked[k] = fed.args[k];
  let traced: ReturnType<typeof analyzeConvRequest>;
  try {
    traced = analyzeConvRequest({ kind: 'conv', layers: [picked as ConvLayerJson], inputShape: conv.inputShape });
  } catch {
    return;
  }
  const own = conv.layers[0] as unknown as Record<string, unknown>;
  const model = traced.layers[0] as unknown as Record<string, unknown>;
  const differ = SHAPING.filter((k) => JSON.stringify(own[k]) !== JSON.stringify(model[k]));
  if (differ.length === 0) return;
  conv.warnings = [
    `Reading this call alone gives ${differ.map((k) => `${k}=${JSON.stringify(own[k])}`).join(', ')}, but ${fed.where} builds it with ${differ.map((k) => `${k}=${JSON.stringify(model[k])}`).join(', ')}; shown as the model builds it.`,
    ...(conv.warnings ?? []),
  ];
  Object.assign(conv, {
    layers: traced.layers.map((l, i) => ({ ...l, defaultsUsed: (conv.layers[i] as { defaultsUsed?: string[] }).defaultsUsed })),
    totals: traced.totals,
    valuesFromModel: fed.where,
  });
}

/** Most steps a lab opened from code may start with (the optimizer lab's own field allows this many). */
export const MAX_LAB_STEPS = 100_000;

/** Layer and optimizer class names that several frameworks share (MXNet, Paddle, MindSpore, TF core…). */
const LAYER_OR_OPTIMIZER =
  /^(Conv[123][dD]|Conv[123]?DTranspose|ConvTranspose[123][dD]|Conv2D|Conv|MaxPool(ing)?[123]?[dD]?|AvgPool(ing)?[123]?[dD]?|AveragePooling[123]D|SGD|Adam|AdamW|Adagrad|AdaGrad|RMSProp|RMSprop|Nadam|Adadelta|conv[123]?d|conv2d_transpose|max_pool[123]?d?|avg_pool[123]?d?|conv_general_dilated)$/;

/**
 * When nothing was recognized: a call that looks like a layer or an optimizer from a framework
 * ML Lens does not read (e.g. `mx.gluon.nn.Conv2D`, `tf.nn.conv2d`), named in a sentence.
 */
function foreignCall(ctx: ReturnType<typeof fileContext>, range: { from: number; to: number }): string | undefined {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, range.from - 1), range.to).filter(
    (c) => c.node.to >= range.from && c.node.from <= Math.max(range.to, range.from + 1),
  );
  const call = calls.find((c) => LAYER_OR_OPTIMIZER.test(c.callee.slice(c.callee.lastIndexOf('.') + 1)));
  if (!call) return undefined;
  return `\`${call.callee}\` looks like a layer or optimizer, but not one ML Lens reads: it reads PyTorch (torch.nn, torch.nn.functional, torch.optim), Keras and tf.keras layers, optimizers and schedules, Flax linen layers and optax. Functions such as tf.nn.conv2d or jax.lax.conv_general_dilated and other frameworks are not read.`;
}

/** The innermost simple statement (an assignment or an expression line) around a node. */
function statementAt(node: SyntaxNode | null): SyntaxNode | undefined {
  for (let n = node; n; n = n.parent) if (n.name === 'AssignStatement' || n.name === 'ExpressionStatement') return n;
  return undefined;
}

/** Every kind: conv, optimizer (with schedule), objective (as an optimizer request) or flow. */
export function recognizeRequest(text: string, options: RecognizeOptions = {}): AnyRecognition {
  const from = Math.max(0, Math.min(options.from ?? 0, text.length));
  const to = Math.max(from, Math.min(options.to ?? text.length, text.length));
  try {
    if (text.length > MAX_TEXT) return { error: `The file is too large to recognize (${text.length} characters; at most ${MAX_TEXT}).` };
    if (maxBracketDepth(text) > MAX_NESTING)
      return { error: `The file nests brackets more than ${MAX_NESTING} levels deep; ML Lens does not read code nested that deeply.` };
    // A model class, a factory, an instantiation or a Sequential: the whole-model trace. A layer
    // inside a model and a Sequential of literal layers go to the conv lab's own reading first
    // (kernel view, Apply to code); when that cannot read them, to the model trace.
    const modelOptions = {
      from,
      to,
      path: options.path,
      inputShape: options.inputShape,
      extraInputs: options.extraInputs,
      set: options.set,
      loader: options.loader,
    };
    let modelError: unknown;
    try {
      const model = analyzeModel(text, { ...modelOptions, literalSequentialToLab: true, layersToLab: true });
      if (model) return model;
    } catch (e) {
      // Code the model trace cannot read may still be a layer or optimizer the other readers know.
      if (!(e instanceof NotUnderstood)) throw e;
      modelError = e;
    }
    const ctx = fileContext(text, parsePython(text));
    let found: AnyRecognition | undefined;
    try {
      found = recognizeIn(ctx, from, to, options);
    } catch (e) {
      let fallback: ModelRecognition | undefined;
      try {
        fallback = modelError ? undefined : analyzeModel(text, modelOptions);
      } catch {
        // The model trace cannot read it either: the first reader's message stands.
      }
      if (fallback && !fallback.traceError) return fallback;
      throw e;
    }
    if (found && !('error' in found) && found.kind === 'conv') {
      const fed = inputFromModel(text, found as ConvRecognition, modelOptions);
      let conv = found as ConvRecognition;
      if (fed && !options.inputShape && fed.shape.join() !== conv.inputShape.join()) {
        const again = recognizeIn(ctx, from, to, { ...options, inputShape: fed.shape });
        if (again && !('error' in again) && again.kind === 'conv') {
          conv = again as ConvRecognition;
          conv.inputShapeSource = 'code';
          conv.inputShapeAssumed = false;
          conv.notes = [fed.note, ...(conv.notes ?? [])];
        }
      }
      if (fed) preferTracedArguments(conv, fed);
      return withLabDefaults(conv, options);
    }
    if (found) return withLabDefaults(found, options);
    if (modelError) throw modelError;
    // A cursor elsewhere on a statement (`self.conv1 = nn.Conv2d(...)` with the cursor on
    // `self`) means the statement: try its whole range.
    const statement = from === to ? statementAt(ctx.tree.resolveInner(from, 1)) : undefined;
    const whole = statement && recognizeIn(ctx, statement.from, statement.to, options);
    if (whole) return withLabDefaults(whole, options);
    const foreign = foreignCall(ctx, statement ?? { from, to });
    return { error: foreign ? `${foreign}\n${NOTHING_RECOGNIZED}` : NOTHING_RECOGNIZED };
  } catch (e) {
    return { error: userMessage(e) };
  }
}

/**
 * The message a person sees for a failure: ours are sentences (ComputeError and the readers'
 * Errors); a JavaScript TypeError or ReferenceError is a bug in ML Lens and is never shown as if
 * it said something about the code.
 */
export function userMessage(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return 'The code nests too deeply for ML Lens to read it (the reader ran out of stack); select a smaller part.';
  if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError) {
    return `ML Lens could not read this code because of an internal error (a bug in ML Lens, not in your code): ${e.name}. Please report it with the code selected.`;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
