/**
 * "Apply to code" for every lab: the edits that write a lab's parameters back into the code
 * they came from. Offsets are into the whole document, so names bound elsewhere in the file
 * (`C = 64`) resolve when the original layers are read again.
 */
import type { ConvLayerJson } from '../conv/layer';
import { ComputeError } from '../errors';
import type { FlowLayerJson } from '../flow/types';
import type { OptimizerRequest } from '../optim';
import { optimizerEdit, type TextEdit } from './apply';
import { convEdit } from './apply-conv';
import { flowEdit } from './apply-flow';
import { recognizeRequest } from './index';
import { callsIn, parsePython } from '../python/syntax';
import type { LayerFramework } from './frameworks';

/** What each lab sends: its current request (only the fields used here). */
export type LabApply =
  | { lab: 'optimizer'; request: OptimizerRequest }
  | { lab: 'conv'; request: { layers: readonly ConvLayerJson[]; inputShape: number[]; framework?: LayerFramework } }
  | { lab: 'flow'; request: { layers: readonly FlowLayerJson[] } };

/** Fields the analysis adds to a layer; they are results, not arguments. */
const ANALYSIS_FIELDS = ['inShape', 'outShape', 'params', 'macs', 'receptiveField', 'defaultsUsed'];

export function layerArguments(layer: ConvLayerJson): ConvLayerJson {
  const copy: ConvLayerJson = { ...layer };
  for (const key of ANALYSIS_FIELDS) delete copy[key];
  return copy;
}

/** The edits, as offsets into `document`, that write `apply` into the code at [from, to). */
export function labEdits(apply: LabApply, document: string, from: number, to: number): TextEdit[] {
  const text = document.slice(from, to);
  let edits: TextEdit[];
  if (apply.lab === 'optimizer') {
    const spec = apply.request.optimizer ?? apply.request.optimizers?.[0];
    if (!spec) throw new ComputeError('The lab has no optimizer to write back.');
    edits = [optimizerEdit(text, spec)];
  } else if (apply.lab === 'conv') {
    const original = recognizeRequest(document, { from, to, inputShape: apply.request.inputShape });
    if ('error' in original || original.kind !== 'conv')
      throw new ComputeError('The code there is no longer a layer; select it and run Simulate Selection again.');
    const helper = helperCallIn(text, document);
    if (helper)
      throw new ComputeError(
        `${helper}(...) is a helper defined in this file, and ML Lens does not write through it; change its arguments or the helper by hand, or use Copy as code.`,
      );
    if ('valuesFromModel' in original)
      throw new ComputeError(
        `This layer's values come from ${String((original as { valuesFromModel?: string }).valuesFromModel)}, not from literals in the call; change them there by hand, or use Copy as code.`,
      );
    if ('tree' in original)
      throw new ComputeError('Apply to code writes single layers and Sequential blocks; for a whole model, edit the code and analyze it again.');
    const framework = apply.request.framework ?? original.framework;
    edits = convEdit(text, apply.request.layers.map(layerArguments), framework, {
      original: original.layers.map(layerArguments),
      inputShape: apply.request.inputShape,
      resolved: original.resolved,
    });
  } else {
    edits = flowEdit(text, apply.request.layers);
  }
  return edits.map((e) => ({ ...e, from: e.from + from, to: e.to + from }));
}

/** A call in `text` of a function defined in `document` (torchvision's conv3x3(...)), by name. */
function helperCallIn(text: string, document: string): string | undefined {
  for (const call of callsIn(parsePython(text), text)) {
    if (/^[A-Za-z_]\w*$/.test(call.callee) && new RegExp(`^\\s*def\\s+${call.callee}\\s*\\(`, 'm').test(document)) return call.callee;
  }
  return undefined;
}
