/**
 * The recorder of a model trace (the Recorder that natives.ts calls): every layer and op call of
 * the forward pass with its shapes, MACs and receptive field, and the span of entries each module
 * call covers. Also the receptive-field helpers of the answer (rfOf, unionRf, firstTensor).
 */
import type { Recorder } from './natives';
import type { InstanceV, LayerV, ModuleValue, Value } from './objects';
import type { ForwardResult, RfRule } from './table-types';
import { TensorV, type Dim, type RfAxis } from './values';

/** Call spans of the forward pass: where each module's calls start and end in the entry list. */
export interface CallSpan {
  module: ModuleValue;
  start: number;
  end: number;
  inputs: Value[];
  out?: Value;
}

export interface RawEntry {
  layer?: LayerV;
  op: string;
  type: string;
  inShape: Dim[];
  outShape: Dim[];
  macs: number | null;
  rf: RfAxis[] | undefined;
  line: number;
  from: number;
  to: number;
}

export class TraceRecorder implements Recorder {
  /** True while a model's forward pass runs (not while it is built). */
  tracing = false;
  shapeError?: Recorder['shapeError'];
  entries: RawEntry[] = [];
  spans: CallSpan[] = [];
  private open: CallSpan[] = [];
  /** Spatial extent of the model input per axis, for global rules. */
  inputExtent: number[] = [];

  layerCall(layer: LayerV, inputs: TensorV[], result: ForwardResult, out: Value, line: number): void {
    const span: CallSpan = { module: layer, start: this.entries.length, end: this.entries.length + 1, inputs, out };
    this.spans.push(span);
    const first = firstTensor(out);
    this.entries.push({
      layer,
      op: layer.rule.op,
      type: layer.className,
      inShape: inputs[0].shape,
      outShape: first?.shape ?? [],
      macs: result.macs,
      rf: first?.rf,
      line,
      from: layer.from,
      to: layer.to,
    });
  }
  opCall(op: string, type: string, inputs: TensorV[], out: Value, macs: number | null, line: number, from: number, to: number): void {
    const first = firstTensor(out);
    this.entries.push({ op, type, inShape: inputs[0]?.shape ?? [], outShape: first?.shape ?? [], macs, rf: first?.rf, line, from, to });
  }
  moduleEnter(m: InstanceV, inputs: Value[]): void {
    const span: CallSpan = { module: m, start: this.entries.length, end: -1, inputs };
    this.spans.push(span);
    this.open.push(span);
  }
  moduleExit(_m: InstanceV, out: Value): void {
    const span = this.open.pop();
    if (span) {
      span.end = this.entries.length;
      span.out = out;
    }
  }
  applyRf(inputs: TensorV[], rule: RfRule, out: TensorV): TensorV {
    const spatial = out.shape.length - 2;
    const withRf = inputs.filter((t) => t.rf && t.rf.length > 0);
    if (withRf.length === 0 || rule.kind === 'none' || spatial < 1) return out.rf ? new TensorV(out.shape) : out;
    if (rule.kind === 'same') {
      const rfs = withRf.filter((t) => t.rf!.length === spatial).map((t) => t.rf!);
      if (rfs.length === 0) return new TensorV(out.shape);
      return new TensorV(out.shape, unionRf(rfs));
    }
    const rf = withRf[0].rf!;
    if (rule.kind === 'global') {
      if (rf.length !== spatial) return new TensorV(out.shape);
      return new TensorV(
        out.shape,
        rf.map((_, i) => ({ size: this.inputExtent[i] ?? 1, jump: this.inputExtent[i] ?? 1, left: 0 })),
      );
    }
    const k = rule.kernel.length;
    if (rf.length < k || spatial !== rf.length) return new TensorV(out.shape);
    const next = rf.map((a, i) => {
      const j = i - (rf.length - k);
      if (j < 0) return a;
      const span = (rule.kernel[j] - 1) * rule.dilation[j];
      if (rule.transposed) {
        // Output o = s·m + t reads the inputs i with o + p − span ≤ i·s ≤ o + p, i.e. i from
        // m + ⌈(t + p − span)/s⌉ to m + ⌊(t + p)/s⌋: the window shifts with the phase t. The field is
        // the hull over the phases (so it can exceed one position's own field by under one input
        // step on each side), rounded outward to whole input samples.
        const s = rule.stride[j];
        const p = rule.padding[j];
        let lo = Infinity;
        let hi = -Infinity;
        for (let t = 0; t < s; t++) {
          lo = Math.min(lo, Math.ceil((t + p - span) / s) - t / s);
          hi = Math.max(hi, Math.floor((t + p) / s) - t / s);
        }
        const left = Math.floor(a.left + lo * a.jump);
        const right = Math.ceil(a.left + a.size - 1 + hi * a.jump);
        return { size: right - left + 1, jump: a.jump / s, left };
      }
      return { size: a.size + span * a.jump, jump: a.jump * rule.stride[j], left: a.left - rule.padding[j] * a.jump };
    });
    return new TensorV(out.shape, next);
  }
}

/** A tree node's receptive field: that of its first call's output, while it is spatial. */
export const rfOf = (t: TensorV | undefined): { receptiveField?: { size: number[]; jump: number[] } } =>
  t?.rf ? { receptiveField: { size: t.rf.map((r) => r.size), jump: t.rf.map((r) => r.jump) } } : {};

/** The union of several receptive fields on the same axes: the smallest interval holding them all. */
export function unionRf(rfs: RfAxis[][]): RfAxis[] {
  return rfs[0].map((_, i) => {
    const left = Math.min(...rfs.map((r) => r[i].left));
    const right = Math.max(...rfs.map((r) => r[i].left + r[i].size - 1));
    return { left, size: right - left + 1, jump: Math.max(...rfs.map((r) => r[i].jump)) };
  });
}

/** The first tensor of a value (a tensor, or a tuple or list holding one). */
export const firstTensor = (v: Value): TensorV | undefined => {
  if (v instanceof TensorV) return v;
  if (Array.isArray(v))
    for (const x of v) {
      const t = firstTensor(x as Value);
      if (t) return t;
    }
  return undefined;
};
