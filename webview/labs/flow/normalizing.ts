/**
 * The normalizing-flow section: preset menu and stack editor; a seeded standard Gaussian pushed
 * through the first k layers (scrubber), shown as the warped grid, the samples, the density by
 * change of variables and the log|det J| heat map; the formula and the numerical check.
 */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { FlowResult } from '../../../compute/flow/types';
import { h } from '../../dom';
import { tex, type LabContext } from '../../lab-context';
import { player } from './player';
import { densityColor, frame, heatMap, logDetColor, range, samples, warpedGrid } from './plots';
import { applyPreset, BOX, CHECK_TOLERANCE, LAYER_PRESETS, normalizingRequest, REFINE_AFTER_MS, type FlowLabRequest } from '../../../shared/flow-state';
import { stackEditor } from './stack-editor';
import { Timing } from './timing';

type Valued = HTMLElement & { value: string };

export function normalizingSection(context: LabContext, get: () => FlowLabRequest, save: (r: FlowLabRequest) => void): HTMLElement {
  const status = h('span', { class: 'flow-status', id: 'flow-status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', id: 'flow-error' });
  const timing = new Timing('flow-frame-ms');
  const cache = new Map<number, FlowResult>();
  let generation = 0;

  const preset = h(
    'vscode-single-select',
    { id: 'flow-preset', 'aria-label': 'Preset stack' },
    h('vscode-option', { value: '', selected: !get().view?.preset }, 'Custom'),
    ...Object.entries(LAYER_PRESETS).map(([name, p]) => h('vscode-option', { value: name, selected: get().view?.preset === name }, p.label)),
  ) as Valued;

  const upTo = () => Math.min(get().view?.upTo ?? get().layers.length, get().layers.length);
  const layerLabel = (k: number) => (k === 0 ? 'base N(0, I)' : `after ${k} of ${get().layers.length} layers`);
  const scrub = player('flow-layers', 'Layers', get().layers.length, upTo(), layerLabel, async (k) => {
    save({ ...get(), view: { ...get().view!, upTo: k === get().layers.length ? undefined : k } });
    timing.start();
    await show(k);
  });

  const editor = stackEditor(get().layers, (layers, valid) => {
    save({ ...get(), layers, view: { ...get().view!, preset: undefined, upTo: undefined } });
    preset.value = '';
    if (!valid) return;
    invalidate();
  });

  preset.addEventListener('change', () => {
    if (!preset.value) return;
    save(applyPreset(get(), preset.value));
    editor.set(get().layers);
    invalidate();
  });

  function invalidate(): void {
    generation++;
    cache.clear();
    scrub.stop();
    scrub.setMax(get().layers.length, get().layers.length);
    timing.start();
    void show(get().layers.length);
  }

  // Two plots side by side in a narrow panel, four in a row in a wide one.
  const width = document.getElementById('ml-lens-lab')?.clientWidth ?? 1000;
  const size = width < 720 ? Math.max(160, Math.floor((width - 40) / 2) - 56) : 230;
  const gridPlot = frame('flow-grid-plot', 'Warped grid f(grid)', BOX, size);
  const samplePlot = frame('flow-samples-plot', 'Samples: base z (grey) → x = f(z)', BOX, size);
  const densityPlot = frame('flow-density-plot', 'Density p_x(x)', BOX, size);
  const logDetPlot = frame('flow-logdet-plot', 'log|det J_f| at f⁻¹(x)', BOX, size);
  const check = h('div', { class: 'flow-check', id: 'flow-check' });
  const formula = h(
    'div',
    { class: 'flow-formula' },
    tex(String.raw`\log p_x(x) = \log p_z\!\left(f^{-1}(x)\right) + \log\left|\det J_{f^{-1}}(x)\right|`),
    h('p', { class: 'notice' }, 'p_z = N(0, I); log|det J_{f⁻¹}(x)| = −log|det J_f(f⁻¹(x))|, the map on the right with its sign flipped.'),
    check,
  );

  /** Counts show() calls: only the newest one may say that its run was stopped. */
  let shows = 0;

  /** Pending full pass after a coarse one (see normalizingRequest). */
  let refine: number | undefined;

  /** The full pass for `k`, once the controls have rested: the fine density and the check. */
  function scheduleRefine(k: number, gen: number, call: number): void {
    if (refine !== undefined) window.clearTimeout(refine);
    refine = window.setTimeout(async () => {
      refine = undefined;
      if (gen !== generation || call !== shows) return;
      try {
        const client = await context.computeAtRest();
        const full = await client.run<FlowResult>(normalizingRequest(get(), k));
        if (!full || gen !== generation || call !== shows) return;
        cache.set(k, full);
        draw(full);
      } catch (e) {
        if (gen === generation) error.textContent = e instanceof Error ? e.message : String(e);
      }
    }, REFINE_AFTER_MS);
  }

  async function show(k: number): Promise<void> {
    const gen = generation;
    const call = ++shows;
    let result = cache.get(k);
    const coarse = !result;
    if (!result) {
      status.textContent = 'computing…';
      status.classList.add('busy');
      try {
        const client = await context.compute();
        result = await client.run<FlowResult>(normalizingRequest(get(), k, true));
      } catch (e) {
        if (gen !== generation) return;
        error.textContent = e instanceof Error ? e.message : String(e);
        status.textContent = '';
        status.classList.remove('busy');
        return;
      }
      if (!result && call === shows) {
        // Cancelled (the progress line's Cancel), not replaced by a newer run.
        status.textContent = 'stopped';
        status.classList.remove('busy');
      }
      if (!result || gen !== generation) return; // superseded
      timing.worker();
    }
    status.textContent = '';
    status.classList.remove('busy');
    error.textContent = '';
    draw(result);
    timing.drawn();
    if (coarse) scheduleRefine(k, gen, call);
  }

  function draw(r: FlowResult): void {
    warpedGrid(gridPlot, r.warpedGrid!.horizontal, r.warpedGrid!.vertical);
    samples(samplePlot, r.samples!.base, r.samples!.pushed);
    samplePlot.caption.replaceChildren(
      h('span', { id: 'flow-sample-count' }, String(r.samples!.pushed.length)),
      ' samples, seed ',
      String(get().samples?.seed ?? 1),
      '; colour = angle of z',
    );
    const d = r.density!;
    const [, dmax] = range(d.density);
    heatMap(densityPlot, d.density, d.n, 0, dmax, densityColor);
    densityPlot.caption.textContent = `viridis, 0 to ${dmax.toPrecision(3)} (n = ${d.n}×${d.n})`;
    const [lo, hi] = range(d.logDet);
    const m = Math.max(Math.abs(lo), Math.abs(hi), 1e-9);
    heatMap(logDetPlot, d.logDet, d.n, -m, m, logDetColor);
    logDetPlot.caption.textContent = `blue squeezes, red stretches; ${lo.toFixed(2)} to ${hi.toFixed(2)}`;
    const c = r.check;
    if (!c) {
      // A coarse pass: the check comes with the full pass a moment later.
      check.querySelector('h2')?.replaceChildren('Numerical check (after the full pass)');
      return;
    }
    const row = (label: string, id: string, value: number, tol: number) =>
      h(
        'div',
        { class: 'fact' },
        h('span', { class: 'label' }, label),
        h(
          'span',
          { class: 'value' },
          h('span', { id }, value.toExponential(2)),
          value < tol ? h('span', { class: 'ok', title: `below ${tol}` }, ' ✓') : h('span', { class: 'bad', title: `above ${tol}` }, ` ✗ (> ${tol})`),
        ),
      );
    check.replaceChildren(
      h('h2', {}, `Numerical check (${c.points} points)`),
      h(
        'div',
        { class: 'facts' },
        row('max |f⁻¹(f(z)) − z|', 'flow-inverse-error', c.inverseMaxError, CHECK_TOLERANCE.inverse),
        row('max |log|det J| − numerical|', 'flow-logdet-error', c.logDetMaxError, CHECK_TOLERANCE.logDet),
      ),
    );
  }

  const section = h(
    'section',
    { id: 'flow-normalizing', class: 'flow-section', 'aria-label': 'Normalizing flow' },
    h('div', { class: 'controls' }, h('label', { for: 'flow-preset' }, 'Preset'), preset, status, timing.element),
    h(
      'div',
      { class: 'flow-columns' },
      h(
        'div',
        { class: 'flow-main' },
        scrub.element,
        error,
        h('div', { class: 'flow-plots' }, gridPlot.figure, samplePlot.figure, densityPlot.figure, logDetPlot.figure),
        formula,
      ),
      h('div', { class: 'flow-side flow-editor-side' }, h('h2', {}, 'Stack (z → x, top to bottom)'), editor.element),
    ),
  );
  timing.start();
  void show(upTo());
  return section;
}
