/**
 * The answer for a whole model (a class, a factory call, an instantiation, a Sequential, or a
 * layer inside one): the CLI's `recognize` prints it, the lab's model view shows it.
 */
import type { Dim } from './values';

export interface ModelLayer {
  /** `named_modules()` path relative to the traced module (`layer1.0.conv1`); null for functional ops (`F.relu`, `+`, `cat`). */
  path: string | null;
  /** PyTorch's op name (`conv2d`, `linear`, `batch_norm2d`, `add`, `cat`). */
  op: string;
  /** Class or function as written (`Conv2d`, `F.relu`, `torch.cat`, `+`). */
  type: string;
  inShape: Dim[];
  outShape: Dim[];
  /** Trainable + frozen parameters of the module (0 for functional ops); null when an unknown is needed. */
  params: number | null;
  /** Multiply-accumulates for this call (per sample when the batch is the symbol N); null when unknown. */
  macs: number | null;
  receptiveField: { size: number[]; jump: number[] } | null;
  /** Line (1-based) and offsets of the construction (modules) or of the call (functional ops). */
  line: number;
  from: number;
  to: number;
  /** The layer's constructor arguments (PyTorch names), for opening it in the kernel view. */
  args?: Record<string, unknown>;
  /** The file the layer was built in, when it is not the analysed one's path (workspace imports). */
  file?: string;
}

export interface ModelTreeNode {
  /** Attribute name under the parent (`conv1`, `0`); the root's is ''. */
  name: string;
  path: string;
  /** Class name (`ResNet`, `Sequential`, `BasicBlock`, `Conv2d`). */
  type: string;
  line: number;
  /** Parameters of the whole subtree; null when an unknown is needed. */
  params: number | null;
  trainableParams: number | null;
  /** MACs of all calls of this subtree during the traced forward. */
  macs: number | null;
  /** Input and output shape of the first call of this module (absent when it was never called). */
  inShape?: Dim[];
  outShape?: Dim[];
  /** How many times forward called it (0: built but not used). */
  calls: number;
  /** Receptive field of its first call's output, while spatial. */
  receptiveField?: { size: number[]; jump: number[] };
  /** The file it was built in, when not the analysed file (a workspace import). */
  file?: string;
  children: ModelTreeNode[];
}

export interface ModelUnknown {
  /** The parameter or name, e.g. `num_classes`. */
  name: string;
  /** What it is: `parameter of ResNet.__init__`. */
  where: string;
  line: number;
}

export interface ModelRecognition {
  kind: 'conv';
  framework: 'pytorch' | 'keras' | 'flax';
  /** The model's input (N, C, *spatial) with N symbolic unless the code or the user fixes it. */
  inputShape: Dim[];
  inputShapeSource: 'option' | 'code' | 'comment' | 'assumed';
  inputShapeAssumed: boolean;
  /** The traced module: `ResNet` (class), built by `boundBy` when a call site gave its values. */
  model: { name: string; line: number };
  boundBy?: { call: string; file: string; line: number };
  layers: ModelLayer[];
  tree: ModelTreeNode;
  totals: { params: number | null; trainableParams: number | null; macs: number | null };
  unknowns: ModelUnknown[];
  /** Everything not understood, dropped or skipped, each naming its line. Empty only when the trace is complete. */
  warnings: string[];
  notes: string[];
  /** The model's output and, while it is still spatial, its receptive field on the input (`left` may be negative: padding). */
  output?: { shape: Dim[]; receptiveField: { size: number[]; jump: number[]; left: number[] } | null };
  /** Why the forward pass stopped early (a shape error PyTorch would raise, a budget), also in warnings. */
  traceError?: string;
  /** True when a warning means some of the model is missing from the numbers. */
  partial: boolean;
  /** For a layer selected inside the model: the index into `layers` of its first call, and how many instances exist. */
  focus?: { layer: number; instances: number };
  source: { from: number; to: number };
}
