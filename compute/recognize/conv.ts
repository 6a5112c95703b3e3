/**
 * Layer stacks from a selection: single layer calls, whole `nn.Sequential(...)` /
 * `keras.Sequential([...])` blocks, runs of `self.x = nn.…` lines, Flax `nn.Conv(...)(x)` chains,
 * and PyTorch functional calls with literal arguments. The input shape comes from the user, from
 * the code (`torch.randn(8, 3, 32, 32)`, `input_shape=(28, 28, 1)`, `# x: (N, 3, 224, 224)`), or
 * is assumed and said so.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ConvLayerJson } from '../conv/layer';
import { analyzeConvRequest, type ConvResult } from '../conv/request';
import type { LayerFramework, Made } from './frameworks';
import type { Literal } from '../python/syntax';
import type { Entry } from './conv-args';
import { detectInput, type InputShapeSource, type StackOptions } from './conv-input';
import { pickEntries } from './conv-pick';
import type { FileContext } from './values';

export { readArgs } from './conv-args';
export { tensorShapeOf, toNCHW, type StackOptions } from './conv-input';

export interface ConvRecognition extends ConvResult {
  framework: LayerFramework;
  inputShapeAssumed: boolean;
  /** Where the input shape came from: 'option', 'code' (a tensor or input_shape), 'comment' or 'assumed'. */
  inputShapeSource?: InputShapeSource;
  /** Names in the selection resolved to literals assigned elsewhere in the file. */
  resolved?: Record<string, Literal>;
  warnings?: string[];
  notes?: string[];
  /** Offsets of the recognized code. */
  source: { from: number; to: number };
}

export function detectFrameworks(text: string): Set<LayerFramework> {
  const found = new Set<LayerFramework>();
  if (/\b(import\s+torch|from\s+torch|torch\.)/.test(text)) found.add('pytorch');
  if (/\b(keras|tensorflow)\b/.test(text)) found.add('keras');
  if (/\b(flax|linen)\b/.test(text)) found.add('flax');
  return found;
}

/** Whether a layer call sits in a comprehension or a for loop (so the code makes several of it). */
function builtRepeatedly(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (/Comprehension|^ForStatement$/.test(n.name)) return true;
  return false;
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
  let source: InputShapeSource;
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
