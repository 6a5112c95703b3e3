/**
 * Layer stacks from a selection: single layer calls, whole `nn.Sequential(...)` /
 * `keras.Sequential([...])` blocks, runs of `self.x = nn.…` lines, Flax `nn.Conv(...)(x)` chains,
 * and PyTorch functional calls with literal arguments. The input shape comes from the user, from
 * the code (`torch.randn(8, 3, 32, 32)`, `input_shape=(28, 28, 1)`, `# x: (N, 3, 224, 224)`), or
 * is assumed and said so.
 */
import type { SyntaxNode } from '@lezer/common';
import { CONV_OPS, type ConvLayerJson } from '../conv/layer';
import { analyzeConvRequest, type ConvResult } from '../conv/request';
import { flaxMaker, kerasMaker, type Args, type LayerFramework, type Made } from './frameworks';
import { callsIn, nodeText, NotLiteral, type Literal, type PyCall } from '../python/syntax';
import { bindTorchLayer, torchLayerSignature } from './torch-layers';
import { evaluate, parameterNames, Unresolved, withArguments, type FileContext } from './values';

export interface ConvRecognition extends ConvResult {
  framework: LayerFramework;
  inputShapeAssumed: boolean;
  /** Where the input shape came from: 'option', 'code' (a tensor or input_shape), 'comment' or 'assumed'. */
  inputShapeSource?: 'option' | 'code' | 'comment' | 'assumed';
  /** Names in the selection resolved to literals assigned elsewhere in the file. */
  resolved?: Record<string, Literal>;
  warnings?: string[];
  notes?: string[];
  /** Offsets of the recognized code. */
  source: { from: number; to: number };
}

interface Entry {
  call: PyCall;
  framework: LayerFramework;
  /** Builds the layers given the NCHW shape flowing in. */
  make(shape: number[]): Made;
  /** What the layer says about its input without a shape (PyTorch layers). */
  hint?: ConvLayerJson;
  /** A channels-last input shape written on the layer (Keras input_shape=...). */
  nhwcInput?: number[];
  /** The NCHW shape of a functional call's input tensor, when it is a literal factory. */
  tensorInput?: number[];
}

const DEFAULT_SPATIAL: Record<number, number[]> = { 1: [1024], 2: [224, 224], 3: [16, 112, 112] };
const SEQUENTIAL = /^(nn\.|torch\.nn\.|keras\.|tf\.keras\.|keras\.models\.|tf\.keras\.models\.|models\.)?Sequential$/;

export function detectFrameworks(text: string): Set<LayerFramework> {
  const found = new Set<LayerFramework>();
  if (/\b(import\s+torch|from\s+torch|torch\.)/.test(text)) found.add('pytorch');
  if (/\b(keras|tensorflow)\b/.test(text)) found.add('keras');
  if (/\b(flax|linen)\b/.test(text)) found.add('flax');
  return found;
}

export function readArgs(ctx: FileContext, call: PyCall): Args {
  const read = (node: SyntaxNode, what: string): Literal => {
    try {
      return evaluate(ctx, node);
    } catch (e) {
      if (e instanceof Unresolved) throw new Error(`${call.callee}: ${what}: ${e.message}.`);
      if (e instanceof NotLiteral)
        throw new Error(
          `${call.callee}: ${what} is ${e.message}, not a literal; only literal arguments (or names assigned one literal in this file) can be simulated.`,
        );
      throw e;
    }
  };
  return {
    positional: call.positional.map((n, i) => read(n, `argument ${i + 1}`)),
    keywords: new Map([...call.keywords].map(([k, n]) => [k, read(n, `"${k}"`)])),
  };
}

const shapeOf = (v: Literal): number[] | undefined =>
  Array.isArray(v) && v.length >= 1 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 1) ? (v as number[]) : undefined;

/** Keras/Flax channels-last (N, *spatial, C) → NCHW. */
export const toNCHW = (s: number[]): number[] => [s[0], s[s.length - 1], ...s.slice(1, -1)];

function torchEntry(ctx: FileContext, call: PyCall): Entry | undefined {
  const sig = torchLayerSignature(call.callee);
  if (!sig) return undefined;
  let bound: ReturnType<typeof bindTorchLayer> | undefined;
  const get = () => {
    if (!bound) {
      const { positional, keywords } = readArgs(ctx, call);
      bound = bindTorchLayer(sig, positional, keywords);
    }
    return bound;
  };
  return {
    call,
    framework: 'pytorch',
    make: () => ({ layers: [get().layer], defaultsUsed: get().defaultsUsed, warnings: [], notes: [] }),
    get hint() {
      return get().layer;
    },
  };
}

/** F.conv2d(x, w, ...), F.max_pool2d(x, 2), F.relu(x), torch.flatten(x, 1), x.view(x.size(0), -1). */
function functionalEntry(ctx: FileContext, call: PyCall): Entry | undefined {
  const m =
    /^(?:F|torch\.nn\.functional|nn\.functional|torch)\.(conv[123]d|max_pool[123]d|avg_pool[123]d|relu|gelu|tanh|sigmoid|dropout|flatten|adaptive_avg_pool[123]d)$/.exec(
      call.callee,
    );
  const reshape = /\.(view|reshape|flatten)$/.exec(call.callee);
  if (
    m &&
    !(m[1] === 'flatten' && !call.callee.startsWith('torch.')) &&
    !(call.callee.startsWith('torch.') && /conv|pool/.test(m[1]) && !call.callee.includes('functional'))
  ) {
    const op = m[1];
    // The input (and a conv's weight and bias) are tensors, not arguments to read.
    const rest = op.startsWith('conv')
      ? {
          ...call,
          positional: call.positional.slice(3),
          keywords: new Map([...call.keywords].filter(([k]) => k !== 'bias' && k !== 'weight' && k !== 'input')),
        }
      : { ...call, positional: call.positional.slice(1), keywords: new Map([...call.keywords].filter(([k]) => k !== 'input')) };
    const entry: Entry = {
      call,
      framework: 'pytorch',
      make: (shape) => {
        const args = readArgs(ctx, rest);
        if (op.startsWith('conv')) {
          const wNode = call.positional[1] ?? call.keywords.get('weight');
          const wShape = wNode ? tensorShapeOf(ctx, wNode) : undefined;
          if (!wShape)
            throw new Error(`${call.callee}: the weight's shape is unknown; assign it from a literal such as \`w = torch.randn(64, 3, 7, 7)\` in this file.`);
          const more = args.positional;
          const names = ['stride', 'padding', 'dilation', 'groups'];
          const values: Record<string, Literal> = { stride: 1, padding: 0, dilation: 1, groups: 1 };
          const defaultsUsed = names.filter((n, i) => !args.keywords.has(n) && more.length <= i);
          more.slice(0, 4).forEach((v, i) => (values[names[i]] = v));
          for (const [k, v] of args.keywords) values[k] = v;
          const groups = values.groups as number;
          const hasBias =
            (call.positional.length > 2 && nodeText(ctx.text, call.positional[2]) !== 'None') ||
            (call.keywords.has('bias') && nodeText(ctx.text, call.keywords.get('bias')!) !== 'None');
          return {
            layers: [
              {
                op,
                in_channels: wShape[1] * groups,
                out_channels: wShape[0],
                kernel_size: wShape.slice(2),
                stride: values.stride as number,
                padding: values.padding as number,
                dilation: values.dilation as number,
                groups,
                bias: hasBias,
              },
            ],
            defaultsUsed,
            warnings: [],
            notes: [],
          };
        }
        if (op.includes('pool')) {
          const sig = torchLayerSignature(`nn.${op.startsWith('max') ? 'MaxPool' : op.startsWith('avg') ? 'AvgPool' : 'AdaptiveAvgPool'}${op.slice(-2, -1)}d`)!;
          const b = bindTorchLayer(sig, args.positional, args.keywords);
          return { layers: [b.layer], defaultsUsed: b.defaultsUsed, warnings: [], notes: [] };
        }
        if (op === 'flatten')
          return {
            layers: [{ op, start_dim: (args.positional[0] ?? args.keywords.get('start_dim') ?? 0) as number }],
            defaultsUsed: [],
            warnings: [],
            notes: [],
          };
        void shape;
        return { layers: [{ op }], defaultsUsed: [], warnings: [], notes: [] };
      },
    };
    const x = call.positional[0] ?? call.keywords.get('input');
    const xShape = x ? tensorShapeOf(ctx, x) : undefined;
    if (xShape) entry.tensorInput = xShape;
    return entry;
  }
  if (reshape && call.positional.length >= 1) {
    const last = nodeText(ctx.text, call.positional[call.positional.length - 1]).replace(/\s/g, '');
    const first = nodeText(ctx.text, call.positional[0]).replace(/\s/g, '');
    const flattenCall = reshape[1] === 'flatten' && first === '1';
    const batchMinusOne = (last === '-1' && call.positional.length === 2) || /^\((.*\.(shape\[0\]|size\(0\))|-?\d+),-1\)$/.test(first);
    if (flattenCall || batchMinusOne)
      return { call, framework: 'pytorch', make: () => ({ layers: [{ op: 'flatten' }], defaultsUsed: [], warnings: [], notes: [] }) };
  }
  return undefined;
}

function frameworkEntry(ctx: FileContext, call: PyCall, frameworks: Set<LayerFramework>): Entry | undefined {
  if (
    /^(?:(?:tf\.|tensorflow\.)?keras\.|(?:(?:tf\.|tensorflow\.)?keras\.)?layers\.)?(?:Input|InputLayer)$/.test(call.callee) &&
    (call.keywords.has('shape') || call.keywords.has('input_shape') || call.positional.length)
  ) {
    const node = call.keywords.get('shape') ?? call.keywords.get('input_shape') ?? call.positional[0];
    const v = shapeOf(evaluateOrThrow(ctx, node, `${call.callee}: shape`));
    return { call, framework: 'keras', make: () => ({ layers: [], defaultsUsed: [], warnings: [], notes: [] }), ...(v ? { nhwcInput: [1, ...v] } : {}) };
  }
  const keras = kerasMaker(call.callee);
  const flax = flaxMaker(call.callee);
  const torch = torchLayerSignature(call.callee);
  // Names several frameworks share (Dropout, Flatten): the file's imports decide.
  let pick: LayerFramework | undefined;
  if (flax && (frameworks.has('flax') || !torch)) pick = 'flax';
  else if (torch && !(keras && frameworks.has('keras') && !frameworks.has('pytorch'))) pick = 'pytorch';
  else if (keras) pick = 'keras';
  if (pick === 'pytorch') return torchEntry(ctx, call);
  const maker = pick === 'flax' ? flax : pick === 'keras' ? keras : undefined;
  if (!maker) return functionalEntry(ctx, call) ?? helperEntry(ctx, call, frameworks);
  let args: Args | undefined;
  const get = () => (args ??= readArgs(ctx, pick === 'flax' ? stripInputArg(call) : call));
  const entry: Entry = { call, framework: pick!, make: (shape) => maker(get(), shape, call.callee) };
  const inputShape = call.keywords.get('input_shape');
  if (inputShape) {
    const v = shapeOf(evaluateOrThrow(ctx, inputShape, `${call.callee}: input_shape`));
    if (v) entry.nhwcInput = [1, ...v];
  }
  if (!entry.nhwcInput && pick === 'keras') {
    const applied = appliedInput(ctx, call);
    if (applied) entry.nhwcInput = applied;
  }
  return entry;
}

/** Helpers currently being read (a helper that calls itself is not followed). */
const readingHelpers = new Set<number>();

/**
 * A call of a helper defined in the file whose body returns one layer call, as torchvision's
 * `conv3x3(in_planes, out_planes, stride=1)` returns `nn.Conv2d(in_planes, out_planes, 3, stride,
 * padding=1, bias=False)`: the returned layer, read with the helper's parameters bound to this
 * call's arguments (missing ones take their defaults).
 */
function helperEntry(ctx: FileContext, call: PyCall, frameworks: Set<LayerFramework>): Entry | undefined {
  const def = helperDef(ctx, call.callee);
  if (!def || readingHelpers.has(def.node.from)) return undefined;
  const names = parameterNames(ctx, def.node);
  if (call.positional.length > names.length || [...call.keywords.keys()].some((k) => !names.includes(k))) return undefined;
  const args = new Map<string, SyntaxNode>();
  call.positional.forEach((node, i) => args.set(names[i], node));
  for (const [k, node] of call.keywords) args.set(k, node);
  const within = <T>(read: () => T): T => {
    readingHelpers.add(def.node.from);
    try {
      return withArguments(ctx, def.node, args, read);
    } finally {
      readingHelpers.delete(def.node.from);
    }
  };
  const inner = within(() => frameworkEntry(ctx, def.returned, frameworks));
  if (!inner) return undefined;
  return {
    call,
    framework: inner.framework,
    make: (shape) => within(() => inner.make(shape)),
    get hint() {
      return within(() => inner.hint);
    },
  };
}

/** Every def of the file by name, collected once per file (a selection may hold many calls). */
const defsOfFile = new WeakMap<FileContext, Map<string, SyntaxNode[]>>();

function defsByName(ctx: FileContext): Map<string, SyntaxNode[]> {
  let defs = defsOfFile.get(ctx);
  if (!defs) {
    const found = new Map<string, SyntaxNode[]>();
    ctx.tree.iterate({
      enter(ref) {
        if (ref.name !== 'FunctionDefinition') return;
        const id = ref.node.getChild('VariableName');
        if (!id) return;
        const name = nodeText(ctx.text, id);
        found.set(name, [...(found.get(name) ?? []), ref.node]);
      },
    });
    defs = found;
    defsOfFile.set(ctx, defs);
  }
  return defs;
}

/** A def named `name` (one in the file) whose body's only return statement returns a call. */
function helperDef(ctx: FileContext, name: string): { node: SyntaxNode; returned: PyCall } | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const defs = defsByName(ctx).get(name) ?? [];
  if (defs.length !== 1) return undefined;
  const body = defs[0].getChild('Body');
  const returns = body?.getChildren('ReturnStatement') ?? [];
  if (returns.length !== 1) return undefined;
  const value = returns[0].lastChild;
  if (value?.name !== 'CallExpression') return undefined;
  const returned = callsIn(ctx.tree, ctx.text, value.from, value.to).find((c) => c.node.from === value.from && c.node.to === value.to);
  return returned && { node: defs[0], returned };
}

/** Whether a layer call sits in a comprehension or a for loop (so the code makes several of it). */
function builtRepeatedly(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (/Comprehension|^ForStatement$/.test(n.name)) return true;
  return false;
}

const KERAS_INPUT = /^(?:(?:tf\.|tensorflow\.)?keras\.|(?:(?:tf\.|tensorflow\.)?keras\.)?layers\.)?Input$/;

/**
 * The Keras functional API: in `layers.Conv2D(32, 3)(inputs)` the layer is applied to `inputs`;
 * when that name is bound once to `keras.Input(shape=(28, 28, 1))` (batch_size optional), its
 * channels-last shape with the batch is the layer's input.
 */
function appliedInput(ctx: FileContext, call: PyCall): number[] | undefined {
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

function stripInputArg(call: PyCall): PyCall {
  // Flax functions take the input first: nn.max_pool(x, (2, 2)); its value is the input, not an argument.
  if (!/(max_pool|avg_pool|relu|gelu|tanh|sigmoid)$/.test(call.callee)) return call;
  return { ...call, positional: call.positional.slice(1), keywords: new Map([...call.keywords].filter(([k]) => k !== 'inputs' && k !== 'x')) };
}

function evaluateOrThrow(ctx: FileContext, node: SyntaxNode, what: string): Literal {
  try {
    return evaluate(ctx, node);
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
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

interface Picked {
  entries: Entry[];
  container?: PyCall;
  /** When the entries are some layers of a Sequential: the layers before them in it (possibly none). */
  preceding?: Entry[];
  /** What `preceding` comes from: "the Sequential" or "Stem.forward". */
  chain?: string;
  /** The module's forward applies this layer after a branch: its input is not computed from the module's. */
  branchedIn?: string;
}

function pickEntries(ctx: FileContext, from: number, to: number, frameworks: Set<LayerFramework>): Picked {
  const picked = pickEntriesRaw(ctx, from, to, frameworks);
  if (picked.container || picked.entries.length === 0) return picked;
  // Some layers inside a Sequential: also the layers before them, so the shape flowing in can be computed.
  const first = picked.entries[0].call.node;
  const last = picked.entries[picked.entries.length - 1].call.node;
  const seq = callsIn(ctx.tree, ctx.text, first.from, last.to)
    .filter((c) => SEQUENTIAL.test(c.callee) && c.node.from < first.from && last.to <= c.node.to)
    .sort((a, b) => b.node.from - a.node.from)[0];
  if (!seq) return moduleChain(ctx, picked, frameworks) ?? picked;
  const all = sequentialEntries(ctx, seq, frameworks);
  const index = all.findIndex((e) => e.call.node.from === first.from && e.call.node.to === first.to);
  if (index < 0) return picked;
  return { ...picked, preceding: all.slice(0, index), chain: 'the Sequential' };
}

/**
 * A layer assigned in an nn.Module's `__init__` (`self.maxpool = nn.MaxPool2d(...)`) whose
 * `forward` applies the layers as one chain, nested (`self.maxpool(self.relu(self.conv1(x)))`)
 * or statement by statement (`x = self.conv1(x)`, then `x = self.relu(x)`): the layers applied
 * before it, so the shape flowing into it can be computed. Anything else (branches, a module
 * without an entry, a layer used twice) gives no chain.
 */
function moduleChain(ctx: FileContext, picked: Picked, frameworks: Set<LayerFramework>): Picked | undefined {
  const first = picked.entries[0].call.node;
  const assign = first.parent;
  if (assign?.name !== 'AssignStatement') return undefined;
  const target = /^self\.(\w+)\s*=/.exec(ctx.text.slice(assign.from, first.from));
  const init = enclosingNamed(assign, 'FunctionDefinition');
  const cls = init && enclosingNamed(init.parent, 'ClassDefinition');
  if (!target || !init || !cls || functionName(ctx, init) !== '__init__') return undefined;
  const forward = cls
    .getChild('Body')
    ?.getChildren('FunctionDefinition')
    .find((f) => functionName(ctx, f) === 'forward');
  if (!forward) return undefined;
  // Calls of self.NAME in forward, in the order they run (an inner call ends first).
  const applied = callsIn(ctx.tree, ctx.text, forward.from, forward.to)
    .filter((c) => /^self\.\w+$/.test(c.callee))
    .sort((a, b) => a.node.to - b.node.to);
  const names = applied.map((c) => c.callee.slice(5));
  const at = names.indexOf(target[1]);
  if (at < 0 || names.lastIndexOf(target[1]) !== at) return undefined;
  for (let i = 1; i <= at; i++) if (!feeds(ctx, applied[i - 1], applied[i])) return { ...picked, branchedIn: `${functionName(ctx, cls)}.forward` };
  // The module's layers: self.NAME = <layer call> in __init__.
  const layers = new Map<string, Entry>();
  for (const c of callsIn(ctx.tree, ctx.text, init.from, init.to)) {
    const a = c.node.parent;
    const m = a?.name === 'AssignStatement' ? /^self\.(\w+)\s*=\s*$/.exec(ctx.text.slice(a.from, c.node.from)) : null;
    const e = m && frameworkEntry(ctx, c, frameworks);
    if (m && e) layers.set(m[1], e);
  }
  const preceding = names.slice(0, at).map((n) => layers.get(n));
  if (preceding.some((e) => !e)) return undefined;
  return { ...picked, preceding: preceding as Entry[], chain: `${functionName(ctx, cls)}.forward` };
}

/** Whether `next` takes `prev`'s output as its input: nested, or through a name assigned from it. */
function feeds(ctx: FileContext, prev: PyCall, next: PyCall): boolean {
  const arg = next.positional[0];
  if (!arg) return false;
  if (arg.from === prev.node.from && arg.to === prev.node.to) return true;
  const stmt = prev.node.parent;
  if (arg.name !== 'VariableName' || stmt?.name !== 'AssignStatement') return false;
  return new RegExp(`^${nodeText(ctx.text, arg)}\\s*=\\s*$`).test(ctx.text.slice(stmt.from, prev.node.from));
}

function enclosingNamed(node: SyntaxNode | null, name: string): SyntaxNode | undefined {
  for (let n = node; n; n = n.parent) if (n.name === name) return n;
  return undefined;
}

const functionName = (ctx: FileContext, node: SyntaxNode): string => {
  const name = node.getChild('VariableName');
  return name ? nodeText(ctx.text, name) : '';
};

function sequentialEntries(ctx: FileContext, seq: PyCall, frameworks: Set<LayerFramework>): Entry[] {
  const within = callsIn(ctx.tree, ctx.text, seq.node.from, seq.node.to).filter((c) => c.node.from >= seq.node.from && c.node.to <= seq.node.to);
  return layerCallEntries(ctx, within, frameworks);
}

function layerCallEntries(ctx: FileContext, list: PyCall[], frameworks: Set<LayerFramework>): Entry[] {
  const entries: Entry[] = [];
  for (const c of list) {
    const e = frameworkEntry(ctx, c, frameworks);
    // Skip calls nested in an argument of a layer already taken (e.g. a factory inside).
    if (e && !entries.some((p) => p.call.node.from < c.node.from && c.node.to <= p.call.node.to && !SEQUENTIAL.test(p.call.callee))) entries.push(e);
  }
  return entries;
}

function pickEntriesRaw(ctx: FileContext, from: number, to: number, frameworks: Set<LayerFramework>): Picked {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, from - 1), to);
  const layerCalls = (list: PyCall[]) => layerCallEntries(ctx, list, frameworks);
  if (from === to) {
    const around = calls.filter((c) => c.node.from <= from && from <= c.node.to);
    const layer = [...around].reverse().find((c) => frameworkEntry(ctx, c, frameworks));
    const seq = around.find((c) => SEQUENTIAL.test(c.callee));
    // On a layer inside a Sequential: that layer; on the Sequential itself (name or between layers): the block.
    if (seq && (!layer || layer.node.from < seq.node.from)) {
      return {
        entries: layerCalls(callsIn(ctx.tree, ctx.text, seq.node.from, seq.node.to).filter((c) => c.node.from >= seq.node.from && c.node.to <= seq.node.to)),
        container: seq,
      };
    }
    return { entries: layer ? layerCalls([layer]) : [] };
  }
  const inside = calls.filter((c) => c.node.to > from && c.node.from < to);
  // A Sequential overlapping the selection is taken whole.
  // A Sequential whose name the selection touches is taken whole; a selection of some of its layers takes those.
  const seq = inside.find((c) => SEQUENTIAL.test(c.callee) && from < (c.node.getChild('ArgList')?.from ?? c.node.to) + 1);
  if (seq) {
    const within = callsIn(ctx.tree, ctx.text, seq.node.from, seq.node.to).filter((c) => c.node.from >= seq.node.from && c.node.to <= seq.node.to);
    return { entries: layerCalls(within), container: seq };
  }
  return { entries: layerCalls(inside) };
}

export interface StackOptions {
  from: number;
  to: number;
  inputShape?: number[];
  defaultInputShape?: number[];
}

/** The input shape of `entries` (the first one's input): the option, the code, a comment, or assumed. */
function detectInput(
  ctx: FileContext,
  entries: Entry[],
  framework: LayerFramework,
  options: StackOptions,
  notes: string[],
): { inputShape: number[]; source: NonNullable<ConvRecognition['inputShapeSource']> } {
  const channelsLast = framework !== 'pytorch';
  let inputShape = options.inputShape;
  let source: ConvRecognition['inputShapeSource'] = inputShape ? 'option' : 'assumed';
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

/** Build the layers of `entries` in order from `inputShape`; channels-last frameworks need the shape flowing into each layer. */
function buildLayers(
  entries: Entry[],
  inputShape: number[],
  warnings: string[],
  notes: string[],
): { layers: ConvLayerJson[]; defaults: string[][]; shape: number[] } {
  const layers: ConvLayerJson[] = [];
  const defaults: string[][] = [];
  let shape = [...inputShape];
  for (const entry of entries) {
    let m: Made;
    try {
      m = entry.make(shape);
    } catch (e) {
      throw new Error(entries.length > 1 ? `Layer ${layers.length + 1} (${entry.call.callee}): ${(e as Error).message}` : (e as Error).message);
    }
    warnings.push(...m.warnings);
    notes.push(...m.notes);
    for (const l of m.layers) {
      layers.push(l);
      defaults.push(m.defaultsUsed);
    }
    if (m.layers.length) shape = analyzeConvRequest({ kind: 'conv', layers, inputShape }).layers.at(-1)!.outShape;
  }
  return { layers, defaults, shape };
}

/** The conv-lab request for the layers in the selection, or undefined when there are none. */
export function recognizeStack(ctx: FileContext, options: StackOptions): ConvRecognition | undefined {
  const frameworks = detectFrameworks(ctx.text);
  const { entries, preceding, chain: chainName = 'the Sequential', branchedIn } = pickEntries(ctx, options.from, options.to, frameworks);
  if (entries.length === 0) return undefined;
  if (entries.every((e) => /Input(Layer)?$/.test(e.call.callee))) return undefined;
  const framework = (entries.find((e) => !/Input(Layer)?$/.test(e.call.callee)) ?? entries[0]).framework;
  const warnings: string[] = [];
  const notes: string[] = [];
  const channelsLast = framework !== 'pytorch';

  let inputShape: number[];
  let source: NonNullable<ConvRecognition['inputShapeSource']>;
  const before = preceding?.filter((e) => !/Input(Layer)?$/.test(e.call.callee)) ?? [];
  if (!options.inputShape && preceding && preceding.length) {
    // A layer (or some layers) inside a Sequential: the Sequential's input through the layers before it.
    const seqNotes: string[] = [];
    const det = detectInput(ctx, [...preceding, ...entries], framework, options, seqNotes);
    try {
      const run = buildLayers(preceding, det.inputShape, [], []);
      inputShape = run.shape;
      source = det.source;
      notes.push(...seqNotes);
      if (before.length) {
        const names = before.map((e) => e.call.callee.replace(/^.*\./, '')).join(', ');
        notes.push(
          `The input [${inputShape.join(', ')}] is the shape flowing into this layer: ${chainName === 'the Sequential' ? "the Sequential's" : `${chainName}'s`} input [${det.inputShape.join(', ')}]${det.source === 'assumed' ? ' (assumed)' : det.source === 'comment' ? ' (from a comment)' : ' (from the code)'} through the ${before.length} layer${before.length > 1 ? 's' : ''} before it (${names}).`,
        );
      }
    } catch (e) {
      ({ inputShape, source } = detectInput(ctx, entries, framework, options, notes));
      notes.push(
        `The ${before.length} layer(s) before this one in ${chainName} could not be run (${(e as Error).message}), so its input is not computed from ${chainName}'s.`,
      );
    }
  } else {
    ({ inputShape, source } = detectInput(ctx, entries, framework, options, notes));
  }

  if (branchedIn && !options.inputShape) {
    warnings.push(
      `${branchedIn} applies this layer to a combination of branches, which ML Lens does not follow: the input [${inputShape.join(', ')}] ${source === 'assumed' ? 'is assumed' : 'comes from elsewhere in the file'}, not what reaches this layer. Enter the real input shape in the lab.`,
    );
  }
  const { layers, defaults } = buildLayers(entries, inputShape, warnings, notes);
  for (const e of entries) {
    if (builtRepeatedly(e.call.node)) warnings.push(`${e.call.callee} is built inside a loop or comprehension; it is shown once, not once per iteration.`);
  }
  const result = analyzeConvRequest({ kind: 'conv', layers, inputShape });
  result.layers.forEach((layer, i) => {
    Object.assign(layer, { defaultsUsed: defaults[i] });
    // Silent collapses: a spatial size of 1, or rows dropped by a floor division.
    const spatialIn = layer.inShape.slice(2);
    const spatialOut = layer.outShape.slice(2);
    if (layer.inShape.length > 2 && spatialOut.some((n) => n === 1) && spatialIn.some((n) => n > 1) && !layer.op.startsWith('adaptive')) {
      warnings.push(`Layer ${i + 1} (${layer.op}): the spatial size collapses to [${spatialOut.join(', ')}].`);
    }
    if (/^(conv[123]d|max_pool|avg_pool)/.test(layer.op) && Array.isArray(layer.stride) && Array.isArray(layer.padding)) {
      spatialIn.forEach((n, a) => {
        const k = ((layer.kernel_size as number[])[a] - 1) * ((layer.dilation as number[] | undefined)?.[a] ?? 1) + 1;
        const pad = (layer.padding as (number | number[])[])[a];
        const total = Array.isArray(pad) ? pad[0] + pad[1] : 2 * (pad as number);
        const s = (layer.stride as number[])[a];
        const left = (n + total - k) % s;
        if (s > 1 && left !== 0 && !layer.ceil_mode)
          notes.push(`Layer ${i + 1} (${layer.op}): on axis ${a} the last ${left} input sample(s) are never read (size ${n}, stride ${s}).`);
      });
    }
  });
  return {
    ...result,
    framework,
    inputShapeAssumed: source === 'assumed',
    inputShapeSource: source,
    resolved: { ...ctx.resolved },
    warnings,
    notes: notes
      .concat(channelsLast ? [`${framework === 'keras' ? 'Keras' : 'Flax'} is channels-last (NHWC); shapes here are NCHW (PyTorch order).`] : [])
      .filter((n, i, a) => a.indexOf(n) === i),
    source: { from: entries[0].call.node.from, to: entries[entries.length - 1].call.node.to },
  };
}
