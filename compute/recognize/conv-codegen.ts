/**
 * Conv and pooling layers as Python source for PyTorch, Keras or Flax: "Copy as code" in the conv
 * lab, and the arguments "Apply to code" writes into a call (compute/recognize/apply-conv.ts).
 *
 * The layers are the lab's (PyTorch argument names, scalars or per-axis tuples). Only arguments
 * that differ from the framework's default are written, as a person would. What a framework
 * cannot express is said in a `# comment` rather than dropped silently:
 * - Keras has only 'same'/'valid' padding: other paddings become a ZeroPadding layer first.
 * - PyTorch convolutions pad the same on both sides: uneven padding becomes a padding layer first.
 * - Keras/Flax 'same' is TensorFlow's (extra element after, output ⌈n/s⌉); it is written only when
 *   the layer's input size is known and the padding matches it exactly.
 * No parser here, so the webview can use it without bundling one.
 */
import { ComputeError } from '../errors';
import type { LayerFramework } from './frameworks';
import { analyzeConvRequest } from '../conv/request';
import { isShapeOp, normalizeLayer, type ConvLayerJson } from '../conv/layer';
import { py, type CodeOptions, type LayerCode } from './conv-codegen-common';
import { torchLayer, torchShapeLayer } from './conv-codegen-torch';
import { kerasLayer, kerasShapeLayer } from './conv-codegen-keras';
import { flaxLayer, flaxShapeLayer } from './conv-codegen-flax';

export { py, type CodeOptions, type LayerCode };

/** The code of one layer as structured pieces (used by apply-conv and the functions below). */
export function layerCodeParts(
  raw: ConvLayerJson,
  framework: LayerFramework,
  options: CodeOptions = {},
  next?: ConvLayerJson,
): LayerCode & { consumesNext?: boolean } {
  if (isShapeOp(raw.op)) {
    if (framework === 'keras') return kerasShapeLayer(raw, next);
    if (framework === 'flax') return flaxShapeLayer(raw);
    return torchShapeLayer(raw);
  }
  const layer = normalizeLayer(raw);
  return framework === 'keras' ? kerasLayer(layer, options) : framework === 'flax' ? flaxLayer(layer, options) : torchLayer(layer);
}

const commentLines = (comments: readonly string[], indent = '') => comments.map((c) => `${indent}# ${c}`);

/**
 * One layer as code, e.g. `nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)`,
 * `layers.Conv2D(filters=32, kernel_size=3, strides=2, padding='same')` or
 * `nn.Conv(features=32, kernel_size=(3, 3))`. `# ...` lines first say what the framework cannot
 * express; Keras may need a ZeroPadding layer on the line before (one expression per line).
 * PyTorch's uneven padding gives `nn.Sequential(pad, conv)`.
 */
export function convLayerCode(layer: ConvLayerJson, framework: LayerFramework, options: CodeOptions = {}): string {
  const parts = layerCodeParts(layer, framework, { inShape: options.inShape ?? inShapeOf(layer) });
  const codes = parts.pieces.map((p) => p.code);
  const body = framework === 'pytorch' && codes.length > 1 ? `nn.Sequential(${codes.join(', ')})` : codes.join('\n');
  return [...commentLines(parts.comments), body].filter((l) => l !== '').join('\n');
}

function inShapeOf(layer: ConvLayerJson): number[] | undefined {
  const s = layer.inShape;
  return Array.isArray(s) && s.every((v) => typeof v === 'number') ? (s as number[]) : undefined;
}

/** Each layer's input shape, from the layers' own `inShape` or by analyzing from `inputShape`. */
function inShapes(layers: readonly ConvLayerJson[], inputShape?: readonly number[]): (number[] | undefined)[] {
  if (inputShape) {
    try {
      return analyzeConvRequest({ kind: 'conv', layers: [...layers], inputShape: [...inputShape] }).layers.map((l) => l.inShape);
    } catch {
      // Fall back to what the layers carry.
    }
  }
  return layers.map(inShapeOf);
}

export interface StackCodeOptions {
  /** (N, C, *spatial), NCHW; defaults to the first layer's `inShape` when it has one. */
  inputShape?: readonly number[];
  /** Indentation of the layers inside the block (default four spaces). */
  indent?: string;
}

/**
 * A whole stack as code: `nn.Sequential(...)` (PyTorch), `keras.Sequential([keras.Input(...),
 * ...])` (Keras, with the input shape when it is known), or `x = ...(x)` lines as in a Flax
 * module's `__call__`. A single PyTorch layer is written alone.
 */
export function convStackCode(layers: readonly ConvLayerJson[], framework: LayerFramework, options: StackCodeOptions = {}): string {
  if (layers.length === 0) throw new ComputeError('There are no layers to write as code.');
  const indent = options.indent ?? '    ';
  const inputShape = options.inputShape ?? inShapeOf(layers[0]);
  const shapes = inShapes(layers, inputShape);
  const lines: string[] = [];
  let count = 0;
  for (let i = 0; i < layers.length; i++) {
    const parts = layerCodeParts(layers[i], framework, { inShape: shapes[i] }, layers[i + 1]);
    if (parts.consumesNext) i++;
    if (framework === 'flax') {
      lines.push(...commentLines(parts.comments), ...parts.pieces.map((p) => `x = ${p.code}${p.applied ? '' : '(x)'}`));
    } else {
      lines.push(...commentLines(parts.comments, indent), ...parts.pieces.map((p) => `${indent}${p.code},`));
    }
    count += parts.pieces.length;
  }
  if (framework === 'flax') return `${lines.join('\n')}\n`;
  if (framework === 'keras') {
    const input = inputShape && inputShape.length >= 3 ? [`${indent}keras.Input(shape=${py([...inputShape.slice(2), inputShape[1]])}),`] : [];
    return `keras.Sequential([\n${[...input, ...lines].join('\n')}\n])\n`;
  }
  if (count === 1 && !lines.some((l) => l.trimStart().startsWith('#'))) return `${lines[0].trim().replace(/,$/, '')}\n`;
  return `nn.Sequential(\n${lines.join('\n')}\n)\n`;
}
