/**
 * Which part of a Python file a whole-model trace can start from: the cheap syntactic pre-test
 * (mayBeModel), what the selection points at (findTarget: a model class, a factory, a module
 * instantiation, or a layer inside a model class), and the syntactic tests of classes and functions
 * that decide which of the file's definitions can be built as a model.
 */
import type { SyntaxNode } from '@lezer/common';
import { nodeText, parsePython } from '../python/syntax';
import { parseTree } from './interp';
import { ClassV, FuncV, type FileNS } from './objects';

/** What the selection points at. */
export type Target =
  | { kind: 'class'; name: string; node: SyntaxNode }
  | { kind: 'factory'; name: string; node: SyntaxNode }
  | { kind: 'call'; node: SyntaxNode }
  | { kind: 'layer'; node: SyntaxNode };

/** The options of ModelOptions that decide which selections stay with the conv lab's own recognizer. */
export interface TargetOptions {
  literalSequentialToLab?: boolean;
  layersToLab?: boolean;
}

/** What the selection from..to in the main file points at, or undefined when it is not a model. */
export function findTarget(main: FileNS, options: TargetOptions, from: number, to: number): Target | undefined {
  const top = parseTree(main);
  const text = main.text;
  let node: SyntaxNode | null = top.resolveInner(from, 1);
  // A selection spanning more: the smallest node covering it.
  if (to > from) {
    node = top.resolveInner(from, 1);
    while (node && node.to < to) node = node.parent;
  }
  const globals = main.globals;
  let layerCall: SyntaxNode | undefined;
  for (let n = node; n; n = n.parent) {
    // On the name of `block = Inception(...)`: the call it binds.
    if (n.name === 'AssignStatement' && n.lastChild?.name === 'CallExpression' && from < n.lastChild.from) {
      const found = findTarget(main, options, n.lastChild.from, n.lastChild.from);
      if (found && found.kind === 'call') return found;
    }
    if (n.name === 'CallExpression') {
      const callee = n.firstChild ? nodeText(text, n.firstChild) : '';
      const last = callee.slice(callee.lastIndexOf('.') + 1);
      const value = globals.get(callee) ?? globals.get(last);
      if (/(^|\.)(Sequential|ModuleList|ModuleDict)$/.test(callee) && !(options.literalSequentialToLab && isLiteralSequential(n, text)))
        return { kind: 'call', node: n };
      if (value instanceof ClassV && isModuleClass(value)) return { kind: 'call', node: n };
      if (value instanceof FuncV && returnsModuleLike(value, text)) return { kind: 'call', node: n };
      // A classmethod factory: EfficientNet.from_name('efficientnet-b2').
      const owner = callee.includes('.') ? globals.get(callee.slice(0, callee.indexOf('.'))) : undefined;
      if (owner instanceof ClassV && isModuleClass(owner) && owner.lookup(last) instanceof FuncV) return { kind: 'call', node: n };
      if (/(^|\.)(keras|models)\.Model$|^Model$/.test(callee) && n.getChild('ArgList')?.firstChild?.nextSibling?.name !== ')') return { kind: 'call', node: n };
      if (!layerCall && /^(nn|torch\.nn)\.[A-Z]\w*$/.test(callee)) layerCall = n;
    }
    if (
      (n.name === 'FunctionDefinition' && n.parent?.name === 'Script') ||
      (n.name === 'FunctionDefinition' && n.parent?.name === 'DecoratedStatement' && n.parent.parent?.name === 'Script')
    ) {
      const name = n.getChild('VariableName');
      const body = n.getChild('Body');
      if (name && body && from < body.from) {
        const fn = globals.get(nodeText(text, name));
        if (fn instanceof FuncV && returnsModuleLike(fn, text)) return { kind: 'factory', name: nodeText(text, name), node: n };
      }
    }
    if (n.name === 'ClassDefinition') {
      const name = n.getChild('VariableName');
      const cls = name && globals.get(nodeText(text, name));
      if (cls instanceof ClassV && isModuleClass(cls)) {
        if (layerCall) return options.layersToLab ? undefined : { kind: 'layer', node: layerCall };
        // The class itself: the cursor on its header, or a selection of all of it.
        const body = n.getChild('Body');
        if (body && (from < body.from || (from <= n.from && to >= n.to))) return { kind: 'class', name: cls.name, node: n };
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * A cheap syntactic test before evaluating the file: the selection is in a class with bases, on a
 * top-level def's header, or in a call of a capitalized name, a container or a function of the file.
 */
export function mayBeModel(text: string, from: number, to: number): boolean {
  if (!/\b(torch|nn|keras|flax|nnx|tensorflow)\b/.test(text)) return false;
  const top = parsePython(text).topNode;
  let n: SyntaxNode | null = top.resolveInner(from, 1);
  while (n && n.to < to) n = n.parent;
  for (; n; n = n.parent) {
    if (n.name === 'ClassDefinition' && n.getChild('ArgList')) return true;
    if (n.name === 'FunctionDefinition') {
      const body = n.getChild('Body');
      if (body && from < body.from) return true;
    }
    if (n.name === 'CallExpression' || n.name === 'AssignStatement') return true;
  }
  return false;
}

/**
 * A Sequential whose every element is a torch.nn layer call with literal arguments: the conv lab's
 * own recognizer reads it (and can write edits back), so it stays on that path.
 */
function isLiteralSequential(call: SyntaxNode, text: string): boolean {
  const callee = call.firstChild ? nodeText(text, call.firstChild) : '';
  if (!/(^|\.)Sequential$/.test(callee)) return false;
  const args = call.getChild('ArgList');
  // keras.Sequential([layers.Conv2D(...), ...]): the list's elements.
  const list = args?.getChild('ArrayExpression');
  if (list) {
    for (let c = list.firstChild; c; c = c.nextSibling) {
      if (['[', ']', ',', 'Comment'].includes(c.name)) continue;
      if (c.name !== 'CallExpression' || !/^(layers|keras\.layers|tf\.keras\.layers|keras|L)\.[A-Z]\w*$/.test(c.firstChild ? nodeText(text, c.firstChild) : ''))
        return false;
    }
    return true;
  }
  for (let c = args?.firstChild ?? null; c; c = c.nextSibling) {
    if (['(', ')', ',', 'Comment'].includes(c.name)) continue;
    if (c.name !== 'CallExpression') return false;
    const inner = c.firstChild ? nodeText(text, c.firstChild) : '';
    if (!/^(nn|torch\.nn)\.[A-Z]\w*$/.test(inner)) return false;
    const innerArgs = c.getChild('ArgList');
    let literal = true;
    innerArgs?.cursor().iterate((ref) => {
      if (ref.name === 'CallExpression' || ref.name === 'MemberExpression') literal = false;
    });
    if (!literal) return false;
  }
  return true;
}

export function isModuleClass(cls: ClassV): boolean {
  const b = cls.nativeBase();
  return b === 'Module' || b === 'Sequential' || b === 'ModuleList' || b === 'ModuleDict';
}

/** Whether a function's returns look like building a module (a call), so it may be a factory. */
export function returnsModuleLike(fn: FuncV, text: string): boolean {
  const body = fn.node.getChild('Body');
  if (!body) return false;
  let found = false;
  const visit = (n: SyntaxNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'FunctionDefinition' || c.name === 'ClassDefinition') continue;
      if (c.name === 'ReturnStatement') {
        const v = c.lastChild;
        if (v && (v.name === 'CallExpression' || v.name === 'VariableName') && !/^(torch\.)?(optim|nn\.functional|F)\./.test(nodeText(text, v))) found = true;
      } else visit(c);
    }
  };
  visit(body);
  // A function that trains (`loss.backward()`, `optimizer.step()`) is a script's main, not a
  // factory, even when it returns the model: the model is the one it builds (moduleLevelBuilds).
  if (/\.backward\(|\.zero_grad\(|\boptimi[sz]er\.step\(/.test(nodeText(text, body))) return false;
  return found && !/optim|lr_scheduler|loss|criterion/i.test(fn.name);
}

export function requiredParams(fn: FuncV, text: string): number {
  let count = 0;
  const params = fn.node.getChild('ParamList');
  let star = false;
  for (let c = params?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === '*' || c.name === '**') star = true;
    else if (c.name === ',') star = false;
    else if (c.name === 'VariableName') {
      let n = c.nextSibling;
      if (n?.name === 'TypeDef') n = n.nextSibling;
      const name = nodeText(text, c);
      if (!star && n?.name !== 'AssignOp' && name !== 'self' && name !== 'cls') count++;
      star = false;
    }
  }
  return count;
}

export function initRequired(cls: ClassV, text: string): number {
  const init = cls.lookup('__init__');
  if (!(init instanceof FuncV)) return 0;
  return requiredParams(init, init.closure.file.text ?? text);
}

export function enclosingTopDef(node: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  for (let n = node.parent; n; n = n.parent) if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') found = n;
  return found;
}

export function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.name === 'ClassDefinition') return n;
  return undefined;
}

/** The first call `Name(...)` in the file outside the class itself. */
export function directCallSite(top: SyntaxNode, text: string, name: string): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  top.cursor().iterate((ref) => {
    if (found) return false;
    if (ref.name !== 'CallExpression') return undefined;
    const callee = ref.node.firstChild;
    if (callee && nodeText(text, callee) === name) {
      found = ref.node;
      return false;
    }
    return undefined;
  });
  return found;
}

/** Calls that only move or switch a built model (`Net(10).to(device)`): the model is their receiver. */
const PASS_THROUGH = /^(to|cuda|cpu|eval|train|float|double|half|requires_grad_)$/;
/** Library containers and model classes a module-level statement may build a model with. */
const LIBRARY_MODEL = /^(?:(?:torch\.)?nn|(?:(?:tf|tensorflow)\.)?keras(?:\.models)?|models|nnx|flax\.nnx)\.(?:Sequential|Model)$/;
/** At most this many module-level builds become roots (each is built and traced). */
const MAX_MODULE_LEVEL = 6;

/** A model the file builds in a module-level statement (`model = Net(num_classes=10)`). */
export interface ModuleLevelBuild {
  /** The call that builds it. */
  call: SyntaxNode;
  /** The statement that holds it. */
  statement: SyntaxNode;
  /** The call as people read it: its text when short, else `Callee(…)`. */
  label: string;
  /** The variable it is assigned to (`model`), when the target is a plain name. */
  variable?: string;
}

/**
 * Models built at module level (or under `if __name__ == "__main__":`, or in a script's `def main():`)
 * that no other root covers:
 * instances of the file's module classes whose `__init__` needs arguments, calls of its factories
 * that need arguments, and library containers (`nn.Sequential(…)`, `keras.Sequential([…])`,
 * `keras.Model(inputs, outputs)`). Classes and factories without required arguments are roots of
 * their own already.
 */
export function moduleLevelBuilds(main: FileNS): ModuleLevelBuild[] {
  const text = main.text;
  const out: ModuleLevelBuild[] = [];
  const seen = new Set<string>();
  const consider = (statement: SyntaxNode) => {
    if (statement.name !== 'AssignStatement' || out.length >= MAX_MODULE_LEVEL) return;
    let call: SyntaxNode | null = statement.lastChild;
    // `Net(10).to(device).eval()`: the call inside the pass-through ones.
    while (call?.name === 'CallExpression' && call.firstChild?.name === 'MemberExpression') {
      const member = call.firstChild;
      const method = member.lastChild ? nodeText(text, member.lastChild) : '';
      if (!PASS_THROUGH.test(method) || member.firstChild?.name !== 'CallExpression') break;
      call = member.firstChild;
    }
    if (call?.name !== 'CallExpression' || !call.firstChild) return;
    const callee = nodeText(text, call.firstChild);
    const v = main.globals.get(callee);
    const builds =
      (v instanceof ClassV && v.file === main && isModuleClass(v) && initRequired(v, text) > 0) ||
      (v instanceof FuncV && v.closure.file === main && returnsModuleLike(v, text) && requiredParams(v, text) > 0) ||
      (v === undefined && LIBRARY_MODEL.test(callee)) ||
      (v === undefined && /^(?:Sequential|Model)$/.test(callee) && /\bimport\b[^\n]*\b(?:Sequential|Model)\b/.test(text));
    if (!builds) return;
    const written = nodeText(text, call);
    let label = !written.includes('\n') && written.length <= 60 ? written : `${callee}(…)`;
    if (seen.has(label)) label = `${label} (line ${text.slice(0, call.from).split('\n').length})`;
    seen.add(label);
    const target = statement.firstChild;
    out.push({
      call,
      statement,
      label,
      ...(target?.name === 'VariableName' && target.nextSibling?.name === 'AssignOp' ? { variable: nodeText(text, target) } : {}),
    });
  };
  const considerBody = (block: SyntaxNode) => {
    for (let b = block.getChild('Body')?.firstChild ?? null; b; b = b.nextSibling) consider(b);
  };
  for (let s = parseTree(main).firstChild; s; s = s.nextSibling) {
    consider(s);
    // if __name__ == "__main__": its block's statements too.
    if (s.name === 'IfStatement' && /^if\s+__name__\s*==\s*['"]__main__['"]/.test(nodeText(text, s))) considerBody(s);
    // A script's `def main():` (a function called without arguments that is not a model factory).
    const name = s.name === 'FunctionDefinition' ? s.getChild('VariableName') : null;
    const fn = name ? main.globals.get(nodeText(text, name)) : undefined;
    if (fn instanceof FuncV && fn.node.from === s.from && requiredParams(fn, text) === 0 && !returnsModuleLike(fn, text)) considerBody(s);
  }
  return out;
}

/** The variable a call's value is assigned to (`model = Net(10).to(device)` → `model`), if plainly. */
export function assignedName(text: string, call: SyntaxNode): string | undefined {
  let node: SyntaxNode = call;
  // Out through the pass-through calls: Net(10) → Net(10).to → Net(10).to(device).
  while (node.parent?.name === 'MemberExpression' && node.parent.parent?.name === 'CallExpression' && PASS_THROUGH.test(nodeText(text, node.parent.lastChild!)))
    node = node.parent.parent;
  const statement = node.parent;
  const target = statement?.firstChild;
  if (
    statement?.name !== 'AssignStatement' ||
    statement.lastChild?.from !== node.from ||
    target?.name !== 'VariableName' ||
    target.nextSibling?.name !== 'AssignOp'
  )
    return undefined;
  return nodeText(text, target);
}
