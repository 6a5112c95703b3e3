/**
 * "Apply to code": write a lab's parameters back into the call they came from, as one
 * WorkspaceEdit (so one Ctrl+Z undoes it). The edit is computed by compute/recognize/apply.ts.
 */
import * as vscode from 'vscode';
import { optimizerEdit, type OptimizerRequest } from '../compute';
import type { SourceRef } from '../shared/protocol';

export async function applyToCode(request: OptimizerRequest, source: SourceRef): Promise<boolean> {
  const spec = request.optimizer ?? request.optimizers?.[0];
  try {
    if (!spec) throw new Error('The lab has no optimizer to write back.');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.uri));
    const [l1, c1, l2, c2] = source.range;
    const range = document.validateRange(new vscode.Range(l1, c1, l2, c2));
    const base = document.offsetAt(range.start);
    const edit = optimizerEdit(document.getText(range), spec);
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(base + edit.from), document.positionAt(base + edit.to)), edit.text);
    const applied = await vscode.workspace.applyEdit(workspaceEdit);
    if (applied) await vscode.window.showTextDocument(document, { preserveFocus: true, viewColumn: vscode.ViewColumn.One });
    return applied;
  } catch (e) {
    void vscode.window.showWarningMessage(`ML Lens: cannot apply to code: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
