/** "Simulate" above layers, Sequential blocks and optimizers (mlLens.codeLens.enabled). */
import * as vscode from 'vscode';
import { simulatableSpans } from '../compute';
import { readConfig } from './config';

export class SimulateCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  /** Re-ask for lenses when the setting changes. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readConfig().codeLensEnabled) return [];
    return simulatableSpans(document.getText()).map((span) => {
      const range = new vscode.Range(document.positionAt(span.from), document.positionAt(span.to));
      return new vscode.CodeLens(range, {
        title: span.kind === 'layers' ? '$(play) Simulate layers' : '$(play) Simulate optimizer',
        tooltip: `Open ${span.callee}(…) in the ML Lens ${span.kind === 'layers' ? 'convolution' : 'optimizer'} lab`,
        command: 'mlLens.simulateSelection',
        arguments: [document.uri, range],
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
