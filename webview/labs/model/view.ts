/**
 * The model view of the conv lab: a whole model (a class, a factory, an instantiation, a
 * Sequential) as a tree table in the spirit of torchinfo, with the named unknowns and the input
 * shape at the top (typing re-runs the analysis in the extension), warnings with links to their
 * lines, depth selection and tree-grid keys, totals, Copy as Markdown table, and a conv/pool
 * row's layer in the kernel view. The logic lives in ./table.ts; this file only draws.
 */
import { fullCount, humanUnits } from '../../../compute/count-format';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ModelRecognition } from '../../../compute/program/model-types';
import type { ConvLayerJson } from '../../../compute/conv/layer';
import { sourceLabel, type GivenValue, type ModelViewState } from '../../../shared/protocol';
import { h } from '../../dom';
import type { LabContext } from '../../lab-context';
import { mountKernelView, type KernelView } from '../conv/kernel-view';
import {
  COLUMNS,
  DEPTHS,
  flattenTree,
  focusPath,
  formatGiven,
  formatRf,
  formatShape,
  isExpanded,
  KERNEL_OPS,
  kernelLayer,
  markdownTable,
  moduleUri,
  parseGiven,
  parseInputShape,
  revealPath,
  treeKey,
  visibleRows,
  warningParts,
  type DepthLimit,
  type ModelRow,
} from './table';

type Valued = HTMLElement & { value: string };

/** The field that had the keyboard when a re-analysis was asked for (focused again after the redraw). */
let refocus: { id: string } | undefined;
let kernelView: KernelView | undefined;
/** Milliseconds after the last keystroke before a typed value is analyzed. */
const TYPING_PAUSE_MS = 500;
/** Warnings listed before "Show all". */
const WARNINGS_SHOWN = 5;

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
const SOURCE_TEXT: Record<ModelRecognition['inputShapeSource'], string> = {
  option: 'entered here',
  code: 'from the code',
  comment: 'from a comment in the code',
  assumed: 'assumed',
};

export function mountModelView(root: HTMLElement, context: LabContext, model: ModelRecognition): void {
  kernelView?.destroy();
  kernelView = undefined;
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
  const reanalyze = (values: Record<string, GivenValue>, inputShape: ModelInputShape, fieldId: string) => {
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
  const copy = h(
    'vscode-button',
    { id: 'model-copy-md', secondary: true, title: 'Copy the rows shown (at this depth) as a Markdown table' },
    'Copy as Markdown table',
  );
  copy.addEventListener('click', () => context.copyText(markdownTable(visibleRows(rows, view.depth, view.toggled), model), 'the model table as Markdown'));
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

  // ---- unknowns (and the values given before, which are no longer unknown)
  const given = inputs?.values ?? {};
  const names = [
    ...new Map([
      ...model.unknowns.map((u) => [u.name, u] as const),
      ...Object.keys(given)
        .filter((n) => !model.unknowns.some((u) => u.name === n))
        .map((n) => [n, undefined] as const),
    ]).entries(),
  ];
  const unknownRows = names.map(([name, unknown]) => {
    // By name: the field keeps its id (and the focus) when its value moves it from unknown to given.
    const id = `model-unknown-${name.replace(/\W/g, '_')}`;
    const field = h('vscode-textfield', {
      id,
      'data-name': name,
      value: name in given ? formatGiven(given[name]) : '',
      placeholder: unknown ? 'value' : '',
      'aria-label': `Value of ${name}`,
      ...(inputs ? {} : { disabled: true }),
    }) as Valued;
    const fieldError = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' });
    field.setAttribute('aria-describedby', `${id}-error`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const submit = () => {
      clearTimeout(timer);
      const text = field.value.trim();
      const values = { ...given };
      if (text === '') {
        if (!(name in given)) return;
        delete values[name];
      } else {
        const parsed = parseGiven(text);
        if (typeof parsed === 'object' && !Array.isArray(parsed)) {
          fieldError.textContent = parsed.error;
          return;
        }
        if (JSON.stringify(parsed) === JSON.stringify(given[name])) return;
        values[name] = parsed;
      }
      fieldError.textContent = '';
      reanalyze(values, inputs?.inputShape, id);
    };
    field.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(submit, TYPING_PAUSE_MS);
    });
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') submit();
    });
    return h(
      'div',
      { class: 'model-unknown', role: 'group', 'aria-label': name },
      h('label', { for: id }, h('code', {}, name)),
      field,
      h(
        'span',
        { class: 'model-unknown-where' },
        unknown ? unknown.where : 'given (no longer unknown; empty the field to forget it)',
        ' ',
        unknown ? lineLink(unknown.line) : null,
      ),
      fieldError,
    );
  });
  const unknownsSection = names.length
    ? h(
        'section',
        { id: 'model-unknowns', class: 'model-unknowns', 'aria-label': 'Values the code leaves open' },
        h('h2', {}, 'Values the code leaves open'),
        h(
          'p',
          { class: 'notice' },
          inputs ? 'Type a value and the model is analyzed again; values are remembered for this file.' : 'Run Analyze model again to give these values.',
        ),
        ...unknownRows,
      )
    : null;

  // ---- the input shape
  const shapeField = h('vscode-textfield', {
    id: 'model-input-shape',
    value: model.inputShape.join(', '),
    'aria-label': 'Input shape',
    ...(inputs ? {} : { disabled: true }),
  }) as Valued;
  const shapeError = h('span', { class: 'field-error', id: 'model-input-shape-error', role: 'alert' });
  shapeField.setAttribute('aria-describedby', 'model-input-shape-error');
  let shapeTimer: ReturnType<typeof setTimeout> | undefined;
  const submitShape = () => {
    clearTimeout(shapeTimer);
    const parsed = parseInputShape(shapeField.value);
    if (!Array.isArray(parsed)) {
      shapeError.textContent = parsed.error;
      return;
    }
    shapeError.textContent = '';
    if (JSON.stringify(parsed) === JSON.stringify(model.inputShape)) return;
    reanalyze(given, parsed, 'model-input-shape');
  };
  shapeField.addEventListener('input', () => {
    clearTimeout(shapeTimer);
    shapeTimer = setTimeout(submitShape, TYPING_PAUSE_MS);
  });
  shapeField.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') submitShape();
  });
  const inputRow = h(
    'div',
    { class: 'controls' },
    h('label', { for: 'model-input-shape' }, 'Input shape'),
    shapeField,
    model.inputShapeAssumed
      ? h('vscode-badge', { id: 'model-input-assumed', title: 'Not found in the code; edit it here' }, 'assumed')
      : h('span', { class: 'source' }, SOURCE_TEXT[model.inputShapeSource] ?? ''),
    shapeError,
  );

  // ---- summary
  const perSample = model.inputShape[0] === 'N';
  const fact = (label: string, value: string, title: string, id: string) =>
    h('div', { class: 'fact', title }, h('span', { class: 'label' }, label), h('span', { class: 'value', id }, value));
  const summary = h(
    'div',
    { class: 'facts model-facts' },
    fact('Parameters', humanUnits(model.totals.params), fullCount(model.totals.params), 'model-total-params'),
    fact('Trainable', humanUnits(model.totals.trainableParams), fullCount(model.totals.trainableParams), 'model-total-trainable'),
    fact(perSample ? 'MACs per sample' : 'MACs', humanUnits(model.totals.macs), `${fullCount(model.totals.macs)} multiply-accumulates`, 'model-total-macs'),
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

  // ---- depth selector and the table
  const depthGroup = h(
    'vscode-radio-group',
    { id: 'model-depth', 'aria-label': 'Depth shown' },
    ...DEPTHS.map((d) =>
      h(
        'vscode-radio',
        {
          id: `model-depth-${d}`,
          name: 'model-depth',
          value: String(d),
          label: d === 'all' ? 'All' : String(d),
          ...(view.depth === d ? { checked: true } : {}),
        },
        d === 'all' ? 'All' : String(d),
      ),
    ),
  );
  depthGroup.addEventListener('change', (e) => {
    const value = (e.target as Valued).value;
    const depth = (value === 'all' ? 'all' : Number(value)) as DepthLimit;
    if (!DEPTHS.includes(depth)) return;
    save({ depth, toggled: {} });
    drawBody();
  });
  const toolbar = h(
    'div',
    { class: 'controls model-toolbar' },
    h('span', { class: 'label', id: 'model-depth-label' }, 'Depth'),
    depthGroup,
    copy,
    h('span', { class: 'model-keys notice' }, '↑↓ move · ←→ fold · Enter: show the line · K: kernel view'),
  );
  depthGroup.setAttribute('aria-labelledby', 'model-depth-label');

  const tbody = h('tbody', {});
  const t = model.totals;
  const table = h(
    'table',
    { id: 'model-table', class: 'model-table', role: 'treegrid', 'aria-label': `Modules of ${model.tree.type}`, 'aria-readonly': 'true' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...COLUMNS.map((c, i) => h('th', { scope: 'col', class: i >= 4 ? 'num' : '' }, c)),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Kernel view')),
      ),
    ),
    tbody,
    h(
      'tfoot',
      {},
      h(
        'tr',
        { id: 'model-totals' },
        h('th', { scope: 'row' }, 'Total'),
        h('td', {}, ''),
        h('td', { class: 'shape' }, formatShape(model.inputShape)),
        h('td', { class: 'shape' }, formatShape(model.tree.outShape)),
        h('td', { class: 'num', title: fullCount(t.params) }, fullCount(t.params)),
        h('td', { class: 'num' }, fullCount(t.trainableParams)),
        h('td', { class: 'num', title: `${fullCount(t.macs)} multiply-accumulates` }, humanUnits(t.macs)),
        h('td', {}, ''),
        h('td', {}, ''),
        h('td', {}, ''),
      ),
    ),
  );
  let active = focused ?? '';
  let visible: ModelRow[] = [];

  const kernelSection = h('section', { id: 'model-kernel', class: 'conv-kernel' });
  const openKernel = (row: ModelRow, scroll: boolean) => {
    kernelView?.destroy();
    kernelView = undefined;
    if (!row.layer) return;
    const made = kernelLayer(row.layer);
    const close = h('vscode-button', { id: 'model-kernel-close', secondary: true }, 'Close');
    close.addEventListener('click', () => {
      kernelView?.destroy();
      kernelView = undefined;
      kernelSection.replaceChildren();
      save({ kernel: undefined });
    });
    const title = h('header', {}, h('h2', {}, `Kernel view: `, h('code', {}, row.path), ` (${row.type}) on ${formatShape(row.layer.inShape)}`), close);
    if ('error' in made) {
      kernelSection.replaceChildren(title, h('p', { class: 'error' }, made.error));
    } else {
      const host = h('div', { class: 'kv-host' });
      kernelSection.replaceChildren(title, host);
      try {
        kernelView = mountKernelView(host, { layer: made.layer as ConvLayerJson, inputShape: made.inputShape });
      } catch (e) {
        host.replaceChildren(h('p', { class: 'error' }, e instanceof Error ? e.message : String(e)));
      }
    }
    save({ kernel: row.path });
    if (scroll) kernelSection.scrollIntoView({ block: 'start' });
  };

  /** The index of a row in the visible list now (rows above it may have been opened or folded). */
  const indexOf = (row: ModelRow) => visible.findIndex((r) => r.path === row.path);

  const rowElement = (row: ModelRow) => {
    const rf = formatRf(row.receptiveField);
    const open = row.hasChildren && isExpanded(row, view.depth, view.toggled);
    const toggle = row.hasChildren ? h('span', { class: 'model-toggle', 'aria-hidden': 'true' }, open ? '▾' : '▸') : h('span', { class: 'model-toggle' }, '');
    const kernel =
      row.layer && KERNEL_OPS.test(row.layer.op)
        ? h('button', { type: 'button', class: 'model-kernel-button', tabindex: '-1', title: `Open ${row.path} in the kernel view (K)` }, 'Kernel view')
        : null;
    const tr = h(
      'tr',
      {
        role: 'row',
        'data-path': row.path,
        'aria-level': String(row.depth + 1),
        tabindex: row.path === active ? '0' : '-1',
        class: `${row.path === focused ? 'model-focus' : ''}${row.depth === 0 ? ' model-root' : ''}`.trim(),
        ...(row.hasChildren ? { 'aria-expanded': open ? 'true' : 'false' } : {}),
        title: row.line ? `${row.path || row.type}: line ${row.line}` : '',
      },
      h(
        'td',
        { role: 'gridcell', class: 'model-name' },
        indented(
          row.depth,
          toggle,
          row.depth === 0 ? h('strong', {}, row.label) : row.label,
          row.calls > 1
            ? h('span', { class: 'model-calls', title: `called ${row.calls} times; shapes are of the first call, MACs of all` }, ` ×${row.calls}`)
            : null,
        ),
      ),
      h('td', { role: 'gridcell' }, row.type),
      h('td', { role: 'gridcell', class: 'shape' }, formatShape(row.inShape)),
      h('td', { role: 'gridcell', class: 'shape' }, formatShape(row.outShape)),
      h('td', { role: 'gridcell', class: 'num' }, fullCount(row.params)),
      h('td', { role: 'gridcell', class: 'num' }, fullCount(row.trainableParams)),
      h(
        'td',
        { role: 'gridcell', class: 'num', title: row.macs === null ? 'needs an unknown' : `${fullCount(row.macs)} multiply-accumulates` },
        humanUnits(row.macs),
      ),
      h('td', { role: 'gridcell', class: 'num' }, rf.size),
      h('td', { role: 'gridcell', class: 'num' }, rf.jump),
      h('td', { role: 'gridcell' }, kernel),
    );
    if (row.calls === 0) tr.classList.add('model-unused');
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      const changedAt = performance.now();
      setActive(indexOf(row), false);
      save({ toggled: { ...view.toggled, [row.path]: !open } });
      drawBody(undefined, changedAt);
    });
    kernel?.addEventListener('click', (e) => {
      e.stopPropagation();
      setActive(indexOf(row), false);
      openKernel(row, true);
    });
    tr.addEventListener('click', () => {
      setActive(indexOf(row), false);
      jump(row.line, row.file);
    });
    return tr;
  };

  /**
   * Row elements by path and open state, kept for the life of this view: opening or folding a row
   * inserts or removes the rows that change and moves nothing else (ResNet-50 has 300+ rows).
   */
  const rowCache = new Map<string, HTMLElement>();
  const cachedRow = (row: ModelRow): HTMLElement => {
    const key = `${row.path}\u0000${row.hasChildren && isExpanded(row, view.depth, view.toggled)}`;
    let tr = rowCache.get(key);
    if (!tr) rowCache.set(key, (tr = rowElement(row)));
    return tr;
  };

  const setActive = (index: number, focus: boolean) => {
    const row = visible[index];
    if (!row) return;
    active = row.path;
    for (const tr of tbody.querySelectorAll('tr')) tr.setAttribute('tabindex', tr.dataset.path === active ? '0' : '-1');
    const tr = tbody.querySelector<HTMLElement>(`tr[data-path="${CSS.escape(active)}"]`);
    if (focus) tr?.focus();
  };

  const drawBody = (focusActive = tbody.contains(document.activeElement), changedAt?: number) => {
    visible = visibleRows(rows, view.depth, view.toggled);
    // The active row may have been folded away: its nearest visible ancestor takes over.
    if (!visible.some((r) => r.path === active)) {
      const byPath = new Map(rows.map((r) => [r.path, r]));
      let p: string | undefined = active;
      while (p !== undefined && !visible.some((r) => r.path === p)) p = byPath.get(p)?.parent;
      active = p ?? '';
    }
    // Reconcile in place: keep the rows that stay, insert the new ones, drop the rest.
    let child = tbody.firstElementChild;
    for (const tr of visible.map(cachedRow)) {
      if (child === tr) child = child.nextElementSibling;
      else tbody.insertBefore(tr, child);
    }
    while (child) {
      const next = child.nextElementSibling;
      child.remove();
      child = next;
    }
    for (const tr of tbody.children) {
      const tab = (tr as HTMLElement).dataset.path === active ? '0' : '-1';
      if (tr.getAttribute('tabindex') !== tab) tr.setAttribute('tabindex', tab);
    }
    if (focusActive) tbody.querySelector<HTMLElement>(`tr[data-path="${CSS.escape(active)}"]`)?.focus();
    // Open/fold → next drawn frame, for the e2e frame-time report.
    if (changedAt !== undefined) {
      requestAnimationFrame(() => {
        tbody.dataset.toggleFrameMs = (performance.now() - changedAt).toFixed(1);
        tbody.dataset.toggles = String(Number(tbody.dataset.toggles ?? 0) + 1);
      });
    }
  };

  tbody.addEventListener('keydown', (e) => {
    const index = visible.findIndex((r) => r.path === active);
    const action = treeKey(visible, index, e.key, view.depth, view.toggled);
    if (!action) return;
    e.preventDefault();
    if ('focus' in action) setActive(action.focus, true);
    else if ('toggle' in action) {
      const changedAt = performance.now();
      save({ toggled: { ...view.toggled, [action.toggle]: action.open } });
      drawBody(true, changedAt);
    } else if ('jump' in action) jump(visible[action.jump].line, visible[action.jump].file);
    else openKernel(visible[action.kernel], true);
  });
  tbody.addEventListener('focusin', (e) => {
    const path = (e.target as HTMLElement).closest('tr')?.dataset.path;
    if (path !== undefined && path !== active)
      setActive(
        visible.findIndex((r) => r.path === path),
        false,
      );
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
    unknownsSection ?? '',
    inputRow,
    summary,
    warnings ?? '',
    focusNote ?? '',
    toolbar,
    h('div', { class: 'model-table-wrap' }, table),
    notes ?? '',
    kernelSection,
  );
  drawBody(false);

  if (view.kernel !== undefined) {
    const row = rows.find((r) => r.path === view.kernel);
    if (row?.layer) openKernel(row, false);
  }
  if (focused !== undefined) {
    const tr = tbody.querySelector<HTMLElement>(`tr[data-path="${CSS.escape(focused)}"]`);
    requestAnimationFrame(() => tr?.scrollIntoView({ block: 'center' }));
  }
  if (refocus) {
    // The field is a custom element: focus it once it has drawn its input.
    const field = root.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`#${CSS.escape(refocus.id)}`);
    refocus = undefined;
    void Promise.resolve(field?.updateComplete).then(() => field?.focus());
  }
}

type ModelInputShape = (number | string)[] | undefined;

/** The name cell's content indented by depth (through the CSSOM: the CSP forbids style attributes). */
function indented(depth: number, ...children: (Node | string | null)[]): HTMLElement {
  const span = h('span', { class: 'model-indent' }, ...children);
  span.style.paddingLeft = `${depth * 1.1}em`;
  return span;
}
