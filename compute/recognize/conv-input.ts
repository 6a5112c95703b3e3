/**
 * The input shape of a conv stack: given as an option, written in the code (a tensor factory such
 * as `torch.randn(8, 3, 32, 32)`, Keras `input_shape=` or `keras.Input(shape=...)`), written in a
 * comment (`# x: (N, 3, 224, 224)`), or assumed from the first layer and said so.
 */
import type { SyntaxNode } from '@lezer/common';
import { CONV_OPS } from '../conv/layer';
import type { LayerFramework } from './frameworks';
import { callsIn, nodeText, type Literal, type PyCall } from '../python/syntax';
import type { Entry } from './conv-args';
import { evaluate, type FileContext } from './values';

/** Where the input shape came from: 'option', 'code' (a tensor or input_shape), 'comment' or 'assumed'. */
export type InputShapeSource = 'option' | 'code' | 'comment' | 'assumed';

export interface StackOptions {
  from: number;
  to: number;
  inputShape?: number[];
  defaultInputShape?: number[];
}

const DEFAULT_SPATIAL: Record<number, number[]> = { 1: [1024], 2: [224, 224], 3: [16, 112, 112] };

export const shapeOf = (v: Literal): number[] | undefined =>
  Array.isArray(v) && v.length >= 1 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 1) ? (v as number[]) : undefined;

/** Keras/Flax channels-last (N, *spatial, C) → NCHW. */
export const toNCHW = (s: number[]): number[] => [s[0], s[s.length - 1], ...s.slice(1, -1)];

const KERAS_INPUT = /^(?:(?:tf\.|tensorflow\.)?keras\.|(?:(?:tf\.|tensorflow\.)?keras\.)?layers\.)?Input$/;

/**
 * The Keras functional API: in `layers.Conv2D(32, 3)(inputs)` the layer is applied to `inputs`;
 * when that name is bound once to `keras.Input(shape=(28, 28, 1))` (batch_size optional), its
 * channels-last shape with the batch is the layer's input.
 */
export function appliedInput(ctx: FileContext, call: PyCall): number[] | undefined {
  const outer = call.node.parent;
  if (outer?.name !== 'CallExpression' || outer.firstChild?.from !== call.node.from || outer.firstChild.to !== call.node.to) return undefined;
  const arg = outer.getChild('ArgList')?.firstChild?.nextSibling;
  if (arg?.name !== 'VariableName') return undefined;
  const bound = ctx.bindings.get(nodeText(ctx.text, arg));
  if (bound?.length !== 1 || bound[0].node.name !== 'CallExpression') return undefined;
  const input = callsIn(ctx.tree, ctx.text, bound[0].node.from, bound[0].node.to).find((c) => c.node.from === bound[0].node.from && KERAS_INPUT.test(c.callee));
  const shapeNode = input && (input.keywords.get('shape') ?? input.positional[0]);
  if (!input || !shapeNode) return undefined;
  try {
    const shape = shapeOf(evaluate(ctx, shapeNode));
    const batchNode = input.keywords.get('batch_size');
    const batch = batchNode ? evaluate(ctx, batchNode) : 1;
    return shape && typeof batch === 'number' && Number.isInteger(batch) && batch > 0 ? [batch, ...shape] : undefined;
  } catch {
    return undefined;
  }
}

const TENSOR_FACTORY =
  /^(torch\.(randn|rand|zeros|ones|empty)|(np|numpy|jnp|jax\.numpy)\.(zeros|ones|empty)|(np|numpy)\.random\.(randn|rand)|jax\.random\.(normal|uniform)|random\.(normal|uniform)|tf\.(zeros|ones)|tf\.random\.(normal|uniform))$/;

/** The shape of a tensor built by a literal factory call (or a name bound to one). */
export function tensorShapeOf(ctx: FileContext, node: SyntaxNode, depth = 0): number[] | undefined {
  if (depth > 4) return undefined;
  if (node.name === 'VariableName') {
    const list = ctx.bindings.get(nodeText(ctx.text, node));
    if (list?.length !== 1) return undefined;
    return tensorShapeOf(ctx, list[0].node, depth + 1);
  }
  const call =
    node.name === 'CallExpression'
      ? callsIn(ctx.tree, ctx.text, node.from, node.to).find((c) => c.node.from === node.from && c.node.to === node.to)
      : undefined;
  if (!call || !TENSOR_FACTORY.test(call.callee)) return undefined;
  try {
    const jaxRandom = /random\.(normal|uniform)$/.test(call.callee) && !call.callee.startsWith('tf') && !call.callee.startsWith('np');
    const args = jaxRandom ? call.positional.slice(1) : call.positional;
    const sizeNode = call.keywords.get('size') ?? call.keywords.get('shape');
    if (sizeNode) return shapeOf(evaluate(ctx, sizeNode));
    if (args.length === 1) {
      const v = evaluate(ctx, args[0]);
      return shapeOf(typeof v === 'number' ? [v] : v);
    }
    return shapeOf(args.map((a) => evaluate(ctx, a)));
  } catch {
    return undefined;
  }
}

const isChannelsLast = (framework: LayerFramework, callee: string): boolean => framework !== 'pytorch' && !/^torch\./.test(callee);

/** Input shapes written in the code: tensor factories bound to names, in file order. */
function codeTensors(ctx: FileContext): { shape: number[]; from: number; callee: string }[] {
  const out: { shape: number[]; from: number; callee: string }[] = [];
  for (const call of callsIn(ctx.tree, ctx.text)) {
    if (!TENSOR_FACTORY.test(call.callee)) continue;
    const shape = tensorShapeOf(ctx, call.node);
    if (shape && shape.length >= 2) out.push({ shape, from: call.node.from, callee: call.callee });
  }
  return out;
}

/** `# x: (N, 3, 224, 224)`-style comments: the batch letter becomes 1. */
function commentShapes(ctx: FileContext): { shape: number[]; from: number }[] {
  const out: { shape: number[]; from: number }[] = [];
  const re = /#[^\n]*?[([]\s*((?:[A-Za-z_]\w*|\d+)(?:\s*[,x×]\s*(?:[A-Za-z_]\w*|\d+))+)\s*[)\]]/g;
  for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
    const parts = m[1].split(/\s*[,x×]\s*/);
    if (parts.length < 3) continue;
    const [head, ...rest] = parts;
    if (!rest.every((p) => /^\d+$/.test(p))) continue;
    if (!/^(\d+|N|B|n|b|batch|bs|batch_size)$/.test(head)) continue;
    out.push({ shape: [/^\d+$/.test(head) ? Number(head) : 1, ...rest.map(Number)], from: m.index });
  }
  return out;
}

/** The input shape of `entries` (the first one's input): the option, the code, a comment, or assumed. */
export function detectInput(
  ctx: FileContext,
  entries: Entry[],
  framework: LayerFramework,
  options: StackOptions,
  notes: string[],
): { inputShape: number[]; source: InputShapeSource } {
  const channelsLast = framework !== 'pytorch';
  let inputShape = options.inputShape;
  let source: InputShapeSource = inputShape ? 'option' : 'assumed';
  const hint = framework === 'pytorch' ? entries.find((e) => e.hint)?.hint : undefined;
  const hintDims: number | undefined = hint
    ? (CONV_OPS[hint.op as keyof typeof CONV_OPS]?.dims ??
      (/([123])d$/.exec(hint.op) ? Number(/([123])d$/.exec(hint.op)![1]) : hint.op === 'linear' ? 0 : undefined))
    : undefined;
  const hintChannels = hint ? ((hint.in_channels ?? hint.num_features ?? hint.in_features) as number | undefined) : undefined;
  const fits = (shape: number[]): boolean => {
    if (hintDims !== undefined && shape.length !== hintDims + 2) return false;
    if (hintChannels !== undefined && shape[1] !== hintChannels) return false;
    return shape.length >= 2;
  };
  if (!inputShape && entries[0].tensorInput) {
    inputShape = entries[0].tensorInput;
    source = 'code';
  }
  if (!inputShape) {
    const nhwc = entries.find((e) => e.nhwcInput)?.nhwcInput;
    if (nhwc) {
      inputShape = toNCHW(nhwc);
      source = 'code';
      notes.push(`The input shape (${nhwc.slice(1).join(', ')}) in the code is channels-last (NHWC); shown here as NCHW [${inputShape.join(', ')}].`);
    }
  }
  if (!inputShape) {
    // A tensor factory in the code whose shape fits the first layer; nearest before the selection first.
    const near = (a: { from: number }, b: { from: number }) => Math.abs(a.from - options.from) - Math.abs(b.from - options.from);
    const tensors = codeTensors(ctx)
      .map((t) => ({ ...t, shape: isChannelsLast(framework, t.callee) && t.shape.length >= 3 ? toNCHW(t.shape) : t.shape }))
      .filter((t) => fits(t.shape))
      .sort(near);
    if (tensors.length) {
      inputShape = tensors[0].shape;
      source = 'code';
      if (isChannelsLast(framework, tensors[0].callee))
        notes.push(`The input ${tensors[0].callee}(...) is channels-last; shown here as NCHW [${inputShape.join(', ')}].`);
    } else {
      const comments = commentShapes(ctx)
        .filter((c) => fits(c.shape))
        .sort(near);
      if (comments.length) {
        inputShape = comments[0].shape;
        source = 'comment';
      }
    }
  }
  if (!inputShape) {
    const dims = hintDims ?? 2;
    if (dims === 0) inputShape = [options.defaultInputShape?.[0] ?? 1, hintChannels ?? 1];
    else {
      const spatial = dims === 2 && options.defaultInputShape?.length === 4 ? options.defaultInputShape.slice(2) : DEFAULT_SPATIAL[dims];
      inputShape = [options.defaultInputShape?.[0] ?? 1, hintChannels ?? (channelsLast ? 1 : (options.defaultInputShape?.[1] ?? 3)), ...spatial];
      if (channelsLast && dims === 2 && !options.defaultInputShape) inputShape = [1, 3, 224, 224];
    }
  }

  return { inputShape, source };
}
