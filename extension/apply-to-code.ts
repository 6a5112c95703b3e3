/**
 * "Apply to code": write a lab's parameters back into the code they came from, as one
 * WorkspaceEdit (so one Ctrl+Z undoes it). The edits are computed by compute/recognize/apply-lab.ts.
 */
import * as vscode from 'vscode';
import { labEdits, type LabApply } from '../compute';
import type { SourceRef } from '../shared/protocol';

export async function applyToCode(apply: LabApply, source: SourceRef): Promise<boolean> {
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.uri));
    const [l1, c1, l2, c2] = source.range;
    const range = document.validateRange(new vscode.Range(l1, c1, l2, c2));
    const edits = labEdits(apply, document.getText(), document.offsetAt(range.start), document.offsetAt(range.end));
    if (edits.length === 0) {
      void vscode.window.showInformationMessage('ML Lens: the code already has these values.');
      return true;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const edit of edits) workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.from), document.positionAt(edit.to)), edit.text);
    const applied = await vscode.workspace.applyEdit(workspaceEdit);
    if (applied) await vscode.window.showTextDocument(document, { preserveFocus: true, viewColumn: vscode.ViewColumn.One });
    return applied;
  } catch (e) {
    void vscode.window.showWarningMessage(`ML Lens: cannot apply to code: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
