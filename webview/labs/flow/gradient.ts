/**
 * The gradient-flow section: ẋ = −∇f(x) by explicit Euler and RK4 against gradient descent, on a
 * contour plot of the objective (evaluated in the worker), with a time scrubber.
 */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { FlowResult, GradientFlowResult, TrajectoryResult } from '../../../compute/flow/types';
import { h } from '../../dom';
import { tex, type LabContext } from '../../lab-context';
import { player } from './player';
import { contourLines, densityColor, frame, heatMap, marker, polyline, range, setBox, svgEl, type Frame } from './plots';
import {
  applyObjectivePreset,
  gradientRequest,
  METHODS,
  OBJECTIVE_PRESETS,
  parseNumber,
  parseVector,
  REFINE_AFTER_MS,
  type FlowLabRequest,
} from '../../../shared/flow-state';
import { Timing } from './timing';

type Valued = HTMLElement & { value: string };
const NAMES = { euler: 'Euler', rk4: 'RK4', gd: 'GD' } as const;
const STEPS = 200;

export function gradientSection(context: LabContext, get: () => FlowLabRequest, save: (r: FlowLabRequest) => void): HTMLElement {
  const status = h('span', { class: 'flow-status', id: 'gf-status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', id: 'gf-error' });
  const timing = new Timing('gf-frame-ms');
  let result: GradientFlowResult | undefined;
  let plot: Frame | undefined;
  let contours: SVGGElement | undefined;
  let legend: HTMLElement | undefined;
  const plotHost = h('div', { class: 'flow-plots' });
  const summary = h('div', { class: 'facts', id: 'gf-summary' });

  const gf = () => get().gradientFlow;
  const presetSelect = h(
    'vscode-single-select',
    { id: 'gf-preset', 'aria-label': 'Objective preset' },
    h('vscode-option', { value: '', selected: !get().view?.objectivePreset }, 'Custom'),
    ...Object.entries(OBJECTIVE_PRESETS).map(([name, o]) => h('vscode-option', { value: name, selected: get().view?.objectivePreset === name }, o.label)),
  ) as Valued;

  const text = (id: string, label: string, value: string, width = '') => {
    const el = h('vscode-textfield', { id, value, 'aria-label': label }) as Valued;
    if (width) el.style.width = width;
    return { el, row: h('span', { class: 'flow-field-row' }, h('label', { for: id }, label), el) };
  };
  const objective = text('gf-objective', 'f(x, y) =', String(typeof gf().objective === 'string' ? gf().objective : ''), '22em');
  const start = text('gf-start', 'start', gf().start.join(', '), '7em');
  const step = text('gf-h', 'h', String(gf().h), '5em');
  const horizon = text('gf-T', 'T', String(gf().T), '5em');
  const eta = text('gf-eta', 'GD η (blank: h)', gf().eta === undefined ? '' : String(gf().eta), '5em');

  const fields = () => {
    const s = parseVector(start.el.value);
    const hh = parseNumber(step.el.value);
    const T = parseNumber(horizon.el.value);
    const e = eta.el.value.trim() === '' ? undefined : parseNumber(eta.el.value);
    if (!objective.el.value.trim()) return 'Enter an objective in x and y.';
    if (!s) return 'start: two numbers, e.g. 1, -0.5.';
    if (hh === undefined || hh <= 0) return 'h must be a positive number.';
    if (T === undefined || T <= 0) return 'T must be a positive number.';
    if (eta.el.value.trim() !== '' && (e === undefined || e <= 0)) return 'η must be a positive number (or blank for η = h).';
    const next = { ...gf(), objective: objective.el.value, start: s, h: hh, T };
    if (e === undefined) delete next.eta;
    else next.eta = e;
    save({ ...get(), gradientFlow: next });
    return undefined;
  };
  for (const f of [objective, start, step, horizon, eta]) {
    f.el.addEventListener('input', () => {
      const problem = fields();
      if (problem) {
        error.textContent = problem;
        return;
      }
      if (f === objective) {
        presetSelect.value = '';
        save({ ...get(), view: { ...get().view!, objectivePreset: undefined } });
      }
      void run();
    });
  }
  presetSelect.addEventListener('change', () => {
    if (!presetSelect.value) return;
    save(applyObjectivePreset(get(), presetSelect.value));
    objective.el.value = String(gf().objective);
    start.el.value = gf().start.join(', ');
    step.el.value = String(gf().h);
    horizon.el.value = String(gf().T);
    void run();
  });

  const timeLabel = (k: number) => `t = ${((k / STEPS) * (result?.T ?? gf().T)).toPrecision(3)}`;
  const scrub = player(
    'gf-time',
    'Time',
    STEPS,
    STEPS,
    timeLabel,
    (k) => {
      timing.start();
      drawTrajectories(k);
      timing.drawn();
    },
    40,
  );

  /** Counts runs: a full pass is drawn only if no newer edit came meanwhile. */
  let runs = 0;
  let refine: number | undefined;

  /** After an edit: the contours on a coarse grid in this frame, the full grid once the controls rest. */
  async function run(): Promise<void> {
    const call = ++runs;
    if (refine !== undefined) window.clearTimeout(refine);
    timing.start();
    status.textContent = 'computing…';
    status.classList.add('busy');
    try {
      const client = await context.compute();
      const r = await client.run<FlowResult>(gradientRequest(get(), true));
      if (!r) return;
      timing.worker();
      result = r.gradientFlow!;
      error.textContent = '';
      drawAll();
      refine = window.setTimeout(() => void refineRun(call), REFINE_AFTER_MS);
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      status.textContent = '';
      status.classList.remove('busy');
    }
    timing.drawn();
  }

  async function refineRun(call: number): Promise<void> {
    refine = undefined;
    if (call !== runs) return;
    try {
      const client = await context.computeAtRest();
      const r = await client.run<FlowResult>(gradientRequest(get()));
      if (!r || call !== runs) return;
      result = r.gradientFlow!;
      drawAll();
    } catch (e) {
      if (call === runs) error.textContent = e instanceof Error ? e.message : String(e);
    }
  }

  function drawAll(): void {
    const g = result!.grid!;
    // The plot, its contour group and legend are made once and redrawn in place on every edit.
    if (!plot || !contours || !legend) {
      plot = frame('gf-plot', 'Objective f with Euler, RK4 and GD', g.box, 420);
      contours = svgEl('g', { id: 'gf-contours', 'clip-path': plot.layer.getAttribute('clip-path')! }) as SVGGElement;
      plot.svg.insertBefore(contours, plot.layer);
      legend = h('div', { class: 'flow-legend' });
      plotHost.replaceChildren(plot.figure, legend);
    } else setBox(plot, g.box);
    const fmin = range(g.values)[0];
    const shifted = g.values.map((v) => Math.log1p(Math.max(0, v - fmin)));
    const [, top] = range(shifted);
    heatMap(plot, shifted, g.n, 0, top * 1.6, densityColor);
    const thresholds = Array.from({ length: 14 }, (_, i) => ((i + 0.5) / 14) * top);
    plot.caption.textContent = `contours of log(1 + f − min f), min f on the grid = ${fmin.toPrecision(4)}`;
    const etaNote = gf().eta === undefined;
    if (legend.dataset.eta !== String(etaNote)) {
      legend.replaceChildren(
        ...METHODS.map((m) => h('span', { class: `legend ${m}` }, NAMES[m])),
        etaNote ? h('span', { class: 'label' }, 'GD with η = h takes the same steps as Euler (dashed over it)') : '',
      );
      legend.dataset.eta = String(etaNote);
    }
    contours.replaceChildren(...contourLines(plot, shifted, g.n, thresholds));
    const stability = result!.stability;
    summary.replaceChildren(
      ...METHODS.filter((m) => result![m]).map((m) => {
        const t = result![m]!;
        const last = t.loss[t.loss.length - 1];
        return h(
          'div',
          { class: 'fact' },
          h('span', { class: 'label' }, `${NAMES[m]}: f at the end`),
          h('span', { class: 'value', id: `gf-final-${m}` }, t.diverged ? `diverged at step ${t.diverged.step}` : last.toPrecision(5)),
        );
      }),
    );
    if (stability)
      summary.append(
        h('div', { class: 'fact' }, h('span', { class: 'label' }, 'stability limit 2/λ_max'), h('span', { class: 'value' }, stability.hMax.toPrecision(3))),
      );
    scrub.setMax(STEPS, scrub.value);
    drawTrajectories(scrub.value);
  }

  function upToTime(t: TrajectoryResult, time: number): number[][] {
    let k = 0;
    while (k < t.times.length && t.times[k] <= time + 1e-12) k++;
    return t.trajectory.slice(0, Math.max(1, k));
  }

  function drawTrajectories(k: number): void {
    if (!plot || !result) return;
    const time = (k / STEPS) * result.T;
    const parts: SVGElement[] = [];
    for (const m of METHODS) {
      const t = result[m];
      if (!t) continue;
      const pts = upToTime(t, time);
      parts.push(polyline(plot, pts, `traj ${m}`));
      const end = marker(plot, pts[pts.length - 1], `traj-marker ${m}`);
      if (end) parts.push(end);
    }
    const s = marker(plot, result.rk4?.trajectory[0] ?? gf().start, 'start-marker', 5);
    if (s) parts.push(s);
    plot.layer.replaceChildren(...parts);
  }

  const section = h(
    'section',
    { id: 'flow-gradient', class: 'flow-section', 'aria-label': 'Gradient flow' },
    h('div', { class: 'controls' }, h('label', { for: 'gf-preset' }, 'Objective'), presetSelect, objective.row, status, timing.element),
    h('div', { class: 'controls' }, start.row, step.row, horizon.row, eta.row),
    error,
    h(
      'div',
      { class: 'flow-columns' },
      h('div', { class: 'flow-main' }, scrub.element, plotHost),
      h(
        'div',
        { class: 'flow-side' },
        tex(String.raw`\dot x = -\nabla f(x)`),
        tex(String.raw`\text{Euler / GD: } x_{k+1} = x_k - h\,\nabla f(x_k)`),
        tex(String.raw`\text{RK4: } x_{k+1} = x_k + \tfrac{h}{6}(k_1 + 2k_2 + 2k_3 + k_4)`),
        summary,
      ),
    ),
  );
  void run();
  return section;
}
