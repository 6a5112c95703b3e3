/** Thin adapter: the hover text comes from compute/hover, exactly as `cli.js hover` prints it. */
import * as vscode from 'vscode';
import { hoverFor, termAt } from '../compute';
import { readConfig, themeKind } from './config';
import { loadMath } from './math-store';

export class TermHoverProvider implements vscode.HoverProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const config = readConfig();
    if (!config.hoverEnabled || !config.hoverLanguages.includes(document.languageId)) return undefined;
    const line = document.lineAt(position.line).text;
    const match = termAt(line, position.character, document.languageId);
    if (!match) return undefined;
    const fontSize = vscode.workspace.getConfiguration('editor', document).get<number>('fontSize', 14);
    const result = hoverFor(match, { math: await loadMath(this.extensionUri), theme: themeKind(), fontSize });
    const markdown = new vscode.MarkdownString(result.markdown);
    markdown.isTrusted = { enabledCommands: ['mlLens.openLab', 'mlLens.lookUpTerm'] };
    const range = new vscode.Range(position.line, result.start, position.line, result.end);
    return new vscode.Hover(markdown, range);
  }
}
