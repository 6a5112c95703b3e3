/** Typed view of the `mlLens` settings (package.json contributes.configuration), read live. */
import * as vscode from 'vscode';

import type { Layout, ThemeKind } from '../compute';

/** Every language ML Lens can hover in; `mlLens.hover.languages` picks among them. */
export const HOVER_LANGUAGES = ['python', 'markdown', 'latex', 'tex', 'plaintext', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'julia', 'r'];

export interface MlLensConfig {
  hoverEnabled: boolean;
  hoverLanguages: string[];
  defaultInputShape: number[];
  identityLayout: Layout;
  identityCompletion: boolean;
  codeLensEnabled: boolean;
}

export function readConfig(): MlLensConfig {
  const c = vscode.workspace.getConfiguration('mlLens');
  const shape = c.get<number[]>('conv.defaultInputShape', [1, 3, 224, 224]);
  return {
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    hoverLanguages: c.get<string[]>('hover.languages', HOVER_LANGUAGES),
    identityLayout: c.get<string>('identities.layout', 'numerator') === 'denominator' ? 'denominator' : 'numerator',
    identityCompletion: c.get<boolean>('identities.completion', true),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    defaultInputShape: Array.isArray(shape) && shape.length === 4 && shape.every((d) => Number.isInteger(d) && d > 0) ? shape : [1, 3, 224, 224],
  };
}

/** The active colour theme as the hover images need it. */
export function themeKind(): ThemeKind {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}
