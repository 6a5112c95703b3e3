/**
 * The flow lab: "Normalizing flow" (a stack of coupling / planar / radial layers pushing a
 * Gaussian, layer by layer) and "Gradient flow" (Euler vs RK4 vs GD on an objective). Only the
 * visible section is mounted, so the two never compete for the compute worker. Parameters are
 * saved in the flow request (its extra `view` field keeps the section, scrubber and presets).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { flowCode } from '../../compute/flow/codegen';
import { h } from '../dom';
import { codeNotes, editedSinceCode, markedFromCode, type CodeFindings } from '../code-notes';
import { exportButtons } from '../export-bar';
import type { LabContext } from '../lab-context';
import { gradientSection } from './flow/gradient';
import { normalizingSection } from './flow/normalizing';
import { normalize, type FlowLabRequest, type Section } from '../../shared/flow-state';

const SECTIONS: [Section, string][] = [
  ['normalizing', 'Normalizing flow'],
  ['gradient', 'Gradient flow'],
];

export function mount(root: HTMLElement, context: LabContext): void {
  let request = normalize(context.state.requests.flow);
  const get = () => request;
  const source = context.state.sources?.flow;
  // What the recognizer read from the code (the lab draws its own points, so notes about them are dropped).
  const notesHost = h('div', { class: 'code-notes-host' });
  const layersKey = (r: FlowLabRequest) => JSON.stringify(r.layers);
  const drawNotes = () => {
    const findings = request as CodeFindings;
    const notes = Array.isArray(findings.notes) ? findings.notes.filter((n) => typeof n === 'string' && !n.startsWith('Default points')) : [];
    notesHost.replaceChildren((source && codeNotes('flow-code-notes', { ...findings, notes }, [], editedSinceCode(request, layersKey(request)))) || '');
  };
  const save = (next: FlowLabRequest) => {
    request = next;
    context.save({ ...context.state, requests: { ...context.state.requests, flow: request } });
    drawNotes();
  };
  if (source) request = markedFromCode(request, layersKey(request));
  save(request);

  const body = h('div', { class: 'flow-body' });
  const tabs = SECTIONS.map(([id, label]) => {
    const tab = h('button', { role: 'tab', id: `flow-tab-${id}`, class: 'flow-tab', type: 'button', 'aria-controls': 'flow-panel' }, label);
    tab.addEventListener('click', () => select(id, true));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const other = SECTIONS[(SECTIONS.findIndex(([s]) => s === id) + 1) % SECTIONS.length][0];
      select(other, true);
      document.getElementById(`flow-tab-${other}`)?.focus();
    });
    return tab;
  });

  function select(section: Section, persist: boolean): void {
    if (persist) save({ ...request, view: { ...request.view!, section } });
    tabs.forEach((tab, i) => {
      const on = SECTIONS[i][0] === section;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    });
    body.replaceChildren(section === 'gradient' ? gradientSection(context, get, save) : normalizingSection(context, get, save));
  }

  root.append(
    h(
      'header',
      {},
      h('h1', {}, 'Flow lab'),
      ...codeButtons(context, get),
      exportButtons(context, 'flow', () => root.querySelector('.flow-plots')),
    ),
    notesHost,
    h('div', { role: 'tablist', class: 'flow-tabs', 'aria-label': 'Flow lab sections' }, ...tabs),
    h('div', { role: 'tabpanel', id: 'flow-panel', class: 'flow-panel' }, body),
  );
  select(request.view?.section ?? 'normalizing', false);
}

/** "Apply to code" (when the stack came from code) and "Copy as PyTorch" for the flow stack. */
function codeButtons(context: LabContext, get: () => FlowLabRequest): HTMLElement[] {
  const buttons: HTMLElement[] = [];
  const source = context.state.sources?.flow;
  if (source) {
    const apply = h(
      'vscode-button',
      { id: 'flow-apply', secondary: true, title: 'Write the coupling layers into the code (Ctrl+Z undoes it)' },
      'Apply to code',
    );
    apply.addEventListener('click', () => context.applyToCode({ lab: 'flow', request: get() }, source));
    buttons.push(apply);
  }
  const copy = h('vscode-button', { id: 'flow-copy', secondary: true, title: 'Copy the stack as a PyTorch module' }, 'Copy as PyTorch');
  copy.addEventListener('click', () => {
    try {
      context.copyText(flowCode(get().layers), 'the flow as PyTorch code');
    } catch (e) {
      context.reportError(e instanceof Error ? e.message : String(e));
    }
  });
  buttons.push(copy);
  return buttons;
}
