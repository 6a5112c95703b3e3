/** The convolution lab: input shape, output shape, costs, receptive field, the size formula, layers. */
import type { AnalyzedLayer, ConvLayerJson, ConvRecognition, ConvResult } from '../../compute';
import { analyzeConvRequest } from '../../compute/conv/request';
import { createRng } from '../../compute/random';
import { axisFormula } from '../conv-formula';
import { mountKernelView, type KernelView, type KernelViewValues } from './conv/kernel-view';
import { mountLayerEditor } from './conv/layer-editor';
import { convStackCode } from '../../compute/recognize/conv-codegen';
import { FRAMEWORK_LABEL } from '../../compute/program/table-types';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { codeNotes, editedSinceCode, markedFromCode, type CodeFindings } from '../code-notes';
import { compact, h, shapeText } from '../dom';
import { exportButtons } from '../export-bar';
import { tex, type LabContext } from '../lab-context';
import { isModelRecognition, sourceLabel } from '../../shared/protocol';
import { mountModelView } from './model/view';

/** "1, 3, 224, 224" → [1, 3, 224, 224], or a message saying what is expected. */
function parseShapeInput(text: string, spatialNames: string): number[] | string {
  const parts = text
    .split(/[,×x\s]+/)
    .filter(Boolean)
    .map(Number);
  const count = spatialNames.split(', ').length + 2;
  if (parts.length !== count || parts.some((d) => !Number.isInteger(d) || d < 1)) {
    const example = [1, 3].concat(Array(count - 2).fill(count === 3 ? 1024 : 224));
    return `Enter ${count} positive integers (N, C, ${spatialNames}), for example ${example.join(', ')}.`;
  }
  return parts;
}

export function mount(root: HTMLElement, context: LabContext): void {
  const stored = context.state.requests.conv;
  // A whole model (class, factory, instantiation) gets the model view instead of the layer stack.
  if (stored && isModelRecognition(stored)) {
    mountModelView(root, context, stored);
    return;
  }
  const request = stored as ConvRecognition | undefined;
  if (!request) {
    root.append(h('h1', {}, 'Convolution lab'), h('p', { class: 'notice' }, 'Select an nn.Conv2d(...) call and run “ML Lens: Simulate Selection”.'));
    return;
  }
  const dims = request.inputShape.length - 2;
  const shapeField = h('vscode-textfield', { id: 'input-shape', value: request.inputShape.join(', '), 'aria-label': 'Input shape' });
  const error = h('p', { id: 'lab-error', class: 'error', role: 'alert' });
  const notesHost = h('div', { class: 'code-notes-host' });
  const results = h('section', { id: 'conv-results', 'aria-live': 'polite' });
  const kernelSection = h('section', { id: 'conv-kernel', class: 'conv-kernel' });
  const details = h('section', { id: 'conv-details' });
  const timing = h('span', { id: 'conv-timing', hidden: true });
  let changedAt: number | undefined;
  const editorHost = h('section', { id: 'conv-editor', class: 'conv-editor-host' });
  let editing = -1;
  let kernelView: KernelView | undefined;
  const spatial = ['L', 'H, W', 'D, H, W'][dims - 1] ?? '…';
  const source = context.state.sources?.conv;
  const framework = request.framework ?? 'pytorch';
  const current = () => context.state.requests.conv as ConvRecognition;
  const codeButtons: HTMLElement[] = [];
  if (source) {
    const marked = markedFromCode(request, convKey(request));
    if (marked !== request) context.save({ ...context.state, requests: { ...context.state.requests, conv: marked } });
  }
  if (source) {
    const apply = h(
      'vscode-button',
      { id: 'conv-apply', secondary: true, title: 'Write the edited layer arguments into the code (Ctrl+Z undoes it)' },
      'Apply to code',
    );
    apply.addEventListener('click', () => context.applyToCode({ lab: 'conv', request: current() }, source));
    codeButtons.push(apply);
  }
  // Code that reproduces the layers: PyTorch always, plus the framework the code was written in.
  for (const fw of framework === 'pytorch' ? (['pytorch'] as const) : (['pytorch', framework] as const)) {
    const name = FRAMEWORK_LABEL[fw];
    const copy = h('vscode-button', { id: `conv-copy-${fw}`, secondary: true, title: `Copy these layers as ${name} code` }, `Copy as ${name}`);
    copy.addEventListener('click', () => {
      try {
        context.copyText(convStackCode(current().layers, fw, { inputShape: current().inputShape }), `the layers as ${name} code`);
      } catch (e) {
        error.textContent = e instanceof Error ? e.message : String(e);
      }
    });
    codeButtons.push(copy);
  }
  root.append(
    h(
      'header',
      {},
      h('h1', {}, 'Convolution lab'),
      source ? h('span', { class: 'source' }, `from ${sourceLabel(source)}`) : null,
      ...codeButtons,
      exportButtons(context, 'conv', () => root.querySelector('.kv-panels') ?? results),
    ),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'input-shape' }, `Input shape (N, C, ${spatial})`),
      shapeField,
      request.inputShapeAssumed ? h('vscode-badge', { title: 'Not found in the code; edit it here' }, 'assumed') : null,
    ),
    error,
    notesHost,
    results,
    kernelSection,
    editorHost,
    details,
    timing,
  );
  // The kernel view and its layer picker persist across recomputes: an edit updates them in place.
  let lastResult: ConvResult | undefined;
  let pickerKey = '';
  let kernelHost: HTMLElement | undefined;
  /** The kernel view of one layer of the stack, with its saved example numbers. */
  const showKernel = (result: ConvResult, index: number) => {
    lastResult = result;
    const layers = result.layers;
    const choices = layers.map((l, i) => [l, i] as const).filter(([l]) => KERNEL_FAMILY.test(l.op));
    if (!choices.length) {
      kernelView?.destroy();
      kernelView = undefined;
      pickerKey = '';
      kernelSection.replaceChildren();
      editorHost.replaceChildren();
      editing = -1;
      return;
    }
    const selected = choices.some(([, i]) => i === index) ? index : choices[0][1];
    const saved = viewOf(context).kernel;
    const key = `${choices.map(([l, i]) => `${i}:${l.op}`).join('|')}@${selected}`;
    if (key !== pickerKey || !kernelHost) {
      pickerKey = key;
      kernelView?.destroy();
      kernelView = undefined;
      const picker = h(
        'select',
        { id: 'kv-layer', 'aria-label': 'Layer shown in the kernel view' },
        ...choices.map(([l, i]) => h('option', { value: String(i), ...(i === selected ? { selected: true } : {}) }, `${i + 1}. ${l.op}`)),
      );
      picker.addEventListener('change', () => {
        saveView(context, { kernel: { layer: Number(picker.value) } });
        if (lastResult) showKernel(lastResult, Number(picker.value));
      });
      kernelHost = h('div', { class: 'kv-host' });
      kernelSection.replaceChildren(
        choices.length > 1 ? h('div', { class: 'controls kv-layer-picker' }, h('label', { for: 'kv-layer' }, 'Kernel view of layer'), picker) : '',
        kernelHost,
      );
    }
    const host = kernelHost;
    const layer = layers[selected];
    // The editor outlives recomputes (it holds the focus while the user types); a new layer gets a new one.
    if (editing !== selected) {
      editing = selected;
      editorHost.replaceChildren(h('h2', {}, `Layer ${selected + 1} arguments`));
      mountLayerEditor(editorHost, layer, (edited) => {
        const conv = current();
        const next = conv.layers.map((l, i) => (i === selected ? edited : l)) as typeof conv.layers;
        context.save({ ...context.state, requests: { ...context.state.requests, conv: { ...conv, layers: next } } });
        changedAt = performance.now();
        recompute();
      });
    }
    const options = {
      layer: layerArgs(layer),
      inputShape: layer.inShape,
      values: saved?.layer === selected ? saved.values : undefined,
      onValuesChange: (values: KernelViewValues) => saveView(context, { kernel: { layer: selected, values } }),
    };
    if (kernelView) kernelView.update(options);
    else kernelView = mountKernelView(host, options);
  };
  const resultsView = mountResults(results, details, context);
  // Shapes, costs and receptive fields are a few hundred integer operations: they run right here,
  // so an edit is drawn in the same frame. Values (the FFT check) run in the worker.
  /**
   * The first draw shows the shapes, costs and table at once; the formulas, the kernel view and
   * the layer editor follow right after that first paint (KaTeX's and the grids' first use are
   * the slow part of a fresh lab).
   */
  let firstDraw = true;
  const recompute = () => {
    const { layers, inputShape } = current();
    if (source) notesHost.replaceChildren(convNotes(current()) ?? '');
    try {
      const started = performance.now();
      const result = analyzeConvRequest({ kind: 'conv', layers, inputShape });
      const analyzed = performance.now();
      error.textContent = '';
      resultsView.update(result, !firstDraw);
      const tables = performance.now();
      if (firstDraw) {
        firstDraw = false;
        requestAnimationFrame(() => window.setTimeout(recompute, 0));
      } else showKernel(result, viewOf(context).kernel?.layer ?? -1);
      const drawn = performance.now();
      timing.dataset.analysisMs = (analyzed - started).toFixed(2);
      timing.dataset.resultsMs = (tables - analyzed).toFixed(2);
      timing.dataset.kernelMs = (drawn - tables).toFixed(2);
      // Control change → the next frame with the new results drawn (read by the e2e run).
      const began = changedAt;
      changedAt = undefined;
      if (began !== undefined) {
        timing.dataset.handlerMs = (drawn - began).toFixed(2);
        requestAnimationFrame(() => {
          timing.dataset.frameMs = (performance.now() - began).toFixed(2);
          timing.dataset.frames = String(Number(timing.dataset.frames ?? 0) + 1);
        });
      }
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      resultsView.clear();
      kernelView?.destroy();
      kernelView = undefined;
      pickerKey = '';
      kernelSection.replaceChildren();
    }
  };
  shapeField.addEventListener('input', () => {
    const shape = parseShapeInput((shapeField as unknown as { value: string }).value, spatial);
    if (typeof shape === 'string') {
      error.textContent = shape;
      return;
    }
    context.save({ ...context.state, requests: { ...context.state.requests, conv: { ...current(), inputShape: shape, inputShapeAssumed: false } } });
    changedAt = performance.now();
    recompute();
  });
  recompute();
}

const setText = (el: Element, text: string) => {
  if (el.textContent !== text) el.textContent = text;
};

/**
 * The results (summary, size formulas, layer table, FFT check), built once and patched on every
 * edit: only texts that changed are written, a formula is re-rendered only when its source
 * changed, table rows are reused, and the check is rebuilt only for another layer.
 */
function mountResults(results: HTMLElement, details: HTMLElement, context: LabContext) {
  const outShape = h('span', { id: 'output-shape' });
  const facts = Array.from({ length: 4 }, () => h('span', { class: 'value' }));
  const summary = h(
    'div',
    { class: 'summary' },
    h('div', { class: 'big' }, h('span', { class: 'label' }, 'Output '), outShape),
    h(
      'div',
      { class: 'facts' },
      ...['Parameters', 'MACs', 'Receptive field', 'Jump'].map((label, i) => h('div', { class: 'fact' }, h('span', { class: 'label' }, label), facts[i])),
    ),
  );
  const formulaTitle = h('h2', {});
  const formulas = h('section', { class: 'formulas' });
  /** What the formulas section shows now: the layer's op and the formula sources. */
  let formulaKey = '';
  const tbody = h('tbody', {});
  const table = h(
    'table',
    { class: 'layers' },
    h('thead', {}, h('tr', {}, ...['#', 'Layer', 'Input', 'Output', 'Params', 'MACs', 'RF'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody,
  );
  let check: HTMLElement | undefined;
  let checkKey: string | undefined;
  const attach = () => {
    if (!summary.isConnected) results.replaceChildren(summary);
    if (!table.isConnected) details.replaceChildren(formulas, table, ...(check ? [check] : []));
  };
  return {
    /** Show `result`; `withFormulas` false leaves the size formulas for the next update. */
    update(result: ConvResult, withFormulas = true) {
      attach();
      const last = result.layers[result.layers.length - 1];
      const rf = last.receptiveField;
      setText(outShape, shapeText(last.outShape));
      [compact(result.totals.params), compact(result.totals.macs), shapeText(rf.size), shapeText(rf.jump)].forEach((v, i) => setText(facts[i], v));
      // The formula of the first layer with a kernel (a stack may start with e.g. a ReLU or Flatten).
      const first = result.layers.find((l) => Array.isArray(l.kernel_size) && l.inShape.length > 2);
      const sources = first
        ? [axisFormula(first, 0).symbolic, ...Array.from({ length: first.inShape.length - 2 }, (_, axis) => axisFormula(first, axis).substituted)]
        : [];
      const key = [first?.op ?? '', ...sources].join('\u0000');
      if (withFormulas && key !== formulaKey) {
        // A formula whose source is unchanged keeps its element; KaTeX renders only the new ones.
        const before = formulaKey.split('\u0000').slice(1);
        const kept = [...formulas.querySelectorAll(':scope > .math')];
        const nodes = sources.map((s, i) => (before[i] === s && kept[i] ? kept[i] : tex(s)));
        if (first) setText(formulaTitle, `Output size (${first.op})`);
        formulas.replaceChildren(...(first ? [formulaTitle] : []), ...nodes);
        formulaKey = key;
      }
      // Rows reused; cells written only when their text changed.
      while (tbody.children.length > result.layers.length) tbody.lastElementChild!.remove();
      result.layers.forEach((layer, i) => {
        let row = tbody.children[i] as HTMLElement | undefined;
        if (!row) {
          row = h('tr', {}, ...[0, 1, 2, 3, 4, 5, 6].map((c) => h('td', c === 1 ? {} : { class: 'num' })));
          tbody.append(row);
        }
        const cells = [
          String(i + 1),
          layer.op,
          shapeText(layer.inShape),
          shapeText(layer.outShape),
          compact(layer.params),
          compact(layer.macs),
          shapeText(layer.receptiveField.size),
        ];
        cells.forEach((text, c) => setText(row.children[c], text));
      });
      const conv = result.layers.find((l) => /^conv[123]d$/.test(l.op));
      const convKeyNow = conv ? JSON.stringify(layerArgs(conv)) + conv.inShape.join(',') : '';
      if (convKeyNow !== checkKey) {
        checkKey = convKeyNow;
        const next = fftCheck(conv, context);
        if (check) check.replaceWith(next);
        else details.append(next);
        check = next;
      }
    },
    clear() {
      results.replaceChildren();
      details.replaceChildren();
      check = undefined;
      checkKey = undefined;
      formulaKey = '';
    },
  };
}

/** Largest spatial size used by the check (keeps the direct loop well under a frame budget). */
const CHECK_SIZE = 24;

/**
 * The convolution theorem as a check: the first conv layer computed directly (the defining
 * sum) and through FFTs (pointwise products of spectra) on a small seeded example must agree to
 * rounding. Runs on demand in the worker.
 */
function fftCheck(layer: AnalyzedLayer | undefined, context: LabContext): HTMLElement {
  const section = h('section', { class: 'fft-check' }, h('h2', {}, 'Check: direct vs FFT'));
  if (!layer) {
    section.append(h('p', { class: 'notice' }, 'The stack has no convolution to check.'));
    return section;
  }
  const output = h('p', { id: 'fft-check-result', 'aria-live': 'polite' });
  const run = h('vscode-button', { id: 'fft-check-run', secondary: true }, 'Run check');
  run.addEventListener('click', () => void runCheck(layer, output, context));
  section.append(
    h('p', { class: 'notice' }, `${layer.op} on a seeded ${CHECK_SIZE}-sample-per-axis example: the defining sum vs pointwise products of FFTs.`),
    run,
    output,
  );
  return section;
}

const ANALYSIS_FIELDS = new Set(['inShape', 'outShape', 'params', 'macs', 'receptiveField', 'defaultsUsed']);

/** A layer's arguments without its analysis (shapes, costs). */
const layerArgs = (layer: AnalyzedLayer) => Object.fromEntries(Object.entries(layer).filter(([key]) => !ANALYSIS_FIELDS.has(key))) as ConvLayerJson;

/** Layers the kernel view can show: 1-D/2-D convolutions and pools (3-D ones get a message there). */
const KERNEL_FAMILY = /^(conv|conv_transpose|max_pool|avg_pool)[123]d$/;

/** What the conv lab keeps beside its request: the kernel view's layer and example numbers. */
interface ConvView {
  kernel?: { layer: number; values?: KernelViewValues };
}

const viewOf = (context: LabContext): ConvView => (context.state.requests.conv as { view?: ConvView } | undefined)?.view ?? {};

function saveView(context: LabContext, view: ConvView): void {
  const conv = context.state.requests.conv as ConvRecognition | undefined;
  if (conv)
    context.save({ ...context.state, requests: { ...context.state.requests, conv: { ...conv, view: { ...viewOf(context), ...view } } as ConvRecognition } });
}

async function runCheck(layer: AnalyzedLayer, output: HTMLElement, context: LabContext): Promise<void> {
  output.textContent = 'computing…';
  const k = layer.kernel_size as number[];
  const d = layer.dilation as number[];
  const cin = layer.in_channels as number;
  const spatial = k.map((kk, i) => Math.max(Math.min(layer.inShape[i + 2], CHECK_SIZE), d[i] * (kk - 1) + 1));
  const rng = createRng(7);
  const tensor = (shape: number[]) => ({ shape, data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()) });
  const weight = tensor([layer.out_channels as number, cin / ((layer.groups as number) ?? 1), ...k]);
  const input = tensor([1, cin, ...spatial]);
  // The layer's arguments plus the seeded weights.
  const args = layerArgs(layer);
  const request = (method: string) => ({ kind: 'conv', method, input, layers: [{ ...args, bias: false, weight }] });
  try {
    const client = await context.compute();
    const direct = await client.run<ConvResult>(request('direct'));
    const fft = await client.run<ConvResult>(request('fft'));
    if (!direct?.output || !fft?.output) {
      output.textContent = 'Stopped by a newer computation; run the check again.';
      return;
    }
    let diff = 0;
    let scale = 1;
    direct.output.data.forEach((v, i) => {
      diff = Math.max(diff, Math.abs(v - fft.output!.data[i]));
      scale = Math.max(scale, Math.abs(v));
    });
    const rel = diff / scale;
    output.textContent = `max relative difference ${rel.toExponential(1)} over ${direct.output.data.length.toLocaleString('en-US')} outputs ${rel < 1e-9 ? '✓' : '✗'}`;
  } catch (e) {
    output.textContent = e instanceof Error ? e.message : String(e);
  }
}

/** The parameters that decide the findings: every layer's arguments and the input shape. */
const convKey = (request: { layers: AnalyzedLayer[] | ConvLayerJson[]; inputShape: number[] }) =>
  JSON.stringify([request.layers.map((l) => layerArgs(l as AnalyzedLayer)), request.inputShape]);

/** What the recognizer said about the layers, with each layer's filled-in defaults and their values. */
function convNotes(request: ConvRecognitionLike): HTMLElement | null {
  const defaults = request.layers.flatMap((layer, i) => {
    const names = Array.isArray(layer.defaultsUsed) ? (layer.defaultsUsed as string[]) : [];
    const values = names.filter((n) => n in layer).map((n) => `${n}=${JSON.stringify((layer as Record<string, unknown>)[n])}`);
    return values.length ? [`layer ${i + 1} (${layer.op}): ${values.join(', ')}`] : [];
  });
  return codeNotes('conv-code-notes', request, defaults, editedSinceCode(request, convKey(request)));
}

type ConvRecognitionLike = CodeFindings & { layers: AnalyzedLayer[]; inputShape: number[] };
