/** A scrubber with play / pause / step: a labelled range input over 0..max and three buttons. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h } from '../../dom';

export interface Player {
  element: HTMLElement;
  value: number;
  setMax(max: number, value?: number): void;
  stop(): void;
}

/**
 * `onInput(v)` is awaited before the next play step, so playing never outruns the compute.
 * `label(v)` describes the position (shown and read by screen readers).
 */
export function player(
  id: string,
  name: string,
  max: number,
  value: number,
  label: (v: number) => string,
  onInput: (v: number) => Promise<void> | void,
  intervalMs = 600,
): Player {
  const range = h('input', { type: 'range', id, min: '0', max: String(max), step: '1', value: String(value), class: 'scrubber' });
  const text = h('output', { for: id, id: `${id}-text`, class: 'scrubber-text' }, label(value));
  const play = h('vscode-button', { secondary: true, id: `${id}-play`, 'aria-label': `Play ${name}` }, '▶ Play');
  const step = h('vscode-button', { secondary: true, id: `${id}-step`, 'aria-label': `Step ${name}` }, 'Step ›');
  let timer: number | undefined;
  let playing = false;

  const set = async (v: number) => {
    range.value = String(v);
    text.textContent = label(v);
    range.setAttribute('aria-valuetext', label(v));
    await onInput(v);
  };
  const stop = () => {
    playing = false;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    play.textContent = '▶ Play';
    play.setAttribute('aria-label', `Play ${name}`);
  };
  const tick = async () => {
    if (!playing) return;
    const max = Number(range.max);
    const next = Number(range.value) >= max ? 0 : Number(range.value) + 1;
    await set(next);
    if (playing) timer = window.setTimeout(() => void tick(), next === max ? intervalMs * 2 : intervalMs);
  };
  play.addEventListener('click', () => {
    if (playing) return stop();
    playing = true;
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-label', `Pause ${name}`);
    void tick();
  });
  step.addEventListener('click', () => {
    stop();
    const max = Number(range.max);
    void set(Number(range.value) >= max ? 0 : Number(range.value) + 1);
  });
  range.addEventListener('input', () => {
    stop();
    void set(Number(range.value));
  });
  range.setAttribute('aria-valuetext', label(value));
  return {
    element: h('div', { class: 'player controls' }, h('label', { for: id }, name), range, text, play, step),
    get value() {
      return Number(range.value);
    },
    setMax(m, v) {
      range.max = String(m);
      if (v !== undefined || Number(range.value) > m) range.value = String(v ?? m);
      text.textContent = label(Number(range.value));
    },
    stop,
  };
}
