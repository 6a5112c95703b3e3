/**
 * "Simulate" above layers, Sequential blocks and optimizers (mlLens.codeLens.enabled), and
 * "Analyze model" above model classes and the functions that build them
 * (mlLens.codeLens.analyzeModel).
 */
import * as vscode from 'vscode';
import { simulatableSpans } from '../compute';
import { modelSpans } from '../compute/recognize/model-spans';
import { readConfig } from './config';
import { COMMANDS } from '../compute/commands';

export class SimulateCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  /** Re-ask for lenses when the setting changes. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const config = readConfig();
    const lenses: vscode.CodeLens[] = [];
    if (config.analyzeModelLens) {
      for (const span of modelSpans(document.getText())) {
        const at = document.positionAt(span.at);
        const range = new vscode.Range(document.positionAt(span.from), document.positionAt(span.from));
        lenses.push(
          new vscode.CodeLens(range, {
            title: '$(type-hierarchy) Analyze model',
            tooltip: `Trace ${span.name}${span.kind === 'factory' ? '()' : ''}: every module with its shapes, parameters, MACs and receptive field, in the ML Lens conv lab`,
            command: COMMANDS.analyzeModel,
            arguments: [document.uri, new vscode.Range(at, at)],
          }),
        );
      }
    }
    if (config.codeLensEnabled) {
      for (const span of simulatableSpans(document.getText())) {
        const range = new vscode.Range(document.positionAt(span.from), document.positionAt(span.to));
        lenses.push(
          new vscode.CodeLens(range, {
            title: span.kind === 'layers' ? '$(play) Simulate layers' : '$(play) Simulate optimizer',
            tooltip: `Open ${span.callee}(…) in the ML Lens ${span.kind === 'layers' ? 'convolution' : 'optimizer'} lab`,
            command: COMMANDS.simulateSelection,
            arguments: [document.uri, range],
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
