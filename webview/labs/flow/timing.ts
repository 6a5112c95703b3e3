/**
 * Control change → next drawn frame: `start()` at the change, `drawn()` after drawing; the time
 * to the following animation frame is shown (and kept in data-ms for the end-to-end test).
 */
import { h } from '../../dom';

export class Timing {
  readonly element: HTMLElement;
  private t0: number | undefined;

  constructor(id: string) {
    this.element = h('span', { id, class: 'flow-timing', title: 'Time from the control change to the next drawn frame' });
  }

  start(): void {
    this.t0 = performance.now();
  }

  drawn(): void {
    const t0 = this.t0;
    if (t0 === undefined) return;
    this.t0 = undefined;
    requestAnimationFrame(() => {
      const ms = performance.now() - t0;
      this.element.dataset.ms = ms.toFixed(1);
      this.element.textContent = `frame in ${ms.toFixed(0)} ms`;
    });
  }
}
