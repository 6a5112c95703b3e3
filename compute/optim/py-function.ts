/**
 * A learning-rate function written in Python (LambdaLR's `lr_lambda`, MultiplicativeLR's, a
 * CyclicLR `scale_fn`): `lambda epoch: 0.95 ** epoch`, or a `def` whose body is assignments,
 * `if`/`elif`/`else` and `return`s (Hugging Face's warm-up lambdas are written that way). It is
 * parsed with @lezer/python and evaluated by walking the tree with Python's number semantics
 * (true `/`, floored `//` and `%`, `**`, `min`/`max`/`abs`/`round`/`int`/`float`, `math.*`);
 * nothing is executed. Names other than the parameters and the def's own locals are errors: the
 * recognizer substitutes their values before the source gets here.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { CONSTANTS, FUNCTIONS, NAMESPACES } from '../expr/functions';
import { maxBracketDepth } from '../text';
import { dottedName, nodeText, parsePython } from '../python/syntax';
import { pyArith } from '../python/arithmetic';

/** Most tree nodes one call may visit (a loop-free function; this bounds hostile input). */
const MAX_VISITS = 100_000;
const MAX_SOURCE = 20_000;

export interface PyFunction {
  /** The parameter the schedule passes (the epoch or the cycle count). */
  readonly parameter: string;
  readonly source: string;
  (value: number): number;
}

class Return {
  constructor(readonly value: number) {}
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const isComparison = (node: SyntaxNode) => node.name === 'BinaryExpression' && node.getChild('CompareOp') !== null;

/** Python's round(x): halves to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const EXTRA: Record<string, (args: number[]) => number> = {
  min: (a) => Math.min(...a),
  max: (a) => Math.max(...a),
  abs: ([v]) => Math.abs(v),
  float: ([v]) => v,
  int: ([v]) => Math.trunc(v),
  round: ([v]) => pyRound(v),
  floor: ([v]) => Math.floor(v),
  ceil: ([v]) => Math.ceil(v),
  trunc: ([v]) => Math.trunc(v),
  pow: ([a, b]) => a ** b,
  exp: ([v]) => Math.exp(v),
  log: (a) => (a.length === 2 ? Math.log(a[0]) / Math.log(a[1]) : Math.log(a[0])),
};

class Evaluator {
  private visits = 0;
  private vars = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly owner: string,
  ) {}

  fail(node: SyntaxNode, message: string): never {
    const snippet = nodeText(this.text, node);
    throw new ComputeError(`${this.owner}: ${message} (\`${snippet.length > 50 ? `${snippet.slice(0, 50)}…` : snippet}\`).`);
  }

  run(body: SyntaxNode, expression: boolean, bindings: Map<string, number>): number {
    this.visits = 0;
    this.vars = new Map(bindings);
    if (expression) return this.expr(body);
    try {
      this.block(body);
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    }
    return this.fail(body, 'the function ends without returning a number');
  }

  private block(body: SyntaxNode): void {
    for (const s of children(body)) {
      if (s.name === ':' || s.name === 'PassStatement' || s.name === 'Comment') continue;
      this.statement(s);
    }
  }

  private statement(s: SyntaxNode): void {
    if (++this.visits > MAX_VISITS) this.fail(s, 'the function takes too many steps');
    switch (s.name) {
      case 'ReturnStatement': {
        const value = children(s).find((c) => c.name !== 'return');
        if (!value) this.fail(s, 'a bare `return` gives None, not a number');
        throw new Return(this.expr(value));
      }
      case 'AssignStatement': {
        const parts = children(s);
        const ops = parts.filter((c) => c.name === 'AssignOp');
        const target = parts[0];
        if (ops.length !== 1 || target.name !== 'VariableName' || parts.length !== 3) this.fail(s, 'only `name = expression` assignments are read');
        this.vars.set(nodeText(this.text, target), this.expr(parts[2]));
        return;
      }
      case 'UpdateStatement': {
        const [target, op, value] = children(s);
        if (target?.name !== 'VariableName' || !value) this.fail(s, 'only `name op= expression` updates are read');
        const name = nodeText(this.text, target);
        const current = this.variable(target, name);
        this.vars.set(name, this.arith(s, nodeText(this.text, op).slice(0, -1), current, this.expr(value)));
        return;
      }
      case 'IfStatement': {
        const parts = children(s);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i];
          if (p.name === 'if' || p.name === 'elif') {
            const cond = parts[i + 1];
            const body = parts[i + 2];
            if (this.truthy(this.expr(cond))) {
              this.block(body);
              return;
            }
            i += 2;
          } else if (p.name === 'else') {
            this.block(parts[i + 1]);
            return;
          }
        }
        return;
      }
      case 'ExpressionStatement':
        // A docstring or a bare constant does nothing.
        if (s.firstChild && ['String', 'Number'].includes(s.firstChild.name)) return;
        return this.fail(s, 'only assignments, if/elif/else and return are read in the function body');
      default:
        return this.fail(s, `\`${s.name}\` is not read in a learning-rate function (only assignments, if/elif/else and return)`);
    }
  }

  private truthy(v: number): boolean {
    return v !== 0 && !Number.isNaN(v);
  }

  private variable(node: SyntaxNode, name: string): number {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name];
    return this.fail(node, `\`${name}\` is not known here; only the function's parameter, its own locals and numbers can be evaluated`);
  }

  private arith(node: SyntaxNode, op: string, a: number, b: number): number {
    if (b === 0 && (op === '/' || op === '//')) this.fail(node, 'division by zero (Python raises ZeroDivisionError)');
    if (b === 0 && op === '%') this.fail(node, 'modulo by zero (Python raises ZeroDivisionError)');
    if (op === '**' && a < 0 && !Number.isInteger(b))
      this.fail(node, `${a} ** ${b} is a complex number in Python (a negative base to a fractional power), not a learning rate`);
    if (op === '**' && a === 0 && b < 0) this.fail(node, '0 to a negative power: Python raises ZeroDivisionError');
    const value = pyArith(op, a, b);
    return value !== undefined ? value : this.fail(node, `the operator \`${op}\` is not supported`);
  }

  private compare(node: SyntaxNode, op: string, a: number, b: number): boolean {
    switch (op) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      case '==':
        return a === b;
      case '!=':
        return a !== b;
    }
    return this.fail(node, `the comparison \`${op}\` is not supported`);
  }

  expr(node: SyntaxNode): number {
    if (++this.visits > MAX_VISITS) this.fail(node, 'the function takes too many steps');
    const { text } = this;
    switch (node.name) {
      case 'Number': {
        const raw = nodeText(text, node).replace(/_/g, '');
        const v = Number(raw);
        if (!Number.isFinite(v) || /[jJ]$/.test(raw)) this.fail(node, 'only finite real numbers are supported');
        return v;
      }
      case 'Boolean':
        return nodeText(text, node) === 'True' ? 1 : 0;
      case 'ParenthesizedExpression': {
        const inner = children(node).filter((c) => c.name !== '(' && c.name !== ')');
        if (inner.length !== 1) this.fail(node, 'expected one expression in parentheses');
        return this.expr(inner[0]);
      }
      case 'UnaryExpression': {
        const [op, arg] = children(node);
        const symbol = nodeText(text, op);
        const v = this.expr(arg);
        if (symbol === '-') return -v;
        if (symbol === '+') return v;
        if (symbol === 'not') return this.truthy(v) ? 0 : 1;
        return this.fail(node, `the operator \`${symbol}\` is not supported`);
      }
      case 'BinaryExpression': {
        const [left, op, right] = children(node);
        const symbol = nodeText(text, op);
        if (symbol === 'and') {
          const a = this.expr(left);
          return this.truthy(a) ? this.expr(right) : a;
        }
        if (symbol === 'or') {
          const a = this.expr(left);
          return this.truthy(a) ? a : this.expr(right);
        }
        if (op.name === 'CompareOp') {
          // a < b < c is (a < b) and (b < c), with b evaluated once.
          if (isComparison(left)) {
            const [l2, op2, mid] = children(left);
            const a = this.expr(l2);
            const b = this.expr(mid);
            if (!this.compare(left, nodeText(text, op2), a, b)) return 0;
            return this.compare(node, symbol, b, this.expr(right)) ? 1 : 0;
          }
          return this.compare(node, symbol, this.expr(left), this.expr(right)) ? 1 : 0;
        }
        return this.arith(node, symbol, this.expr(left), this.expr(right));
      }
      case 'ConditionalExpression': {
        const parts = children(node).filter((c) => c.name !== 'if' && c.name !== 'else');
        if (parts.length !== 3) this.fail(node, 'expected `a if condition else b`');
        return this.truthy(this.expr(parts[1])) ? this.expr(parts[0]) : this.expr(parts[2]);
      }
      case 'VariableName':
        return this.variable(node, nodeText(text, node));
      case 'MemberExpression': {
        const name = dottedName(text, node);
        const dot = name?.lastIndexOf('.') ?? -1;
        if (name && dot > 0 && NAMESPACES.has(name.slice(0, dot)) && Object.hasOwn(CONSTANTS, name.slice(dot + 1))) return CONSTANTS[name.slice(dot + 1)];
        return this.fail(node, `\`${nodeText(text, node)}\` is not known here; only math constants (math.pi, math.e) can be read`);
      }
      case 'CallExpression': {
        const [callee, argList] = children(node);
        const name = dottedName(text, callee);
        const dot = name?.lastIndexOf('.') ?? -1;
        const bare = name === undefined ? undefined : dot < 0 ? name : NAMESPACES.has(name.slice(0, dot)) ? name.slice(dot + 1) : undefined;
        const extra = bare !== undefined && Object.hasOwn(EXTRA, bare) ? EXTRA[bare] : undefined;
        const fn = bare !== undefined && Object.hasOwn(FUNCTIONS, bare) ? FUNCTIONS[bare] : undefined;
        const unary = fn && fn.arity === 1 && 'f' in fn ? fn : undefined;
        if (!extra && !unary)
          this.fail(callee, `the function \`${nodeText(text, callee)}\` is not known; min, max, abs, round, int, float and math functions can be evaluated`);
        const argNodes = argList ? children(argList).filter((c) => !['(', ')', ','].includes(c.name)) : [];
        if (argNodes.some((a) => a.name === 'AssignOp')) this.fail(node, 'keyword arguments are not read in a learning-rate function');
        const args = argNodes.map((a) => this.expr(a));
        if (extra) {
          if (args.length === 0) this.fail(node, `${bare}() needs an argument`);
          return extra(args);
        }
        if (args.length !== 1) this.fail(node, `${bare}() takes 1 argument`);
        return unary!.f(args[0]);
      }
      default:
        return this.fail(node, `this syntax (${node.name}) is not read in a learning-rate function`);
    }
  }
}

/**
 * Compile `lambda epoch: …` or `def f(epoch): …` (one required parameter; further parameters
 * must have numeric defaults) into a function of that parameter. `owner` prefixes errors.
 */
export function compilePyFunction(source: unknown, owner: string): PyFunction {
  if (typeof source !== 'string' || !source.trim()) throw new ComputeError(`${owner} must be Python source text such as "lambda epoch: 0.95 ** epoch".`);
  const text = source.trim();
  if (text.length > MAX_SOURCE) throw new ComputeError(`${owner}: the function is longer than ${MAX_SOURCE.toLocaleString('en-US')} characters.`);
  if (maxBracketDepth(text) > 100) throw new ComputeError(`${owner}: the function nests brackets too deeply.`);
  const tree = parsePython(text);
  const statements = children(tree.topNode);
  let bad: SyntaxNode | undefined;
  tree.iterate({
    enter(ref) {
      if (!bad && ref.type.isError) bad = ref.node;
    },
  });
  const evaluator: Evaluator = new Evaluator(text, owner);
  if (bad) evaluator.fail(bad.parent ?? bad, 'syntax error');
  if (statements.length !== 1) throw new ComputeError(`${owner} must be one lambda or one def, not ${statements.length} statements.`);
  const statement = statements[0];
  let paramList: SyntaxNode | null;
  let body: SyntaxNode | null;
  let expression: boolean;
  if (statement.name === 'FunctionDefinition') {
    paramList = statement.getChild('ParamList');
    body = statement.getChild('Body');
    expression = false;
  } else if (statement.name === 'ExpressionStatement' && statement.firstChild?.name === 'LambdaExpression') {
    const lambda = statement.firstChild;
    paramList = lambda.getChild('ParamList');
    body = lambda.lastChild;
    expression = true;
  } else {
    throw new ComputeError(`${owner} must be a lambda (lambda epoch: 0.95 ** epoch) or a def, not \`${text.slice(0, 50)}\`.`);
  }
  if (!body) evaluator.fail(statement, 'the function has no body');
  // Parameters: the first is the schedule's argument; the others need numeric defaults.
  const params: { name: string; default?: SyntaxNode }[] = [];
  for (let c = paramList?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName') {
      let next = c.nextSibling;
      if (next?.name === 'TypeDef') next = next.nextSibling;
      params.push({ name: nodeText(text, c), default: next?.name === 'AssignOp' ? (next.nextSibling ?? undefined) : undefined });
      if (next?.name === 'AssignOp') c = next.nextSibling ?? next;
    } else if (!['(', ')', ',', 'TypeDef'].includes(c.name)) {
      evaluator.fail(c, 'only plain parameters are read');
    }
  }
  if (params.length === 0) evaluator.fail(statement, 'the function takes no parameter, but the schedule calls it with the epoch');
  const fixed = new Map<string, number>();
  for (const p of params.slice(1)) {
    if (!p.default) evaluator.fail(statement, `its parameter \`${p.name}\` has no default, but the schedule passes only the epoch`);
    fixed.set(p.name, evaluator.expr(p.default));
  }
  const parameter = params[0].name;
  // Every name must be a parameter, a local the def assigns, or a math constant: checked now,
  // so a free name (`warmup` from the enclosing code) is reported before anything runs.
  const known = new Set([...params.map((p) => p.name), ...Object.keys(CONSTANTS)]);
  const names: SyntaxNode[] = [];
  const walk = (n: SyntaxNode) => {
    if ((n.name === 'AssignStatement' || n.name === 'UpdateStatement') && n.firstChild?.name === 'VariableName') known.add(nodeText(text, n.firstChild));
    const isCallee = n.parent?.name === 'CallExpression' && n.parent.firstChild?.from === n.from && n.parent.firstChild.to === n.to;
    if (n.name === 'VariableName' && !isCallee && n.parent?.name !== 'MemberExpression') names.push(n);
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(body!);
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'CallExpression') return;
      const callee = ref.node.firstChild;
      const name = callee ? dottedName(text, callee) : undefined;
      const dot = name?.lastIndexOf('.') ?? -1;
      const bare = name === undefined ? undefined : dot < 0 ? name : NAMESPACES.has(name.slice(0, dot)) ? name.slice(dot + 1) : undefined;
      const ok = bare !== undefined && (Object.hasOwn(EXTRA, bare) || (Object.hasOwn(FUNCTIONS, bare) && FUNCTIONS[bare].arity === 1));
      if (!ok)
        evaluator.fail(
          callee ?? ref.node,
          `the function \`${callee ? nodeText(text, callee) : '?'}\` is not known; min, max, abs, round, int, float and math functions can be evaluated`,
        );
    },
  });
  const free = names.find((n) => !known.has(nodeText(text, n)));
  if (free) evaluator.fail(free, `\`${nodeText(text, free)}\` is not known here; only the function's parameter, its own locals and numbers can be evaluated`);
  const fn = ((value: number) => {
    const bindings = new Map(fixed);
    bindings.set(parameter, value);
    let v: number;
    try {
      v = evaluator.run(body!, expression, bindings);
    } catch (e) {
      if (e instanceof ComputeError) throw new ComputeError(`${e.message.replace(/\.$/, '')}, at ${parameter} = ${value}.`);
      throw e;
    }
    if (!Number.isFinite(v)) throw new ComputeError(`${owner}: the function gives ${v} at ${parameter} = ${value}.`);
    return v;
  }) as PyFunction;
  Object.defineProperty(fn, 'parameter', { value: parameter });
  Object.defineProperty(fn, 'source', { value: text });
  return fn;
}
