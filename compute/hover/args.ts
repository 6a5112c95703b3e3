/**
 * The hover on a hyperparameter identifier in Python code: `lr=3e-4` in `optim.Adam(...)`,
 * `kernel_size` in `nn.Conv2d(...)`, `momentum` in `nn.BatchNorm2d(...)`, `args.lr`, `self.lr`.
 *
 * What the argument means comes from compute/terms/arguments.ts (per API: PyTorch's BatchNorm
 * momentum is the opposite of Keras'); its default from the framework tables the labs and the model
 * trace read (compute/optim for optimizers and schedules, compute/program/*-table.ts for layers);
 * its value in this call from the recognizer's resolver (compute/recognize/values.ts), exactly as a
 * lab opened on the call would read it: literals, names bound to literals, argparse defaults,
 * config objects. A value that cannot be read is shown as written, with the reason.
 *
 * Cost: nothing but a Set look-up unless the word under the cursor is a known argument name; then
 * one (cached, incremental) parse.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { optimizerSignature } from '../optim/frameworks';
import { scheduleSignature } from '../optim/schedules';
import { flaxLinenRule, flaxNnxRule } from '../program/flax-table';
import { kerasLayerRule } from '../program/keras-table';
import { torchLayerRule } from '../program/torch-table';
import type { LayerRule } from '../program/table-types';
import { classify, importTable, qualify } from '../recognize/optim-names';
import { dottedName, nodeText, NotLiteral, parsePython, type Literal } from '../python/syntax';
import { evaluate, fileContext, Unresolved, type FileContext } from '../recognize/values';
import { ARGUMENT_NAMES, argumentDoc, type ArgumentDoc } from '../terms/arguments';
import { termById } from '../terms';
import { commandLink, formulaImage, type HoverOptions } from './markdown';
import { COMMANDS } from '../commands';

export interface ArgumentHover {
  /** `arg:<name>`. */
  id: string;
  markdown: string;
  /** 0-based columns on the line, end exclusive. */
  start: number;
  end: number;
}

/** Where an argument name sits: a keyword of a call, or a name in code. */
interface Site {
  name: string;
  node: SyntaxNode;
  /** The call's callee as written (`optim.Adam`) for a keyword argument. */
  callee?: string;
  /** The expression whose value the hover shows. */
  value?: SyntaxNode;
  /** What the value is: the keyword's value, an assignment, a function parameter's default. */
  valueKind: 'keyword' | 'positional' | 'assigned' | 'default' | 'name';
}

const IDENT = /[A-Za-z0-9_]/;

function wordAt(line: string, column: number): { word: string; start: number; end: number } | undefined {
  if (!IDENT.test(line[column] ?? '')) return undefined;
  let start = column;
  let end = column;
  while (start > 0 && IDENT.test(line[start - 1])) start--;
  while (end < line.length && IDENT.test(line[end])) end++;
  const word = line.slice(start, end);
  return /^[A-Za-z_]/.test(word) ? { word, start, end } : undefined;
}

/**
 * An argument documented in a docstring (Google style `eps (float): …` or `eps: …`, NumPy style
 * `eps : float`) at the start of its line: the parameter of that name of the function the
 * docstring belongs to (a class docstring documents `__init__`).
 */
function docstringParameter(text: string, string: SyntaxNode, offset: number, name: string): Site | undefined {
  const statement = string.parent;
  const body = statement?.parent;
  const def = body?.parent;
  if (statement?.name !== 'ExpressionStatement' || body?.name !== 'Body' || !def) return undefined;
  if (body.firstChild?.name === ':' ? body.firstChild.nextSibling?.from !== statement.from : body.firstChild?.from !== statement.from) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (!new RegExp(`^\\s*\\*{0,2}${name}\\s*(\\([^)]*\\))?\\s*:`).test(line)) return undefined;
  let fn: SyntaxNode | null | undefined = def.name === 'FunctionDefinition' ? def : undefined;
  if (def.name === 'ClassDefinition')
    for (let c = def.getChild('Body')?.firstChild ?? null; c && !fn; c = c.nextSibling)
      if (c.name === 'FunctionDefinition' && nodeText(text, c.getChild('VariableName')!) === '__init__') fn = c;
  for (let p = fn?.getChild('ParamList')?.firstChild ?? null; p; p = p.nextSibling) {
    if (p.name !== 'VariableName' || nodeText(text, p) !== name) continue;
    let next = p.nextSibling;
    if (next?.name === 'TypeDef') next = next.nextSibling;
    return { name, node: p, value: next?.name === 'AssignOp' ? (next.nextSibling ?? undefined) : undefined, valueKind: 'default' };
  }
  return undefined;
}

function siteAt(text: string, tree: Tree, offset: number, name: string): Site | undefined {
  const node = tree.resolveInner(offset, 1);
  if (node.name === 'String') return docstringParameter(text, node, offset, name);
  if (nodeText(text, node) !== name) return undefined;
  const parent = node.parent;
  if (!parent) return undefined;
  if (node.name === 'VariableName' && parent.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') {
    const call = parent.parent;
    const calleeNode = call?.name === 'CallExpression' ? call.firstChild : null;
    const callee = calleeNode ? dottedName(text, calleeNode) : undefined;
    return { name, node, callee: callee ?? '', value: node.nextSibling.nextSibling ?? undefined, valueKind: 'keyword' };
  }
  if (node.name === 'VariableName' && parent.name === 'ArgList' && parent.parent?.name === 'CallExpression') {
    // A variable passed positionally under the argument's own name: `nn.Conv2d(in_channels, out_channels, 3)`.
    const calleeNode = parent.parent.firstChild;
    const callee = calleeNode ? dottedName(text, calleeNode) : undefined;
    return callee ? { name, node, callee, value: node, valueKind: 'positional' } : { name, node, value: node, valueKind: 'name' };
  }
  if (node.name === 'VariableName' && parent.name === 'ParamList') {
    const next = node.nextSibling;
    const value = next?.name === 'AssignOp' ? (next.nextSibling ?? undefined) : undefined;
    return { name, node, value, valueKind: 'default' };
  }
  if (node.name === 'VariableName' && parent.name === 'AssignStatement' && node.nextSibling?.name === 'AssignOp') {
    return { name, node, value: node.nextSibling.nextSibling ?? undefined, valueKind: 'assigned' };
  }
  if (node.name === 'VariableName') return { name, node, value: node, valueKind: 'name' };
  if (node.name === 'PropertyName' && parent.name === 'MemberExpression') {
    const assigned = parent.parent?.name === 'AssignStatement' && parent.nextSibling?.name === 'AssignOp';
    return assigned
      ? { name, node, value: parent.nextSibling!.nextSibling ?? undefined, valueKind: 'assigned' }
      : { name, node, value: parent, valueKind: 'name' };
  }
  return undefined;
}

/** Heads commonly used without an import in snippets. */
const SNIPPET_HEADS: Record<string, string> = { nn: 'torch.nn', F: 'torch.nn.functional', nnx: 'flax.nnx', layers: 'keras.layers' };

function qualified(tree: Tree, text: string, callee: string): string {
  const table = importTable(tree, text);
  const head = callee.split('.')[0];
  if (!table.names.has(head) && Object.hasOwn(SNIPPET_HEADS, head)) return SNIPPET_HEADS[head] + callee.slice(head.length);
  return qualify(table, callee)
    .replace(/^torch\.nn\.modules\.\w+\./, 'torch.nn.')
    .replace(/^flax\.linen\.(linear|stochastic|normalization|attention|recurrent)\./, 'flax.linen.');
}

type DefaultInfo = { known: true; value: unknown; required: boolean } | { known: false };

function layerDefault(rule: LayerRule | undefined, name: string): DefaultInfo {
  if (!rule) return { known: false };
  if (Object.hasOwn(rule.defaults, name)) return { known: true, value: rule.defaults[name], required: false };
  if (rule.params.includes(name)) return { known: true, value: undefined, required: true };
  return { known: false };
}

/** The framework table's default for `name` of the callee, when a table describes the callee. */
function defaultOf(callee: string, name: string, doc: ArgumentDoc | undefined): DefaultInfo {
  const kind = classify(callee);
  let defs: readonly { name: string; default?: unknown }[] | undefined;
  if (kind?.kind === 'optimizer') defs = optimizerSignature(kind.framework, kind.name)?.defs;
  else if (kind?.kind === 'torch-scheduler') defs = scheduleSignature(kind.className)?.defs;
  else if (kind?.kind === 'keras-schedule') defs = scheduleSignature(`keras.${kind.className}`)?.defs;
  else if (kind?.kind === 'optax-schedule') defs = scheduleSignature(`optax.${kind.fn}`)?.defs;
  if (defs) {
    const def = defs.find((d) => d.name === name);
    if (def) return { known: true, value: def.default, required: def.default === undefined };
  }
  let m = /^torch\.nn\.(\w+)$/.exec(callee);
  if (m) {
    const found = layerDefault(torchLayerRule(m[1]), name);
    if (found.known) return found;
  }
  m = /^keras\.layers\.(\w+)$/.exec(callee);
  if (m) {
    const found = layerDefault(kerasLayerRule(m[1]), name);
    if (found.known) return found;
  }
  m = /^flax\.(linen|nnx)\.(\w+)$/.exec(callee);
  if (m) {
    const found = layerDefault(m[1] === 'linen' ? flaxLinenRule(m[2]) : flaxNnxRule(m[2]), name);
    if (found.known) return found;
  }
  if (doc?.defaults && Object.hasOwn(doc.defaults, callee)) return { known: true, value: doc.defaults[callee], required: false };
  return { known: false };
}

/** A value as Python writes it. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return value.length === 1 ? `(${pythonRepr(value[0])},)` : `(${value.map(pythonRepr).join(', ')})`;
  return String(value);
}

function frameworkLabel(callee: string): string | undefined {
  if (callee.startsWith('torch.')) return 'PyTorch';
  if (callee.startsWith('keras.')) return 'Keras';
  if (callee.startsWith('flax.linen.')) return 'Flax linen';
  if (callee.startsWith('flax.nnx.')) return 'Flax NNX';
  if (callee.startsWith('optax.')) return 'optax';
  return undefined;
}

const contexts = new WeakMap<Tree, FileContext>();

/** The value of the site's expression, resolved as the labs resolve it, or why it cannot be. */
function valueLine(text: string, tree: Tree, site: Site): string | undefined {
  if (!site.value) return undefined;
  let ctx = contexts.get(tree);
  if (!ctx) contexts.set(tree, (ctx = fileContext(text, tree)));
  const local: FileContext = { ...ctx, resolved: {}, resolvedFrom: {} };
  const written = nodeText(text, site.value).replace(/\s+/g, ' ');
  const shown = written.length > 60 ? `${written.slice(0, 57)}…` : written;
  const label = { keyword: 'In this call', positional: 'In this call', assigned: 'Assigned here', default: 'Default of this parameter', name: 'Value' }[
    site.valueKind
  ];
  let value: Literal;
  try {
    value = evaluate(local, site.value);
  } catch (e) {
    if (!(e instanceof Unresolved) && !(e instanceof NotLiteral)) throw e;
    if (site.valueKind === 'name' || site.valueKind === 'positional') return undefined;
    return `**${label}:** \`${shown}\` (not resolved statically)`;
  }
  const repr = pythonRepr(value);
  const from = Object.values(local.resolvedFrom ?? {})[0];
  const resolvedNames = Object.entries(local.resolved);
  const source = from ?? (resolvedNames.length && repr !== shown ? `from ${resolvedNames.map(([n]) => `\`${n}\``).join(', ')} in this file` : undefined);
  if (repr === shown) return `**${label}:** \`${repr}\``;
  return `**${label}:** \`${shown}\` = \`${repr}\`${source ? ` — ${source}` : ''}`;
}

/**
 * Where a function's parameter goes: the first call in the function's body that passes it under
 * its own name (`nn.BatchNorm2d(channels, momentum=momentum)`), whose callee then says what it means.
 */
function passedTo(text: string, param: SyntaxNode, name: string): { callee: string; at: number } | undefined {
  const fn = param.parent?.parent;
  if (param.parent?.name !== 'ParamList' || fn?.name !== 'FunctionDefinition') return undefined;
  let found: { callee: string; at: number } | undefined;
  fn.getChild('Body')
    ?.cursor()
    .iterate((ref) => {
      if (found) return false;
      if (ref.name !== 'ArgList') return undefined;
      for (let c = ref.node.firstChild; c && !found; c = c.nextSibling) {
        const value = c.nextSibling?.name === 'AssignOp' ? c.nextSibling.nextSibling : null;
        if (c.name !== 'VariableName' || nodeText(text, c) !== name || !value || nodeText(text, value) !== name) continue;
        const calleeNode = ref.node.parent?.name === 'CallExpression' ? ref.node.parent.firstChild : null;
        const callee = calleeNode ? dottedName(text, calleeNode) : undefined;
        if (callee) found = { callee, at: c.from };
      }
      return undefined;
    });
  return found;
}

/** The argument hover at a 0-based line/column of a Python document, or undefined. */
export function argumentHoverAt(text: string, lineText: string, line: number, column: number, options: HoverOptions): ArgumentHover | undefined {
  const word = wordAt(lineText, column);
  if (!word || !ARGUMENT_NAMES.has(word.word)) return undefined;
  let lineStart = 0;
  for (let i = 0; i < line; i++) {
    lineStart = text.indexOf('\n', lineStart) + 1;
    if (lineStart === 0) return undefined;
  }
  const tree = parsePython(text);
  let site = siteAt(text, tree, lineStart + word.start, word.word);
  if (!site) return undefined;
  let callee = site.callee !== undefined && site.callee !== '' ? qualified(tree, text, site.callee) : undefined;
  // A variable passed positionally is that argument only when the callee's table has a parameter of
  // its name (`SGD(groups)` is param groups); otherwise it is just a name in code.
  if (site.valueKind === 'positional' && !(callee && defaultOf(callee, site.name, argumentDoc(site.name, callee)).known)) {
    site = { ...site, callee: undefined, valueKind: 'name' };
    callee = undefined;
  }
  // A parameter (in the signature, or documented in the docstring) means what the call it is passed to says.
  const via = site.valueKind === 'default' && !callee ? passedTo(text, site.node, site.name) : undefined;
  if (via) callee = qualified(tree, text, via.callee);
  const inCall = site.valueKind === 'keyword' || site.valueKind === 'positional' || via !== undefined;
  const doc = inCall ? argumentDoc(site.name, callee) : argumentDoc(site.name);
  if (!doc) return undefined;
  const fw = callee && frameworkLabel(callee);
  const owner = callee ? ` of \`${callee}\`${fw ? ` (${fw})` : ''}` : '';
  const parts = [`**\`${site.name}\`**${owner} — ${doc.meaning}`];
  if (doc.tex) parts.push(formulaImage(doc.tex, options));
  const facts: string[] = [];
  const value = valueLine(text, tree, site);
  if (value) facts.push(value);
  if (via) facts.push(`**Passed to:** \`${via.callee}(${site.name}=${site.name})\` (line ${text.slice(0, via.at).split('\n').length})`);
  if (callee) {
    const dflt = defaultOf(callee, site.name, doc);
    if (dflt.known) facts.push(dflt.required ? `**${fw ?? 'Its'} default:** none (required)` : `**${fw ?? 'Its'} default:** \`${pythonRepr(dflt.value)}\``);
  }
  if (facts.length) parts.push(facts.join('  \n'));
  const term = doc.term ? termById(doc.term) : undefined;
  if (term) parts.push(`${commandLink(term.title, COMMANDS.lookUpTerm, [term.id])} (full entry)`);
  return { id: `arg:${site.name}`, markdown: parts.join('\n\n'), start: word.start, end: word.end };
}
