/**
 * The model view's logic, kept free of the DOM so it is tested in plain Node: the module tree as
 * rows (depth, shapes, parameters, MACs, receptive field), which rows a depth and per-row
 * expand/collapse leave visible, keyboard moves in the tree grid, number and shape formatting,
 * the Markdown export, and parsing what the user types for unknowns and the input shape.
 */
import { fullCount, humanUnits } from '../../../compute/count-format';
import type { ModelLayer, ModelRecognition, ModelTreeNode } from '../../../compute/program/model-types';

export type Dim = number | string;
/** A value the user gives a named unknown (what `--set name=value` accepts). */
export type GivenValue = number | string | boolean | number[];

export interface ModelRow {
  /** `named_modules()` path; '' for the model itself. */
  path: string;
  /** What the first column shows: the path, or the model (`ResNet`, `resnet18()`) for the root. */
  label: string;
  depth: number;
  type: string;
  inShape?: Dim[];
  outShape?: Dim[];
  params: number | null;
  trainableParams: number | null;
  macs: number | null;
  /** At the module's output (its last layer's, for a container); null when not spatial or not traced. */
  receptiveField: { size: number[]; jump: number[] } | null;
  line: number;
  /** The file the module was built in, when it is not the analysed one (a workspace import): its path. */
  file?: string;
  calls: number;
  hasChildren: boolean;
  /** Path of the parent row (undefined for the root). */
  parent?: string;
  /** The layer entry of a built-in layer's first call (its op and arguments), if it was called. */
  layer?: ModelLayer;
}

/** Depth choices of the selector; `all` shows every level. */
export type DepthLimit = 1 | 2 | 3 | 'all';
export const DEPTHS: readonly DepthLimit[] = [1, 2, 3, 'all'];

/** Conv and pooling ops the kernel view can draw. */
export const KERNEL_OPS = /^(conv|conv_transpose|max_pool|avg_pool)[123]d$/;

/**
 * The tree as rows in depth-first order. A built-in layer's row takes its op, arguments and
 * receptive field from its first call in `layers`; a container's receptive field is the one at
 * the output of its last layer call (a residual sum after it is not included).
 */
export function flattenTree(model: Pick<ModelRecognition, 'tree' | 'layers' | 'model' | 'boundBy'>): ModelRow[] {
  const rows: ModelRow[] = [];
  const firstCall = new Map<string, ModelLayer>();
  const lastInside = new Map<string, ModelLayer>();
  for (const layer of model.layers) {
    if (layer.path === null) continue;
    if (!firstCall.has(layer.path)) firstCall.set(layer.path, layer);
    // Every container above it: '', 'layer1', 'layer1.0' for 'layer1.0.conv1'.
    const parts = layer.path.split('.');
    for (let i = 0; i < parts.length; i++) lastInside.set(parts.slice(0, i).join('.'), layer);
  }
  const walk = (node: ModelTreeNode, depth: number, parent: string | undefined) => {
    const layer = firstCall.get(node.path);
    const rf = (node.children.length ? lastInside.get(node.path) : layer)?.receptiveField ?? null;
    rows.push({
      path: node.path,
      label: depth === 0 ? rootLabel(model) : node.path,
      depth,
      type: node.type,
      ...(node.inShape ? { inShape: node.inShape } : {}),
      ...(node.outShape ? { outShape: node.outShape } : {}),
      params: node.params,
      trainableParams: node.trainableParams,
      macs: node.macs,
      receptiveField: rf,
      line: node.line,
      ...(node.file ? { file: node.file } : {}),
      calls: node.calls,
      hasChildren: node.children.length > 0,
      ...(parent !== undefined ? { parent } : {}),
      ...(layer && !node.children.length ? { layer } : {}),
    });
    for (const child of node.children) walk(child, depth + 1, node.path);
  };
  walk(model.tree, 0, undefined);
  return rows;
}

function rootLabel(model: Pick<ModelRecognition, 'tree' | 'model' | 'boundBy'>): string {
  return model.boundBy ? `${model.tree.type} (${model.boundBy.call})` : model.tree.type || model.model.name;
}

/** Whether a row's children show: its own toggle if the user set one, else the depth limit. */
export function isExpanded(row: Pick<ModelRow, 'path' | 'depth'>, depth: DepthLimit, toggled: Readonly<Record<string, boolean>>): boolean {
  const own = toggled[row.path];
  if (own !== undefined) return own;
  return depth === 'all' || row.depth < depth;
}

/** The rows whose ancestors are all expanded, in order. */
export function visibleRows(rows: readonly ModelRow[], depth: DepthLimit, toggled: Readonly<Record<string, boolean>>): ModelRow[] {
  const expanded = new Map<string, boolean>();
  const shown = new Map<string, boolean>();
  const out: ModelRow[] = [];
  for (const row of rows) {
    const visible = row.parent === undefined || (shown.get(row.parent) === true && expanded.get(row.parent) === true);
    shown.set(row.path, visible);
    expanded.set(row.path, isExpanded(row, depth, toggled));
    if (visible) out.push(row);
  }
  return out;
}

/** Toggles that open every ancestor of `path` (so a focused row is visible), added to `toggled`. */
export function revealPath(rows: readonly ModelRow[], path: string, toggled: Readonly<Record<string, boolean>>): Record<string, boolean> {
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const next = { ...toggled };
  for (let p = byPath.get(path)?.parent; p !== undefined; p = byPath.get(p)?.parent) next[p] = true;
  return next;
}

/** What a key does in the tree grid (WAI-ARIA treegrid, row focus). */
export type TreeAction = { focus: number } | { toggle: string; open: boolean } | { jump: number } | { kernel: number } | undefined;

/**
 * Arrow keys like a tree: Up/Down move, Right opens a closed row or moves to its first child,
 * Left closes an open row or moves to its parent, Home/End go to the ends, Enter jumps to the
 * code, K opens a conv/pool layer in the kernel view.
 */
export function treeKey(visible: readonly ModelRow[], index: number, key: string, depth: DepthLimit, toggled: Readonly<Record<string, boolean>>): TreeAction {
  const row = visible[index];
  if (!row) return visible.length ? { focus: 0 } : undefined;
  const open = row.hasChildren && isExpanded(row, depth, toggled);
  switch (key) {
    case 'ArrowDown':
      return { focus: Math.min(visible.length - 1, index + 1) };
    case 'ArrowUp':
      return { focus: Math.max(0, index - 1) };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: visible.length - 1 };
    case 'ArrowRight':
      if (!row.hasChildren) return undefined;
      return open ? { focus: index + 1 } : { toggle: row.path, open: true };
    case 'ArrowLeft': {
      if (open) return { toggle: row.path, open: false };
      const parent = visible.findIndex((r) => r.path === row.parent);
      return parent >= 0 ? { focus: parent } : undefined;
    }
    case 'Enter':
      return { jump: index };
    case 'k':
    case 'K':
      return row.layer && KERNEL_OPS.test(row.layer.op) ? { kernel: index } : undefined;
  }
  return undefined;
}

// ---- formatting ------------------------------------------------------------------------------

/** `N×64×56×56`: symbolic dims as written. */
export const formatShape = (shape: readonly Dim[] | undefined): string => (shape && shape.length ? shape.join('×') : '—');

/** Receptive field: `7×7` (size) and `2×2` (jump), or '—'. */
export function formatRf(rf: ModelRow['receptiveField']): { size: string; jump: string } {
  if (!rf || !rf.size.length) return { size: '—', jump: '—' };
  return { size: rf.size.join('×'), jump: rf.jump.join('×') };
}

/** The number in a warning's `line 12: …` prefix, and the message after it. */
export function warningParts(warning: string): { line?: number; text: string } {
  const m = /^line (\d+):\s*/.exec(warning);
  return m ? { line: Number(m[1]), text: warning.slice(m[0].length) } : { text: warning };
}

// ---- Markdown --------------------------------------------------------------------------------

export const COLUMNS = ['Module', 'Type', 'Input shape', 'Output shape', 'Parameters', 'Trainable', 'MACs', 'RF size', 'RF jump'] as const;

const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The visible rows as a GitHub Markdown table (paths indented by depth with no-break spaces),
 * with the totals row, the input shape and whether the answer is partial.
 */
export function markdownTable(
  rows: readonly ModelRow[],
  model: Pick<ModelRecognition, 'totals' | 'inputShape' | 'inputShapeAssumed' | 'partial' | 'warnings'>,
): string {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `| ${COLUMNS.map((_, i) => (i < 4 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    const rf = formatRf(row.receptiveField);
    const name = `${'\u00a0\u00a0'.repeat(row.depth)}${row.depth === 0 ? row.label : `\`${row.label}\``}`;
    lines.push(
      `| ${[name, row.type, formatShape(row.inShape), formatShape(row.outShape), fullCount(row.params), fullCount(row.trainableParams), humanUnits(row.macs), rf.size, rf.jump].map(cell).join(' | ')} |`,
    );
  }
  const t = model.totals;
  lines.push(`| **Total** |  |  |  | **${fullCount(t.params)}** | **${fullCount(t.trainableParams)}** | **${humanUnits(t.macs)}** |  |  |`);
  const notes = [
    `Input ${formatShape(model.inputShape)}${model.inputShapeAssumed ? ' (assumed)' : ''}; MACs are multiply-accumulates${model.inputShape[0] === 'N' ? ' per sample' : ''}.`,
  ];
  if (model.partial)
    notes.push(`Partial answer: ${model.warnings.length} warning${model.warnings.length === 1 ? '' : 's'}; some of the model is missing from these numbers.`);
  return `${lines.join('\n')}\n\n${notes.join(' ')}\n`;
}

// ---- what the user types ---------------------------------------------------------------------

/** `10` → 10, `true` → true, `[2, 2, 2, 2]` or `2, 2, 2, 2` → [2, 2, 2, 2], `'relu'` or relu → "relu". */
export function parseGiven(text: string): GivenValue | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Enter a value.' };
  if (/^(true|false)$/i.test(t)) return /^t/i.test(t);
  const number = (s: string) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : undefined);
  const single = number(t);
  if (single !== undefined) return single;
  const list = t.replace(/^[[(]\s*/, '').replace(/\s*[\])]$/, '');
  if (/[,\s]/.test(list) || /^[[(]/.test(t)) {
    const parts = list
      .split(/\s*,\s*|\s+/)
      .filter(Boolean)
      .map(number);
    if (parts.length && parts.every((p) => p !== undefined)) return parts as number[];
    if (/^[[(]/.test(t)) return { error: `"${t}" is not a list of numbers.` };
  }
  const quoted = /^(['"])(.*)\1$/.exec(t);
  if (quoted) return quoted[2];
  if (/^[A-Za-z_][\w.]*$/.test(t)) return t;
  return { error: `"${t}" is not a number, a list of numbers, true/false or a name.` };
}

/** A value as the user would type it again. */
export function formatGiven(v: GivenValue): string {
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** `N, 3, 224, 224` (a symbol or a positive integer per dim, at least 2) → dims, or a message. */
export function parseInputShape(text: string): Dim[] | { error: string } {
  const parts = text
    .trim()
    .replace(/^[[(]\s*/, '')
    .replace(/\s*[\])]$/, '')
    .split(/\s*[,×x]\s*|\s+/)
    .filter(Boolean);
  if (parts.length < 2) return { error: 'Enter the input shape, e.g. N, 3, 224, 224 (a name such as N keeps the batch symbolic).' };
  const dims: Dim[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p) && Number(p) > 0) dims.push(Number(p));
    else if (/^[A-Za-z_]\w*$/.test(p)) dims.push(p);
    else return { error: `"${p}" is not a positive whole number or a name.` };
  }
  return dims;
}

/** The row `focus` points at: the path of the selected layer's first call (undefined for a functional op). */
export function focusPath(model: Pick<ModelRecognition, 'focus' | 'layers'>): string | undefined {
  if (!model.focus) return undefined;
  return model.layers[model.focus.layer]?.path ?? undefined;
}

/** What the kernel view needs from a layer call: its arguments as the conv lab names them and a numeric input shape. */
export function kernelLayer(layer: ModelLayer): { layer: Record<string, unknown>; inputShape: number[] } | { error: string } {
  if (!KERNEL_OPS.test(layer.op)) return { error: `${layer.type} is not a convolution or pooling layer.` };
  const args = layer.args ?? {};
  const unknown = Object.entries(args).find(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v));
  if (unknown) return { error: `${unknown[0]} is not known yet; give the unknowns a value first.` };
  const shape = layer.inShape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : NaN));
  if (shape.some((d) => !Number.isFinite(d))) return { error: `The input ${formatShape(layer.inShape)} has a symbolic size; enter a numeric input shape.` };
  const kept = Object.fromEntries(Object.entries(args).filter(([k]) => CONV_ARGS.has(k)));
  return { layer: { ...kept, op: layer.op }, inputShape: shape };
}

const CONV_ARGS = new Set([
  'in_channels',
  'out_channels',
  'kernel_size',
  'stride',
  'padding',
  'dilation',
  'groups',
  'bias',
  'output_padding',
  'padding_mode',
  'ceil_mode',
  'count_include_pad',
]);

/**
 * The URI of a module's file: the analysed file's URI with its path replaced (same scheme and
 * authority, as the extension read the import), or the analysed file's URI when there is none.
 */
export function moduleUri(analysedUri: string, file: string | undefined): string {
  if (!file) return analysedUri;
  const m = /^([a-z][\w+.-]*:\/\/[^/?#]*)/i.exec(analysedUri);
  return m ? `${m[1]}${file.split('/').map(encodeURIComponent).join('/')}` : analysedUri;
}
