/**
 * The layer calls a selection picks: a single call, a whole Sequential, or the calls the selection
 * overlaps; and, for layers inside a Sequential or an nn.Module's `__init__`, the layers applied
 * before them, so the shape flowing in can be computed.
 */
import type { SyntaxNode } from '@lezer/common';
import type { LayerFramework } from './frameworks';
import { callsIn, nodeText, type PyCall } from '../python/syntax';
import type { Entry } from './conv-args';
import { frameworkEntry } from './conv-entries';
import type { FileContext } from './values';

const SEQUENTIAL = /^(nn\.|torch\.nn\.|keras\.|tf\.keras\.|keras\.models\.|tf\.keras\.models\.|models\.)?Sequential$/;

export interface Picked {
  entries: Entry[];
  container?: PyCall;
  /** When the entries are some layers of a Sequential: the layers before them in it (possibly none). */
  preceding?: Entry[];
  /** What `preceding` comes from: "the Sequential" or "Stem.forward". */
  chain?: string;
  /** The module's forward applies this layer after a branch: its input is not computed from the module's. */
  branchedIn?: string;
}

export function pickEntries(ctx: FileContext, from: number, to: number, frameworks: Set<LayerFramework>): Picked {
  const picked = pickEntriesRaw(ctx, from, to, frameworks);
  if (picked.container || picked.entries.length === 0) return picked;
  // Some layers inside a Sequential: also the layers before them, so the shape flowing in can be computed.
  const first = picked.entries[0].call.node;
  const last = picked.entries[picked.entries.length - 1].call.node;
  const seq = callsIn(ctx.tree, ctx.text, first.from, last.to)
    .filter((c) => SEQUENTIAL.test(c.callee) && c.node.from < first.from && last.to <= c.node.to)
    .sort((a, b) => b.node.from - a.node.from)[0];
  if (!seq) return moduleChain(ctx, picked, frameworks) ?? picked;
  const all = sequentialEntries(ctx, seq, frameworks);
  const index = all.findIndex((e) => e.call.node.from === first.from && e.call.node.to === first.to);
  if (index < 0) return picked;
  return { ...picked, preceding: all.slice(0, index), chain: 'the Sequential' };
}

/**
 * A layer assigned in an nn.Module's `__init__` (`self.maxpool = nn.MaxPool2d(...)`) whose
 * `forward` applies the layers as one chain, nested (`self.maxpool(self.relu(self.conv1(x)))`)
 * or statement by statement (`x = self.conv1(x)`, then `x = self.relu(x)`): the layers applied
 * before it, so the shape flowing into it can be computed. Anything else (branches, a module
 * without an entry, a layer used twice) gives no chain.
 */
function moduleChain(ctx: FileContext, picked: Picked, frameworks: Set<LayerFramework>): Picked | undefined {
  const first = picked.entries[0].call.node;
  const assign = first.parent;
  if (assign?.name !== 'AssignStatement') return undefined;
  const target = /^self\.(\w+)\s*=/.exec(ctx.text.slice(assign.from, first.from));
  const init = enclosingNamed(assign, 'FunctionDefinition');
  const cls = init && enclosingNamed(init.parent, 'ClassDefinition');
  if (!target || !init || !cls || functionName(ctx, init) !== '__init__') return undefined;
  const forward = cls
    .getChild('Body')
    ?.getChildren('FunctionDefinition')
    .find((f) => functionName(ctx, f) === 'forward');
  if (!forward) return undefined;
  // Calls of self.NAME in forward, in the order they run (an inner call ends first).
  const applied = callsIn(ctx.tree, ctx.text, forward.from, forward.to)
    .filter((c) => /^self\.\w+$/.test(c.callee))
    .sort((a, b) => a.node.to - b.node.to);
  const names = applied.map((c) => c.callee.slice(5));
  const at = names.indexOf(target[1]);
  if (at < 0 || names.lastIndexOf(target[1]) !== at) return undefined;
  for (let i = 1; i <= at; i++) if (!feeds(ctx, applied[i - 1], applied[i])) return { ...picked, branchedIn: `${functionName(ctx, cls)}.forward` };
  // The module's layers: self.NAME = <layer call> in __init__.
  const layers = new Map<string, Entry>();
  for (const c of callsIn(ctx.tree, ctx.text, init.from, init.to)) {
    const a = c.node.parent;
    const m = a?.name === 'AssignStatement' ? /^self\.(\w+)\s*=\s*$/.exec(ctx.text.slice(a.from, c.node.from)) : null;
    const e = m && frameworkEntry(ctx, c, frameworks);
    if (m && e) layers.set(m[1], e);
  }
  const preceding = names.slice(0, at).map((n) => layers.get(n));
  if (preceding.some((e) => !e)) return undefined;
  return { ...picked, preceding: preceding as Entry[], chain: `${functionName(ctx, cls)}.forward` };
}

/** Whether `next` takes `prev`'s output as its input: nested, or through a name assigned from it. */
function feeds(ctx: FileContext, prev: PyCall, next: PyCall): boolean {
  const arg = next.positional[0];
  if (!arg) return false;
  if (arg.from === prev.node.from && arg.to === prev.node.to) return true;
  const stmt = prev.node.parent;
  if (arg.name !== 'VariableName' || stmt?.name !== 'AssignStatement') return false;
  return new RegExp(`^${nodeText(ctx.text, arg)}\\s*=\\s*$`).test(ctx.text.slice(stmt.from, prev.node.from));
}

function enclosingNamed(node: SyntaxNode | null, name: string): SyntaxNode | undefined {
  for (let n = node; n; n = n.parent) if (n.name === name) return n;
  return undefined;
}

const functionName = (ctx: FileContext, node: SyntaxNode): string => {
  const name = node.getChild('VariableName');
  return name ? nodeText(ctx.text, name) : '';
};

/** The layer calls of a Sequential, in order. */
function sequentialEntries(ctx: FileContext, seq: PyCall, frameworks: Set<LayerFramework>): Entry[] {
  const within = callsIn(ctx.tree, ctx.text, seq.node.from, seq.node.to).filter((c) => c.node.from >= seq.node.from && c.node.to <= seq.node.to);
  return layerCallEntries(ctx, within, frameworks);
}

/** The calls of `list` that are layers, each once (not the calls nested in a layer's arguments). */
function layerCallEntries(ctx: FileContext, list: PyCall[], frameworks: Set<LayerFramework>): Entry[] {
  const entries: Entry[] = [];
  for (const c of list) {
    const e = frameworkEntry(ctx, c, frameworks);
    // Skip calls nested in an argument of a layer already taken (e.g. a factory inside).
    if (e && !entries.some((p) => p.call.node.from < c.node.from && c.node.to <= p.call.node.to && !SEQUENTIAL.test(p.call.callee))) entries.push(e);
  }
  return entries;
}

/** The entries the selection itself picks: with no range, the call under the cursor (or its Sequential). */
function pickEntriesRaw(ctx: FileContext, from: number, to: number, frameworks: Set<LayerFramework>): Picked {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, from - 1), to);
  const layerCalls = (list: PyCall[]) => layerCallEntries(ctx, list, frameworks);
  if (from === to) {
    const around = calls.filter((c) => c.node.from <= from && from <= c.node.to);
    const layer = [...around].reverse().find((c) => frameworkEntry(ctx, c, frameworks));
    const seq = around.find((c) => SEQUENTIAL.test(c.callee));
    // On a layer inside a Sequential: that layer; on the Sequential itself (name or between layers): the block.
    if (seq && (!layer || layer.node.from < seq.node.from)) {
      return { entries: sequentialEntries(ctx, seq, frameworks), container: seq };
    }
    return { entries: layer ? layerCalls([layer]) : [] };
  }
  const inside = calls.filter((c) => c.node.to > from && c.node.from < to);
  // A Sequential whose name the selection touches is taken whole; a selection of some of its layers takes those.
  const seq = inside.find((c) => SEQUENTIAL.test(c.callee) && from < (c.node.getChild('ArgList')?.from ?? c.node.to) + 1);
  if (seq) return { entries: sequentialEntries(ctx, seq, frameworks), container: seq };
  return { entries: layerCalls(inside) };
}
