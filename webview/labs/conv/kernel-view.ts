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
 * The compute is tiny (≤ 16 samples per axis, ≤ 4 channels), so it runs synchronously here with
 * compute/conv/window.ts, whose outputs equal the reference runLayer exactly.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ConvLayerJson } from '../../../compute/conv/layer';
import { weightShape } from '../../../compute/conv/direct';
import { normalizeLayer } from '../../../compute/conv/layer';
import { createRng } from '../../../compute/random';
import { slidingExample, smallExample, type OutputWindow, type SlidingExample } from '../../../compute/conv/window';
import { h } from '../../dom';

/** The example's numbers: flat input (1, C, …), weight (PyTorch layout) and bias, plus the seed. */
export interface KernelViewValues {
  input: number[];
  kernel: number[];
  bias?: number[];
  seed: number;
}

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
  /** Stop playing and remove listeners' timers. */
  destroy(): void;
}

const MINUS = '\u2212';

/** 2 decimals at most, integers when integral, a real minus sign, ±∞. */
export function formatValue(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return `${MINUS}∞`;
  if (Number.isNaN(v)) return 'NaN';
  const rounded = Math.round(v * 100) / 100;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2).replace(/0$/, '');
  return (Object.is(rounded, -0) ? '0' : text).replace('-', MINUS);
}

const paren = (v: number) => (v < 0 ? `(${formatValue(v)})` : formatValue(v));

/** Parse a typed number ("1.5", "−2", "3e-1"); undefined if it is not a finite number. */
export function parseValue(text: string): number | undefined {
  const t = text.trim().replace(/\u2212/g, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Small integers from a seeded generator, so the example is easy to follow by hand. */
function generate(seed: number, inputLength: number, kernelLength: number, biasLength: number): KernelViewValues {
  const rng = createRng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));
  return {
    seed,
    input: Array.from({ length: inputLength }, () => int(-3, 3)),
    kernel: Array.from({ length: kernelLength }, () => int(-2, 2)),
    bias: Array.from({ length: biasLength }, () => int(-1, 1)),
  };
}

export function mountKernelView(container: HTMLElement, options: KernelViewOptions): KernelView {
  const root = h('section', { class: 'kv', 'aria-label': 'Kernel sliding over the input' });
  container.append(root);
  const error = h('p', { class: 'error kv-error', role: 'alert', id: 'kv-error' });

  let example: ReturnType<typeof smallExample>;
  let wShape: number[] = [];
  let hasBias = false;
  try {
    example = smallExample(options.layer, options.inputShape);
    const layer = normalizeLayer(example.layer);
    const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
    wShape = isConv ? weightShape(layer) : [];
    hasBias = isConv && layer.bias;
  } catch (e) {
    root.append(h('h2', {}, 'Kernel sliding over the input'), h('p', { class: 'notice', id: 'kv-unavailable' }, e instanceof Error ? e.message : String(e)));
    return { element: root, destroy: () => root.remove() };
  }
  const inLength = example.inShape.reduce((a, b) => a * b, 1);
  const wLength = wShape.length ? wShape.reduce((a, b) => a * b, 1) : 0;
  const bLength = hasBias ? normalizeLayer(example.layer).out_channels : 0;
  const saved = options.values;
  const fits = saved && saved.input.length === inLength && saved.kernel.length === wLength && (saved.bias?.length ?? 0) === bLength;
  const values: KernelViewValues = fits ? { ...saved, input: [...saved.input], kernel: [...saved.kernel], bias: saved.bias ? [...saved.bias] : [] } : generate(saved?.seed ?? 1, inLength, wLength, bLength);

  let ex: SlidingExample;
  const compute = () =>
    slidingExample(
      example.layer,
      { shape: example.inShape, data: values.input },
      wLength ? { shape: wShape, data: values.kernel } : undefined,
      hasBias ? { shape: [bLength], data: values.bias ?? [] } : undefined,
    );
  try {
    ex = compute();
  } catch (e) {
    root.append(h('h2', {}, 'Kernel sliding over the input'), h('p', { class: 'notice', id: 'kv-unavailable' }, e instanceof Error ? e.message : String(e)));
    return { element: root, destroy: () => root.remove() };
  }

  const isConv = ex.family === 'conv' || ex.family === 'conv_transpose';
  const oneD = ex.dims === 1;
  let outChannel = 0;
  let inChannel = ex.groups[0].inputChannels[0];
  let position = 0;
  let playing = false;
  let timer: number | undefined;
  const interval = options.intervalMs ?? 700;
  const outPlane = () => ex.outSize[0] * ex.outSize[1];

  // ---- static parts: description, legend, controls ----
  const shapeText = (s: readonly number[]) => s.join('×');
  const describe = () => {
    const parts = [`${ex.layer.op} on a ${shapeText(ex.inShape)} example → ${shapeText(ex.outShape)}`];
    if (example.reduced.length) parts.push(`reduced from your layer: ${example.reduced.join('; ')}`);
    if (ex.family === 'conv_transpose') {
      parts.push('shown as the equivalent stride-1 convolution: zeros inserted between input samples, padding d·(k−1)−p (plus output_padding after), kernel flipped');
    } else if (ex.kernelFlipped) parts.push('kernel flipped (flip_kernel: true convolution)');
    return `${parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('. ')}.`;
  };
  const legend = h(
    'ul',
    { class: 'kv-legend', 'aria-label': 'Legend' },
    h('li', {}, h('span', { class: 'kv-swatch kv-input' }), 'input'),
    h('li', {}, h('span', { class: 'kv-swatch kv-pad' }), ex.family === 'max_pool' ? 'padding (−∞, ignored)' : 'zero padding'),
    ex.layer.padding_mode !== 'zeros' && isConv ? h('li', {}, h('span', { class: 'kv-swatch kv-mode' }), `${ex.layer.padding_mode} padding (copy)`) : null,
    ex.family === 'conv_transpose' ? h('li', {}, h('span', { class: 'kv-swatch kv-inserted' }), 'inserted zero') : null,
    h('li', {}, h('span', { class: 'kv-swatch kv-window' }), 'current window'),
  );

  const outSelect = h('select', { id: 'kv-out-channel', 'aria-label': 'Output channel' });
  ex.groups.forEach((g) => g.outputChannels.forEach((c) => outSelect.append(h('option', { value: String(c) }, `${c} (group ${g.group})`))));
  const inSelect = h('select', { id: 'kv-in-channel', 'aria-label': 'Input channel shown' });
  const fillInSelect = () => {
    const group = ex.groups.find((g) => g.outputChannels.includes(outChannel))!;
    inSelect.replaceChildren(...group.inputChannels.map((c) => h('option', { value: String(c) }, String(c))));
    if (!group.inputChannels.includes(inChannel)) inChannel = group.inputChannels[0];
    inSelect.value = String(inChannel);
  };
  const channelNote = h('span', { class: 'kv-channel-note', id: 'kv-channel-note' });
  const channelControls = h(
    'div',
    { class: 'kv-channels controls' },
    ex.outChannels > 1 ? h('label', { for: 'kv-out-channel' }, isConv ? 'Output channel' : 'Channel') : null,
    ex.outChannels > 1 ? outSelect : null,
    isConv && ex.groups[0].inputChannels.length > 1 ? h('label', { for: 'kv-in-channel' }, 'Input channel shown') : null,
    isConv && ex.groups[0].inputChannels.length > 1 ? inSelect : null,
    isConv ? channelNote : null,
  );

  const back = h('vscode-button', { id: 'kv-step-back', secondary: true, 'aria-label': 'Previous output position' }, '‹ Back');
  const play = h('vscode-button', { id: 'kv-play', secondary: true, 'aria-label': 'Play' }, '▶ Play');
  const forward = h('vscode-button', { id: 'kv-step-forward', secondary: true, 'aria-label': 'Next output position' }, 'Step ›');
  const range = h('input', { type: 'range', id: 'kv-position', min: '0', max: String(outPlane() - 1), step: '1', value: '0', class: 'scrubber' });
  const readout = h('output', { id: 'kv-position-text', for: 'kv-position', class: 'scrubber-text' });
  const playerControls = h('div', { class: 'kv-player controls' }, back, play, forward, h('label', { for: 'kv-position' }, 'Output position'), range, readout);

  const inputGrid = h('div', { class: 'kv-grid kv-input-grid', role: 'grid', id: 'kv-input', 'aria-label': 'Padded input' });
  const kernelGrid = h('div', { class: 'kv-grid kv-kernel-grid', role: 'grid', id: 'kv-kernel', 'aria-label': 'Kernel' });
  const outputGrid = h('div', { class: 'kv-grid kv-output-grid', role: 'grid', id: 'kv-output', 'aria-label': 'Output (arrow keys move the current position, Space plays)' });
  const biasBox = h('div', { class: 'kv-bias' });
  const inputTitle = h('h3', {});
  const kernelTitle = h('h3', {});
  const outputTitle = h('h3', {});
  const equation = h('p', { class: 'kv-equation', id: 'kv-equation', 'aria-live': 'polite' });
  const panels = h(
    'div',
    { class: `kv-panels${oneD ? ' kv-1d' : ''}` },
    h('div', { class: 'kv-panel' }, inputTitle, inputGrid),
    isConv ? h('div', { class: 'kv-panel' }, kernelTitle, kernelGrid, biasBox) : h('div', { class: 'kv-panel' }, kernelTitle),
    h('div', { class: 'kv-panel' }, outputTitle, outputGrid),
  );
  root.append(
    h('h2', {}, 'Kernel sliding over the input'),
    h('p', { class: 'notice kv-description', id: 'kv-description' }, describe()),
    legend,
    channelControls,
    playerControls,
    error,
    panels,
    equation,
    h('p', { class: 'notice kv-help' }, 'Hover or focus a cell to link input and output. Click a number (or press Enter on it) to edit it; Escape cancels.'),
  );

  // ---- cells ----
  let inputCells: HTMLElement[] = [];
  let kernelCells: HTMLElement[] = [];
  let outputCells: HTMLElement[] = [];

  const inCoord = (source: number) => {
    const r = Math.floor(source / ex.inSize[1]);
    const c = source % ex.inSize[1];
    return oneD ? `position ${c}` : `row ${r} column ${c}`;
  };
  const outCoord = (p: number) => {
    const r = Math.floor(p / ex.outSize[1]);
    const c = p % ex.outSize[1];
    return oneD ? `position ${c}` : `row ${r} column ${c}`;
  };
  const setColumns = (grid: HTMLElement, cols: number) => {
    // CSSOM, not a style attribute: the webview CSP forbids inline style attributes.
    grid.style.gridTemplateColumns = `repeat(${cols}, minmax(2.4em, max-content))`;
  };

  /** Roving tabindex: one cell of a grid is tabbable; arrows move within it. */
  const moveFocus = (cells: HTMLElement[], cols: number, from: number, key: string): number | undefined => {
    const rows = cells.length / cols;
    let r = Math.floor(from / cols);
    let c = from % cols;
    if (key === 'ArrowLeft') c = Math.max(0, c - 1);
    else if (key === 'ArrowRight') c = Math.min(cols - 1, c + 1);
    else if (key === 'ArrowUp') r = Math.max(0, r - 1);
    else if (key === 'ArrowDown') r = Math.min(rows - 1, r + 1);
    else if (key === 'Home') [r, c] = [0, 0];
    else if (key === 'End') [r, c] = [rows - 1, cols - 1];
    else return undefined;
    return r * cols + c;
  };
  const focusCell = (cells: HTMLElement[], i: number) => {
    cells.forEach((cell, j) => cell.setAttribute('tabindex', j === i ? '0' : '-1'));
    cells[i]?.focus();
  };

  const buildInput = () => {
    const { padded } = ex;
    setColumns(inputGrid, padded.cols);
    inputTitle.textContent = `Input, channel ${inChannel}${ex.family === 'conv_transpose' ? ' (zero-inserted and padded)' : ' (padded)'} ${padded.rows > 1 ? `${padded.rows}×` : ''}${padded.cols}`;
    inputCells = padded.kind.map((kind, cell) => {
      const v = padded.values[inChannel][cell];
      const source = padded.source[cell];
      let label: string;
      if (kind === 'input') label = `input ${inCoord(source)}, value ${formatValue(v)}`;
      else if (kind === 'mode') label = `${ex.layer.padding_mode} padding, copy of input ${inCoord(source)}, value ${formatValue(v)}`;
      else if (kind === 'inserted') label = 'inserted zero';
      else label = `padding, value ${formatValue(v)}`;
      const editable = kind === 'input';
      const el = h('div', { class: `kv-cell kv-${kind}`, role: 'gridcell', tabindex: cell === 0 ? '0' : '-1', 'aria-label': label + (editable ? ' (Enter to edit)' : '') }, formatValue(v));
      el.addEventListener('pointerenter', () => previewInput(cell));
      el.addEventListener('focus', () => previewInput(cell));
      el.addEventListener('pointerleave', clearPreview);
      el.addEventListener('blur', clearPreview);
      if (editable) el.addEventListener('click', () => edit(el, values.input[inChannel * ex.inSize[0] * ex.inSize[1] + source], (nv) => (values.input[inChannel * ex.inSize[0] * ex.inSize[1] + source] = nv)));
      el.addEventListener('keydown', (e) => {
        if (e.target !== el) return;
        if (e.key === 'Enter' && editable) {
          e.preventDefault();
          el.click();
          return;
        }
        const next = moveFocus(inputCells, padded.cols, cell, e.key);
        if (next !== undefined) {
          e.preventDefault();
          focusCell(inputCells, next);
        }
      });
      return el;
    });
    inputGrid.replaceChildren(...inputCells);
  };

  const buildKernel = () => {
    if (!isConv) {
      kernelTitle.textContent = `Window ${ex.kernel[0] > 1 || !oneD ? `${ex.kernel[0]}×` : ''}${ex.kernel[1]}, ${ex.family === 'max_pool' ? 'max' : 'average'}`;
      return;
    }
    const { values: kv, weightIndex } = ex.kernelOf(outChannel, inChannel);
    setColumns(kernelGrid, ex.kernel[1]);
    kernelTitle.textContent = `Kernel${ex.kernelFlipped ? ' (flipped)' : ''}, out ${outChannel} ← in ${inChannel}`;
    kernelCells = kv.map((v, tap) => {
      const r = Math.floor(tap / ex.kernel[1]);
      const c = tap % ex.kernel[1];
      const where = oneD ? `tap ${c}` : `row ${r} column ${c}`;
      const el = h('div', { class: 'kv-cell kv-weight', role: 'gridcell', tabindex: tap === 0 ? '0' : '-1', 'aria-label': `kernel ${where}, value ${formatValue(v)}${ex.kernelFlipped ? ' (flipped)' : ''} (Enter to edit)` }, formatValue(v));
      el.addEventListener('click', () => edit(el, values.kernel[weightIndex[tap]], (nv) => (values.kernel[weightIndex[tap]] = nv)));
      el.addEventListener('keydown', (e) => {
        if (e.target !== el) return;
        if (e.key === 'Enter') {
          e.preventDefault();
          el.click();
          return;
        }
        const next = moveFocus(kernelCells, ex.kernel[1], tap, e.key);
        if (next !== undefined) {
          e.preventDefault();
          focusCell(kernelCells, next);
        }
      });
      return el;
    });
    kernelGrid.replaceChildren(...kernelCells);
    if (hasBias) {
      const b = values.bias?.[outChannel] ?? 0;
      const cell = h('div', { class: 'kv-cell kv-weight', tabindex: '0', role: 'button', id: 'kv-bias', 'aria-label': `bias of output channel ${outChannel}, value ${formatValue(b)} (Enter to edit)` }, formatValue(b));
      cell.addEventListener('click', () => edit(cell, values.bias![outChannel], (nv) => (values.bias![outChannel] = nv)));
      cell.addEventListener('keydown', (e) => {
        if (e.target === cell && e.key === 'Enter') {
          e.preventDefault();
          cell.click();
        }
      });
      biasBox.replaceChildren(h('span', { class: 'label' }, 'bias '), cell);
    } else biasBox.replaceChildren(h('span', { class: 'notice' }, 'no bias'));
  };

  const buildOutput = () => {
    setColumns(outputGrid, ex.outSize[1]);
    outputTitle.textContent = `Output, channel ${outChannel} ${ex.outSize[0] > 1 ? `${ex.outSize[0]}×` : ''}${ex.outSize[1]}`;
    const base = outChannel * outPlane();
    outputCells = Array.from({ length: outPlane() }, (_, p) => {
      const v = ex.output[base + p];
      const el = h('div', { class: 'kv-cell kv-out', role: 'gridcell', tabindex: p === position ? '0' : '-1', 'aria-label': `output ${outCoord(p)}, value ${formatValue(v)}` }, formatValue(v));
      el.addEventListener('pointerenter', () => previewOutput(p));
      el.addEventListener('pointerleave', clearPreview);
      el.addEventListener('click', () => {
        stop();
        setPosition(p);
      });
      el.addEventListener('focus', () => {
        if (p !== position) setPosition(p, false);
      });
      el.addEventListener('keydown', (e) => {
        const next = moveFocus(outputCells, ex.outSize[1], p, e.key);
        if (next !== undefined) {
          e.preventDefault();
          stop();
          setPosition(next, true);
        }
      });
      return el;
    });
    outputGrid.replaceChildren(...outputCells);
  };

  // ---- highlighting ----
  const clearClasses = (cells: HTMLElement[], ...names: string[]) => cells.forEach((c) => c.classList.remove(...names));

  const showWindow = () => {
    const win = ex.windowAt(outChannel, position);
    clearClasses(inputCells, 'kv-in-window', 'kv-skipped', 'kv-argmax', 'kv-edge-top', 'kv-edge-bottom', 'kv-edge-left', 'kv-edge-right');
    clearClasses(outputCells, 'kv-current');
    clearClasses(kernelCells, 'kv-in-window');
    const cols = ex.padded.cols;
    const mine = win.terms.filter((t) => t.channel === inChannel);
    const set = new Set(mine.map((t) => t.cell));
    for (const [i, t] of win.terms.entries()) {
      if (t.channel !== inChannel) continue;
      const el = inputCells[t.cell];
      el.classList.add('kv-in-window');
      if (!t.counted) el.classList.add('kv-skipped');
      if (i === win.argmax) el.classList.add('kv-argmax');
      // Outline the window's outer edges (dilated windows have gaps; each cell gets its own box).
      if (!set.has(t.cell - cols)) el.classList.add('kv-edge-top');
      if (!set.has(t.cell + cols)) el.classList.add('kv-edge-bottom');
      if (t.cell % cols === 0 || !set.has(t.cell - 1)) el.classList.add('kv-edge-left');
      if (t.cell % cols === cols - 1 || !set.has(t.cell + 1)) el.classList.add('kv-edge-right');
    }
    for (const t of mine) kernelCells[t.tap]?.classList.add('kv-in-window');
    outputCells[position]?.classList.add('kv-current');
    outputCells.forEach((c, j) => c.setAttribute('tabindex', j === position ? '0' : '-1'));
    range.value = String(position);
    const text = `${outCoord(position)} of ${outPlane()}`;
    readout.textContent = `${position + 1} / ${outPlane()}`;
    range.setAttribute('aria-valuetext', text);
    equation.textContent = equationText(win);
    if (isConv) {
      const group = ex.groups.find((g) => g.outputChannels.includes(outChannel))!;
      channelNote.textContent = `group ${group.group}: output channel ${outChannel} reads input channel${group.inputChannels.length > 1 ? 's' : ''} ${group.inputChannels.join(', ')}`;
    }
  };

  const equationText = (win: OutputWindow): string => {
    const at = `y[${oneD ? win.col : `${win.row}, ${win.col}`}]`;
    if (ex.family === 'max_pool') {
      return `${at} = max(${win.terms.map((t) => formatValue(t.x)).join(', ')}) = ${formatValue(win.value)}`;
    }
    if (ex.family === 'avg_pool') {
      const shown = win.terms.filter((t) => t.counted);
      return `${at} = (${shown.map((t) => formatValue(t.x)).join(' + ') || '0'}) / ${win.divisor} = ${formatValue(win.value)}`;
    }
    const channels = [...new Set(win.terms.map((t) => t.channel))];
    const sums: number[] = [];
    const parts = channels.map((ci) => {
      const terms = win.terms.filter((t) => t.channel === ci);
      const sum = terms.reduce((a, t) => (t.counted ? a + t.product : a), 0);
      sums.push(sum);
      const body = terms.map((t) => `${paren(t.x)}·${paren(t.w)}`).join(' + ');
      return channels.length > 1 ? `input channel ${ci}: ${body} = ${formatValue(sum)}` : body;
    });
    const bias = hasBias ? ` + ${paren(win.bias)}` : '';
    if (channels.length === 1) return `${at} = ${parts[0]}${bias} = ${formatValue(win.value)}`;
    return `${parts.join('\n')}\n${at} = ${sums.map(paren).join(' + ')}${bias} = ${formatValue(win.value)}`;
  };

  const previewOutput = (p: number) => {
    clearPreview();
    const win = ex.windowAt(outChannel, p);
    for (const t of win.terms) if (t.channel === inChannel) inputCells[t.cell]?.classList.add('kv-linked');
    outputCells[p]?.classList.add('kv-linked');
  };
  const previewInput = (cell: number) => {
    clearPreview();
    inputCells[cell]?.classList.add('kv-linked');
    const source = ex.padded.source[cell];
    // A padding copy also points at the input cell it copies (and vice versa).
    if (source >= 0) ex.padded.source.forEach((s, i) => s === source && i !== cell && inputCells[i]?.classList.add('kv-source'));
    for (const p of ex.readersOf(cell)) outputCells[p]?.classList.add('kv-linked');
  };
  function clearPreview() {
    clearClasses(inputCells, 'kv-linked', 'kv-source');
    clearClasses(outputCells, 'kv-linked');
  }

  // ---- position and playing ----
  const setPosition = (p: number, focus = false) => {
    position = Math.max(0, Math.min(outPlane() - 1, p));
    showWindow();
    if (focus) outputCells[position]?.focus();
  };
  function stop() {
    playing = false;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    play.textContent = '▶ Play';
    play.setAttribute('aria-label', 'Play');
    equation.setAttribute('aria-live', 'polite');
  }
  const tick = () => {
    if (!playing) return;
    setPosition(position >= outPlane() - 1 ? 0 : position + 1);
    timer = window.setTimeout(tick, position === outPlane() - 1 ? interval * 2 : interval);
  };
  const togglePlay = () => {
    if (playing) return stop();
    playing = true;
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-label', 'Pause');
    // Announcing every step while playing would flood a screen reader.
    equation.setAttribute('aria-live', 'off');
    if (position >= outPlane() - 1) setPosition(0);
    timer = window.setTimeout(tick, interval);
  };
  play.addEventListener('click', togglePlay);
  back.addEventListener('click', () => {
    stop();
    setPosition(position <= 0 ? outPlane() - 1 : position - 1);
  });
  forward.addEventListener('click', () => {
    stop();
    setPosition(position >= outPlane() - 1 ? 0 : position + 1);
  });
  range.addEventListener('input', () => {
    stop();
    setPosition(Number(range.value));
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
    outChannel = Number(outSelect.value);
    fillInSelect();
    rebuild();
  });
  inSelect.addEventListener('change', () => {
    inChannel = Number(inSelect.value);
    rebuild();
  });

  // ---- editing ----
  let editing: HTMLInputElement | undefined;
  function edit(cell: HTMLElement, current: number, apply: (v: number) => void): void {
    if (editing) return;
    stop();
    const field = h('input', { type: 'text', inputmode: 'decimal', class: 'kv-edit', value: String(current), 'aria-label': `New value for ${cell.getAttribute('aria-label')?.replace(/ \(Enter to edit\)$/, '') ?? 'cell'}` });
    editing = field;
    const label = cell.getAttribute('aria-label');
    cell.replaceChildren(field);
    field.focus();
    field.select();
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      if (commit) {
        const v = parseValue(field.value);
        if (v === undefined) {
          error.textContent = `“${field.value}” is not a number; the value was not changed.`;
          if (document.activeElement === field) return; // keep editing
        } else {
          error.textContent = '';
          done = true;
          editing = undefined;
          apply(v);
          options.onValuesChange?.({ ...values, input: [...values.input], kernel: [...values.kernel], bias: [...(values.bias ?? [])] });
          recompute(cell);
          return;
        }
      }
      done = true;
      editing = undefined;
      cell.replaceChildren(formatValue(current));
      if (label) cell.setAttribute('aria-label', label);
      cell.focus();
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
      if (parseValue(field.value) === undefined) finish(false);
      else finish(true);
    });
  }

  /** Recompute after an edit and put the focus back on the edited cell. */
  function recompute(cell: HTMLElement) {
    const which = inputCells.indexOf(cell) >= 0 ? ['input', inputCells.indexOf(cell)] : kernelCells.indexOf(cell) >= 0 ? ['kernel', kernelCells.indexOf(cell)] : ['bias', 0];
    try {
      ex = compute();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    rebuild();
    const target = which[0] === 'input' ? inputCells[which[1] as number] : which[0] === 'kernel' ? kernelCells[which[1] as number] : root.querySelector<HTMLElement>('#kv-bias');
    if (which[0] === 'input') focusCell(inputCells, which[1] as number);
    else if (which[0] === 'kernel') focusCell(kernelCells, which[1] as number);
    else target?.focus();
  }

  function rebuild() {
    buildInput();
    buildKernel();
    buildOutput();
    showWindow();
  }

  fillInSelect();
  rebuild();
  return {
    element: root,
    destroy() {
      stop();
      root.remove();
    },
  };
}
