/**
 * The objects read from outside the selection (argparse namespaces and records: dicts, namespaces,
 * config dicts, class instances), their fields, and what the readers of each kind use of the
 * Reader (outside-reader.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Literal, PyCall } from '../python/syntax';
import type { FileContext } from './file-context';
import type { Index } from './outside-index';

/** Evaluates a node where it stands, or inside a def with its parameters bound to a call's arguments. */
export interface Frame {
  def: SyntaxNode;
  args: Map<string, SyntaxNode>;
}

export interface Field {
  node?: SyntaxNode;
  obj?: Obj;
  /** A value already computed (a converted argparse string, a store_true flag). */
  literal?: Literal;
  frame?: Frame;
  /** Where the value comes from, for `resolvedFrom`. */
  how: string;
}

export type Obj =
  | { kind: 'namespace'; parser: SyntaxNode; parserName: string; parse: PyCall; frame?: Frame }
  | { kind: 'record'; what: string; fields: Map<string, Field>; attr: boolean; item: boolean };

export type RecordObj = Obj & { kind: 'record' };

/** The Reader as the readers of one kind of object see it. */
export interface ObjectReader {
  readonly ctx: FileContext;
  readonly index: Index;
  line(node: SyntaxNode): number;
  /** The object an expression builds, or undefined when it is not one these readers read. */
  objectOfExpr(node: SyntaxNode, frame: Frame | undefined, label: string): Obj | undefined;
}
