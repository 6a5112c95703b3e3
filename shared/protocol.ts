/**
 * The one message protocol between the extension and the lab webview. Every message is
 * validated on receipt; anything malformed is dropped with a log line, never acted on.
 */
import type { ConvRecognition, FlowRequest, OptimizerRequest, Term } from '../compute';
import { isOptimizerRequestShape } from './optimizer-request';
import type { ModelRecognition, ModelTreeNode } from '../compute/program/model-types';

export type LabKind = 'conv' | 'optimizer' | 'flow';
export const LAB_KINDS: readonly LabKind[] = ['conv', 'optimizer', 'flow'];

/** Where a lab's parameters came from in the user's code (for "Apply to code" later). */
export interface SourceRef {
  uri: string;
  /** 0-based line/character range. */
  range: [number, number, number, number];
  /** How the lab names the place when the URI does not say it well (`model.ipynb, cell 3, line 2`). */
  label?: string;
}

/** `resnet_stem.py:12`, or the source's own label (a notebook cell). */
export function sourceLabel(source: SourceRef): string {
  return source.label ?? `${decodeURIComponent(source.uri.slice(source.uri.lastIndexOf('/') + 1))}:${source.range[0] + 1}`;
}

// Extension → webview.

/** The parameters each lab runs on: a simulation request of its kind. */
export interface LabRequests {
  /** A layer stack, or a whole model (a ModelRecognition has `tree`) shown in the model view. */
  conv?: ConvRecognition | ModelRecognition;
  optimizer?: OptimizerRequest;
  flow?: FlowRequest;
}

/** Open a lab, optionally with a request for it (from selected code or a hover's link). */
export interface ShowLabMessage {
  type: 'showLab';
  lab: LabKind;
  /** Must match `lab`: a conv request (or a whole model) for the conv lab, and so on. */
  request?: ConvRecognition | ModelRecognition | OptimizerRequest | FlowRequest;
  source?: SourceRef;
  /** With a whole model: what it was analyzed from and with (to analyze it again with other values). */
  model?: ModelInputs;
}

/** A value given to a named unknown of a model (`--set name=value` on the CLI). */
export type GivenValue = number | string | boolean | number[];
export type Dim = number | string;

/** How a whole model was analyzed: the selection (or CodeLens cursor), the unknowns' values, the input. */
export interface ModelInputs {
  selection: SourceRef;
  /** Values the user gave, remembered per file by the extension. */
  values: Record<string, GivenValue>;
  /** The input shape the user typed (absent: from the code, or assumed). */
  inputShape?: Dim[];
}

/** Analyzing the model again failed (e.g. a value that does not fit); the model view shows why. */
export interface ModelErrorMessage {
  type: 'modelError';
  message: string;
}

/** Show a catalog entry in full (from mlLens.lookUpTerm). */
export interface ShowTermMessage {
  type: 'showTerm';
  term: Term;
}

export type ToWebview = ShowLabMessage | ShowTermMessage | ModelErrorMessage;

// Webview → extension.

/** The webview has loaded and listens for messages. */
export interface ReadyMessage {
  type: 'ready';
}

/** Something went wrong in the webview; the extension logs it. */
export interface WebviewErrorMessage {
  type: 'error';
  message: string;
}

/** Write the lab's parameters back into the code they came from (one undoable edit). */
export type ApplyToCodeMessage = { type: 'applyToCode'; source: SourceRef } & (
  { lab: 'optimizer'; request: OptimizerRequest } | { lab: 'conv'; request: ConvRecognition } | { lab: 'flow'; request: FlowRequest }
);

/** Put text on the clipboard (the webview's "Copy as code"); the extension confirms it. */
export interface CopyTextMessage {
  type: 'copyText';
  text: string;
  what: string;
}

/** Save a file the lab made (a plot as PNG, parameters as JSON); the extension asks where. */
export interface SaveFileMessage {
  type: 'saveFile';
  /** A plain file name such as ml-lens-optimizer.png: the suggested name in the save dialog. */
  name: string;
  encoding: 'base64' | 'utf8';
  data: string;
  what: string;
}

/** Largest file a lab may ask to save (a PNG of a large plot is a few MB). */
export const MAX_SAVE_CHARS = 32_000_000;

/** Show a line of the analyzed file in the editor (a model view row, a warning's line). */
export interface RevealLineMessage {
  type: 'revealLine';
  uri: string;
  /** 1-based, as the model answer gives lines. */
  line: number;
}

/** Analyze the model again with these values for its unknowns and this input shape. */
export interface AnalyzeModelMessage extends ModelInputs {
  type: 'analyzeModel';
}

export type FromWebview = ReadyMessage | WebviewErrorMessage | ApplyToCodeMessage | CopyTextMessage | SaveFileMessage | RevealLineMessage | AnalyzeModelMessage;

/** The model view's display choices, kept while the same model is analyzed again. */
export interface ModelViewState {
  /** Which model they belong to (its type and how it was built). */
  key: string;
  depth: 1 | 2 | 3 | 'all';
  /** Rows the user opened (true) or closed (false), by module path. */
  toggled: Record<string, boolean>;
  /** The row shown in the kernel view. */
  kernel?: string;
}

/**
 * The state a webview saves with vscode.setState: parameters and seeds, never results. Each lab
 * keeps its own request, so switching labs loses nothing.
 */
export interface LabState {
  lab: LabKind;
  requests: LabRequests;
  term?: Term;
  /** Where each lab's parameters came from in the user's code (absent: not from code). */
  sources?: Partial<Record<LabKind, SourceRef>>;
  /** How the conv lab's whole model was analyzed (with a ModelRecognition request). */
  model?: ModelInputs;
  modelView?: ModelViewState;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLab = (v: unknown): v is LabKind => typeof v === 'string' && (LAB_KINDS as readonly string[]).includes(v);

function isConvRequest(v: unknown): v is ConvRecognition | ModelRecognition {
  if (isObject(v) && 'tree' in v) return isModelRecognition(v);
  return isObject(v) && v.kind === 'conv' && Array.isArray(v.layers) && Array.isArray(v.inputShape);
}

const isLine = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isCount = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isDim = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 100);
const isShape = (v: unknown) => Array.isArray(v) && v.length <= 16 && v.every(isDim);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
/** Most modules a model answer may hold (a large transformer has a few thousand). */
const MAX_MODULES = 50_000;

function isTreeNode(v: unknown, depth: number, budget: { left: number }): v is ModelTreeNode {
  if (!isObject(v) || depth > 64 || --budget.left < 0) return false;
  return (
    typeof v.name === 'string' &&
    typeof v.path === 'string' &&
    typeof v.type === 'string' &&
    isLine(v.line) &&
    isCount(v.params) &&
    isCount(v.trainableParams) &&
    isCount(v.macs) &&
    (v.inShape === undefined || isShape(v.inShape)) &&
    (v.outShape === undefined || isShape(v.outShape)) &&
    (v.file === undefined || (typeof v.file === 'string' && v.file.length <= 4000)) &&
    Array.isArray(v.children) &&
    v.children.every((c) => isTreeNode(c, depth + 1, budget))
  );
}

function isModelLayer(v: unknown): boolean {
  return (
    isObject(v) &&
    (v.path === null || typeof v.path === 'string') &&
    typeof v.op === 'string' &&
    typeof v.type === 'string' &&
    isShape(v.inShape) &&
    isShape(v.outShape) &&
    isCount(v.params) &&
    isCount(v.macs) &&
    (v.receptiveField === null || (isObject(v.receptiveField) && Array.isArray(v.receptiveField.size) && Array.isArray(v.receptiveField.jump))) &&
    isLine(v.line) &&
    (v.args === undefined || isObject(v.args))
  );
}

/** A whole-model answer (the model view's input): every field the view reads, checked. */
export function isModelRecognition(v: unknown): v is ModelRecognition {
  if (!isObject(v) || v.kind !== 'conv' || !isShape(v.inputShape)) return false;
  if (!Array.isArray(v.layers) || v.layers.length > MAX_MODULES * 4 || !v.layers.every(isModelLayer)) return false;
  if (!isTreeNode(v.tree, 0, { left: MAX_MODULES })) return false;
  const totals = v.totals;
  if (!isObject(totals) || !isCount(totals.params) || !isCount(totals.trainableParams) || !isCount(totals.macs)) return false;
  if (!Array.isArray(v.unknowns) || !v.unknowns.every((u) => isObject(u) && typeof u.name === 'string' && typeof u.where === 'string' && isLine(u.line)))
    return false;
  if (!isStrings(v.warnings) || !isStrings(v.notes) || typeof v.partial !== 'boolean') return false;
  if (!isObject(v.model) || typeof v.model.name !== 'string') return false;
  if (v.boundBy !== undefined && !(isObject(v.boundBy) && typeof v.boundBy.call === 'string' && isLine(v.boundBy.line))) return false;
  if (v.focus !== undefined && !(isObject(v.focus) && isLine(v.focus.layer) && isLine(v.focus.instances))) return false;
  return true;
}

const isGiven = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  typeof v === 'boolean' ||
  (typeof v === 'string' && v.length <= 200) ||
  (Array.isArray(v) && v.length <= 64 && v.every((x) => typeof x === 'number' && Number.isFinite(x)));

/** Values for unknowns: at most 200 names (identifiers, dotted allowed), each a given value. */
function isGivenValues(v: unknown): v is Record<string, GivenValue> {
  if (!isObject(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= 200 && entries.every(([k, x]) => /^[A-Za-z_][\w.]{0,99}$/.test(k) && isGiven(x));
}

function isModelInputs(v: unknown): v is ModelInputs {
  return (
    isObject(v) &&
    isSource(v.selection) &&
    isGivenValues(v.values) &&
    (v.inputShape === undefined || (isShape(v.inputShape) && (v.inputShape as unknown[]).length >= 2))
  );
}

function isModelView(v: unknown): v is ModelViewState {
  return (
    isObject(v) &&
    typeof v.key === 'string' &&
    (v.depth === 'all' || v.depth === 1 || v.depth === 2 || v.depth === 3) &&
    isObject(v.toggled) &&
    Object.values(v.toggled).every((x) => typeof x === 'boolean') &&
    (v.kernel === undefined || typeof v.kernel === 'string')
  );
}

/** Shape checks (shared/optimizer-request.ts): the compute module validates every value when it runs the request. */
function isOptimizerRequest(v: unknown): v is OptimizerRequest {
  return isOptimizerRequestShape(v);
}

function isFlowRequest(v: unknown): v is FlowRequest {
  return isObject(v) && v.kind === 'flow' && Array.isArray(v.layers);
}

/** A request that fits the lab it is sent to. */
export function isRequestFor(lab: LabKind, v: unknown): boolean {
  return lab === 'conv' ? isConvRequest(v) : lab === 'optimizer' ? isOptimizerRequest(v) : isFlowRequest(v);
}

function isSource(v: unknown): v is SourceRef {
  return (
    isObject(v) &&
    typeof v.uri === 'string' &&
    Array.isArray(v.range) &&
    v.range.length === 4 &&
    v.range.every(Number.isInteger) &&
    (v.label === undefined || (typeof v.label === 'string' && v.label.length <= 300))
  );
}

function isTerm(v: unknown): v is Term {
  return isObject(v) && typeof v.id === 'string' && typeof v.title === 'string' && Array.isArray(v.formulas);
}

export function parseToWebview(message: unknown): ToWebview | undefined {
  if (!isObject(message)) return undefined;
  switch (message.type) {
    case 'showLab':
      if (!isLab(message.lab)) return undefined;
      if (message.request !== undefined && !isRequestFor(message.lab, message.request)) return undefined;
      if (message.source !== undefined && !isSource(message.source)) return undefined;
      if (message.model !== undefined && !isModelInputs(message.model)) return undefined;
      return message as unknown as ShowLabMessage;
    case 'showTerm':
      return isTerm(message.term) ? (message as unknown as ShowTermMessage) : undefined;
    case 'modelError':
      return typeof message.message === 'string' ? { type: 'modelError', message: message.message.slice(0, 2000) } : undefined;
  }
  return undefined;
}

export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (!isObject(message)) return undefined;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'error':
      return typeof message.message === 'string' ? { type: 'error', message: message.message } : undefined;
    case 'copyText':
      return typeof message.text === 'string' && message.text.length <= 100_000 && typeof message.what === 'string'
        ? { type: 'copyText', text: message.text, what: message.what.slice(0, 80) }
        : undefined;
    case 'saveFile':
      return typeof message.name === 'string' &&
        /^[\w.-]{1,80}\.(png|json)$/.test(message.name) &&
        (message.encoding === 'base64' || message.encoding === 'utf8') &&
        typeof message.data === 'string' &&
        message.data.length <= MAX_SAVE_CHARS &&
        typeof message.what === 'string'
        ? { type: 'saveFile', name: message.name, encoding: message.encoding, data: message.data, what: message.what.slice(0, 80) }
        : undefined;
    case 'applyToCode':
      // A whole model is read-only in the lab: nothing to write back.
      return isLab(message.lab) &&
        isRequestFor(message.lab, message.request) &&
        !(isObject(message.request) && 'tree' in message.request) &&
        isSource(message.source)
        ? ({ type: 'applyToCode', lab: message.lab, request: message.request, source: message.source } as ApplyToCodeMessage)
        : undefined;
    case 'revealLine':
      return typeof message.uri === 'string' && message.uri.length <= 4000 && Number.isInteger(message.line) && (message.line as number) >= 1
        ? { type: 'revealLine', uri: message.uri, line: message.line as number }
        : undefined;
    case 'analyzeModel':
      return isModelInputs(message)
        ? { type: 'analyzeModel', selection: message.selection, values: message.values, ...(message.inputShape ? { inputShape: message.inputShape } : {}) }
        : undefined;
  }
  return undefined;
}

/** Restore saved state only if it is well-formed. */
export function parseLabState(state: unknown): LabState | undefined {
  if (!isObject(state) || !isLab(state.lab)) return undefined;
  const saved = isObject(state.requests) ? state.requests : {};
  const requests: LabRequests = {};
  if (isConvRequest(saved.conv)) requests.conv = saved.conv;
  if (isOptimizerRequest(saved.optimizer)) requests.optimizer = saved.optimizer;
  if (isFlowRequest(saved.flow)) requests.flow = saved.flow;
  return {
    lab: state.lab,
    requests,
    ...(isTerm(state.term) ? { term: state.term } : {}),
    ...(isObject(state.sources)
      ? {
          sources: Object.fromEntries(
            LAB_KINDS.filter((k) => isSource((state.sources as Record<string, unknown>)[k])).map((k) => [k, (state.sources as Record<string, SourceRef>)[k]]),
          ),
        }
      : {}),
    ...(isModelInputs(state.model) ? { model: state.model } : {}),
    ...(isModelView(state.modelView) ? { modelView: state.modelView } : {}),
  };
}
