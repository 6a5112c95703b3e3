/** The four ML Lens commands; each is a thin adapter over the pure modules. */
import * as vscode from 'vscode';
import {
  analyzeConvRequest,
  type LabApply,
  type OptimizerRequest,
  IDENTITIES,
  recognize,
  recognizeRequest,
  snippetBody,
  TERMS,
  termById,
  identityTex,
  type ConvRecognition,
  type RecognizeOptions,
} from '../compute';
import { snippetLanguage } from './identity-completion';
import { applyToCode } from './apply-to-code';
import {
  isModelRecognition,
  LAB_KINDS,
  parseFromWebview,
  type AnalyzeModelMessage,
  type GivenValue,
  type LabKind,
  type ShowLabMessage,
  type SourceRef,
  type ToWebview,
} from '../shared/protocol';
import { modelSpans } from '../compute/recognize/model-spans';
import { rememberedValues, rememberValues, revealLine, workspaceLoader } from './model';
import { flowRequestFromParams, optimizerRequestFromParams } from '../shared/lab-params';
import { readConfig } from './config';
import { onModelRequests, showLab } from './lab-host';
import { cellOf, cellPlace, notebookProgram, rangeInCell } from './notebook';
import { cellLinesIn, fromCell } from '../compute/notebook/program';
import { COMMANDS } from '../compute/commands';

/** The example the conv lab opens with when no code drives it. */
const DEFAULT_CONV = 'nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)';

export interface SimulationShown {
  lab: LabKind;
  request: ShowLabMessage['request'];
  /** Where the lab says its parameters came from. */
  source?: SourceRef;
}

/** The lab a recognized request belongs in. */
function labFor(kind: string): LabKind {
  return kind === 'conv' ? 'conv' : kind === 'flow' ? 'flow' : 'optimizer';
}

/**
 * Simulate the selection (or the call under the cursor). A CodeLens passes the document and the
 * range of the call it sits on instead.
 */
async function simulateSelection(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  uri?: unknown,
  range?: unknown,
): Promise<SimulationShown | undefined> {
  let document: vscode.TextDocument | undefined;
  let selection: vscode.Range | undefined;
  if (uri instanceof vscode.Uri && range instanceof vscode.Range) {
    document = await vscode.workspace.openTextDocument(uri);
    selection = range;
  } else if (typeof uri === 'string' && Array.isArray(range) && range.length === 4 && range.every(Number.isInteger)) {
    // From a hover's command link: JSON arguments (uri string, [line, character, line, character]).
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    selection = new vscode.Range(range[0], range[1], range[2], range[3]);
  } else if (vscode.window.activeTextEditor) {
    ({ document, selection } = vscode.window.activeTextEditor);
  }
  if (!document || !selection) {
    void vscode.window.showWarningMessage(
      'ML Lens: open a Python file and select a layer, an optimizer or an objective, e.g. nn.Conv2d(3, 64, 7, stride=2, padding=3).',
    );
    return undefined;
  }
  return showRecognition(context, log, document, selection);
}

/**
 * "Analyze model": the CodeLens passes the document and the cursor on a class or factory name;
 * from the palette, the model class or factory around the cursor (else the selection as is).
 */
async function analyzeModelAt(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  uri?: unknown,
  range?: unknown,
): Promise<SimulationShown | undefined> {
  if (uri instanceof vscode.Uri && range instanceof vscode.Range) return simulateSelection(context, log, uri, range);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(
      'ML Lens: open a Python file and put the cursor in a model class (an nn.Module) or a function that builds one, e.g. def resnet18(): return ResNet(...).',
    );
    return undefined;
  }
  const { document, selection } = editor;
  const offset = document.offsetAt(selection.active);
  const around = modelSpans(document.getText()).filter((s) => s.from <= offset && offset <= s.to);
  const span = around[around.length - 1];
  const at = span ? new vscode.Range(document.positionAt(span.at), document.positionAt(span.at)) : selection;
  return showRecognition(context, log, document, at);
}

/**
 * Recognize `selection` in `document` and show it in its lab. A whole model is analyzed with the
 * values the user gave the file's unknowns (remembered) or `model`'s; `post` sends the answer to
 * the webview that asked (the model view analyzing again) and `onError` reports failures there.
 */
export async function showRecognition(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  document: vscode.TextDocument,
  selection: vscode.Range,
  model?: { values: Record<string, GivenValue>; inputShape?: (number | string)[] },
  post?: (message: ToWebview) => void,
): Promise<SimulationShown | undefined> {
  const values = model?.values ?? rememberedValues(context, document.uri);
  const started = Date.now();
  // In a notebook cell, the code cells above it (in order) and the cell itself are one program.
  const cell = cellOf(document);
  const program = cell && notebookProgram(cell.notebook, cell.index);
  const text = program ? program.text : document.getText();
  const offset = (p: vscode.Position) => (program && cell ? fromCell(program, cell.index, document.offsetAt(p))! : document.offsetAt(p));
  const loader = await workspaceLoader(cell ? { uri: cell.notebook.uri, getText: () => text } : document);
  const loaded = Date.now();
  const result = recognizeRequest(text, {
    from: offset(selection.start),
    to: offset(selection.end),
    ...recognizeDefaults(),
    path: (cell ? cell.notebook.uri : document.uri).path,
    loader,
    ...(Object.keys(values).length ? { set: values } : {}),
    ...(model?.inputShape ? { inputShape: model.inputShape as number[] } : {}),
  });
  if ('error' in result) {
    // The message names what was expected, with an example per kind; no lab opens.
    const error = program ? cellLinesIn(program, String(result.error)) : String(result.error);
    if (post) post({ type: 'modelError', message: error });
    else void vscode.window.showWarningMessage(`ML Lens: ${error.replace(/\n- /g, ' • ').replace(/\n/g, ' ')}`);
    return undefined;
  }
  const lab = labFor(result.kind);
  // The recognized code may sit in an earlier cell (a model class defined above): its own cell then.
  const inCell = program && cell ? rangeInCell(program, cell.notebook, result.source.from, result.source.to) : undefined;
  const sourceDocument = inCell?.cell.document ?? document;
  const sourceRange = inCell?.range ?? (program ? selection : new vscode.Range(document.positionAt(result.source.from), document.positionAt(result.source.to)));
  const request = result as ShowLabMessage['request'];
  const message: ShowLabMessage = {
    type: 'showLab',
    lab,
    request,
    source: {
      uri: sourceDocument.uri.toString(),
      range: [sourceRange.start.line, sourceRange.start.character, sourceRange.end.line, sourceRange.end.character],
      ...(cell ? { label: cellPlace(cell.notebook, inCell?.cell.index ?? cell.index, sourceRange.start.line) } : {}),
    },
  };
  if (isModelRecognition(result)) {
    const s = selection;
    message.model = {
      selection: { uri: document.uri.toString(), range: [s.start.line, s.start.character, s.end.line, s.end.character] },
      values,
      ...(model?.inputShape ? { inputShape: model.inputShape } : {}),
    };
    log.info(
      `Model ${result.tree.type}${result.boundBy ? ` (${result.boundBy.call})` : ''}: ${result.layers.length} layer calls, ${result.warnings.length} warnings, ${result.unknowns.length} unknowns; imports read in ${loaded - started} ms, analyzed in ${Date.now() - loaded} ms`,
    );
  }
  if (post) post(message);
  else showLab(context.extensionUri, log, message);
  return { lab, request, source: message.source };
}

/** The settings that fill in what selected code leaves open. */
function recognizeDefaults(): Pick<RecognizeOptions, 'defaultInputShape' | 'optimizerObjective' | 'optimizerSteps'> {
  const config = readConfig();
  return { defaultInputShape: config.defaultInputShape, optimizerObjective: config.optimizerObjective, optimizerSteps: config.optimizerSteps };
}

/** A conv request from a hover's "Open in lab" parameters ({layers, inputShape}), if valid. */
function convFromParams(params: unknown): ConvRecognition | undefined {
  const p = params as { layers?: unknown; inputShape?: unknown } | undefined;
  if (!p || !Array.isArray(p.layers) || !Array.isArray(p.inputShape)) return undefined;
  try {
    const result = analyzeConvRequest({ kind: 'conv', layers: p.layers, inputShape: p.inputShape as number[] });
    return { ...result, framework: 'pytorch', inputShapeAssumed: false, source: { from: 0, to: 0 } };
  } catch {
    return undefined;
  }
}

function openLab(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, kind: unknown, params: unknown): LabKind {
  const lab: LabKind = LAB_KINDS.includes(kind as LabKind) ? (kind as LabKind) : readConfig().defaultLab;
  const message: ShowLabMessage = { type: 'showLab', lab };
  if (lab === 'conv') {
    const fromParams = convFromParams(params);
    const request = fromParams ?? recognize(DEFAULT_CONV, { defaultInputShape: readConfig().defaultInputShape });
    if (!('error' in request)) message.request = request;
  } else {
    // Without parameters the lab keeps what it had (or its defaults).
    const request = lab === 'optimizer' ? optimizerRequestFromParams(params) : flowRequestFromParams(params);
    if (request) message.request = request;
  }
  showLab(context.extensionUri, log, message);
  return lab;
}

async function lookUpTerm(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, id: unknown): Promise<string | undefined> {
  let term = typeof id === 'string' ? termById(id) : undefined;
  if (!term) {
    const picked = await vscode.window.showQuickPick(
      TERMS.map((t) => ({ label: t.title, description: `${t.section} · ${[...t.aliases, ...t.code].slice(0, 5).join(', ')}`, detail: t.summary, id: t.id })),
      { title: 'ML Lens: Look Up Term', placeHolder: 'Search terms by name or alias', matchOnDescription: true, matchOnDetail: true },
    );
    term = picked && termById(picked.id);
  }
  if (!term) return undefined;
  showLab(context.extensionUri, log, { type: 'showTerm', term });
  return term.id;
}

async function insertIdentity(id: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('ML Lens: open a LaTeX, Markdown or Python file to insert an identity.');
    return undefined;
  }
  let identity = typeof id === 'string' ? IDENTITIES.find((i) => i.id === id) : undefined;
  if (!identity) {
    const picked = await vscode.window.showQuickPick(
      IDENTITIES.map((i) => ({ label: i.name, description: i.prefix, detail: identityTex(i, readConfig().identityLayout), id: i.id })),
      { title: 'ML Lens: Insert Derivative Identity', placeHolder: 'Search by name, prefix or formula', matchOnDescription: true, matchOnDetail: true },
    );
    identity = picked && IDENTITIES.find((i) => i.id === picked.id);
  }
  if (!identity) return undefined;
  const layout = readConfig().identityLayout;
  await editor.insertSnippet(new vscode.SnippetString(snippetBody(identity, snippetLanguage(editor.document.languageId), layout)));
  return identity.id;
}

export function registerCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.simulateSelection, (uri?: unknown, range?: unknown) => simulateSelection(context, log, uri, range)),
    vscode.commands.registerCommand(COMMANDS.analyzeModel, (uri?: unknown, range?: unknown) => analyzeModelAt(context, log, uri, range)),
    vscode.commands.registerCommand(COMMANDS.openLab, (kind?: unknown, params?: unknown) => openLab(context, log, kind, params)),
    vscode.commands.registerCommand(COMMANDS.lookUpTerm, (id?: unknown) => lookUpTerm(context, log, id)),
    vscode.commands.registerCommand(COMMANDS.insertIdentity, (id?: unknown) => insertIdentity(id)),
    // Internal (not in the palette): what the lab's "Apply to code" button runs; also used by tests.
    // (request, source) applies an optimizer request; (lab, request, source) any lab's.
    vscode.commands.registerCommand(COMMANDS.applyToCode, (...args: unknown[]) =>
      typeof args[0] === 'string'
        ? applyToCode({ lab: args[0], request: args[1] } as LabApply, args[2] as SourceRef)
        : applyToCode({ lab: 'optimizer', request: args[0] as OptimizerRequest }, args[1] as SourceRef),
    ),
  );
  // The model view asks to analyze again (other values for the unknowns, another input) or to show a line.
  const reanalyze = async (message: AnalyzeModelMessage, post?: (message: ToWebview) => void) => {
    const uri = vscode.Uri.parse(message.selection.uri);
    await rememberValues(context, uri, message.values);
    const document = await vscode.workspace.openTextDocument(uri);
    const [l1, c1, l2, c2] = message.selection.range;
    return showRecognition(context, log, document, document.validateRange(new vscode.Range(l1, c1, l2, c2)), message, post);
  };
  onModelRequests({
    async analyze(message, post) {
      await reanalyze(message, post);
    },
    async reveal(message) {
      await revealLine(message.uri, message.line);
    },
  });
  context.subscriptions.push(
    // Internal (not in the palette): what typing a value in the model view does; also used by tests.
    vscode.commands.registerCommand(COMMANDS.reanalyzeModel, (inputs?: unknown) => {
      const message = parseFromWebview({ ...(inputs as object), type: 'analyzeModel' });
      if (message?.type !== 'analyzeModel') throw new Error('mlLens.reanalyzeModel expects {selection: {uri, range}, values, inputShape?}.');
      return reanalyze(message);
    }),
  );
}
