/** Play / pause / step / scrub over optimizer steps: a native range input and two buttons. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h } from '../../dom';

export interface Scrubber {
  element: HTMLElement;
  /** New number of steps (keeps the position when it still fits). */
  setMax(max: number): void;
  readonly value: number;
  stop(): void;
}

export function scrubber(onStep: (k: number) => void): Scrubber {
  const range = h('input', { type: 'range', id: 'opt-step', min: '0', max: '0', value: '0', step: '1', 'aria-label': 'Step' });
  const readout = h('output', { id: 'opt-step-readout', for: 'opt-step', 'aria-live': 'off' }, 'step 0');
  const play = h('vscode-button', { id: 'opt-play', 'aria-label': 'Play', secondary: true }, 'Play');
  const next = h('vscode-button', { id: 'opt-next', 'aria-label': 'Next step', secondary: true }, 'Step');
  let timer: number | undefined;
  let max = 0;
  const show = (k: number) => {
    range.value = String(k);
    readout.textContent = `step ${k} / ${max}`;
    onStep(k);
  };
  const stop = () => {
    if (timer !== undefined) cancelAnimationFrame(timer);
    timer = undefined;
    play.textContent = 'Play';
    play.setAttribute('aria-label', 'Play');
  };
  const tick = () => {
    const k = Number(range.value) + Math.max(1, Math.round(max / 240));
    show(Math.min(k, max));
    if (k >= max) stop();
    else timer = requestAnimationFrame(tick);
  };
  play.addEventListener('click', () => {
    if (timer !== undefined) return stop();
    if (Number(range.value) >= max) show(0);
    play.textContent = 'Pause';
    play.setAttribute('aria-label', 'Pause');
    timer = requestAnimationFrame(tick);
  });
  next.addEventListener('click', () => {
    stop();
    show(Math.min(max, Number(range.value) + 1));
  });
  range.addEventListener('input', () => {
    stop();
    show(Number(range.value));
  });
  return {
    element: h('div', { class: 'opt-scrubber' }, play, next, h('label', { for: 'opt-step', class: 'label' }, 'Step'), range, readout),
    setMax(m) {
      max = m;
      range.max = String(m);
      show(Math.min(Number(range.value), m) || m);
    },
    get value() {
      return Number(range.value);
    },
    stop,
  };
}
