/**
 * Derivative identities in the completion list of LaTeX, Markdown and Python documents, each
 * with the identity rendered as an image in the documentation pane (layout from settings).
 */
import * as vscode from 'vscode';
import { IDENTITIES, identityMarkdown, snippetBody, type Layout } from '../compute';
import { readConfig, themeKind, mathFontSize } from './config';
import { loadMath } from './math-store';

export const IDENTITY_LANGUAGES = ['latex', 'tex', 'markdown', 'python'];

/** The snippet language a document's language id maps to. */
export function snippetLanguage(languageId: string): 'latex' | 'markdown' | 'python' {
  return languageId === 'python' ? 'python' : languageId === 'markdown' ? 'markdown' : 'latex';
}

export class IdentityCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const config = readConfig();
    if (!config.identityCompletion) return [];
    // Only once the user has started typing an identity prefix ("deriv…").
    const range = document.getWordRangeAtPosition(position, /[A-Za-z][\w-]*/);
    const word = range ? document.getText(range) : '';
    if (!'deriv-'.startsWith(word.slice(0, 6)) || word.length < 2) return [];
    const layout: Layout = config.identityLayout;
    const language = snippetLanguage(document.languageId);
    const fontSize = mathFontSize(document);
    const math = await loadMath(this.extensionUri);
    return IDENTITIES.map((identity) => {
      const item = new vscode.CompletionItem({ label: identity.prefix, description: identity.name }, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(snippetBody(identity, language, layout));
      item.documentation = new vscode.MarkdownString(identityMarkdown(identity, layout, { math, theme: themeKind(), fontSize }));
      item.detail = `ML Lens identity · ${layout} layout`;
      item.filterText = `${identity.prefix} ${identity.name}`;
      if (range) item.range = range;
      return item;
    });
  }
}
