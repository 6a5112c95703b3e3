/**
 * From selected Python to a simulation request. The text is parsed, never executed; anything
 * that is not a literal is reported instead of guessed.
 */
import { analyzeConvRequest, type ConvResult } from '../conv/request';
import { CONV_OPS } from '../conv/layer';
import { ComputeError } from '../errors';
import { callsIn, literalValue, NotLiteral, parsePython, type Literal, type PyCall } from './python';
import { bindTorchLayer, torchLayerSignature } from './torch-layers';

export interface RecognizeOptions {
  /** Selection as offsets into the text; from === to means "the call under the cursor". */
  from?: number;
  to?: number;
  /** Input shape (N, C, *spatial) the user gave; otherwise one is assumed. */
  inputShape?: number[];
  /** The assumed 2-D input (N, C, H, W); C is replaced by the first layer's in_channels. */
  defaultInputShape?: number[];
}

export interface ConvRecognition extends ConvResult {
  framework: 'pytorch';
  inputShapeAssumed: boolean;
  /** Offsets of the recognized code. */
  source: { from: number; to: number };
}

export type Recognition = ConvRecognition | { error: string };

const DEFAULT_SPATIAL: Record<number, number[]> = { 1: [1024], 2: [224, 224], 3: [16, 112, 112] };

function literalArgs(call: PyCall, text: string): { positional: Literal[]; keywords: Map<string, Literal> } {
  const read = (node: PyCall['positional'][number], what: string) => {
    try {
      return literalValue(text, node);
    } catch (e) {
      if (e instanceof NotLiteral) throw new Error(`${call.callee}: ${what} is ${e.message}, not a literal; only literal arguments can be simulated.`);
      throw e;
    }
  };
  return {
    positional: call.positional.map((n, i) => read(n, `argument ${i + 1}`)),
    keywords: new Map([...call.keywords].map(([k, n]) => [k, read(n, `"${k}"`)])),
  };
}

function pickCalls(calls: PyCall[], from: number, to: number): PyCall[] {
  const layers = calls.filter((c) => torchLayerSignature(c.callee));
  if (from === to) {
    // Cursor only: the innermost layer call around the cursor.
    const around = layers.filter((c) => c.node.from <= from && from <= c.node.to);
    return around.length ? [around[around.length - 1]] : [];
  }
  // A selection: the layer calls it overlaps, in source order.
  return layers.filter((c) => c.node.to > from && c.node.from < to);
}

function assumedInput(firstOp: string, firstChannels: number | undefined, defaultShape: number[] | undefined): number[] {
  const dims = CONV_OPS[firstOp as keyof typeof CONV_OPS]?.dims ?? 2;
  const channels = firstChannels ?? defaultShape?.[1] ?? 3;
  const spatial = dims === 2 && defaultShape?.length === 4 ? defaultShape.slice(2) : DEFAULT_SPATIAL[dims];
  return [defaultShape?.[0] ?? 1, channels, ...spatial];
}

export function recognize(text: string, options: RecognizeOptions = {}): Recognition {
  const from = Math.max(0, Math.min(options.from ?? 0, text.length));
  const to = Math.max(from, Math.min(options.to ?? text.length, text.length));
  try {
    const tree = parsePython(text);
    const calls = pickCalls(callsIn(tree, text, Math.max(0, from - 1), to), from, to);
    if (calls.length === 0) {
      return {
        error:
          'No layer found here. Select a PyTorch layer call with literal arguments, for example nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3).',
      };
    }
    const bound = calls.map((call) => {
      const { positional, keywords } = literalArgs(call, text);
      return bindTorchLayer(torchLayerSignature(call.callee)!, positional, keywords);
    });
    const first = bound[0].layer;
    const inputShapeAssumed = !options.inputShape;
    const inputShape = options.inputShape ?? assumedInput(first.op, first.in_channels as number | undefined, options.defaultInputShape);
    const result = analyzeConvRequest({ kind: 'conv', layers: bound.map((b) => b.layer), inputShape });
    result.layers.forEach((layer, i) => Object.assign(layer, { defaultsUsed: bound[i].defaultsUsed }));
    return {
      ...result,
      framework: 'pytorch',
      inputShapeAssumed,
      source: { from: calls[0].node.from, to: calls[calls.length - 1].node.to },
    };
  } catch (e) {
    if (e instanceof ComputeError || e instanceof Error) return { error: e.message };
    return { error: String(e) };
  }
}
