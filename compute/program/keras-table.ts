/**
 * The Keras layer table: every `keras.layers.*` / `tf.keras.layers.*` class ML Lens reads, keyed
 * by class name, with Keras 3 argument orders and defaults (tf.keras 2 spellings accepted where
 * they differ: LeakyReLU's `alpha`, InputLayer's `input_shape`, BatchNormalization's renorm
 * arguments, Embedding's `input_length`).
 *
 * Conventions every surface relies on:
 * - Tensors are channels-last, (batch, *spatial, C), as Keras builds them by default
 *   (`data_format='channels_first'` is read where a layer takes it). Receptive-field rules name
 *   the spatial axes they act on in `rf.axes` (1 … rank − 2), since they are not the trailing axes.
 * - Weights are created at the first call, from the input's shape: `paramCountFor(args, inputs)`
 *   gives the parameters (`paramCount(args)` throws NeedsUnknown before a call, except for layers
 *   whose weights the arguments fix, such as Embedding). Weights Keras creates with
 *   trainable=False (BatchNormalization's moving statistics, Normalization's mean, variance and
 *   count) come from `nonTrainableFor` and belong in the model's "Non-trainable params".
 * - MACs are multiply-accumulates with weights, per sample when the batch is the symbol N.
 * - Merge layers (Add, Concatenate, …) take the tensors of the list they are called on as
 *   `inputs`; MultiHeadAttention takes (query, value[, key]) positionally or by keyword.
 *
 * Keywords accepted and dropped (they do not change shapes): every layer's initializers,
 * regularizers and constraints (kernel_initializer, bias_regularizer, …), and the base-layer
 * keywords name, dtype, trainable, autocast, weights, implementation; input_shape, batch_size,
 * batch_input_shape and input_dim are returned by bindKerasArgs as `inputShape`.
 */
import type { Arg, Dim } from './values';
import { TensorV } from './values';
import { bindKerasArgs, type KerasBound, type KerasLayerRule } from './keras-args';
import { KERAS_CONV_LAYERS } from './keras-layers-conv';
import { KERAS_CORE_LAYERS, kerasInputShape } from './keras-layers-core';
import { KERAS_POOL_LAYERS } from './keras-layers-pool';
import { KERAS_SEQ_LAYERS, linkKerasTable } from './keras-layers-seq';
import { bindSignature } from './torch-dims';

export const KERAS_LAYERS: Readonly<Record<string, KerasLayerRule>> = {
  ...KERAS_CONV_LAYERS,
  ...KERAS_POOL_LAYERS,
  ...KERAS_CORE_LAYERS,
  ...KERAS_SEQ_LAYERS,
};

/** The rule for a Keras layer class name (`Conv2D`, `Dense`), or undefined when ML Lens does not read it. */
export function kerasLayerRule(name: string): KerasLayerRule | undefined {
  return Object.hasOwn(KERAS_LAYERS, name) ? KERAS_LAYERS[name] : undefined;
}

linkKerasTable(kerasLayerRule);

/**
 * `keras.Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
 * tensor=None, optional=False)` (Keras 3 order): the symbolic tensor it stands for, (N, *shape).
 */
export function kerasInput(positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>): TensorV {
  const params = ['shape', 'batch_size', 'dtype', 'sparse', 'batch_shape', 'name', 'tensor', 'optional'];
  const defaults = Object.fromEntries(params.map((p) => [p, p === 'optional' ? false : null]));
  const { args } = bindSignature('Input', { params, defaults, ignored: ['ragged', 'type_spec'] }, positional, keywords, false);
  return new TensorV(kerasInputShape(args));
}

/** The input shape an InputLayer's bound arguments declare, batch first (`[N, 28, 28, 1]`). */
export function kerasInputLayerShape(args: Readonly<Record<string, Arg>>): Dim[] {
  return kerasInputShape(args);
}

export { bindKerasArgs, kerasInputShape };
export type { KerasBound, KerasLayerRule };
export { kerasAutoName, kerasSnakeName, KERAS_BASE_KEYWORDS } from './keras-args';
