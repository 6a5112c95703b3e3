/**
 * "Apply to code" for the flow lab: the lab's coupling layers written back into the selected
 * code, in the form the user wrote it (compute/recognize/expr.ts recognizeFlow reads both):
 *  - `AffineCoupling(mask=[1, 0], s="tanh(x0)", t=lambda x0: 0.5*x0)` calls, one per layer;
 *  - `mask = [1, 0]`, `s = ...`, `t = ...` assignments (one layer).
 * Only the mask, s and t values change. A string stays a string (same quotes), a lambda stays a
 * lambda (its parameters become the kept coordinates x0, x1, …), a list stays a list or a tuple.
 * Anything the code cannot hold (planar/radial layers, MLP nets, a different number of layers,
 * one expression per coordinate) is a ComputeError saying what to do instead.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import type { AffineCouplingJson, CouplingNetJson, FlowLayerJson } from '../flow/types';
import type { TextEdit } from './apply';
import { callsIn, nodeText, parsePython, type PyCall } from '../python/syntax';

const NO_CODE_FORM =
  'Planar and radial layers have no code form that Simulate Selection reads (only AffineCoupling(...) calls and s/t/mask assignments); use Copy as code to get the whole stack as PyTorch.';

/** The expression text of s or t (one expression for every transformed coordinate). */
function expressionOf(net: CouplingNetJson | undefined, where: string): string {
  if (net === undefined) return '0';
  if (typeof net === 'number') return String(net);
  if (typeof net === 'string') return net.trim();
  if (Array.isArray(net)) {
    const distinct = [...new Set(net.map((e) => String(e).trim()))];
    if (distinct.length === 1) return distinct[0];
    throw new ComputeError(
      `${where} has one expression per transformed coordinate (${net.map((e) => JSON.stringify(e)).join(', ')}); the code form holds one expression for all of them. Use the same expression for every coordinate, or Copy as code.`,
      where,
    );
  }
  throw new ComputeError(`${where} is an MLP, which has no expression to write into the code; use Copy as code instead.`, where);
}

const keptNames = (mask: readonly number[]): string => mask.flatMap((m, i) => (m === 1 ? [`x${i}`] : [])).join(', ');

/** The new source for the node holding s or t, keeping its form. */
function netText(text: string, node: SyntaxNode | undefined, expr: string, mask: readonly number[]): string {
  if (node?.name === 'LambdaExpression') return `lambda ${keptNames(mask)}: ${expr}`;
  const raw = node?.name === 'String' ? nodeText(text, node) : '"';
  const m = /^([rRuUbB]*)('''|"""|'|")/.exec(raw);
  const quote = m?.[2] ?? '"';
  const prefix = (m?.[1] ?? '').replace(/[rR]/, '');
  const escaped = expr.replace(/\\/g, '\\\\').replace(new RegExp(quote[0], 'g'), `\\${quote[0]}`);
  return `${prefix}${quote}${escaped}${quote}`;
}

function maskText(node: SyntaxNode | undefined, mask: readonly number[]): string {
  const inner = mask.join(', ');
  if (node?.name === 'TupleExpression' || node?.name === 'ParenthesizedExpression') return mask.length === 1 ? `(${inner},)` : `(${inner})`;
  return `[${inner}]`;
}

/** Where the value of `name` is, when it is a variable: its single assignment inside the text. */
function assignmentValue(tree: ReturnType<typeof parsePython>, text: string, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'AssignStatement') return;
      const target = ref.node.firstChild;
      const op = ref.node.getChild('AssignOp');
      const value = op?.nextSibling;
      if (target?.name === 'VariableName' && nodeText(text, target) === name && value && ref.node.getChildren('AssignOp').length === 1) found.push(value);
    },
  });
  return found;
}

/** Follow a variable to its one assignment in the text (the recognizer reads through names too). */
function resolveNode(tree: ReturnType<typeof parsePython>, text: string, node: SyntaxNode, what: string): SyntaxNode {
  if (node.name !== 'VariableName') return node;
  const name = nodeText(text, node);
  const values = assignmentValue(tree, text, name);
  if (values.length !== 1)
    throw new ComputeError(
      `${what} is the variable \`${name}\`, which is ${values.length ? 'assigned more than once' : 'not assigned'} in the selected code; select its assignment too, or write the value in the call.`,
    );
  return values[0];
}

function checkLayers(layers: readonly FlowLayerJson[]): AffineCouplingJson[] {
  if (!Array.isArray(layers) || layers.length === 0) throw new ComputeError('The flow lab has no layers to write into the code.');
  layers.forEach((l, i) => {
    if (l.type !== 'affine_coupling')
      throw new ComputeError(
        `Layer ${i + 1} is ${l.type === 'planar' ? 'a planar' : l.type === 'radial' ? 'a radial' : `a "${(l as { type?: string }).type}"`} layer. ${NO_CODE_FORM}`,
      );
  });
  return layers as AffineCouplingJson[];
}

/** Edits for one coupling call. */
function callEdits(text: string, tree: ReturnType<typeof parsePython>, call: PyCall, layer: AffineCouplingJson, where: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const inserts: string[] = [];
  const maskNode = call.keywords.get('mask') ?? call.positional[0];
  if (maskNode) {
    const target = resolveNode(tree, text, maskNode, `${call.callee} mask`);
    edits.push({ from: target.from, to: target.to, text: maskText(target, layer.mask) });
  } else if (layer.mask.join() !== '1,0') inserts.push(`mask=${maskText(undefined, layer.mask)}`);
  (['s', 't'] as const).forEach((key, k) => {
    const expr = expressionOf(layer[key], `${where}.${key}`);
    const node = call.keywords.get(key) ?? call.positional[k + 1];
    if (node) {
      const target = resolveNode(tree, text, node, `${call.callee} ${key}`);
      edits.push({ from: target.from, to: target.to, text: netText(text, target, expr, layer.mask) });
    } else inserts.push(`${key}=${netText(text, undefined, expr, layer.mask)}`);
  });
  if (inserts.length) {
    // Missing arguments go at the end of the argument list, as keywords.
    const argList = call.node.getChild('ArgList')!;
    const close = argList.lastChild?.name === ')' ? argList.lastChild.from : argList.to;
    const before = text.slice(argList.from + 1, close).trim();
    const sep = before === '' ? '' : before.endsWith(',') ? ' ' : ', ';
    edits.push({ from: close, to: close, text: `${sep}${inserts.join(', ')}` });
  }
  return edits;
}

/** The edits that write the lab's layers into the coupling code in `text` (e.g. the selection). */
export function flowEdit(text: string, layers: readonly FlowLayerJson[]): TextEdit[] {
  const tree = parsePython(text);
  const calls = callsIn(tree, text).filter((c) => /Coupling$/.test(c.callee));
  if (calls.length) {
    const couplings = checkLayers(layers);
    if (couplings.length !== calls.length) {
      throw new ComputeError(
        `The lab has ${couplings.length} coupling layer${couplings.length === 1 ? '' : 's'} but the code has ${calls.length} ${calls[0].callee} call${calls.length === 1 ? '' : 's'}; add or remove calls (or layers) so they match, then apply again.`,
      );
    }
    const edits = calls.flatMap((c, i) => callEdits(text, tree, c, couplings[i], `layers[${i}]`));
    return finish(edits);
  }
  // Assignments s = ..., t = ..., mask = ... (one layer).
  const found: Record<string, SyntaxNode[]> = {
    s: assignmentValue(tree, text, 's'),
    t: assignmentValue(tree, text, 't'),
    mask: assignmentValue(tree, text, 'mask'),
  };
  if (!found.s.length && !found.t.length) {
    throw new ComputeError(
      'No coupling layer is in the code any more (an AffineCoupling(...) call, or s = ... / t = ... assignments); select it and run Simulate Selection again.',
    );
  }
  const couplings = checkLayers(layers);
  if (couplings.length !== 1)
    throw new ComputeError(
      `The lab has ${couplings.length} layers but the code defines one coupling layer with s/t assignments; write the layers as AffineCoupling(...) calls to keep a stack, or use Copy as code.`,
    );
  const layer = couplings[0];
  const edits: TextEdit[] = [];
  for (const key of ['s', 't', 'mask'] as const) {
    if (found[key].length > 1)
      throw new ComputeError(`\`${key}\` is assigned ${found[key].length} times in the selected code; select the one coupling layer to apply to.`);
  }
  for (const key of ['s', 't'] as const) {
    const node = found[key][0];
    const expr = expressionOf(layer[key], `layers[0].${key}`);
    if (node) edits.push({ from: node.from, to: node.to, text: netText(text, node, expr, layer.mask) });
    else {
      // A missing s or t: a new assignment after the other one, in its form and indentation.
      const other = found[key === 's' ? 't' : 's'][0];
      const stmt = other.parent!;
      const indent = /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', stmt.from - 1) + 1, stmt.from))![0];
      edits.push({ from: stmt.to, to: stmt.to, text: `\n${indent}${key} = ${netText(text, other, expr, layer.mask)}` });
    }
  }
  const maskNode = found.mask[0];
  if (maskNode) edits.push({ from: maskNode.from, to: maskNode.to, text: maskText(maskNode, layer.mask) });
  else if (layer.mask.join() !== '1,0') {
    const first = [found.s[0], found.t[0]].filter(Boolean).sort((a, b) => a.from - b.from)[0].parent!;
    const lineStart = text.lastIndexOf('\n', first.from - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    edits.push({ from: lineStart, to: lineStart, text: `${indent}mask = ${maskText(undefined, layer.mask)}\n` });
  }
  return finish(edits);
}

function finish(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  // Identical writes to one shared variable collapse into one.
  const unique = sorted.filter((e, i) => i === 0 || !(e.from === sorted[i - 1].from && e.to === sorted[i - 1].to && e.text === sorted[i - 1].text));
  for (let i = 1; i < unique.length; i++) {
    if (unique[i].from < unique[i - 1].to || (unique[i].from === unique[i - 1].from && unique[i].to === unique[i - 1].to)) {
      throw new ComputeError(
        'Two layers share the same mask, s or t variable in the code, so they cannot take different values; give each call its own arguments, then apply again.',
      );
    }
  }
  return unique;
}

/** Apply non-overlapping edits (sorted or not) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.from - a.from).reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);
}
