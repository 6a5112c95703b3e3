/**
 * The normalizing-flow stack editor: one card per layer with its fields (mask, s and t for a
 * coupling; u, w, b for planar; z0, α, β for radial), inline errors, move up / down / remove,
 * and add-layer buttons. Field edits change the layer in place (focus stays); structural edits
 * redraw the list.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { FlowLayerJson } from '../../../compute/flow/types';
import { h } from '../../dom';
import { layerError, moveLayer, NEW_LAYERS, parseNumber, parseVector } from '../../../shared/flow-state';

type Valued = HTMLElement & { value: string };

const TITLES: Record<FlowLayerJson['type'], string> = { affine_coupling: 'Affine coupling', planar: 'Planar', radial: 'Radial' };

export interface StackEditor {
  element: HTMLElement;
  /** Replace the layers (a preset or a reload). */
  set(layers: FlowLayerJson[]): void;
}

/** `onChange(layers, valid)`: after every edit; `valid` is false while some field is wrong. */
export function stackEditor(initial: FlowLayerJson[], onChange: (layers: FlowLayerJson[], valid: boolean) => void): StackEditor {
  let layers = initial;
  const list = h('ol', { class: 'flow-stack', 'aria-label': 'Flow layers, applied top to bottom' });
  const problems = new Map<string, string>();

  const emit = () => onChange(layers, problems.size === 0);

  const render = () => {
    problems.clear();
    list.replaceChildren(...layers.map((layer, i) => card(layer, i)));
  };

  const structural = (next: FlowLayerJson[]) => {
    layers = next;
    render();
    emit();
  };

  function field(label: string, id: string, value: string, apply: (text: string) => string | undefined, hint: string): HTMLElement {
    const input = h('vscode-textfield', { id, value, 'aria-label': label, class: 'flow-field' }) as Valued;
    const error = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' });
    input.setAttribute('aria-describedby', `${id}-error`);
    input.addEventListener('input', () => {
      const problem = apply(input.value);
      error.textContent = problem ?? '';
      if (problem) problems.set(id, problem);
      else problems.delete(id);
      emit();
    });
    return h('div', { class: 'flow-field-row' }, h('label', { for: id, title: hint }, label), input, error);
  }

  function card(layer: FlowLayerJson, i: number): HTMLElement {
    const id = `layer-${i}`;
    const layerProblem = h('p', { class: 'error layer-error', role: 'alert', id: `${id}-problem` });
    const recheck = () => {
      const message = layerError(layer);
      layerProblem.textContent = message ?? '';
      if (message) problems.set(`${id}-layer`, message);
      else problems.delete(`${id}-layer`);
    };
    const vector = (key: 'u' | 'w' | 'z0', label: string) =>
      field(
        label,
        `${id}-${key}`,
        (layer as unknown as Record<string, number[]>)[key].join(', '),
        (text) => {
          const v = parseVector(text);
          if (!v) return 'two numbers, e.g. 1, 0.5';
          (layer as unknown as Record<string, number[]>)[key] = v;
          recheck();
          return undefined;
        },
        `${label}: a 2-vector`,
      );
    const scalar = (key: 'b' | 'alpha' | 'beta', label: string) =>
      field(
        label,
        `${id}-${key}`,
        String((layer as unknown as Record<string, number>)[key]),
        (text) => {
          const v = parseNumber(text);
          if (v === undefined) return 'a number';
          (layer as unknown as Record<string, number>)[key] = v;
          recheck();
          return undefined;
        },
        label,
      );
    const expression = (key: 's' | 't', label: string) =>
      field(
        label,
        `${id}-${key}`,
        String(layer.type === 'affine_coupling' ? (layer[key] ?? 0) : ''),
        (text) => {
          if (layer.type !== 'affine_coupling') return undefined;
          layer[key] = text;
          recheck();
          return undefined;
        },
        `${label}(kept coordinate): an expression in the kept coordinate (x0 or x1)`,
      );

    let fields: HTMLElement[];
    if (layer.type === 'affine_coupling') {
      const mask = h(
        'vscode-single-select',
        { id: `${id}-mask`, 'aria-label': `Layer ${i + 1} mask` },
        h('vscode-option', { value: '1,0', selected: layer.mask[0] === 1 }, 'keep x0, transform x1'),
        h('vscode-option', { value: '0,1', selected: layer.mask[0] !== 1 }, 'keep x1, transform x0'),
      ) as Valued;
      mask.addEventListener('change', () => {
        layer.mask = mask.value.split(',').map(Number);
        recheck();
        emit();
      });
      fields = [h('div', { class: 'flow-field-row' }, h('label', { for: `${id}-mask` }, 'mask'), mask), expression('s', 's'), expression('t', 't')];
    } else if (layer.type === 'planar') {
      fields = [vector('u', 'u'), vector('w', 'w'), scalar('b', 'b')];
    } else {
      fields = [vector('z0', 'z0'), scalar('alpha', 'α'), scalar('beta', 'β')];
    }
    const button = (label: string, text: string, action: () => void, disabled = false) => {
      const b = h('vscode-button', { secondary: true, 'aria-label': label, title: label, class: 'icon-button', disabled }, text);
      b.addEventListener('click', action);
      return b;
    };
    recheck();
    return h(
      'li',
      { class: 'flow-layer', id },
      h(
        'div',
        { class: 'flow-layer-head' },
        h('span', { class: 'flow-layer-title' }, `${i + 1}. ${TITLES[layer.type]}`),
        button(`Move layer ${i + 1} up`, '↑', () => structural(moveLayer(layers, i, -1)), i === 0),
        button(`Move layer ${i + 1} down`, '↓', () => structural(moveLayer(layers, i, 1)), i === layers.length - 1),
        button(`Remove layer ${i + 1}`, '✕', () => structural(layers.filter((_, k) => k !== i)), layers.length === 1),
      ),
      layer.type === 'affine_coupling' ? h('div', {}, ...fields) : h('div', { class: 'flow-layer-fields' }, ...fields),
      layerProblem,
    );
  }

  const adders = h(
    'div',
    { class: 'controls' },
    h('span', { class: 'label' }, 'Add:'),
    ...(Object.keys(NEW_LAYERS) as FlowLayerJson['type'][]).map((type) => {
      const b = h('vscode-button', { secondary: true, id: `add-${type}` }, TITLES[type]);
      b.addEventListener('click', () => structural([...layers, JSON.parse(JSON.stringify(NEW_LAYERS[type])) as FlowLayerJson]));
      return b;
    }),
  );
  render();
  return {
    element: h('div', { class: 'flow-editor' }, list, adders),
    set(next) {
      layers = next;
      render();
    },
  };
}
