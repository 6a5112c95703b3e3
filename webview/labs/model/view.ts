/**
 * The model view of the conv lab: a whole model (a class, a factory, an instantiation, a
 * Sequential) as a tree table in the spirit of torchinfo, with the named unknowns and the input
 * shape at the top (typing re-runs the analysis in the extension), warnings with links to their
 * lines, depth selection and tree-grid keys, totals, Copy as Markdown table, and a conv/pool
 * row's layer in the kernel view. The logic lives in ./table.ts; this file lays the view out from
 * its parts: fields.ts (unknowns, input shape), tree-table.ts, kernel-panel.ts.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { fullCount, humanUnits } from '../../../compute/count-format';
import type { ModelRecognition } from '../../../compute/program/model-types';
import { sourceLabel, type ModelViewState } from '../../../shared/protocol';
import { h } from '../../dom';
import type { LabContext } from '../../lab-context';
import { inputShapeRow, unknownsSection, type Reanalyze } from './fields';
import { kernelPanel } from './kernel-panel';
import { flattenTree, focusPath, formatShape, moduleUri, revealPath, warningParts } from './table';
import { treeTable } from './tree-table';

/** The field that had the keyboard when a re-analysis was asked for (focused again after the redraw). */
let refocus: { id: string } | undefined;
/** Warnings listed before "Show all". */
const WARNINGS_SHOWN = 5;

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

export function mountModelView(root: HTMLElement, context: LabContext, model: ModelRecognition): void {
  const inputs = context.state.model;
  const fileUri = inputs?.selection.uri ?? context.state.sources?.conv?.uri;
  const key = `${model.tree.type}|${model.boundBy?.call ?? model.model.name}`;
  const rows = flattenTree(model);
  const focused = focusPath(model);
  let view: ModelViewState = context.state.modelView?.key === key ? context.state.modelView : { key, depth: 2, toggled: {} };
  if (focused !== undefined) view = { ...view, toggled: revealPath(rows, focused, view.toggled) };
  const save = (next: Partial<ModelViewState>) => {
    view = { ...view, ...next };
    context.save({ ...context.state, modelView: view });
  };
  if (context.state.modelView !== view) save({});

  const error = h('p', { id: 'model-error', class: 'error', role: 'alert' });
  const status = h('span', { id: 'model-status', class: 'model-status', 'aria-live': 'polite' });
  context.onModelError((message) => {
    error.textContent = message;
    status.textContent = '';
  });

  /** Analyze again with other values or another input shape (the extension answers with a new model). */
  const reanalyze: Reanalyze = (values, inputShape, fieldId) => {
    if (!inputs) return;
    refocus = { id: fieldId };
    error.textContent = '';
    status.textContent = 'analyzing…';
    context.analyzeModel({ selection: inputs.selection, values, ...(inputShape ? { inputShape } : {}) });
  };
  const jump = (line: number, file?: string) => {
    if (fileUri && line > 0) context.revealLine(moduleUri(fileUri, file), line);
  };
  const lineLink = (line: number, label = `line ${line}`) => {
    const link = h('a', { href: '#', class: 'model-line', title: `Show line ${line} in the editor` }, label);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      jump(line);
    });
    return link;
  };

  // ---- header and the partial banner
  const origin = model.boundBy ? `built by ${model.boundBy.call}` : `class ${model.model.name}`;
  // A notebook cell's URI names no file a person reads: the extension labels it (`model.ipynb, cell 2, line 5`).
  const labelled = context.state.sources?.conv?.label ? sourceLabel(context.state.sources.conv) : undefined;
  const where = labelled ?? (fileUri ? `${fileName(fileUri)}:${model.boundBy?.line || model.model.line}` : '');
  const header = h('header', {}, h('h1', {}, `Model: ${model.tree.type}`), h('span', { class: 'source' }, `${origin}${where ? ` · ${where}` : ''}`), status);
  const partial = model.partial
    ? h(
        'div',
        { id: 'model-partial', class: 'model-partial', role: 'status' },
        h('strong', {}, 'Partial answer'),
        ` — ${[model.warnings.length ? `${model.warnings.length} warning${model.warnings.length === 1 ? '' : 's'}` : '', model.unknowns.length ? `${model.unknowns.length} unknown${model.unknowns.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')}: some of the model is missing from these numbers.${model.unknowns.length ? ' Give the unknowns a value below.' : ''}`,
      )
    : null;

  const unknowns = unknownsSection(model, inputs, reanalyze, lineLink);
  const inputRow = inputShapeRow(model, inputs, reanalyze);

  // ---- summary
  // MACs are per sample for a symbolic batch, and for the whole batch when the input fixes one.
  const batch = model.inputShape[0];
  const macsLabel = batch === 'N' ? 'MACs per sample' : typeof batch === 'number' && batch > 1 ? `MACs (batch of ${batch})` : 'MACs';
  const fact = (label: string, value: string, title: string, id: string) =>
    h('div', { class: 'fact', title }, h('span', { class: 'label' }, label), h('span', { class: 'value', id }, value));
  const summary = h(
    'div',
    { class: 'facts model-facts' },
    fact('Parameters', humanUnits(model.totals.params), fullCount(model.totals.params), 'model-total-params'),
    fact('Trainable', humanUnits(model.totals.trainableParams), fullCount(model.totals.trainableParams), 'model-total-trainable'),
    fact(macsLabel, humanUnits(model.totals.macs), `${fullCount(model.totals.macs)} multiply-accumulates`, 'model-total-macs'),
    fact('Output', formatShape(model.tree.outShape), 'Output of the traced forward pass', 'model-output-shape'),
    fact('Layer calls', String(model.layers.length), 'Calls of built-in layers and functional operations, in execution order', 'model-layer-calls'),
  );

  // ---- warnings: the first few, and the rest a click away
  const warningItem = (w: string) => {
    const { line, text } = warningParts(w);
    return h(
      'li',
      { class: 'code-warning' },
      h('span', { class: 'code-warning-mark', 'aria-hidden': 'true' }, '⚠ '),
      h('span', { class: 'visually-hidden' }, 'Warning: '),
      line ? lineLink(line) : null,
      line ? ': ' : '',
      text,
    );
  };
  const shownWarnings = model.warnings.length > WARNINGS_SHOWN + 1 ? WARNINGS_SHOWN : model.warnings.length;
  const warningList = h('ul', { class: 'code-warnings', id: 'model-warning-list' }, ...model.warnings.slice(0, shownWarnings).map(warningItem));
  const more =
    shownWarnings < model.warnings.length
      ? h('vscode-button', { id: 'model-warnings-more', secondary: true }, `Show all ${model.warnings.length} warnings`)
      : null;
  more?.addEventListener('click', () => {
    warningList.append(...model.warnings.slice(shownWarnings).map(warningItem));
    more.remove();
  });
  const warnings = model.warnings.length
    ? h(
        'section',
        { id: 'model-warnings', class: 'code-notes', 'aria-label': 'Warnings' },
        h('h2', {}, `Warnings (${model.warnings.length})`),
        warningList,
        more,
      )
    : null;

  // ---- the table and the kernel panel
  const kernel = kernelPanel((path) => save({ kernel: path }));
  const tree = treeTable({
    model,
    rows,
    focused,
    view: () => view,
    save,
    jump,
    openKernel: kernel.open,
    copyText: (text, what) => context.copyText(text, what),
  });

  const notes = model.notes.length
    ? h('section', { id: 'model-notes', class: 'code-notes' }, h('h2', {}, 'Notes'), h('ul', { class: 'code-info' }, ...model.notes.map((n) => h('li', {}, n))))
    : null;
  const focusNote =
    focused !== undefined && model.focus
      ? h(
          'p',
          { id: 'model-focus-note', class: 'notice' },
          'The selected layer is ',
          h('code', {}, focused),
          model.focus.instances > 1 ? ` (the first of ${model.focus.instances} instances in execution order)` : '',
          ', highlighted below.',
        )
      : null;

  root.append(
    header,
    partial ?? '',
    error,
    unknowns ?? '',
    inputRow,
    summary,
    warnings ?? '',
    focusNote ?? '',
    tree.toolbar,
    h('div', { class: 'model-table-wrap' }, tree.table),
    notes ?? '',
    kernel.section,
  );
  tree.drawBody(false);

  if (view.kernel !== undefined) {
    const row = rows.find((r) => r.path === view.kernel);
    if (row?.layer) kernel.open(row, false);
  }
  if (focused !== undefined) {
    const tr = tree.rowOf(focused);
    requestAnimationFrame(() => tr?.scrollIntoView({ block: 'center' }));
  }
  if (refocus) {
    // The field is a custom element: focus it once it has drawn its input.
    const field = root.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`#${CSS.escape(refocus.id)}`);
    refocus = undefined;
    void Promise.resolve(field?.updateComplete).then(() => field?.focus());
  }
}
