/**
 * The model input a whole-model trace feeds the forward pass: the user's, one written in the file
 * (a tensor passed to the model, a shape comment, a tensor that fits the first layer, keras.Input),
 * or one assumed from the first layer and said so.
 */
import type { SyntaxNode } from '@lezer/common';
import { nodeText } from '../python/syntax';
import { parseTree } from './interp';
import type { ModelRecognition } from './model-types';
import { ClassV, InstanceV, LayerV, type FileNS, type ModuleValue } from './objects';
import { isModuleClass } from './trace-targets';
import { TensorV, type Dim, type RfAxis } from './values';

/** The input of a trace, with its receptive-field start (spatial axes) and where it came from. */
export interface ModelInput {
  shape: Dim[];
  rf?: RfAxis[];
  source: ModelRecognition['inputShapeSource'];
  notes: string[];
  /**
   * Whether the input is the model's own: the user's, passed to it in the file, a comment in its
   * class, or a Keras/Flax input the model declares. Not for an override, an assumed input, or a
   * tensor written elsewhere in the file (a mismatch may then be the input's, not the model's).
   */
  own: boolean;
}

/** What the choice reads of the session. */
export interface InputContext {
  main: FileNS;
  /** The input the user gave (ModelOptions.inputShape). */
  given?: Dim[];
  /** Session.inputOverride: used instead of a written or assumed one (PyTorch only). */
  override?: Dim[];
  /** The factory the root was built by, to find the tensor the file passes to its model. */
  factoryName?: string;
  /** The module-level variable the root was assigned to (`block = AttentionBlock(64, 4)`): what the file calls it by. */
  variable?: string;
  modulesOf: (m: ModuleValue) => ModuleValue[];
  lineOf: (offset: number) => number;
}

/** The model input: the user's, one written in the file, or assumed from the first layer. */
export function chooseInput(root: ModuleValue, framework: ModelRecognition['framework'], ctx: InputContext): ModelInput {
  if (framework !== 'pytorch') return channelsLastInput(root, ctx);
  // The first layer that says what it takes (channels, features, tokens), in registration order.
  const layersOf = ctx.modulesOf(root).filter((m): m is LayerV => m instanceof LayerV);
  const first =
    layersOf.find((l) => ['in_channels', 'num_features', 'in_features', 'num_embeddings', 'input_size', 'd_model', 'embed_dim'].some((k) => k in l.args)) ??
    layersOf[0];
  const op = first?.rule.op ?? '';
  const convNet = layersOf.some((l) => /conv|pool/.test(l.rule.op));
  const spatialOf = (shape: Dim[]) =>
    convNet && shape.length >= 3 && shape.length <= 5 ? shape.slice(2).map(() => ({ size: 1, jump: 1, left: 0 })) : undefined;
  if (ctx.given) return { own: true, shape: ctx.given, rf: spatialOf(ctx.given), source: 'option', notes: [] };
  if (ctx.override) return { own: false, shape: ctx.override, rf: spatialOf(ctx.override), source: 'assumed', notes: [] };
  const own = root instanceof InstanceV && root.cls.node && root.cls.file === ctx.main ? root.cls.node : undefined;
  // A tensor the file feeds this model: `model = Net(); model(torch.randn(64, 1, 28, 28))`.
  const tied = root instanceof InstanceV ? tiedTensorShape(ctx.main.text, parseTree(ctx.main), root.cls.name, ctx.factoryName, ctx.variable) : undefined;
  if (tied && fits(tied.shape, first)) {
    return {
      own: true,
      shape: tied.shape,
      rf: spatialOf(tied.shape),
      source: 'code',
      notes: [`The input [${tied.shape.join(', ')}] is the tensor the file passes to the model on line ${ctx.lineOf(tied.at)}.`],
    };
  }
  // A comment in the model's own class (`# x: (N, 1, 28, 28)` in forward); one elsewhere only when the file has no other model.
  const fromComment = commentShape(ctx.main.text, first, own);
  if (fromComment && (fromComment.inside || moduleClassCount(ctx.main) === 1)) {
    return {
      own: fromComment.inside,
      shape: fromComment.shape,
      rf: spatialOf(fromComment.shape),
      source: 'comment',
      notes: fromComment.inside ? [] : [`The input [${fromComment.shape.join(', ')}] is the comment on line ${ctx.lineOf(fromComment.at)}.`],
    };
  }
  const fromCode = codeTensorShape(ctx.main.text, first);
  if (fromCode)
    return {
      own: false,
      shape: fromCode.shape,
      rf: spatialOf(fromCode.shape),
      source: 'code',
      notes: [
        `The input [${fromCode.shape.join(', ')}] is the tensor built on line ${ctx.lineOf(fromCode.at)}, which fits the first layer (the file does not say it is this model's).`,
      ],
    };
  const a = first?.args ?? {};
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  let shape: Dim[];
  const dims = /([123])d$/.exec(op)?.[1];
  if (/^conv_transpose/.test(op)) shape = ['N', num(a.in_channels) ?? 'C', ...Array.from({ length: Number(dims) }, () => 1)];
  else if (/conv|pool|batch_norm|instance_norm/.test(op) && dims)
    shape = ['N', num(a.in_channels) ?? num(a.num_features) ?? 3, ...(dims === '1' ? [1024] : dims === '2' ? [224, 224] : [16, 112, 112])];
  else if (op === 'embedding') shape = ['N', 32];
  else if (op === 'linear') shape = ['N', num(a.in_features) ?? 'D'];
  else if (/lstm|gru|rnn/.test(op)) shape = a.batch_first === true ? ['N', 32, num(a.input_size) ?? 'D'] : [32, 'N', num(a.input_size) ?? 'D'];
  else if (/transformer|multi_head_attention/.test(op))
    shape = a.batch_first === true ? ['N', 32, num(a.d_model) ?? num(a.embed_dim) ?? 'D'] : [32, 'N', num(a.d_model) ?? num(a.embed_dim) ?? 'D'];
  else shape = ['N', 3, 224, 224];
  return {
    own: false,
    shape,
    rf: spatialOf(shape),
    source: 'assumed',
    notes: [`The input [${shape.join(', ')}] is assumed from the first layer (${first?.className ?? 'none'}); enter the real one in the lab or with --input.`],
  };
}

/**
 * The input of a Keras or Flax model (channels-last): the user's; keras.Input or input_shape= in
 * the code; a `jnp.ones((1, 28, 28, 1))`-style array in the file; else assumed and said so.
 */
function channelsLastInput(root: ModuleValue, ctx: InputContext): ModelInput {
  const withRf = (shape: Dim[]) => (shape.length >= 3 && shape.length <= 5 ? shape.slice(1, -1).map(() => ({ size: 1, jump: 1, left: 0 })) : undefined);
  if (ctx.given) return { own: true, shape: ctx.given, rf: withRf(ctx.given), source: 'option', notes: [] };
  if (root instanceof InstanceV) {
    const declared = root.attrs.get('declaredInput') ?? root.attrs.get('inputs');
    if (declared instanceof TensorV) return { own: true, shape: declared.shape, rf: withRf(declared.shape), source: 'code', notes: [] };
  }
  const layers = ctx.modulesOf(root).filter((m): m is LayerV => m instanceof LayerV);
  const declared = layers.find((l) => l.declaredInput)?.declaredInput;
  if (declared) return { own: true, shape: declared, rf: withRf(declared), source: 'code', notes: [] };
  const written = /(?:jnp|np|numpy|jax\.numpy|tf)\.(?:ones|zeros)\(\s*[([]\s*(\d+(?:\s*,\s*\d+){1,4})\s*[)\]]/.exec(ctx.main.text);
  if (written) {
    const shape = written[1].split(',').map((d) => Number(d.trim()));
    return {
      own: false,
      shape,
      rf: withRf(shape),
      source: 'code',
      notes: [`The input [${shape.join(', ')}] is the array written in the file (line ${ctx.lineOf(written.index)}).`],
    };
  }
  const first = layers[0];
  const cin = first && typeof first.args.in_features === 'number' ? first.args.in_features : 3;
  const shape: Dim[] = first && /dense|linear/i.test(first.className) ? ['N', cin] : ['N', 224, 224, cin];
  return {
    own: false,
    shape,
    rf: withRf(shape),
    source: 'assumed',
    notes: [`The input [${shape.join(', ')}] (channels-last) is assumed; enter the real one in the lab or with --input.`],
  };
}

/** Module classes defined in the main file. */
function moduleClassCount(main: FileNS): number {
  let n = 0;
  for (const v of main.globals.values()) if (v instanceof ClassV && v.file === main && isModuleClass(v)) n++;
  return n;
}

/** Whether a written input shape can be the first layer's input at all (its rank). */
export function fits(shape: Dim[], first: LayerV | undefined): boolean {
  if (!first) return true;
  const op = first.rule.op;
  const rank = /([123])d$/.exec(op)?.[1];
  if (rank && /conv|pool|norm/.test(op)) return shape.length === Number(rank) + 2;
  if (op === 'embedding') return shape.length <= 2;
  if (/lstm|gru|rnn/.test(op)) return shape.length === 3 || shape.length === 2;
  if (op === 'linear') return shape.length >= 2 && shape.length <= 3;
  return true;
}

/**
 * The tensor the file passes to this model: `Net()(x)`, or `m(x)` / `m.forward(x)` with
 * `m = Net(...)` or `m = factory(...)`, where `x` is a tensor factory call with literal sizes or a
 * name bound to one.
 */
function tiedTensorShape(text: string, top: SyntaxNode, className: string, factory?: string, variable?: string): { shape: Dim[]; at: number } | undefined {
  const builders = new Set([className, ...(factory ? [factory] : [])]);
  // The traced model's own variable, when it was built with arguments at module level.
  const models = new Set<string>(variable ? [variable] : []);
  const tensors = new Map<string, string>();
  const factoryCall = /^torch\.(?:randn|rand|zeros|ones|empty)\(\s*[([]?\s*(\d+(?:\s*,\s*\d+)*)\s*[)\]]?\s*[,)]/;
  const builtAsTraced = (call: SyntaxNode): boolean => {
    const callee = call.firstChild;
    const args = call.getChild('ArgList');
    return !!callee && !!args && builders.has(nodeText(text, callee).replace(/^.*\./, '')) && nodeText(text, args).replace(/\s/g, '') === '()';
  };
  top.cursor().iterate((ref) => {
    if (ref.name !== 'AssignStatement') return undefined;
    // `x = torch.randn(...)`, and `images, labels = torch.randn(...), torch.randint(...)` pairwise.
    const targets: SyntaxNode[] = [];
    const values: SyntaxNode[] = [];
    let c = ref.node.firstChild;
    for (; c && c.name !== 'AssignOp'; c = c.nextSibling) if (c.name !== ',') targets.push(c);
    for (c = c?.nextSibling ?? null; c; c = c.nextSibling) if (c.name !== ',') values.push(c);
    if (targets.length !== values.length) return undefined;
    targets.forEach((target, i) => {
      if (target.name !== 'VariableName') return;
      const value = values[i];
      const name = nodeText(text, target);
      // Only a model built as the traced one is (`Net()`, `resnet50()`): other arguments build another model.
      if (value.name === 'CallExpression' && builtAsTraced(value)) models.add(name);
      const v = nodeText(text, value);
      if (factoryCall.test(v)) tensors.set(name, v);
    });
    return undefined;
  });
  let found: { shape: Dim[]; at: number } | undefined;
  top.cursor().iterate((ref) => {
    if (found || ref.name !== 'CallExpression') return found ? false : undefined;
    const callee = ref.node.firstChild;
    const args = ref.node.getChild('ArgList');
    if (!callee || !args) return undefined;
    const c = nodeText(text, callee).replace(/\.forward$/, '');
    const isModel = (callee.name === 'VariableName' && models.has(c)) || (callee.name === 'CallExpression' && builtAsTraced(callee));
    if (!isModel) return undefined;
    const arg = args.firstChild?.nextSibling;
    if (!arg || arg.name === ')') return undefined;
    const source = arg.name === 'VariableName' ? tensors.get(nodeText(text, arg)) : nodeText(text, arg);
    const m = source ? factoryCall.exec(source) : null;
    if (m) found = { shape: m[1].split(',').map((d) => Number(d.trim())), at: ref.node.from };
    return undefined;
  });
  return found;
}

/** A tensor built in the file with literal sizes (`torch.randn(8, 3, 32, 32)`) whose rank and channels fit the first layer. */
function codeTensorShape(text: string, first: LayerV | undefined): { shape: Dim[]; at: number } | undefined {
  const want = first ? (first.args.in_channels ?? first.args.num_features ?? first.args.in_features) : undefined;
  const rank = first ? /([123])d$/.exec(first.rule.op)?.[1] : undefined;
  const re = /torch\.(?:randn|rand|zeros|ones|empty)\(\s*[([]?\s*(\d+(?:\s*,\s*\d+)+)\s*[)\]]?\s*[,)]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const shape = m[1].split(',').map((d) => Number(d.trim()));
    if (typeof want === 'number' && shape[1] !== want && !(first?.rule.op === 'linear' && shape[shape.length - 1] === want)) continue;
    if (rank && shape.length !== Number(rank) + 2) continue;
    if (!rank && first?.rule.op !== 'linear') continue;
    return { shape, at: m.index };
  }
  return undefined;
}

/** `# x: (N, 3, 224, 224)` or a docstring `Input: (N, 3, 32, 32)` whose channels fit the first layer. */
function commentShape(text: string, first: LayerV | undefined, own?: { from: number; to: number }): { shape: Dim[]; at: number; inside: boolean } | undefined {
  let outside: { shape: Dim[]; at: number; inside: boolean } | undefined;
  const re = /(?:#|Input:|input:|Shape:)[^\n]*?[([]\s*((?:[A-Za-z_]\w*|\d+)(?:\s*[,x×]\s*(?:[A-Za-z_]\w*|\d+))+)\s*[)\]]/g;
  const want = first ? (first.args.in_channels ?? first.args.num_features) : undefined;
  const rank = first ? /([123])d$/.exec(first.rule.op)?.[1] : undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const parts = m[1].split(/\s*[,x×]\s*/);
    if (parts.length < 3) continue;
    const [head, ...rest] = parts;
    if (!rest.every((p) => /^\d+$/.test(p))) continue;
    if (!/^(\d+|N|B|n|b|batch|bs|batch_size)$/.test(head)) continue;
    const shape: Dim[] = [/^\d+$/.test(head) ? Number(head) : 'N', ...rest.map(Number)];
    if (typeof want === 'number' && shape[1] !== want) continue;
    if (rank && shape.length !== Number(rank) + 2) continue;
    if (!fits(shape, first)) continue;
    const inside = !!own && own.from <= m.index && m.index < own.to;
    if (inside) return { shape, at: m.index, inside };
    outside ??= { shape, at: m.index, inside };
  }
  return outside;
  return undefined;
}
