/**
 * Objective and flow expressions in Python/NumPy/PyTorch syntax, read with @lezer/python into a
 * small AST. Nothing is executed: only arithmetic, a fixed table of functions and constants, and
 * the declared variables are accepted; anything else is an error that points at its text.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { maxBracketDepth } from '../text';
import { dottedName, nodeText, parsePython } from '../python/syntax';
import { CONSTANTS, FUNCTIONS, NAMESPACES } from './functions';

export type BinaryOp = '+' | '-' | '*' | '/' | '**' | 'max' | 'min' | 'atan2';

/** Two-argument functions and the operation each becomes. */
const BINARY_FUNCTIONS: Record<string, BinaryOp> = { pow: '**', power: '**', maximum: 'max', minimum: 'min', arctan2: 'atan2' };

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; index: number }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: string; args: Expr[] };

export interface ParsedExpression {
  /** Variable names in the order the compiled function takes them. */
  variables: string[];
  body: Expr;
  /** The expression's own source text (the body of a lambda or def). */
  text: string;
}

/** Largest AST the compiler accepts (keeps hostile input bounded). */
export const MAX_NODES = 5000;

function error(text: string, node: SyntaxNode, message: string): never {
  const snippet = nodeText(text, node);
  throw new ComputeError(
    `${message} (at ${node.from + 1}–${node.to}: \`${snippet.length > 40 ? `${snippet.slice(0, 40)}…` : snippet}\`)`,
    `${node.from}-${node.to}`,
  );
}

/** Strip a leading namespace (`np.`, `torch.`, `math.`, …) and return the bare name, if allowed. */
function bareName(dotted: string): string | undefined {
  const dot = dotted.lastIndexOf('.');
  if (dot < 0) return dotted;
  return NAMESPACES.has(dotted.slice(0, dot)) ? dotted.slice(dot + 1) : undefined;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) list.push(c);
  return list;
}

class Reader {
  private count = 0;

  constructor(
    private readonly text: string,
    private readonly variables: string[],
  ) {}

  read(node: SyntaxNode): Expr {
    if (++this.count > MAX_NODES) error(this.text, node, `The expression is too large (over ${MAX_NODES} parts)`);
    const { text } = this;
    switch (node.name) {
      case 'Number': {
        const raw = nodeText(text, node).replace(/_/g, '');
        const value = Number(raw);
        if (!Number.isFinite(value) || /[jJ]$/.test(raw)) error(text, node, 'Only finite real numbers are supported');
        return { kind: 'num', value };
      }
      case 'ParenthesizedExpression': {
        const inner = children(node).filter((c) => c.name !== '(' && c.name !== ')');
        if (inner.length !== 1) error(text, node, 'Expected one expression in parentheses');
        return this.read(inner[0]);
      }
      case 'UnaryExpression': {
        const [op, arg] = children(node);
        const symbol = nodeText(text, op);
        if (symbol === '-') return { kind: 'neg', arg: this.read(arg) };
        if (symbol === '+') return this.read(arg);
        return error(text, node, `The operator \`${symbol}\` is not supported`);
      }
      case 'BinaryExpression': {
        const [left, op, right] = children(node);
        const symbol = nodeText(text, op);
        if (!['+', '-', '*', '/', '**'].includes(symbol)) {
          error(text, op, `The operator \`${symbol}\` is not supported; use + - * / **`);
        }
        return { kind: 'binary', op: symbol as BinaryOp, left: this.read(left), right: this.read(right) };
      }
      case 'VariableName':
      case 'MemberExpression': {
        const name = dottedName(text, node);
        const bare = name === undefined ? undefined : bareName(name);
        if (bare !== undefined && name === bare) {
          const index = this.variables.indexOf(bare);
          if (index >= 0) return { kind: 'var', index };
        }
        if (bare !== undefined && Object.hasOwn(CONSTANTS, bare)) return { kind: 'num', value: CONSTANTS[bare] };
        return error(text, node, `Unknown name \`${nodeText(text, node)}\`; the variables are ${this.variables.join(', ')}`);
      }
      case 'CallExpression': {
        const [callee, argList] = children(node);
        const name = dottedName(text, callee);
        const bare = name === undefined ? undefined : bareName(name);
        const fn = bare !== undefined && Object.hasOwn(FUNCTIONS, bare) ? FUNCTIONS[bare] : undefined;
        if (!fn) error(text, callee, `Unknown function \`${nodeText(text, callee)}\``);
        const args = children(argList).filter((c) => !['(', ')', ','].includes(c.name));
        if (args.some((a) => a.name === 'AssignOp' || a.nextSibling?.name === 'AssignOp')) {
          error(text, argList, `${bare}() takes positional arguments only`);
        }
        if (args.length !== fn.arity) error(text, argList, `${bare}() takes ${fn.arity} argument${fn.arity === 1 ? '' : 's'}, not ${args.length}`);
        const read = args.map((a) => this.read(a));
        if (fn.arity === 1) return { kind: 'call', fn: fn.name, args: read };
        if (fn.name === 'hypot') {
          const square = (e: Expr): Expr => ({ kind: 'binary', op: '*', left: e, right: e });
          return { kind: 'call', fn: 'sqrt', args: [{ kind: 'binary', op: '+', left: square(read[0]), right: square(read[1]) }] };
        }
        return { kind: 'binary', op: BINARY_FUNCTIONS[fn.name], left: read[0], right: read[1] };
      }
      case '⚠':
        return error(text, node, 'Syntax error');
      default:
        return error(text, node, `Unsupported syntax (${node.name})`);
    }
  }
}

/** The variables an expression uses when it does not declare them: x, y or x0, x1, … */
function implicitVariables(text: string): string[] {
  const indexed = [...text.matchAll(/\bx(\d+)\b/g)].map((m) => Number(m[1]));
  if (indexed.length) return Array.from({ length: Math.max(...indexed) + 1 }, (_, i) => `x${i}`);
  return /\by\b/.test(text) ? ['x', 'y'] : ['x'];
}

function paramNames(text: string, list: SyntaxNode): string[] {
  return children(list)
    .filter((c) => c.name === 'VariableName')
    .map((c) => nodeText(text, c));
}

function hasError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type.isError) return node;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const found = hasError(c);
    if (found) return found;
  }
  return undefined;
}

/** Deeper nesting is refused: the tree walks that compile an expression recurse per level. */
export const MAX_EXPRESSION_NESTING = 200;

/**
 * Parse `(1 - x)**2 + 100*(y - x**2)**2`, `lambda x, y: …` or `def f(x, y): return …`.
 * `variables` fixes the names and their order; otherwise they come from the lambda/def or are
 * inferred (x, y or x0…xn).
 */
export function parseExpression(source: string, variables?: string[]): ParsedExpression {
  const text = source.trim();
  if (!text) throw new ComputeError('The expression is empty.');
  if (text.length > 20_000) throw new ComputeError('The expression is longer than 20,000 characters.');
  if (maxBracketDepth(text) > MAX_EXPRESSION_NESTING) throw new ComputeError(`The expression nests brackets more than ${MAX_EXPRESSION_NESTING} levels deep.`);
  const tree = parsePython(text);
  const bad = hasError(tree.topNode);
  if (bad) error(text, bad.parent ?? bad, 'Syntax error');
  const statements = children(tree.topNode);
  if (statements.length !== 1 || statements[0].name === 'StatementGroup') throw new ComputeError('Expected a single expression, lambda or def.');
  let body: SyntaxNode | undefined;
  let declared: string[] | undefined;
  const statement = statements[0];
  if (statement.name === 'FunctionDefinition') {
    const block = statement.getChild('Body');
    const returns = block ? children(block).filter((c) => c.name !== ':') : [];
    if (returns.length !== 1 || returns[0].name !== 'ReturnStatement') {
      error(text, statement, 'A def must contain a single `return <expression>`');
    }
    body = children(returns[0]).find((c) => c.name !== 'return');
    declared = paramNames(text, statement.getChild('ParamList')!);
  } else if (statement.name === 'ExpressionStatement') {
    body = statement.firstChild ?? undefined;
    if (body?.name === 'LambdaExpression') {
      declared = paramNames(text, body.getChild('ParamList')!);
      body = body.lastChild ?? undefined;
    }
  }
  if (!body) error(text, statement, 'Expected an expression');
  const names = variables ?? declared ?? implicitVariables(nodeText(text, body));
  return { variables: names, body: new Reader(text, names).read(body), text: nodeText(text, body) };
}
