/**
 * What the whole-file analysis tells the editor surfaces (inlay hints, diagnostics with quick
 * fixes, shape hovers): every model of the file traced statically, and where in the text each
 * shape, total and mismatch belongs. Offsets are into the analysed text.
 */
import type { Dim } from './values';

export interface ShapeHint {
  /** Where the hint goes: the end of a layer construction or of a forward statement. */
  at: number;
  /** The shape produced there (`N×64×56×56`), batch symbolic unless the code fixes it. */
  shape: Dim[];
  /** What produced it: a layer (`layer1.0.conv1`, Conv2d) or a forward statement's variable. */
  kind: 'layer' | 'statement';
  /** The layer's module path or the assigned name. */
  label: string;
  /** Input shape of the layer (layer hints), for hovers. */
  inShape?: Dim[];
  params?: number | null;
  macs?: number | null;
  /** How many calls produced a shape here (a layer called in a loop, a block built several times); the first is shown. */
  count: number;
  /** The model whose trace this comes from, and whether its input was assumed. */
  model: string;
  inputAssumed: boolean;
}

export interface ModelSummary {
  name: string;
  /** The class or factory (`class ResNet`, `def resnet50`) in the text. */
  from: number;
  to: number;
  /** Where a totals hint goes (end of the class/def header line). */
  at: number;
  totals: { params: number | null; trainableParams: number | null; macs: number | null };
  inputShape: Dim[];
  inputAssumed: boolean;
  partial: boolean;
  boundBy?: string;
}

export interface ShapeFix {
  /** "Set in_features to 9216". */
  title: string;
  from: number;
  to: number;
  newText: string;
}

export interface ShapeDiagnostic {
  /** The offending argument (or the call when no argument is to blame). */
  from: number;
  to: number;
  /** The shapes involved and the framework's own wording of the error it would raise. */
  message: string;
  /** Where the framework would raise it (the forward call's line, 1-based). */
  raisedAt?: number;
  fix?: ShapeFix;
}

export interface FileAnalysis {
  models: ModelSummary[];
  hints: ShapeHint[];
  diagnostics: ShapeDiagnostic[];
  /** Why some models were not analysed (budget, not understood), for the output channel. */
  notes: string[];
  /** Milliseconds the analysis took. */
  ms: number;
}
