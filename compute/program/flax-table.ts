/**
 * The Flax layer tables: linen (`import flax.linen as nn`) and NNX (`from flax import nnx`), keyed
 * by class name, plus the functions Flax models call (activations, pooling, jax.numpy).
 *
 * Conventions every surface relies on:
 * - Arrays are channels-last, (*batch, *spatial, features); receptive-field rules name the spatial
 *   axes in `rf.axes` (they are not the trailing axes).
 * - Linen creates params at `init` from the input: `paramCountFor(args, inputs)` (paramCount
 *   throws NeedsUnknown before a call, except Embed). NNX creates them in the constructor from
 *   in_features & co.: `paramCount(args)`, and the forward checks the input against them.
 * - BatchNorm's mean and var are `batch_stats` (linen) / `nnx.BatchStat` (NNX): not params; they
 *   come from `bufferCountFor(args, inputs)` (linen) and `bufferCount(args)` (NNX).
 * - Defaults are Flax's, which differ from PyTorch and Keras: Conv padding 'SAME', pooling
 *   padding 'VALID' with strides None meaning 1, BatchNorm momentum 0.99 and epsilon 1e-5,
 *   LayerNorm epsilon 1e-6, gelu approximate=True.
 * - kernel_size as an int: Flax ≥ 0.8 reads it as the 1-D kernel (k,); Flax 0.3.5–0.7 raised
 *   TypeError ("Expected Conv kernel_size to be a tuple/list of integers (eg.: [3, 3]) but got 3.").
 *   The rule follows Flax ≥ 0.8 and says so in the result's `notes`, including what that does to
 *   an image input (the leading axes become batch axes and only the last spatial axis is convolved).
 * - MACs are multiply-accumulates with weights, per sample when the batch is the symbol N.
 *
 * Naming of submodules: linen `@nn.compact` → `{ClassName}_{k}` per class (linenAutoName); linen
 * `setup()` → the attribute, `{attr}_{i}` for list items (linenSetupName); NNX → the attribute
 * path, `layers.0` for list items (nnxPath).
 */
import type { Arg } from './values';
import { bindFlaxArgs, type FlaxLayerRule } from './flax-shared';
import { LINEN_LAYERS } from './flax-linen';
import { NNX_LAYERS } from './flax-nnx';
import type { Bound } from './torch-dims';

export const FLAX_LINEN_LAYERS: Readonly<Record<string, FlaxLayerRule>> = LINEN_LAYERS;
export const FLAX_NNX_LAYERS: Readonly<Record<string, FlaxLayerRule>> = NNX_LAYERS;

/** The rule for a flax.linen class name (`Conv`, `Dense`, `BatchNorm`), or undefined. */
export function flaxLinenRule(name: string): FlaxLayerRule | undefined {
  return Object.hasOwn(LINEN_LAYERS, name) ? LINEN_LAYERS[name] : undefined;
}

/** The rule for a flax.nnx class name (`Conv`, `Linear`, `BatchNorm`), or undefined. */
export function flaxNnxRule(name: string): FlaxLayerRule | undefined {
  return Object.hasOwn(NNX_LAYERS, name) ? NNX_LAYERS[name] : undefined;
}

/** Bind a linen constructor call (dataclass fields; `name=` and `parent=` accepted and dropped). */
export function bindLinenArgs(rule: FlaxLayerRule, name: string, positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>): Bound {
  return bindFlaxArgs(rule, name, positional, keywords);
}

/** Bind an NNX constructor call (keyword-only arguments after `*`; `rngs=` required where NNX requires it, then dropped). */
export function bindNnxArgs(rule: FlaxLayerRule, name: string, positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>): Bound {
  return bindFlaxArgs(rule, name, positional, keywords);
}

export { bindFlaxArgs, type FlaxLayerRule };
export { flaxFunction, jaxArrayMethod, jaxReshape, type OpResult } from './flax-functions';
export { linenAutoName, linenSetupName } from './flax-linen';
export { nnxPath } from './flax-nnx';
