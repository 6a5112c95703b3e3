/**
 * Hover formulas rendered at build time (dist/math.json), loaded on the first hover so the SVG
 * payload stays out of activation. vscode.workspace.fs works in Node and browser hosts alike.
 */
import * as vscode from 'vscode';
import type { MathTable } from '../compute';

let table: Promise<MathTable> | undefined;

export function loadMath(extensionUri: vscode.Uri): Promise<MathTable> {
  if (!table) {
    const loading = Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'math.json'))).then(
      (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as MathTable,
    );
    // A failed read is retried on the next hover rather than cached.
    loading.catch(() => (table = undefined));
    table = loading;
  }
  return table;
}
