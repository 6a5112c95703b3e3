/**
 * Notebooks read as one program (compute/notebook/program.ts does the joining and the offset
 * maps): the notebook a cell belongs to, the program of its code cells, and positions mapped
 * between a cell and the joined text.
 */
import * as vscode from 'vscode';
import { cellLabel, joinCells, rangeToCell, type NotebookCellText, type NotebookProgram } from '../compute/notebook/program';

export const CELL_SCHEME = 'vscode-notebook-cell';

/** The open notebook holding this cell document, and the cell's index, or undefined for a plain file. */
export function cellOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; index: number } | undefined {
  if (document.uri.scheme !== CELL_SCHEME) return undefined;
  const uri = document.uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri);
    if (cell) return { notebook, index: cell.index };
  }
  return undefined;
}

export function cellTexts(notebook: vscode.NotebookDocument): NotebookCellText[] {
  return notebook
    .getCells()
    .map((c) => ({ text: c.document.getText(), kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markup', language: c.document.languageId }));
}

/** The notebook's code cells `0 … upTo` (all by default) as one program. */
export function notebookProgram(notebook: vscode.NotebookDocument, upTo?: number): NotebookProgram {
  return joinCells(cellTexts(notebook), upTo);
}

/** A version key that changes with any cell's text, the cells' order, or the notebook's structure. */
export function notebookVersion(notebook: vscode.NotebookDocument): string {
  return `${notebook.version}|${notebook
    .getCells()
    .map((c) => `${c.document.uri.fragment}@${c.document.version}`)
    .join(',')}`;
}

/** A joined-text range as a cell and a range in it (undefined when it crosses cells). */
export function rangeInCell(
  program: NotebookProgram,
  notebook: vscode.NotebookDocument,
  from: number,
  to: number,
): { cell: vscode.NotebookCell; range: vscode.Range } | undefined {
  const at = rangeToCell(program, from, to);
  if (!at) return undefined;
  const cell = notebook.cellAt(at.cell);
  return { cell, range: new vscode.Range(cell.document.positionAt(at.from), cell.document.positionAt(at.to)) };
}

/** `model.ipynb, cell 3, line 2`: how a lab names a place in a notebook. */
export function cellPlace(notebook: vscode.NotebookDocument, index: number, line: number): string {
  const name = decodeURIComponent(notebook.uri.path.slice(notebook.uri.path.lastIndexOf('/') + 1));
  return `${name}, ${cellLabel(index)}, line ${line + 1}`;
}
