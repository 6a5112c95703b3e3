/**
 * What the conv lab's kernel view shows, without the DOM: which cells the padded input, the
 * kernel and the output have (their numbers, kinds and spoken labels), which cells the current
 * window covers, which outputs read an input cell, and the sum written out. The view
 * (kernel-view.ts) only turns these into elements; this part is tested in Node.
 *
 * The compute is tiny (≤ 16 samples per axis, ≤ 4 channels) and runs synchronously with
 * compute/conv/window.ts, whose outputs equal the reference runLayer exactly.
 */
import type { ConvLayerJson } from '../../../compute/conv/layer';
import { weightShape } from '../../../compute/conv/direct';
import { normalizeLayer } from '../../../compute/conv/layer';
import { createRng } from '../../../compute/random';
import { slidingExample, smallExample, type OutputWindow, type SlidingExample } from '../../../compute/conv/window';

/** The example's numbers: flat input (1, C, …), weight (PyTorch layout) and bias, plus the seed. */
export interface KernelViewValues {
  input: number[];
  kernel: number[];
  bias?: number[];
  seed: number;
}

/** One cell of a grid: its text, CSS kind (`input`, `pad`, `mode`, `inserted`, `weight`, `out`), spoken label, and whether it can be edited. */
export interface CellSpec {
  text: string;
  kind: string;
  label: string;
  editable: boolean;
}

/** Highlight classes of the current window. */
export interface WindowMarks {
  /** Input cell → classes (`kv-in-window`, `kv-skipped`, `kv-argmax`, `kv-edge-*`). */
  input: Map<number, string[]>;
  kernelTaps: number[];
  output: number;
  equation: string;
}

const MINUS = '\u2212';

/** 2 decimals at most, integers when integral, a real minus sign, ±∞. */
export function formatValue(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return `${MINUS}∞`;
  if (Number.isNaN(v)) return 'NaN';
  const rounded = Math.round(v * 100) / 100;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2).replace(/0$/, '');
  return (Object.is(rounded, -0) ? '0' : text).replace('-', MINUS);
}

const paren = (v: number) => (v < 0 ? `(${formatValue(v)})` : formatValue(v));

/** Parse a typed number ("1.5", "−2", "3e-1"); undefined if it is not a finite number. */
export function parseValue(text: string): number | undefined {
  const t = text.trim().replace(/\u2212/g, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Small integers from a seeded generator, so the example is easy to follow by hand. */
function generate(seed: number, inputLength: number, kernelLength: number, biasLength: number): KernelViewValues {
  const rng = createRng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));
  return {
    seed,
    input: Array.from({ length: inputLength }, () => int(-3, 3)),
    kernel: Array.from({ length: kernelLength }, () => int(-2, 2)),
    bias: Array.from({ length: biasLength }, () => int(-1, 1)),
  };
}

const shapeText = (s: readonly number[]) => s.join('×');

export type KernelModel = ReturnType<typeof createKernelModel>;

/**
 * The kernel view's model of one layer on a small example shaped like `inputShape`. Throws a
 * ComputeError (shown as a notice) when the layer cannot be shown. `values` that do not fit the
 * example are regenerated from their seed.
 */
export function createKernelModel(layerJson: ConvLayerJson, inputShape: number[] | undefined, saved?: KernelViewValues) {
  const example = smallExample(layerJson, inputShape);
  const layer = normalizeLayer(example.layer);
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  const wShape = isConv ? weightShape(layer) : [];
  const hasBias = isConv && layer.bias;
  const inLength = example.inShape.reduce((a, b) => a * b, 1);
  const wLength = wShape.length ? wShape.reduce((a, b) => a * b, 1) : 0;
  const bLength = hasBias ? layer.out_channels : 0;
  const fits = saved && saved.input.length === inLength && saved.kernel.length === wLength && (saved.bias?.length ?? 0) === bLength;
  const values: KernelViewValues = fits
    ? { ...saved, input: [...saved.input], kernel: [...saved.kernel], bias: saved.bias ? [...saved.bias] : [] }
    : generate(saved?.seed ?? 1, inLength, wLength, bLength);
  const run = (): SlidingExample =>
    slidingExample(
      example.layer,
      { shape: example.inShape, data: values.input },
      wLength ? { shape: wShape, data: values.kernel } : undefined,
      hasBias ? { shape: [bLength], data: values.bias ?? [] } : undefined,
    );
  let ex = run();
  const oneD = ex.dims === 1;
  const state = { outChannel: 0, inChannel: ex.groups[0].inputChannels[0], position: 0 };
  const outPlane = () => ex.outSize[0] * ex.outSize[1];
  const group = () => ex.groups.find((g) => g.outputChannels.includes(state.outChannel))!;
  const coord = (index: number, cols: number) => (oneD ? `position ${index % cols}` : `row ${Math.floor(index / cols)} column ${index % cols}`);
  const inCoord = (source: number) => coord(source, ex.inSize[1]);
  const outCoord = (p: number) => coord(p, ex.outSize[1]);
  /** Where an input cell's number lives in `values.input`. */
  const inputIndex = (source: number) => state.inChannel * ex.inSize[0] * ex.inSize[1] + source;

  const equationText = (win: OutputWindow): string => {
    const at = `y[${oneD ? win.col : `${win.row}, ${win.col}`}]`;
    if (ex.family === 'max_pool') return `${at} = max(${win.terms.map((t) => formatValue(t.x)).join(', ')}) = ${formatValue(win.value)}`;
    if (ex.family === 'avg_pool') {
      const shown = win.terms.filter((t) => t.counted);
      return `${at} = (${shown.map((t) => formatValue(t.x)).join(' + ') || '0'}) / ${win.divisor} = ${formatValue(win.value)}`;
    }
    const channels = [...new Set(win.terms.map((t) => t.channel))];
    const sums: number[] = [];
    const parts = channels.map((ci) => {
      const terms = win.terms.filter((t) => t.channel === ci);
      const sum = terms.reduce((a, t) => (t.counted ? a + t.product : a), 0);
      sums.push(sum);
      const body = terms.map((t) => `${paren(t.x)}·${paren(t.w)}`).join(' + ');
      return channels.length > 1 ? `input channel ${ci}: ${body} = ${formatValue(sum)}` : body;
    });
    const bias = hasBias ? ` + ${paren(win.bias)}` : '';
    if (channels.length === 1) return `${at} = ${parts[0]}${bias} = ${formatValue(win.value)}`;
    return `${parts.join('\n')}\n${at} = ${sums.map(paren).join(' + ')}${bias} = ${formatValue(win.value)}`;
  };

  return {
    get ex() {
      return ex;
    },
    values,
    isConv,
    oneD,
    hasBias,
    state,
    outPlane,
    /** One sentence per fact about the example: op and shapes, what was reduced, the transposed/flipped reading. */
    description(): string {
      const parts = [`${ex.layer.op} on a ${shapeText(ex.inShape)} example → ${shapeText(ex.outShape)}`];
      if (example.reduced.length) parts.push(`reduced from your layer: ${example.reduced.join('; ')}`);
      if (ex.family === 'conv_transpose') {
        parts.push(
          'shown as the equivalent stride-1 convolution: zeros inserted between input samples, padding d·(k−1)−p (plus output_padding after), kernel flipped',
        );
      } else if (ex.kernelFlipped) parts.push('kernel flipped (flip_kernel: true convolution)');
      return `${parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('. ')}.`;
    },
    /** Legend entries: [swatch class, text]. */
    legend(): [string, string][] {
      const items: [string, string][] = [
        ['kv-input', 'input'],
        ['kv-pad', ex.family === 'max_pool' ? 'padding (−∞, ignored)' : 'zero padding'],
      ];
      if (ex.layer.padding_mode !== 'zeros' && isConv) items.push(['kv-mode', `${ex.layer.padding_mode} padding (copy)`]);
      if (ex.family === 'conv_transpose') items.push(['kv-inserted', 'inserted zero']);
      items.push(['kv-window', 'current window']);
      return items;
    },
    /** Output channels with their group, for the channel picker. */
    outChannelChoices: (): [number, string][] => ex.groups.flatMap((g) => g.outputChannels.map((c) => [c, `${c} (group ${g.group})`] as [number, string])),
    inChannelChoices: (): number[] => group().inputChannels,
    setOutChannel(c: number) {
      state.outChannel = c;
      if (!group().inputChannels.includes(state.inChannel)) state.inChannel = group().inputChannels[0];
    },
    setInChannel(c: number) {
      if (group().inputChannels.includes(c)) state.inChannel = c;
    },
    setPosition(p: number) {
      state.position = Math.max(0, Math.min(outPlane() - 1, p));
    },
    channelNote(): string {
      const g = group();
      return `group ${g.group}: output channel ${state.outChannel} reads input channel${g.inputChannels.length > 1 ? 's' : ''} ${g.inputChannels.join(', ')}`;
    },
    inputTitle(): string {
      const { padded } = ex;
      return `Input, channel ${state.inChannel}${ex.family === 'conv_transpose' ? ' (zero-inserted and padded)' : ' (padded)'} ${padded.rows > 1 ? `${padded.rows}×` : ''}${padded.cols}`;
    },
    kernelTitle(): string {
      if (!isConv) return `Window ${ex.kernel[0] > 1 || !oneD ? `${ex.kernel[0]}×` : ''}${ex.kernel[1]}, ${ex.family === 'max_pool' ? 'max' : 'average'}`;
      return `Kernel${ex.kernelFlipped ? ' (flipped)' : ''}, out ${state.outChannel} ← in ${state.inChannel}`;
    },
    outputTitle: (): string => `Output, channel ${state.outChannel} ${ex.outSize[0] > 1 ? `${ex.outSize[0]}×` : ''}${ex.outSize[1]}`,
    inputColumns: () => ex.padded.cols,
    kernelColumns: () => ex.kernel[1],
    outputColumns: () => ex.outSize[1],
    inputCells(): CellSpec[] {
      const { padded } = ex;
      return padded.kind.map((kind, cell) => {
        const v = padded.values[state.inChannel][cell];
        const source = padded.source[cell];
        let label: string;
        if (kind === 'input') label = `input ${inCoord(source)}, value ${formatValue(v)} (Enter to edit)`;
        else if (kind === 'mode') label = `${ex.layer.padding_mode} padding, copy of input ${inCoord(source)}, value ${formatValue(v)}`;
        else if (kind === 'inserted') label = 'inserted zero';
        else label = `padding, value ${formatValue(v)}`;
        return { text: formatValue(v), kind, label, editable: kind === 'input' };
      });
    },
    kernelCells(): CellSpec[] {
      if (!isConv) return [];
      const { values: kv } = ex.kernelOf(state.outChannel, state.inChannel);
      return kv.map((v, tap) => ({
        text: formatValue(v),
        kind: 'weight',
        label: `kernel ${coord(tap, ex.kernel[1]).replace('position', 'tap')}, value ${formatValue(v)}${ex.kernelFlipped ? ' (flipped)' : ''} (Enter to edit)`,
        editable: true,
      }));
    },
    biasCell(): CellSpec | undefined {
      if (!hasBias) return undefined;
      const b = values.bias?.[state.outChannel] ?? 0;
      return {
        text: formatValue(b),
        kind: 'weight',
        label: `bias of output channel ${state.outChannel}, value ${formatValue(b)} (Enter to edit)`,
        editable: true,
      };
    },
    outputCells(): CellSpec[] {
      const base = state.outChannel * outPlane();
      return Array.from({ length: outPlane() }, (_, p) => {
        const v = ex.output[base + p];
        return { text: formatValue(v), kind: 'out', label: `output ${outCoord(p)}, value ${formatValue(v)}`, editable: false };
      });
    },
    /** The current window: highlighted input cells (with their outline edges), kernel taps, the equation. */
    window(): WindowMarks {
      const win = ex.windowAt(state.outChannel, state.position);
      const cols = ex.padded.cols;
      const mine = win.terms.filter((t) => t.channel === state.inChannel);
      const covered = new Set(mine.map((t) => t.cell));
      const input = new Map<number, string[]>();
      for (const [i, t] of win.terms.entries()) {
        if (t.channel !== state.inChannel) continue;
        const classes = ['kv-in-window'];
        if (!t.counted) classes.push('kv-skipped');
        if (i === win.argmax) classes.push('kv-argmax');
        // Outline the window's outer edges (dilated windows have gaps; each cell gets its own box).
        if (!covered.has(t.cell - cols)) classes.push('kv-edge-top');
        if (!covered.has(t.cell + cols)) classes.push('kv-edge-bottom');
        if (t.cell % cols === 0 || !covered.has(t.cell - 1)) classes.push('kv-edge-left');
        if (t.cell % cols === cols - 1 || !covered.has(t.cell + 1)) classes.push('kv-edge-right');
        input.set(t.cell, classes);
      }
      return { input, kernelTaps: mine.map((t) => t.tap), output: state.position, equation: equationText(win) };
    },
    positionText: () => `${outCoord(state.position)} of ${outPlane()}`,
    /** Cells linked to output p: the input cells it reads. */
    readBy: (p: number): number[] =>
      ex
        .windowAt(state.outChannel, p)
        .terms.filter((t) => t.channel === state.inChannel)
        .map((t) => t.cell),
    /** Cells linked to input cell `cell`: the other cells holding the same input value, and the outputs that read it. */
    readersOf(cell: number): { copies: number[]; outputs: number[] } {
      const source = ex.padded.source[cell];
      const copies = source >= 0 ? ex.padded.source.flatMap((s, i) => (s === source && i !== cell ? [i] : [])) : [];
      return { copies, outputs: ex.readersOf(cell) };
    },
    /** Change one number of the example and recompute; returns false (nothing changed) when the recompute fails. */
    setValue(target: 'input' | 'kernel' | 'bias', index: number, value: number): void {
      const list = target === 'input' ? values.input : target === 'kernel' ? values.kernel : values.bias!;
      const before = list[index];
      list[index] = value;
      try {
        ex = run();
      } catch (e) {
        list[index] = before;
        throw e;
      }
    },
    /** Where a grid cell's number lives: input cell → `values.input` index, kernel tap → `values.kernel` index. */
    valueIndex(target: 'input' | 'kernel' | 'bias', cell: number): number {
      if (target === 'input') return inputIndex(ex.padded.source[cell]);
      if (target === 'kernel') return ex.kernelOf(state.outChannel, state.inChannel).weightIndex[cell];
      return state.outChannel;
    },
    /** The numbers to save, copied. */
    snapshot: (): KernelViewValues => ({ ...values, input: [...values.input], kernel: [...values.kernel], bias: [...(values.bias ?? [])] }),
  };
}
