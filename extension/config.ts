/** Typed view of the `mlLens` settings (package.json contributes.configuration), read live. */
import * as vscode from 'vscode';

import type { Layout, ThemeKind } from '../compute';

/** Every language ML Lens can hover in; `mlLens.hover.languages` picks among them. */
export const HOVER_LANGUAGES = [
  'python',
  'markdown',
  'latex',
  'tex',
  'plaintext',
  'typescript',
  'javascript',
  'typescriptreact',
  'javascriptreact',
  'julia',
  'r',
];

export interface MlLensConfig {
  hoverEnabled: boolean;
  hoverLanguages: string[];
  defaultInputShape: number[];
  identityLayout: Layout;
  identityCompletion: boolean;
  codeLensEnabled: boolean;
  /** "Analyze model" above model classes and factories. */
  analyzeModelLens: boolean;
  /** Multiplies the editor font size for hover and completion formulas. */
  mathScale: number;
  /** The lab Open Lab shows when no lab is named, and the side view starts on. */
  defaultLab: 'conv' | 'optimizer' | 'flow';
  /** The named objective a selected optimizer runs on. */
  optimizerObjective: string;
  /** Steps simulated when the optimizer lab opens from code. */
  optimizerSteps: number;
  /** Shapes after layers and forward statements, totals at models (inlay hints). */
  inlayShapes: boolean;
  /** Shape mismatches as warnings, with quick fixes. */
  diagnosticShapes: boolean;
  /** Input/output shapes, parameters and MACs in Python hovers. */
  hoverShapes: boolean;
  /** Milliseconds after the last edit before the whole-file analysis runs again. */
  analysisDebounceMs: number;
  /** Files (or notebooks) longer than this many lines are not analysed. */
  analysisMaxFileLines: number;
}

const OBJECTIVES = ['rosenbrock', 'beale', 'himmelblau', 'rastrigin', 'quadratic'];

export function readConfig(): MlLensConfig {
  const c = vscode.workspace.getConfiguration('mlLens');
  const shape = c.get<number[]>('conv.defaultInputShape', [1, 3, 224, 224]);
  return {
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    hoverLanguages: c.get<string[]>('hover.languages', HOVER_LANGUAGES),
    identityLayout: c.get<string>('identities.layout', 'numerator') === 'denominator' ? 'denominator' : 'numerator',
    identityCompletion: c.get<boolean>('identities.completion', true),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    analyzeModelLens: c.get<boolean>('codeLens.analyzeModel', true),
    mathScale: clampScale(c.get<number>('hover.mathScale', 1)),
    defaultLab: (['conv', 'optimizer', 'flow'] as const).find((l) => l === c.get<string>('labs.defaultLab')) ?? 'conv',
    optimizerObjective: OBJECTIVES.find((o) => o === c.get<string>('optimizer.objective')) ?? 'rosenbrock',
    optimizerSteps: clampSteps(c.get<number>('optimizer.steps', 200)),
    inlayShapes: c.get<boolean>('inlayHints.shapes', true),
    diagnosticShapes: c.get<boolean>('diagnostics.shapes', true),
    hoverShapes: c.get<boolean>('hover.shapes', true),
    analysisDebounceMs: clampInt(c.get<number>('analysis.debounceMs', 400), 0, 10_000, 400),
    analysisMaxFileLines: clampInt(c.get<number>('analysis.maxFileLines', 5000), 0, 1_000_000, 5000),
    defaultInputShape: Array.isArray(shape) && shape.length === 4 && shape.every((d) => Number.isInteger(d) && d > 0) ? shape : [1, 3, 224, 224],
  };
}

const clampSteps = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(Math.min(100_000, Math.max(1, v))) : 200);
const clampInt = (v: unknown, min: number, max: number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(Math.min(max, Math.max(min, v))) : fallback;
const clampScale = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(3, Math.max(0.5, v)) : 1);

/** The editor font size times mlLens.hover.mathScale: the size formulas are drawn at. */
export function mathFontSize(document: vscode.TextDocument): number {
  return vscode.workspace.getConfiguration('editor', document).get<number>('fontSize', 14) * readConfig().mathScale;
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
