/**
 * The hover's Markdown for a term: title, one-line summary, formulas as images, the definition,
 * and command links. The VS Code provider shows exactly this string; so does `cli.js hover`.
 */
import { termById, type Term } from '../terms';
import { svgDataUri, type ImageOptions, type MathTable } from './math';
import { COMMANDS } from '../commands';

/** Labs this build ships; a term's "Open in lab" link appears only for these. */
export const LABS_AVAILABLE: ReadonlySet<string> = new Set(['conv', 'optimizer', 'flow']);

export interface HoverOptions extends ImageOptions {
  math: MathTable;
}

/** A `command:` link; the arguments travel as URL-encoded JSON, as VS Code expects. */
export function commandLink(label: string, command: string, args: unknown[], title = label): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${title}")`;
}

function escapeAlt(tex: string): string {
  return tex.replace(/[[\]\\`*_]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

export function formulaImage(tex: string, options: HoverOptions): string {
  const rendered = options.math[tex];
  if (!rendered) throw new Error(`Formula was not rendered at build time: ${tex}`);
  return `![${escapeAlt(tex)}](${svgDataUri(rendered, options)})`;
}

/** Hovers already written, per math table: a term's Markdown depends only on the term and the image options. */
const written = new WeakMap<MathTable, Map<string, string>>();

export function hoverMarkdown(term: Term, options: HoverOptions): string {
  let memo = written.get(options.math);
  if (!memo) written.set(options.math, (memo = new Map()));
  const key = `${term.id}\u0000${options.theme}\u0000${options.fontSize ?? ''}\u0000${(options as { scale?: number }).scale ?? ''}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const markdown = writeHover(term, options);
  if (memo.size > 500) memo.clear();
  memo.set(key, markdown);
  return markdown;
}

function writeHover(term: Term, options: HoverOptions): string {
  const parts = [`**${term.title}** — ${term.summary}`];
  for (const tex of term.formulas) parts.push(formulaImage(tex, options));
  parts.push(term.definition);
  const links = [commandLink('Full entry', COMMANDS.lookUpTerm, [term.id])];
  if (term.lab && LABS_AVAILABLE.has(term.lab.kind)) links.unshift(commandLink('Open in lab', COMMANDS.openLab, [term.lab.kind, term.lab.params ?? {}]));
  const related = term.related.map(termById).filter((t): t is Term => t !== undefined);
  if (related.length) {
    links.push(`Related: ${related.map((t) => commandLink(t.title, COMMANDS.lookUpTerm, [t.id])).join(', ')}`);
  }
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}

/**
 * When the hovered term sits on a call ML Lens can simulate (a layer, block or optimizer), a link
 * that opens exactly that call in its lab. `range` is 0-based [line, character, line, character].
 */
export function withSimulateLink(markdown: string, uri: string, range: [number, number, number, number], kind: 'layers' | 'optimizer'): string {
  const label = kind === 'layers' ? 'Simulate this layer' : 'Simulate this optimizer';
  return `${markdown}\n\n${commandLink(`$(play) ${label}`, COMMANDS.simulateSelection, [uri, range], label)}`;
}
