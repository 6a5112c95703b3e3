/**
 * A layer call read into an Entry: a PyTorch module (`nn.Conv2d(3, 64, 3)`), a Keras or Flax
 * layer, a functional call (conv-functional.ts), or a call of a helper of the file that returns
 * one layer call (`conv3x3(64, 128, stride=2)`). Names several frameworks share go by the file's
 * imports.
 */
import type { SyntaxNode } from '@lezer/common';
import { flaxMaker, kerasMaker, type Args, type LayerFramework } from './frameworks';
import { callsIn, nodeText, type PyCall } from '../python/syntax';
import { evaluateOrThrow, readArgs, type Entry } from './conv-args';
import { functionalEntry } from './conv-functional';
import { appliedInput, shapeOf } from './conv-input';
import { bindTorchLayer, torchLayerSignature } from './torch-layers';
import { parameterNames, withArguments, type FileContext } from './values';

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

export function frameworkEntry(ctx: FileContext, call: PyCall, frameworks: Set<LayerFramework>): Entry | undefined {
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

function stripInputArg(call: PyCall): PyCall {
  // Flax functions take the input first: nn.max_pool(x, (2, 2)); its value is the input, not an argument.
  if (!/(max_pool|avg_pool|relu|gelu|tanh|sigmoid)$/.test(call.callee)) return call;
  return { ...call, positional: call.positional.slice(1), keywords: new Map([...call.keywords].filter(([k]) => k !== 'inputs' && k !== 'x')) };
}
