/**
 * What every lab module gets from the shell: the saved state, a way to save it, the compute
 * worker, and small rendering helpers. A lab module exports `mount(root, context)`.
 */
import katex from 'katex';
import type { LabApply } from '../compute';
import type { LabState, SourceRef } from '../shared/protocol';
import type { ComputeClient } from './compute-client';
import { h } from './dom';

export interface LabContext {
  /** The state as saved (parameters and seeds, never results). */
  readonly state: LabState;
  /** Replace the saved state (persisted with the webview, restored on reload). */
  save(next: LabState): void;
  /** The compute worker (started on first use). */
  compute(): Promise<ComputeClient>;
  /** Tell the extension something went wrong (logged there). */
  reportError(message: string): void;
  /** Ask the extension to write these parameters back into the code at `source`. */
  applyToCode(apply: LabApply, source: SourceRef): void;
  /** Put text on the clipboard through the extension (`what` names it in the confirmation). */
  copyText(text: string, what: string): void;
  /** Ask the extension to save a file (it shows a save dialog; `what` names it in messages). */
  saveFile(name: string, data: string, encoding: 'base64' | 'utf8', what: string): void;
}

export type MountLab = (root: HTMLElement, context: LabContext) => void;

/** KaTeX's markup by source: labs redraw the same formulas on every edit, and KaTeX is slow. */
const rendered = new Map<string, string>();

/** A formula rendered with KaTeX (display style by default). */
export function tex(source: string, display = true): HTMLElement {
  const el = h('div', { class: display ? 'math display' : 'math' });
  const key = `${display ? 'D' : 'I'}${source}`;
  let markup = rendered.get(key);
  if (markup === undefined) {
    markup = katex.renderToString(source, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
    if (rendered.size > 500) rendered.clear();
    rendered.set(key, markup);
  }
  // KaTeX's own output (it escapes the source); no script can come from it.
  el.innerHTML = markup;
  return el;
}
