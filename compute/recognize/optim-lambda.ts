/**
 * Python functions given to PyTorch schedulers (LambdaLR's lr_lambda, CyclicLR's scale_fn): their
 * source text with every name taken from the code around them replaced by its value, so
 * compute/optim can evaluate them alone.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Reading } from './optim-args';
import { importTable } from './optim-names';
import { lookupName } from './outside';
import { nodeText, type Literal } from '../python/syntax';
import { evaluate } from './values';

const PY_BUILTINS = new Set(['min', 'max', 'abs', 'round', 'int', 'float', 'pow', 'True', 'False', 'None']);

/**
 * The source of a lambda or def passed to a scheduler, with every name it takes from the code
 * around it (`warmup_steps`, `args.epochs`, a parameter of the helper it is defined in)
 * replaced by its value, so compute/optim can evaluate it alone.
 */
export function functionSource(r: Reading, node: SyntaxNode, owner: string): string {
  const { ctx } = r;
  const { text } = ctx;
  let fnNode: SyntaxNode | undefined = node;
  if (node.name === 'VariableName') {
    const name = nodeText(text, node);
    const found = lookupName(ctx, name, node);
    if (found?.kind === 'def') fnNode = found.def;
    else if (found?.kind === 'assign' && found.assign.value.name === 'LambdaExpression') fnNode = found.assign.value;
    else if (found?.kind === 'assign' && found.assign.value.name === 'VariableName') return functionSource(r, found.assign.value, owner);
    else throw new Error(`${owner}: \`${name}\` is not a lambda or a def of this file, so the schedule cannot be computed; write the function as a lambda.`);
  }
  if (fnNode.name === 'ArrayExpression' || fnNode.name === 'TupleExpression') {
    const first = fnNode.firstChild?.nextSibling;
    if (!first || first.name === ']' || first.name === ')') throw new Error(`${owner}: an empty list of functions.`);
    r.warnings.push(`${owner}: one function per parameter group; the lab simulates one group and uses the first.`);
    return functionSource(r, first, owner);
  }
  if (fnNode.name !== 'LambdaExpression' && fnNode.name !== 'FunctionDefinition') {
    throw new Error(
      `${owner} is \`${nodeText(text, fnNode).slice(0, 60)}\`; only a lambda or a def of this file can be read (functools.partial and callable objects are not).`,
    );
  }
  // Names local to the function: its parameters and what its body assigns.
  const local = new Set<string>();
  for (let c = fnNode.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) if (c.name === 'VariableName') local.add(nodeText(text, c));
  fnNode.cursor().iterate((ref) => {
    if ((ref.name === 'AssignStatement' || ref.name === 'UpdateStatement') && ref.node.firstChild?.name === 'VariableName')
      local.add(nodeText(text, ref.node.firstChild));
  });
  const modules = importTable(ctx.tree, text).names;
  const edits: { from: number; to: number; value: string }[] = [];
  const body = fnNode.name === 'LambdaExpression' ? fnNode : fnNode.getChild('Body');
  const visit = (n: SyntaxNode) => {
    if (n.name === 'ParamList') {
      // Defaults of extra parameters may use outside names too.
      for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'VariableName' || c.prevSibling?.name === 'AssignOp') visit(c);
      return;
    }
    if (n.name === 'MemberExpression') {
      let head = n.firstChild;
      while (head?.name === 'MemberExpression') head = head.firstChild;
      const headName = head?.name === 'VariableName' ? nodeText(text, head) : '';
      if (head && headName && !local.has(headName) && !modules.has(headName) && !['math', 'np', 'numpy', 'torch'].includes(headName)) {
        edits.push({ from: n.from, to: n.to, value: pyNumber(owner, evaluate(ctx, n), nodeText(text, n)) });
        return;
      }
    }
    if (n.name === 'VariableName') {
      const name = nodeText(text, n);
      const isCallee = n.parent?.name === 'CallExpression' && n.parent.firstChild?.from === n.from;
      if (!local.has(name) && !isCallee && !PY_BUILTINS.has(name)) edits.push({ from: n.from, to: n.to, value: pyNumber(owner, evaluate(ctx, n), name) });
      return;
    }
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  if (fnNode.name === 'LambdaExpression') {
    const params = fnNode.getChild('ParamList');
    if (params) visit(params);
    for (let c = params?.nextSibling ?? null; c; c = c.nextSibling) visit(c);
  } else if (body) {
    const params = fnNode.getChild('ParamList');
    if (params) visit(params);
    visit(body);
  }
  edits.sort((a, b) => a.from - b.from);
  let out = '';
  let at = fnNode.from;
  for (const e of edits) {
    out += text.slice(at, e.from) + e.value;
    at = e.to;
  }
  out += text.slice(at, fnNode.to);
  if (fnNode.name === 'FunctionDefinition') {
    // Dedent a nested def so it parses alone.
    const column = fnNode.from - (text.lastIndexOf('\n', fnNode.from - 1) + 1);
    if (column > 0)
      out = out
        .split('\n')
        .map((line, i) => (i === 0 ? line : line.slice(Math.min(column, line.length - line.trimStart().length))))
        .join('\n');
  }
  return out;
}

function pyNumber(owner: string, v: Literal, what: string): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  throw new Error(`${owner}: \`${what}\` is ${JSON.stringify(v)}, not a number.`);
}
