/**
 * The words and numbers the editor shows for a file's analysis (compute/program/file-analysis):
 * inlay hints (`→ N×64×56×56`, `11.7 M params · 1.8 G MACs`) with their tooltips, in plain
 * data, so the VS Code provider only converts offsets to positions. Pure: no vscode.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { FileAnalysis, ModelSummary, ShapeHint } from '../program/file-types';
import type { Dim } from '../program/values';
import { dottedName, parsePython } from '../python/syntax';
import { fullCount, humanUnits } from '../count-format';

/** `N×64×56×56` (unknown dimensions by name). */
export const shapeText = (shape: readonly Dim[]): string => (shape.length ? shape.join('×') : 'scalar');
/** `[N, 64, 56, 56]`, the way PyTorch prints a size. */
export const shapeList = (shape: readonly Dim[]): string => `[${shape.join(', ')}]`;

/** The inlay label of a shape: `→ N×64×56×56`. */
export const shapeLabel = (shape: readonly Dim[]): string => `→ ${shapeText(shape)}`;

/**
 * The inlay label of a model's totals: `11.7 M params · 1.8 G MACs`. A partial answer (part of the
 * model not read, or the trace stopped) says so; MACs for an input the code does not give say that
 * the input is assumed (the numbers are then not the model's own), and MACs for a batch the code
 * fixes say the batch (they count every sample of it; with a symbolic N they are per sample).
 */
export const totalsLabel = (m: ModelSummary): string =>
  `${humanUnits(m.totals.params)} params · ${macsText(m)} MACs${macsScope(m)}${m.partial ? ' · partial' : ''}`;

/** The MACs in human units; '?' when a partial trace reached no layer (0 would read as a count). */
const macsText = (m: ModelSummary): string => (m.partial && m.totals.macs === 0 ? '?' : humanUnits(m.totals.macs));

/** What the MACs are for: a batch the code fixes (`model(torch.randn(64, …))` counts 64 samples), an assumed input, or one sample (symbolic N). */
function macsScope(m: ModelSummary): string {
  const batch = m.inputShape[0];
  if (m.inputAssumed) return ' (assumed input)';
  return typeof batch === 'number' && batch > 1 ? ` (batch of ${batch})` : '';
}

export interface InlayText {
  /** Offset into the analysed text. */
  at: number;
  label: string;
  /** Markdown. */
  tooltip: string;
  kind: 'shape' | 'totals';
}

/** The built-in layer constructed by the call that ends at `at` (`Conv2d`), read from the text. */
export function layerOpAt(text: string, at: number, tree?: Tree): string | undefined {
  const call = callEndingAt(text, at, tree);
  const callee = call?.firstChild ? dottedName(text, call.firstChild) : undefined;
  return callee?.split('.').pop();
}

/** `tree`: the text's parse when the caller keeps it (else the parse cache, which may parse again). */
export function callEndingAt(text: string, at: number, tree: Tree = parsePython(text)): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = tree.resolveInner(at, -1); n; n = n.parent) {
    if (n.name === 'CallExpression' && n.to === at) return n;
    if (n.to > at) break;
  }
  return undefined;
}

/** The model a hint was traced in: the summary of that name, else the only one. */
export function modelOf(analysis: FileAnalysis, hint: ShapeHint): ModelSummary | undefined {
  return analysis.models.find((m) => m.name === hint.model) ?? (analysis.models.length === 1 ? analysis.models[0] : undefined);
}

/** "input assumed [N, 3, 224, 224]" (or without the shape when the model is not known). */
export function assumedNote(analysis: FileAnalysis, hint: ShapeHint): string {
  const model = modelOf(analysis, hint);
  const shape = model?.inputShape.length ? ` ${shapeList(model.inputShape)}` : '';
  return `input assumed${shape}: not written in the code; a comment such as \`# x: (N, 3, 224, 224)\` in \`forward\` sets it`;
}

/** Markdown lines describing one hint: what, in → out, parameters and MACs, repeats, assumptions. */
export function hintLines(analysis: FileAnalysis, text: string, hint: ShapeHint, tree?: Tree): string[] {
  const lines: string[] = [];
  if (hint.kind === 'layer') {
    const op = layerOpAt(text, hint.at, tree);
    lines.push(`**\`${hint.label}\`**${op ? ` · ${op}` : ''} · in ${hint.model}`);
    lines.push(hint.inShape ? `\`${shapeList(hint.inShape)}\` → \`${shapeList(hint.shape)}\`` : `output \`${shapeList(hint.shape)}\``);
    const perSample = hint.shape[0] === 'N' ? ' per sample' : '';
    lines.push(`${fullCount(hint.params)} parameters · ${humanUnits(hint.macs)} MACs${perSample}`);
    if (hint.count > 1)
      lines.push(`*Called ${hint.count} times (a block built several times, or a layer called in a loop); the first in execution order is shown.*`);
  } else {
    lines.push(`**\`${hint.label || 'value'}\`** · in ${hint.model}.forward`);
    lines.push(`\`${shapeList(hint.shape)}\``);
    if (hint.count > 1) lines.push(`*Computed ${hint.count} times (a block built several times, or a loop); the first in execution order is shown.*`);
  }
  if (hint.inputAssumed) lines.push(`*${assumedNote(analysis, hint)}*`);
  return lines;
}

export function modelLines(m: ModelSummary): string[] {
  const lines = [
    `**${m.name}** · ${fullCount(m.totals.params)} parameters (${fullCount(m.totals.trainableParams)} trainable) · ${macsText(m)} MACs${macsScope(m)}`,
  ];
  if (m.inputShape.length) lines.push(`input \`${shapeList(m.inputShape)}\`${m.inputAssumed ? ' (assumed: not written in the code)' : ''}`);
  if (m.boundBy && m.boundBy !== `${m.name}()`) lines.push(`built by \`${m.boundBy}\``);
  if (m.partial)
    lines.push('*Partial: some of the model was not read (a value the code does not give, or code ML Lens does not understand); Analyze model lists what.*');
  return lines;
}

/** Every inlay hint of an analysis, in text order: the shapes, then each model's totals. */
export function inlayTexts(analysis: FileAnalysis, text: string, tree?: Tree): InlayText[] {
  const out: InlayText[] = [];
  for (const hint of analysis.hints)
    out.push({ at: hint.at, label: shapeLabel(hint.shape), tooltip: hintLines(analysis, text, hint, tree).join('  \n'), kind: 'shape' });
  for (const m of analysis.models) out.push({ at: m.at, label: totalsLabel(m), tooltip: modelLines(m).join('  \n'), kind: 'totals' });
  return out.sort((a, b) => a.at - b.at);
}
