/**
 * Control change → next drawn frame: `start()` at the change, `worker()` when the result
 * arrives, `drawn()` after drawing; the time to the following animation frame is shown with its
 * worker and draw parts (and kept in data-ms / data-worker-ms / data-draw-ms for the e2e test).
 */
import { h } from '../../dom';

export class Timing {
  readonly element: HTMLElement;
  private t0: number | undefined;
  private tWorker: number | undefined;

  constructor(id: string) {
    this.element = h('span', { id, class: 'flow-timing', title: 'Time from the control change to the next drawn frame' });
  }

  start(): void {
    this.t0 = performance.now();
    this.tWorker = undefined;
  }

  /** The compute result arrived (before drawing). */
  worker(): void {
    if (this.t0 !== undefined) this.tWorker = performance.now();
  }

  drawn(): void {
    const t0 = this.t0;
    if (t0 === undefined) return;
    const tWorker = this.tWorker ?? t0;
    const tDrawn = performance.now();
    this.t0 = undefined;
    requestAnimationFrame(() => {
      const ms = performance.now() - t0;
      const e = this.element;
      e.dataset.ms = ms.toFixed(1);
      // A count, so a test can wait for the next frame even when two frames take the same time.
      e.dataset.frames = String(Number(e.dataset.frames ?? 0) + 1);
      e.dataset.workerMs = (tWorker - t0).toFixed(1);
      e.dataset.drawMs = (tDrawn - tWorker).toFixed(1);
      e.textContent = `frame in ${ms.toFixed(0)} ms (worker ${e.dataset.workerMs}, draw ${e.dataset.drawMs})`;
    });
  }
}
