/**
 * What every lab module gets from the shell: the saved state, a way to save it, the compute
 * worker, and small rendering helpers. A lab module exports `mount(root, context)`.
 */
import katex from 'katex';
import type { LabApply } from '../compute';
import type { LabState, ModelInputs, SourceRef } from '../shared/protocol';
import type { ComputeClient } from './compute-client';
import { h } from './dom';

export interface LabContext {
  /** The state as saved (parameters and seeds, never results). */
  readonly state: LabState;
  /** Replace the saved state (persisted with the webview, restored on reload). */
  save(next: LabState): void;
  /** The compute worker (started on first use). */
  compute(): Promise<ComputeClient>;
  /**
   * A second worker for work done while the controls rest (the full pass after a coarse one):
   * an edit's request on `compute()` never queues behind it.
   */
  computeAtRest(): Promise<ComputeClient>;
  /** Tell the extension something went wrong (logged there). */
  reportError(message: string): void;
  /** Ask the extension to write these parameters back into the code at `source`. */
  applyToCode(apply: LabApply, source: SourceRef): void;
  /** Put text on the clipboard through the extension (`what` names it in the confirmation). */
  copyText(text: string, what: string): void;
  /** Ask the extension to save a file (it shows a save dialog; `what` names it in messages). */
  saveFile(name: string, data: string, encoding: 'base64' | 'utf8', what: string): void;
  /** Show a line (1-based) of a file in the editor. */
  revealLine(uri: string, line: number): void;
  /** Ask the extension to analyze the model again with these inputs (it answers with showLab or modelError). */
  analyzeModel(inputs: ModelInputs): void;
  /** Where a failed re-analysis is reported (one listener; the shell resets it when it redraws). */
  onModelError(listener: (message: string) => void): void;
}

export type MountLab = (root: HTMLElement, context: LabContext) => void;

/**
 * KaTeX's output by source, parsed once: labs redraw the same formulas on every edit, and both
 * KaTeX and parsing its markup (HTML plus MathML) are slow. A clone of the parsed nodes is cheap.
 */
const rendered = new Map<string, HTMLElement>();

/** A formula rendered with KaTeX (display style by default). */
export function tex(source: string, display = true): HTMLElement {
  const key = `${display ? 'D' : 'I'}${source}`;
  let template = rendered.get(key);
  if (template === undefined) {
    template = h('div', { class: display ? 'math display' : 'math' });
    // KaTeX's own output (it escapes the source); no script can come from it.
    template.innerHTML = katex.renderToString(source, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
    if (rendered.size > 500) rendered.clear();
    rendered.set(key, template);
  }
  return template.cloneNode(true) as HTMLElement;
}
