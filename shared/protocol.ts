/**
 * The one message protocol between the extension and the lab webview. Every message is
 * validated on receipt; anything malformed is dropped with a log line, never acted on.
 */
import type { ConvRecognition, FlowRequest, OptimizerRequest, Term } from '../compute';

export type LabKind = 'conv' | 'optimizer' | 'flow';
export const LAB_KINDS: readonly LabKind[] = ['conv', 'optimizer', 'flow'];

/** Where a lab's parameters came from in the user's code (for "Apply to code" later). */
export interface SourceRef {
  uri: string;
  /** 0-based line/character range. */
  range: [number, number, number, number];
}

// Extension → webview.

/** The parameters each lab runs on: a simulation request of its kind. */
export interface LabRequests {
  conv?: ConvRecognition;
  optimizer?: OptimizerRequest;
  flow?: FlowRequest;
}

/** Open a lab, optionally with a request for it (from selected code or a hover's link). */
export interface ShowLabMessage {
  type: 'showLab';
  lab: LabKind;
  /** Must match `lab`: a conv request for the conv lab, and so on. */
  request?: ConvRecognition | OptimizerRequest | FlowRequest;
  source?: SourceRef;
}

/** Show a catalog entry in full (from mlLens.lookUpTerm). */
export interface ShowTermMessage {
  type: 'showTerm';
  term: Term;
}

export type ToWebview = ShowLabMessage | ShowTermMessage;

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
  | { lab: 'optimizer'; request: OptimizerRequest }
  | { lab: 'conv'; request: ConvRecognition }
  | { lab: 'flow'; request: FlowRequest }
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

export type FromWebview = ReadyMessage | WebviewErrorMessage | ApplyToCodeMessage | CopyTextMessage | SaveFileMessage;

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
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLab = (v: unknown): v is LabKind => typeof v === 'string' && (LAB_KINDS as readonly string[]).includes(v);

function isConvRequest(v: unknown): v is ConvRecognition {
  return isObject(v) && v.kind === 'conv' && Array.isArray(v.layers) && Array.isArray(v.inputShape);
}

/** Shape checks only: the compute module validates every field when it runs the request. */
function isOptimizerRequest(v: unknown): v is OptimizerRequest {
  return isObject(v) && v.kind === 'optimizer' && (isObject(v.optimizer) || Array.isArray(v.optimizers)) && isObject(v.objective);
}

function isFlowRequest(v: unknown): v is FlowRequest {
  return isObject(v) && v.kind === 'flow' && Array.isArray(v.layers);
}

/** A request that fits the lab it is sent to. */
export function isRequestFor(lab: LabKind, v: unknown): boolean {
  return lab === 'conv' ? isConvRequest(v) : lab === 'optimizer' ? isOptimizerRequest(v) : isFlowRequest(v);
}

function isSource(v: unknown): v is SourceRef {
  return isObject(v) && typeof v.uri === 'string' && Array.isArray(v.range) && v.range.length === 4 && v.range.every(Number.isInteger);
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
      return message as unknown as ShowLabMessage;
    case 'showTerm':
      return isTerm(message.term) ? (message as unknown as ShowTermMessage) : undefined;
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
      return typeof message.name === 'string' && /^[\w.-]{1,80}\.(png|json)$/.test(message.name) && (message.encoding === 'base64' || message.encoding === 'utf8') && typeof message.data === 'string' && message.data.length <= MAX_SAVE_CHARS && typeof message.what === 'string'
        ? { type: 'saveFile', name: message.name, encoding: message.encoding, data: message.data, what: message.what.slice(0, 80) }
        : undefined;
    case 'applyToCode':
      return isLab(message.lab) && isRequestFor(message.lab, message.request) && isSource(message.source)
        ? ({ type: 'applyToCode', lab: message.lab, request: message.request, source: message.source } as ApplyToCodeMessage)
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
    ...(isObject(state.sources) ? { sources: Object.fromEntries(LAB_KINDS.filter((k) => isSource((state.sources as Record<string, unknown>)[k])).map((k) => [k, (state.sources as Record<string, SourceRef>)[k]])) } : {}),
  };
}
