/** Thin adapter: the hover text comes from compute/hover, exactly as `cli.js hover` prints it. */
import * as vscode from 'vscode';
import { hoverInDocument, simulatableSpans, termAt, type SimulatableSpan } from '../compute';
import { readConfig, themeKind, mathFontSize } from './config';
import { loadMath } from './math-store';

export class TermHoverProvider implements vscode.HoverProvider {
  /** Simulatable calls of the last hovered Python document version (parsing once per edit). */
  private spans: { key: string; spans: SimulatableSpan[] } | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  private spansOf(document: vscode.TextDocument): SimulatableSpan[] {
    const key = `${document.uri.toString()}@${document.version}`;
    if (this.spans?.key !== key) this.spans = { key, spans: simulatableSpans(document.getText()) };
    return this.spans.spans;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const config = readConfig();
    if (!config.hoverEnabled || !config.hoverLanguages.includes(document.languageId)) return undefined;
    const line = document.lineAt(position.line).text;
    // The cheap per-line lookup first; the document is read only when there is a term.
    if (!termAt(line, position.character, document.languageId)) return undefined;
    const fontSize = mathFontSize(document);
    const options = { math: await loadMath(this.extensionUri), theme: themeKind(), fontSize };
    const spans = document.languageId === 'python' ? this.spansOf(document) : [];
    const result = hoverInDocument(document.getText(), document.uri.toString(), position.line, position.character, document.languageId, options, spans);
    if (!result) return undefined;
    const markdown = new vscode.MarkdownString(result.markdown);
    markdown.isTrusted = { enabledCommands: ['mlLens.openLab', 'mlLens.lookUpTerm', 'mlLens.simulateSelection'] };
    markdown.supportThemeIcons = true;
    const range = new vscode.Range(position.line, result.start, position.line, result.end);
    return new vscode.Hover(markdown, range);
  }
}
