/**
 * argparse namespaces: `args.lr` where `args = parser.parse_args()` is the default of the argument
 * whose dest is `lr` (argument groups, `set_defaults` in statement order, a string default
 * converted by `type=`, a literal `parse_args([...])` list); a required argument or one without a
 * default is an error naming it, as its value comes from the command line.
 */
import type { SyntaxNode } from '@lezer/common';
import { literalValue, nodeText, readCall, type Literal, type PyCall } from '../python/syntax';
import { items, Unresolved } from './file-context';
import { lookup, same, scopeOf } from './outside-lookup';
import type { Field, Frame, Obj, ObjectReader } from './outside-objects';

/** `parser.parse_args()` as a namespace of `parser`'s arguments (undefined when the receiver is not a plain name). */
export function namespaceOf(text: string, parse: PyCall, frame: Frame | undefined): Obj | undefined {
  const receiver = parse.node.firstChild?.firstChild;
  if (!receiver || receiver.name !== 'VariableName') return undefined;
  return { kind: 'namespace', parser: receiver, parserName: nodeText(text, receiver), parse, frame };
}

/** argparse: the add_argument whose dest is `key`, then set_defaults and a literal parse_args list. */
export function argparseField(r: ObjectReader, ns: Obj & { kind: 'namespace' }, key: string, label: string): Field {
  const { text } = r.ctx;
  const parserLookup = lookup(r.ctx, ns.parserName, ns.parser);
  const parserStmt = parserLookup?.kind === 'assign' ? parserLookup.assign : undefined;
  const parserCall = parserStmt ? readCall(text, parserStmt.value) : undefined;
  if (!parserStmt || !parserCall || !/(^|\.)ArgumentParser$/.test(parserCall.callee)) {
    throw new Unresolved(
      `\`${label}\`: \`${ns.parserName}\` (the parser of ${nodeText(text, ns.parse.node).slice(0, 40)}) is not an argparse.ArgumentParser(...) assigned in this file`,
    );
  }
  const scope = scopeOf(parserStmt.stmt);
  // The parser and its argument groups (parser.add_argument_group(...)).
  const receivers = new Set([ns.parserName]);
  for (const [name, list] of r.index.names) {
    for (const a of list) {
      const c = a.value.name === 'CallExpression' ? readCall(text, a.value) : undefined;
      if (
        c &&
        (c.callee === `${ns.parserName}.add_argument_group` || c.callee === `${ns.parserName}.add_mutually_exclusive_group`) &&
        same(scopeOf(a.stmt), scope)
      )
        receivers.add(name);
    }
  }
  const str = (n: SyntaxNode | undefined) => (n?.name === 'String' ? String(literalValue(text, n)) : undefined);
  let decl: { call: PyCall; option: string; action?: string; type?: string; required: boolean } | undefined;
  let value: { node: SyntaxNode; how: string } | undefined;
  let parserDefault: { node: SyntaxNode; how: string } | undefined;
  // In statement order, as argparse applies them: an add_argument default, then set_defaults
  // (which also changes the default of an argument added before it); an add_argument without
  // a default takes an earlier set_defaults value.
  for (const call of r.index.calls) {
    const dot = call.callee.lastIndexOf('.');
    const recv = call.callee.slice(0, dot);
    const method = call.callee.slice(dot + 1);
    if (!receivers.has(recv) || !same(scopeOf(call.node), scope)) continue;
    if (method === 'add_argument') {
      const flags = call.positional.map((p) => str(p) ?? '');
      const long = flags.find((f) => f.startsWith('--'));
      const short = flags.find((f) => f.startsWith('-'));
      const dest = str(call.keywords.get('dest')) ?? (long ? long.slice(2).replace(/-/g, '_') : short ? short.replace(/^-+/, '').replace(/-/g, '_') : flags[0]);
      if (dest !== key) continue;
      const positional = flags[0] !== undefined && flags[0] !== '' && !flags[0].startsWith('-');
      const required = call.keywords.get('required');
      decl = {
        call,
        option: flags.filter(Boolean).join('/') || key,
        action: str(call.keywords.get('action')),
        type: call.keywords.has('type') ? nodeText(text, call.keywords.get('type')!) : undefined,
        required: (required !== undefined && nodeText(text, required) === 'True') || (positional && !call.keywords.has('nargs')),
      };
      const dflt = call.keywords.get('default');
      value = dflt ? { node: dflt, how: `the argparse default of ${decl.option} (line ${r.line(call.node)})` } : parserDefault;
    } else if (method === 'set_defaults' && recv === ns.parserName && call.keywords.has(key)) {
      const v = { node: call.keywords.get(key)!, how: `${ns.parserName}.set_defaults(${key}=…) (line ${r.line(call.node)})` };
      parserDefault = v;
      if (decl) value = v;
    }
  }
  if (!decl) {
    if (parserDefault) return parserDefault;
    throw new Unresolved(`\`${label}\`: the parser \`${ns.parserName}\` (line ${r.line(parserStmt.stmt)}) has no argument whose dest is \`${key}\``);
  }
  const d = decl;
  // A literal argument list: parse_args(['--lr', '0.1']) (or parse_args([]) for the defaults).
  const list = ns.parse.positional[0] ?? ns.parse.keywords.get('args');
  if (list && (list.name === 'ArrayExpression' || list.name === 'TupleExpression')) {
    const words = items(list, list.from, list.to).map(str);
    const options = d.option.split('/');
    const where = `${nodeText(text, ns.parse.node).slice(0, 60)} (line ${r.line(ns.parse.node)})`;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === undefined) continue;
      const eq = w.indexOf('=');
      const flag = eq > 0 ? w.slice(0, eq) : w;
      if (!options.includes(flag)) continue;
      if (d.action === 'store_true' || d.action === 'store_false') return { literal: d.action === 'store_true', how: where };
      const raw = eq > 0 ? w.slice(eq + 1) : words[i + 1];
      if (raw === undefined) break;
      return { literal: convert(raw, d.type, label), how: where };
    }
  }
  if (value) {
    // argparse converts a string default with type= (a non-string default is used as is).
    if (d.type && value.node.name === 'String')
      return { literal: convert(String(literalValue(text, value.node)), d.type, label), how: `${value.how}, converted by type=${d.type}` };
    return value;
  }
  if (d.action === 'store_true') return { literal: false, how: `${d.option} is a store_true flag, False unless given (line ${r.line(d.call.node)})` };
  if (d.action === 'store_false') return { literal: true, how: `${d.option} is a store_false flag, True unless given (line ${r.line(d.call.node)})` };
  if (d.required)
    throw new Unresolved(
      `\`${label}\` comes from the command line: ${d.option} is required (line ${r.line(d.call.node)}) and has no default, so its value is known only when the script runs; write the value`,
    );
  throw new Unresolved(
    `\`${label}\` comes from the command line: ${d.option} (line ${r.line(d.call.node)}) has no default (it is None unless given), so its value is known only when the script runs; write the value`,
  );
}

/** A command-line string converted as argparse's `type=` would (float, int, or kept as a string). */
function convert(raw: string, type: string | undefined, label: string): Literal {
  if (type === 'float') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new Unresolved(`\`${label}\`: argparse would reject ${JSON.stringify(raw)} for type=float`);
    return v;
  }
  if (type === 'int') {
    if (!/^\s*[-+]?\d+\s*$/.test(raw)) throw new Unresolved(`\`${label}\`: argparse would reject ${JSON.stringify(raw)} for type=int`);
    return Number(raw);
  }
  if (type === undefined || type === 'str') return raw;
  throw new Unresolved(`\`${label}\`: the string ${JSON.stringify(raw)} goes through type=${type}, which is not read`);
}
