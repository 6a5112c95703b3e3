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

/** A formula rendered with KaTeX (display style by default). */
export function tex(source: string, display = true): HTMLElement {
  const el = h('div', { class: display ? 'math display' : 'math' });
  katex.render(source, el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  return el;
}
