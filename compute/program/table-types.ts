/**
 * What a framework table says about one built-in layer (a module whose forward the trace does not
 * descend into): how its constructor binds arguments, how many parameters it holds, and what its
 * forward does to shapes. Every surface (lab, hover, inlay hint, diagnostic) reads these tables.
 */
import type { Arg, Dim, RfAxis, TensorV } from './values';

/** Constructor arguments bound by name (positional ones named, defaults filled). */
export type BoundArgs = Record<string, Arg>;

/** The frameworks whose layers the tables describe. */
export type LayerFramework = 'pytorch' | 'keras' | 'flax';
/** How each framework is named to people (messages, buttons). */
export const FRAMEWORK_LABEL: Readonly<Record<LayerFramework, string>> = { pytorch: 'PyTorch', keras: 'Keras', flax: 'Flax' };

/**
 * How a layer moves the receptive field along its spatial axes. `axes` (optional) names the input
 * axes the rule acts on, in order, when they are not the trailing ones: channels-last layers
 * (Keras, Flax) on (N, H, W, C) say `axes: [1, 2]`; absent means the trailing `kernel.length`
 * (window) or rank − 2 (same, global) axes, PyTorch's (N, C, *spatial).
 */
export type RfRule =
  /** Elementwise or per-channel (activations, norms, dropout): unchanged. */
  | { kind: 'same'; axes?: number[] }
  /** A sliding window over the last `kernel.length` axes; transposed convs divide the jump. */
  | { kind: 'window'; kernel: number[]; stride: number[]; padding: number[]; dilation: number[]; transposed?: boolean; axes?: number[] }
  /** Every output reads the whole input along the spatial axes (global/adaptive pooling, attention). */
  | { kind: 'global'; axes?: number[] }
  /** The output is no longer spatial (flatten, linear over features): no receptive field. */
  | { kind: 'none' };

export interface ForwardResult {
  /** One tensor, or a tuple of them (LSTM's `(output, (h_n, c_n))`). */
  out: TensorV | ForwardOut[];
  /** Multiply-accumulates with weights for the batch given (per sample when the batch is `N`); null when unknown. */
  macs: number | null;
  rf: RfRule;
  /**
   * Facts about this call a reader must see (framework-version differences, a surprising but
   * faithful reading such as Flax's int kernel_size on an image); surfaces show them as warnings.
   */
  notes?: string[];
}
export type ForwardOut = TensorV | ForwardOut[];

export interface LayerRule {
  /** PyTorch's op name for the conv lab (`conv2d`, `linear`, `batch_norm2d`, …). */
  op: string;
  /** Constructor arguments in positional order (after self). */
  params: readonly string[];
  /** Defaults of the optional arguments; a name missing here is required. */
  defaults: Readonly<BoundArgs>;
  /** Trainable parameters; throws NeedsUnknown when an argument it needs is an unknown. */
  paramCount(a: BoundArgs): number;
  /**
   * Layers whose weights are created at their first call (Keras, Flax linen: the input's last
   * axis decides the kernel's shape): parameters for the inputs of that call. When present, the
   * evaluator uses it instead of paramCount.
   */
  paramCountFor?(a: BoundArgs, inputs: TensorV[]): number;
  /** Buffers (running statistics), which are not parameters. */
  bufferCount?(a: BoundArgs): number;
  /**
   * Weights created at the first call that are not trainable but that the framework counts as
   * parameters (Keras: BatchNormalization's moving_mean and moving_variance are in model.summary()'s
   * "Non-trainable params"). Added to the layer's total, not to its trainable count.
   */
  nonTrainableFor?(a: BoundArgs, inputs: TensorV[]): number;
  /**
   * Buffers sized at the first call, from the inputs (Flax linen: BatchNorm's mean and var live
   * in the `batch_stats` collection, not in `params`). Like bufferCount, not parameters.
   */
  bufferCountFor?(a: BoundArgs, inputs: TensorV[]): number;
  /**
   * Output shape(s), MACs and receptive-field rule for the given input tensors (the forward's
   * positional arguments that are tensors). Throws ComputeError with PyTorch's own wording when
   * PyTorch would raise (channel mismatch, wrong rank, empty output).
   */
  forward(a: BoundArgs, inputs: TensorV[], keywords?: BoundArgs): ForwardResult;
  /**
   * Checks PyTorch makes in the constructor (`in_channels must be divisible by groups`), with its
   * wording; bindTorchArgs runs it. Arguments that are unknown are skipped.
   */
  check?(a: BoundArgs): void;
  /**
   * Trailing constructor parameters that are accepted (positionally or by keyword) and dropped
   * because they do not change shapes: `device`, `dtype`. They count in Python's
   * "takes from 4 to 12 positional arguments" message.
   */
  ignoredParams?: readonly string[];
  /** The constructor takes `*args, **kwargs` and ignores them (nn.Identity). */
  acceptsAnything?: boolean;
}

/**
 * A layer passed as an argument to another layer's constructor: TransformerEncoder's
 * `encoder_layer`, `norm=nn.LayerNorm(d)`. `__layer__` is the class name (a key of the table) and
 * `args` its constructor arguments as bindTorchArgs bound them.
 */
export type LayerInstanceArg = { __layer__: string; args: BoundArgs };

export function isLayerInstance(v: Arg): v is LayerInstanceArg {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { __layer__?: unknown }).__layer__ === 'string';
}

export type { Dim, RfAxis };
