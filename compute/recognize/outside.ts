/**
 * Values that come from outside the call, as training scripts write them (read, never run):
 *
 * - `args.lr` where `args = parser.parse_args()` (or `parse_known_args()`, or a function of the
 *   file that returns it): the argparse default of the argument whose dest is `lr`
 *   (`add_argument('--lr', type=float, default=0.01)`, `dest=`, `--learning-rate` →
 *   `args.learning_rate`, argument groups, `parser.set_defaults(lr=…)` in statement order, a
 *   string default converted by `type=`, a literal `parse_args([...])` list). An argument that is
 *   required or has no default is an error naming it with its line: its value comes from the
 *   command line and is never guessed.
 * - a config object of the file: a dict (`config['lr']`), a `SimpleNamespace`/`EasyDict`/
 *   `ml_collections.ConfigDict` (with the attribute assignments that follow it, `config.lr = …`,
 *   `config.optim = ConfigDict()`), a `@dataclass` (field defaults, `field(default=…)`,
 *   `field(default_factory=Sub)`, constructor arguments), a plain class's attributes or its
 *   `__init__`'s `self.x = …`, and a function of the file that builds and returns one
 *   (`config = get_config()`).
 * - a parameter (`def main_worker(gpu, args)`) bound where the function is called in the file
 *   (`main_worker(0, args)`, `mp.spawn(main_worker, args=(args,))`).
 *
 * Every value found is recorded in `ctx.resolved` under the expression (`args.lr`) and where it
 * came from in `ctx.resolvedFrom` ("the argparse default of --lr (line 12)").
 *
 * The parts: the file's index (outside-index.ts), scope-aware name lookup (outside-lookup.ts),
 * the objects (outside-objects.ts) and their Reader (outside-reader.ts), which reads argparse
 * namespaces (outside-argparse.ts) and records (outside-records.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { importTable } from './optim-names';
import { nodeText, type Literal } from '../python/syntax';
import { Unresolved, withArguments, type FileContext } from './file-context';
import { chain } from './outside-index';
import { lookup, type Lookup } from './outside-lookup';
import type { Field, Frame } from './outside-objects';
import { Reader } from './outside-reader';

export type { Lookup } from './outside-lookup';

/**
 * The value of `args.lr`, `cfg.optim.lr` or `config["lr"]` when the object is one this module
 * reads; undefined when it is not (the caller then reports the expression as not a literal).
 * `evaluate` reads a field's expression (values.ts passes its own: the two read each other).
 */
export function outsideValue(
  ctx: FileContext,
  node: SyntaxNode,
  seen: Set<string>,
  evaluate: (ctx: FileContext, node: SyntaxNode, seen: Set<string>) => Literal,
): Literal | undefined {
  const { text } = ctx;
  const c = chain(text, node);
  if (!c || c.path.length === 0 || c.base.name !== 'VariableName') return undefined;
  const baseName = nodeText(text, c.base);
  if (baseName === 'self' || baseName === 'cls') return undefined;
  if (importTable(ctx.tree, text).names.has(baseName)) return undefined; // a module (math.pi, torch.float32)
  const label = nodeText(text, node).replace(/\s+/g, '');
  const reader = new Reader(ctx);
  const frame = frameAt(ctx, node);
  let obj = reader.objectOfName(baseName, c.base, frame);
  if (!obj) return undefined;
  let field: Field | undefined;
  for (const [i, step] of c.path.entries()) {
    if (!obj)
      throw new Unresolved(
        `\`${label}\`: \`${c.path
          .slice(0, i)
          .map((p) => p.key)
          .join('.')}\` is not an object whose fields can be read`,
      );
    field = reader.field(obj, step.key, step.item, label);
    if (i < c.path.length - 1) obj = field.obj ?? (field.node ? reader.objectOfExpr(field.node, field.frame, label) : undefined);
  }
  const f = field!;
  let value: Literal;
  if (f.literal !== undefined) value = f.literal;
  else if (f.node) {
    const n = f.node;
    const read = () => evaluate(ctx, n, seen);
    try {
      value = f.frame ? withArguments(ctx, f.frame.def, f.frame.args, read) : read();
    } catch (e) {
      if (e instanceof Unresolved) throw new Unresolved(`\`${label}\` is ${f.how}: ${e.message}`);
      throw new Unresolved(`\`${label}\` is ${f.how}, which is \`${nodeText(text, n).slice(0, 60)}\`, not a literal`);
    }
  } else {
    throw new Unresolved(`\`${label}\` is an object, not a number`);
  }
  ctx.resolved[label] = value;
  (ctx.resolvedFrom ??= {})[label] = f.how;
  return value;
}

/** The helper frame `withArguments` set for the def around `node`, if any. */
function frameAt(ctx: FileContext, node: SyntaxNode): Frame | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.name !== 'FunctionDefinition') continue;
    const args = ctx.frames?.get(n.from);
    if (args) return { def: n, args };
  }
  return undefined;
}

/** What a name refers to where it is used (scope-aware; see `lookup`), for the optimizer recognizer. */
export function lookupName(ctx: FileContext, name: string, use: SyntaxNode): Lookup | undefined {
  return lookup(ctx, name, use);
}
