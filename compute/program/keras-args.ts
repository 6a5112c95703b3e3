/**
 * Keras argument binding and wording, shared by the Keras layer files.
 *
 * Keras layers take their own arguments, then `**kwargs` that go to the base `Layer.__init__`,
 * which accepts a fixed set (name, dtype, trainable, input_shape, …) and raises
 * `TypeError: Unrecognized keyword arguments passed to Dense: {'foo': 1}` for anything else.
 * Initializers, regularizers and constraints are real parameters of each layer (so they count in
 * Python's positional-argument messages) but do not change shapes; they are accepted and dropped.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, LayerRule } from './table-types';
import { bindSignature, isNone, sizeArg } from './torch-dims';
import { describeArg, NeedsUnknown, num, type Arg, type Dim } from './values';

/** A Keras table entry: a LayerRule plus what the binder needs to read Keras calls. */
export interface KerasLayerRule extends LayerRule {
  /** Keras parameters accepted (positionally, after `params`, in this order, or by keyword) and dropped. */
  ignoredParams: readonly string[];
  /** Old keyword names read as new ones: LeakyReLU's Keras 2 `alpha` is Keras 3's `negative_slope`. */
  aliases?: Readonly<Record<string, string>>;
}

/**
 * Keywords the base `keras.layers.Layer` takes through `**kwargs` (Keras 3 `Layer.__init__` and
 * its allowed kwargs; `input_length` is Keras 2's Embedding argument, dropped with a deprecation
 * warning in Keras 3). `input_shape`, `batch_input_shape`, `batch_size` and `input_dim` are read
 * as the model's input shape when the layer comes first in a Sequential.
 */
export const KERAS_BASE_KEYWORDS = [
  'name',
  'dtype',
  'trainable',
  'autocast',
  'input_shape',
  'batch_input_shape',
  'batch_size',
  'input_dim',
  'input_length',
  'weights',
  'implementation',
  'activity_regularizer',
] as const;

/** Initializer, regularizer and constraint parameters of the common layers, in Keras's order. */
export const KERNEL_BIAS_EXTRAS = [
  'kernel_initializer',
  'bias_initializer',
  'kernel_regularizer',
  'bias_regularizer',
  'activity_regularizer',
  'kernel_constraint',
  'bias_constraint',
] as const;

export interface KerasBound {
  args: BoundArgs;
  defaultsUsed: string[];
  /** The model input the layer declares (`input_shape=(28, 28, 1)` → [N, 28, 28, 1]), batch included. */
  inputShape?: Dim[];
}

/** Keras's layer naming: `to_snake_case(class name)` (Conv2D → conv2d, MaxPooling2D → max_pooling2d, PReLU → p_re_lu). */
export function kerasSnakeName(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Keras's automatic layer names: the snake-case class name, then `_1`, `_2`, … for later layers
 * of the same class in the session (`conv2d`, `conv2d_1`). `counters` holds the per-name counts.
 */
export function kerasAutoName(className: string, counters: Map<string, number>): string {
  const base = kerasSnakeName(className);
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** A shape as Keras prints it: a Python tuple with the symbolic batch as None (`(None, 28, 28, 1)`). */
export function kerasShape(shape: readonly Dim[]): string {
  const items = shape.map((d, i) => (i === 0 && d === 'N' ? 'None' : String(d)));
  return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
}

/** Keras's InputSpec error for a wrong rank (`expected ndim=4` or `expected min_ndim=4`). */
export function kerasRankError(className: string, shape: readonly Dim[], expected: number, kind: 'ndim' | 'min_ndim'): ComputeError {
  return new ComputeError(
    `Input 0 of layer "${kerasSnakeName(className)}" is incompatible with the layer: expected ${kind}=${expected}, found ndim=${shape.length}. Full shape received: ${kerasShape(shape)}`,
  );
}

export function checkRank(className: string, shape: readonly Dim[], expected: number, kind: 'ndim' | 'min_ndim'): void {
  if (kind === 'ndim' ? shape.length !== expected : shape.length < expected) throw kerasRankError(className, shape, expected, kind);
}

const pyRepr = (v: Arg): string => (typeof v === 'string' ? `'${v}'` : describeArg(v));

/** The input shape a layer declares (Keras 2 style `input_shape=` on a Sequential's first layer). */
function declaredInput(keywords: Readonly<Record<string, Arg>>): Dim[] | undefined {
  const batch = isNone(keywords.batch_size) ? 'N' : sizeArg(keywords.batch_size, 'batch_size');
  const dims = (v: Arg, what: string): Dim[] => (Array.isArray(v) ? v : [v]).map((d) => (isNone(d) ? '?' : sizeArg(d, what)));
  if (!isNone(keywords.batch_input_shape)) {
    const [b, ...rest] = dims(keywords.batch_input_shape, 'batch_input_shape');
    return [b === '?' ? 'N' : b, ...rest];
  }
  if (!isNone(keywords.input_shape)) return [batch, ...dims(keywords.input_shape, 'input_shape')];
  if (!isNone(keywords.input_dim)) return [batch, sizeArg(keywords.input_dim, 'input_dim')];
  return undefined;
}

/** A rule's constructor checks; a check that needs an unknown value is skipped (it is checked once known). */
export function runCheck(rule: LayerRule, args: BoundArgs): void {
  try {
    rule.check?.(args);
  } catch (e) {
    if (!(e instanceof NeedsUnknown)) throw e;
  }
}

/**
 * Bind a Keras layer call the way Python and Keras do: positional arguments in the layer's
 * order, keywords by name, defaults filled. Python's own TypeError wording for a wrong positional
 * count, a missing argument or a duplicate; Keras's for a keyword the layer does not take.
 */
export function bindKerasArgs(rule: KerasLayerRule, name: string, positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>): KerasBound {
  const own: Record<string, Arg> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(keywords)) {
    const k = rule.aliases?.[key] ?? key;
    if (rule.params.includes(k) || rule.ignoredParams.includes(k)) {
      if (Object.hasOwn(own, k)) throw new ComputeError(`${name}.__init__() got multiple values for argument '${k}'`, k);
      own[k] = value;
    } else if (!(KERAS_BASE_KEYWORDS as readonly string[]).includes(key)) unknown.push(key);
  }
  if (unknown.length) {
    throw new ComputeError(
      `Unrecognized keyword arguments passed to ${name}: {${unknown.map((k) => `'${k}': ${pyRepr(keywords[k])}`).join(', ')}}`,
      unknown[0],
    );
  }
  if (rule.acceptsAnything) return { args: {}, defaultsUsed: [] };
  const bound = bindSignature(`${name}.__init__`, { params: rule.params, defaults: rule.defaults, ignored: rule.ignoredParams }, positional, own);
  runCheck(rule, bound.args);
  const inputShape = declaredInput(keywords);
  return { ...bound, ...(inputShape ? { inputShape } : {}) };
}

// ── Standardizing arguments (keras.src.utils.argument_validation) ───────────────────────────────

/** An int or a tuple of `n` ints (Keras's `standardize_tuple`), with Keras's wording on a bad length or value. */
export function kerasTuple(v: Arg, n: number, what: string, allowZero = false): number[] {
  const values = Array.isArray(v) ? v : Array.from({ length: n }, () => v);
  const bad = () =>
    new ComputeError(
      `The \`${what}\` argument must be a tuple of ${n} integers. Received ${what}=${pyRepr(v)}, including values that do not satisfy \`value ${allowZero ? '>=' : '>'} 0\``,
      what,
    );
  if (values.length !== n) throw bad();
  return values.map((x) => {
    const k = num(x, what);
    if (!Number.isInteger(k) || k < (allowZero ? 0 : 1)) throw bad();
    return k;
  });
}

/** Keras's `standardize_padding`: 'valid' or 'same' (any case), plus 'causal' where allowed. */
export function kerasPadding(v: Arg, causalAllowed: boolean): 'valid' | 'same' | 'causal' {
  const p = typeof v === 'string' ? v.toLowerCase() : v;
  if (p === 'valid' || p === 'same' || (causalAllowed && p === 'causal')) return p;
  const allowed = causalAllowed ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}";
  throw new ComputeError(`The \`padding\` argument must be a list/tuple or one of ${allowed}. Received: ${pyRepr(v)}`, 'padding');
}

/**
 * Keras's `data_format`: None means `keras.config.image_data_format()`, whose default is
 * 'channels_last' (read here as that default; a changed ~/.keras/keras.json is not seen).
 */
export function kerasDataFormat(v: Arg): 'channels_last' | 'channels_first' {
  if (isNone(v)) return 'channels_last';
  const f = typeof v === 'string' ? v.toLowerCase() : v;
  if (f === 'channels_last' || f === 'channels_first') return f;
  throw new ComputeError(`The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${pyRepr(v)}`, 'data_format');
}

/** Where the spatial and channel axes of a Keras image tensor are, for either data format. */
export interface KerasLayout {
  spatial: Dim[];
  channels: Dim;
  /** Input axes of the spatial dimensions, in order. */
  axes: number[];
  /** The output shape for new spatial sizes and channels. */
  build(spatial: Dim[], channels: Dim): Dim[];
}

/** Split (N, *spatial, C) or, for channels_first, (N, C, *spatial). */
export function kerasLayout(shape: readonly Dim[], dims: number, format: 'channels_last' | 'channels_first'): KerasLayout {
  const [n] = shape;
  if (format === 'channels_first') {
    return { spatial: shape.slice(2), channels: shape[1], axes: Array.from({ length: dims }, (_, i) => 2 + i), build: (s, c) => [n, c, ...s] };
  }
  return { spatial: shape.slice(1, 1 + dims), channels: shape[dims + 1], axes: Array.from({ length: dims }, (_, i) => 1 + i), build: (s, c) => [n, ...s, c] };
}
