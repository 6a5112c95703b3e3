/**
 * Shapes where the code is: the whole-file analysis (compute/program/file-analysis) run after
 * edits, debounced and once per version (shared/analysis-scheduler), for Python files and for
 * notebooks read as one program; its results as inlay hints, warnings with quick fixes, and the
 * shape section of hovers. Thin: the words come from compute/editor and compute/hover.
 */
import * as vscode from 'vscode';
import { inlayTexts, type InlayText } from '../compute/editor/shape-text';
import { shapeHoverAt } from '../compute/hover/shapes';
import type { NotebookProgram } from '../compute/notebook/program';
import { cellLinesIn, toCell } from '../compute/notebook/program';
import { analyzeFile } from '../compute/program/file-analysis';
import { parsePython } from '../compute/python/syntax';
import type { Tree } from '@lezer/common';
import type { FileAnalysis, ShapeFix } from '../compute/program/file-types';
import { AnalysisScheduler } from '../shared/analysis-scheduler';
import { readConfig } from './config';
import { workspaceLoader } from './model';
import { cellOf, rangeInCell, notebookProgram, notebookVersion } from './notebook';

export const DIAGNOSTIC_SOURCE = 'ML Lens';

/** Documents that are views of something else (diffs, output, previews) get no analysis. */
const SKIPPED_SCHEMES = new Set([
  'git',
  'output',
  'vscode-scm',
  'vscode-bulkeditpreview',
  'vscode-chat-code-block',
  'chat-editing-text-model',
  'merge-conflict.conflict-diff',
  'review',
  'pr',
  'gitlens',
  'debug',
]);

/** What is analysed together: a Python file, or a whole notebook. */
interface Unit {
  key: string;
  version: string;
  lineCount: number;
  label: string;
  document?: vscode.TextDocument;
  notebook?: vscode.NotebookDocument;
}

interface Analysed {
  analysis: FileAnalysis;
  text: string;
  /** The text's parse, kept so that hovers and hints never parse again. */
  tree: Tree;
  program?: NotebookProgram;
  notebook?: vscode.NotebookDocument;
  /** The version of each document (the file, or each cell) the text was read from. */
  versions: Map<string, number>;
  inlays?: InlayText[];
}

interface StoredFix {
  range: vscode.Range;
  message: string;
  fix: { title: string; uri: vscode.Uri; range: vscode.Range; newText: string };
}

export class ShapeService implements vscode.InlayHintsProvider, vscode.CodeActionProvider, vscode.Disposable {
  static readonly codeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly scheduler = new AnalysisScheduler<Analysed>({
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  private readonly collection = vscode.languages.createDiagnosticCollection('ML Lens');
  /** The documents each unit last published diagnostics on (to clear them). */
  private readonly published = new Map<string, vscode.Uri[]>();
  /** Quick fixes by document URI, for the version they were made for. */
  private readonly fixes = new Map<string, { version: number; entries: StoredFix[] }>();
  /** Units already named in the output channel as too large, and notes already logged. */
  private readonly noted = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.scheduler.onFinished = (_unit, finished) => {
      this.publish(finished.result);
      this.changed.fire();
    };
    this.subscriptions.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => void this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) void this.schedule(e.document, readConfig().analysisDebounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => !cellOf(d) && this.forget(d.uri.toString())),
      vscode.workspace.onDidOpenNotebookDocument((n) => void this.scheduleNotebook(n, 0)),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.contentChanges.length) void this.scheduleNotebook(e.notebook, readConfig().analysisDebounceMs);
      }),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.forget(n.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['mlLens.inlayHints', 'mlLens.diagnostics', 'mlLens.hover.shapes', 'mlLens.analysis'].some((s) => e.affectsConfiguration(s))) this.refresh();
      }),
    );
    this.analyzeOpen();
  }

  /** Any shape surface on: otherwise nothing is analysed. */
  private get wanted(): boolean {
    const c = readConfig();
    return c.inlayShapes || c.diagnosticShapes || c.hoverShapes;
  }

  private analyzeOpen(): void {
    for (const d of vscode.workspace.textDocuments) if (!cellOf(d)) void this.schedule(d, 0);
    for (const n of vscode.workspace.notebookDocuments) void this.scheduleNotebook(n, 0);
  }

  private refresh(): void {
    this.scheduler.clear();
    this.collection.clear();
    this.published.clear();
    this.fixes.clear();
    this.noted.clear();
    this.analyzeOpen();
    this.changed.fire();
  }

  private forget(key: string): void {
    this.scheduler.forget(key);
    for (const uri of this.published.get(key) ?? []) {
      this.collection.delete(uri);
      this.fixes.delete(uri.toString());
    }
    this.published.delete(key);
  }

  private unitOf(document: vscode.TextDocument): Unit | undefined {
    const cell = cellOf(document);
    if (cell) return this.notebookUnit(cell.notebook);
    if (document.languageId !== 'python' || SKIPPED_SCHEMES.has(document.uri.scheme)) return undefined;
    return {
      key: document.uri.toString(),
      version: String(document.version),
      lineCount: document.lineCount,
      label: vscode.workspace.asRelativePath(document.uri),
      document,
    };
  }

  private notebookUnit(notebook: vscode.NotebookDocument): Unit | undefined {
    const code = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    if (!code.length) return undefined;
    return {
      key: notebook.uri.toString(),
      version: notebookVersion(notebook),
      lineCount: code.reduce((n, c) => n + c.document.lineCount, 0),
      label: vscode.workspace.asRelativePath(notebook.uri),
      notebook,
    };
  }

  private schedule(document: vscode.TextDocument, delayMs: number): Promise<Analysed | undefined> {
    const unit = this.unitOf(document);
    return unit ? this.scheduleUnit(unit, delayMs) : Promise.resolve(undefined);
  }

  private scheduleNotebook(notebook: vscode.NotebookDocument, delayMs: number): Promise<Analysed | undefined> {
    const unit = this.notebookUnit(notebook);
    return unit ? this.scheduleUnit(unit, delayMs) : Promise.resolve(undefined);
  }

  private scheduleUnit(unit: Unit, delayMs: number): Promise<Analysed | undefined> {
    if (!this.wanted) return Promise.resolve(undefined);
    const max = readConfig().analysisMaxFileLines;
    if (unit.lineCount > max) {
      if (!this.noted.has(`large:${unit.key}`)) {
        this.noted.add(`large:${unit.key}`);
        this.log.info(
          `Shapes: ${unit.label} has ${unit.lineCount.toLocaleString('en-US')} lines, more than mlLens.analysis.maxFileLines (${max.toLocaleString('en-US')}); no inlay hints, shape diagnostics or shape hovers for it.`,
        );
      }
      this.forget(unit.key);
      return Promise.resolve(undefined);
    }
    return this.scheduler.schedule(unit.key, unit.version, () => this.run(unit), delayMs);
  }

  private async run(unit: Unit): Promise<Analysed> {
    let text: string;
    let program: NotebookProgram | undefined;
    const versions = new Map<string, number>();
    let base: { uri: vscode.Uri; getText(): string };
    let path: string;
    if (unit.notebook) {
      program = notebookProgram(unit.notebook);
      text = program.text;
      for (const c of unit.notebook.getCells()) versions.set(c.document.uri.toString(), c.document.version);
      const joined = text;
      base = { uri: unit.notebook.uri, getText: () => joined };
      path = unit.notebook.uri.path;
    } else {
      const document = unit.document!;
      text = document.getText();
      versions.set(document.uri.toString(), document.version);
      base = document;
      path = document.uri.path;
    }
    const loader = await workspaceLoader(base);
    let analysis: FileAnalysis;
    try {
      analysis = analyzeFile(text, { path, loader });
    } catch (e) {
      this.log.error(`Shapes: analysing ${unit.label} failed inside ML Lens: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      throw e;
    }
    for (const note of analysis.notes) {
      if (this.noted.has(`${unit.key}|${note}`)) continue;
      this.noted.add(`${unit.key}|${note}`);
      this.log.info(`Shapes: ${unit.label}: ${note}`);
    }
    this.log.debug(
      `Shapes: ${unit.label} analysed in ${analysis.ms} ms: ${analysis.models.length} models, ${analysis.hints.length} shapes, ${analysis.diagnostics.length} mismatches`,
    );
    // The analysis has just parsed this text: the parse cache answers.
    return { analysis, text, tree: parsePython(text), program, notebook: unit.notebook, versions };
  }

  /** The analysis is of the text this document holds now. */
  private isCurrent(analysed: Analysed, document: vscode.TextDocument): boolean {
    return analysed.versions.get(document.uri.toString()) === document.version;
  }

  /** A range of the analysed text in the document holding it now (a cell, for notebooks), or undefined if it changed. */
  private locate(analysed: Analysed, from: number, to: number): { document: vscode.TextDocument; range: vscode.Range } | undefined {
    if (analysed.program && analysed.notebook) {
      const at = rangeInCell(analysed.program, analysed.notebook, from, to);
      return at && this.isCurrent(analysed, at.cell.document) ? { document: at.cell.document, range: at.range } : undefined;
    }
    const document = vscode.workspace.textDocuments.find((d) => analysed.versions.has(d.uri.toString()));
    if (!document || !this.isCurrent(analysed, document)) return undefined;
    return { document, range: new vscode.Range(document.positionAt(from), document.positionAt(to)) };
  }

  private publish(analysed: Analysed): void {
    const key = analysed.notebook ? analysed.notebook.uri.toString() : [...analysed.versions.keys()][0];
    for (const uri of this.published.get(key) ?? []) {
      this.collection.delete(uri);
      this.fixes.delete(uri.toString());
    }
    this.published.delete(key);
    if (!readConfig().diagnosticShapes) return;
    const byDocument = new Map<string, { document: vscode.TextDocument; diagnostics: vscode.Diagnostic[]; fixes: StoredFix[] }>();
    for (const d of analysed.analysis.diagnostics) {
      const at = this.locate(analysed, d.from, d.to);
      if (!at) continue;
      // In a notebook, `line 16` of the joined program is said as `cell 3, line 9`.
      const message = analysed.program ? cellLinesIn(analysed.program, d.message) : d.message;
      const diagnostic = new vscode.Diagnostic(at.range, message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'shape-mismatch';
      const entry = byDocument.get(at.document.uri.toString()) ?? { document: at.document, diagnostics: [], fixes: [] };
      entry.diagnostics.push(diagnostic);
      const fix = d.fix && this.fixOf(analysed, d.fix);
      if (fix) entry.fixes.push({ range: at.range, message, fix });
      byDocument.set(at.document.uri.toString(), entry);
    }
    const uris: vscode.Uri[] = [];
    for (const [uri, entry] of byDocument) {
      this.collection.set(entry.document.uri, entry.diagnostics);
      this.fixes.set(uri, { version: entry.document.version, entries: entry.fixes });
      uris.push(entry.document.uri);
    }
    this.published.set(key, uris);
  }

  private fixOf(analysed: Analysed, fix: ShapeFix): StoredFix['fix'] | undefined {
    const at = this.locate(analysed, fix.from, fix.to);
    return at && { title: fix.title, uri: at.document.uri, range: at.range, newText: fix.newText };
  }

  // ---- inlay hints

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[] | undefined> {
    if (!readConfig().inlayShapes) return [];
    // Waits for the analysis of this version (scheduled by the edit, debounced); the editor keeps the old hints meanwhile.
    const analysed = await this.schedule(document, 0);
    if (!analysed || token.isCancellationRequested || !this.isCurrent(analysed, document)) return undefined;
    analysed.inlays ??= inlayTexts(analysed.analysis, analysed.text, analysed.tree);
    const cell = analysed.program ? cellOf(document) : undefined;
    const hints: vscode.InlayHint[] = [];
    for (const t of analysed.inlays) {
      let position: vscode.Position;
      if (analysed.program) {
        const at = toCell(analysed.program, t.at);
        if (!cell || at?.cell !== cell.index) continue;
        position = document.positionAt(at.offset);
      } else {
        position = document.positionAt(t.at);
      }
      if (!range.contains(position)) continue;
      const hint = new vscode.InlayHint(position, t.label, vscode.InlayHintKind.Type);
      hint.paddingLeft = true;
      hint.tooltip = new vscode.MarkdownString(t.tooltip);
      hints.push(hint);
    }
    return hints;
  }

  // ---- quick fixes

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const stored = this.fixes.get(document.uri.toString());
    if (!stored || stored.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const entry = stored.entries.find((e) => e.range.isEqual(diagnostic.range) && e.message === diagnostic.message);
      if (!entry) continue;
      const action = new vscode.CodeAction(entry.fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(entry.fix.uri, entry.fix.range, entry.fix.newText);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  // ---- hovers

  /** The shape section for a hover: from the last finished analysis if it is of this text; never starts one. */
  hoverAt(document: vscode.TextDocument, position: vscode.Position): { markdown: string; range: vscode.Range } | undefined {
    if (!readConfig().hoverShapes) return undefined;
    const unit = this.unitOf(document);
    const analysed = unit && this.scheduler.current(unit.key, unit.version);
    if (!analysed) return undefined;
    let offset = document.offsetAt(position);
    const cell = analysed.program ? cellOf(document) : undefined;
    if (analysed.program) {
      const span = cell && analysed.program.cells.find((s) => s.cell === cell.index);
      if (!span) return undefined;
      offset += span.from;
    }
    const found = shapeHoverAt(analysed.analysis, analysed.text, offset, analysed.tree);
    const at = found && this.locate(analysed, found.from, found.to);
    return found && at && at.document.uri.toString() === document.uri.toString() ? { markdown: found.markdown, range: at.range } : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
