/**
 * The model view's fields: the values the code leaves open (named unknowns, and values given
 * before) and the input shape. Typing pauses or Enter re-run the analysis in the extension.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ModelRecognition } from '../../../compute/program/model-types';
import type { GivenValue, ModelInputs } from '../../../shared/protocol';
import { h } from '../../dom';
import { formatGiven, parseGiven, parseInputShape } from './table';

export type Valued = HTMLElement & { value: string };
export type ModelInputShape = (number | string)[] | undefined;
/** Analyze again with these values and input shape; `fieldId` gets the focus back after the redraw. */
export type Reanalyze = (values: Record<string, GivenValue>, inputShape: ModelInputShape, fieldId: string) => void;

/** Milliseconds after the last keystroke before a typed value is analyzed. */
const TYPING_PAUSE_MS = 500;

const SOURCE_TEXT: Record<ModelRecognition['inputShapeSource'], string> = {
  option: 'entered here',
  code: 'from the code',
  comment: 'from a comment in the code',
  assumed: 'assumed',
};

/** Submit a field when typing pauses or on Enter. */
function submitOnPause(field: HTMLElement, submit: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(submit, TYPING_PAUSE_MS);
  });
  field.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') submit();
  });
  return () => clearTimeout(timer);
}

/** The unknowns section (null when there is none), one field per name. */
export function unknownsSection(
  model: ModelRecognition,
  inputs: ModelInputs | undefined,
  reanalyze: Reanalyze,
  lineLink: (line: number) => HTMLElement,
): HTMLElement | null {
  // The values given before, which are no longer unknown, stay listed so they can be forgotten.
  const given = inputs?.values ?? {};
  const names = [
    ...new Map([
      ...model.unknowns.map((u) => [u.name, u] as const),
      ...Object.keys(given)
        .filter((n) => !model.unknowns.some((u) => u.name === n))
        .map((n) => [n, undefined] as const),
    ]).entries(),
  ];
  if (!names.length) return null;
  const rows = names.map(([name, unknown]) => {
    // By name: the field keeps its id (and the focus) when its value moves it from unknown to given.
    const id = `model-unknown-${name.replace(/\W/g, '_')}`;
    const field = h('vscode-textfield', {
      id,
      'data-name': name,
      value: name in given ? formatGiven(given[name]) : '',
      placeholder: unknown ? 'value' : '',
      'aria-label': `Value of ${name}`,
      ...(inputs ? {} : { disabled: true }),
    }) as Valued;
    const fieldError = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' });
    field.setAttribute('aria-describedby', `${id}-error`);
    const cancel = submitOnPause(field, () => {
      cancel();
      const text = field.value.trim();
      const values = { ...given };
      if (text === '') {
        if (!(name in given)) return;
        delete values[name];
      } else {
        const parsed = parseGiven(text);
        if (typeof parsed === 'object' && !Array.isArray(parsed)) {
          fieldError.textContent = parsed.error;
          return;
        }
        if (JSON.stringify(parsed) === JSON.stringify(given[name])) return;
        values[name] = parsed;
      }
      fieldError.textContent = '';
      reanalyze(values, inputs?.inputShape, id);
    });
    return h(
      'div',
      { class: 'model-unknown', role: 'group', 'aria-label': name },
      h('label', { for: id }, h('code', {}, name)),
      field,
      h(
        'span',
        { class: 'model-unknown-where' },
        unknown ? unknown.where : 'given (no longer unknown; empty the field to forget it)',
        ' ',
        unknown ? lineLink(unknown.line) : null,
      ),
      fieldError,
    );
  });
  return h(
    'section',
    { id: 'model-unknowns', class: 'model-unknowns', 'aria-label': 'Values the code leaves open' },
    h('h2', {}, 'Values the code leaves open'),
    h(
      'p',
      { class: 'notice' },
      inputs ? 'Type a value and the model is analyzed again; values are remembered for this file.' : 'Run Analyze model again to give these values.',
    ),
    ...rows,
  );
}

/** The input shape field, with where the shape came from (or an "assumed" badge). */
export function inputShapeRow(model: ModelRecognition, inputs: ModelInputs | undefined, reanalyze: Reanalyze): HTMLElement {
  const field = h('vscode-textfield', {
    id: 'model-input-shape',
    value: model.inputShape.join(', '),
    'aria-label': 'Input shape',
    ...(inputs ? {} : { disabled: true }),
  }) as Valued;
  const error = h('span', { class: 'field-error', id: 'model-input-shape-error', role: 'alert' });
  field.setAttribute('aria-describedby', 'model-input-shape-error');
  const cancel = submitOnPause(field, () => {
    cancel();
    const parsed = parseInputShape(field.value);
    if (!Array.isArray(parsed)) {
      error.textContent = parsed.error;
      return;
    }
    error.textContent = '';
    if (JSON.stringify(parsed) === JSON.stringify(model.inputShape)) return;
    reanalyze(inputs?.values ?? {}, parsed, 'model-input-shape');
  });
  return h(
    'div',
    { class: 'controls' },
    h('label', { for: 'model-input-shape' }, 'Input shape'),
    field,
    model.inputShapeAssumed
      ? h('vscode-badge', { id: 'model-input-assumed', title: 'Not found in the code; edit it here' }, 'assumed')
      : h('span', { class: 'source' }, SOURCE_TEXT[model.inputShapeSource] ?? ''),
    error,
  );
}
