/**
 * "Save PNG" and "Save JSON" for a lab: the plot as an image and the lab's parameters (what the
 * lab saves in its state, plus where they came from) as JSON. The extension asks where to save.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { LabKind } from '../shared/protocol';
import { h } from './dom';
import type { LabContext } from './lab-context';
import { pngBase64 } from './snapshot';

/** The parameters file: readable, and loadable again as a lab request. */
export function parametersJson(context: LabContext, lab: LabKind): string {
  const { requests, sources } = context.state;
  // codeKey is the lab's own bookkeeping (were the parameters edited since they came from code?).
  const request = requests[lab] ? Object.fromEntries(Object.entries(requests[lab]).filter(([key]) => key !== 'codeKey')) : null;
  return JSON.stringify({ mlLens: 1, lab, request, ...(sources?.[lab] ? { source: sources[lab] } : {}) }, null, 2) + '\n';
}

export function exportButtons(context: LabContext, lab: LabKind, plot: () => HTMLElement | null): HTMLElement {
  const png = h('vscode-button', { id: `${lab}-save-png`, secondary: true, title: 'Save the plot as a PNG image' }, 'Save PNG');
  const json = h('vscode-button', { id: `${lab}-save-json`, secondary: true, title: 'Save the lab parameters as JSON' }, 'Save JSON');
  png.addEventListener('click', () => {
    const target = plot();
    if (!target) return context.reportError(`The ${lab} lab has no plot to save yet.`);
    pngBase64(target).then(
      (data) => context.saveFile(`ml-lens-${lab}.png`, data, 'base64', `the ${lab} plot`),
      (e: unknown) => context.reportError(e instanceof Error ? e.message : String(e)),
    );
  });
  json.addEventListener('click', () => context.saveFile(`ml-lens-${lab}.json`, parametersJson(context, lab), 'utf8', `the ${lab} lab parameters`));
  return h('span', { class: 'export-buttons' }, png, json);
}
