/**
 * The PyTorch framework table: every built-in torch.nn layer the static evaluator knows, keyed by
 * class name, with PyTorch's positional argument order and defaults (as in the PyTorch 2.x
 * documentation), parameter and buffer counts, and the forward's shapes, MACs and
 * receptive-field rule. It supersedes compute/recognize/torch-layers.ts.
 *
 * Conventions
 * - MACs are multiply-accumulates (never FLOPs) with learned weights, plus attention's QKᵀ and AV
 *   products (and any matmul between activations). Normalization, activations, pooling,
 *   dropout, padding and resampling count 0; biases are not counted.
 * - MACs are for the batch given; a symbolic batch `N` counts as 1 (per sample). Any other
 *   symbolic dim in the count makes it null (unknown).
 * - Shapes may hold symbols (`N`, `x.size(1)`, an unknown constructor argument such as
 *   `num_classes`); they propagate (`N·9216`, `(H-1)//2+1`) instead of failing.
 * - Shape errors are ComputeErrors with PyTorch's own wording (as PyTorch 1.13 and 2.x raise them).
 * - A layer passed to another layer (TransformerEncoder's encoder_layer, norm=…) is a
 *   LayerInstanceArg `{__layer__: 'TransformerEncoderLayer', args}` (table-types.ts).
 */
import { ATTENTION_LAYERS, linkLayerTable } from './torch-attention';
import { ACTIVATION_LAYERS } from './torch-activations';
import { bindSignature, type Bound } from './torch-dims';
import { BASIC_LAYERS } from './torch-layers-basic';
import { SPATIAL_LAYERS } from './torch-layers-conv';
import { RNN_LAYERS } from './torch-rnn';
import type { LayerRule } from './table-types';
import { NeedsUnknown, type Arg } from './values';

export const TORCH_LAYERS: Readonly<Record<string, LayerRule>> = {
  ...SPATIAL_LAYERS,
  ...BASIC_LAYERS,
  ...ACTIVATION_LAYERS,
  ...RNN_LAYERS,
  ...ATTENTION_LAYERS,
};

const PREFIXES = /^(torch\.nn\.(modules\.\w+\.)?|nn\.)/;

/** The rule for a class name (`Conv2d`; `nn.Conv2d` and `torch.nn.Conv2d` work too), or undefined. */
export function torchLayerRule(name: string): LayerRule | undefined {
  const cls = name.replace(PREFIXES, '');
  return Object.hasOwn(TORCH_LAYERS, cls) ? TORCH_LAYERS[cls] : undefined;
}

linkLayerTable(torchLayerRule);

/**
 * Bind a constructor call's arguments the way Python does: positionals in PyTorch's order,
 * keywords by name, defaults filled (and listed in `defaultsUsed`); `device=` and `dtype=` are
 * ignored. Raises Python's TypeError wording ("Conv2d.__init__() got an unexpected keyword
 * argument 'kernel'") and then PyTorch's constructor checks ("in_channels must be divisible by
 * groups") as ComputeErrors. Checks that need an unknown value are skipped.
 */
export function bindTorchArgs(rule: LayerRule, name: string, positional: Arg[], keywords: Record<string, Arg>): Bound {
  const cls = name.replace(PREFIXES, '');
  const bound = bindSignature(
    `${cls}.__init__`,
    { params: rule.params, defaults: rule.defaults, ignored: rule.ignoredParams, acceptsAnything: rule.acceptsAnything },
    positional,
    keywords,
  );
  try {
    rule.check?.(bound.args);
  } catch (e) {
    if (!(e instanceof NeedsUnknown)) throw e;
  }
  return bound;
}
