/**
 * The hover's Markdown for a term: title, one-line summary, formulas as images, the definition,
 * and command links. The VS Code provider shows exactly this string; so does `cli.js hover`.
 */
import { termById, type Term } from '../terms';
import { svgDataUri, type ImageOptions, type MathTable } from './math';

/** Labs this build ships; a term's "Open in lab" link appears only for these. */
export const LABS_AVAILABLE: ReadonlySet<string> = new Set(['conv', 'optimizer', 'flow']);

export interface HoverOptions extends ImageOptions {
  math: MathTable;
}

/** A `command:` link; the arguments travel as URL-encoded JSON, as VS Code expects. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${label}")`;
}

function escapeAlt(tex: string): string {
  return tex.replace(/[[\]\\`*_]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

export function formulaImage(tex: string, options: HoverOptions): string {
  const rendered = options.math[tex];
  if (!rendered) throw new Error(`Formula was not rendered at build time: ${tex}`);
  return `![${escapeAlt(tex)}](${svgDataUri(rendered, options)})`;
}

export function hoverMarkdown(term: Term, options: HoverOptions): string {
  const parts = [`**${term.title}** — ${term.summary}`];
  for (const tex of term.formulas) parts.push(formulaImage(tex, options));
  parts.push(term.definition);
  const links = [commandLink('Full entry', 'mlLens.lookUpTerm', [term.id])];
  if (term.lab && LABS_AVAILABLE.has(term.lab.kind)) links.unshift(commandLink('Open in lab', 'mlLens.openLab', [term.lab.kind, term.lab.params ?? {}]));
  const related = term.related.map(termById).filter((t): t is Term => t !== undefined);
  if (related.length) {
    links.push(`Related: ${related.map((t) => commandLink(t.title, 'mlLens.lookUpTerm', [t.id])).join(', ')}`);
  }
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}
