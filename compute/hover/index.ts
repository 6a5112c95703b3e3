/** The hover for a position in a document: the one code path shared by the provider and the CLI. */
import type { Term } from '../terms';
import { findTermAt, textStyle, type TermMatch } from './find';
import { hoverMarkdown, withSimulateLink, type HoverOptions } from './markdown';
import { simulatableSpans, type SimulatableSpan } from '../recognize/spans';
import { offsetAt } from '../text';
import { argumentHoverAt } from './args';
import { termInDocument } from './document';
import { documentMap } from './regions';

export { findTermAt, textStyle, type TermMatch } from './find';
export { hoverMarkdown, commandLink, withSimulateLink, type HoverOptions } from './markdown';
export { identityMarkdown } from './identity-doc';
export { svgDataUri, THEME_INK, type MathSvg, type MathTable, type ThemeKind } from './math';

export interface HoverResult {
  term: string;
  markdown: string;
  /** 0-based columns of the matched text on the line. */
  start: number;
  end: number;
}

export function termAt(lineText: string, column: number, languageId: string): TermMatch | undefined {
  return findTermAt(lineText, column, textStyle(languageId));
}

export function hoverFor(match: { term: Term; start: number; end: number }, options: HoverOptions): HoverResult {
  return { term: match.term.id, markdown: hoverMarkdown(match.term, options), start: match.start, end: match.end };
}

/** Hover at a 0-based column of a line in a document of the given language, or null. */
export function hoverAt(lineText: string, column: number, languageId: string, options: HoverOptions): HoverResult | null {
  const match = termAt(lineText, column, languageId);
  return match ? hoverFor(match, options) : null;
}

/** The simulatable call (if any) around a 0-based line/column of a document. */
export function callAt(text: string, spans: readonly SimulatableSpan[], line: number, column: number): SimulatableSpan | undefined {
  const offset = offsetAt(text, line + 1, column + 1);
  return spans.find((s) => s.from <= offset && offset < s.to);
}

/** Line and column (0-based) of an offset. */
function lineColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return [line, offset - (before.lastIndexOf('\n') + 1)];
}

/** The argument hover in Python code: a Python file, or a Python block of a Markdown or LaTeX document (read on its own). */
function argumentInDocument(text: string, line: number, column: number, languageId: string, options: HoverOptions) {
  const map = documentMap(text, languageId);
  const lineText = map.lines[line] ?? '';
  if (languageId === 'python') return argumentHoverAt(text, lineText, line, column, options);
  if (map.kinds[line]?.read !== 'python') return undefined;
  let first = line;
  let last = line;
  while (first > 0 && map.kinds[first - 1].read === 'python') first--;
  while (last + 1 < map.lines.length && map.kinds[last + 1].read === 'python') last++;
  return argumentHoverAt(map.lines.slice(first, last + 1).join('\n'), lineText, line - first, column, options);
}

/**
 * The hover for a position in a whole document: the term's hover, plus a link to simulate the
 * call it sits on. The provider and `cli.js hover` both use this, so they print the same text.
 */
export function hoverInDocument(
  text: string,
  uri: string,
  line: number,
  column: number,
  languageId: string,
  options: HoverOptions,
  spans?: readonly SimulatableSpan[] | (() => readonly SimulatableSpan[]),
): HoverResult | null {
  const argument = argumentInDocument(text, line, column, languageId, options);
  const match = argument ? undefined : termInDocument(text, line, column, languageId);
  const result = argument
    ? { term: argument.id, markdown: argument.markdown, start: argument.start, end: argument.end }
    : match
      ? hoverFor(match, options)
      : null;
  if (!result || languageId !== 'python') return result;
  const call = callAt(text, typeof spans === 'function' ? spans() : (spans ?? simulatableSpans(text)), line, column);
  if (!call) return result;
  const range = [...lineColumn(text, call.from), ...lineColumn(text, call.to)] as [number, number, number, number];
  return { ...result, markdown: withSimulateLink(result.markdown, uri, range, call.kind) };
}
