/** The hover for a position in a document: the one code path shared by the provider and the CLI. */
import type { Term } from '../terms';
import { findTermAt, textStyle, type TermMatch } from './find';
import { hoverMarkdown, type HoverOptions } from './markdown';

export { findTermAt, textStyle, type TermMatch } from './find';
export { hoverMarkdown, commandLink, type HoverOptions } from './markdown';
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
