/**
 * The lab webview shell: receives messages from the extension, keeps the saved state, and mounts
 * the lab module for it (webview/labs/*). Parameters (never results) are saved with setState, so
 * a reload redraws the same lab.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { parseLabState, parseToWebview, type FromWebview, type LabKind, type LabState } from '../shared/protocol';
import { ComputeClient } from './compute-client';
import { progressLine } from './progress';
import type { LabContext, MountLab } from './lab-context';
import { switcher } from './lab-switcher';
import { mount as mountConv } from './labs/conv';
import { mount as mountOptimizer } from './labs/optimizer';
import { mount as mountFlow } from './labs/flow';
import { mount as mountTerm } from './labs/term';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: LabState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Which module draws each lab. */
const LABS: Record<LabKind, MountLab> = { conv: mountConv, optimizer: mountOptimizer, flow: mountFlow };

const vscode = acquireVsCodeApi();
const root = document.getElementById('ml-lens-lab')!;
const restored = parseLabState(vscode.getState());
let state: LabState = restored ?? { lab: 'conv', requests: {} };
let worker: Promise<ComputeClient> | undefined;
let restWorker: Promise<ComputeClient> | undefined;

const context: LabContext = {
  get state() {
    return state;
  },
  save(next) {
    state = next;
    vscode.setState(state);
  },
  compute: () =>
    (worker ??= ComputeClient.start(root.dataset.worker!).then((client) => {
      root.before(progressLine(client));
      return client;
    })),
  computeAtRest: () => (restWorker ??= ComputeClient.start(root.dataset.worker!)),
  reportError: (message) => vscode.postMessage({ type: 'error', message }),
  applyToCode: (apply, source) => vscode.postMessage({ type: 'applyToCode', ...apply, source } as FromWebview),
  copyText: (text, what) => vscode.postMessage({ type: 'copyText', text, what }),
  saveFile: (name, data, encoding, what) => vscode.postMessage({ type: 'saveFile', name, data, encoding, what }),
  revealLine: (uri, line) => vscode.postMessage({ type: 'revealLine', uri, line }),
  analyzeModel: (inputs) => vscode.postMessage({ type: 'analyzeModel', ...inputs }),
  onModelError: (listener) => (modelErrorListener = listener),
};

/** The mounted model view's handler for a failed re-analysis (reset on every render). */
let modelErrorListener: ((message: string) => void) | undefined;

function render(): void {
  modelErrorListener = undefined;
  root.replaceChildren();
  if (!state.term) root.append(switcher(state.lab, (lab) => (context.save({ ...state, lab }), render(), document.getElementById(`lab-tab-${lab}`)?.focus())));
  (state.term ? mountTerm : LABS[state.lab])(root, context);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));

/** A message from the extension (or the first one, written into the page). */
function receive(data: unknown): void {
  const message = parseToWebview(data);
  if (!message) {
    context.reportError(`Ignored a malformed message: ${JSON.stringify(data)?.slice(0, 200)}`);
    return;
  }
  if (message.type === 'showLab') {
    // A new request replaces that lab's parameters; the other labs keep theirs.
    const requests = message.request ? { ...state.requests, [message.lab]: message.request } : state.requests;
    // A request from code remembers where it came from; one from elsewhere forgets the old place.
    const sources = { ...state.sources };
    if (message.source) sources[message.lab] = message.source;
    else if (message.request) delete sources[message.lab];
    // A whole model keeps how it was analyzed; the model view's display choices stay (it checks they fit).
    const model = message.lab === 'conv' && message.request ? message.model : state.model;
    context.save({ lab: message.lab, requests, sources, ...(model ? { model } : {}), ...(state.modelView ? { modelView: state.modelView } : {}) });
  } else if (message.type === 'modelError') {
    modelErrorListener?.(message.message);
    return;
  } else {
    context.save({ ...state, term: message.term });
  }
  const renderStarted = performance.now();
  render();
  stampFirstPaint(renderStarted);
}

window.addEventListener('error', (event) => context.reportError(event.message));
// For the frame-time report (scripts/real-vscode/e2e.mjs): when this document started, and the
// first frame with a lab drawn from a request (epoch ms).
document.body.dataset.timeOrigin = String(Math.round(performance.timeOrigin));
// The bundle has loaded and run its modules' top-level code (ms after the document started).
document.body.dataset.scriptReadyMs = performance.now().toFixed(0);
let firstPaintStamped = false;
function stampFirstPaint(renderStarted: number): void {
  if (firstPaintStamped || !Object.keys(state.requests).length) return;
  firstPaintStamped = true;
  document.body.dataset.firstRenderMs = (performance.now() - renderStarted).toFixed(1);
  requestAnimationFrame(() => (document.body.dataset.firstPaint = String(Math.round(performance.timeOrigin + performance.now()))));
}
// A new lab's first message comes in the page itself: draw it now rather than after ready. A
// reloaded webview gets the same page, but its saved state is newer and wins.
const first = restored ? undefined : document.getElementById('ml-lens-first')?.textContent;
if (first) {
  try {
    receive(JSON.parse(first));
  } catch (e) {
    context.reportError(`Ignored the first message: ${e instanceof Error ? e.message : String(e)}`);
    const started = performance.now();
    render();
    stampFirstPaint(started);
  }
} else {
  const started = performance.now();
  render();
  stampFirstPaint(started);
}
vscode.postMessage({ type: 'ready' });
