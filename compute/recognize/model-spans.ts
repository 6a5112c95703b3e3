/**
 * Where an "Analyze model" CodeLens goes: every top-level class whose bases include a module
 * (`nn.Module`, `Module`, `torch.nn.Module`, `nn.Sequential`, … or another such class of the same
 * file), every top-level function that returns one (`def resnet18(): return ResNet(...)`,
 * `model = VGG(...); return model`, `return nn.Sequential(*layers)`, or another such function),
 * and every module-level (`__main__`, or a script's `def main():`) statement that builds one of
 * them with arguments (`model = Net(num_classes=10).to(device)`).
 * Syntax only, cheap enough for every edit; the analysis itself runs when the lens is used, with
 * the cursor on the class or function name.
 */
import type { SyntaxNode } from '@lezer/common';
import { MAX_NESTING, maxBracketDepth } from '../text';
import { dottedName, nodeText, parsePython } from '../python/syntax';

export interface ModelSpan {
  /** A model class, a model factory, or a module-level statement that builds one with arguments. */
  kind: 'class' | 'factory' | 'build';
  name: string;
  /** The statement, decorators included (the lens sits above its first line). */
  from: number;
  to: number;
  /** Where the cursor goes to analyze it: the start of its name. */
  at: number;
}

/** Base classes that make a class a module (PyTorch names; Flax linen's `nn.Module` reads the same). */
const MODULE_BASE = /^((torch\.)?nn\.)?(Module|Sequential|ModuleList|ModuleDict)$|^torch\.nn\.(Module|Sequential)$/;
/** Containers a factory may return directly. */
const CONTAINER = /^((torch\.)?nn\.)?(Sequential|ModuleList|ModuleDict)$/;
/** Names that build something other than a model (a factory of these is not a model factory). */
const NOT_A_MODEL = /(optim|lr_scheduler|loss|criterion|loader|dataset)/i;

/** At most this many lenses per document. */
const MAX_SPANS = 500;

interface Candidate {
  kind: 'class' | 'factory';
  name: string;
  node: SyntaxNode;
  statement: SyntaxNode;
  nameNode: SyntaxNode;
  /** Class: its base names. Factory: the callees its returns build (directly or through a local name). */
  refs: string[];
}

export function modelSpans(text: string): ModelSpan[] {
  if (text.length > 2_000_000 || maxBracketDepth(text) > MAX_NESTING) return [];
  const top = parsePython(text).topNode;
  const candidates: Candidate[] = [];
  for (let statement = top.firstChild; statement; statement = statement.nextSibling) {
    const node = statement.name === 'DecoratedStatement' ? (statement.getChild('ClassDefinition') ?? statement.getChild('FunctionDefinition')) : statement;
    if (!node || (node.name !== 'ClassDefinition' && node.name !== 'FunctionDefinition')) continue;
    const nameNode = node.getChild('VariableName');
    if (!nameNode) continue;
    const name = nodeText(text, nameNode);
    if (node.name === 'ClassDefinition') candidates.push({ kind: 'class', name, node, statement, nameNode, refs: classBases(text, node) });
    else if (!NOT_A_MODEL.test(name)) candidates.push({ kind: 'factory', name, node, statement, nameNode, refs: returnedCallees(text, node) });
  }
  // Fixed point: a class deriving from a model class of this file is one; a factory returning one is one.
  const models = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const c of candidates) {
      if (models.has(c.name)) continue;
      const is =
        c.kind === 'class'
          ? c.refs.some((b) => MODULE_BASE.test(b) || classNamed(candidates, b, models))
          : c.refs.some((r) => CONTAINER.test(r) || models.has(r));
      if (is) {
        models.add(c.name);
        changed = true;
      }
    }
  }
  const spans: ModelSpan[] = candidates
    .filter((c) => models.has(c.name))
    .map((c) => ({ kind: c.kind, name: c.name, from: c.statement.from, to: c.statement.to, at: c.nameNode.from }));
  // `model = Net(num_classes=10)` at module level or under `__main__`: the model as the file builds it.
  const builds = (block: SyntaxNode | null) => {
    for (let statement = block?.firstChild ?? null; statement; statement = statement.nextSibling) {
      if (statement.name === 'IfStatement' && /^if\s+__name__\s*==\s*['"]__main__['"]/.test(nodeText(text, statement))) builds(statement.getChild('Body'));
      const call = builtCall(text, statement);
      const callee = call?.firstChild;
      const args = call?.getChild('ArgList');
      if (!call || !callee || !args || nodeText(text, args).replace(/\s/g, '') === '()') continue;
      const name = dottedName(text, callee);
      if (name && models.has(name))
        spans.push({ kind: 'build', name: nodeText(text, call).split('\n')[0], from: statement.from, to: statement.to, at: callee.from });
    }
  };
  builds(top);
  // A script's `def main():` (no parameters, not a model factory) builds its model in its body.
  for (const c of candidates)
    if (c.kind === 'factory' && !models.has(c.name) && nodeText(text, c.node.getChild('ParamList')!).replace(/\s/g, '') === '()')
      builds(c.node.getChild('Body'));
  return spans.sort((a, b) => a.from - b.from).slice(0, MAX_SPANS);
}

/** Calls that only move or switch a built model. */
const PASS_THROUGH = /^(to|cuda|cpu|eval|train|float|double|half)$/;

/** The call an assignment builds its value with, inside calls that only move it (`Net(10).to(device)`). */
function builtCall(text: string, statement: SyntaxNode): SyntaxNode | undefined {
  if (statement.name !== 'AssignStatement') return undefined;
  let value = statement.lastChild;
  while (
    value?.name === 'CallExpression' &&
    value.firstChild?.name === 'MemberExpression' &&
    value.firstChild.firstChild?.name === 'CallExpression' &&
    PASS_THROUGH.test(nodeText(text, value.firstChild.lastChild!))
  )
    value = value.firstChild.firstChild;
  return value?.name === 'CallExpression' ? value : undefined;
}

const classNamed = (candidates: Candidate[], name: string, models: Set<string>) =>
  models.has(name) && candidates.some((c) => c.kind === 'class' && c.name === name);

/** The positional bases of `class X(a.B, C, metaclass=M)` as dotted names. */
function classBases(text: string, node: SyntaxNode): string[] {
  const args = node.getChild('ArgList');
  const bases: string[] = [];
  for (let child = args?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.nextSibling?.name === 'AssignOp') {
      child = child.nextSibling.nextSibling;
      if (!child) break;
      continue;
    }
    const name = dottedName(text, child);
    if (name) bases.push(name);
  }
  return bases;
}

/**
 * What a function's return statements build: `return F(...)` gives F; `return m` gives the
 * callees assigned to `m` anywhere in the function (`m = F(...)`). Nested defs and classes are
 * their own scopes and are skipped.
 */
function returnedCallees(text: string, fn: SyntaxNode): string[] {
  const body = fn.getChild('Body');
  if (!body) return [];
  const returned: SyntaxNode[] = [];
  const assigned = new Map<string, string[]>();
  const visit = (n: SyntaxNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'FunctionDefinition' || c.name === 'ClassDefinition' || c.name === 'DecoratedStatement' || c.name === 'LambdaExpression') continue;
      if (c.name === 'ReturnStatement' && c.lastChild && c.lastChild.name !== 'return') returned.push(c.lastChild);
      else if (c.name === 'AssignStatement') {
        const target = c.firstChild;
        const value = c.lastChild;
        const callee = value?.name === 'CallExpression' && value.firstChild ? dottedName(text, value.firstChild) : undefined;
        if (target?.name === 'VariableName' && callee) assigned.set(nodeText(text, target), [...(assigned.get(nodeText(text, target)) ?? []), callee]);
        visit(c);
      } else visit(c);
    }
  };
  visit(body);
  const out: string[] = [];
  for (const value of returned) {
    if (value.name === 'CallExpression' && value.firstChild) {
      const callee = dottedName(text, value.firstChild);
      if (callee) out.push(callee);
    } else if (value.name === 'VariableName') out.push(...(assigned.get(nodeText(text, value)) ?? []));
  }
  return out;
}
