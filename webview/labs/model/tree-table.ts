/**
 * The model view's tree table (a treegrid in the spirit of torchinfo) and its toolbar: depth,
 * Copy as Markdown table, and the tree-grid keys (↑↓ move, ←→ fold, Enter shows the line, K the
 * kernel view). Rows are kept by path and open state, so opening or folding a row inserts or
 * removes only the rows that change.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import { fullCount, humanUnits } from '../../../compute/count-format';
import type { ModelRecognition } from '../../../compute/program/model-types';
import type { ModelViewState } from '../../../shared/protocol';
import { h } from '../../dom';
import type { Valued } from './fields';
import { COLUMNS, DEPTHS, formatRf, formatShape, isExpanded, KERNEL_OPS, markdownTable, treeKey, visibleRows, type DepthLimit, type ModelRow } from './table';

export interface TreeTableOptions {
  model: ModelRecognition;
  rows: ModelRow[];
  /** The selected layer's path, highlighted (and active at first). */
  focused: string | undefined;
  /** The depth and the rows opened or folded by hand, saved with the webview's state. */
  view(): ModelViewState;
  save(next: Partial<ModelViewState>): void;
  /** Show a line in the editor. */
  jump(line: number, file?: string): void;
  openKernel(row: ModelRow, scroll: boolean): void;
  copyText(text: string, what: string): void;
}

export interface TreeTable {
  toolbar: HTMLElement;
  table: HTMLElement;
  /** Draw the visible rows; `focusActive` puts the keyboard on the active row. */
  drawBody(focusActive?: boolean, changedAt?: number): void;
  /** The row element of a path, once drawn. */
  rowOf(path: string): HTMLElement | null;
}

export function treeTable(o: TreeTableOptions): TreeTable {
  const { model, rows, focused } = o;
  const tbody = h('tbody', {});
  const rowOf = (path: string) => tbody.querySelector<HTMLElement>(`tr[data-path="${CSS.escape(path)}"]`);
  let active = focused ?? '';
  let visible: ModelRow[] = [];

  // ---- toolbar
  const copy = h(
    'vscode-button',
    { id: 'model-copy-md', secondary: true, title: 'Copy the rows shown (at this depth) as a Markdown table' },
    'Copy as Markdown table',
  );
  copy.addEventListener('click', () => o.copyText(markdownTable(visibleRows(rows, o.view().depth, o.view().toggled), model), 'the model table as Markdown'));
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
          ...(o.view().depth === d ? { checked: true } : {}),
        },
        d === 'all' ? 'All' : String(d),
      ),
    ),
  );
  depthGroup.addEventListener('change', (e) => {
    const value = (e.target as Valued).value;
    const depth = (value === 'all' ? 'all' : Number(value)) as DepthLimit;
    if (!DEPTHS.includes(depth)) return;
    o.save({ depth, toggled: {} });
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

  // ---- the table
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

  /** The index of a row in the visible list now (rows above it may have been opened or folded). */
  const indexOf = (row: ModelRow) => visible.findIndex((r) => r.path === row.path);

  const rowElement = (row: ModelRow) => {
    const { depth, toggled } = o.view();
    const rf = formatRf(row.receptiveField);
    const open = row.hasChildren && isExpanded(row, depth, toggled);
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
      o.save({ toggled: { ...o.view().toggled, [row.path]: !open } });
      drawBody(undefined, changedAt);
    });
    kernel?.addEventListener('click', (e) => {
      e.stopPropagation();
      setActive(indexOf(row), false);
      o.openKernel(row, true);
    });
    tr.addEventListener('click', () => {
      setActive(indexOf(row), false);
      o.jump(row.line, row.file);
    });
    return tr;
  };

  /**
   * Row elements by path and open state, kept for the life of this view: opening or folding a row
   * inserts or removes the rows that change and moves nothing else (ResNet-50 has 300+ rows).
   */
  const rowCache = new Map<string, HTMLElement>();
  const cachedRow = (row: ModelRow): HTMLElement => {
    const key = `${row.path}\u0000${row.hasChildren && isExpanded(row, o.view().depth, o.view().toggled)}`;
    let tr = rowCache.get(key);
    if (!tr) rowCache.set(key, (tr = rowElement(row)));
    return tr;
  };

  const setActive = (index: number, focus: boolean) => {
    const row = visible[index];
    if (!row) return;
    active = row.path;
    for (const tr of tbody.querySelectorAll('tr')) tr.setAttribute('tabindex', tr.dataset.path === active ? '0' : '-1');
    if (focus) rowOf(active)?.focus();
  };

  const drawBody = (focusActive = tbody.contains(document.activeElement), changedAt?: number) => {
    visible = visibleRows(rows, o.view().depth, o.view().toggled);
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
    if (focusActive) rowOf(active)?.focus();
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
    const action = treeKey(visible, index, e.key, o.view().depth, o.view().toggled);
    if (!action) return;
    e.preventDefault();
    if ('focus' in action) setActive(action.focus, true);
    else if ('toggle' in action) {
      const changedAt = performance.now();
      o.save({ toggled: { ...o.view().toggled, [action.toggle]: action.open } });
      drawBody(true, changedAt);
    } else if ('jump' in action) o.jump(visible[action.jump].line, visible[action.jump].file);
    else o.openKernel(visible[action.kernel], true);
  });
  tbody.addEventListener('focusin', (e) => {
    const path = (e.target as HTMLElement).closest('tr')?.dataset.path;
    if (path !== undefined && path !== active)
      setActive(
        visible.findIndex((r) => r.path === path),
        false,
      );
  });

  return { toolbar, table, drawBody, rowOf };
}

/** The name cell's content indented by depth (through the CSSOM: the CSP forbids style attributes). */
function indented(depth: number, ...children: (Node | string | null)[]): HTMLElement {
  const span = h('span', { class: 'model-indent' }, ...children);
  span.style.paddingLeft = `${depth * 1.1}em`;
  return span;
}
