/**
 * PyTorch's conv and pooling constructors: their positional argument order and defaults, so a
 * call such as `nn.Conv2d(3, 64, 7, 2, 3)` maps to named arguments with the defaults listed.
 */
import type { ConvLayerJson } from '../conv/layer';
import type { Literal } from '../python/syntax';
import { torchLayerRule } from '../program/torch-table';

interface Signature {
  op: string;
  /** Argument names in PyTorch's positional order. */
  params: readonly string[];
  /** Defaults of the optional arguments (`null` is PyTorch's None). */
  defaults: Readonly<Record<string, Literal>>;
}

/**
 * The layers the conv lab computes (conv, pooling, and the shape-only layers of a stack). Their
 * positional orders and defaults come from the one PyTorch table (compute/program/torch-table.ts)
 * that the whole-model trace also reads.
 */
const LAB_LAYERS = [
  'Conv1d',
  'Conv2d',
  'Conv3d',
  'ConvTranspose1d',
  'ConvTranspose2d',
  'ConvTranspose3d',
  'MaxPool1d',
  'MaxPool2d',
  'MaxPool3d',
  'AvgPool1d',
  'AvgPool2d',
  'AvgPool3d',
  'ReLU',
  'ReLU6',
  'GELU',
  'Tanh',
  'Sigmoid',
  'SiLU',
  'ELU',
  'LeakyReLU',
  'Softmax',
  'Dropout',
  'Dropout1d',
  'Dropout2d',
  'Dropout3d',
  'Identity',
  'BatchNorm1d',
  'BatchNorm2d',
  'BatchNorm3d',
  'Flatten',
  'Linear',
  'AdaptiveAvgPool1d',
  'AdaptiveAvgPool2d',
  'AdaptiveAvgPool3d',
  'AdaptiveMaxPool1d',
  'AdaptiveMaxPool2d',
  'AdaptiveMaxPool3d',
] as const;

/** The conv lab's op names where they differ from the table's. */
const LAB_OP: Readonly<Record<string, string>> = { Dropout1d: 'dropout', Dropout2d: 'dropout', Dropout3d: 'dropout' };

/** Class name (the last part of the dotted callee) → signature. */
export const TORCH_LAYERS: Readonly<Record<string, Signature>> = Object.fromEntries(
  LAB_LAYERS.map((name) => {
    const rule = torchLayerRule(name)!;
    const params = rule.params.filter((p) => !['device', 'dtype'].includes(p));
    const defaults = Object.fromEntries(Object.entries(rule.defaults).filter(([k]) => params.includes(k))) as Record<string, Literal>;
    return [name, { op: LAB_OP[name] ?? rule.op, params, defaults }];
  }),
);

/** Prefixes under which the classes above live (`nn.Conv2d`, `torch.nn.Conv2d`, bare `Conv2d`). */
const MODULE_PREFIXES = ['', 'nn.', 'torch.nn.'];

export function torchLayerSignature(callee: string): Signature | undefined {
  const dot = callee.lastIndexOf('.');
  const prefix = callee.slice(0, dot + 1);
  const name = callee.slice(dot + 1);
  return MODULE_PREFIXES.includes(prefix) && Object.hasOwn(TORCH_LAYERS, name) ? TORCH_LAYERS[name] : undefined;
}

export interface BoundArguments {
  layer: ConvLayerJson;
  defaultsUsed: string[];
}

/** Bind literal arguments to names, fill the defaults, and drop those that do not shape the result. */
export function bindTorchLayer(sig: Signature, positional: Literal[], keywords: Map<string, Literal>): BoundArguments {
  if (positional.length > sig.params.length) {
    throw new Error(`${sig.op} takes at most ${sig.params.length} positional arguments, got ${positional.length}.`);
  }
  const values: Record<string, Literal> = {};
  positional.forEach((v, i) => (values[sig.params[i]] = v));
  for (const [name, v] of keywords) {
    if (!sig.params.includes(name) && !['device', 'dtype'].includes(name)) {
      throw new Error(`${sig.op} has no argument "${name}".`);
    }
    if (Object.hasOwn(values, name)) throw new Error(`${sig.op} got "${name}" twice.`);
    values[name] = v;
  }
  const defaultsUsed: string[] = [];
  for (const name of sig.params) {
    if (Object.hasOwn(values, name)) continue;
    if (!Object.hasOwn(sig.defaults, name)) throw new Error(`${sig.op} is missing the required argument "${name}".`);
    values[name] = sig.defaults[name];
    defaultsUsed.push(name);
  }
  const layer: ConvLayerJson = { op: sig.op };
  for (const name of sig.params) {
    const v = values[name];
    // None means "the default" for these arguments (stride=None → kernel size for pooling).
    if ((v === null && name !== 'output_size') || name === 'return_indices' || name === 'inplace') continue;
    layer[name] = v;
  }
  return { layer, defaultsUsed };
}
