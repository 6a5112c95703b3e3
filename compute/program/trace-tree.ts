/**
 * The module tree and the layer list of a traced model's answer: module paths as named_modules()
 * gives them, each module's parameters, MACs, shapes and receptive field from the recorded calls,
 * and each layer call with its path and arguments.
 */
import type { ModelLayer, ModelTreeNode } from './model-types';
import { InstanceV, LayerV, type ModuleValue } from './objects';
import { firstTensor, rfOf, type RawEntry, type TraceRecorder } from './trace-recorder';
import { TensorV, UnknownV } from './values';

/** What the tree reads of the session. */
export interface TreeContext {
  recorder: Pick<TraceRecorder, 'spans' | 'entries'>;
  modulesOf: (m: ModuleValue) => ModuleValue[];
  /** Path of the main file: a module defined elsewhere names its file. */
  mainPath: string;
}

/** The tree node of module m (at `path`) and, recursively, of its children. */
export function treeOf(m: ModuleValue, name: string, path: string, ctx: TreeContext): ModelTreeNode {
  const spans = ctx.recorder.spans.filter((s) => s.module === m);
  const first = spans[0];
  const inT = first?.inputs.find((v) => v instanceof TensorV) as TensorV | undefined;
  const outT = first?.out !== undefined ? firstTensor(first.out) : undefined;
  if (m instanceof LayerV) {
    const trainable = m.params === null ? null : m.frozen ? 0 : m.params - m.nonTrainable;
    const macs = spans.reduce<number | null>(
      (acc, s) =>
        acc === null || ctx.recorder.entries[s.start]?.macs === null || ctx.recorder.entries[s.start]?.macs === undefined
          ? null
          : acc + ctx.recorder.entries[s.start].macs!,
      0,
    );
    return {
      name,
      path,
      type: m.className,
      line: m.line,
      ...(m.file && m.file !== ctx.mainPath ? { file: m.file } : {}),
      params: m.params,
      trainableParams: trainable,
      macs: spans.length ? macs : 0,
      ...(inT ? { inShape: inT.shape } : {}),
      ...(outT ? { outShape: outT.shape } : {}),
      ...rfOf(outT),
      calls: spans.length,
      children: [],
    };
  }
  const children = [...m.module!.children].map(([k, c]) => treeOf(c, k, path ? `${path}.${k}` : k, ctx));
  // Shared submodules count once (parameters() deduplicates).
  const seen = new Set<ModuleValue>();
  let params: number | null = m.module!.ownParams;
  let frozen = m.module!.frozenParams ?? 0;
  for (const sub of ctx.modulesOf(m)) {
    if (sub === m || seen.has(sub)) continue;
    seen.add(sub);
    const own = sub instanceof LayerV ? (sub.params === null ? null : sub.params - sub.tiedParams) : sub.module!.ownParams;
    if (sub instanceof LayerV) frozen += sub.frozen ? (sub.params ?? 0) - sub.tiedParams : sub.nonTrainable;
    else frozen += sub.module!.frozenParams ?? 0;
    params = params === null || own === null ? null : params + own;
  }
  const macs = spans.reduce<number | null>((acc, s) => {
    for (const e of ctx.recorder.entries.slice(s.start, s.end)) acc = acc === null || e.macs === null ? null : acc + e.macs;
    return acc;
  }, 0);
  return {
    name,
    path,
    type: m.cls.name,
    line: m.module!.line,
    ...(m.module!.file && m.module!.file !== ctx.mainPath ? { file: m.module!.file } : {}),
    params,
    trainableParams: params === null ? null : params - frozen,
    macs,
    ...(inT ? { inShape: inT.shape } : {}),
    ...(outT ? { outShape: outT.shape } : {}),
    ...rfOf(outT),
    calls: spans.length,
    children,
  };
}

/** The answer's layer list: the recorded calls, each with its module path (named_modules()) and arguments. */
export function layersOf(entries: RawEntry[], paths: Map<ModuleValue, string>): ModelLayer[] {
  return entries.map((e) => ({
    ...(e.layer?.file ? { file: e.layer.file } : {}),
    path: e.layer ? (paths.get(e.layer) ?? null) : null,
    op: e.op,
    type: e.type,
    inShape: e.inShape,
    outShape: e.outShape,
    params: e.layer ? e.layer.params : 0,
    macs: e.macs,
    receptiveField: e.rf ? { size: e.rf.map((r) => r.size), jump: e.rf.map((r) => r.jump) } : null,
    line: e.line,
    from: e.from,
    to: e.to,
    ...(e.layer ? { args: { ...plainArgs(e.layer.args) } } : {}),
  }));
}

/** Where a module is built in the source: a layer's call, an instance's constructor call, else its class. */
export function nodeOf(m: ModuleValue): { from: number; to: number } | undefined {
  if (m instanceof LayerV) return { from: m.from, to: m.to };
  if (m.module && m.module.to > m.module.from) return { from: m.module.from, to: m.module.to };
  return m.cls.node ? { from: m.cls.node.from, to: m.cls.node.to } : undefined;
}

/** named_modules() paths: the first path that reaches each module. */
export function pathsOf(root: ModuleValue): Map<ModuleValue, string> {
  const out = new Map<ModuleValue, string>();
  const walk = (m: ModuleValue, path: string) => {
    if (out.has(m)) return;
    out.set(m, path);
    if (m instanceof InstanceV && m.module) for (const [k, c] of m.module.children) walk(c, path ? `${path}.${k}` : k);
  };
  walk(root, '');
  return out;
}

/** The model's MACs: the sum over its layer calls, or null when one is not known. */
export function sumMacs(layers: ModelLayer[]): number | null {
  let total = 0;
  for (const l of layers) {
    if (l.macs === null) return null;
    total += l.macs;
  }
  return total;
}

/** A layer's arguments as plain JSON: unknowns by name, tensors left out. */
function plainArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v instanceof UnknownV) out[k] = { unknown: v.name };
    else if (v instanceof TensorV) continue;
    else if (v !== undefined) out[k] = v;
  }
  return out;
}
