/**
 * "Apply to code" for the conv lab: the layer calls in the user's code (one call, each layer of a
 * Sequential, or a Flax `x = nn.Conv(...)(x)` chain) rewritten with the lab's layers, in order.
 *
 * Only the argument lists of calls whose layer changed are replaced (and the class name when the
 * op family changed, e.g. Conv2d → MaxPool2d, keeping the prefix as written: `torch.nn.`,
 * `layers.`). The arguments the lab does not model (Keras `activation=`, `input_shape=`, `name=`,
 * initializers, `device=`, ...) are kept exactly as written; the lab's values are written as
 * compute/recognize/conv-codegen.ts writes them, leaving framework defaults out.
 */
import type { SyntaxNode } from '@lezer/common';
import { layerCodeParts, py } from './conv-codegen';
import type { LayerFramework } from './frameworks';
import { analyzeConvRequest } from '../conv/request';
import type { ConvLayerJson } from '../conv/layer';
import { ComputeError } from '../errors';
import type { TextEdit } from './apply';
import { flaxMaker, kerasMaker } from './frameworks';
import { recognizeRequest } from './index';
import { callsIn, literalValue, nodeText, parsePython, type PyCall } from '../python/syntax';
import { TORCH_LAYERS, torchLayerSignature } from './torch-layers';

export interface ConvEditOptions {
  /**
   * The layers as they were read from this code (the recognition the lab opened with). Calls
   * whose layer is unchanged are left alone. Without it the text is recognized again.
   */
  original?: readonly ConvLayerJson[];
  /** The lab's input shape (N, C, *spatial), for Keras/Flax 'same' padding; else the layers' own `inShape`. */
  inputShape?: readonly number[];
  /** Names the recognizer resolved to literals elsewhere in the file (`C = 64`): kept as names when the value is unchanged. */
  resolved?: Readonly<Record<string, unknown>>;
}

const SEQUENTIAL = /(^|\.)Sequential$/;
const INPUT = /(^|\.)(Input|InputLayer)$/;
const FUNCTIONAL =
  /^(?:F|torch\.nn\.functional|nn\.functional|torch)\.(conv[123]d|max_pool[123]d|avg_pool[123]d|relu|gelu|tanh|sigmoid|dropout|flatten|adaptive_avg_pool[123]d)$/;
const RESHAPE = /\.(view|reshape|flatten)$/;

/** Positional parameter order of the Keras and Flax layers the lab writes (their signatures). */
const KERAS_PARAMS: Record<string, readonly string[]> = {
  conv: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
  conv_transpose: ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
  pool: ['pool_size', 'strides', 'padding', 'data_format'],
  Dense: ['units', 'activation', 'use_bias'],
  Dropout: ['rate', 'noise_shape', 'seed'],
  Activation: ['activation'],
  LeakyReLU: ['negative_slope'],
};
const FLAX_PARAMS: Record<string, readonly string[]> = {
  Conv: ['features', 'kernel_size', 'strides', 'padding', 'input_dilation', 'kernel_dilation', 'feature_group_count', 'use_bias'],
  ConvTranspose: ['features', 'kernel_size', 'strides', 'padding', 'kernel_dilation', 'use_bias'],
  pool: ['inputs', 'window_shape', 'strides', 'padding'],
  Dense: ['features', 'use_bias'],
  Dropout: ['rate'],
};

/** Arguments the lab owns (rewritten); every other argument is kept as written. */
const MODELED: Record<LayerFramework, (name: string) => ReadonlySet<string>> = {
  pytorch: (name) => new Set((TORCH_LAYERS[name]?.params ?? []).filter((p) => p !== 'inplace' && p !== 'return_indices')),
  keras: (name) => {
    if (/^Conv(olution)?\dD$/.test(name)) return new Set(['filters', 'kernel_size', 'strides', 'padding', 'dilation_rate', 'groups', 'use_bias']);
    if (/^Conv\dDTranspose$/.test(name)) return new Set(['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'dilation_rate', 'use_bias']);
    if (/Pool/.test(name)) return new Set(['pool_size', 'strides', 'padding']);
    return new Set({ Dense: ['units', 'use_bias'], Dropout: ['rate'], LeakyReLU: ['negative_slope', 'alpha'], Activation: ['activation'] }[name] ?? []);
  },
  flax: (name) => {
    if (name === 'Conv') return new Set(['features', 'kernel_size', 'strides', 'padding', 'kernel_dilation', 'feature_group_count', 'use_bias']);
    if (name === 'ConvTranspose') return new Set(['features', 'kernel_size', 'strides', 'padding', 'kernel_dilation', 'use_bias']);
    if (/_pool$/.test(name)) return new Set(['inputs', 'window_shape', 'strides', 'padding', 'count_include_pad']);
    return new Set({ Dense: ['features', 'use_bias'], Dropout: ['rate'] }[name] ?? []);
  },
};

function positionalParams(framework: LayerFramework, name: string): readonly string[] {
  if (framework === 'pytorch') return TORCH_LAYERS[name]?.params ?? [];
  if (framework === 'keras') {
    if (/^Conv(olution)?\dD$/.test(name)) return KERAS_PARAMS.conv;
    if (/^Conv\dDTranspose$/.test(name)) return KERAS_PARAMS.conv_transpose;
    if (/Pool/.test(name)) return KERAS_PARAMS.pool;
    return KERAS_PARAMS[name] ?? [];
  }
  if (/_pool$/.test(name)) return FLAX_PARAMS.pool;
  return FLAX_PARAMS[name] ?? [];
}

interface Site {
  call: PyCall;
  /** Layers this call stands for (Keras global pooling: 2; a Keras Input: 0). */
  count: number;
  /** A constructor the lab can rewrite (not a functional call). */
  editable: boolean;
}

const lastName = (callee: string) => callee.slice(callee.lastIndexOf('.') + 1);

/** The layer calls in the text, in order, as the recognizer reads them. */
function layerSites(text: string, framework: LayerFramework): Site[] {
  const sites: Site[] = [];
  for (const call of callsIn(parsePython(text), text)) {
    if (SEQUENTIAL.test(call.callee)) continue;
    // Calls inside a layer's arguments (e.g. an initializer) are not layers.
    if (sites.some((s) => s.call.node.from < call.node.from && call.node.to <= s.call.node.to)) continue;
    const known = framework === 'pytorch' ? torchLayerSignature(call.callee) : framework === 'keras' ? kerasMaker(call.callee) : flaxMaker(call.callee);
    if (known) {
      sites.push({ call, count: /^Global\w+Pooling\dD$/.test(lastName(call.callee)) ? 2 : 1, editable: true });
    } else if (framework === 'keras' && INPUT.test(call.callee)) {
      continue;
    } else if (framework === 'pytorch' || RESHAPE.test(call.callee)) {
      if (functionalLayer(text, call)) sites.push({ call, count: 1, editable: false });
    }
  }
  return sites;
}

/** F.conv2d(x, w), F.relu(x), torch.flatten(x, 1), x.view(x.size(0), -1): as the recognizer reads them (recognize/conv.ts). */
function functionalLayer(text: string, call: PyCall): boolean {
  const m = FUNCTIONAL.exec(call.callee);
  if (m)
    return (
      !(m[1] === 'flatten' && !call.callee.startsWith('torch.')) &&
      !(call.callee.startsWith('torch.') && /conv|pool/.test(m[1]) && !call.callee.includes('functional'))
    );
  const reshape = RESHAPE.exec(call.callee);
  if (!reshape || call.positional.length < 1) return false;
  const squeeze = (node: SyntaxNode) => nodeText(text, node).replace(/\s/g, '');
  const last = squeeze(call.positional[call.positional.length - 1]);
  const first = squeeze(call.positional[0]);
  return (
    (reshape[1] === 'flatten' && first === '1') || (last === '-1' && call.positional.length === 2) || /^\((.*\.(shape\[0\]|size\(0\))|-?\d+),-1\)$/.test(first)
  );
}

/** The code a layer would be written as: equal codes mean an unchanged layer. */
function codeKey(layer: ConvLayerJson | undefined, framework: LayerFramework, inShape: number[] | undefined): string | undefined {
  if (!layer) return undefined;
  try {
    const parts = layerCodeParts(layer, framework, { inShape });
    return JSON.stringify([parts.pieces, parts.comments]);
  } catch {
    return undefined;
  }
}

function inShapesOf(layers: readonly ConvLayerJson[], inputShape: readonly number[] | undefined): (number[] | undefined)[] {
  const own = layers.map((l) => (Array.isArray(l.inShape) ? (l.inShape as number[]) : undefined));
  const start = inputShape ?? own[0];
  if (!start) return own;
  try {
    return analyzeConvRequest({ kind: 'conv', layers: [...layers], inputShape: [...start] }).layers.map((l) => l.inShape);
  } catch {
    return own;
  }
}

function currentLayers(text: string, inputShape: readonly number[] | undefined): ConvLayerJson[] | undefined {
  const r = recognizeRequest(text, inputShape ? { inputShape: [...inputShape] } : {});
  return 'error' in r || r.kind !== 'conv' ? undefined : (r.layers as ConvLayerJson[]);
}

/**
 * The edits that write `layers` (the lab's, PyTorch-named) into the layer calls of `text` (the
 * selection the lab was opened from). Throws ComputeError when the code no longer matches the
 * lab (another number of layers, a layer turned into something else) or a value cannot be
 * written in place in this framework (e.g. Keras padding that needs a ZeroPadding layer).
 */
export function convEdit(text: string, layers: readonly ConvLayerJson[], framework: LayerFramework, options: ConvEditOptions = {}): TextEdit[] {
  const sites = layerSites(text, framework);
  const inCode = sites.reduce((n, s) => n + s.count, 0);
  if (sites.length === 0) throw new ComputeError('No layer call is there any more; select it and run Simulate Selection again.');
  if (inCode !== layers.length) {
    throw new ComputeError(
      `The code has ${inCode} layer${inCode === 1 ? '' : 's'} but the lab has ${layers.length}; select the code and run Simulate Selection again.`,
    );
  }
  const original =
    options.original && options.original.length === layers.length
      ? options.original
      : currentLayers(text, options.inputShape ?? (layers[0]?.inShape as number[] | undefined));
  const labShapes = inShapesOf(layers, options.inputShape);
  const oldShapes = original ? inShapesOf(original, options.inputShape ?? labShapes[0]) : [];
  const edits: TextEdit[] = [];
  let index = 0;
  for (const site of sites) {
    const range = Array.from({ length: site.count }, (_, k) => index + k);
    index += site.count;
    const unchanged =
      original &&
      range.every((i) => {
        const a = codeKey(layers[i], framework, labShapes[i]);
        return a !== undefined && a === codeKey(original[i], framework, oldShapes[i]);
      });
    if (unchanged) continue;
    const where = `Layer ${range[0] + 1} (${site.call.callee})`;
    if (!site.editable) throw new ComputeError(`${where} is a function call with its input; change it in the code by hand.`);
    if (site.count !== 1) throw new ComputeError(`${where} stands for ${site.count} layers; change it in the code by hand.`);
    edits.push(...callEdits(text, site.call, layers[range[0]], framework, labShapes[range[0]], where, options.resolved ?? {}));
  }
  return edits;
}

function callEdits(
  text: string,
  call: PyCall,
  layer: ConvLayerJson,
  framework: LayerFramework,
  inShape: number[] | undefined,
  where: string,
  resolved: Readonly<Record<string, unknown>>,
): TextEdit[] {
  let parts: ReturnType<typeof layerCodeParts>;
  try {
    parts = layerCodeParts(layer, framework, { inShape });
  } catch (e) {
    throw new ComputeError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (parts.comments.length) throw new ComputeError(`${where}: ${parts.comments.join(' ')} Use Copy as code instead.`);
  if (parts.pieces.length !== 1) {
    throw new ComputeError(
      `${where}: in ${framework === 'pytorch' ? 'PyTorch' : framework === 'keras' ? 'Keras' : 'Flax'} this needs another layer (${parts.pieces.map((p) => p.code.replace(/\(.*$/, '')).join(' and ')}), which cannot be written into one call. Use Copy as code instead.`,
    );
  }
  const oldName = lastName(call.callee);
  const newName = lastName(parts.callee);
  const flaxFunction = (name: string) => /^[a-z]/.test(name);
  if (framework === 'flax' && flaxFunction(oldName) !== flaxFunction(newName)) {
    throw new ComputeError(
      `${where}: a Flax ${flaxFunction(oldName) ? 'function' : 'module'} cannot become nn.${newName} in place (one is applied to x, the other takes it); change it by hand or use Copy as code.`,
    );
  }
  const sameKind = sameClass(framework, oldName, newName);
  const className = sameKind ? oldName : newName;

  // Arguments kept as written: everything the lab does not model, positional ones named.
  const params = positionalParams(framework, oldName);
  const modeled = MODELED[framework](oldName);
  const kept: [string, string][] = [];
  let input: string | undefined;
  call.positional.forEach((node, i) => {
    const name = params[i];
    if (framework === 'flax' && flaxFunction(oldName) && i === 0) {
      input = nodeText(text, node);
      return;
    }
    if (name === undefined) throw new ComputeError(`${where}: argument ${i + 1} (${nodeText(text, node)}) is not one the lab knows; change it by hand.`);
    if (!modeled.has(name)) kept.push([name, nodeText(text, node)]);
  });
  for (const [name, node] of call.keywords) if (!modeled.has(name)) kept.push([name, nodeText(text, node)]);
  if (className !== oldName) {
    const refused = kept.filter(([k]) => !accepts(framework, newName, k)).map(([k]) => k);
    if (refused.length)
      throw new ComputeError(`${where}: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not an argument of ${newName}; change the code by hand.`);
  }
  const keptNames = new Set(kept.map(([k]) => k));

  // The lab's arguments: positional as the code had them (same leading parameters), the rest by name.
  const positional = framework === 'flax' && parts.takesInput ? [input ?? 'x', ...parts.args.positional.slice(1)] : [...parts.args.positional];
  const keywords = parts.args.keywords.filter(([k]) => !keptNames.has(k));
  const newParams = positionalParams(framework, newName);
  while (keywords.length && newParams[positional.length] === keywords[0][0] && call.positional.length > positional.length) {
    positional.push(keywords.shift()![1]);
  }
  // A value the code already wrote (same literal) keeps its spelling: "VALID", (3, 3), 1e-3.
  const written = new Map<string, SyntaxNode>(
    call.positional.map((node, i) => [params[i], node] as [string, SyntaxNode]).filter(([name]) => name !== undefined),
  );
  for (const [name, node] of call.keywords) written.set(name, node);
  const spelled = (name: string | undefined, value: string): string => {
    const node = name === undefined || !sameKind ? undefined : written.get(name);
    if (!node) return value;
    // A name bound elsewhere (`C`) stays a name while its value is what the lab has.
    if (node.name === 'VariableName') {
      const name = nodeText(text, node);
      return name in resolved && py(resolved[name]) === value ? name : value;
    }
    try {
      return py(literalValue(text, node)) === value ? nodeText(text, node) : value;
    } catch {
      return value;
    }
  };
  const args = [
    ...positional.map((v, i) => (framework === 'flax' && parts.takesInput && i === 0 ? v : spelled(newParams[i], v))),
    ...keywords.map(([k, v]) => `${k}=${spelled(k, v)}`),
    ...kept.map(([k, v]) => `${k}=${v}`),
  ];
  const argList = call.node.getChild('ArgList')!;
  const edits: TextEdit[] = [];
  if (className !== oldName) {
    const calleeNode = call.node.firstChild!;
    const nameNode: SyntaxNode = calleeNode.name === 'MemberExpression' ? calleeNode.lastChild! : calleeNode;
    edits.push({ from: nameNode.from, to: nameNode.to, text: className });
  }
  edits.push({ from: argList.from, to: argList.to, text: `(${args.join(', ')})` });
  return edits;
}

const KERAS_COMMON = /^(name|dtype|trainable|input_shape|batch_input_shape|input_dim|data_format)$/;
const KERAS_WEIGHTS = /^(activation|kernel_\w+|bias_\w+|activity_regularizer)$/;
const FLAX_COMMON = /^(name|parent|dtype|param_dtype|precision|kernel_init|bias_init|mask)$/;

/** Whether the class `name` takes the argument `arg` the code passes (kept when the class changes). */
function accepts(framework: LayerFramework, name: string, arg: string): boolean {
  if (MODELED[framework](name).has(arg)) return true;
  if (framework === 'pytorch') return (TORCH_LAYERS[name]?.params.includes(arg) ?? false) || (/^Conv/.test(name) && (arg === 'device' || arg === 'dtype'));
  if (framework === 'keras') return KERAS_COMMON.test(arg) || (/^Conv/.test(name) && KERAS_WEIGHTS.test(arg));
  return /^[A-Z]/.test(name) && (FLAX_COMMON.test(arg) || (name === 'ConvTranspose' && arg === 'transpose_kernel'));
}

/** The code's class still names the lab's op (Keras aliases such as MaxPool2D count as the same). */
function sameClass(framework: LayerFramework, oldName: string, newName: string): boolean {
  if (oldName === newName) return true;
  if (framework !== 'keras') return false;
  const canon = (n: string) =>
    n
      .replace(/^Convolution/, 'Conv')
      .replace(/^MaxPool(\d)D$/, 'MaxPooling$1D')
      .replace(/^AvgPool(\d)D$/, 'AveragePooling$1D');
  return canon(oldName) === canon(newName);
}
