/**
 * The one message protocol between the extension and the lab webview. Every message is
 * validated on receipt; anything malformed is dropped with a log line, never acted on.
 */
import type { ConvRecognition, Term } from '../compute';

export type LabKind = 'conv' | 'optimizer' | 'flow';
export const LAB_KINDS: readonly LabKind[] = ['conv', 'optimizer', 'flow'];

/** Where a lab's parameters came from in the user's code (for "Apply to code" later). */
export interface SourceRef {
  uri: string;
  /** 0-based line/character range. */
  range: [number, number, number, number];
}

// Extension → webview.

/** Open a lab, optionally with a recognized request (a conv request for the conv lab). */
export interface ShowLabMessage {
  type: 'showLab';
  lab: LabKind;
  request?: ConvRecognition;
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

export type FromWebview = ReadyMessage | WebviewErrorMessage;

/** The state a webview saves with vscode.setState: parameters, never results. */
export interface LabState {
  lab: LabKind;
  request?: ConvRecognition;
  term?: Term;
  source?: SourceRef;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLab = (v: unknown): v is LabKind => typeof v === 'string' && (LAB_KINDS as readonly string[]).includes(v);

function isConvRequest(v: unknown): v is ConvRecognition {
  return isObject(v) && v.kind === 'conv' && Array.isArray(v.layers) && Array.isArray(v.inputShape);
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
      if (message.request !== undefined && !isConvRequest(message.request)) return undefined;
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
  }
  return undefined;
}

/** Restore saved state only if it is well-formed. */
export function parseLabState(state: unknown): LabState | undefined {
  if (!isObject(state) || !isLab(state.lab)) return undefined;
  return {
    lab: state.lab,
    ...(isConvRequest(state.request) ? { request: state.request } : {}),
    ...(isTerm(state.term) ? { term: state.term } : {}),
    ...(isSource(state.source) ? { source: state.source } : {}),
  };
}
