/** Typed view of the `mlLens` settings (package.json contributes.configuration), read live. */
import * as vscode from 'vscode';

export interface MlLensConfig {
  hoverEnabled: boolean;
  hoverLanguages: string[];
  defaultInputShape: number[];
}

export function readConfig(): MlLensConfig {
  const c = vscode.workspace.getConfiguration('mlLens');
  const shape = c.get<number[]>('conv.defaultInputShape', [1, 3, 224, 224]);
  return {
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    hoverLanguages: c.get<string[]>('hover.languages', ['python', 'markdown', 'latex', 'tex', 'plaintext']),
    defaultInputShape: Array.isArray(shape) && shape.length === 4 && shape.every((d) => Number.isInteger(d) && d > 0) ? shape : [1, 3, 224, 224],
  };
}
