/**
 * The conv lab's editor for one conv or pooling layer: op family (keeping the number of spatial
 * axes), channels, kernel size, stride, padding (`1`, `1, 2`, `(1, 2), (0, 1)`, `same`, `valid`),
 * dilation, groups (with a depthwise shortcut), bias, padding mode, output_padding (transposed),
 * ceil_mode and count_include_pad (pooling). Every edit is checked with normalizeLayer; its
 * message is shown next to the field it names, and `onChange` is called only with valid layers.
 * Field edits keep the focus where it is; changing the op family redraws the form.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { CONV_OPS, normalizeLayer, type ConvLayerJson, type ConvOp, type Family } from '../../../compute/conv/layer';
import { h } from '../../dom';

type Valued = HTMLElement & { value: string };
type Checked = HTMLElement & { checked: boolean };

export interface LayerEditor {
  element: HTMLElement;
  /** Show another layer (e.g. after an undo or a new selection) without calling onChange. */
  set(layer: ConvLayerJson): void;
  /** The last valid layer. */
  get(): ConvLayerJson;
}

const FAMILIES: { id: Family; label: string; prefix: string }[] = [
  { id: 'conv', label: 'Convolution', prefix: 'conv' },
  { id: 'conv_transpose', label: 'Transposed convolution', prefix: 'conv_transpose' },
  { id: 'max_pool', label: 'Max pooling', prefix: 'max_pool' },
  { id: 'avg_pool', label: 'Average pooling', prefix: 'avg_pool' },
];
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;
/** Fields of a ConvLayerJson the analysis adds; they are stale once the layer is edited. */
const ANALYSIS_FIELDS = ['inShape', 'outShape', 'params', 'macs', 'receptiveField', 'defaultsUsed'];

let editors = 0;

// ---------------------------------------------------------------- text ↔ values (pure)

/** `3`, `3, 5`, `(3, 5)` or `[3, 5]` → 3 or [3, 5]; an error message for anything else. */
export function parseIntList(text: string): number | number[] | { error: string } {
  const body = text
    .trim()
    .replace(/^[([]\s*/, '')
    .replace(/\s*[)\]]$/, '')
    .replace(/,\s*$/, '');
  if (body === '') return { error: 'Enter a number or numbers separated by commas.' };
  const parts = body.split(/\s*,\s*|\s+/);
  const values = parts.map(Number);
  if (parts.some((p) => !/^-?\d+$/.test(p))) return { error: `"${text.trim()}" is not a whole number or a list of whole numbers.` };
  return values.length === 1 && !/[([]/.test(text) ? values[0] : values;
}

/** Padding text: `same`, `valid`, `1`, `1, 2` (per axis), `(1, 2), (0, 1)` ([before, after] per axis). */
export function parsePadding(text: string): ConvLayerJson['padding'] | { error: string } {
  const s = text
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .toLowerCase();
  if (s === 'same' || s === 'valid') return s;
  const t = s.replace(/\[/g, '(').replace(/\]/g, ')');
  const groups = [...t.matchAll(/\(([^()]*)\)/g)];
  const rest = t.replace(/\(([^()]*)\)/g, '').replace(/[\s,()]/g, '');
  if (groups.length && rest === '' && (groups.length > 1 || /^\(\s*\(/.test(t))) {
    const pairs = groups.map((g) => parseIntList(g[1]));
    if (pairs.some((p) => !Array.isArray(p) || p.length !== 2)) return { error: 'Write each axis as a pair (before, after), e.g. (1, 2), (0, 1).' };
    return pairs as number[][];
  }
  const v = parseIntList(t);
  if (typeof v === 'object' && !Array.isArray(v)) return { error: `${v.error} Or same / valid, or pairs (before, after) per axis.` };
  return v;
}

/** A per-axis value as a person writes it: `3` when the axes agree, else `3, 5`. */
export function formatInts(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => v === value[0]) && !Array.isArray(value[0])) return String(value[0]);
    return value.map((v) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v))).join(', ');
  }
  return value === undefined || value === null ? '' : String(value);
}

export function formatPadding(value: ConvLayerJson['padding']): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.some(Array.isArray)) {
    const pairs = value as number[][];
    if (pairs.every(([a, b]) => a === b)) return formatInts(pairs.map(([a]) => a));
    return pairs.map(([a, b]) => `(${a}, ${b})`).join(', ');
  }
  return formatInts(value ?? 0);
}

const familyOf = (op: string): Family => CONV_OPS[op as ConvOp]?.family ?? 'conv';
const dimsOf = (op: string): 1 | 2 | 3 => CONV_OPS[op as ConvOp]?.dims ?? 2;

/** The layer as another op family, keeping what still applies (kernel, stride, padding, dilation). */
export function withFamily(layer: ConvLayerJson, family: Family, channels: { in: number; out: number }): ConvLayerJson {
  const dims = dimsOf(layer.op);
  const op = `${FAMILIES.find((f) => f.id === family)!.prefix}${dims}d`;
  const from = familyOf(layer.op);
  const isConv = family === 'conv' || family === 'conv_transpose';
  const wasConv = from === 'conv' || from === 'conv_transpose';
  const next: ConvLayerJson = { op, kernel_size: layer.kernel_size ?? 3 };
  // Pooling's stride defaults to its kernel, convolution's to 1: carry what the layer computed.
  next.stride = layer.stride ?? (wasConv ? 1 : layer.kernel_size);
  let padding = layer.padding ?? 0;
  if (typeof padding === 'string' && family !== 'conv') {
    // 'same' and 'valid' are conv-only: use the numbers they stand for.
    try {
      const pairs = normalizeLayer({ ...layer }).padding;
      padding = pairs.every(([a, b]) => a === b) ? pairs.map(([a]) => a) : pairs;
    } catch {
      padding = 0;
    }
  }
  if (!isConv) {
    // Pooling pads evenly, at most half the kernel: the nearest such padding.
    const k = next.kernel_size;
    const kernel: number[] = Array.isArray(k) ? k : Array.from({ length: dims }, () => Number(k));
    const per: (number | number[])[] = Array.isArray(padding) ? padding : Array.from({ length: dims }, () => Number(padding));
    if (per.length === dims) {
      const even = per.map((p, i) => Math.min(Array.isArray(p) ? Math.max(p[0], p[1]) : Number(p), Math.floor(kernel[i] / 2)));
      padding = even.every((p) => p === even[0]) ? even[0] : even;
    }
  }
  next.padding = padding;
  if (family !== 'avg_pool' && layer.dilation !== undefined) next.dilation = layer.dilation;
  if (isConv) {
    next.in_channels = layer.in_channels ?? channels.in;
    next.out_channels = layer.out_channels ?? channels.out;
    next.groups = wasConv ? (layer.groups ?? 1) : 1;
    next.bias = wasConv ? layer.bias !== false : true;
    if (family === 'conv') next.padding_mode = wasConv ? (layer.padding_mode ?? 'zeros') : 'zeros';
  } else {
    next.ceil_mode = layer.ceil_mode === true;
    if (family === 'avg_pool') next.count_include_pad = layer.count_include_pad !== false;
  }
  return next;
}

/** The layer's arguments without the analysis fields (shapes, costs) that an edit makes stale. */
function argumentsOf(layer: ConvLayerJson): ConvLayerJson {
  const copy: ConvLayerJson = { ...layer };
  for (const k of ANALYSIS_FIELDS) delete copy[k];
  return copy;
}

// ---------------------------------------------------------------- the form

/**
 * Mount the editor for `layer` into `container` (replacing its content). `onChange` receives
 * every valid edit as a fresh layer (PyTorch argument names; analysis fields dropped).
 */
export function mountLayerEditor(container: HTMLElement, layer: ConvLayerJson, onChange: (layer: ConvLayerJson) => void): LayerEditor {
  const uid = `layer-editor-${++editors}`;
  let current = argumentsOf(layer);
  // Channels remembered across a switch to pooling and back.
  let channels = { in: layer.in_channels ?? (Array.isArray(layer.inShape) ? Number(layer.inShape[1]) : 1), out: layer.out_channels ?? layer.in_channels ?? 1 };
  const form = h('form', { class: 'conv-layer-editor', 'aria-label': 'Layer arguments' });
  form.addEventListener('submit', (e) => e.preventDefault());
  const root = h('section', { class: 'conv-layer-editor-wrap' }, form);
  container.replaceChildren(root);

  /** Field name → its control and error element. */
  let fields = new Map<string, { control: HTMLElement; error: HTMLElement }>();
  const parseErrors = new Map<string, string>();
  const general = h('p', { class: 'conv-layer-error', role: 'alert', id: `${uid}-error` });

  const showErrors = (where: string | undefined, message: string) => {
    for (const [name, f] of fields) {
      const text = parseErrors.get(name) ?? (name === where ? message : '');
      f.error.textContent = text;
      f.control.toggleAttribute('invalid', text !== '');
      f.control.setAttribute('aria-invalid', text !== '' ? 'true' : 'false');
    }
    general.textContent = message && (!where || !fields.has(where)) ? message : '';
  };

  /** The form's values as edited, valid or not; `current` is the last valid layer. */
  let draft = { ...current };

  /** Check the draft and hand it on when it is a valid layer. */
  const commit = () => {
    if (parseErrors.size) {
      showErrors(undefined, '');
      return;
    }
    try {
      normalizeLayer(draft);
    } catch (e) {
      const where = (e as { where?: string }).where?.replace(/\[.*$/, '');
      showErrors(where, e instanceof Error ? e.message : String(e));
      return;
    }
    showErrors(undefined, '');
    const before = current;
    const next: ConvLayerJson = { ...draft };
    if (next.in_channels !== undefined) channels = { in: next.in_channels, out: next.out_channels ?? channels.out };
    // Tensors given for values no longer fit once the shape of the weight changes.
    if (next.weight && ['op', 'in_channels', 'out_channels', 'kernel_size', 'groups'].some((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k])))
      delete next.weight;
    if (next.bias && typeof next.bias === 'object' && (before.out_channels !== next.out_channels || before.op !== next.op)) next.bias = true;
    current = next;
    draft = { ...next };
    onChange({ ...next });
  };

  const edit = (name: string, value: unknown) => {
    draft = { ...draft, [name]: value };
    commit();
  };

  const row = (name: string, label: string, control: HTMLElement, hint: string, ...extra: HTMLElement[]) => {
    const error = h('span', { class: 'field-error', id: `${uid}-${name}-error`, role: 'alert' });
    control.setAttribute('aria-describedby', `${uid}-${name}-error`);
    fields.set(name, { control, error });
    return h(
      'div',
      { class: 'conv-layer-field', title: hint },
      h('label', { for: control.id }, label),
      h('div', { class: 'conv-layer-control' }, control, ...extra),
      error,
    );
  };

  const textField = (name: string, label: string, value: string, parse: (t: string) => unknown, hint: string, ...extra: HTMLElement[]) => {
    const el = h('vscode-textfield', { id: `${uid}-${name}`, value, 'aria-label': label }) as Valued;
    el.addEventListener('input', () => {
      const v = parse(el.value);
      if (v && typeof v === 'object' && !Array.isArray(v) && 'error' in v) {
        parseErrors.set(name, String(v.error));
        commit();
      } else {
        parseErrors.delete(name);
        edit(name, v);
      }
    });
    return row(name, label, el, hint, ...extra);
  };

  const positive = (t: string) => {
    const v = Number(t.trim());
    return t.trim() !== '' && Number.isInteger(v) ? v : { error: `"${t.trim()}" is not a whole number.` };
  };

  const checkbox = (name: string, label: string, checked: boolean, hint: string) => {
    const el = h('vscode-checkbox', { id: `${uid}-${name}`, 'aria-label': label, ...(checked ? { checked: true } : {}) }, label) as Checked;
    el.addEventListener('change', () => edit(name, el.checked));
    const error = h('span', { class: 'field-error', id: `${uid}-${name}-error`, role: 'alert' });
    el.setAttribute('aria-describedby', `${uid}-${name}-error`);
    fields.set(name, { control: el, error });
    return h('div', { class: 'conv-layer-field conv-layer-check', title: hint }, el, error);
  };

  const select = (name: string, label: string, options: { id: string; label: string }[], value: string, onSelect: (v: string) => void, hint: string) => {
    const el = h(
      'vscode-single-select',
      { id: `${uid}-${name}`, 'aria-label': label },
      ...options.map((o) => h('vscode-option', { value: o.id, ...(o.id === value ? { selected: true } : {}) }, o.label)),
    ) as Valued;
    el.addEventListener('change', () => onSelect(el.value));
    return row(name, label, el, hint);
  };

  const render = () => {
    fields = new Map();
    parseErrors.clear();
    const layer = draft;
    const family = familyOf(layer.op);
    const dims = dimsOf(layer.op);
    const isConv = family === 'conv' || family === 'conv_transpose';
    const parts: HTMLElement[] = [
      select(
        'op',
        `Layer type (${dims}-D)`,
        FAMILIES.map((f) => ({ id: f.id, label: `${f.label} ${dims}-D` })),
        family,
        (v) => {
          if (v === familyOf(draft.op)) return;
          draft = withFamily(draft, v as Family, channels);
          render();
          commit();
          (form.querySelector(`#${uid}-op`) as HTMLElement | null)?.focus();
        },
        'The op family; the number of spatial axes stays the same.',
      ),
    ];
    if (isConv) {
      parts.push(
        textField('in_channels', 'In channels', formatInts(layer.in_channels), positive, 'Channels of the input (C_in).'),
        textField('out_channels', 'Out channels', formatInts(layer.out_channels), positive, 'Channels of the output (C_out).'),
      );
    }
    const kernelDefault = isConv ? 1 : layer.kernel_size;
    parts.push(
      textField('kernel_size', 'Kernel size', formatInts(layer.kernel_size), parseIntList, `One number, or ${dims} separated by commas.`),
      textField('stride', 'Stride', formatInts(layer.stride ?? kernelDefault), parseIntList, isConv ? 'Default 1.' : 'Default: the kernel size.'),
      textField(
        'padding',
        'Padding',
        formatPadding(layer.padding ?? 0),
        parsePadding,
        `1 · 1, 2 (per axis) · (1, 2), (0, 1) (before, after per axis)${family === 'conv' ? ' · same · valid' : ''}.`,
      ),
    );
    if (family !== 'avg_pool')
      parts.push(textField('dilation', 'Dilation', formatInts(layer.dilation ?? 1), parseIntList, 'Spacing between kernel taps (default 1).'));
    if (isConv) {
      const depthwise = h(
        'vscode-button',
        { id: `${uid}-depthwise`, secondary: true, 'aria-label': 'Depthwise: set groups to the input channels' },
        'Depthwise',
      );
      depthwise.addEventListener('click', () => {
        const cin = draft.in_channels ?? channels.in;
        const cout = draft.out_channels !== undefined && draft.out_channels % cin === 0 ? draft.out_channels : cin;
        const groups = form.querySelector(`#${uid}-groups`) as Valued | null;
        const out = form.querySelector(`#${uid}-out_channels`) as Valued | null;
        if (groups) groups.value = String(cin);
        if (out) out.value = String(cout);
        parseErrors.delete('groups');
        parseErrors.delete('out_channels');
        draft = { ...draft, groups: cin, out_channels: cout };
        commit();
      });
      parts.push(
        textField('groups', 'Groups', formatInts(layer.groups ?? 1), positive, 'in_channels and out_channels must both be divisible by groups.', depthwise),
      );
      parts.push(checkbox('bias', 'Bias', layer.bias !== false, 'Add a learned bias per output channel.'));
    }
    if (family === 'conv') {
      parts.push(
        select(
          'padding_mode',
          'Padding mode',
          PADDING_MODES.map((m) => ({ id: m, label: m })),
          String(layer.padding_mode ?? 'zeros'),
          (v) => edit('padding_mode', v),
          'What the padding is filled with.',
        ),
      );
    }
    if (family === 'conv_transpose') {
      parts.push(
        textField(
          'output_padding',
          'Output padding',
          formatInts(layer.output_padding ?? 0),
          parseIntList,
          'Extra samples at the end of each axis (less than the stride or the dilation).',
        ),
      );
    }
    if (!isConv) {
      parts.push(checkbox('ceil_mode', 'Ceil mode', layer.ceil_mode === true, 'Keep the last partial window (round the output size up).'));
      if (family === 'avg_pool')
        parts.push(
          checkbox('count_include_pad', 'Count padding', layer.count_include_pad !== false, 'count_include_pad: divide by the whole window, padding included.'),
        );
    }
    form.replaceChildren(...parts, general);
  };

  render();
  showErrors(undefined, '');
  return {
    element: root,
    set(next: ConvLayerJson) {
      current = argumentsOf(next);
      draft = { ...current };
      render();
      showErrors(undefined, '');
    },
    get: () => ({ ...current }),
  };
}
