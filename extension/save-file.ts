/**
 * Saving what a lab exports (a plot as PNG, parameters as JSON): a save dialog next to the
 * workspace, then workspace.fs (which works in the desktop and web hosts alike).
 */
import * as vscode from 'vscode';
import type { SaveFileMessage } from '../shared/protocol';

export async function saveLabFile(message: SaveFileMessage): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const png = message.name.endsWith('.png');
  const target = await vscode.window.showSaveDialog({
    title: `ML Lens: save ${message.what}`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, message.name) } : {}),
    filters: png ? { 'PNG image': ['png'] } : { JSON: ['json'] },
  });
  if (!target) return undefined;
  const bytes = message.encoding === 'base64' ? base64Bytes(message.data) : new TextEncoder().encode(message.data);
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (e) {
    void vscode.window.showErrorMessage(`ML Lens: could not save ${message.what}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`ML Lens: saved ${message.what} to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
    if (choice) void vscode.commands.executeCommand('vscode.open', target);
  });
  return target;
}

/** atob exists in Node 16+ and in browsers, so this runs in both extension hosts. */
function base64Bytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
