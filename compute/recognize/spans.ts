/**
 * Where a "Simulate" CodeLens goes: the outermost calls that look like a layer, a Sequential
 * block or an optimizer/scheduler, by callee name only. Cheap enough to run on every edit; the
 * full recognition runs when the lens is used.
 */
import { MAX_NESTING, maxBracketDepth } from '../text';
import { callsIn, parsePython } from './python';

export type SpanKind = 'layers' | 'optimizer';

export interface SimulatableSpan {
  from: number;
  to: number;
  kind: SpanKind;
  /** The callee as written, e.g. `nn.Conv2d` or `torch.optim.Adam`. */
  callee: string;
}

const LAYER = /(^|\.)(Conv[123]d|ConvTranspose[123]d|MaxPool[123]d|AvgPool[123]d|Sequential|Conv[123]D|Conv[123]DTranspose|MaxPooling[123]D|AveragePooling[123]D)$|^(nn|flax\.linen|linen)\.Conv$/;
const OPTIMIZER = /^(torch\.)?optim\.(SGD|Adam|AdamW|Adagrad|RMSprop)$|^(tf\.)?keras\.optimizers\.(SGD|Adam|AdamW|Adagrad|RMSprop)$|^optax\.(sgd|adam|adamw|adagrad|rmsprop)$|^(torch\.optim\.)?lr_scheduler\.\w+$/;

/** At most this many lenses per document (a generated file should not flood the editor). */
const MAX_SPANS = 500;

export function simulatableSpans(text: string): SimulatableSpan[] {
  if (text.length > 2_000_000 || maxBracketDepth(text) > MAX_NESTING) return [];
  const spans: SimulatableSpan[] = [];
  let coveredTo = -1;
  for (const call of callsIn(parsePython(text), text)) {
    if (call.node.from < coveredTo) continue; // inside a block already counted (e.g. a Sequential)
    const kind: SpanKind | undefined = LAYER.test(call.callee) ? 'layers' : OPTIMIZER.test(call.callee) ? 'optimizer' : undefined;
    if (!kind) continue;
    spans.push({ from: call.node.from, to: call.node.to, kind, callee: call.callee });
    coveredTo = call.node.to;
    if (spans.length >= MAX_SPANS) break;
  }
  return spans;
}
