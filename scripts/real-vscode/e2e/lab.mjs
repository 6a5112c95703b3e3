// What the e2e check groups share about the lab webview: its frame in the editor-area panel, the
// text-contrast check, choosing an option of a select, and the control → frame-time loop.
import { contrastReport } from '../contrast.mjs';
import { changed, labFrame as anyLabFrame } from '../workbench.mjs';

/** The lab's frame in the editor-area panel (or in the side view with host 'view'). */
export const labFrame = (page, timeoutMs = 30_000, host = 'panel') => anyLabFrame(page, timeoutMs, host);

/**
 * Every visible text in the lab must reach WCAG AA contrast (4.5:1) against its background in
 * the current theme; logs the lowest ratios seen.
 */
export async function checkContrast(frame, log, what) {
  const { checked, failures } = await frame.evaluate(contrastReport, 4.5);
  if (failures.length) throw new Error(`${what}: ${failures.length} of ${checked} texts below 4.5:1, e.g. ${JSON.stringify(failures.slice(0, 4))}`);
  log(`    ${what}: ${checked} texts, all ≥ 4.5:1`);
}

/** Choose `value` in the select at `selector`, as the select does when a person picks it (a change event). */
export async function pick(frame, selector, value) {
  await frame.locator(selector).evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('change'));
  }, value);
}

/**
 * Control change → next drawn frame, measured in the webview (performance.now + rAF): for each of
 * `values`, `apply(value)` changes a control; then the `counter` attribute of `timing` moves on
 * (`what` names that wait) and its `ms` attribute holds the frame's time. When `line` is given,
 * `line(value, ms)` is logged after each edit. Returns the times, for frameStats.
 * @param {{ timing: any, values: string[], apply: (value: string) => Promise<unknown>, log?: (line: string) => void, line?: (value: string, ms: string) => Promise<string>, counter?: string, ms?: string, what?: string }} options
 */
export async function controlToFrame({ timing, values, apply, log, line, counter = 'data-frames', ms = 'data-frame-ms', what = 'next drawn frame' }) {
  const times = [];
  let frames = await timing.getAttribute(counter);
  for (const value of values) {
    await apply(value);
    frames = await changed(() => timing.getAttribute(counter), frames, what);
    const frameMs = await timing.getAttribute(ms);
    times.push(Number(frameMs));
    if (line) log(await line(value, frameMs));
  }
  return times;
}

/** The parts a lab computed in its worker and drew, as its timing element records them. */
export const workerAndDraw = async (timing) =>
  `worker round trip ${await timing.getAttribute('data-worker-ms')} ms, draw ${await timing.getAttribute('data-draw-ms')} ms`;
