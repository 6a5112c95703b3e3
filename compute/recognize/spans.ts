/**
 * Where a "Simulate" CodeLens goes: the outermost calls that look like a layer, a Sequential
 * block or an optimizer/scheduler, by callee name only. Cheap enough to run on every edit; the
 * full recognition runs when the lens is used.
 */
import { MAX_NESTING, maxBracketDepth } from '../text';
import type { Tree } from '@lezer/common';
import { classify, importTable, qualify, type ImportTable } from './optim-names';
import { callsIn, parsePython } from '../python/syntax';

export type SpanKind = 'layers' | 'optimizer';

export interface SimulatableSpan {
  from: number;
  to: number;
  kind: SpanKind;
  /** The callee as written, e.g. `nn.Conv2d` or `torch.optim.Adam`. */
  callee: string;
}

const LAYER =
  /(^|\.)(Conv[123]d|ConvTranspose[123]d|MaxPool[123]d|AvgPool[123]d|Sequential|Conv[123]D|Conv[123]DTranspose|MaxPooling[123]D|AveragePooling[123]D)$|^(nn|flax\.linen|linen)\.Conv$/;
/** Optimizers and schedules however the file imports them (optim-names.ts); a bare name only when imported. */
function isOptimizer(table: ImportTable, callee: string): boolean {
  if (!callee.includes('.') && !table.names.has(callee) && table.star.length === 0) return false;
  const kind = classify(qualify(table, callee))?.kind;
  return kind === 'optimizer' || kind === 'torch-scheduler' || kind === 'keras-schedule' || kind === 'optax-schedule';
}

/** At most this many lenses per document (a generated file should not flood the editor). */
const MAX_SPANS = 500;

export function simulatableSpans(text: string): SimulatableSpan[] {
  if (text.length > 2_000_000 || maxBracketDepth(text) > MAX_NESTING) return [];
  const spans: SimulatableSpan[] = [];
  const tree = parsePython(text);
  const helpers = layerHelpers(tree, text);
  const imports = importTable(tree, text);
  let coveredTo = -1;
  for (const call of callsIn(tree, text)) {
    if (call.node.from < coveredTo) continue; // inside a block already counted (e.g. a Sequential)
    // The layer a helper returns is simulated where the helper is called, with its arguments.
    if (helpers.returns.has(call.node.from)) continue;
    const kind: SpanKind | undefined =
      LAYER.test(call.callee) || helpers.names.has(call.callee) ? 'layers' : isOptimizer(imports, call.callee) ? 'optimizer' : undefined;
    if (!kind) continue;
    spans.push({ from: call.node.from, to: call.node.to, kind, callee: call.callee });
    coveredTo = call.node.to;
    if (spans.length >= MAX_SPANS) break;
  }
  return spans;
}

/** Defs whose body returns one layer call (torchvision's conv3x3): their names, and where that returned call starts. */
function layerHelpers(tree: Tree, text: string): { names: Set<string>; returns: Set<number> } {
  const names = new Set<string>();
  const returns = new Set<number>();
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'FunctionDefinition') return;
      const found = ref.node.getChild('Body')?.getChildren('ReturnStatement') ?? [];
      const value = found.length === 1 ? found[0].lastChild : null;
      if (value?.name !== 'CallExpression') return;
      const callee = text.slice(value.from, value.getChild('ArgList')?.from ?? value.to).replace(/\s/g, '');
      const name = ref.node.getChild('VariableName');
      if (!name || !LAYER.test(callee) || /Sequential$/.test(callee)) return;
      names.add(text.slice(name.from, name.to));
      returns.add(value.from);
    },
  });
  return { names, returns };
}
