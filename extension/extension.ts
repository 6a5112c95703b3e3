/**
 * ML Lens activation: hovers, commands and the lab webviews. Everything registered here is
 * disposed with the extension. Nothing from the workspace is executed, so ML Lens runs the same
 * in untrusted and virtual workspaces.
 */
import * as vscode from 'vscode';
import { SimulateCodeLensProvider } from './codelens';
import { registerCommands } from './commands';
import { HOVER_LANGUAGES } from './config';
import { TermHoverProvider } from './hover-provider';
import { IDENTITY_LANGUAGES, IdentityCompletionProvider } from './identity-completion';
import { registerLabs } from './lab-host';
import { ShapeService } from './shapes';

/** Languages whose documents get hovers (the setting narrows this list further). */
const HOVER_SELECTOR: vscode.DocumentSelector = HOVER_LANGUAGES.map((language) => ({ language }));

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ML Lens', { log: true });
  context.subscriptions.push(log);
  // Shapes: inlay hints, mismatch warnings with quick fixes, and the hovers' shape section (Python files and notebook cells).
  const shapes = new ShapeService(log);
  const python: vscode.DocumentSelector = [{ language: 'python' }];
  context.subscriptions.push(
    shapes,
    vscode.languages.registerInlayHintsProvider(python, shapes),
    vscode.languages.registerCodeActionsProvider(python, shapes, { providedCodeActionKinds: ShapeService.codeActionKinds }),
  );
  context.subscriptions.push(vscode.languages.registerHoverProvider(HOVER_SELECTOR, new TermHoverProvider(context.extensionUri, shapes)));
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      IDENTITY_LANGUAGES.map((language) => ({ language })),
      new IdentityCompletionProvider(context.extensionUri),
      '-',
    ),
  );
  const codeLens = new SimulateCodeLensProvider();
  context.subscriptions.push(
    codeLens,
    vscode.languages.registerCodeLensProvider({ language: 'python' }, codeLens),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mlLens.codeLens') && codeLens.refresh()),
  );
  registerCommands(context, log);
  registerLabs(context, log);
  log.info(`ML Lens activated (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI)`);
}

export function deactivate(): void {}
