/**
 * The conv lab's animated kernel view: the kernel sliding over the (padded) input of one layer on
 * a small example with real, editable numbers. The padded input, the kernel and the output are
 * grids of cells; the current output position is played, stepped or scrubbed; hovering or
 * focusing an output highlights the input cells it reads, hovering an input highlights the
 * outputs that read it; the current sum is written out as an equation.
 *
 * Transposed convolutions are shown as the equivalent stride-1 convolution over the input with
 * zeros inserted between samples (cells marked apart from padding) and the kernel flipped.
 *
 * What is shown comes from kernel-model.ts (pure, tested in Node). This file keeps one set of
 * elements for the life of the view and patches them: an edit of the layer (`update`) or of a
 * number changes the text, classes and count of the cells that changed, and nothing else, so the
 * browser re-lays out only those. Cells listen through their grid (event delegation), so a cell
 * element can be reused for any index.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ConvLayerJson } from '../../../compute/conv/layer';
import { h } from '../../dom';
import { createKernelModel, parseValue, type CellSpec, type KernelModel, type KernelViewValues } from './kernel-model';

export { formatValue, parseValue, type KernelViewValues } from './kernel-model';

export interface KernelViewOptions {
  /** The layer, PyTorch argument names (the lab's `layers[i]` without the analysis fields). */
  layer: ConvLayerJson;
  /** The lab's input shape (N, C, …); the view shows a small example shaped like it. */
  inputShape?: number[];
  /** Saved numbers; ignored (and regenerated from the seed) when they do not fit the example. */
  values?: KernelViewValues;
  /** Called after every edit with the numbers to save. */
  onValuesChange?(values: KernelViewValues): void;
  /** Milliseconds per output position while playing (default 700). */
  intervalMs?: number;
}

export interface KernelView {
  element: HTMLElement;
  /** Show another layer (or the same layer with other arguments) in the same elements. */
  update(options: KernelViewOptions): void;
  /** Stop playing and remove the view. */
  destroy(): void;
}

type Target = 'input' | 'kernel' | 'bias';

/** A grid of cells kept across updates: elements are reused by index. */
interface Grid {
  element: HTMLElement;
  cells: HTMLElement[];
  specs: CellSpec[];
  cols: number;
  /** The cell that is tabbable (roving tabindex). */
  focus: number;
}

function makeGrid(id: string, label: string, className: string): Grid {
  return { element: h('div', { class: `kv-grid ${className}`, role: 'grid', id, 'aria-label': label }), cells: [], specs: [], cols: 0, focus: 0 };
}

/** Match the grid's cell elements to `specs` (adding or removing at the end) and set the columns. */
function fillGrid(grid: Grid, specs: CellSpec[], cols: number, editing: HTMLElement | undefined): void {
  if (grid.cols !== cols) {
    // CSSOM, not a style attribute: the webview CSP forbids inline style attributes.
    grid.element.style.gridTemplateColumns = `repeat(${cols}, minmax(2.4em, max-content))`;
    grid.cols = cols;
  }
  while (grid.cells.length > specs.length) grid.cells.pop()!.remove();
  const added: HTMLElement[] = [];
  while (grid.cells.length + added.length < specs.length) {
    const cell = h('div', { role: 'gridcell', 'data-index': String(grid.cells.length + added.length) });
    added.push(cell);
  }
  if (added.length) {
    grid.element.append(...added);
    grid.cells.push(...added);
  }
  grid.specs = specs;
  grid.focus = Math.min(grid.focus, Math.max(0, specs.length - 1));
  specs.forEach((spec, i) => {
    const cell = grid.cells[i];
    if (cell === editing) return;
    if (cell.textContent !== spec.text) cell.textContent = spec.text;
    if (cell.getAttribute('aria-label') !== spec.label) cell.setAttribute('aria-label', spec.label);
    const tab = i === grid.focus ? '0' : '-1';
    if (cell.getAttribute('tabindex') !== tab) cell.setAttribute('tabindex', tab);
  });
}

/** Set each cell's class: its kind plus the highlight classes `extra(i)` gives; only changed ones are written. */
function paintGrid(grid: Grid, extra: (i: number) => string): void {
  grid.specs.forEach((spec, i) => {
    const more = extra(i);
    const name = more ? `kv-cell kv-${spec.kind} ${more}` : `kv-cell kv-${spec.kind}`;
    if (grid.cells[i].className !== name) grid.cells[i].className = name;
  });
}

/** The cell index of an event inside a grid, or undefined. */
function cellIndex(grid: Grid, event: Event): number | undefined {
  const cell = (event.target as HTMLElement | null)?.closest?.('[data-index]') as HTMLElement | null;
  if (!cell || cell.parentElement !== grid.element) return undefined;
  const i = Number(cell.dataset.index);
  return i < grid.specs.length ? i : undefined;
}

/** Roving focus: the arrow keys, Home and End within a grid of `cols` columns. */
function moveFocus(count: number, cols: number, from: number, key: string): number | undefined {
  const rows = Math.ceil(count / cols);
  let r = Math.floor(from / cols);
  let c = from % cols;
  if (key === 'ArrowLeft') c = Math.max(0, c - 1);
  else if (key === 'ArrowRight') c = Math.min(cols - 1, c + 1);
  else if (key === 'ArrowUp') r = Math.max(0, r - 1);
  else if (key === 'ArrowDown') r = Math.min(rows - 1, r + 1);
  else if (key === 'Home') [r, c] = [0, 0];
  else if (key === 'End') [r, c] = [rows - 1, cols - 1];
  else return undefined;
  return Math.min(count - 1, r * cols + c);
}

function focusCell(grid: Grid, i: number): void {
  grid.cells[grid.focus]?.setAttribute('tabindex', '-1');
  grid.focus = i;
  grid.cells[i]?.setAttribute('tabindex', '0');
  grid.cells[i]?.focus();
}

export function mountKernelView(container: HTMLElement, initial: KernelViewOptions): KernelView {
  let options = initial;
  const root = h('section', { class: 'kv', 'aria-label': 'Kernel sliding over the input' });
  container.append(root);
  const unavailable = h('p', { class: 'notice', id: 'kv-unavailable', hidden: true });
  const error = h('p', { class: 'error kv-error', role: 'alert', id: 'kv-error' });
  const description = h('p', { class: 'notice kv-description', id: 'kv-description' });
  const legend = h('ul', { class: 'kv-legend', 'aria-label': 'Legend' });
  const outSelect = h('select', { id: 'kv-out-channel', 'aria-label': 'Output channel' });
  const inSelect = h('select', { id: 'kv-in-channel', 'aria-label': 'Input channel shown' });
  const outLabel = h('label', { for: 'kv-out-channel' });
  const inLabel = h('label', { for: 'kv-in-channel' }, 'Input channel shown');
  const channelNote = h('span', { class: 'kv-channel-note', id: 'kv-channel-note' });
  const channelControls = h('div', { class: 'kv-channels controls' }, outLabel, outSelect, inLabel, inSelect, channelNote);
  const back = h('vscode-button', { id: 'kv-step-back', secondary: true, 'aria-label': 'Previous output position' }, '‹ Back');
  const play = h('vscode-button', { id: 'kv-play', secondary: true, 'aria-label': 'Play' }, '▶ Play');
  const forward = h('vscode-button', { id: 'kv-step-forward', secondary: true, 'aria-label': 'Next output position' }, 'Step ›');
  const range = h('input', { type: 'range', id: 'kv-position', min: '0', max: '0', step: '1', value: '0', class: 'scrubber' });
  const readout = h('output', { id: 'kv-position-text', for: 'kv-position', class: 'scrubber-text' });
  const input = makeGrid('kv-input', 'Padded input', 'kv-input-grid');
  const kernel = makeGrid('kv-kernel', 'Kernel', 'kv-kernel-grid');
  const output = makeGrid('kv-output', 'Output (arrow keys move the current position, Space plays)', 'kv-output-grid');
  const biasBox = h('div', { class: 'kv-bias' });
  const biasCell = h('div', { class: 'kv-cell kv-weight', tabindex: '0', role: 'button', id: 'kv-bias' });
  const noBias = h('span', { class: 'notice' }, 'no bias');
  biasBox.append(h('span', { class: 'label' }, 'bias '), biasCell);
  const inputTitle = h('h3', {});
  const kernelTitle = h('h3', {});
  const outputTitle = h('h3', {});
  const equation = h('p', { class: 'kv-equation', id: 'kv-equation', 'aria-live': 'polite' });
  const panels = h(
    'div',
    { class: 'kv-panels' },
    h('div', { class: 'kv-panel' }, inputTitle, input.element),
    h('div', { class: 'kv-panel' }, kernelTitle, kernel.element, biasBox, noBias),
    h('div', { class: 'kv-panel' }, outputTitle, output.element),
  );
  const body = h(
    'div',
    { class: 'kv-body' },
    description,
    legend,
    channelControls,
    h('div', { class: 'kv-player controls' }, back, play, forward, h('label', { for: 'kv-position' }, 'Output position'), range, readout),
    error,
    panels,
    equation,
    h('p', { class: 'notice kv-help' }, 'Hover or focus a cell to link input and output. Click a number (or press Enter on it) to edit it; Escape cancels.'),
  );
  root.append(h('h2', {}, 'Kernel sliding over the input'), unavailable, body);

  let model: KernelModel | undefined;
  let playing = false;
  let timer: number | undefined;
  let editing: HTMLElement | undefined;
  /** The hover/focus preview: linked input cells, copies of the same input value, linked outputs. */
  const preview = { input: new Set<number>(), copies: new Set<number>(), output: new Set<number>() };
  const interval = () => options.intervalMs ?? 700;

  const setOptions = (select: HTMLElement, choices: [number, string][], value: number) => {
    const key = choices.map(([v, t]) => `${v}:${t}`).join('|');
    if (select.dataset.choices !== key) {
      select.replaceChildren(...choices.map(([v, t]) => h('option', { value: String(v) }, t)));
      select.dataset.choices = key;
    }
    (select as HTMLSelectElement).value = String(value);
  };

  /** Highlights only: the window, the preview, the position readout and the equation. */
  const paint = () => {
    if (!model) return;
    const m = model;
    const win = m.window();
    paintGrid(input, (i) =>
      [...(win.input.get(i) ?? []), preview.input.has(i) ? 'kv-linked' : '', preview.copies.has(i) ? 'kv-source' : ''].filter(Boolean).join(' '),
    );
    const taps = new Set(win.kernelTaps);
    paintGrid(kernel, (i) => (taps.has(i) ? 'kv-in-window' : ''));
    paintGrid(output, (i) => [i === win.output ? 'kv-current' : '', preview.output.has(i) ? 'kv-linked' : ''].filter(Boolean).join(' '));
    if (output.focus !== m.state.position) {
      output.cells[output.focus]?.setAttribute('tabindex', '-1');
      output.focus = m.state.position;
      output.cells[output.focus]?.setAttribute('tabindex', '0');
    }
    (range as HTMLInputElement).value = String(m.state.position);
    readout.textContent = `${m.state.position + 1} / ${m.outPlane()}`;
    range.setAttribute('aria-valuetext', m.positionText());
    if (equation.textContent !== win.equation) equation.textContent = win.equation;
    if (m.isConv) channelNote.textContent = m.channelNote();
  };

  /** Everything from the model: texts, pickers, grids, then the highlights. */
  const sync = () => {
    if (!model) return;
    const m = model;
    description.textContent = m.description();
    const items = m.legend();
    const legendKey = items.map((i) => i.join(':')).join('|');
    if (legend.dataset.items !== legendKey) {
      legend.replaceChildren(...items.map(([cls, text]) => h('li', {}, h('span', { class: `kv-swatch ${cls}` }), text)));
      legend.dataset.items = legendKey;
    }
    const multiOut = m.ex.outChannels > 1;
    const multiIn = m.isConv && m.inChannelChoices().length > 1;
    outLabel.textContent = m.isConv ? 'Output channel' : 'Channel';
    outLabel.hidden = outSelect.hidden = !multiOut;
    inLabel.hidden = inSelect.hidden = !multiIn;
    channelNote.hidden = !m.isConv;
    setOptions(outSelect, m.outChannelChoices(), m.state.outChannel);
    setOptions(
      inSelect,
      m.inChannelChoices().map((c) => [c, String(c)]),
      m.state.inChannel,
    );
    range.setAttribute('max', String(m.outPlane() - 1));
    panels.classList.toggle('kv-1d', m.oneD);
    inputTitle.textContent = m.inputTitle();
    kernelTitle.textContent = m.kernelTitle();
    outputTitle.textContent = m.outputTitle();
    fillGrid(input, m.inputCells(), m.inputColumns(), editing);
    fillGrid(kernel, m.kernelCells(), m.kernelColumns(), editing);
    kernel.element.hidden = !m.isConv;
    fillGrid(output, m.outputCells(), m.outputColumns(), editing);
    const bias = m.biasCell();
    biasBox.hidden = !bias;
    noBias.hidden = !m.isConv || !!bias;
    if (bias && biasCell !== editing) {
      biasCell.textContent = bias.text;
      biasCell.setAttribute('aria-label', bias.label);
    }
    paint();
  };

  /** A new model for `next` (keeping channels and position where they still exist). */
  const load = (next: KernelViewOptions) => {
    const before = model?.state;
    try {
      model = createKernelModel(next.layer, next.inputShape, next.values);
    } catch (e) {
      model = undefined;
      stop();
      unavailable.textContent = e instanceof Error ? e.message : String(e);
      unavailable.hidden = false;
      body.hidden = true;
      return;
    }
    unavailable.hidden = true;
    body.hidden = false;
    if (before) {
      if (model.outChannelChoices().some(([c]) => c === before.outChannel)) model.setOutChannel(before.outChannel);
      model.setInChannel(before.inChannel);
      model.setPosition(before.position);
    }
    preview.input.clear();
    preview.copies.clear();
    preview.output.clear();
    error.textContent = '';
    sync();
  };

  // ---- preview, position, playing ----
  const clearPreview = () => {
    if (!preview.input.size && !preview.copies.size && !preview.output.size) return;
    preview.input.clear();
    preview.copies.clear();
    preview.output.clear();
    paint();
  };
  const previewOutput = (p: number) => {
    if (!model) return;
    preview.input = new Set(model.readBy(p));
    preview.copies.clear();
    preview.output = new Set([p]);
    paint();
  };
  const previewInput = (cell: number) => {
    if (!model) return;
    const { copies, outputs } = model.readersOf(cell);
    preview.input = new Set([cell]);
    preview.copies = new Set(copies);
    preview.output = new Set(outputs);
    paint();
  };
  const setPosition = (p: number, focus = false) => {
    if (!model) return;
    model.setPosition(p);
    paint();
    if (focus) output.cells[model.state.position]?.focus();
  };
  function stop() {
    playing = false;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    play.textContent = '▶ Play';
    play.setAttribute('aria-label', 'Play');
    equation.setAttribute('aria-live', 'polite');
  }
  const last = () => (model ? model.outPlane() - 1 : 0);
  const tick = () => {
    if (!playing || !model) return;
    setPosition(model.state.position >= last() ? 0 : model.state.position + 1);
    timer = window.setTimeout(tick, model.state.position === last() ? interval() * 2 : interval());
  };
  const togglePlay = () => {
    if (playing) return stop();
    if (!model) return;
    playing = true;
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-label', 'Pause');
    // Announcing every step while playing would flood a screen reader.
    equation.setAttribute('aria-live', 'off');
    if (model.state.position >= last()) setPosition(0);
    timer = window.setTimeout(tick, interval());
  };
  play.addEventListener('click', togglePlay);
  back.addEventListener('click', () => {
    stop();
    if (model) setPosition(model.state.position <= 0 ? last() : model.state.position - 1);
  });
  forward.addEventListener('click', () => {
    stop();
    if (model) setPosition(model.state.position >= last() ? 0 : model.state.position + 1);
  });
  range.addEventListener('input', () => {
    stop();
    setPosition(Number((range as HTMLInputElement).value));
  });
  // Space toggles play anywhere in the view except where it types or presses a button.
  root.addEventListener('keydown', (e) => {
    if (e.key !== ' ') return;
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea, vscode-button, button, [role="button"]')) return;
    e.preventDefault();
    togglePlay();
  });
  outSelect.addEventListener('change', () => {
    model?.setOutChannel(Number((outSelect as HTMLSelectElement).value));
    sync();
  });
  inSelect.addEventListener('change', () => {
    model?.setInChannel(Number((inSelect as HTMLSelectElement).value));
    sync();
  });

  // ---- grid events, delegated ----
  input.element.addEventListener('pointerover', (e) => {
    const i = cellIndex(input, e);
    if (i !== undefined) previewInput(i);
  });
  input.element.addEventListener('focusin', (e) => {
    const i = cellIndex(input, e);
    if (i !== undefined) previewInput(i);
  });
  output.element.addEventListener('pointerover', (e) => {
    const i = cellIndex(output, e);
    if (i !== undefined) previewOutput(i);
  });
  for (const grid of [input, output]) {
    grid.element.addEventListener('pointerleave', clearPreview);
    grid.element.addEventListener('focusout', clearPreview);
  }
  output.element.addEventListener('click', (e) => {
    const i = cellIndex(output, e);
    if (i === undefined) return;
    stop();
    setPosition(i);
  });
  output.element.addEventListener('focusin', (e) => {
    const i = cellIndex(output, e);
    if (i !== undefined && model && i !== model.state.position) setPosition(i, false);
  });
  output.element.addEventListener('keydown', (e) => {
    const i = cellIndex(output, e);
    if (i === undefined) return;
    const next = moveFocus(output.specs.length, output.cols, i, e.key);
    if (next !== undefined) {
      e.preventDefault();
      stop();
      setPosition(next, true);
    }
  });
  for (const [grid, target] of [
    [input, 'input'],
    [kernel, 'kernel'],
  ] as const) {
    grid.element.addEventListener('click', (e) => {
      const i = cellIndex(grid, e);
      if (i !== undefined && grid.specs[i].editable) edit(grid.cells[i], target, i);
    });
    grid.element.addEventListener('keydown', (e) => {
      const i = cellIndex(grid, e);
      if (i === undefined || e.target !== grid.cells[i]) return;
      if (e.key === 'Enter' && grid.specs[i].editable) {
        e.preventDefault();
        edit(grid.cells[i], target, i);
        return;
      }
      const next = moveFocus(grid.specs.length, grid.cols, i, e.key);
      if (next !== undefined) {
        e.preventDefault();
        focusCell(grid, next);
      }
    });
  }
  biasCell.addEventListener('click', () => edit(biasCell, 'bias', 0));
  biasCell.addEventListener('keydown', (e) => {
    if (e.target === biasCell && e.key === 'Enter') {
      e.preventDefault();
      edit(biasCell, 'bias', 0);
    }
  });

  // ---- editing a number ----
  function edit(cell: HTMLElement, target: Target, index: number): void {
    if (editing || !model) return;
    stop();
    const m = model;
    const valueIndex = m.valueIndex(target, index);
    const list = target === 'input' ? m.values.input : target === 'kernel' ? m.values.kernel : m.values.bias!;
    const current = list[valueIndex];
    const label = cell.getAttribute('aria-label');
    const field = h('input', {
      type: 'text',
      inputmode: 'decimal',
      class: 'kv-edit',
      value: String(current),
      'aria-label': `New value for ${label?.replace(/ \(Enter to edit\)$/, '') ?? 'cell'}`,
    });
    editing = cell;
    cell.replaceChildren(field);
    field.focus();
    (field as HTMLInputElement).select();
    let done = false;
    const refocus = () => {
      if (target === 'input') focusCell(input, index);
      else if (target === 'kernel') focusCell(kernel, index);
      else biasCell.focus();
    };
    const finish = (commit: boolean) => {
      if (done) return;
      if (commit) {
        const v = parseValue((field as HTMLInputElement).value);
        if (v === undefined) {
          error.textContent = `“${(field as HTMLInputElement).value}” is not a number; the value was not changed.`;
          if (document.activeElement === field) return; // keep editing
        } else {
          done = true;
          editing = undefined;
          try {
            m.setValue(target, valueIndex, v);
            error.textContent = '';
            options.onValuesChange?.(m.snapshot());
          } catch (e) {
            error.textContent = e instanceof Error ? e.message : String(e);
          }
          cell.textContent = '';
          sync();
          refocus();
          return;
        }
      }
      done = true;
      editing = undefined;
      cell.textContent = '';
      sync();
      refocus();
    };
    field.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') {
        e.preventDefault();
        finish(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        error.textContent = '';
        finish(false);
      }
    });
    field.addEventListener('blur', () => {
      if (done) return;
      // Leaving the field applies a valid number and drops an invalid one (the message stays).
      finish(parseValue((field as HTMLInputElement).value) !== undefined);
    });
  }

  load(options);
  return {
    element: root,
    update(next) {
      options = next;
      if (editing) {
        editing = undefined;
      }
      load(next);
    },
    destroy() {
      stop();
      root.remove();
    },
  };
}
