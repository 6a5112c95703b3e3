/**
 * The optimizer lab: several optimizers at once on one contour plot (trajectories, draggable
 * start, divergence marks), loss vs step on a log scale with the (1 − μ/L)^k bound on quadratics,
 * the learning-rate schedule with the Robbins–Monro verdict, a step scrubber, and the first
 * optimizer's update rule with its hyperparameters. Parameters are saved, results recomputed.
 */
import type { OptimizerRequest, OptimizerResult } from '../../compute';
import { optimizerCode } from '../../compute/optim/codegen';
import { codeNotes, editedSinceCode, markedFromCode, type CodeFindings } from '../code-notes';
import { exportButtons } from '../export-bar';
import { h } from '../dom';
import { sourceLabel } from '../../shared/protocol';
import { tex, type LabContext } from '../lab-context';
import { contourPlot, type Path } from '../plots/contour';
import { linePlot, type Series } from '../plots/line-plot';
import { controls } from './optimizer/controls';
import { formatNumber, normalizeRequest, runLabel, runRequest, specsOf } from './optimizer/form';
import { scrubber } from './optimizer/scrubber';
import { updateRuleNote, updateRuleTex } from './optimizer/update-rule';

/** Loss shown on the log plot: f − f* when f* is known, else f shifted to stay positive. */
export function lossSeries(loss: number[], minimum: number | undefined, floor: number): number[] {
  const base = minimum ?? floor;
  return loss.map((v) => v - base);
}

export function mount(root: HTMLElement, context: LabContext): void {
  let request = normalizeRequest(context.state.requests.optimizer);
  let result: OptimizerResult | undefined;
  let gridKey = '';
  /** The objective and start the drawn contours were computed for: the grid is only requested again when they change. */
  let gridFor = '';
  let gridStart = '';
  let gridBox: { x: [number, number]; y: [number, number] } | undefined;
  /** A start inside the drawn box (with the view's ½ margin) keeps the grid: dragging only re-runs the optimizers. */
  const startInside = (start: number[] | undefined) =>
    start !== undefined &&
    gridBox !== undefined &&
    start[0] - 0.5 >= gridBox.x[0] &&
    start[0] + 0.5 <= gridBox.x[1] &&
    start[1] - 0.5 >= gridBox.y[0] &&
    start[1] + 0.5 <= gridBox.y[1];
  let changedAt: number | undefined;
  const texCache = new Map<HTMLElement, string>();
  /** Render TeX into `host` only when it changed (KaTeX is the slowest part of a redraw). */
  const setTex = (host: HTMLElement, sources: string[], before: Node[] = []) => {
    const key = JSON.stringify([sources, before.map((n) => n.textContent)]);
    if (texCache.get(host) === key) return;
    texCache.set(host, key);
    host.replaceChildren(...before, ...sources.map((t) => tex(t)));
  };

  const source = context.state.sources?.optimizer;
  const error = h('p', { id: 'opt-error', class: 'error', role: 'alert' });
  const status = h('ul', { id: 'opt-status', class: 'opt-status', 'aria-live': 'polite' });
  const rule = h('div', { id: 'opt-rule', class: 'opt-rule' });
  const ruleNote = h('p', { id: 'opt-rule-note', class: 'opt-rule-note', hidden: true });
  const theory = h('div', { id: 'opt-theory', class: 'opt-theory' });
  const verdict = h('p', { id: 'opt-robbins-monro', class: 'opt-verdict' });
  const timing = h('span', { id: 'opt-timing', class: 'label' });
  // What the simulator says about the running schedule (ReduceLROnPlateau's metric, a Keras or
  // optax schedule replacing the lr, OneCycleLR's total_steps…), shown under the schedule controls.
  const scheduleNotes = h('ul', { id: 'opt-schedule-notes', class: 'opt-schedule-notes', 'aria-live': 'polite' });
  const formHost = h('div', {});
  // What the recognizer read from the code, kept with the request; stale once the optimizers are edited.
  const notesHost = h('div', { class: 'code-notes-host' });
  const optimizersKey = (r: OptimizerRequest) => JSON.stringify(specsOf(r).map((o) => [o.name, o.framework, o.hyperparameters]));
  if (source) request = markedFromCode(request, optimizersKey(request));
  const drawNotes = () =>
    notesHost.replaceChildren((source && codeNotes('opt-code-notes', request as CodeFindings, [], editedSinceCode(request, optimizersKey(request)))) || '');
  // The optimizers (and a PyTorch scheduler) as code for their frameworks, on the clipboard.
  const copyButton = h('vscode-button', { id: 'opt-copy', secondary: true, title: 'Copy these optimizers as PyTorch / Keras / optax code' }, 'Copy as code');
  copyButton.addEventListener('click', () => {
    try {
      context.copyText(optimizerCode(request), 'the optimizers as code');
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
    }
  });
  // Writes the first optimizer's hyperparameters back into the call it came from (undo works).
  const applyButton = h(
    'vscode-button',
    { id: 'opt-apply', secondary: true, title: 'Write these hyperparameters into the code (Ctrl+Z undoes it)' },
    'Apply to code',
  );
  applyButton.addEventListener('click', () => {
    const first = specsOf(request)[0];
    if (source && first) context.applyToCode({ lab: 'optimizer', request: { ...request, optimizer: first, optimizers: [first] } }, source);
  });

  const contour = contourPlot(
    'Contour plot of the objective with the optimizer trajectories',
    (p) => {
      request = { ...request, start: p };
      void recompute();
    },
    () => save(),
  );
  const loss = linePlot('Loss against step, log scale');
  const lr = linePlot('Learning rate against step', 440, 150);
  const scrub = scrubber((k) => {
    contour.setStep(k);
    loss.setStep(k);
    lr.setStep(k);
  });

  const save = () => context.save({ ...context.state, requests: { ...context.state.requests, optimizer: request } });
  const drawForm = () => formHost.replaceChildren(controls(request, { change: onChange, scheduleNotes }));
  function onChange(next: OptimizerRequest, redraw: boolean) {
    changedAt = performance.now();
    request = next;
    save();
    drawNotes();
    if (redraw) drawForm();
    void recompute();
  }

  root.append(
    h(
      'header',
      {},
      h('h1', {}, 'Optimizer lab'),
      source ? h('span', { class: 'source' }, `from ${sourceLabel(source)}`) : null,
      source ? applyButton : null,
      copyButton,
      exportButtons(context, 'optimizer', () => root.querySelector('.opt-main')),
      timing,
    ),
    error,
    notesHost,
    h(
      'div',
      { class: 'opt-main' },
      h('figure', { class: 'opt-figure' }, contour.element, scrub.element, h('figcaption', {}, status)),
      h(
        'aside',
        { class: 'opt-side' },
        h('h2', {}, 'Update rule'),
        rule,
        ruleNote,
        theory,
        h('h2', {}, 'Loss'),
        loss.element,
        h('h2', {}, 'Learning rate'),
        lr.element,
        verdict,
      ),
    ),
    formHost,
  );
  drawForm();
  drawNotes();
  save(); // the defaults count as the lab's parameters (export, restore)

  function draw(r: OptimizerResult) {
    result = r;
    const specs = specsOf(request);
    if (r.grid) {
      const key = JSON.stringify([r.objective.expr, r.grid.box, r.grid.n]);
      if (key !== gridKey) contour.setGrid(r.grid, r.objective.minimizers);
      gridKey = key;
    }
    const paths: Path[] = r.runs.map((run, i) => ({
      points: run.trajectory,
      cls: `series-${i % 6}`,
      label: specs[i] ? runLabel(specs[i]) : run.label,
      divergedAt: run.diverged?.step,
    }));
    contour.setPaths(paths, r.start);

    // Loss: f − f* on a log axis (f* known), else f − min over the runs.
    let floor = Infinity;
    for (const run of r.runs) for (const v of run.loss) if (Number.isFinite(v) && v < floor) floor = v;
    floor = Number.isFinite(floor) ? floor - Math.max(1e-12, Math.abs(floor) * 1e-9) : 0;
    const lossSets: Series[] = r.runs.map((run, i) => ({
      values: lossSeries(run.loss, r.objective.minimum, floor),
      cls: `series-${i % 6}`,
      label: paths[i].label,
    }));
    if (r.theory)
      lossSets.push({ values: r.theory.lossBound, cls: 'reference', label: `GD bound (1 − μ/L)^k with lr = 1/L = ${formatNumber(1 / r.theory.L)}` });
    loss.set(lossSets, r.steps, { log: true, yLabel: r.objective.minimum !== undefined ? 'f − f*' : 'f − min f' });
    lr.set(
      r.runs.map((run, i) => ({ values: run.lr, cls: `series-${i % 6}`, label: paths[i].label })),
      r.steps,
      { yLabel: 'lr' },
    );

    const first = r.runs[0];
    const o = first.optimizer;
    setTex(rule, [updateRuleTex(o.name, o.framework, o.hyperparameters)], [h('p', { class: 'label' }, `${paths[0].label}, ${o.framework} semantics`)]);
    const note = updateRuleNote(o.name, o.framework, o.hyperparameters);
    ruleNote.textContent = note;
    ruleNote.hidden = note === '';
    // Notes of every run's schedule, once each (runs with their own schedule may add theirs).
    const seen = new Set<string>();
    const scheduleLines: HTMLElement[] = [];
    r.runs.forEach((run) => {
      for (const text of run.schedule?.notes ?? []) {
        if (seen.has(text)) continue;
        seen.add(text);
        scheduleLines.push(h('li', {}, text.startsWith(run.schedule!.name) ? null : h('strong', {}, `${run.schedule!.name}: `), text));
      }
    });
    scheduleNotes.replaceChildren(...scheduleLines);
    theory.dataset.kappa = r.theory ? String(r.theory.kappa) : '';
    if (r.theory) {
      const t = r.theory;
      setTex(
        theory,
        [
          `\\mu = ${formatNumber(t.mu)},\\; L = ${formatNumber(t.L)},\\; \\kappa = L/\\mu = ${formatNumber(t.kappa)}`,
          `f(x_k) - f^* \\le \\left(1 - \\tfrac{\\mu}{L}\\right)^{k} (f(x_0) - f^*) = ${formatNumber(t.rate)}^{k}\\,(f(x_0) - f^*)`,
        ],
        [
          h('h2', {}, 'Theory (quadratic)'),
          h('p', { class: 'label' }, 'Dashed on the loss plot: gradient descent with lr = 1/L is guaranteed to stay below it.'),
        ],
      );
    } else setTex(theory, []);
    const rm = first.robbinsMonro;
    verdict.replaceChildren(
      ...(rm
        ? [
            h('strong', {}, rm.satisfied ? 'Robbins–Monro: satisfied. ' : 'Robbins–Monro: not satisfied. '),
            `Σα ${rm.sumDiverges ? '= ∞' : '< ∞'}, Σα² ${rm.sumOfSquaresConverges ? '< ∞' : '= ∞'}. ${rm.reason}`,
          ]
        : []),
    );
    status.replaceChildren(
      ...r.runs.map((run, i) =>
        h(
          'li',
          { class: `series-${i % 6}`, 'data-run': String(i), ...(run.diverged ? { 'data-diverged': String(run.diverged.step) } : {}) },
          h('span', { class: 'swatch', 'aria-hidden': 'true' }),
          `${paths[i].label}: `,
          run.diverged
            ? h('strong', { class: 'diverged' }, `diverged at step ${run.diverged.step}`)
            : `f = ${formatNumber(run.loss[run.loss.length - 1])} after ${run.trajectory.length - 1} steps`,
        ),
      ),
    );
    scrub.setMax(r.steps);
  }

  async function recompute() {
    try {
      const client = await context.compute();
      const key = JSON.stringify(request.objective);
      const sent = performance.now();
      const sentStart = JSON.stringify(request.start);
      const sameGrid = key === gridFor && (startInside(request.start) || sentStart === gridStart);
      const next = await client.run<OptimizerResult>(sameGrid ? request : runRequest(request));
      if (!next) return; // superseded by a newer edit
      if (next.grid) [gridFor, gridBox, gridStart] = [key, next.grid.box, sentStart];
      const received = performance.now();
      error.textContent = '';
      draw(next);
      const drawn = performance.now();
      timing.dataset.workerMs = (received - sent).toFixed(2);
      timing.dataset.drawMs = (drawn - received).toFixed(2);
      const began = changedAt;
      changedAt = undefined;
      if (began !== undefined) {
        requestAnimationFrame(() => {
          const ms = performance.now() - began;
          timing.textContent = `update ${ms.toFixed(1)} ms`;
          timing.dataset.frameMs = ms.toFixed(2);
          timing.dataset.frames = String(Number(timing.dataset.frames ?? 0) + 1);
        });
      }
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      scheduleNotes.replaceChildren();
      if (!result) status.replaceChildren();
    }
  }
  void recompute();
}
