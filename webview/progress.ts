/**
 * The shell's progress line: when a compute request has run longer than a moment, it shows a
 * spinner, the fraction done (optimizer and gradient-flow runs report it), the elapsed time and
 * a Cancel button (Escape works too). A newer edit stops the old
 * run by itself (see ComputeClient), so this is for the runs a person chose to make long.
 */
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ComputeClient } from './compute-client';
import { h } from './dom';

/** Runs shorter than this never show the line (no flicker on ordinary edits). */
export const SHOW_AFTER_MS = 300;

export function progressLine(client: ComputeClient): HTMLElement {
  const elapsed = h('span', { id: 'lab-progress-time' });
  const cancel = h('vscode-button', { id: 'lab-progress-cancel', secondary: true, title: 'Stop this computation (Escape)' }, 'Cancel');
  // Determinate once the worker reports the fraction done, indeterminate before.
  const bar = h('vscode-progress-bar', { id: 'lab-progress-bar', max: '100', 'aria-label': 'Fraction of the computation done' }) as HTMLElement & {
    value?: number;
  };
  const line = h('div', { id: 'lab-progress', class: 'lab-progress', role: 'status', hidden: true }, h('span', {}, 'Computing… '), bar, elapsed, cancel);
  let timer: ReturnType<typeof setInterval> | undefined;
  let since: number | undefined;
  let fraction: number | undefined;
  const tick = () => {
    if (since === undefined) return;
    const ms = performance.now() - since;
    line.hidden = ms < SHOW_AFTER_MS;
    const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}% · `;
    elapsed.textContent = `${percent}${(ms / 1000).toFixed(1)} s`;
    bar.value = fraction === undefined ? undefined : Math.floor(fraction * 100);
  };
  client.onBusy((running) => {
    since = running?.since;
    fraction = running?.fraction;
    line.dataset.restarts = String(client.restarts);
    if (since === undefined) {
      clearInterval(timer);
      timer = undefined;
      line.hidden = true;
    } else {
      timer ??= setInterval(tick, 100);
      tick();
    }
  });
  cancel.addEventListener('click', () => client.cancel());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !line.hidden) client.cancel();
  });
  return line;
}
