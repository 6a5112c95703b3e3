/**
 * The whole file for the editor: every model of the file (its factories and the classes that
 * build without arguments) traced statically, and where each shape, total and mismatch belongs
 * in the text. Inlay hints, diagnostics, quick fixes and shape hovers all read this.
 *
 * A mismatch is reported only where the framework would raise it for every input: when the
 * model's input is assumed (not written in the code), the trace runs again with other spatial
 * sizes, and a mismatch whose message changes with the size (a Linear after a flatten on an
 * assumed 224×224) is not reported. An unknown is never a mismatch.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { nodeText, parsePython } from '../python/syntax';
import type { FileAnalysis, ModelSummary, ShapeDiagnostic, ShapeFix, ShapeHint } from './file-types';
import { parseTree, type Budget } from './interp';
import type { ModuleLoader } from './natives';
import { isModule, LayerV, ListV, type ModuleValue, type Value } from './objects';
import { FRAMEWORK_LABEL } from './table-types';
import { Session } from './trace';
import { BudgetExceeded, TensorV, type Dim } from './values';

export interface FileOptions {
  path?: string;
  loader?: ModuleLoader;
  budget?: Partial<Budget>;
}

/** Models of one file traced for the editor (each is a full trace). */
const MAX_MODELS = 12;
/** Time for one file's analysis; models left are named in the notes. */
const FILE_BUDGET_MS = 1500;

interface RecordedError {
  layer?: LayerV;
  message: string;
  line: number;
  inputs: TensorV[];
  from?: number;
  to?: number;
  file?: string;
}

export function analyzeFile(text: string, options: FileOptions = {}): FileAnalysis {
  const started = Date.now();
  const out: FileAnalysis = { models: [], hints: [], diagnostics: [], notes: [], ms: 0 };
  if (!/\b(torch|nn|keras|flax|nnx)\b/.test(text)) return finish(out, started);
  const path = options.path ?? 'model.py';
  // A comment edited (or nothing): every model's result is kept, no model is built again.
  const before = lastAnalysis.get(path);
  const untouched = before ? commentEdit(before, text) : undefined;
  if (untouched) {
    const results = before!.results.map(untouched);
    lastAnalysis.set(path, { text, results });
    return finish(collect(out, results), started);
  }
  let session: Session;
  try {
    session = new Session(text, path, { from: 0, to: 0, path, loader: options.loader, budget: options.budget });
  } catch (e) {
    if (e instanceof ComputeError) {
      out.notes.push(e.message);
      return finish(out, started);
    }
    throw e;
  }
  // What the last analysis of this file found, reused for models an edit did not touch.
  const previous = lastAnalysis.get(path);
  const reuse = previous ? reusableAfterEdit(previous, text) : undefined;
  const results: RootResult[] = [];
  for (const root of session.roots().slice(0, MAX_MODELS)) {
    if (Date.now() - started > FILE_BUDGET_MS) {
      out.notes.push(`Stopped after ${FILE_BUDGET_MS} ms: ${root.label} and the models after it were not analysed.`);
      break;
    }
    const kept = reuse?.(root.label);
    if (kept) {
      results.push(kept);
      continue;
    }
    const result: RootResult = { label: root.label, deps: new Set(), hints: [], diagnostics: [] };
    results.push(result);
    try {
      const first = traceOnce(session, root, undefined);
      for (const key of session.interp.touched) if (key.startsWith(`${path}:`)) result.deps.add(Number(key.slice(path.length + 1)));
      if (root.node) result.deps.add(topLevelFrom(root.node));
      if (!first) continue;
      result.hints = first.hints;
      result.summary = first.summary;
      if (first.errors.length === 0) continue;
      // An input that is assumed, or written elsewhere in the file (a tensor for another model):
      // keep only the mismatches that do not depend on its size.
      let kept = first.errors;
      if (!first.inputOwn) {
        const other = first.summary.inputShape.map((d, i) =>
          i >= 2 && typeof d === 'number' && !first.channelsLast
            ? d + 32
            : i >= 1 && i < first.summary.inputShape.length - 1 && typeof d === 'number' && first.channelsLast
              ? d + 32
              : d,
        );
        const second = traceOnce(session, root, other);
        const key = (e: RecordedError) =>
          `${e.line}|${e.layer?.from ?? e.from ?? ''}|${e.inputs.map((t) => nonSpatial(t.shape, first.channelsLast).join('×')).join(',')}`;
        kept = first.errors.filter((e) => second?.errors.some((f) => key(f) === key(e)));
      }
      for (const e of kept) {
        const d = diagnosticFor(session, e, first.inputOwn ? undefined : first.summary.inputShape, first.builtBy);
        if (d) result.diagnostics.push(d);
      }
    } catch (e) {
      if (e instanceof BudgetExceeded || e instanceof ComputeError) {
        result.note = `${root.label}: ${e.message}`;
        result.deps.clear(); // not reusable: analyse it again next time
        result.deps.add(-1);
      } else throw e;
    }
  }
  // A file that imports workspace modules is analysed whole each time (an import may have changed).
  if (session.files.size <= 1) lastAnalysis.set(path, { text, results });
  else lastAnalysis.delete(path);
  if (lastAnalysis.size > 8) lastAnalysis.delete(lastAnalysis.keys().next().value as string);
  return finish(collect(out, results), started);
}

/** The file's hints, models, diagnostics and notes from its models' results. */
function collect(out: FileAnalysis, results: RootResult[]): FileAnalysis {
  const hints = new Map<number, ShapeHint>();
  const diagnostics = new Map<string, ShapeDiagnostic>();
  for (const r of results) {
    for (const h of r.hints) addHint(hints, h);
    if (r.summary) out.models.push(r.summary);
    for (const d of r.diagnostics) diagnostics.set(`${d.from}:${d.message}`, d);
    if (r.note) out.notes.push(r.note);
  }
  out.hints = [...hints.values()].sort((a, b) => a.at - b.at);
  out.diagnostics = [...diagnostics.values()].sort((a, b) => a.from - b.from);
  return out;
}

/** When `text` differs from the last analysed text only inside one comment (or not at all): how to move each result. */
function commentEdit(previous: { text: string; results: RootResult[] }, text: string): ((r: RootResult) => RootResult) | undefined {
  const old = previous.text;
  if (previous.results.some((r) => r.deps.has(-1))) return undefined;
  if (old === text) return (r) => r;
  const edit = editSpan(old, text);
  // Inside (or extending the end of) one comment, with no line added.
  const inComment = (t: string, from: number, to: number) => {
    const top = parsePython(t).topNode;
    // A comment that may state an input shape (`# x: (N, 1, 28, 28)`) is read by the analysis.
    return (
      [top.resolveInner(from, -1), top.resolveInner(from, 1)].some(
        (node) => node.name === 'Comment' && node.from < from && to <= node.to && !/[([]/.test(t.slice(node.from, node.to)),
      ) && !t.slice(from, to).includes('\n')
    );
  };
  if (!inComment(old, edit.prefix, edit.oldEnd) || !inComment(text, edit.prefix, edit.newEnd)) return undefined;
  const move = (x: number) => (x >= edit.oldEnd ? x + edit.delta : x);
  return (r) => shifted(r, move, (line) => line);
}

function editSpan(old: string, text: string): { prefix: number; oldEnd: number; newEnd: number; delta: number } {
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { prefix, oldEnd: old.length - suffix, newEnd: text.length - suffix, delta: text.length - old.length };
}

/** The axes that do not scale with the input's size: batch and channels (a flattened vector scales). */
function nonSpatial(shape: Dim[], channelsLast: boolean): Dim[] {
  if (shape.length <= 2) return shape;
  return channelsLast ? [shape[0], shape[shape.length - 1]] : shape.slice(0, 2);
}

/** One model's part of a file's analysis, and the top-level statements (offsets) its trace used. */
interface RootResult {
  label: string;
  deps: Set<number>;
  hints: ShapeHint[];
  summary?: ModelSummary;
  diagnostics: ShapeDiagnostic[];
  note?: string;
}

/** The last analysis of each file (by path), for reuse after an edit. */
const lastAnalysis = new Map<string, { text: string; results: RootResult[] }>();

function topLevelFrom(node: SyntaxNode): number {
  let n = node;
  while (n.parent && n.parent.name !== 'Script') n = n.parent;
  return n.from;
}

/**
 * After an edit that stays inside definitions (a def or class body, not module-level code), the
 * models whose traces used none of the edited definitions keep their results, moved by the
 * edit's length. Anything else (a module-level statement edited, several places changed) is
 * analysed again whole.
 */
function reusableAfterEdit(previous: { text: string; results: RootResult[] }, text: string): ((label: string) => RootResult | undefined) | undefined {
  const old = previous.text;
  const { prefix, oldEnd, delta } = editSpan(old, text);
  const move = (x: number) => (x >= oldEnd ? x + delta : x);
  // The top-level statements of the old text the edit touches: all must be definitions.
  const edited = new Set<number>();
  for (let st = parsePython(old).topNode.firstChild; st; st = st.nextSibling) {
    if (st.to < prefix || st.from > oldEnd) continue;
    const def = st.name === 'DecoratedStatement' ? (st.getChild('FunctionDefinition') ?? st.getChild('ClassDefinition')) : st;
    if (def?.name !== 'FunctionDefinition' && def?.name !== 'ClassDefinition') return undefined;
    // An edit of the header (the name, the bases, the parameters) can change what the file's models are.
    const body = def.getChild('Body');
    if (!body || prefix <= body.from) return undefined;
    edited.add(st.from);
  }
  if (edited.size === 0) return undefined;
  return (label) => {
    const r = previous.results.find((p) => p.label === label);
    if (!r || r.deps.has(-1) || [...r.deps].some((d) => edited.has(d))) return undefined;
    return shifted(r, move, (line) => line + lineShift(old, text, oldEnd, line));
  };
}

/** A model's kept result with its offsets (and lines) moved past an edit. */
function shifted(r: RootResult, move: (x: number) => number, moveLine: (line: number) => number): RootResult {
  return {
    label: r.label,
    deps: new Set([...r.deps].map(move)),
    hints: r.hints.map((h) => ({ ...h, at: move(h.at) })),
    ...(r.summary ? { summary: { ...r.summary, from: move(r.summary.from), to: move(r.summary.to), at: move(r.summary.at) } } : {}),
    diagnostics: r.diagnostics.map((d) => ({
      ...d,
      from: move(d.from),
      to: move(d.to),
      ...(d.fix ? { fix: { ...d.fix, from: move(d.fix.from), to: move(d.fix.to) } } : {}),
      ...(d.raisedAt !== undefined ? { raisedAt: moveLine(d.raisedAt) } : {}),
    })),
    ...(r.note ? { note: r.note } : {}),
  };
}

/** How many lines an edit adds before `line` (1-based, in the old text): 0 when the line is before the edit. */
function lineShift(old: string, text: string, oldEnd: number, line: number): number {
  const oldLines = old.split('\n').length;
  const newLines = text.split('\n').length;
  const editEndLine = old.slice(0, oldEnd).split('\n').length;
  return line > editEndLine ? newLines - oldLines : 0;
}

function finish(out: FileAnalysis, started: number): FileAnalysis {
  out.ms = Date.now() - started;
  return out;
}

function addHint(hints: Map<number, ShapeHint>, h: ShapeHint): void {
  const known = hints.get(h.at);
  if (known) known.count += h.count;
  else hints.set(h.at, { ...h });
}

/** One trace of a root model: its hints, its summary, and the shape errors it hit. */
function traceOnce(session: Session, root: ReturnType<Session['roots']>[number], input: Dim[] | undefined) {
  session.fresh();
  session.factoryName = root.node?.name === 'FunctionDefinition' ? root.label.replace(/\(\)$/, '') : undefined;
  session.modelVariable = root.variable;
  session.inputOverride = input;
  const errors: RecordedError[] = [];
  const statementHints: ShapeHint[] = [];
  const main = session.main;
  session.recorder.shapeError = (e) => errors.push(e);
  let built: Value;
  try {
    built = root.build();
  } catch (e) {
    if (!(e instanceof ComputeError)) throw e;
    // Not built and no shape error to report: the caller notes why (the model is not silently left out).
    if (!errors.length) throw e;
    // A constructor check the framework would raise (groups that do not divide the channels, a Keras graph built on its declared input…).
    return errors.length
      ? { hints: [], errors, summary: summaryOf(session, root, undefined), channelsLast: false, inputOwn: true, builtBy: new Map<Value, string>() }
      : undefined;
  }
  if (!isModule(built)) return undefined;
  const modelName = built instanceof LayerV ? built.className : built.cls.name;
  session.interp.onAssign = (statement, file, value) => {
    if (!session.recorder.tracing || file !== main) return;
    const t = firstTensor(value);
    if (!t) return;
    const target = statement.firstChild;
    statementHints.push({
      at: lineEnd(main.text, statement.to),
      shape: t.shape,
      kind: 'statement',
      label: target ? nodeText(main.text, target) : '',
      count: 1,
      model: modelName,
      inputAssumed: false,
    });
  };
  const answer = session.trace(built as ModuleValue, { boundBy: { call: root.label, file: main.path, line: 0 }, notes: [] });
  session.interp.onAssign = undefined;
  session.inputOverride = undefined;
  const assumed = answer.inputShapeAssumed;
  // The input is the model's own when it is written inside its class (`# x: (N, 1, 28, 28)` in forward) or passed to it in the file.
  const inputOwn = !assumed && session.inputOwn;
  const hints: ShapeHint[] = statementHints.map((h) => ({ ...h, inputAssumed: assumed }));
  for (const l of answer.layers) {
    if (l.path === null || (l.file && l.file !== main.path) || l.to <= l.from) continue;
    hints.push({
      at: l.to,
      shape: l.outShape,
      kind: 'layer',
      label: l.path,
      inShape: l.inShape,
      params: l.params,
      macs: l.macs,
      count: 1,
      model: modelName,
      inputAssumed: assumed,
    });
  }
  // Which call of the file returned each module (a helper such as conv3x3(48, 64) built that conv).
  const builtBy = new Map<Value, string>();
  for (const [key, v] of session.interp.callResults) if (!builtBy.has(v)) builtBy.set(v, key);
  return { hints, errors, summary: summaryOf(session, root, answer), channelsLast: answer.framework !== 'pytorch', inputOwn, builtBy };
}

function summaryOf(session: Session, root: ReturnType<Session['roots']>[number], answer: ReturnType<Session['trace']> | undefined): ModelSummary {
  const node = root.node;
  const text = session.main.text;
  const from = node?.from ?? 0;
  const body = node?.getChild('Body');
  const headerEnd = body ? body.from + 1 : lineEnd(text, from);
  return {
    name: root.label.replace(/\(\)$/, ''),
    from,
    to: node?.to ?? from,
    at: headerEnd,
    totals: answer?.totals ?? { params: null, trainableParams: null, macs: null },
    inputShape: answer?.inputShape ?? [],
    inputAssumed: answer?.inputShapeAssumed ?? true,
    partial: answer?.partial ?? true,
    boundBy: root.label,
  };
}

const firstTensor = (v: Value): TensorV | undefined => {
  if (v instanceof TensorV) return v;
  if (Array.isArray(v))
    for (const x of v) {
      const t = firstTensor(x as Value);
      if (t) return t;
    }
  if (v instanceof ListV) return firstTensor(v.items);
  return undefined;
};

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

/**
 * The argument of a layer that must match what arrives, the axis of the input it must equal,
 * and its positional index: Conv in_channels = C (axis 1), Linear in_features = last axis, …
 */
const INPUT_ARGUMENT: Readonly<Record<string, { name: string; index: number; axis: 'channels' | 'last' }>> = {
  Conv1d: { name: 'in_channels', index: 0, axis: 'channels' },
  Conv2d: { name: 'in_channels', index: 0, axis: 'channels' },
  Conv3d: { name: 'in_channels', index: 0, axis: 'channels' },
  ConvTranspose1d: { name: 'in_channels', index: 0, axis: 'channels' },
  ConvTranspose2d: { name: 'in_channels', index: 0, axis: 'channels' },
  ConvTranspose3d: { name: 'in_channels', index: 0, axis: 'channels' },
  BatchNorm1d: { name: 'num_features', index: 0, axis: 'channels' },
  BatchNorm2d: { name: 'num_features', index: 0, axis: 'channels' },
  BatchNorm3d: { name: 'num_features', index: 0, axis: 'channels' },
  InstanceNorm1d: { name: 'num_features', index: 0, axis: 'channels' },
  InstanceNorm2d: { name: 'num_features', index: 0, axis: 'channels' },
  InstanceNorm3d: { name: 'num_features', index: 0, axis: 'channels' },
  GroupNorm: { name: 'num_channels', index: 1, axis: 'channels' },
  Linear: { name: 'in_features', index: 0, axis: 'last' },
  LayerNorm: { name: 'normalized_shape', index: 0, axis: 'last' },
  LSTM: { name: 'input_size', index: 0, axis: 'last' },
  GRU: { name: 'input_size', index: 0, axis: 'last' },
  RNN: { name: 'input_size', index: 0, axis: 'last' },
};

function diagnosticFor(session: Session, e: RecordedError, assumedInput: Dim[] | undefined, builtBy: Map<Value, string>): ShapeDiagnostic | undefined {
  const main = session.main;
  const text = main.text;
  const assumed = assumedInput
    ? ` for the input [${assumedInput.join(', ')}] (assumed, or written outside this model; the mismatch is the same for any input size)`
    : '';
  const inShapes = e.inputs.map((t) => `[${t.shape.join(', ')}]`).join(' and ') + assumed;
  if (e.layer && (!e.layer.file || e.layer.file === main.path) && e.layer.to > e.layer.from) {
    const layer = e.layer;
    const call = callAt(parseTree(main), layer.from, layer.to);
    const spec = INPUT_ARGUMENT[layer.className];
    let arg = call && spec ? argumentNode(call, text, spec.name, spec.index) : undefined;
    // The argument is a parameter of the helper that built the layer (conv3x3's in_planes): the
    // value to change is the one the helper's caller passed (conv3x3(48, 64) → 48).
    if (arg?.name === 'VariableName') arg = callerArgument(session, layer, nodeText(text, arg), builtBy) ?? arg;
    const input = e.inputs[0];
    const expected = spec && input ? (spec.axis === 'channels' ? input.shape[1] : input.shape[input.shape.length - 1]) : undefined;
    let fix: ShapeFix | undefined;
    if (arg && typeof expected === 'number' && isLiteralArithmetic(arg)) {
      fix = { title: `Set ${spec!.name} to ${expected}`, from: arg.from, to: arg.to, newText: String(expected) };
    }
    const range = arg ?? call ?? { from: layer.from, to: layer.to };
    return {
      from: range.from,
      to: range.to,
      message: `${layer.className} receives ${inShapes || 'its input'} (line ${e.line}); ${FRAMEWORK_LABEL[layer.framework]} would raise: ${e.message}`,
      raisedAt: e.line,
      ...(fix ? { fix } : {}),
    };
  }
  if (e.file && e.file !== main.path) return undefined;
  const range = e.from !== undefined && e.to !== undefined && e.to > e.from ? { from: e.from, to: e.to } : lineRange(text, main.lineStarts, e.line);
  if (!range) return undefined;
  return {
    from: range.from,
    to: range.to,
    message: `${inShapes ? `With ${inShapes}, ` : ''}${FRAMEWORK_LABEL[session.natives.state.framework]} would raise: ${e.message}`,
    raisedAt: e.line,
  };
}

function callerArgument(session: Session, layer: LayerV, param: string, builtBy: Map<Value, string>): SyntaxNode | undefined {
  const key = builtBy.get(layer);
  const main = session.main;
  if (!key || !key.startsWith(`${main.path}:`)) return undefined;
  const [from, to] = key
    .slice(main.path.length + 1)
    .split(':')
    .map(Number);
  const top = parseTree(main);
  const call = callAt(top, from, to);
  const callee = call?.firstChild;
  if (!call || callee?.name !== 'VariableName') return undefined;
  // The helper's parameters, in order, from its def in the file.
  const helper = findDef(top, main.text, nodeText(main.text, callee));
  const params =
    helper
      ?.getChild('ParamList')
      ?.getChildren('VariableName')
      .map((n) => nodeText(main.text, n)) ?? [];
  const index = params.indexOf(param);
  return index < 0 ? undefined : argumentNode(call, main.text, param, index);
}

function findDef(top: SyntaxNode, text: string, name: string): SyntaxNode | undefined {
  for (let s = top.firstChild; s; s = s.nextSibling) {
    const def = s.name === 'DecoratedStatement' ? s.getChild('FunctionDefinition') : s;
    if (def?.name === 'FunctionDefinition' && def.getChild('VariableName') && nodeText(text, def.getChild('VariableName')!) === name) return def;
  }
  return undefined;
}

function callAt(top: SyntaxNode, from: number, to: number): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = top.resolveInner(from, 1); n; n = n.parent) {
    if (n.name === 'CallExpression' && n.from === from && n.to === to) return n;
    if (n.from < from) break;
  }
  return undefined;
}

/** The node of argument `name` (by keyword, else at positional `index`) in a call. */
function argumentNode(call: SyntaxNode, text: string, name: string, index: number): SyntaxNode | undefined {
  const args = call.getChild('ArgList');
  let position = 0;
  for (let c = args?.firstChild ?? null; c; c = c.nextSibling) {
    if (['(', ')', ',', 'Comment'].includes(c.name)) continue;
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
      if (nodeText(text, c) === name) return c.nextSibling.nextSibling ?? undefined;
      c = c.nextSibling.nextSibling ?? c.nextSibling;
      continue;
    }
    if (c.name === '*' || c.name === '**') return undefined;
    if (position === index) return c;
    position++;
  }
  return undefined;
}

/** A number or arithmetic on numbers (`9200`, `64 * 12 * 12`): replacing it with a number changes nothing else. */
function isLiteralArithmetic(node: SyntaxNode): boolean {
  let ok = true;
  node.cursor().iterate((ref) => {
    if (!['Number', 'BinaryExpression', 'ArithOp', 'ParenthesizedExpression', '(', ')', 'UnaryExpression', '*', '+', '-', '/', '//'].includes(ref.name))
      ok = false;
  });
  return ok;
}

function lineRange(text: string, starts: number[], line: number): { from: number; to: number } | undefined {
  const start = starts[line - 1];
  if (start === undefined) return undefined;
  const end = lineEnd(text, start);
  const indent = /^\s*/.exec(text.slice(start, end))![0].length;
  return { from: start + indent, to: end };
}
