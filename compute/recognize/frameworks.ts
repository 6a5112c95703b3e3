/**
 * Keras and Flax layer constructors, and PyTorch's functional calls, mapped to the conv
 * request's PyTorch-named layers. Keras and Flax layers do not state their input channels, so
 * each maker receives the shape (N, C, *spatial) flowing into it. Both frameworks are
 * channels-last; the request is NCHW, so only the shapes are converted (the layer maths are the
 * same), and 'SAME' padding is TensorFlow's: output ⌈n/s⌉ with the odd padding element after.
 *
 * The shared binding and padding helpers are in frameworks-common.ts, the makers in
 * frameworks-keras.ts and frameworks-flax.ts; this file looks a callee up in their tables.
 */
import { KERAS } from './frameworks-keras';
import { FLAX } from './frameworks-flax';
import type { Maker } from './frameworks-common';

export type { LayerFramework } from '../program/table-types';
export { bind, opDims, tfSamePadding, type Args, type Made } from './frameworks-common';
export { kerasTransposePadding } from './frameworks-keras';
export { flaxTransposePadding } from './frameworks-flax';

const KERAS_PREFIXES = ['', 'layers.', 'keras.layers.', 'tf.keras.layers.', 'tensorflow.keras.layers.'];
const FLAX_PREFIXES = ['nn.', 'linen.', 'flax.linen.'];

export function kerasMaker(callee: string): Maker | undefined {
  const dot = callee.lastIndexOf('.');
  const prefix = callee.slice(0, dot + 1);
  const name = callee.slice(dot + 1);
  return KERAS_PREFIXES.includes(prefix) && Object.hasOwn(KERAS, name) ? KERAS[name] : undefined;
}

export function flaxMaker(callee: string): Maker | undefined {
  const dot = callee.lastIndexOf('.');
  const prefix = callee.slice(0, dot + 1);
  const name = callee.slice(dot + 1);
  return FLAX_PREFIXES.includes(prefix) && Object.hasOwn(FLAX, name) ? FLAX[name] : undefined;
}
