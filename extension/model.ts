/**
 * Whole models in the editor: the values the user gave a file's named unknowns (remembered in
 * workspaceState, keyed by the file's URI), the workspace modules a file imports (read ahead,
 * since the analysis reads them synchronously), and showing a line the model view points at.
 */
import * as vscode from 'vscode';
import { importedPaths, modulePaths } from '../compute/recognize/imports';
import type { GivenValue } from '../shared/protocol';
import { lineToCell } from '../compute/notebook/program';
import { cellOf, notebookProgram } from './notebook';

const VALUES_KEY = 'mlLens.modelValues';
/** Files whose values are remembered at most (the oldest are forgotten first). */
const MAX_FILES = 200;

type Stored = Record<string, Record<string, GivenValue>>;

/** The values given to unknowns in this file (empty when none). */
export function rememberedValues(context: vscode.ExtensionContext, uri: vscode.Uri): Record<string, GivenValue> {
  return context.workspaceState.get<Stored>(VALUES_KEY, {})[uri.toString()] ?? {};
}

/** Remember the values for this file (an empty set forgets the file). */
export async function rememberValues(context: vscode.ExtensionContext, uri: vscode.Uri, values: Record<string, GivenValue>): Promise<void> {
  const all = { ...context.workspaceState.get<Stored>(VALUES_KEY, {}) };
  delete all[uri.toString()];
  if (Object.keys(values).length) all[uri.toString()] = values;
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_FILES))) delete all[old];
  await context.workspaceState.update(VALUES_KEY, all);
}

/** Select a line (1-based) of a file in the editor it is shown in (or the first column), keeping the focus where it is. */
export async function revealLine(uriText: string, line: number): Promise<vscode.TextEditor | undefined> {
  let uri = vscode.Uri.parse(uriText);
  let document = await vscode.workspace.openTextDocument(uri);
  // From a notebook cell the line is one of the joined program (the code cells in order): its own cell.
  const cell = cellOf(document);
  const inCell = cell && lineToCell(notebookProgram(cell.notebook), line);
  if (cell && inCell) {
    document = cell.notebook.cellAt(inCell.cell).document;
    uri = document.uri;
    line = inCell.line + 1;
  }
  const at = Math.max(0, Math.min(line - 1, document.lineCount - 1));
  const text = document.lineAt(at);
  const range = new vscode.Range(at, text.firstNonWhitespaceCharacterIndex, at, text.range.end.character);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    preserveFocus: true,
    selection: range,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

// ---- workspace modules a model file imports ------------------------------------------------

/** Most files read ahead for one analysis, and how deep imports of imports are followed. */
const MAX_MODULES = 40;
const MAX_IMPORT_DEPTH = 3;
/** Most candidate paths looked up per level (each import names two to four). */
const MAX_CANDIDATES = 400;

/**
 * Read the workspace files `document` imports (and what they import, a few levels deep) and give
 * the synchronous loader the analysis calls. Paths are URI paths; only files that exist are read.
 */
export async function workspaceLoader(document: {
  uri: vscode.Uri;
  getText(): string;
}): Promise<(dotted: string, fromPath: string, level: number) => { path: string; text: string } | undefined> {
  const files = new Map<string, string>();
  // A notebook is passed as {uri: the notebook's, getText: its cells joined}; a cell's own URI reads no files.
  const base = document.uri;
  // One directory listing per folder instead of a failed read per candidate (`import torch` is no workspace file).
  const listings = new Map<string, Promise<Set<string>>>();
  const listing = (dir: string) => {
    let known = listings.get(dir);
    if (!known) {
      known = Promise.resolve(vscode.workspace.fs.readDirectory(base.with({ path: dir }))).then(
        (entries) => new Set(entries.map(([name]) => name)),
        () => new Set<string>(),
      );
      listings.set(dir, known);
    }
    return known;
  };
  const exists = async (path: string): Promise<boolean> => {
    const parts = path.split('/');
    // Each folder on the way lists the next part (the document's own folders exist): no listing of a folder that is not there.
    for (let i = 1; i < parts.length; i++) {
      if (i < parts.length - 1 && base.path.startsWith(`${parts.slice(0, i + 1).join('/')}/`)) continue;
      if (!(await listing(parts.slice(0, i).join('/') || '/')).has(parts[i])) return false;
    }
    return true;
  };
  const openDocument = (path: string) =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === base.scheme && d.uri.authority === base.authority && d.uri.path === path);
  const read = async (path: string): Promise<string | undefined> => {
    const open = openDocument(path);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(base.with({ path })));
    } catch {
      return undefined;
    }
  };
  let frontier: { path: string; text: string }[] = [{ path: base.path, text: document.getText() }];
  for (let depth = 0; depth < MAX_IMPORT_DEPTH && frontier.length && files.size < MAX_MODULES; depth++) {
    const paths = new Set<string>();
    for (const file of frontier) for (const path of importedPaths(file.text, file.path)) if (!files.has(path) && path !== base.path) paths.add(path);
    const candidates = [...paths].slice(0, MAX_CANDIDATES);
    const present = (await Promise.all(candidates.map(async (path) => (openDocument(path) || (await exists(path)) ? path : undefined)))).filter(
      (p): p is string => p !== undefined,
    );
    const found = await Promise.all(present.slice(0, MAX_MODULES - files.size).map(async (path) => ({ path, text: await read(path) })));
    frontier = found.filter((f): f is { path: string; text: string } => f.text !== undefined);
    for (const f of frontier) files.set(f.path, f.text);
  }
  return (dotted, fromPath, level) => {
    for (const path of modulePaths(fromPath, level, dotted)) {
      const text = files.get(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  };
}
