/**
 * The lab webviews: one panel in the editor area and one view in the ML Lens side bar, both
 * running dist/webview/main.js. Messages wait until the webview says it is ready.
 */
import * as vscode from 'vscode';
import { createNonce } from './nonce';
import { labHtml } from '../shared/webview-html';
import type { LabApply } from '../compute';
import { applyToCode } from './apply-to-code';
import { readConfig } from './config';
import { saveLabFile } from './save-file';
import { parseFromWebview, parseLabState, type AnalyzeModelMessage, type LabState, type RevealLineMessage, type ToWebview } from '../shared/protocol';

/** What the model view asks the extension for; set once by registerCommands. */
export interface ModelRequests {
  /** Analyze the model again; the answer (or the error) goes to `post`, the webview that asked. */
  analyze(message: AnalyzeModelMessage, post: (message: ToWebview) => void): Promise<void>;
  reveal(message: RevealLineMessage): Promise<void>;
}
let modelRequests: ModelRequests | undefined;

export function onModelRequests(handlers: ModelRequests): void {
  modelRequests = handlers;
}

export const LAB_PANEL_TYPE = 'mlLens.lab';
export const LAB_VIEW_ID = 'mlLens.labView';

/** A webview running the lab bundle, with a queue for messages sent before it is ready. */
class LabWebview implements vscode.Disposable {
  private ready = false;
  private queue: ToWebview[] = [];
  private readonly subscription: vscode.Disposable;
  /** Files this webview was sent results from: the ones it may ask to show or analyze again. */
  private readonly files = new Set<string>();

  /**
   * `first`, the message a new webview opens with, is written into its HTML: the lab draws it as
   * soon as the bundle runs, without waiting for the ready → message round trip.
   */
  constructor(
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    host: 'panel' | 'view',
    private readonly log: vscode.LogOutputChannel,
    first?: ToWebview,
  ) {
    const assets = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    webview.options = { enableScripts: true, localResourceRoots: [assets] };
    const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(assets, file)).toString();
    webview.html = labHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: uri('main.js'),
      styleUri: uri('main.css'),
      workerUri: uri('worker.js'),
      host,
      first,
    });
    if (first) this.remember(first);
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** Files a message's results came from: the ones the webview may ask to show or analyze again. */
  private remember(message: ToWebview): void {
    if (message.type === 'showLab') {
      if (message.source) this.files.add(message.source.uri);
      if (message.model) this.files.add(message.model.selection.uri);
    }
  }

  post(message: ToWebview): void {
    this.remember(message);
    if (this.ready) void this.webview.postMessage(message);
    else this.queue.push(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.log.warn(`Ignored a malformed message from the lab: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      for (const queued of this.queue.splice(0)) void this.webview.postMessage(queued);
    } else if (message.type === 'applyToCode') {
      void applyToCode(message as LabApply, message.source);
    } else if (message.type === 'saveFile') {
      void saveLabFile(message);
    } else if (message.type === 'revealLine' || message.type === 'analyzeModel') {
      const uri = message.type === 'revealLine' ? message.uri : message.selection.uri;
      if (!this.mayRead(uri)) {
        this.log.warn(`Ignored a request of the lab for a file it was not shown: ${uri.slice(0, 200)}`);
        return;
      }
      const done = message.type === 'revealLine' ? modelRequests?.reveal(message) : modelRequests?.analyze(message, (m) => this.post(m));
      done?.catch((e: unknown) => {
        const text = e instanceof Error ? e.message : String(e);
        this.log.error(`Lab ${message.type}: ${text}`);
        if (message.type === 'analyzeModel') this.post({ type: 'modelError', message: text });
      });
    } else if (message.type === 'copyText') {
      void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.showInformationMessage(`ML Lens: copied ${message.what} to the clipboard.`));
    } else {
      this.log.error(`Lab: ${message.message}`);
    }
  }

  /** A file sent to this webview, an open document, or a file of the workspace (a restored lab knows its file from its saved state). */
  private mayRead(uri: string): boolean {
    if (this.files.has(uri)) return true;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri)) return true;
    try {
      return vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri, true)) !== undefined;
    } catch {
      return false;
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The editor-area lab panel; at most one exists. */
export class LabPanel {
  private static current: LabPanel | undefined;
  private readonly lab: LabWebview;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    first?: ToWebview,
  ) {
    this.lab = new LabWebview(panel.webview, extensionUri, 'panel', log, first);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
    panel.onDidDispose(() => {
      this.lab.dispose();
      if (LabPanel.current === this) LabPanel.current = undefined;
    });
  }

  /** Show the panel (creating it beside the editor if needed) and send it a message. */
  static show(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, message: ToWebview): LabPanel {
    if (!LabPanel.current) {
      const panel = vscode.window.createWebviewPanel(LAB_PANEL_TYPE, 'ML Lens Lab', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
      LabPanel.current = new LabPanel(panel, extensionUri, log, message);
      return LabPanel.current;
    }
    LabPanel.current.panel.reveal(undefined, true);
    LabPanel.current.lab.post(message);
    return LabPanel.current;
  }

  /** Restore a panel after a reload; the webview restores its own saved state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, state: LabState | undefined): void {
    LabPanel.current?.panel.dispose();
    LabPanel.current = new LabPanel(panel, extensionUri, log);
    if (!state) LabPanel.current.lab.post({ type: 'showLab', lab: 'conv' });
  }
}

/** The same lab in the ML Lens side bar. */
export class LabViewProvider implements vscode.WebviewViewProvider {
  static current: LabViewProvider | undefined;
  private lab: LabWebview | undefined;
  /** A message for a view that VS Code has not resolved yet (it is being revealed). */
  private pending: ToWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    LabViewProvider.current = this;
  }

  resolveWebviewView(view: vscode.WebviewView, context: vscode.WebviewViewResolveContext): void {
    this.lab?.dispose();
    const lab = new LabWebview(view.webview, this.extensionUri, 'view', this.log);
    this.lab = lab;
    // A view that was open before restores its own state; a new one starts on the conv lab.
    const first = this.pending ?? (context.state ? undefined : ({ type: 'showLab', lab: readConfig().defaultLab } as const));
    if (first) lab.post(first);
    this.pending = undefined;
    view.onDidDispose(() => {
      lab.dispose();
      if (this.lab === lab) this.lab = undefined;
    });
  }

  /** Reveal the side view and send it a message. */
  async show(message: ToWebview): Promise<void> {
    if (this.lab) this.lab.post(message);
    else this.pending = message;
    await vscode.commands.executeCommand(`${LAB_VIEW_ID}.focus`);
  }
}

/** Where labs open: the editor-area panel, or the side view (setting mlLens.labs.location). */
export function showLab(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, message: ToWebview): void {
  const location = vscode.workspace.getConfiguration('mlLens').get<string>('labs.location', 'panel');
  if (location === 'sideView' && LabViewProvider.current) void LabViewProvider.current.show(message);
  else LabPanel.show(extensionUri, log, message);
}

export function registerLabs(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(LAB_PANEL_TYPE, {
      async deserializeWebviewPanel(panel, state) {
        LabPanel.revive(panel, context.extensionUri, log, parseLabState(state));
      },
    }),
    vscode.window.registerWebviewViewProvider(LAB_VIEW_ID, new LabViewProvider(context.extensionUri, log)),
  );
}
