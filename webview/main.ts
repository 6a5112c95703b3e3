/**
 * The lab webview: receives messages from the extension, runs compute in a worker and draws the
 * result. Parameters (never results) are saved with setState, so a reload redraws the same lab.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import katex from 'katex';
import type { ConvResult } from '../compute';
import { parseLabState, parseToWebview, type FromWebview, type LabState } from '../shared/protocol';
import { ComputeClient } from './compute-client';
import { axisFormula } from './conv-formula';
import { compact, h, shapeText } from './dom';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: LabState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('ml-lens-lab')!;
let state: LabState = parseLabState(vscode.getState()) ?? { lab: 'conv' };
let compute: Promise<ComputeClient> | undefined;

function tex(source: string, display = true): HTMLElement {
  const el = h('div', { class: display ? 'math display' : 'math' });
  katex.render(source, el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  return el;
}

function save(next: LabState): void {
  state = next;
  vscode.setState(state);
}

function reportError(message: string): void {
  vscode.postMessage({ type: 'error', message });
}

function render(): void {
  root.replaceChildren();
  if (state.term) {
    renderTerm();
    return;
  }
  if (state.lab === 'conv') {
    renderConv();
    return;
  }
  root.append(
    h('h1', {}, state.lab === 'optimizer' ? 'Optimizer lab' : 'Flow lab'),
    h('p', { class: 'notice' }, `The ${state.lab} lab is not in this build yet. The convolution lab is: select an nn.Conv2d(...) call and run “ML Lens: Simulate Selection”.`),
  );
}

function renderTerm(): void {
  const term = state.term!;
  root.append(
    h('h1', {}, term.title),
    h('p', { class: 'summary' }, term.summary),
    ...term.formulas.map((f) => tex(f)),
    h('p', {}, term.definition),
    h('p', { class: 'aliases' }, h('strong', {}, 'Also written: '), [...term.aliases, ...term.code].join(', ')),
  );
}

// ---------- Convolution lab ----------

/** "1, 3, 224, 224" → [1, 3, 224, 224], or a message saying what is expected. */
function parseShapeInput(text: string, spatialNames: string): number[] | string {
  const parts = text.split(/[,×x\s]+/).filter(Boolean).map(Number);
  const count = spatialNames.split(', ').length + 2;
  if (parts.length !== count || parts.some((d) => !Number.isInteger(d) || d < 1)) {
    const example = [1, 3, 224, 224, 224].slice(0, 2).concat(Array(count - 2).fill(count === 3 ? 1024 : 224));
    return `Enter ${count} positive integers (N, C, ${spatialNames}), for example ${example.join(', ')}.`;
  }
  return parts;
}

function renderConv(): void {
  const request = state.request;
  if (!request) {
    root.append(h('h1', {}, 'Convolution lab'), h('p', { class: 'notice' }, 'Select an nn.Conv2d(...) call and run “ML Lens: Simulate Selection”.'));
    return;
  }
  const dims = request.inputShape.length - 2;
  const shapeField = h('vscode-textfield', { id: 'input-shape', value: request.inputShape.join(', '), 'aria-label': 'Input shape' });
  const error = h('p', { id: 'lab-error', class: 'error', role: 'alert' });
  const results = h('section', { id: 'conv-results', 'aria-live': 'polite' });
  const spatial = ['L', 'H, W', 'D, H, W'][dims - 1] ?? '…';
  root.append(
    h('header', {}, h('h1', {}, 'Convolution lab'), state.source ? h('span', { class: 'source' }, `from ${fileLabel(state.source.uri)}:${state.source.range[0] + 1}`) : null),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'input-shape' }, `Input shape (N, C, ${spatial})`),
      shapeField,
      request.inputShapeAssumed ? h('vscode-badge', { title: 'Not found in the code; edit it here' }, 'assumed') : null,
    ),
    error,
    results,
  );
  shapeField.addEventListener('input', () => {
    const value = (shapeField as unknown as { value: string }).value;
    const shape = parseShapeInput(value, spatial);
    if (typeof shape === 'string') {
      error.textContent = shape;
      return;
    }
    save({ ...state, request: { ...request, inputShape: shape, inputShapeAssumed: false } });
    void recompute(results, error);
  });
  void recompute(results, error);
}

function fileLabel(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

async function recompute(results: HTMLElement, error: HTMLElement): Promise<void> {
  const request = state.request!;
  try {
    compute ??= ComputeClient.start(root.dataset.worker!);
    const client = await compute;
    const result = await client.run<ConvResult>({ kind: 'conv', layers: request.layers, inputShape: request.inputShape });
    if (!result) return; // superseded by a newer edit
    error.textContent = '';
    results.replaceChildren(...convResult(result));
  } catch (e) {
    error.textContent = e instanceof Error ? e.message : String(e);
    results.replaceChildren();
  }
}

function convResult(result: ConvResult): Node[] {
  const last = result.layers[result.layers.length - 1];
  const rf = last.receptiveField;
  const summary = h(
    'div',
    { class: 'summary' },
    h('div', { class: 'big' }, h('span', { class: 'label' }, 'Output '), h('span', { id: 'output-shape' }, shapeText(last.outShape))),
    h(
      'div',
      { class: 'facts' },
      fact('Parameters', compact(result.totals.params)),
      fact('MACs', compact(result.totals.macs)),
      fact('Receptive field', shapeText(rf.size)),
      fact('Jump', shapeText(rf.jump)),
    ),
  );
  const formulas = h('section', { class: 'formulas' }, h('h2', {}, 'Output size'));
  const first = result.layers[0];
  const dims = first.inShape.length - 2;
  formulas.append(tex(axisFormula(first, 0).symbolic));
  for (let axis = 0; axis < dims; axis++) formulas.append(tex(axisFormula(first, axis).substituted));
  const table = h(
    'table',
    { class: 'layers' },
    h('thead', {}, h('tr', {}, ...['#', 'Layer', 'Input', 'Output', 'Params', 'MACs', 'RF'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...result.layers.map((layer, i) =>
        h(
          'tr',
          {},
          h('td', { class: 'num' }, i + 1),
          h('td', {}, layer.op),
          h('td', { class: 'num' }, shapeText(layer.inShape)),
          h('td', { class: 'num' }, shapeText(layer.outShape)),
          h('td', { class: 'num' }, compact(layer.params)),
          h('td', { class: 'num' }, compact(layer.macs)),
          h('td', { class: 'num' }, shapeText(layer.receptiveField.size)),
        ),
      ),
    ),
  );
  return [summary, formulas, table];
}

function fact(label: string, value: string): HTMLElement {
  return h('div', { class: 'fact' }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}

// ---------- Messages ----------

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToWebview(event.data);
  if (!message) {
    reportError(`Ignored a malformed message: ${JSON.stringify(event.data)?.slice(0, 200)}`);
    return;
  }
  if (message.type === 'showLab') {
    save({ lab: message.lab, ...(message.request ? { request: message.request } : message.lab === state.lab ? { request: state.request } : {}), ...(message.source ? { source: message.source } : {}) });
  } else {
    save({ ...state, term: message.term });
  }
  render();
});

window.addEventListener('error', (event) => reportError(event.message));
render();
vscode.postMessage({ type: 'ready' });
