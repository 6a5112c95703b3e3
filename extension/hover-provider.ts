/**
 * Thin adapter: the hover text comes from compute/hover, exactly as `cli.js hover` prints it; in
 * Python, the shape section (compute/hover/shapes.ts, from the last finished whole-file analysis)
 * goes above it, or alone on a name that is no term.
 */
import * as vscode from 'vscode';
import { hoverInDocument } from '../compute';
import { simulatableSpansNear } from '../compute/hover/spans-near';
import { readConfig, themeKind, mathFontSize } from './config';
import { loadMath } from './math-store';
import { HOVER_COMMANDS } from '../compute/commands';

export class TermHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly shapes?: { hoverAt(document: vscode.TextDocument, position: vscode.Position): { markdown: string; range: vscode.Range } | undefined },
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const config = readConfig();
    // Never waits for an analysis: the last finished one, if it is of this text.
    const shape = document.languageId === 'python' ? this.shapes?.hoverAt(document, position) : undefined;
    if (!config.hoverEnabled || !config.hoverLanguages.includes(document.languageId)) return shape && shapeOnly(shape);
    const fontSize = mathFontSize(document);
    const options = { math: await loadMath(this.extensionUri), theme: themeKind(), fontSize };
    const text = document.getText();
    // The simulatable calls near the cursor only, and only when there is a hover: the first hover after an edit never parses the whole file.
    const spans = () => (document.languageId === 'python' ? simulatableSpansNear(text, document.offsetAt(position)) : []);
    const result = hoverInDocument(text, document.uri.toString(), position.line, position.character, document.languageId, options, spans);
    if (!result) return shape && shapeOnly(shape);
    // The shapes of this very line first (short), then the term's definition.
    const markdown = new vscode.MarkdownString(shape ? `${shape.markdown}\n\n---\n\n${result.markdown}` : result.markdown);
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportThemeIcons = true;
    const range = new vscode.Range(position.line, result.start, position.line, result.end);
    return new vscode.Hover(markdown, range);
  }
}

function shapeOnly(shape: { markdown: string; range: vscode.Range }): vscode.Hover {
  return new vscode.Hover(new vscode.MarkdownString(shape.markdown), shape.range);
}
